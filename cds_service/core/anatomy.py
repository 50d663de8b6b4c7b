"""The one anatomy table (``data/anatomy.json``, loaded and checked at import by
``core/anatomy_table.py``) and the questions asked of it: CT regions and what they cover, sites
(synonyms, regions, sides, SNOMED CT codes, ``is_a`` parents), the radiographs of a bone's site
(P16.2), the ultrasounds (P18.4, P13.8), side words, and the sites a report or order text names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cds_service.core.anatomy_table import (
    FILE,
    SNOMED,
    CtCode,
    Group,
    Region,
    Site,
    Table,
    load,
)
from cds_service.core.loader import DataError
from cds_service.core.terminology import CPT_SYSTEM

__all__ = ["CPT_SYSTEM", "FILE", "SNOMED", "TABLE", "CtCode", "Group", "Region", "Site", "Table",
           "all_regions", "expand", "load", "overlaps"]

TABLE: Table = load()

# --------------------------------------------------------------------------- regions

def all_regions() -> dict[str, Region]:
    """The CT regions by id."""
    return TABLE.regions


def expand(region_id: str) -> frozenset[str]:
    """The region and every region it covers (abdomen-pelvis → abdomen, pelvis)."""
    reg = TABLE.regions.get(region_id)
    return frozenset({region_id}) | reg.covers if reg is not None else frozenset()


def expand_all(regions: Iterable[str]) -> frozenset[str]:
    return frozenset().union(*(expand(r) for r in regions))


def overlaps(a: Iterable[str], b: Iterable[str]) -> bool:
    """True when any region in ``a`` images any region in ``b`` (either way round)."""
    return not expand_all(a).isdisjoint(expand_all(b))


def region_patterns() -> dict[str, re.Pattern[str]]:
    """Order-text words that name a region without naming a site."""
    return TABLE.region_patterns


# --------------------------------------------------------------------------- sites

def site(site_id: str) -> Site | None:
    return TABLE.sites.get(site_id)


def site_ids() -> frozenset[str]:
    return frozenset(TABLE.sites)


def site_regions(site_id: str | None) -> frozenset[str]:
    """The CT regions that image a site (empty when unknown or when the site won't tell)."""
    return found.regions if (found := TABLE.sites.get(site_id or "")) else frozenset()


def is_a(site_id: str | None, ancestor: str) -> bool:
    """Tell whether a site is ``ancestor``, a kind or part of it, or a member of that group."""
    return site_id is not None and ancestor in TABLE.ancestors.get(site_id, ())


def any_is_a(site_ids: Iterable[str], ancestor: str) -> bool:
    return any(is_a(s, ancestor) for s in site_ids)


def beside(site_id: str, other: str) -> bool:
    """Whether an imaging study of a site shows ``other`` beside it too (a spine CT: the
    paraspinal muscles, P4.15); where, is the study's region's to say."""
    found = TABLE.sites.get(site_id)
    return found is not None and any(is_a(other, b) for b in found.beside)


def require(ids: Iterable[str]) -> None:
    """Refuse site or group ids the table does not have (rules check theirs at import)."""
    unknown = set(ids) - TABLE.sites.keys() - TABLE.groups.keys()
    if unknown:
        raise DataError(f"{FILE}: no site or group {sorted(unknown)}")


def ultrasound(region_id: str | None) -> CtCode | None:
    """The ultrasound of a tendon or joint deposit in a CT region (P18.4)."""
    return TABLE.ultrasounds.get(region_id or "")


def reference_ultrasound(site_id: str | None) -> CtCode | None:
    """The ultrasound that is the organ's own reference study at a site or its parent (P13.8)."""
    return next((c for k, c in TABLE.ultrasounds.items() if k in TABLE.sites
                 and k not in TABLE.regions and is_a(site_id, k)), None)


def radiograph(site_id: str | None) -> CtCode | None:
    """The radiographs of the limb bone at a site (P16.2)."""
    return TABLE.radiographs.get(site_id or "")


def bone_ends(site_id: str | None) -> dict[str, str]:
    """The joints at the ends of the limb bone at a site: {"distal": "knee", ...} (P16.9)."""
    return TABLE.bone_ends.get(site_id or "", {})


def snomed_site(system: str, code: str) -> str | None:
    """The site a SNOMED CT body-structure code names."""
    return TABLE.snomed.get(code) if system == SNOMED else None


def snomed_side(system: str, code: str) -> str | None:
    """The side a lateralized body-structure code or a laterality qualifier names."""
    return TABLE.snomed_sides.get(code) or TABLE.laterality.get(code) if system == SNOMED else None


_SIDE = re.compile(r"\b(left|right|bilateral|bilat|both|lt|rt)\b", re.I)
_SIDE_WORDS = {"left": "left", "lt": "left", "right": "right", "rt": "right",
               "bilateral": "bilateral", "bilat": "bilateral", "both": "bilateral"}


def side_words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, side) of each side word in text[start:end]; "both" of a pair within one
    side ("both menisci", "both cruciate ligaments") is no side (P2.4)."""
    return [(m.start(), m.end(), _SIDE_WORDS[m.group(1).lower()])
            for m in _SIDE.finditer(text, start, len(text) if end is None else end)
            if m.group(1).lower() != "both" or not TABLE.one_side.match(text, m.end())]


def side_in(text: str, *, letters: bool = False) -> str | None:
    """The one side a text (an exam title, an order) names; bilateral for both; else None.
    ``letters``: a catalog name, whose side may be one capital letter ("MRI L KNEE WO", P17.2)."""
    found = {side for _, _, side in side_words(text)}
    if letters and text:
        found |= {side for side, pattern in TABLE.letter_sides.items() if pattern.search(text)}
    return found.pop() if len(found) == 1 else "bilateral" if found else None


def sides_match(a: str | None, b: str | None) -> bool:
    """Same side, either bilateral, or either unknown."""
    return a is None or b is None or a == b or "bilateral" in (a, b)


def is_region_site(site_id: str) -> bool:
    """A site that only names a CT region (chest, abdomen, pelvis, head, neck, a limb…)."""
    return site_id in TABLE.sites and site_id in {*TABLE.regions, "upper-limb", "lower-limb"}


def body_site(site_id: str | None, side: str | None) -> dict[str, object] | None:
    """A FHIR ``bodySite`` CodeableConcept for a site and side: the lateralized SNOMED CT code
    when the table has one, else the site's code, with the side in the text."""
    found = TABLE.sites.get(site_id or "")
    if found is None:
        return None
    sided = side if found.side and side in {"left", "right"} else None
    code = next((c for c, s in sorted(TABLE.snomed_sides.items())
                 if s == sided and TABLE.snomed.get(c) == found.id), None) if sided else None
    plain = sorted(c for c in found.snomed if c not in TABLE.snomed_sides)
    code = code or (plain[0] if plain else None)
    text = " ".join(w for w in (sided, found.id.replace("-", " ")) if w).capitalize()
    concept: dict[str, object] = {"text": text}
    if code:
        concept["coding"] = [{"system": SNOMED, "code": code}]
    return concept


