"""Where the structure a mention is about lies: its site and side (docs/matching-policy.md P2.2,
P2.4, P2.8, P2.9, P16.1, P17.5): the place its clause names, else its line's (the heading's, a
shared part word read as that place's part), else the exam title's; a part named with a place
is the more specific; side from the clause, else the structure's earlier description or title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from cds_service.core import anatomy
from cds_service.core.reading.structure import WORDS, clause_of, qualified

_HEADING = re.compile(r"[^.:;\n]{1,40}:\s")  # "Uterus: …": a line's heading

def bone_site(s: str, site: str | None, hits: Sequence[tuple[int, int, str]],
              fallback: str | None) -> str | None:
    """Where a bone lesion lies (P16.1): no bone lies in the heart ("septal enhancement"): the
    fallback. A vertebral level names its segment in the anatomy table ("T10 vertebral body").
    A place the lesion only reaches ("centred in the T9 vertebral body, extends into the right
    lung") is none of its own: the place the sentence names otherwise is, else the fallback
    (P16.15)."""
    if site is not None and anatomy.is_a(site, "heart"):
        return fallback
    at = [h for h in hits if h[2] == site]
    if at and all(_reached(s, h) for h in at):
        own = [h for h in hits if anatomy.site_regions(h[2]) and not _reached(s, h)]
        return own[0][2] if own else fallback or site
    return site



def line_place(s: str, title_site: str | None, title_side: str | None
               ) -> tuple[str | None, str | None]:
    """The place and side of a line opening with sentence ``s``, for its sentences naming none
    of their own (P2.2): its heading's ("Uterus: …", "Left TMJ: …"), else, or where the title
    names a part of it ("Spinal canal:" in a thoracic spine MRI), the exam title's."""
    head = _HEADING.match(s)
    place = next((sid for a, b, sid in anatomy.find_sites(s[:head.end()])
                  if anatomy.site_regions(sid) and not anatomy.shared_part(s[a:b])),
                 None) if head else None  # "Ventricles:" of a brain MRI: the title's (P2.9)
    if head is None or place is None:
        return title_site, title_side
    side = side_in(s[:head.end()]) or title_side
    return (title_site, side) if anatomy.is_a(title_site, place) else (place, side)


def line_sites(s: str, place: str | None) -> list[tuple[int, int, str]]:
    """The sites sentence ``s`` names (``anatomy.find_sites``), a part word several places share
    ("lower pole", "disc", "anterior wall", "apex") read as a part of ``place``, the specific
    place its line names ("Spleen: … In the lower pole there is a lesion", "Left TMJ: … along
    the disc"), when the sentence names no other place of its own; "its lower pole" is a part of
    the lesion referred to, no place (P2.9). A diagnosis word of a site ("leiomyoma") outside
    its line's region or beside a site outside it names no place (P1.9)."""
    found = anatomy.find_sites(s)
    hits = [h for h in found if not (
        anatomy.shared_part(s[h[0]:h[1]]) and _ITS.search(s, max(0, h[0] - 12), h[0])
        or anatomy.diagnosis_elsewhere(s[h[0]:h[1]], h[2], (o[2] for o in found), place))]
    if place is None or anatomy.is_region_site(place) or not anatomy.site_regions(place):
        return hits
    shared = [h for h in hits if anatomy.shared_part(s[h[0]:h[1]]) and not any(
        _owns(s, o, h) and not (anatomy.is_a(o[2], place) or anatomy.is_a(place, o[2]))
        for o in hits if anatomy.site_regions(o[2]) and not anatomy.shared_part(s[o[0]:o[1]]))]
    return [(h[0], h[1], place) if h in shared else h for h in hits]


_NEAR_IT = re.compile(r"\b(?:near|adjacent\s+to|close\s+to|beside|next\s+to)\s+(?:the\s+)?"
                      r"(?:(?:left|right)\s+)?$", re.I)


def _owns(s: str, other: tuple[int, int, str], part: tuple[int, int, str]) -> bool:
    """Whether a place the sentence names may own the part word: any but a landmark after it
    ("on the left lateral wall near the ureteric orifice": the bladder's wall, P11.47)."""
    return other[0] < part[0] or not _NEAR_IT.search(s, part[1], other[0])


def most_specific(s: str, hits: Sequence[tuple[int, int, str]]) -> str | None:
    """The first place of ``hits`` (sites of ``s`` with a region), or a part of it named after
    it, not one the lesion only reaches: "Vertebrae: A lesion of the T8 vertebral body" is at
    T8, "Pelvis: … left adnexal mass" in the adnexa, a retrorectal mass "between the rectum and
    the sacrum" is not the rectum's (P2.2, P17.5)."""
    first = hits[0][2] if hits else None
    return next((h[2] for h in hits[1:] if h[2] != first and anatomy.is_a(h[2], first or "")
                 and not _reached(s, h)), first)


def _reached(s: str, hit: tuple[int, int, str]) -> bool:
    """Whether a place is one the lesion only reaches ("extends into", "between", P2.8) or a
    landmark it is placed by ("anterior to the right psoas", "deep to the sartorius", P2.25a)."""
    return bool(WORDS["site_away"].search(s, max(0, hit[0] - 40), hit[0])) or _beside(s, hit) or (
        bool(_DENERVATED.match(s, hit[1])))  # "with teres minor and deltoid denervation" (P11.42)


# a muscle named as denervated by the lesion, not its place
_DENERVATED = re.compile(r"(?:\s*(?:,|and)\s+[\w-]+){0,2}\s+(?:muscles?\s+)?(?:denervat\w*)", re.I)


def _beside(s: str, hit: tuple[int, int, str]) -> bool:
    """A place named right after words that place a lesion by it ("lateral to the", P2.25a)."""
    return bool(WORDS["landmark"].search(s, max(0, hit[0] - 60), hit[0]))


side_in = anatomy.side_in


def _side_near(s: str, a: int, b: int, anchor: int) -> str | None:
    """The side word of the clause [a, b) nearest before ``anchor`` (else the first after); not
    that of a part of the lesion referred to ("along its left anterior wall", P11.38)."""
    primaries = anatomy.primary_sites(s)  # "… from osteosarcoma of the left femur" (P2.45)
    words = [w for w in anatomy.side_words(s, a, b) if not _ITS.search(s, max(0, w[0] - 8), w[0])
             and not any(_TO_PRIMARY.fullmatch(s, w[1], p[0]) for p in primaries)]
    before = [w for w in words if w[1] <= anchor]
    if before:
        return before[-1][2]
    after = [w for w in words if w[0] >= anchor]
    return after[0][2] if after else None



# what may stand between a lesion word and its own place: "mass in the right …", "… flank mass"
_OWN_AFTER = re.compile(r"\s+(?:(?:lies|lying|is\s+located|located|situated|sits|is)\s+)?"
                        r"(?:in|of|within|along|involving|cent(?:er|re)d in|"
                        r"(?:(?:is|which|that)\s+)?(?:aris(?:es|ing)|originat(?:es|ing))\s+"
                        r"(?:from|in))\s+"
                        r"(?:the\s+)?(?:[\w-]+\s+){0,2}", re.I)
_ORIGIN = re.compile(r"\s+(?:(?:is|which|that)\s+)?(?:aris|originat)", re.I)  # its origin
# "near its lower pole", "along its left anterior wall": the lesion's part (P2.9, P11.38)
# between a side word and the site word of a metastasis's primary it qualifies ("left distal")
_TO_PRIMARY = re.compile(r"[\s-]+(?:[\w-]+[\s-]+){0,2}?")
_ITS = re.compile(r"\b(?:its|their)\s+(?:(?:left|right)\s+)?$", re.I)
_ATTACHED = re.compile(r"\b(?:origins?|insertion(?:al)?|enthes\w*|attachment|footprint)\b", re.I)
_NEAR = re.compile(r"\s+(?:region|area|vicinity|fossa)\b", re.I)  # "the adrenal region": near it
_OWN_BEFORE = re.compile(r"(?:\s+[\w-]+){0,3}\s+")


def lesion_place(s: str, places: list[tuple[int, int, str]], term_start: int) -> str | None:
    """The place the lesion word nearest the term names as its own: "right flank mass", "mass in
    the right flank musculature", not one named to locate it ("lies between the gastrocnemius
    and the semimembranosus", "(… posterior abdominal wall)"; P2.8)."""
    words = list(WORDS["mass"].finditer(s))
    if not words:
        return None
    w = qualified(s, term_start) or min(words, key=lambda m: abs(m.start() - term_start))
    own = [h for h in places if (h[0] >= w.end() and _OWN_AFTER.fullmatch(s, w.end(), h[0]))
           or (h[1] <= w.start() and _OWN_BEFORE.fullmatch(s, h[1], w.start()))]
    origin = [h for h in own if h[0] >= w.end() and _ORIGIN.match(s, w.end())
              and not _NEAR.match(s, h[1])]
    return min(origin or own, key=lambda h: abs(h[0] - w.start()))[2] if own else None


def _joint_place(site: str) -> bool:
    """A joint's place, not a chest-wall muscle's insertion at the shoulder, which a joint or a
    long-bone MRI names by its own place as any other insertion (P13.26, P2.11a)."""
    return anatomy.is_a(site, "joint") and not (
        anatomy.is_a(site, "tendon") and anatomy.beside("chest-wall", site))


def structure_site(s: str, site: str | None, hits: list[tuple[int, int, str]], a: int, b: int,
                   kind: str, term_start: int, fallback: str | None,
                   exam: str | None) -> str | None:
    """``place_of``, or a part of it its clause names ("lesion of the T10 vertebral body and
    right pedicle": the T10's; P2.8, P17.5); a tendon's deposit at its origin or insertion is at
    the joint the exam images, not the muscle's limb segment (P2.10), also on a line headed by
    the muscle ("Triceps: … the calcific focus in the insertional fibers" of an elbow MRI:
    ``fallback`` is the line's place, ``exam`` the exam title's)."""
    found = place_of(s, site, hits, a, b, kind, term_start, fallback)
    joint = next((x for x in (exam, fallback) if x and anatomy.is_a(x, "joint")), None)
    if kind == "tendon" and found and joint and not _joint_place(found) and (
            _ATTACHED.search(s) or joint == exam):  # a joint MRI images its tendons
        return joint  # a deposit at the rectus femoris origin of a hip MRI is the hip's, at the
        # pectoralis major insertion of a shoulder MRI the shoulder's, whatever the line's heading
    if (kind == "tendon" and found and exam and anatomy.bone_ends(exam) and not joint
            and _ATTACHED.search(s) and not anatomy.is_a(found, exam)
            and not _joint_place(found)):
        return exam  # on its long bone, which a humerus or femur MRI images (P2.11a)
    parts = [h for h in hits if a <= h[0] < b and h[2] != found and anatomy.is_a(h[2], found or "")
             and anatomy.site_regions(h[2]) and not _reached(s, h)
             and not (kind == "node" and anatomy.names_tumour(s, h[1]))]  # the primary (P2.47)
    found = min(parts, key=lambda h: abs(h[0] - term_start))[2] if parts else found
    return "neck-muscles" if kind == "mass" and _neck_trapezius(s, found, hits) else found


_TRAPEZIUS = re.compile(r"\btrapezius\b", re.I)
# "the upper fibers of the right trapezius", "upper right trapezius": its descending part
_UPPER = re.compile(r"\b(?:upper|superior|cervical|descending)\s+(?:(?:fib(?:er|re)s|part|portion"
                    r"|third)\s+of\s+(?:the\s+)?)?(?:(?:left|right)\s+)?$", re.I)


def _neck_trapezius(s: str, found: str | None, hits: Sequence[tuple[int, int, str]]) -> bool:
    """A trapezius mass the sentence places in the neck (its heading "POSTERIOR NECK:", "in the
    posterior neck", "supraclavicular", a cervical level) is the upper (descending) trapezius's,
    a neck muscle; the trapezius over the scapula stays the chest wall's (P18.16, P18.8)."""
    if found != "chest-wall":
        return False
    walls = [h for h in hits if h[2] == "chest-wall"]
    if not walls or not all(_TRAPEZIUS.search(s, h[0], h[1]) for h in walls):
        return False
    return any(_UPPER.search(s, max(0, h[0] - 40), h[0]) for h in walls) or any(
        (anatomy.is_a(h[2], "neck") or anatomy.is_a(h[2], "cervical-spine"))
        and not _reached(s, h) for h in hits)


def place_of(s: str, site: str | None, hits: list[tuple[int, int, str]], a: int, b: int,
             kind: str, term_start: int, fallback: str | None) -> str | None:
    """The most specific site of the structure, from the sites ``hits`` of sentence ``s`` and
    its clause s[a:b] (docs/matching-policy.md P2.8): a line's own place before its heading's;
    a tendon's deposit in the tendon the clause names; a spinal level only locates a mass of
    another place ("right psoas mass at L3"); a mass at the place it is named in; a place of the
    clause before one of another clause (P2.1); a named place before a tissue word ("soft
    tissue", "lymph node"), then the exam's place; a clause naming none speaks of the sentence's
    place (P2.2)."""

    def nearest(found: list[tuple[int, int, str]]) -> str:
        return min(found, key=lambda h: abs(h[0] - term_start))[2]

    head = _HEADING.match(s)  # "Gluteal tendons: …" names the place of lines naming none (P2.2)
    if head and any(h[0] >= head.end() and anatomy.site_regions(h[2]) and not _beside(s, h)
                    for h in hits):  # "Retroperitoneum: A mass lies anterior to the psoas"
        hits = [h for h in hits if h[0] >= head.end()]
        site = site if site in {h[2] for h in hits} else nearest([h for h in hits
                                                                  if anatomy.site_regions(h[2])])
    hits, site = _past_vessels(s, hits, site, kind, term_start)
    if kind == "mass" and site is not None and not anatomy.site_regions(site):
        hits = _past_levels(hits)  # "intramuscular mass … at the T10-T11 level" (P11.54)
    clause = [h for h in hits if a <= h[0] < b]
    places = [h for h in clause if anatomy.site_regions(h[2])]

    tendons = [h for h in places if anatomy.is_a(h[2], "tendon")]
    if kind == "tendon" and tendons:
        return nearest(tendons)  # "supraspinatus tendon … with bursal edema, a calcific deposit"
    if site is not None and kind == "mass" and anatomy.is_a(site, "spine"):
        others = [h for h in places or [h for h in hits if anatomy.site_regions(h[2])]
                  if not anatomy.is_a(h[2], "spine")]  # a clause naming none: the sentence's
        if others:
            return nearest(others)
    named = places or [h for h in hits if anatomy.site_regions(h[2])]  # the sentence's (P2.2)
    own = lesion_place(s, named, term_start) if kind == "mass" and len(named) > 1 else None
    if own is not None:
        return own
    tissue = not anatomy.site_regions(site) and (kind == "node" or site != "vessels")
    if site is not None and not tissue:
        if places and site in {h[2] for h in hits} - {h[2] for h in clause}:
            return nearest(places)  # "left gluteal mass …; the inguinal nodes are normal"
        return site  # a node "along the great saphenous vein" lies in the thigh
    specific = [h for h in (clause or hits) if anatomy.site_regions(h[2])]
    if specific:
        return nearest(specific)
    if fallback is not None and anatomy.site_regions(fallback) and kind != "node":
        return fallback
    return site


def _past_levels(hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A spinal level or element only locates a mass the sentence names by a tissue word, where
    it names a place of another kind too ("Within the right erector spinae at the T10-T11 level
    there is a … intramuscular mass": the paraspinal muscle's, never the thoracic spine's; as
    "right psoas mass at L3", P11.54)."""
    rest = [h for h in hits if not anatomy.is_a(h[2], "spine")]
    return rest if any(anatomy.site_regions(h[2]) for h in rest) else hits


# places a mass or node is often named beside, never in, when the sentence says so: vessels and
# the hollow viscera ("medial to the femoral vein", "adjacent to the duodenum")
_LANDMARKS = ("vessels", "aorta", "bowel", "stomach")


def _past_vessels(s: str, hits: list[tuple[int, int, str]], site: str | None, kind: str,
                  term_start: int) -> tuple[list[tuple[int, int, str]], str | None]:
    """A vessel or bowel loop named only to locate a mass or node ("medial to the femoral vein",
    "adjacent to the popliteal artery", "abutting the aorta", "a node adjacent to the
    duodenum", "susceptibility from adjacent sigmoid gas") is no place of it (P2.25): "a mass
    of the right femoral triangle, … medial to the femoral vein" is the groin's, not a mass of
    the vein; with no other place named, the line's or the exam's place is."""
    if kind not in ("mass", "node"):
        return hits, site
    beside = [h for h in hits if any(anatomy.is_a(h[2], v) for v in _LANDMARKS) and (
        WORDS["beside_bone"].search(s, max(0, h[0] - 60), h[0]) or _reached(s, h))]
    landmarks = [h for h in hits if h not in beside and _beside(s, h)]  # a muscle, bone, organ
    if any(anatomy.site_regions(h[2]) for h in hits if h not in beside and h not in landmarks):
        beside += landmarks  # named by it, when the sentence names the lesion's own place (P2.25a)
    if not beside:
        return hits, site
    rest = [h for h in hits if h not in beside]
    if site in {h[2] for h in beside} and site not in {h[2] for h in rest}:
        placed = [h for h in rest if anatomy.site_regions(h[2])] or rest  # else a tissue word
        site = min(placed, key=lambda h: abs(h[0] - term_start))[2] if placed else None
    return rest, site


def own_sites(s: str, found: list[tuple[int, int, str]], cited: list[tuple[int, int]]
              ) -> list[tuple[int, int, str]]:
    """The site hits ``found`` (``anatomy.find_sites``) of a sentence without a cited study's
    field (``cited``: the spans of ``lexicon().cited``): "Right shoulder radiographs … show",
    "On the neck CT …": what the study covered, not a structure's place (P2.8)."""
    return [h for h in found if not any(
        a <= h[0] < b or (h[1] <= a and not s[h[1]:a].strip()) for a, b in cited)]


_LUMP = re.compile(r"\b(?:lump|swelling)s?\b", re.I)  # a history's mass, as patients say it
# a place a history names after a clause of its own ("a midline neck lump that moves with tongue
# protrusion"): a sign's, not the mass's place (P2.8, P11.38)
_SIGN_CLAUSE = re.compile(r"\b(?:that|which|who|moves?|moving)\b", re.I)


def asked_site(parts: Iterable[tuple[str | None, str, str]], site: str | None, side: str | None,
               ) -> tuple[str | None, str | None]:
    """The place of the exam: the title's, else, where the title names only a region ("MRI
    PELVIS"), the place of the mass the clinical history asks about within it ("firm right groin
    mass"): a statement naming no place of its own is about that mass (P2.8)."""
    if site is not None and not anatomy.is_region_site(site):
        return site, side
    for _name, kind, body in parts:
        if kind == "history" and (WORDS["mass"].search(body) or _LUMP.search(body)):
            lump = WORDS["mass"].search(body) or _LUMP.search(body)
            places = [sid for at, _, sid in anatomy.find_sites(body) if anatomy.site_regions(sid)
                      and not anatomy.is_region_site(sid) and not (
                          lump and at > lump.end() and _SIGN_CLAUSE.search(body, lump.end(), at))]
            if places and (site is None or anatomy.overlaps(anatomy.site_regions(places[0]),
                                                            anatomy.site_regions(site))):
                return places[0], side or side_in(body)
    return site, side


_MIDLINE = re.compile(r"\bmidline\b(?!\s+shift)", re.I)  # "a midline neck mass" (P2.43)


def side_of(s: str, a: int, b: int, site: str | None, site_span: tuple[int, int] | None,
            term_start: int, fallback: str | None) -> str | None:
    """The side of the structure: the clause (that of its site when a clause naming none speaks
    of the sentence's place, P2.2), else ``fallback`` (earlier mention or title), but never for
    a place on the midline ("subcarinal", "sternum", "a midline neck mass", P2.43)."""
    info = anatomy.site(site) if site else None
    if info is not None and not info.side and info.regions:
        return None  # unpaired: "left atrial", "right coronary" are names, not sides
    anchor = site_span[0] if site_span else term_start
    if site_span and anatomy.midline_place(s[site_span[0]:site_span[1]]):
        near = [w for w in anatomy.side_words(s, max(0, anchor - 16), anchor)
                if not s[w[1]:anchor].strip()]  # "left sternal body", never "right
        return near[-1][2] if near else None  # paratracheal and subcarinal" (P11.125)
    side = _side_near(s, a, b, anchor)
    if side is None and not a <= anchor < b:
        side = _side_near(s, *clause_of(s, anchor, anchor + 1), anchor)
    if side is None and (site_span and anatomy.midline_place(s[site_span[0]:site_span[1]])
                         or _MIDLINE.search(s, a, b)):
        return None  # a midline place takes no side from its line or the history (P2.43)
    return side or fallback




