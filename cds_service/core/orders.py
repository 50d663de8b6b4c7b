"""Order reading: a draft ServiceRequest becomes a `DraftOrder` (kind, CT region, sites, purposes).

Pure core. Codes are the tables of ``core.terminology`` (``data/terminology/*.csv``), sites and
regions the one anatomy table, free-text vocabulary ``data/terminology/text_patterns.json``; all
loaded and checked once, at import. The kinds, the precedence of codes, body site, order text and
reason, the reference and the validation are described in docs/matching-policy.md, appendix A.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from fhir.resources.R4B.servicerequest import ServiceRequest

from cds_service.core import anatomy, terminology
from cds_service.core.loader import Where, check_keys, compile_any, load_json, str_list
from cds_service.core.reading import guard
from cds_service.core.terminology import (
    ORDER_KINDS,
    PURPOSES,
    TABLE_KINDS,
    CodeEntry,
    OrderKind,
    canonical_system,
)
from cds_service.core.validation import validate_r4

__all__ = ["ORDER_KINDS", "PURPOSES", "TABLE_KINDS", "DraftOrder", "OrderKind",
           "classify_order", "question_purposes", "validate"]

# Conflict order among definite kinds (lower index wins).
_KIND_PRIORITY = ("biopsy", "surgery", "ct-without-and-with", "ct-contrast", "ct-noncontrast",
                  "mri", "ultrasound", "radiography", "other")
_CT_BY_CONTRAST = {"without": "ct-noncontrast", "with": "ct-contrast",
                   "without-and-with": "ct-without-and-with"}


@dataclass(frozen=True, slots=True)
class DraftOrder:
    reference: str                # "ServiceRequest/<id>", else full_url, else "ServiceRequest"
    kind: OrderKind
    region: str | None            # CT region id (anatomy) or None when unknown
    sites: frozenset[str]         # anatomy site ids named by the order
    purposes: frozenset[str]      # "crystal-deposition", "cardiovascular", "characterize", ...
    display: str                  # what the clinician sees: code.text, else first display
    codes: tuple[tuple[str, str], ...]   # (system, code), system canonicalised
    status: str
    resource: dict                # the raw resource, for update actions
    contrast_stated: bool = True  # False: a CT whose contrast the order does not state
    regions: frozenset[str] = frozenset()  # every CT region the order covers (multi-region)
    side: str | None = None       # "left" | "right" | "bilateral" | None (not stated)
    reason_sites: frozenset[str] = frozenset()  # sites the reason, note or bodySite text names
    reason_side: bool = False     # the side is the reason's only (P4.4b: a primary's side)
    text_skipped: int = 0         # characters of order text past guard.MAX_ORDER_CHARS

    @property
    def target_sites(self) -> frozenset[str]:
        """The sites the order is about: named in it, else in its reason (P3.1)."""
        return self.sites | self.reason_sites


# --------------------------------------------------------------------------- text patterns

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
    not_a_lesion: re.Pattern[str]
    not_a_lesion_over_code: re.Pattern[str]  # such a name outweighs a biopsy code (P15.6)
    diffuse_reason: re.Pattern[str]  # a reason naming a diffuse disease of the tissue (P15.6a)
    names_lesion: re.Pattern[str]  # lesion words besides the mass and node purposes (P15.6a)
    intervention: re.Pattern[str]
    surgery: re.Pattern[str]
    not_the_procedure: re.Pattern[str]
    not_the_question: re.Pattern[str]  # "history of calcific tendinitis": no question asked
    bilateral: re.Pattern[str]
    purposes: dict[str, re.Pattern[str]]


def _named(raw: Any, where: Where, names: set[str]) -> dict[str, re.Pattern[str]]:
    """An object of name → list of patterns, with exactly ``names`` (or a subset if empty)."""
    check_keys(raw, where, names)
    return {k: compile_any(str_list(v, where / k), where / k) for k, v in raw.items()
            if not k.startswith("_")}


def _load_patterns() -> _Patterns:
    raw, where = load_json("terminology/text_patterns.json")
    check_keys(raw, where, {"blank", "guidance", "modality", "contrast", "biopsy", "not_a_lesion",
                            "intervention", "surgery", "not_the_procedure", "not_the_question",
                            "bilateral", "purposes"})
    for key in ("blank", "not_a_lesion", "intervention", "surgery", "bilateral"):
        check_keys(raw[key], where / key,
                   {"patterns", "over_code", "diffuse_reason", "names_lesion"}
                   if key == "not_a_lesion" else {"patterns"})
    purposes = raw["purposes"]
    check_keys(purposes, where / "purposes", (), PURPOSES)

    def one(key: str, value: Any) -> re.Pattern[str]:
        return compile_any(str_list(value, where / key), where / key)

    contrast = _named(raw["contrast"], where / "contrast",
                      set(_CT_BY_CONTRAST) | {"named", "combined", "plain_protocol", "oral"})
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
        not_a_lesion=one("not_a_lesion.patterns", raw["not_a_lesion"]["patterns"]),
        not_a_lesion_over_code=one("not_a_lesion.over_code",
                                   raw["not_a_lesion"]["over_code"]),
        diffuse_reason=one("not_a_lesion.diffuse_reason", raw["not_a_lesion"]["diffuse_reason"]),
        names_lesion=one("not_a_lesion.names_lesion", raw["not_a_lesion"]["names_lesion"]),
        intervention=one("intervention.patterns", raw["intervention"]["patterns"]),
        surgery=one("surgery.patterns", raw["surgery"]["patterns"]),
        not_the_procedure=one("not_the_procedure", raw["not_the_procedure"]),
        not_the_question=one("not_the_question", raw["not_the_question"]),
        bilateral=one("bilateral.patterns", raw["bilateral"]["patterns"]),
        purposes={k: one(f"purposes.{k}", v) for k, v in purposes.items()
                  if not k.startswith("_")},
    )


PATTERNS: _Patterns = _load_patterns()
# a cardiovascular work-up, or one asking about a coronary, pericardial or valve structure (a
# TAVR-planning CT angiogram of the chest, abdomen and pelvis, P11.13)
CARDIO_QUESTIONS = frozenset({"cardiovascular", "coronary", "pericardial", "valvular"})
# what a card's force follows (P11.5, P11.13): asked only outside a clause of history
QUESTIONS = CARDIO_QUESTIONS | {"crystal-deposition"}


# --------------------------------------------------------------------------- validation

def validate(resource: Any) -> None:
    """Raise `InvalidResource` unless ``resource`` is a valid R4 ServiceRequest (lenient)."""
    validate_r4(resource, ServiceRequest, "ServiceRequest")


# --------------------------------------------------------------------------- reading text

def _blank(text: str, pattern: re.Pattern[str]) -> tuple[str, bool]:
    found = False

    def spaces(m: re.Match[str]) -> str:
        nonlocal found
        found = True
        return " " * len(m.group(0))

    return pattern.sub(spaces, text), found


def _contrast(text: str, oral: bool | None = None) -> str | None:
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


def _text_kind(text: str) -> tuple[str | None, bool]:
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
        contrast = _contrast(text, oral)
        return (_CT_BY_CONTRAST[contrast] if contrast else "ct"), False
    return first[1], False


@dataclass(frozen=True, slots=True)
class _Anatomy:
    sites: frozenset[str]
    region: str | None            # the first region named
    regions: frozenset[str]       # every region named (chest, abdomen and pelvis: all three)


_EMPTY_ANATOMY = _Anatomy(frozenset(), None, frozenset())


def _anatomy(text: str) -> _Anatomy:
    """Sites and CT region an order text names (the one anatomy table)."""
    if not text:
        return _EMPTY_ANATOMY
    found: dict[str, int] = {}
    phrases = [(m.start(), m.end(), rid) for rid, pattern in anatomy.region_patterns().items()
               for m in pattern.finditer(text)]
    sites: set[str] = set()
    for start, end, sid in anatomy.find_order_sites(text):
        site = anatomy.site(sid)
        region = site.ct_region if site is not None else None
        if region and any(s <= start and end <= e and end - start < e - s
                          and region not in anatomy.expand(r) for s, e, r in phrases):
            continue   # a word inside another region's phrase: "CERVICAL" of "CERVICAL SP"
        sites.add(sid)
        if region is not None:
            found.setdefault(region, start)
    for start, _end, rid in phrases:
        found[rid] = min(start, found.get(rid, start))
    covered = {r for r in found for o in found if o != r and r in anatomy.expand(o)}
    kept = {r: p for r, p in found.items() if r not in covered}
    if "abdomen" in kept and "pelvis" in kept:
        kept["abdomen-pelvis"] = min(kept.pop("abdomen"), kept.pop("pelvis"))
    return _Anatomy(frozenset(sites), min(kept, key=lambda r: kept[r]) if kept else None,
                    frozenset(kept))


def _side(text: str) -> str | None:
    """The side a text names: the anatomy table's side words, a side written as one capital
    letter ("MRI L KNEE WO"), and "BIL", "BL", "B/L" (P17.2)."""
    side = anatomy.side_in(text, letters=True)
    return "bilateral" if text and PATTERNS.bilateral.search(text) else side


def _purposes(text: str) -> frozenset[str]:
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


# --------------------------------------------------------------------------- classification

def _concept_parts(concept: Any) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(system, code, display) codings and the texts of a CodeableConcept-like dict."""
    codings: list[tuple[str, str, str]] = []
    texts: list[str] = []
    if not isinstance(concept, dict):
        return codings, texts
    if isinstance(concept.get("text"), str) and concept["text"].strip():
        texts.append(concept["text"])
    for coding in concept.get("coding") or ():
        if not isinstance(coding, dict):
            continue
        display = d if isinstance(d := coding.get("display"), str) else ""
        if display.strip():
            texts.append(display)
        system, code = coding.get("system"), coding.get("code")
        if isinstance(code, str) and code:
            codings.append((canonical_system(system if isinstance(system, str) else ""),
                            code, display))
    return codings, texts


