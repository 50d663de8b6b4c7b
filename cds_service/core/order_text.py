"""What a draft order's text says: the free-text vocabulary of orders
(``data/terminology/text_patterns.json``, loaded and checked once, at import) and the kind,
contrast phase, sites and CT regions, side and purposes an order's code text, body site text or
reason names (docs/matching-policy.md, appendix A), and the protocol a changed contrast CT
keeps (P11.45). ``core/orders.py`` weighs them against the order's codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

from cds_service.core import anatomy
from cds_service.core.loader import Where, check_keys, compile_any, load_json, str_list
from cds_service.core.terminology import PURPOSES

CT_BY_CONTRAST = {"without": "ct-noncontrast", "with": "ct-contrast",
                  "without-and-with": "ct-without-and-with"}


@dataclass(frozen=True, slots=True)
class _Patterns:
    blank: re.Pattern[str]
    guidance: re.Pattern[str]
    modality: dict[str, re.Pattern[str]]
    contrast: dict[str, re.Pattern[str]]
    named: re.Pattern[str]        # a bare "CONTRAST": with, unless a without phrase is there
    combined: re.Pattern[str]     # "COMBO": without and with, when nothing else is stated
    plain_protocol: re.Pattern[str]  # "HIGH RESOLUTION": without, when nothing else is stated
    oral: re.Pattern[str]         # oral contrast, no IV: without, when nothing else is stated
    biopsy: re.Pattern[str]
    names_bone: re.Pattern[str]   # a bone a biopsy's own words sample ("LUMBAR VERTEBRA", P15.12)
    names_soft_mass: re.Pattern[str]  # "CHEST WALL MASS AT 7TH RIB": a mass beside it (P15.12)
    not_a_lesion: re.Pattern[str]
    not_a_lesion_over_code: re.Pattern[str]  # such a name outweighs a biopsy code (P15.6)
    diffuse_reason: re.Pattern[str]  # a reason naming a diffuse disease of the tissue (P15.6a)
    names_lesion: re.Pattern[str]  # lesion words besides the mass and node purposes (P15.6a)
    nodal_reason: re.Pattern[str]  # a disease of the nodes (lymphoma): a biopsy of them (P15.16)
    intervention: re.Pattern[str]
    surgery: re.Pattern[str]
    not_the_procedure: re.Pattern[str]
    not_the_question: re.Pattern[str]  # "history of calcific tendinitis": no question asked
    bilateral: re.Pattern[str]
    purposes: dict[str, re.Pattern[str]]
    protocols: tuple[tuple[frozenset[str], str, re.Pattern[str]], ...]  # regions, name, words
    # the organs each endoscope reaches, its words and the words that leave it as it was (P15.18)
    scopes: tuple[tuple[frozenset[str], re.Pattern[str], re.Pattern[str] | None], ...] = ()


def _named(raw: Any, where: Where, names: set[str]) -> dict[str, re.Pattern[str]]:
    """An object of name → list of patterns, with exactly ``names`` (or a subset if empty)."""
    check_keys(raw, where, names)
    return {k: compile_any(str_list(v, where / k), where / k) for k, v in raw.items()
            if not k.startswith("_")}


def _load_patterns() -> _Patterns:
    raw, where = load_json("terminology/text_patterns.json")
    check_keys(raw, where, {"blank", "guidance", "modality", "contrast", "biopsy", "names_bone",
                            "endoscopy", "not_a_lesion", "intervention", "surgery",
                            "not_the_procedure", "not_the_question", "bilateral", "purposes",
                            "protocols"})
    for key in ("blank", "names_bone", "not_a_lesion", "intervention", "surgery", "bilateral"):
        check_keys(raw[key], where / key,
                   {"patterns", "over_code", "diffuse_reason", "names_lesion", "nodal_reason"}
                   if key == "not_a_lesion" else {"patterns", "soft_mass"}
                   if key == "names_bone" else {"patterns"})
    purposes = raw["purposes"]
    check_keys(purposes, where / "purposes", (), PURPOSES)

    def one(key: str, value: Any) -> re.Pattern[str]:
        return compile_any(str_list(value, where / key), where / key)

    protocols: list[tuple[frozenset[str], str, re.Pattern[str]]] = []
    for name, entry in raw["protocols"].items():
        if not name.startswith("_"):
            at = where / "protocols" / name
            check_keys(entry, at, {"regions", "name", "patterns"})
            if unknown := set(str_list(entry["regions"], at / "regions")) - set(
                    anatomy.all_regions()):
                raise at.error(f"unknown regions {sorted(unknown)}")
            protocols.append((frozenset(entry["regions"]), str(entry["name"]),
                              one(f"protocols.{name}", entry["patterns"])))
    scopes = _scopes(raw["endoscopy"], where / "endoscopy")
    contrast = _named(raw["contrast"], where / "contrast",
                      set(CT_BY_CONTRAST) | {"named", "combined", "plain_protocol", "oral"})
    return _Patterns(
        blank=one("blank.patterns", raw["blank"]["patterns"]),
        guidance=one("guidance", raw["guidance"]),
        modality=_named(raw["modality"], where / "modality",
                        {"ct", "mri", "ultrasound", "radiography"}),
        contrast=contrast,
        named=contrast.pop("named"),
        combined=contrast.pop("combined"),
        plain_protocol=contrast.pop("plain_protocol"),
        oral=contrast.pop("oral"),
        biopsy=one("biopsy", raw["biopsy"]),
        names_bone=one("names_bone.patterns", raw["names_bone"]["patterns"]),
        names_soft_mass=one("names_bone.soft_mass", raw["names_bone"]["soft_mass"]),
        not_a_lesion=one("not_a_lesion.patterns", raw["not_a_lesion"]["patterns"]),
        not_a_lesion_over_code=one("not_a_lesion.over_code",
                                   raw["not_a_lesion"]["over_code"]),
        diffuse_reason=one("not_a_lesion.diffuse_reason", raw["not_a_lesion"]["diffuse_reason"]),
        names_lesion=one("not_a_lesion.names_lesion", raw["not_a_lesion"]["names_lesion"]),
        nodal_reason=one("not_a_lesion.nodal_reason", raw["not_a_lesion"]["nodal_reason"]),
        intervention=one("intervention.patterns", raw["intervention"]["patterns"]),
        surgery=one("surgery.patterns", raw["surgery"]["patterns"]),
        not_the_procedure=one("not_the_procedure", raw["not_the_procedure"]),
        not_the_question=one("not_the_question", raw["not_the_question"]),
        bilateral=one("bilateral.patterns", raw["bilateral"]["patterns"]),
        purposes={k: one(f"purposes.{k}", v) for k, v in purposes.items()
                  if not k.startswith("_")},
        protocols=tuple(protocols),
        scopes=scopes,
    )


def _scopes(raw: Any, where: Where) -> tuple[tuple[frozenset[str], re.Pattern[str],
                                                  re.Pattern[str] | None], ...]:
    """The endoscopes of ``text_patterns.json``: the sites each reaches (P15.18)."""
    check_keys(raw, where, {"scopes"})
    if not isinstance(raw["scopes"], list):
        raise (where / "scopes").error("must be a list")
    out = []
    for i, entry in enumerate(raw["scopes"]):
        at = where / "scopes" / str(i)
        check_keys(entry, at, {"name", "sites", "patterns"}, {"unless"})
        sites = str_list(entry["sites"], at / "sites")
        anatomy.require(sites)
        unless = compile_any(str_list(entry["unless"], at / "unless"), at / "unless") \
            if "unless" in entry else None
        out.append((frozenset(sites), compile_any(str_list(entry["patterns"], at / "patterns"),
                                                  at / "patterns"), unless))
    return tuple(out)


PATTERNS: _Patterns = _load_patterns()
# a cardiovascular work-up, or one asking about a coronary, pericardial or valve structure (a
# TAVR-planning CT angiogram of the chest, abdomen and pelvis, P11.13)
CARDIO_QUESTIONS = frozenset({"cardiovascular", "coronary", "pericardial", "valvular"})
# what a card's force follows (P11.5, P11.13): asked only outside a clause of history
QUESTIONS = CARDIO_QUESTIONS | {"crystal-deposition"}


# --------------------------------------------------------------------------- reading text

def _blank(text: str, pattern: re.Pattern[str]) -> tuple[str, bool]:
    found = False

    def spaces(m: re.Match[str]) -> str:
        nonlocal found
        found = True
        return " " * len(m.group(0))

    return pattern.sub(spaces, text), found


def text_contrast(text: str, oral: bool | None = None) -> str | None:
    """The contrast phase a CT's text states (P17.1); ``oral``: the text, before its hybrid and
    oral-contrast phrases were blanked, names oral contrast without IV contrast."""
    pats = PATTERNS.contrast
    if oral is None:
        oral = PATTERNS.oral.search(text) is not None
    text, _ = _blank(text, PATTERNS.blank)
    if pats["without-and-with"].search(text):
        return "without-and-with"
    rest, without = _blank(text, pats["without"])
    with_ = pats["with"].search(rest) is not None
    if without and with_:
        return "without-and-with"
    if without:
        return "without"
    if with_ or PATTERNS.named.search(rest):
        return "with"
    if PATTERNS.combined.search(text):
        return "without-and-with"
    # high-resolution chest CT; oral contrast only, which CPT codes as a CT without contrast
    return "without" if oral or PATTERNS.plain_protocol.search(text) else None


def text_kind(text: str) -> tuple[str | None, bool]:
    """Kind named by order text (``"ct"`` when contrast is not stated) and whether a biopsy is
    named as the procedure. ``None`` when the text names no modality and no biopsy."""
    if not text:
        return None, False
    oral = PATTERNS.oral.search(text) is not None
    for pattern in (PATTERNS.blank, PATTERNS.guidance):
        text, _ = _blank(text, pattern)
    text, no_lesion = _blank(text, PATTERNS.not_a_lesion)
    biopsies = [m.span() for m in PATTERNS.biopsy.finditer(text)]
    first: tuple[int, str] | None = None
    for kind, pattern in PATTERNS.modality.items():
        m = pattern.search(text)
        if m and (first is None or m.start() < first[0]):
            first = (m.start(), kind)
    occasions = [m.span() for m in PATTERNS.not_the_procedure.finditer(text)]

    def acts(spans: list[tuple[int, int]]) -> bool:
        return any(not any(s <= a and b <= e for s, e in occasions) for a, b in spans)

    if acts(biopsies):
        return "biopsy", True
    if no_lesion or acts([m.span() for m in PATTERNS.intervention.finditer(text)]):
        return None, False   # a modality named here is the procedure's guidance (P15.1)
    if first is None:
        surgery = acts([m.span() for m in PATTERNS.surgery.finditer(text)])
        return ("surgery" if surgery else None), False
    if first[1] == "ct":
        contrast = text_contrast(text, oral)
        return (CT_BY_CONTRAST[contrast] if contrast else "ct"), False
    return first[1], False


@dataclass(frozen=True, slots=True)
class TextAnatomy:
    sites: frozenset[str]
    region: str | None            # the first region named
    regions: frozenset[str]       # every region named (chest, abdomen and pelvis: all three)
    # of ``sites``, those only a named muscle's belly spans ("DELTOID": the shoulder, P1.7)
    spanned: frozenset[str] = frozenset()


_EMPTY = TextAnatomy(frozenset(), None, frozenset())


def text_anatomy(text: str) -> TextAnatomy:
    """Sites and CT region an order text names (the one anatomy table)."""
    if not text:
        return _EMPTY
    found: dict[str, int] = {}
    phrases = [(m.start(), m.end(), rid) for rid, pattern in anatomy.region_patterns().items()
               for m in pattern.finditer(text)]
    sites: set[str] = set()
    spanned: set[str] = set()
    occasions: list[tuple[int, int]] | None = None
    hits = anatomy.find_order_sites(text)
    for at, (start, end, sid) in enumerate(hits):
        site = anatomy.site(sid)
        region = site.ct_region if site is not None else None
        if site is not None and not site.order_text:  # a hollow viscus named by its operation
            if occasions is None:  # history or occasion ("s/p sigmoid colectomy") is no place
                occasions = [m.span() for m in PATTERNS.not_the_procedure.finditer(text)]
            if any(s < end and start < e for s, e in occasions):  # of the order (P18.17)
                continue
        if anatomy.diagnosis_elsewhere(text[start:end], sid, (h[2] for h in hits), None):
            continue   # "ESOPHAGEAL LEIOMYOMA": a diagnosis word, not the uterus (P1.9, P18.23)
        if region and any(s <= start and end <= e and end - start < e - s
                          and region not in anatomy.expand(r) for s, e, r in phrases):
            continue   # a word inside another region's phrase: "CERVICAL" of "CERVICAL SP"
        sites.add(sid)
        if not _names_tissue(text, hits[at + 1:], end):  # "GLUTEUS MEDIUS TENDON": the hip's
            spanned |= anatomy.spanned_by(text[start:end])  # the deltoid's shoulder (P1.7)
        if region is not None:
            found.setdefault(region, start)
    for start, _end, rid in phrases:
        found[rid] = min(start, found.get(rid, start))
    covered = {r for r in found for o in found if o != r and r in anatomy.expand(o)}
    kept = {r: p for r, p in found.items() if r not in covered}
    if "abdomen" in kept and "pelvis" in kept:
        kept["abdomen-pelvis"] = min(kept.pop("abdomen"), kept.pop("pelvis"))
    return TextAnatomy(frozenset(sites | spanned),
                       min(kept, key=lambda r: kept[r]) if kept else None, frozenset(kept),
                       frozenset(spanned - sites))


def _names_tissue(text: str, after: list[tuple[int, int, str]], end: int) -> bool:
    """Whether a tissue of the table (a tendon, a bursa) is named right after a muscle's name:
    "GLUTEUS MEDIUS TENDON" names the tendon, at the muscle's own site only (P1.7, P15.9)."""
    return bool(after) and not text[end:after[0][0]].strip() and not anatomy.site_regions(
        after[0][2])


