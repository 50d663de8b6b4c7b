"""The ConText engine (Harkema et al. 2009): cues, their scope, and the assertion of each term.

A sentence's cues (negation, possibility, history, pseudo-cues and terminators) come from
``data/findings_modifiers.json``; each calcification term gets the strongest assertion whose
cue reaches it. Lesion contexts and differential items of a sentence are read here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cds_service.core.reading.lexicon import Modifier, Term, find_contexts, lexicon
from cds_service.core.reading.structure import WORDS, argued_against
from cds_service.core.textmatch import WORD as _WORD

Cue = tuple[int, int, Modifier]
# what a clause's subject holds no more of: the term stands in another clause or is the object
# of another verb ("… with surrounding edema that has resolved")
_NOT_SUBJECT = re.compile(r"[,;:()]|\b(?:and|or|but|with|without|that|which|who|while|whereas|"
                          r"contains?|containing|shows?|showing|has|have|had|is|are|was|were)\b",
                          re.I)
# an aside inside the subject, between commas, that only recalls the earlier study ("The calcific
# deposit in the supraspinatus, described on the prior study, has resolved", "…, which measured
# 9 mm on the prior study, has resolved": P14.9) or places it ("…, 1.5 cm above its patellar
# insertion, has resolved": P14.13)
_ASIDE = re.compile(r",\s*(?:(?:as|previously|initially|first|originally)\s+|(?:which|that)\s+"
                    r"(?:(?:was|were|had been)\s+)?(?:(?:previously|initially|first)\s+)?)?(?:seen|"
                    r"noted|described|demonstrated|identified|visuali[sz]ed|reported|documented|"
                    r"measuring|measured)\b[^,;:()]{0,80},"
                    r"|,\s*(?:(?:just|immediately|approximately|about)\s+)?"
                    r"(?:\d+(?:\.\d+)?\s*(?:cm|mm)\s+)?"
                    r"(?:above|below|at|near|along|from|within|adjacent to|(?:proximal|distal|deep|"
                    r"superficial|anterior|posterior|medial|lateral|superior|inferior) to)\s"
                    r"(?!contrast\b)[^,;:()]{0,80},", re.I)
_AUX_END = re.compile(r"\b(?:is|are|was|were|has|have|had)\s+(?:(?:now|since|also)\s+)?$", re.I)
# a predicate of a relative clause ("… with surrounding edema that is no longer identified"):
# about the noun before the pronoun, the term's only where that noun is its own subject (P14.17)
_REL_END = re.compile(r"\b(?:that|which|who)\s+(?:(?:is|are|was|were|has|have|had)\s+)?"
                      r"(?:(?:now|since|also)\s+)?$", re.I)

# A question or a conditional is not a finding whatever else is said of it (P8).
_RANK: dict[str, int] = {"hypothetical": 4, "indication": 4, "negated": 3, "historical": 2,
                         "possible": 1}


def _subject_end(s: str, a: int, b: int) -> int:
    """Where the subject in s[a:b] ends: before the auxiliary that opens the predicate, and
    before the comma or semicolon a predicate referring back follows ("…, which has resolved")."""
    aux = _AUX_END.search(s, a, b)
    b = aux.start() if aux else b
    while b > a and s[b - 1] in " ,;":
        b -= 1
    return b


def _asides(s: str, a: int, b: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _ASIDE.finditer(s, a, b)]


def _subject(s: str, a: int, b: int, asides: list[tuple[int, int]]) -> bool:
    """Whether s[a:b] is all one clause's subject: nothing of ``_NOT_SUBJECT`` outside an aside
    recalling the earlier study (``_ASIDE``)."""
    return not any(not any(x0 <= m.start() < x1 for x0, x1 in asides)
                   for m in _NOT_SUBJECT.finditer(s, a, b))


def words_between(s: str, a: int, b: int) -> int:
    """Count words in s[a:b]."""
    return len(_WORD.findall(s, a, b)) if b > a else 0


def in_scope(s: str, cue: Cue, start: int, end: int,
              stops: list[int]) -> bool:
    """Tell whether a cue reaches the span [start, end) of sentence s."""
    c0, c1, mod = cue
    if c1 <= start and mod.direction in {"forward", "bidirectional"}:
        gap = (c1, start)
    elif end <= c0 and mod.direction in {"backward", "bidirectional"}:
        gap = (end, c0)
    else:
        return False
    asides: list[tuple[int, int]] = []
    rel = _REL_END.search(s, *gap) if mod.subject_scope and gap[1] == c0 else None
    if rel and not _subject(s, gap[0], rel.start(), _asides(s, *gap)):
        return False
    words = words_between(s, *gap)
    if words > mod.max_scope:
        if not mod.subject_scope or words > mod.subject_scope:
            return False
        subject_end = _subject_end(s, *gap)
        asides = _asides(s, *gap)
        if not _subject(s, gap[0], subject_end, asides):
            return False
    if any(gap[0] <= p < gap[1] and not any(x0 <= p < x1 for x0, x1 in asides) for p in stops):
        return False
    return not (mod.comma_terminates and "," in s[gap[0]:gap[1]])


# a hedged appositive goes on into what it is "in keeping with" (P8.16, ``hedged_appositive``)
_CARRIED = Modifier(category="possible", direction="forward", max_scope=8, comma_terminates=False)


def cues(s: str) -> tuple[list[Cue], list[int]]:
    """Find the active cues and the terminator positions of a sentence."""
    found: list[Cue] = []
    stops: list[int] = []
    for a, b, mod in lexicon().modifiers.find(s):
        if mod.category == "terminate":
            stops.append(a)
        elif mod.category != "pseudo":
            found.append((a, b, mod))
    if "," in s:
        found += [(m.end(), m.end(), _CARRIED) for m in WORDS["hedged_appositive"].finditer(s)]
    return found, stops


def denies(s: str) -> bool:
    """Whether a negation cue stands anywhere in the sentence ("no", "without", "not")."""
    return any(c[2].category == "negated" for c in cues(s)[0])


def _assertion(s: str, start: int, end: int, cues: list[Cue],
               stops: list[int]) -> str:
    """Return the strongest assertion the cues give the span (affirmed when none)."""
    best = "affirmed"
    for cue in cues:
        cat = cue[2].category
        if _RANK[cat] > _RANK.get(best, 0) and in_scope(s, cue, start, end, stops):
            best = cat
    return best


@dataclass(slots=True)
class Hit:
    start: int
    end: int
    text: str
    term: Term
    assertion: str = "affirmed"


def term_hits(s: str) -> list[Hit]:
    """Find the calcification terms of a sentence, minus excluded spans."""
    r = lexicon()
    excluded = [(m.start(), m.end()) for m in r.exclusions.finditer(s)]
    hits = []
    for a, b, term in r.terms.find(s):
        if any(x0 < b and a < x1 for x0, x1 in excluded):
            continue
        hits.append(Hit(a, b, s[a:b], term))
    if any(not h.term.gone_only for h in hits):  # a mineral word says it itself (P14.21)
        hits = [h for h in hits if not h.term.gone_only]
    return hits


def assert_hits(s: str, hits: list[Hit], cues: list[Cue],
                 stops: list[int]) -> None:
    """Give each hit its assertion from cues, own negation and lists of alternatives."""
    r = lexicon()
    for h in hits:
        h.assertion = "negated" if h.term.negated else _assertion(s, h.start, h.end, cues, stops)
        if h.assertion == "affirmed" and h.term.hedged:
            h.assertion = "possible"
        if h.assertion == "affirmed" and h.term.concept in {"calcification", "ossification"} and (
            r.alt_after.match(s, h.end) or r.alt_before.search(s, max(0, h.start - 80), h.start)
        ):
            h.assertion = "possible"
    calc = [h for h in hits if h.term.concept == "calcification"]
    for h in calc:  # what a denied sign would have meant is denied with it (P8.13)
        if h.assertion != "negated" and any(
                g.term.requires_calcification and g.assertion == "negated" and g.end <= h.start
                and WORDS["explains_sign"].fullmatch(s, g.end, h.start) for g in hits):
            h.assertion = "negated"
    for h in hits:
        if h.term.requires_calcification and h.assertion == "affirmed":
            h.assertion = _sign_assertion(s, calc)
        elif argued_diagnosis(s, h.start, h.end):  # "myositis ossificans is argued against"
            h.assertion = "negated"  # (P2.40)


def diagnosis(s: str, a: int, b: int) -> re.Match[str] | None:
    """The lesion word s[a:b] is or lies in, a diagnosis ("myositis ossificans", the
    "ossification" of "heterotopic ossification"); None for a mineral word alone."""
    return next((w for w in WORDS["mass"].finditer(s, max(0, a - 24), min(len(s), b + 24))
                 if w.start() <= a and b <= w.end()), None)


def argued_diagnosis(s: str, a: int, b: int) -> bool:
    """Whether s[a:b] names a diagnosis the sentence argues against (P2.39, P2.40)."""
    word = diagnosis(s, a, b)
    return word is not None and argued_against(s, word)


def _sign_assertion(s: str, calc: list[Hit]) -> str:
    """Assert an MRI sign from the calcification terms beside it (possible unless sure)."""
    kinds = {h.assertion for h in calc}
    if "affirmed" in kinds and len(differential(s)) <= 1:
        return "affirmed"
    return "possible"


def differential(s: str) -> tuple[str, ...]:
    """Return the differential items named in a sentence, in order, once each; not a place
    that holds the sign ("the central scar contains a signal void", "a void in the scar",
    P7.4b), nor a cause the sentence sets aside ("calcification rather than haemorrhage",
    "haemorrhage, not calcification", P7.4h)."""
    seen: list[str] = []
    for a, b, item in lexicon().differential.find(s):
        if WORDS["excluded_item"].search(s, max(0, a - 30), a) or item != "calcification" and (
                WORDS["holds_sign"].match(s, b)
                or WORDS["sign_within"].search(s, max(0, a - 40), a)):
            continue
        if item not in seen:
            seen.append(item)
    return tuple(seen)


def lesion_contexts(s: str, sentence_cues: list[Cue], stops: list[int]) -> set[str]:
    """Return the non-negated lesion contexts of a sentence (soft-tissue mass, lymph node…),
    not one a diagnosis argued against names (P2.40)."""
    negators = [c for c in sentence_cues if c[2].category == "negated"]
    found: set[str] = set()
    for a, b, cid in find_contexts(s):
        if cid in found:
            continue
        if not any(in_scope(s, c, a, b, stops) for c in negators) and not argued_diagnosis(
                s, a, b):  # "myositis ossificans is not favoured" (P2.40)
            found.add(cid)
    if "lymph-node" not in found:
        found.discard("mixed-signal-node")
    return found



def names_calcium(s: str) -> bool:
    """Whether a sentence names calcium, a mineral or ossification ('calcified', 'mineralized',
    'mineralization', 'ossific'): then no blood diagnosis of it explains a sign (P7.4d)."""
    return bool(WORDS["calcium_named"].search(s))


def diagnoses_blood(s: str) -> bool:
    """A sentence diagnosing a lesion that holds blood ('cavernous malformation', 'hemorrhagic
    metastasis'), calcium unnamed and the lesion not denied: it explains its MRI signs (P7.4c)."""
    return bool(WORDS["blood_lesion"].search(s) and not names_calcium(s) and not denies(s))
