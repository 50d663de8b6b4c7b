"""Loading and checking the one anatomy table (``data/anatomy.json``): CT regions (the CPT codes
the service suggests, checked against ``data/terminology/cpt.csv``), sites named in reports and
orders (synonyms, regions, the CT region a site is ordered as, sides, SNOMED CT codes, ``is_a``
parents), the radiographs of a bone's site (P16.2), the ultrasounds (P18.4, P13.8) and the groups
rules read (deep locations, flank-mass, crystal-deposition sites). A bad file stops the import.
The questions asked of the loaded table are ``core/anatomy.py``'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from cds_service.core import terminology
from cds_service.core.anatomy_primary import Primary, load_primary
from cds_service.core.loader import (
    DataError,
    Where,
    check_keys,
    compile_any,
    load_json,
    str_list,
)
from cds_service.core.terminology import CPT_SYSTEM
from cds_service.core.textmatch import PhraseMatcher, phrase_pattern

SNOMED = "http://snomed.info/sct"
FILE = "anatomy.json"


@dataclass(frozen=True, slots=True)
class CtCode:
    cpt: str
    display: str


@dataclass(frozen=True, slots=True)
class Region:
    id: str
    display: str
    covers: frozenset[str]
    noncontrast: CtCode
    without_and_with: CtCode | None  # None: no single CPT code (cardiac: 75571 + 75572)
    # a code family naming several parts ("CT orbit, sella or temporal bone"): the part a
    # structure's site is, as a clinician names the study ("orbits"), P11.15a
    parts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Site:
    id: str
    synonyms: tuple[str, ...]
    regions: frozenset[str]       # CT regions imaging the site (empty: the site won't tell)
    ct_region: str | None         # the one region a CT of this site is ordered as
    side: bool                    # paired structure: left and right matter
    is_a: frozenset[str]          # direct parents: sites or groups
    snomed: frozenset[str]
    modalities: frozenset[str] = frozenset()  # one-organ modalities imaging it: MG (P13.2a)
    beside: frozenset[str] = frozenset()  # places beside it its own CT or MRI images (P4.15)
    order_text: bool = True  # its synonyms are read in orders (false: reports only, P2.24)
    # synonyms that are a diagnosis, not a place ("leiomyoma": uterus): the site only in its own
    # regions' exams and beside no site outside them (P1.9)
    diagnoses: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    description: str
    guidance: str


@dataclass(frozen=True, slots=True)
class Table:
    regions: dict[str, Region]
    region_patterns: dict[str, re.Pattern[str]]
    sites: dict[str, Site]
    groups: dict[str, Group]
    ancestors: dict[str, frozenset[str]]   # site → itself and every is_a ancestor
    snomed: dict[str, str]                 # SNOMED code → site id
    snomed_sides: dict[str, str]           # lateralized SNOMED code → side
    laterality: dict[str, str]             # SNOMED laterality qualifier → side
    report_matcher: PhraseMatcher          # synonyms
    order_matcher: PhraseMatcher           # synonyms + order-only patterns
    radiographs: dict[str, CtCode]         # site → radiographs of the bone there (P16.2)
    bone_ends: dict[str, dict[str, str]]   # limb segment → its bone's end → the joint (P16.9)
    ultrasounds: dict[str, CtCode]         # CT region → ultrasound of a deposit there (P18.4)
    skin_ultrasounds: dict[str, CtCode]    # CT region → ultrasound of a skin lesion (P13.11)
    one_side: re.Pattern[str]              # after "both": a pair within one side ("menisci")
    letter_sides: dict[str, re.Pattern[str]]  # "MRI L KNEE WO": a side as one capital letter
    shared_parts: frozenset[str]           # part words several places share ("lower pole")
    midline: frozenset[str] = frozenset()  # site words of a midline place ("subcarinal", P2.43)
    # after a site or lesion word: a phase, board, clinic or service it names, no place
    # ("hepatobiliary phase", "hepatobiliary board", "sarcoma clinic", P11.67)
    not_place_after: re.Pattern[str] = re.compile("(?!)")
    # a muscle whose belly lies at two sites: the other site it spans ("deltoid": shoulder, P1.4)
    spans: dict[str, frozenset[str]] = field(default_factory=dict)
    # a site word naming a metastasis's primary, not its place ("metastases of thyroid
    # carcinoma", "breast cancer metastases", P2.46)
    primary: Primary = field(default_factory=Primary)


def _ct_code(code: object, where: Where, region: str, kind: str) -> CtCode:
    if not isinstance(code, str) or not code:
        raise where.error("must be a CPT code")
    entry = terminology.CODES.get((CPT_SYSTEM, code))
    if entry is None:
        raise where.error(f"CPT {code} is not in terminology/cpt.csv")
    if entry.kind != kind or entry.region != region:
        raise where.error(f"CPT {code} is {entry.kind} of {entry.region} in {entry.where}, "
                          f"not {kind} of {region}")
    return CtCode(code, entry.display)


def _load_regions(raw: object, where: Where) -> tuple[dict[str, Region],
                                                      dict[str, re.Pattern[str]]]:
    if not isinstance(raw, dict) or not raw:
        raise where.error("must be a non-empty object")
    regions: dict[str, Region] = {}
    patterns: dict[str, re.Pattern[str]] = {}
    for rid, spec in raw.items():
        w = where / rid
        check_keys(spec, w, {"display", "covers", "noncontrast", "without_and_with"},
                   {"order_patterns", "parts"})
        parts = spec.get("parts", {})
        check_keys(parts, w / "parts", (), parts.keys() if isinstance(parts, dict) else ())
        wo_w = spec["without_and_with"]
        regions[rid] = Region(
            id=rid, display=str(spec["display"]),
            covers=frozenset(str_list(spec["covers"], w / "covers")),
            noncontrast=_ct_code(spec["noncontrast"], w / "noncontrast", rid, "ct-noncontrast"),
            without_and_with=None if wo_w is None else _ct_code(
                wo_w, w / "without_and_with", rid, "ct-without-and-with"),
            parts=tuple((str(k), str(v)) for k, v in parts.items() if not k.startswith("_")),
        )
        if "order_patterns" in spec:
            pats = str_list(spec["order_patterns"], w / "order_patterns", allow_empty=False)
            patterns[rid] = compile_any(pats, w / "order_patterns")
    for region in regions.values():
        unknown = region.covers - regions.keys()
        if unknown:
            raise (where / region.id / "covers").error(f"unknown regions {sorted(unknown)}")
    return regions, patterns


def _load_sites(raw: object, where: Where, regions: dict[str, Region], groups: set[str],
                ) -> tuple[dict[str, Site], list[tuple[str, str]], list[tuple[str, str]],
           list[tuple[str, str]]]:
    if not isinstance(raw, dict) or not raw:
        raise where.error("must be a non-empty object")
    sites: dict[str, Site] = {}
    phrases: list[tuple[str, str]] = []
    order_patterns: list[tuple[str, str]] = []
    order_phrases: list[tuple[str, str]] = []
    for sid, spec in raw.items():
        w = where / sid
        check_keys(spec, w, {"synonyms", "regions"},
                   {"ct_region", "side", "is_a", "snomed", "order_patterns",
                    "order_text", "snomed_sides", "modalities", "beside", "diagnoses"})
        if sid in groups:
            raise w.error("a site may not share its id with a group")
        synonyms = str_list(spec["synonyms"], w / "synonyms", allow_empty=False)
        site_regions = frozenset(str_list(spec["regions"], w / "regions"))
        bad = site_regions - regions.keys()
        if bad:
            raise (w / "regions").error(f"unknown CT regions {sorted(bad)}")
        ct_region = spec.get("ct_region", next(iter(site_regions)) if len(site_regions) == 1
                             else None)
        if ct_region is not None and ct_region not in site_regions:
            raise (w / "ct_region").error(f"{ct_region!r} is not one of the site's regions")
        for key in ("side", "order_text"):
            if not isinstance(spec.get(key, False), bool):
                raise (w / key).error("must be true or false")
        sites[sid] = Site(
            id=sid, synonyms=tuple(synonyms), regions=site_regions, ct_region=ct_region,
            side=bool(spec.get("side", False)),
            is_a=frozenset(str_list(spec.get("is_a", []), w / "is_a")),
            snomed=frozenset(str_list(spec.get("snomed", []), w / "snomed"))
            | frozenset(_sides(spec.get("snomed_sides", {}), w / "snomed_sides")),
            modalities=frozenset(str_list(spec.get("modalities", []), w / "modalities")),
            beside=frozenset(str_list(spec.get("beside", []), w / "beside")),
            order_text=bool(spec.get("order_text", True)),
            diagnoses=frozenset(d.lower() for d in str_list(spec.get("diagnoses", []),
                                                            w / "diagnoses")))
        if sites[sid].diagnoses - {x.lower() for x in synonyms}:
            raise (w / "diagnoses").error("must be synonyms of the site")
        phrases.extend((s, sid) for s in synonyms)
        if spec.get("order_text", True):
            order_phrases.extend((s, sid) for s in synonyms)
        order_patterns.extend(
            (p, sid) for p in str_list(spec.get("order_patterns", []), w / "order_patterns"))
    return sites, phrases, order_phrases, order_patterns


SIDES = frozenset({"left", "right", "bilateral"})


def _letter_sides(raw: object, where: Where) -> dict[str, re.Pattern[str]]:
    check_keys(raw, where, (), {"left", "right"})
    assert isinstance(raw, dict)
    return {side: compile_any(str_list(raw[side], where / side), where / side)
            for side in ("left", "right") if side in raw}


def _sides(raw: object, where: Where) -> dict[str, str]:
    if not isinstance(raw, dict) or not all(v in SIDES for v in raw.values()):
        raise where.error(f"must map codes to one of {sorted(SIDES)}")
    return {str(k): str(v) for k, v in raw.items()}


def _ancestors(sites: dict[str, Site], where: Where) -> dict[str, frozenset[str]]:
    """Every site's reflexive-transitive is_a closure; refuse cycles."""
    out: dict[str, frozenset[str]] = {}

    def visit(sid: str, path: tuple[str, ...]) -> frozenset[str]:
        if sid in out:
            return out[sid]
        if sid in path:
            raise (where / sid / "is_a").error(f"is_a cycle {' → '.join((*path, sid))}")
        site = sites.get(sid)
        found = frozenset({sid})
        if site is not None:
            for parent in site.is_a:
                found |= visit(parent, (*path, sid))
            out[sid] = found
        return found

    for sid in sites:
        visit(sid, ())
    return out