def _display(concept: Any, entries: list[CodeEntry], texts: list[str],
             codings: list[tuple[str, str, str]], site_texts: list[str]) -> str:
    """The order as a clinician names it: its text; else, for a code alone, the table's name
    of the code (not a CPT descriptor's "(eg, vertebral body, femur)") with the body site it
    is ordered for ("percutaneous bone biopsy with trocar or needle (deep), left ischium");
    else the coding's display, else the code."""
    text = concept.get("text") if isinstance(concept, dict) else None
    if isinstance(text, str) and text.strip():
        return text
    name = entries[0].display if entries else (texts[0] if texts else "")
    if not name:
        return codings[0][1] if codings else ""
    place = next((t.strip() for t in site_texts if t.strip()), "")
    if entries and place and place.lower() not in name.lower():
        return f"{name}, {place[0].lower()}{place[1:]}"
    return name


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _best_kind(entries: list[CodeEntry]) -> str | None:
    definite = {e.kind for e in entries if e.kind in ORDER_KINDS}
    if definite:
        if {"ct-noncontrast", "ct-contrast"} <= definite:
            return "ct-without-and-with"
        return min(definite, key=_KIND_PRIORITY.index)
    for kind in ("ct", "guidance"):
        if any(e.kind == kind for e in entries):
            return kind
    return None