def scope_sites(text: str) -> frozenset[str]:
    """The organs the endoscopes a biopsy's own name or code descriptor names reach ("EGD WITH
    BIOPSY": the oesophagus, stomach and duodenum), outside a history or occasion (P15.18)."""
    if not text:
        return frozenset()
    occasions = [m.span() for m in PATTERNS.not_the_procedure.finditer(text)]
    reached: set[str] = set()
    for sites, words, unless in PATTERNS.scopes:
        if (unless is None or not unless.search(text)) and any(
                not any(s <= m.start() and m.end() <= e for s, e in occasions)
                for m in words.finditer(text)):
            reached |= sites
    return frozenset(reached)


def text_side(text: str) -> str | None:
    """The side a text names: the anatomy table's side words, a side written as one capital
    letter ("MRI L KNEE WO"), and "BIL", "BL", "B/L" (P17.2)."""
    side = anatomy.side_in(text, letters=True)
    return "bilateral" if text and PATTERNS.bilateral.search(text) else side


def text_purposes(text: str) -> frozenset[str]:
    """The purposes a text names; a crystal or cardiovascular question only outside a clause
    of history ("hip pain; history of calcific tendinitis" asks about the pain, P11.5)."""
    if not text:
        return frozenset()
    asked = PATTERNS.not_the_question.sub(" ", text)
    return frozenset(pid for pid, pattern in PATTERNS.purposes.items()
                     if pattern.search(asked if pid in QUESTIONS else text))