def _radiographs(raw: object, where: Where, sites: dict[str, Site]) -> dict[str, CtCode]:
    """Site → the radiographs of the bone there: a ``radiography`` row of ``cpt.csv`` of one of
    the site's regions."""
    if not isinstance(raw, dict):
        raise where.error("must map site ids to CPT codes")
    out: dict[str, CtCode] = {}
    for sid, code in ((k, v) for k, v in raw.items() if k != "_comment"):
        entry = terminology.CODES.get((CPT_SYSTEM, str(code)))
        if sid not in sites or entry is None or entry.kind != "radiography" \
                or entry.region not in sites[sid].regions:
            raise (where / sid).error(f"not a site, or CPT {code} no radiography of its regions")
        out[sid] = CtCode(entry.code, entry.display)
    return out


def _bone_ends(raw: object, where: Where, sites: dict[str, Site]) -> dict[str, dict[str, str]]:
    """Limb segment → {"proximal"|"distal": the joint at that end of its bone}."""
    if not isinstance(raw, dict):
        raise where.error("must map site ids to their bone's ends")
    out: dict[str, dict[str, str]] = {}
    for sid, ends in ((k, v) for k, v in raw.items() if k != "_comment"):
        if sid not in sites or not isinstance(ends, dict) or not set(ends) <= {
                "proximal", "distal"} or any(j not in sites or "joint" not in sites[j].is_a
                                             for j in ends.values()):
            raise (where / sid).error("not a site, or ends other than proximal and distal "
                                      "mapped to joints")
        out[sid] = {str(e): str(j) for e, j in ends.items()}
    return out


