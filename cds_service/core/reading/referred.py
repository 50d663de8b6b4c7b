"""The size of a structure a statement names only by reference (docs/matching-policy.md P1.1)."""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import replace
from functools import cache

from cds_service.core import anatomy, attachments
from cds_service.core.reading import cited, place
from cds_service.core.reading.facts import Mention
from cds_service.core.reading.lexicon import find_contexts
from cds_service.core.reading.structure import (
    WORDS,
    lesion_noun,
    lesion_words,
    muscles_named,
    size_mm,
)

_GENERIC = frozenset({"mass", "lesion", "tumor", "tumour", "nodule", "neoplasm"})


def _word(lesion: str) -> str:
    return "mass" if lesion in _GENERIC else lesion


def _where(s: str) -> tuple[str | None, frozenset[str]]:
    """The side and the site ids a sentence describing a lesion names, a muscle's at each site
    its belly lies at ("within the right deltoid": the arm and the shoulder, P1.4)."""
    return anatomy.side_in(s), anatomy.spanned_sites(s)


def _description(found: list[str]) -> str | None:
    """The sentence that describes the lesion, for its name (P11.25): the first that measures it
    ("A 4.9 x 3.2 cm mass lies within the right rectus abdominis muscle"), never a history's "a
    firm right lower abdominal wall mass" before it; else the only one."""
    sized = [s for s in found if size_mm(s, 0, len(s), False)]
    return sized[0] if sized else found[0] if len(found) == 1 else None


_LESION_CONTEXTS = frozenset({"soft-tissue-mass", "bone-lesion", "deep-space", "superficial",
                              "cutaneous"})
_DEPTH = frozenset({"deep-soft-tissue", "soft-tissue"})  # tissue words of a lesion's depth (P4.9)


def _referred(m: Mention) -> str | None:
    """The lesion word a statement refers back to its lesion by: its own ("the mass", "this
    lesion"), also where the reader took the one before's ("It is …, favoring papillary renal
    cell carcinoma. On the ultrasound the mass contained …": "mass", P11.25)."""
    own = lesion_noun(m.sentence, 0, len(m.sentence), 0) if m.lesion not in _GENERIC else None
    for word in (m.lesion or "", own or ""):
        if word and re.search(rf"\b(?:the|this|that)\s+(?:[\w-]+\s+){{0,3}}{re.escape(word)}",
                              m.sentence, re.I):
            return word
    return None


# a sentence describing a lesion: its lesion word ("mass" for a generic one), side and sites
Described = tuple[str, str, str | None, frozenset[str]]


def referred_lesions(mentions: list[Mention], sentences: Sequence[str],
                     places: Mapping[str, str | None], told: Container[str] = ()
                     ) -> list[Mention]:
    """``described_sizes``, then ``cited_lesions``: what statements naming their lesion by
    reference or citing another study take from the block's descriptions of lesions, each
    sentence of ``sentences`` read once, and only when such a statement is there. A lesion's
    bodies another study placed at the lesion or the clinical site ("phleboliths … at the site
    of the palpable mass") are the lesion's, a mass, when a sentence of the report's findings or
    impression (``told``) describes that lesion there; else they stay incidental (P12.21). Only
    those sentences give a cited mineral its lesion: a history's "thigh lump" is the question
    (P12.26)."""
    mentions = bodies_back(mentions)
    described = cache(lambda: [(s, _word(word), *_where(s)) for s in sentences
                               if (word := lesion_noun(s, 0, len(s), 0))])
    own = cache(lambda: [d for d in described() if d[0] in told])
    mentions = [replace(m, kind="mass") if m.placed and m.kind == "incidental" and cited_lesions(
        described_sizes([replace(m, kind="mass")], described, places), own)[0].described
        in told else m for m in mentions]
    mentions = cited_lesions(described_sizes(mentions, described, places), own)
    if not any(m.kind == "mass" and m.lesion is None for m in mentions):
        return mentions
    denials = [s for s in sentences if s in told and WORDS["no_mass"].search(s) and not any(
        code not in (None, "MR") for _, _, code in cited.studies_cited(s))]
    return [replace(m, unmassed=True) if m.kind == "mass" and m.lesion is None and not any(
        anatomy.is_a(m.site, x) for x in _NOT_SOFT_TISSUE) and any(
        _denies_here(s, places.get(s), m) for s in denials) and not any(
        m.site in sites and anatomy.sides_match(side, m.side) for _, _, side, sites in own())
        else m for m in mentions] if denials else mentions


# bodies a statement names only by a definite article ("the central foci", "these bodies")
_BODIES_BACK = re.compile(
    r"\b(?:the|these|those)\s+(?:[\w-]+\s+){0,2}?(foci|bodies|signal voids)\b", re.I)


