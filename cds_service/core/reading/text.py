"""Report text → calcification mentions (assertion, site, lesion contexts) and a report class."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any, TypeVar

from cds_service.core import anatomy
from cds_service.core.reading import cited, guard, place, referred, structure
from cds_service.core.reading.assertion import (
    assert_hits,
    cues,
    denies,
    diagnoses_blood,
    differential,
    lesion_contexts,
    names_calcium,
    term_hits,
    words_between,
)
from cds_service.core.reading.facts import (
    CONTEXTS,
    NON_FINDING_KINDS,
    Calcification,
    Mention,
    TextFindings,
)
from cds_service.core.reading.lexicon import lexicon
from cds_service.core.reading.literals import REFERS, SIGN, WORD, Scanner
from cds_service.core.reading.sentences import Section, Steps, iter_sentences, sections
from cds_service.core.textmatch import WORD as WORDS
from cds_service.errors import DataError

_TITLE_LINE = re.compile(r"^[^a-z.]{3,120}$")
# a line's heading: "Liver:", "26 Jan:", "Sep 1, 2026:"
_LINE_HEAD = re.compile(r"[ \t]*[A-Za-z0-9][\w /&',-]{0,40}(?:\([^()\n]{0,60}\))?:")
_BLANK = re.compile(r"\n[ \t]*\n")
_ANAPHORS, _ANAPHOR = structure.ANAPHORS, structure.ANAPHOR  # a sentence referring back
_DEFINITE = re.compile(r"^\s*(?:it|this|(?:the|this) (?:lesion|mass|tumou?r|nodule))\b", re.I)
_NODE = structure.WORDS["node"]  # a cause a sentence naming no node gives is a mass's (P7.4e)
_PRONOUN = re.compile(r"^\s*(?:it|its|this|these|they)\b", re.I)  # the subject is before it

_MASS_WORD = re.compile(r"(?i)\b(?:mass(?:es)?|lesions?|tumou?rs?|nodules?|neoplasms?|\w*omas?)\b")
_MASS_WORD_HOLDS = ("mass", "lesion", "tumo", "nodule", "neoplasm", "oma")  # each match one
_ABOUT = {"mass": "soft-tissue-mass", "node": "lymph-node"}  # subject -> its lesion context


@cache
def scanner() -> Scanner:
    """The trigger words of the term lexicon (``literals``); as subjects the words one of
    which a sentence about a mass or node holds (``_alone``): what ``_MASS_WORD`` matches and
    the last word of every synonym of those lesion contexts; and ``_ANAPHOR``."""
    r = lexicon()
    words = [(w, SIGN if t.alone_in else WORD, t.alone_in)
             for t in r.terms.labels for w in t.trigger]
    about = set(_ABOUT.values())
    if about & set(r.contexts.labels):
        raise DataError("findings_contexts.json: the mass and node contexts take synonyms "
                        "only (the trigger pre-filter finds them by word)")
    lasts = [WORDS.findall(phrase.lower())[-1] for phrase, c in r.context_phrases if c in about]
    # refers back: starts so, past a bullet, its words maybe apart by more than one space
    return Scanner(words, [*_MASS_WORD_HOLDS, *lasts],
                   re.compile(r"[\W\d_]*" + _ANAPHORS.replace(" ", r"\s+"), re.I))

# site, contexts, side, lesion word, size and tissue words ("intramuscular", "subcutaneous": sites
# without a region) of a sentence, for one that refers back to it
Background = tuple[str | None, set[str], str | None, str | None, int | None, frozenset[str]]
_NONE: Background = (None, set(), None, None, None, frozenset())
About = tuple[frozenset[str], frozenset[str]]  # the contexts and tissue words of a referent
_NO_ABOUT: About = (frozenset(), frozenset())


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


MAX_MENTIONS = 32  # per report: real reports name calcification a handful of times


@dataclass(slots=True)
class ReadBudget:
    """What one report may still read (shared by its blocks of text). Real reports have tens
    of sentences and a handful that name a term; the caps bound the work on hostile text."""

    mentions: int = MAX_MENTIONS
    steps: Steps = field(default_factory=lambda: Steps(guard.MAX_SENTENCES))  # sentence ends
    term_sentences: int = guard.MAX_TERM_SENTENCES  # sentences holding a term, read in full
    term_chars: int = guard.MAX_TERM_CHARS  # and their characters
    # what each sentence read so far gave (``_read_sentence_once``); as many entries as
    # sentences holding a term, so bounded by ``term_sentences``
    read: dict[Any, tuple[list[Mention], str | Background]] = field(default_factory=dict)
    facts: SentenceFacts = field(default_factory=SentenceFacts)  # of the sentences read

    @property
    def spent(self) -> bool:
        return min(self.mentions, self.steps.left, self.term_sentences, self.term_chars) <= 0


def read_text(text: str) -> TextFindings:
    """Read report text (folded, collapsed, capped as ``read_report`` does): mentions, a class."""
    return summarise(read_block_bounded(guard.clean(text, guard.MAX_REPORT_CHARS)[0], None,
                                        None)[0])


def read_block_bounded(text: str, default_section: str | None, title_site: str | None,
                       title_side: str | None = None,
                       budget: ReadBudget | None = None) -> tuple[list[Mention], int]:
    """Read one block of text (with its default section) into mentions within ``budget`` (a
    fresh one when None), which it spends: it stops at the cap on mentions, sentences or
    sentences holding a term, so hostile text cannot hold a worker. A sentence is read only when
    it holds a trigger word (``literals``: a calcium word or a sign that may stand alone; one
    scan) and a term. Returns the mentions and how many characters were left unread."""
    budget = budget if budget is not None else ReadBudget()
    r = lexicon()
    scan = scanner().scan
    facts = budget.facts
    if not scan(text, windows=False).kinds:
        return [], 0
    if budget.spent:
        return [], len(text)
    mentions: list[Mention] = []
    parts = sections(text, default_section)
    if title_site is None:
        title_site, line_side = _title(parts)
        title_side = title_side or (line_side if line_side != "bilateral" else None)
    title_site, title_side = place.asked_site(parts, title_site, title_side)
    facts.exam = title_site
    corrections: list[structure.Correction] = []
    said: list[str] = []  # the sentences of the block, as many as the steps allow
    explained: list[tuple[frozenset[str], str | None, bool]] = []  # a sign's cause (P7.4, 7.4e)
    skipped, stopped = 0, False
    for name, kind, body in parts:
        if stopped:  # a cap was reached: the rest is counted, not read
            skipped += len(body)
            continue
        if kind == "title":
            continue
        prev: str | Background = ""
        line: list[str | Background] = []  # the sentences before on the same line (P2.2)
        just: list[int] = []  # the mentions the sentence before gave (indices in ``mentions``)
        heading: str | None = None  # the study a paragraph headed "CT:" cites (P12.1)
        lead = cited.Lead()  # the study a caption-like sentence describes, to its line's end
        before: list[str] = []  # and in the section, a few back (P2.4)
        budget.steps.cut = None
        last = 0
        for s, consumed in iter_sentences(body, budget.steps):
            said.append(s)  # for the sizes of structures named by reference (P1.1)
            if last == 0 or "\n" in body[max(0, last - 2):last]:
                line, just = [], []
                here, here_side = place.line_place(s, title_site, title_side)  # P2.2
                lead.line()
                if _LINE_HEAD.match(s) or _BLANK.search(body, max(0, last - 8), last):
                    head = r.heading.match(s)
                    heading = str(head.lastgroup) if head else None
            last = consumed
            facts.places.setdefault(s, here)
            if kind == "addendum":
                corrections.extend(structure.side_corrections(s, name))
            if not (scan(s, windows=False).kinds and r.any_term.search(s)):
                in_bone = bool(just) and _in_bone(s)  # "The mass … saucerization of the bone"
                for i in just:  # what the sentence after says of them (P16.1, P19.1)
                    mentions[i] = structure.said_after(mentions[i], s, in_bone)
                just = []
                lead.passed(s)
                prev = s
                if kind in ("finding", "addendum", "differential") and diagnoses_blood(s):  # P7.4c
                    explained.append((anatomy.site_regions(here or ""), here_side, False))
            else:
                budget.term_sentences -= 1
                budget.term_chars -= len(s)
                site, side, about = _referent(s, line, here, here_side, facts)
                desc, ref = structure.antecedent(s, before, prev, facts.names, facts.own)
                found, prev = _read_sentence_once(budget.read, s, name, kind, prev, site, side,
                                                  about, ref, facts)
                carried = lead.of(s)  # P12.6, else a heading's (P12.1)
                study = carried or heading
                cap = lead.caption if carried and lead.caption != s else None
                if study and kind not in NON_FINDING_KINDS:
                    found = [replace(m, seen_on=study, own=False, caption=cap)
                             if m.own and m.seen_on is None else m for m in found]
                found = [referred.with_antecedent(m, desc) for m in found[: budget.mentions]]
                budget.mentions -= len(found)
                just = list(range(len(mentions), len(mentions) + len(found)))
                mentions.extend(found)
                if kind not in NON_FINDING_KINDS and _explains(s, found, desc):
                    own = [x[2] for x in facts.sites(s) if anatomy.site_regions(x[2])]
                    explained.append((anatomy.site_regions(own[0] if own else site or ""),
                                      place.side_in(s) or side, _NODE.search(s) is not None))
            line = [prev, *line[:2]]
            before = [*before[1 - structure.LOOK_BACK:], s]
            if min(budget.mentions, budget.term_sentences, budget.term_chars) <= 0:
                budget.steps.cut = consumed
                break
        if budget.steps.cut is not None:
            skipped, stopped = len(body) - budget.steps.cut, True
    mentions = [replace(m, superseded=True) if m.alone and any(
        regions & m.regions and (None in (side, m.side) or side == m.side)
        for regions, side, node in explained if node or m.kind != "node") else m
        for m in mentions]  # "susceptibility ...; paramagnetic foci, in keeping with hemosiderin"
    mentions = referred.cited_lesions(referred.described_sizes(mentions, said, facts.places), said)
    return structure.correct_sides(mentions, corrections), skipped


def _in_bone(s: str) -> bool:
    """Whether a sentence going on about the lesion before it puts it in, not by, bone (P16.10)."""
    return bool(_DEFINITE.match(s)) and not structure.WORDS["soft_tissue"].search(s) and (
        "bone-lesion" in lesion_contexts(s, *cues(s))) and not structure.beside_bone(s)


def _explains(s: str, found: list[Mention], desc: str | None = None) -> bool:
    """Whether a sentence on a mass (or back to it: ``desc``) explains its sign, not by calcium"""
    if not _MASS_WORD.search(s) and not (desc and _MASS_WORD.search(desc) and (  # back: P2.2
            structure.ANAPHOR.match(s) or REFERS.search(s) or s.lower().startswith("the "))):
        return False
    if found:
        return (all(m.assertion == "negated" and m.concept == "calcification" for m in found)
                and any("signal-void" in m.contexts for m in found)
                and bool(structure.WORDS["other_cause"].search(s)))
    return bool(other_cause(s) and scanner().scan(s, windows=False).kinds & SIGN and not denies(s))


def _title(parts: list[Section]) -> tuple[str | None, str | None]:
    """Return the first site and the side of a title line (EXAM section or capitalised line)."""
    for _name, kind, body in parts[:2]:
        first = body.strip().split("\n", 1)[0]
        if kind == "title" or _TITLE_LINE.match(first):
            found = [sid for _, _, sid in anatomy.find_sites(first)]
            if found:
                return found[0], place.side_in(first)
    return None, None


def _tissues(sites: Iterable[str]) -> frozenset[str]:
    """The tissue words among sites: those without a region ("intramuscular", "subfascial")."""
    return frozenset(sid for sid in sites if not anatomy.site_regions(sid))


def _sentence_background(s: str, named: Sites) -> Background:
    """What a sentence (naming ``named``) gives the next one referring back (``Background``)."""
    found_sites = [sid for _, _, sid in named]
    found, stops = cues(s)
    own = place.most_specific(s, [h for h in named if anatomy.site_regions(h[2])])
    return (own, lesion_contexts(s, found, stops), place.side_in(s),
            *structure.named_size(s, 0, len(s), 0, "mass"),
            _tissues(found_sites))


def about_subject(s: str, subjects: frozenset[str], contexts: set[str]) -> bool:
    """Whether the sentence is about a mass or node (of ``subjects``) a sign may stand in."""
    return bool(("mass" in subjects and (_ABOUT["mass"] in contexts or _MASS_WORD.search(s)))
                or ("node" in subjects and _ABOUT["node"] in contexts))


def _alone(s: str, subjects: frozenset[str], contexts: set[str], negated: bool) -> bool:
    """Whether an MRI sign without calcium counts: in a mass or node, negated, or uncaused."""
    return about_subject(s, subjects, contexts) and (negated or not other_cause(s))


def other_cause(s: str) -> bool:
    """Whether the sentence gives a sign another cause, calcium not among them."""
    return not names_calcium(s) and bool(structure.WORDS["other_cause"].search(s))


def _referent(s: str, line: list[str | Background], title_site: str | None,
              title_side: str | None, facts: SentenceFacts) -> tuple[str | None, str | None, About]:
    """The site, side, lesion contexts and tissue words ("intramuscular") of the structure a
    sentence naming no place of its own is about (P2.2): the nearest sentence before it on its
    line that names one, passing over those that refer back themselves ("It encases the renal
    artery": what it reaches, not what it is), else the title's."""
    if _ANAPHOR.match(s) or facts.names(s) or any(
            anatomy.site_regions(x[2]) for x in facts.own(s)):
        return title_site, title_side, _NO_ABOUT
    for before in line:
        if isinstance(before, str) and (_PRONOUN.match(before) or not any(
                anatomy.site_regions(x[2]) for x in facts.sites(before))):
            continue  # refers back itself, or names no place: read no further
        back = facts.background(before) if isinstance(before, str) else before
        if back[0] is not None:
            return back[0], back[2] or title_side, (frozenset(back[1]), back[5])
    return title_site, title_side, _NO_ABOUT


def _read_sentence_once(
    read: dict[Any, tuple[list[Mention], str | Background]], s: str, section: str | None,
    kind: str, prev: str | Background, title_site: str | None, title_side: str | None,
    about: About, ref: str | Background | None, facts: SentenceFacts,
) -> tuple[list[Mention], str | Background]:
    """``_read_sentence``, reusing what the same sentence gave earlier in the report (an
    impression or conclusion often repeats a finding word for word).

    The section only names the mentions and makes them historical in a non-finding section;
    the sentence before matters only when this one refers back to it, and then only by its
    background (so two different sentences before with the same background share a reading).
    """
    back: Any = None
    if _ANAPHOR.match(s):
        if isinstance(prev, str):  # what ``_read_sentence`` would read of it, read here once
            prev = facts.background(prev) if prev else _NONE
        back = (prev[0], frozenset(prev[1]), *prev[2:])
    ref = facts.background(ref) if isinstance(ref, str) else ref
    key = (s, kind if kind in NON_FINDING_KINDS else "", title_site, title_side, facts.exam, back,
           about, None if ref is None else (ref[0], frozenset(ref[1]), *ref[2:]))
    got = read.get(key)
    if got is None:
        got = read[key] = _read_sentence(s, section, kind, prev, title_site, title_side, about, ref,
                                         facts)
        return list(got[0]), got[1]
    found, background = got
    return [m if m.section == section else replace(m, section=section) for m in found], \
        background


def _read_sentence(
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
    hits = [h for h in hits if h.assertion != "negated" or not h.term.silent_when_negated]
    # a sign counts beside a calcium word; one the sentence gives ossification alone as its
    # cause ("low signal on all sequences, compatible with ossification") is the ossification's
    has_calc = any(h.term.concept == "calcification" and h.assertion != "negated" for h in hits)
    any_calc = any(not h.term.requires_calcification for h in hits)
    contexts = lesion_contexts(s, sentence_cues, stops) | about[0]
    sites = facts.own(s)  # not a cited study's field ("Radiographs of the hip …")
    anaphoric = bool(_ANAPHOR.match(s))
    tissues = about[1]  # "There is an intramuscular mass. … It contains calcification."
    if anaphoric:
        if isinstance(prev, str):
            prev = facts.background(prev) if prev else _NONE
        contexts, tissues = contexts | prev[1], prev[5]
    else:
        prev = _NONE
    if ref is not None:  # the structure described before: its site, side, lesion, size, kind
        prev, anaphoric, tissues = ref, True, ref[5] or tissues
        contexts |= ref[1] & {"bone-lesion"}  # "Its rings …": the bone lesion's (P16.10)
    concepts = {h.term.concept for h in hits}
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
        site = site or (prev[0] if anaphoric and prev[0] else title_site)
        assertion = h.assertion
        a, b = structure.clause_of(s, h.start, h.end)
        seen_on, own, assertion = cited.source(s, a, b, h.start, kind, assertion, studies, now)
        keep_diff = assertion == "possible" or has_sign or "signal-void" in contexts
        kind_of = structure.kind_of(s, a, b, h.start, site, mention_contexts, h.end)
        if kind_of == "tendon" and h.term.concept == "calcification":
            mention_contexts.add("crystal-deposition")  # a tendon's deposit: HADD (P14.9)
        site = place.structure_site(s, site, sites, a, b, kind_of, h.start, title_site, facts.exam)
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
            seen_on=seen_on, own=own,
        ))
    if not out:
        return out, s
    calcium = [m for m in out if not m.alone and m.concept == "calcification"]
    if calcium and all(not m.own for m in calcium):  # the sign's calcium word is a cited study's
        out = [replace(m, own=False, seen_on=calcium[0].seen_on)
               if m.own and m.concept in ("signal-void", "t1-hyperintensity") and not m.alone
               else m for m in out]
    return out, (out[0].site, contexts, out[0].side, out[0].lesion, out[0].size_mm,
                 _tissues(out[0].sentence_sites))