def _ultrasounds(raw: object, where: Where, *names: Iterable[str]) -> dict[str, CtCode]:
    """Region → the ultrasound of a deposit there; site → the organ's own (P13.8): CPT rows."""
    if not isinstance(raw, dict):
        raise where.error("must map region or site ids to CPT codes")
    out: dict[str, CtCode] = {}
    for rid, code in ((k, v) for k, v in raw.items() if k != "_comment"):
        entry = terminology.CODES.get((CPT_SYSTEM, str(code)))
        if not any(rid in n for n in names) or entry is None or entry.kind != "ultrasound":
            raise (where / rid).error(f"not a region or site, or CPT {code} no ultrasound")
        out[rid] = CtCode(entry.code, entry.display)
    return out


def _check_code_tables(regions: dict[str, Region], sites: dict[str, Site]) -> None:
    """Every order code row names known regions and sites."""
    for entry in terminology.CODES.values():
        if entry.region is not None and entry.region not in regions:
            raise DataError(f"{entry.where}: unknown region {entry.region!r}")
        if entry.sites - sites.keys():
            raise DataError(f"{entry.where}: unknown sites {sorted(entry.sites - sites.keys())}")


def load(data: dict[str, object] | None = None) -> Table:
    """Load and check the anatomy table (``data`` replaces the file, for tests)."""
    if data is None:
        data, where = load_json(FILE)
    else:
        where = Where(FILE)
    check_keys(data, where, {"regions", "sites", "groups", "laterality"},
               {"radiographs", "ultrasounds", "skin_ultrasounds", "not_sites", "order_not_sites",
                "one_side_pairs", "shared_parts", "letter_sides", "bone_ends", "attachments",
                "not_place_after", "spans", "primary_of", "midline_places"})
    pairs = str_list(data.get("one_side_pairs", []), where / "one_side_pairs")
    shared = frozenset(p.lower() for p in str_list(data.get("shared_parts", []),
                                                   where / "shared_parts"))
    regions, region_patterns = _load_regions(data["regions"], where / "regions")
    raw_groups = data["groups"]
    if not isinstance(raw_groups, dict):
        raise (where / "groups").error("must be an object")
    groups: dict[str, Group] = {}
    for gid, spec in raw_groups.items():
        check_keys(spec, where / "groups" / gid, {"description", "guidance"})
        groups[gid] = Group(gid, str(spec["description"]), str(spec["guidance"]))
    sites, phrases, order_phrases, order_patterns = _load_sites(
        data["sites"], where / "sites", regions, set(groups))
    for region in regions.values():
        if unknown_parts := {sid for sid, _ in region.parts} - sites.keys():
            raise (where / "regions" / region.id / "parts").error(
                f"unknown sites {sorted(unknown_parts)}")
    snomed: dict[str, str] = {}
    for site in sites.values():
        unknown = site.is_a - sites.keys() - groups.keys()
        if unknown:
            raise (where / "sites" / site.id / "is_a").error(f"unknown sites {sorted(unknown)}")
        if site.beside - sites.keys():
            raise (where / "sites" / site.id / "beside").error(
                f"unknown sites {sorted(site.beside - sites.keys())}")
        for code in site.snomed:
            if code in snomed:
                raise (where / "sites" / site.id / "snomed").error(
                    f"code {code} is also given to {snomed[code]}")
            snomed[code] = site.id
    snomed_sides: dict[str, str] = {}
    raw_sites = data["sites"]
    assert isinstance(raw_sites, dict)
    for sid, spec in raw_sites.items():
        snomed_sides.update(_sides(spec.get("snomed_sides", {}), where / "sites" / sid))
    laterality = _sides(data["laterality"], where / "laterality")
    ancestors = _ancestors(sites, where / "sites")
    for gid in groups:
        if not any(gid in a for a in ancestors.values()):
            raise (where / "groups" / gid).error("no site is_a this group")
    _check_code_tables(regions, sites)
    if shared - {p.lower() for p, _ in phrases}:
        raise (where / "shared_parts").error("not site synonyms: "
                                             f"{sorted(shared - {p.lower() for p, _ in phrases})}")
    synonyms: dict[str, re.Pattern[str]] = {}  # compiled once, for reports and for orders
    return Table(
        regions=regions, region_patterns=region_patterns, sites=sites, groups=groups,
        ancestors=ancestors, snomed=snomed, snomed_sides=snomed_sides, laterality=laterality,
        report_matcher=PhraseMatcher((), f"{FILE} sites", phrases=phrases + [
            (p, "") for p in str_list(data.get("not_sites", []), where / "not_sites")],
            compiled=synonyms),
        order_matcher=PhraseMatcher(order_patterns, f"{FILE} sites order_patterns",
                                    compiled=synonyms, phrases=order_phrases + [
            (p, "") for p in str_list(data.get("order_not_sites", []),
                                      where / "order_not_sites")]),
        radiographs=_radiographs(data.get("radiographs", {}), where / "radiographs", sites),
        bone_ends=_bone_ends(data.get("bone_ends", {}), where / "bone_ends", sites),
        ultrasounds=_ultrasounds(data.get("ultrasounds", {}), where / "ultrasounds", regions,
                                 sites),
        skin_ultrasounds=_ultrasounds(data.get("skin_ultrasounds", {}),
                                      where / "skin_ultrasounds", regions),
        one_side=re.compile(r"\s+(?:the\s+)?(?:" + "|".join(map(phrase_pattern, pairs))
                            + ")" if pairs else "(?!)", re.I),
        letter_sides=_letter_sides(data.get("letter_sides", {}), where / "letter_sides"),
        shared_parts=shared,
        midline=_midline(data.get("midline_places", []), where / "midline_places", phrases),
        not_place_after=_followers(data.get("not_place_after", []), where / "not_place_after"),
        spans=_spans(data.get("spans", {}), where / "spans", sites,
                     {p.lower(): sid for p, sid in phrases}),
        primary=load_primary(data.get("primary_of"), where / "primary_of"),
    )