def bodies_back(mentions: list[Mention]) -> list[Mention]:
    """A statement of the report naming no lesion and no place of its own that refers back to
    bodies ("the central foci are diamagnetic, consistent with calcification", an addendum) is
    about the lesion whose earlier statement names those bodies ("Several foci of low signal …
    lie in its central portion" of "a 63 x 44 mm mass within the left tensor fasciae latae"),
    where all such statements are of one lesion: it takes that lesion's place, side, lesion
    word, size, tissue words and lesion contexts, not the exam title's place (P19.6)."""
    out = list(mentions)
    for i, m in enumerate(out):
        hit = _BODIES_BACK.search(m.sentence)
        if (not hit or m.lesion or m.kind != "mass" or not m.own or m.seen_on is not None
                or any(anatomy.site_regions(x[2]) for x in anatomy.find_sites(m.sentence))):
            continue
        word = re.compile(rf"\b{hit.group(1)}\b", re.I)
        earlier = [e for e in out[:i] if e.sentence != m.sentence and e.own and e.site
                   and e.kind == "mass" and e.lesion and word.search(e.sentence)]
        if len({(e.site, e.side, e.lesion) for e in earlier}) != 1:
            continue
        e = earlier[-1]
        out[i] = replace(m, site=e.site, side=e.side or m.side, regions=e.regions,
                         sentence_sites=e.sentence_sites, clause_sites=e.clause_sites,
                         contexts=m.contexts | (e.contexts & _LESION_CONTEXTS), lesion=e.lesion,
                         size_mm=m.size_mm or e.size_mm, antecedent=m.antecedent or e.antecedent,
                         described=m.described or e.described)
    return out


# an organ's wall or parenchyma ("porcelain gallbladder … No focal wall mass") is no soft tissue
_NOT_SOFT_TISSUE = ("organs", "brain", "heart")


def _denies_here(s: str, line: str | None, m: Mention) -> bool:
    """Whether the report's own denial of a mass ("No soft-tissue mass.", "No mass in the left
    thigh") covers the place of a mineral naming no lesion (P12.29): the places it names (a
    part of the mineral's, or the mineral's a part of theirs), else its line's or the exam's
    field (the regions it images), on the mineral's side where both state one."""
    if not anatomy.sides_match(anatomy.side_in(s), m.side):
        return False
    named = [x[2] for x in anatomy.find_sites(s) if anatomy.site_regions(x[2])]
    if named:
        return m.site is not None and any(anatomy.is_a(m.site, d) or anatomy.is_a(d, m.site)
                                          for d in named)
    return line is None or bool(anatomy.site_regions(line) & m.regions)


def described_sizes(mentions: list[Mention], described: Callable[[], list[Described]],
                    places: Mapping[str, str | None]) -> list[Mention]:
    """A statement naming its lesion only by reference ("the foci in the left gluteal mass
    represent calcification", an addendum; "at the site of the palpable mass", a cited
    radiograph) takes what the report's description of it states ("A 4.3 cm mass within the
    left gluteus maximus"; "a mass lies deep to the plantar fascia"): its size, when it states
    none and the sentences naming the same lesion word at its site and side (any side when it
    states none) with a size agree, and their tissue words and lesion contexts (P2.2, P4.9:
    "subfascial", "deep to the fascia", "subcutaneous"), when they describe one lesion there
    (P2.14). A sentence naming no place of its own is at its line's (``places``, P2.2).
    ``described``: the block's sentences describing a lesion, as the reader bounds them; asked
    only when a statement refers so."""
    wanting = [m for m in mentions if m.kind == "mass" and m.lesion and _referred(m)]
    sized = [(s, word, size_mm(s, 0, len(s), False), side, sites)
             for s, word, side, sites in (described() if wanting else ())]
    got: dict[int, Mention] = {}
    for m in wanting:
        same = [(s, size, sites) for s, word, size, side, sites in sized
                if word == _word(_referred(m) or "") and s != m.sentence
                and (m.side is None or side in (None, m.side))
                and (m.site in sites or (places.get(s) == m.site
                                         and not any(anatomy.site_regions(x) for x in sites)))]
        sizes = {size for _, size, _ in same if size}
        if len(sizes) > 1:
            continue  # two lesions of that word there: which one is not said
        tissues = {sid for _, _, sites in same for sid in sites if sid in _DEPTH}
        contexts = {cid for s, _, _ in same for _, _, cid in find_contexts(s)}
        if sizes or tissues - m.sentence_sites or (contexts & _LESION_CONTEXTS) - m.contexts:
            got[id(m)] = replace(
                m, size_mm=m.size_mm or (sizes.pop() if sizes else None),
                described=m.described or _description([s for s, _, _ in same]),
                sentence_sites=m.sentence_sites | tissues,
                contexts=m.contexts | (contexts & _LESION_CONTEXTS))
    return [got.get(id(m), m) for m in mentions]


