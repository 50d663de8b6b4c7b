"""Another study a report's statement cites as its source (docs/matching-policy.md P12.1, P14):
the studies a sentence names so, and the ``seen_on``, ``own`` and assertion they give a term."""

from __future__ import annotations

import re

from cds_service.core.reading.facts import FINDING_ASSERTIONS, NON_FINDING_KINDS
from cds_service.core.reading.lexicon import lexicon
from cds_service.core.reading.structure import names_structure

# the parts of a sentence that set one time against another: "…, calcified on the 2021 CT, now
# shows no calcification", "… and now …", "… which now …"
_PART_BREAK = re.compile(r"[,;(]|\b(?:and|but|though|although|whereas|while|which|whose)\b",
                         re.I)


# a study named as what the statement is set against, not its source: "The mass shows no
# calcification, in contrast to the prior CT, which showed calcification" (P14.5)
_CONTRAST = re.compile(r"\b(?:in contrast (?:to|with)|unlike|as opposed to|different from)\s+"
                       r"(?:that (?:of|on|at)\s+)?(?:the\s+|an?\s+)?$", re.I)
_OPENS = 24  # characters before the study's name in a sentence that opens with it
_PRONOUNS = r"which|that|where"  # a relative clause's
_RELATIVE = re.compile(rf"\b(?:{_PRONOUNS})\b", re.I)
# the MRI's correlate of a cited finding, named after it ("…, corresponding to scattered
# low-signal foci on this MRI"; P12.20): a relative pronoun or a word of correspondence
_CORRELATE = re.compile(rf"\b(?:{_PRONOUNS}|correspond\w*|correlat\w*|matching)\b", re.I)
_GUIDED = re.compile(r"[ /-]guided\b", re.I)
_DENIED = re.compile(r"\b(?:no|not|without|never|absent|negative for)\b", re.I)  # before the term


def _relative(s: str, end: int, at: int) -> bool:
    """Whether ``at`` lies in the relative clause right after a study named at ``end``."""
    rel = _RELATIVE.search(s, end, at) if at > end else None
    return rel is not None and "," not in s[rel.end():at]


def _correlate(s: str, at: int, current: re.Match[str]) -> bool:
    """Whether "on this MRI" names the MRI's correlate of the cited finding in a relative
    clause after it ("…, which accounts for the signal void on this MRI", P12.1; "…,
    corresponding to scattered low-signal foci on this MRI", P12.20), not the report's own
    statement."""
    return (current.group().lower().startswith("on ") and current.start() > at
            and _CORRELATE.search(s, at, current.start()) is not None)


def _part(s: str, at: int) -> tuple[int, int]:
    """The part of ``s`` (between commas, semicolons and conjunctions) holding ``at``."""
    lo, hi = 0, len(s)
    for m in _PART_BREAK.finditer(s):
        if m.end() <= at:
            lo = m.end()
        elif m.start() > at:
            hi = m.start()
            break
    return lo, hi


def then_and_now(s: str, starts: list[int]) -> tuple[int, int] | None:
    """The part of ``s`` that is the report's own statement now, where the sentence sets it
    against an earlier one and both name a term (at ``starts``): "The mass, calcified on the
    2021 CT, now shows no calcification" (P14.5); None when it does not."""
    m = lexicon().now.search(s)
    if m is None:
        return None
    lo, hi = _part(s, m.start())
    lo = max(lo, m.start())  # "The previously calcified node now measures … without …"
    inside = sum(lo <= x < hi for x in starts)
    return (lo, hi) if 0 < inside < len(starts) else None


