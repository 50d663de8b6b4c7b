"""One sentence holding a term → its mentions: assertion, site, kind of structure, side, size
and source (docs/matching-policy.md P1, P2, P4, P7, P12), and the background it gives a sentence
referring back to it. The block of text, its lines and sections: ``text``."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any, TypeVar

from cds_service.core import anatomy
from cds_service.core.reading import cited, place, structure
from cds_service.core.reading import kind as kinds
from cds_service.core.reading.assertion import (
    assert_hits,
    cues,
    diagnosis,
    differential,
    lesion_contexts,
    names_calcium,
    term_hits,
    words_between,
)
from cds_service.core.reading.facts import CONTEXTS, NON_FINDING_KINDS, Mention

MASS_WORD = re.compile(r"(?i)\b(?:mass(?:es)?|lesions?|tumou?rs?|nodules?|neoplasms?|\w*omas?)\b")
MASS_WORD_HOLDS = ("mass", "lesion", "tumo", "nodule", "neoplasm", "oma")  # each match one
ABOUT = {"mass": "soft-tissue-mass", "node": "lymph-node"}  # subject -> its lesion context

# site, contexts, side, lesion word, size and tissue words ("intramuscular", "subcutaneous": sites
# without a region) of a sentence, for one that refers back to it
Background = tuple[str | None, set[str], str | None, str | None, int | None, frozenset[str]]
NONE: Background = (None, set(), None, None, None, frozenset())
About = tuple[frozenset[str], frozenset[str]]  # the contexts and tissue words of a referent
NO_ABOUT: About = (frozenset(), frozenset())


def _nearest_site(s: str, start: int, end: int,
                  sites: list[tuple[int, int, str]]) -> str | None:
    """Pick the site nearest the term; sites merely reached by the lesion weigh less."""
    best: tuple[float, str] | None = None
    for a, b, sid in sites:
        dist: float
        if b <= start:
            dist = words_between(s, b, start)
        elif a >= end:
            dist = words_between(s, end, a) + 0.5
        else:
            dist = 0
        if dist and structure.WORDS["site_away"].search(s, max(0, a - 40), a):
            dist += 6 if a >= end else 12 if anatomy.is_a(sid, "organs") else 0  # P16.13
        if not anatomy.site_regions(sid) and dist > 0:
            dist += 3  # a generic site wins only when it qualifies the term directly
        if best is None or dist < best[0]:
            best = (dist, sid)
    return best[1] if best else None


Sites = list[tuple[int, int, str]]
T = TypeVar("T")


class SentenceFacts:
    """What the reader asks of one sentence more than once (the sentences after it on its line
    and in its section ask again), worked out once per report; as many as sentences read."""

    def __init__(self) -> None:
        self._got: dict[tuple[Callable[..., Any], str], Any] = {}
        self.places: dict[str, str | None] = {}  # the place of each sentence's line (P2.9)
        self.exam: str | None = None  # the exam title's place, whatever a line's heading says

    def _once(self, work: Callable[..., T], s: str, *args: Any) -> T:
        key = (work, s)
        if key not in self._got:
            self._got[key] = work(s, *args)
        return self._got[key]

    def sites(self, s: str) -> Sites:
        return self._once(place.line_sites, s, self.places.get(s))

    def studies(self, s: str) -> list[tuple[int, int, str]]:
        return self._once(cited.studies_cited, s)

    def own(self, s: str) -> Sites:
        return self._once(place.own_sites, s, self.sites(s), [c[:2] for c in self.studies(s)])

    def names(self, s: str) -> bool:
        return self._once(structure.names_structure, s)

    def background(self, s: str) -> Background:
        return self._once(_sentence_background, s, self.sites(s))


def tissue_words(sites: Iterable[str]) -> frozenset[str]:
    """The tissue words among sites: those without a region ("intramuscular", "subfascial")."""
    return frozenset(sid for sid in sites if not anatomy.site_regions(sid))


def _sentence_background(s: str, named: Sites) -> Background:
    """What a sentence (naming ``named``) gives the next one referring back (``Background``)."""
    found_sites = [sid for _, _, sid in named]
    found, stops = cues(s)
    own = place.most_specific(s, [h for h in named if anatomy.site_regions(h[2])])
    contexts = lesion_contexts(s, found, stops)
    if "bone-lesion" in contexts and kinds.beside_bone(s):  # "within the vastus intermedius
        contexts = contexts - {"bone-lesion"}  # along the femoral diaphysis": beside (P16.16)
    return (own, contexts, place.side_in(s),
            *structure.named_size(s, 0, len(s), 0, "mass"),
            tissue_words(found_sites))


def about_subject(s: str, subjects: frozenset[str], contexts: set[str]) -> bool:
    """Whether the sentence is about a mass or node (of ``subjects``) a sign may stand in."""
    return bool(("mass" in subjects and (ABOUT["mass"] in contexts or MASS_WORD.search(s)))
                or ("node" in subjects and ABOUT["node"] in contexts))


def _alone(s: str, subjects: frozenset[str], contexts: set[str], negated: bool) -> bool:
    """Whether an MRI sign without calcium counts: in a mass or node, negated, or uncaused."""
    return about_subject(s, subjects, contexts) and (negated or not other_cause(s))


def other_cause(s: str) -> bool:
    """Whether the sentence gives a sign another cause, calcium not among them."""
    return not names_calcium(s) and bool(structure.WORDS["other_cause"].search(s))


def fat_sign(s: str, start: int, end: int) -> bool:
    """Whether an MRI sign s[start:end] is a signal drop on a fat-sensitive sequence ("no signal
    loss on opposed-phase images", "no opposed-phase signal loss"): fat's sign, not calcium's,
    denied as well as stated (P7.12)."""
    return bool(_LOSS.search(s, start, end)) and bool(
        structure.WORDS["fat_sign_after"].match(s, end)
        or structure.WORDS["fat_sign_before"].search(s[max(0, start - 40):start]))


# a sign that says the signal drops ("signal loss", "signal drop-out"), not a void or dark focus
# seen on that sequence ("signal voids on STIR images" are voids)
_LOSS = re.compile(r"\b(?:loss|drop-?out|drop)\b", re.I)


def read_sentence_once(
    read: dict[Any, tuple[list[Mention], str | Background]], s: str, section: str | None,
    kind: str, prev: str | Background, title_site: str | None, title_side: str | None,
    about: About, ref: str | Background | None, facts: SentenceFacts,
) -> tuple[list[Mention], str | Background]:
    """``read_sentence``, reusing what the same sentence gave earlier in the report (an
    impression or conclusion often repeats a finding word for word).

    The section only names the mentions and makes them historical in a non-finding section;
    the sentence before matters only when this one refers back to it, and then only by its
    background (so two different sentences before with the same background share a reading).
    """
    back: Any = None
    if structure.ANAPHOR.match(s):
        if isinstance(prev, str):  # what ``read_sentence`` would read of it, read here once
            prev = facts.background(prev) if prev else NONE
        back = (prev[0], frozenset(prev[1]), *prev[2:])
    ref = facts.background(ref) if isinstance(ref, str) else ref
    key = (s, kind if kind in NON_FINDING_KINDS else "", title_site, title_side, facts.exam, back,
           about, None if ref is None else (ref[0], frozenset(ref[1]), *ref[2:]))
    got = read.get(key)
    if got is None:
        got = read[key] = read_sentence(s, section, kind, prev, title_site, title_side, about, ref,
                                        facts)
        return list(got[0]), got[1]
    found, background = got
    return [m if m.section == section else replace(m, section=section) for m in found], \
        background


def read_sentence(
    s: str, section: str | None, kind: str, prev: str | Background,
    title_site: str | None, title_side: str | None, about: About, ref: Background | None,
    facts: SentenceFacts,
) -> tuple[list[Mention], str | Background]:
    """Read one sentence holding a term: its mentions and its background (``prev``: the
    sentence before, or its background, read when this one refers back; ``ref``: the structure
    it refers back to, ``structure.antecedent``; ``about``: ``_referent``'s contexts, tissues)."""
    hits = term_hits(s)
    if not hits:
        return [], s
    sentence_cues, stops = cues(s)
    assert_hits(s, hits, sentence_cues, stops)
    hits = [h for h in hits if (h.assertion != "negated" or not h.term.silent_when_negated)
            and not (h.term.requires_calcification and fat_sign(s, h.start, h.end))]
    # a sign counts beside a calcium word; one the sentence gives ossification alone as its
    # cause ("low signal on all sequences, compatible with ossification") is the ossification's
    has_calc = any(h.term.concept == "calcification" and h.assertion != "negated" for h in hits)
    any_calc = any(not h.term.requires_calcification for h in hits)
    contexts = lesion_contexts(s, sentence_cues, stops) | about[0]
    sites = facts.own(s)  # not a cited study's field ("Radiographs of the hip …")
    anaphoric = bool(structure.ANAPHOR.match(s))
    tissues = about[1]  # "There is an intramuscular mass. … It contains calcification."
    if anaphoric:
        if isinstance(prev, str):
            prev = facts.background(prev) if prev else NONE
        contexts, tissues = contexts | prev[1], prev[5]
    else:
        prev = NONE
    if ref is not None:  # the structure described before: its site, side, lesion, size, kind
        prev, anaphoric, tissues = ref, True, ref[5] or tissues
        contexts |= ref[1] & {"bone-lesion"}  # "Its rings …": the bone lesion's (P16.10)
    concepts = {h.term.concept for h in hits if h.assertion != "negated" or not diagnosis(
        s, h.start, h.end)}  # a diagnosis denied or argued against
    # asks no ossification question ("myositis ossificans is argued against", P2.40)
    if "ossification" in concepts and "calcification" in concepts:
        contexts.add("ossification-vs-calcification")
    diff = differential(s)
    studies = facts.studies(s)
    now = cited.then_and_now(s, [h.start for h in hits])  # "…, now …" (P14.5)
    has_sign = any(h.term.requires_calcification for h in hits)
    out: list[Mention] = []
    for h in hits:
        alone = False
        if h.term.requires_calcification and not (has_calc or (any_calc and
                                                                h.assertion == "negated")):
            if any_calc or not _alone(s, h.term.alone_in, contexts,
                                      h.assertion == "negated"):
                continue
            alone = True
        mention_contexts = set(contexts) | h.term.contexts | (  # the lesion it refers to (P4.9g),
            ref[1] & {"soft-tissue-mass"} if ref is not None else set())  # no lone sign's
        if h.term.concept == "signal-void" or (has_sign and "signal-void" in contexts):
            mention_contexts.add("signal-void")
        if h.term.concept == "t1-hyperintensity":
            mention_contexts.add("t1-hyperintensity")
        site = _nearest_site(s, h.start, h.end, sites)
        from_clause = site is not None
        back_site = prev[0] if anaphoric and prev[0] else title_site  # the lesion referred to
        site = site or back_site
        assertion = h.assertion
        a, b = structure.clause_of(s, h.start, h.end)
        seen_on, own, assertion = cited.source(s, a, b, h.start, kind, assertion, studies, now)
        keep_diff = assertion == "possible" or has_sign or "signal-void" in contexts
        kind_of = kinds.kind_of(s, a, b, h.start, site, mention_contexts, h.end)
        if kind_of == "tendon" and h.term.concept == "calcification":
            mention_contexts.add("crystal-deposition")  # a tendon's deposit: HADD (P14.9)
        site = place.structure_site(s, site, sites, a, b, kind_of, h.start, back_site,
                                    facts.exam)  # "within this mass": its place (P12.31)
        if kind_of == "bone" and h.term.not_in_bone or h.term.gone_only and kind_of not in (
                "tendon", "joint"):  # "new bone formation" at a bone lesion: reactive bone
            continue  # (P16.1); a deposit gone without a mineral word: a tendon's (P14.21)
        if kind_of == "bone":
            site = place.bone_site(s, site, sites, prev[0] if anaphoric and prev[0] else title_site)
        from_clause = from_clause and any(x[2] == site for x in sites)
        span = min((x for x in sites if x[2] == site),
                   key=lambda x: abs(x[0] - h.start), default=None) if from_clause else None
        fallback = prev[2] if anaphoric and prev[2] else title_side
        named = structure.named_size(s, a, b, h.start, kind_of, (prev[3], prev[4]))
        out.append(Mention(
            sentence=s, term=h.text, concept=h.term.concept,
            assertion=assertion,  # type: ignore[arg-type]  # a str: affirmed or a category the lexicon checked
            section=section, site=site, regions=anatomy.site_regions(site),
            contexts=frozenset(mention_contexts & CONTEXTS),
            differential=diff if keep_diff and assertion != "negated" else (),
            sentence_sites=frozenset({sid for _, _, sid in sites} | ({site} if site else set())
                                     | tissues),
            kind=kind_of,
            side=place.side_of(s, a, b, site, span[:2] if span else None, h.start,
                                   fallback),
            size_mm=named[1], alone=alone, lesion=named[0],
            clause_sites=frozenset({sid for x0, _, sid in sites if a <= x0 < b}
                                   | ({site} if site else set())),
            seen_on=seen_on, own=own, placed=kind_of == "incidental" and seen_on not in (
                None, "MR") and kinds.placed_at_lesion(s, a, b), x_ray=h.term.x_ray,
        ))
    if not out:
        return out, s
    calcium = [m for m in out if not m.alone and m.concept == "calcification"]
    if calcium and all(not m.own for m in calcium):  # the sign's calcium word is a cited study's
        out = [replace(m, own=False, seen_on=calcium[0].seen_on)
               if m.own and m.concept in ("signal-void", "t1-hyperintensity") and not m.alone
               else m for m in out]
    return out, (out[0].site, contexts, out[0].side, out[0].lesion, out[0].size_mm,
                 tissue_words(out[0].sentence_sites))