def _miscoded(entry: CodeEntry, display: str) -> bool:
    """A coding whose own display names another modality than its code (LOINC 24558-9, US
    Abdomen, displayed "CT Neck W contrast IV"): a mapping error; its words decide (P17.13)."""
    family = "ct" if entry.kind.startswith("ct") else entry.kind
    named = [(m.start(), k) for k, p in PATTERNS.modality.items() if (m := p.search(display))]
    return family in PATTERNS.modality and bool(named) and min(named)[1] != family


def _reference(resource: dict, full_url: str | None) -> str:
    rid = resource.get("id")
    return f"ServiceRequest/{rid}" if isinstance(rid, str) and rid else full_url or "ServiceRequest"


def classify_order(resource: dict, *, full_url: str | None = None) -> DraftOrder:
    """Validate a draft ServiceRequest (R4, lenient) and read what it orders.

    Raises `errors.InvalidResource` when the resource is not a valid R4 ServiceRequest.
    """
    validate(resource)
    return _classify(resource, full_url)


def _kind(entries: list[CodeEntry], order_text: str) -> tuple[str, bool]:
    """The order kind and whether a CT states its contrast (see the module docstring)."""
    coded = _best_kind(entries)
    text_kind, text_biopsy = _text_kind(order_text)
    if coded in ORDER_KINDS:
        kind = coded
    elif coded == "ct":
        contrast = _contrast(order_text) if order_text else None
        kind = _CT_BY_CONTRAST[contrast] if contrast else "ct"
    elif coded == "guidance":
        kind = "biopsy" if text_biopsy else "other"
    else:
        kind = text_kind or "other"
    if kind == "ct":
        return "ct-contrast", False
    return kind, True


def _bounded(text: str, skipped: list[int]) -> str:
    """Order text folded and collapsed (``reading.guard``), at most ``MAX_ORDER_CHARS`` of it.

    An order's text is a name and a reason, never pages: what lies past the cap is not read,
    and its length is added to ``skipped`` (the call counts it).
    """
    out, cut = guard.clean(text, guard.MAX_ORDER_CHARS)
    skipped[0] += cut
    return out


def _of_tissue(order_text: str, reason_text: str) -> bool:
    """A biopsy named for an organ's tissue ("random", "non-focal", "medical renal"), whatever
    the code's descriptor says, or one whose reason names a diffuse disease (transaminitis,
    nephrotic syndrome): no lesion target when neither text nor reason names a lesion (P15.6a)."""
    named = PATTERNS.not_a_lesion_over_code.search(order_text)
    if not (named or PATTERNS.diffuse_reason.search(reason_text)):
        return False
    said = order_text if named else order_text + " ; " + reason_text
    return not any(p.search(said) for p in (PATTERNS.purposes["mass"], PATTERNS.names_lesion,
                                            PATTERNS.purposes["lymph-node"]))


_TARGET_WORDS = frozenset({"mass", "lymph-node"})