def source(s: str, a: int, b: int, at: int, kind: str, assertion: str,
           cited: list[tuple[int, int, str]],
           now: tuple[int, int] | None = None) -> tuple[str | None, bool, str]:
    """(seen_on, own, assertion) of the term at ``at`` in the clause s[a:b] (P12.1, P14): the
    study a cue reaching into the clause names as the source (any study the sentence names in a
    comparison section), unless the clause says it is still there (own) or gone (own, negated).
    Where the sentence sets now against then (``now``, ``then_and_now``), the part stating now
    is the report's own and no study cited outside it reaches it; outside it, an uncited part
    naming an earlier time ("previously calcified, now …") is history (P14.5)."""
    if kind in NON_FINDING_KINDS - {"comparison"}:
        return None, True, "historical"
    r = lexicon()
    # a study the statement is set against reaches only its own relative clause ("…, which
    # showed calcification")
    cited = [c for c in cited if not _CONTRAST.search(s, max(0, c[0] - 40), c[0])
             or _relative(s, c[1], at)]
    if now is not None:
        inside = now[0] <= at < now[1]
        cited = [c for c in cited if (now[0] <= c[0] < now[1]) == inside]
        if not cited and not inside and kind != "comparison" and r.then.search(s, *_part(s, at)):
            return None, True, "historical" if assertion in FINDING_ASSERTIONS else assertion
    # a cue reaching into the clause ("CR, CT, and MR demonstrate"), nearest the term; where it
    # names several studies, CT among them, CT (adequate for every structure, P12.3)
    cues = [(min(abs(c0 - at), abs(c1 - at)), code) for c0, c1, code in cited
            if c1 > a and c0 < b]
    if not cues and kind == "comparison":
        cues = [(abs(m.start() - at), str(m.lastgroup)) for m in r.studies.finditer(s)]
    if not cues and a > 0 and s[:a].rstrip().endswith(";") and not _names_study(
            r.occult.sub(" ", s[a:b])):
        # "Axial unenhanced CT scan showing …; calcifications are noted": the clause goes on
        # with the study the sentence opens with (P12.10), also where it says only that this
        # MRI does not show it ("…; the calcification is not characterized on this MRI")
        cues = [(0, code) for c0, _, code in cited[:1] if c0 <= _OPENS]
    seen_on = min(cues)[1] if cues else None
    if kind == "comparison":
        return (seen_on, False, assertion) if seen_on not in (None, "MR") else \
            (None, True, "historical")
    if seen_on is None:
        return None, True, assertion
    occult = r.occult.search(s, a, b)
    if occult:  # "…, not resolved on this MRI": still the cited study's finding (P14.9); its
        # "not" denies the MRI, not the finding, unless the finding was denied before it
        denied = assertion == "negated" and (occult.start() < at or _DENIED.search(s, a, at))
        return seen_on, False, assertion if denied or assertion not in (
            "historical", "negated") else "affirmed"
    if r.gone.search(s, a, b):
        return None, True, "negated" if assertion in FINDING_ASSERTIONS else assertion
    current = r.current.search(s, a, b)
    if current and not _correlate(s, at, current):
        return (None if seen_on == "MR" else seen_on), True, assertion
    # what the cited study showed is its statement, current unless said gone ("… was noted on
    # the prior radiographs"), not history (P14.3)
    return seen_on, False, "affirmed" if assertion == "historical" else assertion


def studies_cited(s: str) -> list[tuple[int, int, str]]:
    """(start, end, seen_on code) of each study the sentence ``s`` names as a statement's
    source (``lexicon().cited``); where one cue names several, CT among them, CT (P12.3). A CT
    density word ("hyperdense") is one where the sentence names no MRI (P12.7). A study named
    only for a size set against the current one ("(2.3 cm on the outside contrast CT of
    September)", "previously 2.3 cm on CT") is no source (P12.25)."""
    r = lexicon()
    if not r.cite_hint.search(s):
        return []
    found = [(m.start(), m.end(), _ct_first(m)) for m in r.cited.finditer(s)
             if not r.measured.search(s, max(0, m.start() - 48), m.start())]
    dense = [(m.start(), m.end(), str(m.lastgroup)) for m in r.density.finditer(s)]
    return found + dense if dense and not r.mri.search(s) else found