def summarise(mentions: list[Mention]) -> TextFindings:
    """The report-level class (the report's own statements in force; ossification is its own
    class, P7.1, P9.1, P12.2), the unions of what counts, and the structures."""
    mentions = structure.supersede(mentions, frozenset(
        n for n, k in lexicon().section_kinds.items() if k == "addendum"))
    mentions = structure.outdated(referred.restated(mentions))
    tissues: dict[Any, frozenset[str]] = {}  # one structure's tissue words are all its own (P1.1)
    for m in mentions:
        key = (m.kind, m.site, m.side)
        tissues[key] = tissues.get(key, frozenset()) | _tissues(m.sentence_sites)
    mentions = [m if tissues[(m.kind, m.site, m.side)] <= m.sentence_sites else replace(
        m, sentence_sites=m.sentence_sites | tissues[(m.kind, m.site, m.side)]) for m in mentions]
    kinds = {m.assertion for m in mentions
             if not m.superseded and m.concept != "ossification" and m.own}
    if "affirmed" in kinds:
        cls: Calcification = "present"
    elif "possible" in kinds:
        cls = "possible"
    elif "negated" in kinds:
        cls = "absent"
    else:
        cls = "not mentioned"
    counting = [m for m in mentions if m.counts]
    return TextFindings(
        calcification=cls,
        mentions=tuple(mentions),
        sites=frozenset().union(*(m.sentence_sites for m in counting)),
        regions=frozenset().union(*(m.regions for m in counting)),
        contexts=frozenset().union(*(m.contexts for m in counting)),
        structures=structure.structures(mentions),
    )

