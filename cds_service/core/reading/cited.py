"""Another study a report's statement cites as its source (docs/matching-policy.md P12.1, P14):
the studies a sentence names so, and the ``seen_on``, ``own`` and assertion they give a term."""

from __future__ import annotations

import re

from cds_service.core.reading.facts import FINDING_ASSERTIONS, NON_FINDING_KINDS
from cds_service.core.reading.lexicon import lexicon


def source(s: str, a: int, b: int, at: int, kind: str, assertion: str,
           cited: list[tuple[int, int, str]]) -> tuple[str | None, bool, str]:
    """(seen_on, own, assertion) of the term at ``at`` in the clause s[a:b] (P12.1, P14): the
    study a cue reaching into the clause names as the source (any study the sentence names in a
    comparison section), unless the clause says it is still there (own) or gone (own, negated)."""
    if kind in NON_FINDING_KINDS - {"comparison"}:
        return None, True, "historical"
    r = lexicon()
    # a cue reaching into the clause ("CR, CT, and MR demonstrate"), nearest the term; where it
    # names several studies, CT among them, CT (adequate for every structure, P12.3)
    cues = [(min(abs(c0 - at), abs(c1 - at)), code) for c0, c1, code in cited
            if c1 > a and c0 < b]
    if not cues and kind == "comparison":
        cues = [(abs(m.start() - at), str(m.lastgroup)) for m in r.studies.finditer(s)]
    seen_on = min(cues)[1] if cues else None
    if kind == "comparison":
        return (seen_on, False, assertion) if seen_on not in (None, "MR") else \
            (None, True, "historical")
    if seen_on is None:
        return None, True, assertion
    if r.gone.search(s, a, b):
        return None, True, "negated" if assertion in FINDING_ASSERTIONS else assertion
    if r.current.search(s, a, b):
        return (None if seen_on == "MR" else seen_on), True, assertion
    return seen_on, False, assertion


def studies_cited(s: str) -> list[tuple[int, int, str]]:
    """(start, end, seen_on code) of each study the sentence ``s`` names as a statement's
    source (``lexicon().cited``); where one cue names several, CT among them, CT (P12.3)."""
    r = lexicon()
    return [(m.start(), m.end(), _ct_first(m)) for m in r.cited.finditer(s)] \
        if r.cite_hint.search(s) else []


def _ct_first(m: re.Match[str]) -> str:
    named = {str(x.lastgroup) for x in lexicon().studies.finditer(m.group())}
    return "CT" if "CT" in named else str(m.lastgroup)