def _ct_first(m: re.Match[str]) -> str:
    named = {str(x.lastgroup) for x in lexicon().studies.finditer(m.group())}
    return "CT" if "CT" in named else str(m.lastgroup)


class Lead:
    """The study a caption-like sentence describes ("Axial CT of the neck with IV contrast on
    hospital day 4."; "Anteroposterior radiograph of the knee showing …"), carried to the
    sentences after it on its line until one names a study, an MRI or the report's own time
    (P12.6); and the study the sentence before names, to a sentence referring back to it ("They
    show …", "On that study …", P12.19). Each sentence is looked at once: linear in the line."""

    __slots__ = ("_code", "_passed", "_prev", "caption")

    def __init__(self) -> None:
        self._code: str | None = None
        self.caption: str | None = None  # the sentence that gave the study carried
        self._passed: list[str] = []  # the sentences since the last one read, on this line
        self._prev = ""  # the sentence before the next, on this line

    def line(self) -> None:
        """A new line (or section): nothing is carried over."""
        self._code, self._passed, self.caption, self._prev = None, [], None, ""

    def passed(self, s: str) -> None:
        """A sentence without a term, looked at only when a later one on its line has one."""
        self._passed.append(s)

    def of(self, s: str) -> str | None:
        """The study carried to sentence ``s`` (the seen_on code), and ``s`` taken as passed:
        the nearest sentence naming a study decides. A caption opens with the study's name, so
        the cheap anchored test finds the candidates; the others are searched only while a
        study is carried."""
        passed, self._passed = [*self._passed, s], []
        before, self._prev = passed[-2] if len(passed) > 1 else self._prev, s
        after = 0
        for i in range(len(passed) - 1, -1, -1):
            if lexicon().lead.match(passed[i]):
                self._code, self.caption, after = _described(passed[i]), passed[i], i + 1
                break
        if self._code is not None and any(_names_study(p) for p in passed[after:]):
            self._code = None
        if self._code is None:
            self.caption = None
            referred = _referred(before, s) if before else None
            if referred is not None:  # this sentence only (P12.19)
                self.caption = before
                return referred
        return self._code


def _referred(before: str, s: str) -> str | None:
    """The study sentence ``s`` refers back to as its source ("Outside CT images were reviewed.
    They show dense calcification in the mass.", "On that study, …", P12.19): the one study
    the sentence before names (CT where it names several), that sentence being about it (it
    opens with its name, or names no structure that "it" or "they" could be), naming no MRI
    and neither advising, planning nor denying it; None for any other sentence."""
    r = lexicon()
    if not r.refers.match(s) or r.mri.search(before) or r.refers_not.search(before):
        return None
    codes = {str(m.lastgroup) for m in r.studies.finditer(before)
             if not _GUIDED.match(before, m.end())}  # a procedure's guidance is no study
    if not codes or "MR" in codes or (len(codes) > 1 and "CT" not in codes):
        return None
    if not r.lead.match(before) and names_structure(before):
        return None
    return "CT" if "CT" in codes else codes.pop()


def _names_study(s: str) -> bool:
    """Whether a sentence names a study or sign of one, an MRI, or the report's own time now."""
    r = lexicon()
    return bool(r.cite_hint.search(s) or r.mri.search(s) or r.current.search(s))


def _described(s: str) -> str | None:
    """The study a caption-like sentence describes (P12.6): it opens with the study's name, has
    no advice or comparison word and names no MRI, and either has no finite verb ("Axial CT of
    the neck on day 4.") or names a view or image of the study as the subject of a verb of
    showing ("Unenhanced axial CT image shows …"); None for any other sentence."""
    r = lexicon()
    m = r.lead.match(s)
    if m is None or r.compared.search(s) or r.mri.search(s):
        return None
    if not r.verbs.search(s):
        return str(m.lastgroup)
    verb = r.shows.match(s, m.end())
    return str(m.lastgroup) if verb and r.views.search(s, 0, verb.end()) else None
