"""Report text → calcification mentions (assertion, site, lesion contexts) and a report class."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from cds_service.core import anatomy
from cds_service.core.reading import cited, guard, place, referred, structure
from cds_service.core.reading.assertion import cues, denies, diagnoses_blood, lesion_contexts
from cds_service.core.reading.facts import NON_FINDING_KINDS, Calcification, Mention, TextFindings
from cds_service.core.reading.kind import beside_bone
from cds_service.core.reading.lexicon import lexicon
from cds_service.core.reading.literals import REFERS, SIGN, WORD, Scanner
from cds_service.core.reading.mentions import (
    ABOUT,
    MASS_WORD,
    MASS_WORD_HOLDS,
    NO_ABOUT,
    About,
    Background,
    SentenceFacts,
    other_cause,
    read_sentence_once,
    tissue_words,
)
from cds_service.core.reading.sentences import Section, Steps, iter_sentences, sections
from cds_service.core.textmatch import WORD as WORDS
from cds_service.errors import DataError

_TITLE_LINE = re.compile(r"^[^a-z.]{3,120}$")
# a line's heading: "Liver:", "26 Jan:", "Sep 1, 2026:"
_LINE_HEAD = re.compile(r"[ \t]*[A-Za-z0-9][\w /&',-]{0,40}(?:\([^()\n]{0,60}\))?:")
_BLANK = re.compile(r"\n[ \t]*\n")
_ANAPHORS = structure.ANAPHORS  # a sentence referring back
_DEFINITE = re.compile(r"^\s*(?:it|this|(?:the|this) (?:lesion|mass|tumou?r|nodule))\b", re.I)
_NODE = structure.WORDS["node"]  # a cause a sentence naming no node gives is a mass's (P7.4e)
_PRONOUN = re.compile(r"^\s*(?:it|its|this|these|they)\b", re.I)  # the subject is before it


@cache
def scanner() -> Scanner:
    """The trigger words of the term lexicon (``literals``); as subjects the words one of
    which a sentence about a mass or node holds (``mentions._alone``): what ``MASS_WORD``
    matches and the last word of every synonym of those lesion contexts; and
    ``structure.ANAPHORS``."""
    r = lexicon()
    words = [(w, SIGN if t.alone_in else WORD, t.alone_in)
             for t in r.terms.labels for w in t.trigger]
    about = set(ABOUT.values())
    if about & set(r.contexts.labels):
        raise DataError("findings_contexts.json: the mass and node contexts take synonyms "
                        "only (the trigger pre-filter finds them by word)")
    lasts = [WORDS.findall(phrase.lower())[-1] for phrase, c in r.context_phrases if c in about]
    # refers back: starts so, past a bullet, its words maybe apart by more than one space
    return Scanner(words, [*MASS_WORD_HOLDS, *lasts],
                   re.compile(r"[\W\d_]*" + _ANAPHORS.replace(" ", r"\s+"), re.I))





# the seen_on codes of studies that image by X-ray attenuation: a radiographic density word
# ("punctate densities") is mineral only as one of theirs (``Term.x_ray``, P12.35)
X_RAY = frozenset({"XR", "CT", "MG"})
MAX_MENTIONS = 32  # per report: real reports name calcification a handful of times


@dataclass(slots=True)
class ReadBudget:
    """What one report may still read (shared by its blocks of text). Real reports have tens
    of sentences and a handful that name a term; the caps bound the work on hostile text."""

    mentions: int = MAX_MENTIONS
    steps: Steps = field(default_factory=lambda: Steps(guard.MAX_SENTENCES))  # sentence ends
    term_sentences: int = guard.MAX_TERM_SENTENCES  # sentences holding a term, read in full
    term_chars: int = guard.MAX_TERM_CHARS  # and their characters
    # what each sentence read so far gave (``read_sentence_once``); as many entries as
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
                       title_side: str | None = None, budget: ReadBudget | None = None,
                       as_study: str | None = None) -> tuple[list[Mention], int]:
    """Read one block of text (with its default section) into mentions within ``budget`` (a
    fresh one when None), which it spends: it stops at the cap on mentions, sentences or
    sentences holding a term, so hostile text cannot hold a worker. A sentence is read only when
    it holds a trigger word (``literals``: a calcium word or a sign that may stand alone; one
    scan) and a term. ``as_study``: the seen_on code the report's own statements would have (its
    modality's: "XR" for a radiograph report); None for an MRI or an unknown report. Returns the
    mentions and how many characters were left unread."""
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
    told: set[str] = set()  # those of its findings and impression
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
            if kind not in NON_FINDING_KINDS:
                told.add(s)  # the report's own descriptions of lesions (P12.21)
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
                found, prev = read_sentence_once(budget.read, s, name, kind, prev, site, side,
                                                 about, ref, facts)
                carried = lead.of(s)  # P12.6, else a heading's (P12.1)
                study = carried or heading
                cap = lead.caption if carried and lead.caption != s else None
                if study and kind not in NON_FINDING_KINDS:
                    found = [replace(m, seen_on=study, own=False, caption=cap)
                             if m.own and m.seen_on is None else m for m in found]
                found = [m for m in found if not m.x_ray or (m.seen_on or as_study) in X_RAY]
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
    mentions = referred.referred_lesions(mentions, said, facts.places, told)
    return structure.correct_sides(mentions, corrections), skipped


def _in_bone(s: str) -> bool:
    """Whether a sentence going on about the lesion before it puts it in, not by, bone (P16.10)."""
    return bool(_DEFINITE.match(s)) and not structure.WORDS["soft_tissue"].search(s) and (
        "bone-lesion" in lesion_contexts(s, *cues(s))) and not beside_bone(s)


def _explains(s: str, found: list[Mention], desc: str | None = None) -> bool:
    """Whether a sentence on a mass (or back to it: ``desc``) explains its sign, not by calcium"""
    if not MASS_WORD.search(s) and not (desc and MASS_WORD.search(desc) and (  # back: P2.2
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




def _referent(s: str, line: list[str | Background], title_site: str | None,
              title_side: str | None, facts: SentenceFacts) -> tuple[str | None, str | None, About]:
    """The site, side, lesion contexts and tissue words ("intramuscular") of the structure a
    sentence naming no place of its own is about (P2.2): the nearest sentence before it on its
    line that names one, passing over those that refer back themselves ("It encases the renal
    artery": what it reaches, not what it is), else the title's."""
    if structure.ANAPHOR.match(s) or facts.names(s) or any(
            anatomy.site_regions(x[2]) for x in facts.own(s)):
        return title_site, title_side, NO_ABOUT
    for before in line:
        if isinstance(before, str) and (_PRONOUN.match(before) or not any(
                anatomy.site_regions(x[2]) for x in facts.sites(before))):
            continue  # refers back itself, or names no place: read no further
        back = facts.background(before) if isinstance(before, str) else before
        if back[0] is not None:
            return back[0], back[2] or title_side, (frozenset(back[1]), back[5])
    return title_site, title_side, NO_ABOUT




def summarise(mentions: list[Mention]) -> TextFindings:
    """The report-level class (the report's own statements in force; ossification is its own
    class, P7.1, P9.1, P12.2), the unions of what counts, and the structures."""
    mentions = structure.supersede(mentions, frozenset(
        n for n, k in lexicon().section_kinds.items() if k == "addendum"))
    mentions = structure.outdated(referred.restated(mentions))
    tissues: dict[Any, frozenset[str]] = {}  # one structure's tissue words are all its own (P1.1)
    for m in mentions:
        key = (m.kind, m.site, m.side)
        tissues[key] = tissues.get(key, frozenset()) | tissue_words(m.sentence_sites)
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