def _midline(raw: object, where: Where, phrases: list[tuple[str, str]]) -> frozenset[str]:
    """Site synonyms naming a place on the midline ("subcarinal", P2.43)."""
    out = frozenset(p.lower() for p in str_list(raw, where))
    unknown = out - {p.lower() for p, _ in phrases}
    if unknown:
        raise where.error(f"not site synonyms: {sorted(unknown)}")
    return out


def _spans(raw: object, where: Where, sites: dict[str, Site],
           synonyms: dict[str, str]) -> dict[str, frozenset[str]]:
    """Site synonym of a muscle → the other sites its belly lies at (P1.4)."""
    if not isinstance(raw, dict):
        raise where.error("must map site synonyms to site ids")
    out: dict[str, frozenset[str]] = {}
    for phrase, ids in ((k.lower(), v) for k, v in raw.items() if k != "_comment"):
        if phrase not in synonyms or not isinstance(ids, list) or any(
                i not in sites or i == synonyms[phrase] for i in ids):
            raise (where / phrase).error("not a site synonym, or not other sites")
        out[phrase] = frozenset(map(str, ids))
    return out


def _followers(raw: object, where: Where) -> re.Pattern[str]:
    """What follows a word that names a phase, board, clinic or service, no place: one of the
    words, after one more word at most, or after "and" and another word ("hepatobiliary and
    pancreas board", "portal venous phase"); bounded, so linear (P11.67)."""
    words = str_list(raw, where)
    if not words:
        return re.compile("(?!)")
    return re.compile(r"(?:[ \t]+(?:and|&)[ \t]+[\w-]+)?(?:[ \t]+[\w-]+)?[ \t]+(?:"
                      + "|".join(map(phrase_pattern, words)) + ")", re.I)