def cited_lesions(mentions: list[Mention], described: Callable[[], list[Described]],
                  ) -> list[Mention]:
    """A mineral another study showed, cited without a lesion word ("radiographs show
    mineralization over the right paraspinal soft tissues at L3"), is that of the lesion the
    report itself describes at its site and side ("a 4.6 cm mass within the right erector
    spinae"), when it describes one lesion there: the statement takes its word, size, lesion
    contexts and tissue words (P12.3, P2.2). A cited statement naming its lesion ("radiographs
    show a calcified soft-tissue mass posterior to the ankle") takes the contexts and tissue
    words of the report's description of that lesion there ("deep to the crural fascia", P4.9).
    ``described``: the block's sentences describing a lesion; asked only when such a statement
    is there."""
    wanting = [m for m in mentions if m.kind == "mass" and m.site
               and m.seen_on not in (None, "MR")]
    found: dict[int, Mention] = {}
    for m in wanting:
        same = [(s, word, sites) for s, word, side, sites in described()
                if s != m.sentence and side in (None, m.side) and m.site in sites
                and (m.lesion is None or word == _word(m.lesion) or _cystic(m, word, s))]
        if m.lesion is None and same and all(in_other_muscle(m.sentence, s) for s, _, _ in same):
            found[id(m)] = replace(m, kind="incidental")  # another muscle's (P12.28, P1.6)
            continue
        if not any(size_mm(s, 0, len(s), False) for s, _, _ in same) and (
                moved := _elsewhere(m, described())):
            found[id(m)] = moved
            continue
        sizes = {size for s, _, _ in same if (size := size_mm(s, 0, len(s), False))}
        words = {word for _, word, _ in same}
        if len(words - {"mass"}) == 1 and len(sizes) == 1:
            words -= {"mass"}  # "a 6.2 cm lesion", "6.2 cm venous malformation": one (P12.22)
        if len(words) != 1:
            continue
        contexts = {cid for s, _, _ in same for _, _, cid in find_contexts(s)}
        tissues = {sid for _, _, sites in same for sid in sites if not anatomy.site_regions(sid)}
        word, desc = words.pop(), m.described or _description([s for s, _, _ in same]) or same[
            0][0]
        found[id(m)] = replace(  # "the cyst" of a cystic lesion: the report's word for it
            _spanned(m, [s for s, _, _ in same]), lesion=(lesion_noun(desc, 0, len(desc), 0) if (
                _cystic(m, word, desc)) else m.lesion) or word, described=desc,
            size_mm=sizes.pop() if len(sizes) == 1 else m.size_mm,  # the report's own (P11.75)
            contexts=m.contexts | (contexts & _LESION_CONTEXTS),
            sentence_sites=m.sentence_sites | tissues)
    return [found.get(id(m), m) for m in mentions]


# a statement referring to its lesion by a pronoun or "the mass": that lesion's wherever it lies
_REFERS = re.compile(r"\s*(?:it|its|this|these|they|within)\b|.*\b(?:the|this|that) (?:lesion|mass|"
                     r"tumou?r|nodule)\b", re.I)


def in_other_muscle(s: str, desc: str) -> bool:
    """Whether a mineral statement naming no lesion of its own puts the mineral in a muscle
    ("There is a small focus of calcification in the right gluteus maximus") other than every
    muscle the lesion's description names ("Within the right gluteus minimus there is a 5.8 cm
    mass"): another muscle's, not the lesion's (P12.28, P1.6). One that refers to the lesion
    ("It extends into the gluteus maximus, where it contains …") or names a lesion is the
    lesion's, as before."""
    own, theirs = muscles_named(s), muscles_named(desc)
    return bool(own and theirs) and own.isdisjoint(theirs) and not lesion_words(
        s, 0, len(s)) and not _REFERS.match(s)


def _spanned(m: Mention, same: list[str]) -> Mention:
    """A cited statement at a site the lesion's muscle only spans ("shoulder radiographs" of a
    mass "within the right deltoid") is at the muscle's own site, the arm (P1.4)."""
    own = {x[2] for s in same for x in anatomy.find_sites(s) if anatomy.site_regions(x[2])}
    if m.site in own or len(own) != 1:
        return m
    site = own.pop()
    return replace(m, site=site, regions=anatomy.site_regions(site),
                   sentence_sites=m.sentence_sites | {site}, clause_sites=m.clause_sites | {site})


def _cystic(m: Mention, word: str, s: str) -> bool:
    """Whether a cited study's "cyst" ("the cyst wall showed echogenic foci") is the lesion a
    sentence of the report calls a cystic lesion, mass or neoplasm there (P11.68)."""
    return m.lesion == "cyst" and word == "mass" and bool(WORDS["cystic_lesion"].search(s))