def _classify(resource: dict, full_url: str | None) -> DraftOrder:
    code_codings, code_texts = _concept_parts(resource.get("code"))
    order_texts = list(code_texts)
    for detail in _list(resource.get("orderDetail")):
        order_texts.extend(_concept_parts(detail)[1])
    entries = [e for s, c, d in code_codings
               if (e := terminology.CODES.get((s, c))) is not None and not _miscoded(e, d)]
    entries.sort(key=lambda e: (0 if e.kind in ORDER_KINDS else 1,
                                _KIND_PRIORITY.index(e.kind) if e.kind in ORDER_KINDS else 0))
    skipped = [0]
    order_text = _bounded(" ; ".join(order_texts), skipped)
    kind, contrast_stated = _kind(entries, order_text)

    # body site: SNOMED codes of the anatomy table, then text
    site_region: str | None = None
    sites: set[str] = set()
    site_texts: list[str] = []
    coded_side: str | None = None
    for concept in _list(resource.get("bodySite")):
        codings, texts = _concept_parts(concept)
        site_texts.extend(texts)
        for system, code, _ in codings:
            coded_side = coded_side or anatomy.snomed_side(system, code)
            sid = anatomy.snomed_site(system, code)
            site = anatomy.site(sid) if sid else None
            if site is not None:
                site_region = site_region or site.ct_region
                sites.add(site.id)
    site_text = _bounded(" ; ".join(site_texts), skipped)

    # reasons and notes
    reason_texts: list[str] = []
    purposes: set[str] = set()
    for concept in _list(resource.get("reasonCode")):
        codings, texts = _concept_parts(concept)
        reason_texts.extend(texts)
        for system, code, _ in codings:
            purposes |= terminology.REASONS.get((system, code), frozenset())
    for ref in _list(resource.get("reasonReference")):
        if isinstance(ref, dict) and isinstance(ref.get("display"), str):
            reason_texts.append(ref["display"])
    note_texts = [n["text"] for n in _list(resource.get("note"))
                  if isinstance(n, dict) and isinstance(n.get("text"), str)]
    reason_text = _bounded(" ; ".join(reason_texts + note_texts), skipped)

    # region: coding → bodySite → order text → reason text
    site_anat, order_anat = _anatomy(site_text), _anatomy(order_text)
    region = next((e.region for e in entries if e.region), None)
    region = region or site_region or site_anat.region or order_anat.region
    coded_regions = frozenset(e.region for e in entries if e.region)
    covered = (anatomy.expand_all(coded_regions) if len(coded_regions) > 1 else coded_regions) \
        or ({site_region} if site_region else set()) or site_anat.regions or order_anat.regions

    for e in entries:
        sites |= e.sites
        purposes |= e.purposes
    sites |= site_anat.sites | order_anat.sites
    reason_anat = _anatomy(reason_text)
    if reason_text and (region is None or not sites):
        region = region or reason_anat.region
        covered = covered or reason_anat.regions
        if not sites:
            sites |= reason_anat.sites
    purposes |= _purposes(order_text) | (given := _purposes(site_text) | _purposes(reason_text))
    own = " ; ".join(c["text"] for c in (resource.get("code"), *_list(resource.get("orderDetail")))
                     if isinstance(c, dict) and isinstance(c.get("text"), str))
    named = _TARGET_WORDS & _purposes(guard.clean(own, guard.MAX_ORDER_CHARS)[0])
    if named and kind in ("biopsy", "surgery"):  # its own name names what it acts on, not the
        # code's descriptor ("first lesion", "retroperitoneal mass"; P15.8)
        purposes -= (_TARGET_WORDS - named) - given
    if "arthrogram" in purposes:  # it asks about the joint's inside, not its crystals (P11.5a)
        purposes.discard("crystal-deposition")
    if kind == "biopsy" and _of_tissue(order_text, reason_text):
        kind = "other"  # "RANDOM LIVER BIOPSY", or one for transaminitis (P15.6, P15.6a)

    display = _display(resource.get("code"), entries, code_texts, code_codings, site_texts)

    status = resource.get("status")
    own_side, reason_side = coded_side or _side(site_text) or _side(order_text), _side(reason_text)
    return DraftOrder(
        reference=_reference(resource, full_url),
        kind=kind,  # type: ignore[arg-type]  # in ORDER_KINDS: mypy does not narrow by `in`
        region=region,
        sites=frozenset(sites),
        purposes=frozenset(purposes),
        display=display,
        codes=tuple((s, c) for s, c, _ in code_codings),
        status=status if isinstance(status, str) else "",
        resource=resource,
        contrast_stated=contrast_stated,
        regions=frozenset(covered) or (frozenset({region}) if region else frozenset()),
        side=own_side or reason_side,
        reason_side=own_side is None and reason_side is not None,
        reason_sites=reason_anat.sites,
        text_skipped=skipped[0],
    )