def question_purposes(text: str) -> frozenset[str]:
    """The cardiovascular and crystal questions a report sentence names, by the order words."""
    return frozenset(pid for pid in QUESTIONS if PATTERNS.purposes[pid].search(text))


class _Ordered(Protocol):  # a DraftOrder (core/orders.py reads this module, not the reverse)
    @property
    def region(self) -> str | None: ...
    @property
    def resource(self) -> dict[str, Any]: ...


def protocol_kept(order: _Ordered | None, study: str) -> str:
    """The study a contrast CT is changed to, named with the protocol the order names ("CT
    enterography without and with contrast" for "CT ENTEROGRAPHY W IV CONTRAST", P11.45); as it
    is where the order names none, or the change names several regions."""
    if order is None or not study.startswith("CT ") or ";" in study or " without" not in study:
        return study
    code = order.resource.get("code")
    code = code if isinstance(code, dict) else {}
    own = " ".join(t for t in (code.get("text"), *(c.get("display") for c in code.get(
        "coding") or () if isinstance(c, dict))) if isinstance(t, str))[:400]  # not a body site
    cut = study.index(" without")
    return next((name.format(study=study[:cut], phase=study[cut:])
                 for regions, name, words in PATTERNS.protocols
                 if order.region in regions and words.search(own)), study)