def find_sites(text: str) -> list[tuple[int, int, str]]:
    """(start, end, site id) for each site a report text names, in order; a ``not_sites``
    phrase ("medial head of", "head and body") hides the site word inside it, and so does a
    phase, board, clinic or service it names ("hepatobiliary phase", "pancreas board", P11.67),
    and a metastasis's primary ("metastases of medullary thyroid carcinoma", P2.46)."""
    hits = _site_hits(text)
    primary = TABLE.primary
    if hits and primary.any.search(text):
        return [h for h in hits if not primary.names(text, h[0], h[1])]
    return hits


def primary_sites(text: str) -> list[tuple[int, int, str]]:
    """The site words of a report text that name a metastasis's primary after its metastasis
    word ("femur" of "pulmonary metastases from osteosarcoma of the left femur", P2.46, P2.45)."""
    primary = TABLE.primary
    if not primary.any.search(text):
        return []
    return [h for h in _site_hits(text) if primary.after_metastasis(text, h[0], h[1])]


def names_tumour(text: str, end: int) -> bool:
    """Whether the site word ending at ``end`` names a tumour by the words after it ("thyroid" of
    "papillary thyroid carcinoma with … nodal metastases": no node's station, P2.47)."""
    return bool(TABLE.primary.tumour.match(text, end))


def _site_hits(text: str) -> list[tuple[int, int, str]]:
    return [h for h in TABLE.report_matcher.find(text) if h[2] and not names_no_place(text, h[1])]


def spanned_sites(text: str) -> frozenset[str]:
    """The sites a report text names, with the other sites the bellies of the muscles it names
    lie at: a mass "within the right deltoid" lies at the arm and the shoulder (P1.4)."""
    return frozenset(x for s, e, sid in find_sites(text) for x in (sid, *spanned_by(text[s:e])))


def spanned_by(phrase: str) -> frozenset[str]:
    """The other sites the belly of the muscle a site phrase names lies at (``spans``: "deltoid"
    the shoulder, "trapezius" the neck's muscles; P1.4, P1.7); none for any other phrase."""
    return TABLE.spans.get(" ".join(phrase.lower().split()), frozenset())


def names_no_place(text: str, end: int) -> bool:
    """Whether the word ending at ``end`` names a phase, board, clinic or service, not a place
    or a lesion ("hepatobiliary phase", "arterial phase", "sarcoma clinic", P11.67)."""
    return TABLE.not_place_after.match(text, end) is not None


def shared_part(phrase: str) -> bool:
    """Whether a report phrase is a part word several places share ("lower pole", "disc")."""
    return " ".join(phrase.lower().split()) in TABLE.shared_parts


def midline_place(phrase: str) -> bool:
    """Whether a report phrase names a place on the midline ("subcarinal", "sternum", "pineal"):
    a structure there has no side unless its own clause states one (P2.43)."""
    return " ".join(phrase.lower().split()) in TABLE.midline


def sites_in(text: str) -> frozenset[str]:
    """The site ids named anywhere in a report text."""
    return frozenset(label for _, _, label in find_sites(text))


def diagnosis_elsewhere(phrase: str, site_id: str, others: Iterable[str],
                        place: str | None) -> bool:
    """Whether a site word that is a diagnosis ("leiomyoma", "fibroid": the uterus) names no
    place here (P1.9): its line's or exam's ``place`` lies outside the site's regions (a
    leiomyoma in a chest MRI), or the sentence names a site outside them among ``others`` ("a
    mass of the distal esophagus, likely leiomyoma"); a word naming only a place never."""
    site = TABLE.sites.get(site_id)
    if site is None or " ".join(phrase.lower().split()) not in site.diagnoses:
        return False
    if place is not None and site_regions(place) and not overlaps(site_regions(place),
                                                                  site.regions):
        return True
    return any(site_regions(o) and not overlaps(site_regions(o), site.regions) for o in others)


def find_order_sites(text: str) -> list[tuple[int, int, str]]:
    """(start, end, site id) for each site an order text names (synonyms + order patterns);
    an ``order_not_sites`` phrase ("bone and articular cartilage", "including hip") hides the
    site word inside it."""
    return [h for h in TABLE.order_matcher.find(text) if h[2]]