def _agree(a: int, b: int) -> bool:
    """Two measures of one lesion on two studies: within a fifth, or 5 mm for a small one."""
    return abs(a - b) <= max(5.0, 0.2 * max(a, b))


def _elsewhere(m: Mention, described: list[Described]) -> Mention | None:
    """A cited study's lesion named by the place around it ("Right axillary ultrasound: 4 cm
    … mass with … echogenic foci casting acoustic shadowing"), which the report describes by its
    own place ("A 4.3 x 3.1 cm intramuscular mass in the teres major"): that lesion, when the
    report describes one lesion of that word on that side elsewhere, and its size agrees or its
    sentence names the cited study ("corresponding to the sonographic mass"), no size of it
    disagreeing, and the cited sentence names its place itself (P12.17). It takes that lesion's
    place, word, size and contexts."""
    if not m.lesion or m.antecedent or m.site not in {x for _, _, x in
                                                     anatomy.find_sites(m.sentence)}:
        return None  # one referring back, or placed by its line only: that place's lesion
    found = []
    for s, word, side, sites in described:
        places = [h for h in anatomy.find_sites(s) if anatomy.site_regions(h[2])]
        if (s == m.sentence or word != _word(m.lesion) or not anatomy.sides_match(side, m.side)
                or not places or m.site in sites):
            continue
        size = size_mm(s, 0, len(s), False)
        names = any(code == m.seen_on for _, _, code in cited.studies_cited(s))
        agrees = bool(size and m.size_mm and _agree(size, m.size_mm))
        if size and m.size_mm and not agrees:
            return None  # a lesion of another size there: not said to be this one
        found.append((s, place.lesion_place(s, places, 0) or places[0][2], side, size,
                      agrees or names))
    if len({site for _, site, *_ in found}) != 1 or not any(f[4] for f in found):
        return None
    s, site, side, _, _ = next(f for f in found if f[4])
    contexts = {cid for d, *_ in found for _, _, cid in find_contexts(d)}
    tissues = {x for d, *_ in found for _, _, x in anatomy.find_sites(d)
               if not anatomy.site_regions(x)}
    return replace(m, site=site, side=m.side or side, regions=anatomy.site_regions(site),
                   described=s, size_mm=m.size_mm or next((f[3] for f in found if f[3]), None),
                   contexts=m.contexts | (contexts & _LESION_CONTEXTS),
                   sentence_sites=m.sentence_sites | tissues | {site},
                   clause_sites=m.clause_sites | {site})


_SUMMARY = "IMPRESSION"  # the section that sums up the findings (findings_sections.json)


def restated(mentions: list[Mention]) -> list[Mention]:
    """An Impression's mineral statement about a structure whose Findings speak of its mineral
    only as another study's ("…, corresponding to the chondroid matrix mineralization seen on
    the radiographs"; Impression: "chondroid lesion … with mineralized matrix") sums up that
    study's statement, not one of the MRI's own (P12.14): it takes the cited study."""
    cited: dict[tuple[str, str | None, str | None], str] = {}
    stated: set[tuple[str, str | None, str | None]] = set()
    for m in mentions:
        if m.section != _SUMMARY and m.counts:
            if m.own:
                stated.add((m.kind, m.site, m.side))
            elif m.seen_on not in (None, "MR"):
                cited.setdefault((m.kind, m.site, m.side), m.seen_on or "")
    if not cited:
        return mentions
    return [replace(m, own=False, seen_on=cited[key])
            if m.section == _SUMMARY and m.own and m.counts and m.seen_on is None
            and (key := (m.kind, m.site, m.side)) in cited and key not in stated else m
            for m in mentions]


def with_antecedent(m: Mention, desc: str | None) -> Mention:
    """``m`` with the sentence it refers back to (P2.2). A deposit "within it", where that
    sentence names a tendon, its origin or insertion, or the bone it attaches to, and no other
    lesion, is the tendon's ("The common flexor origin at the medial epicondyle is thickened …
    Within it is a 7 mm low-signal focus …, consistent with a calcific deposit", P2.34)."""
    if m.antecedent != desc:
        m = replace(m, antecedent=desc)
    if desc and m.kind == "mass" and in_other_muscle(m.sentence, desc):
        return replace(m, kind="incidental")  # "There is … in the gluteus maximus" (P12.28)
    if desc and m.kind == "mass" and m.lesion == "deposit" and all(
            WORDS["deposit"].fullmatch(w.group()) for w in lesion_words(desc, 0, len(desc))) and (
            WORDS["tendon"].search(desc) or WORDS["tendon_place"].search(desc)
            or attachments.attachment_in(desc)):
        m = replace(m, kind="tendon")
    return m
