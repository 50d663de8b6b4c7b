"""The trigger pre-filter: can this text hold a mention at all?

Generated from the reader's own term lexicon (the one regex that gates every block of report
text before sentences are read), never from a second, hand-kept list. Each term pattern is
parsed and reduced to the literal strings one of which every match must contain (for
``\\b(?:micro|macro)?c(?:al|la)c(?:if|fi)\\w*`` that is calcif, calcfi, clacif or clacfi). The
filter is those literals in one case-insensitive alternation (the reader's own flags), so
it is a plain substring scan: a text without any of them cannot match a term, and the reader
would find no mention in it. A text with one is read in full.

``tests/test_trigger.py`` proves the filter passes every text the reader finds a mention in:
every lexicon entry's own examples and the whole evaluation set.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import product
from typing import Any

from cds_service.errors import DataError

try:  # Python 3.11+: the parser moved
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

MAX_EXPANSION = 64  # literal variants kept per run before a run is cut short

_LITERAL = sre_constants.LITERAL
_BRANCH = sre_constants.BRANCH
_SUBPATTERN = sre_constants.SUBPATTERN
_MAX_REPEAT = sre_constants.MAX_REPEAT
_MIN_REPEAT = sre_constants.MIN_REPEAT
_ZERO_WIDTH = (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT)


def _finite(items: Any) -> set[str] | None:
    """Every string ``items`` can match, if it is a small finite set of literals."""
    out = {""}
    for op, av in items:
        if op is _LITERAL:
            out = {s + chr(av) for s in out}
        elif op in _ZERO_WIDTH:
            continue
        elif op is _SUBPATTERN:
            sub = _finite(av[-1])
            if sub is None:
                return None
            out = {a + b for a, b in product(out, sub)}
        elif op is _BRANCH:
            alts = [_finite(alt) for alt in av[1]]
            if any(a is None for a in alts):
                return None
            out = {a + b for a, b in product(out, set().union(*alts))}  # type: ignore[arg-type]
        else:
            return None
        if len(out) > MAX_EXPANSION:
            return None
    return out


def _required(items: Any) -> set[str] | None:
    """Literals one of which every match of the sequence ``items`` contains (best found)."""
    candidates: list[set[str]] = []
    run = {""}

    def cut() -> None:
        nonlocal run
        if run != {""}:
            candidates.append(run)
        run = {""}

    for op, av in items:
        if op is _LITERAL:
            run = {s + chr(av) for s in run}
            continue
        if op in _ZERO_WIDTH:
            continue  # zero width: literals on either side stay adjacent
        if op in (_SUBPATTERN, _BRANCH):
            sub = _finite(av[-1] if op is _SUBPATTERN else [(op, av)])
            if sub is not None and len(run) * len(sub) <= MAX_EXPANSION:
                run = {a + b for a, b in product(run, sub)}
                continue
            cut()
            need = (_required(av[-1]) if op is _SUBPATTERN
                    else _union(_required(alt) for alt in av[1]))
            if need is not None:
                candidates.append(need)
            continue
        cut()
        if op in (_MAX_REPEAT, _MIN_REPEAT) and av[0] >= 1:
            need = _required(av[2])
            if need is not None:
                candidates.append(need)
    cut()
    usable = [c for c in candidates if "" not in c]
    if not usable:
        return None
    return max(usable, key=lambda c: (min(map(len, c)), -len(c)))


def _union(needs: Iterable[set[str] | None]) -> set[str] | None:
    out: set[str] = set()
    for need in needs:
        if need is None:
            return None
        out |= need
    return out


def required_literals(pattern: str, flags: int = re.IGNORECASE) -> set[str]:
    """Literals one of which every match of ``pattern`` contains; ``TriggerError`` if none."""
    parsed = sre_parse.parse(pattern, flags)
    need = _required(list(parsed))
    if not need:
        raise DataError(f"findings_terms.json: no literal every match of {pattern!r} must "
                        "contain (the trigger pre-filter needs one)")
    return need




class Trigger:
    """``trigger(text)``: True when ``text`` holds a literal some term match needs.

    ASCII text (nearly all report text) is lowered once and scanned for each literal with
    ``in``; other text goes through the same literals as a regex with the reader's flags, so
    Unicode case folding is exactly the reader's.
    """

    __slots__ = ("lowered", "regex")

    def __init__(self, term_pattern: re.Pattern[str]) -> None:
        literals = required_literals(term_pattern.pattern, term_pattern.flags)
        lowered = {s.lower() for s in literals}
        # a literal that holds another is implied by it
        self.lowered = tuple(sorted(s for s in lowered
                                    if not any(o != s and o in s for o in lowered)))
        ordered = sorted(literals, key=lambda s: (-len(s), s))
        self.regex = re.compile("|".join(re.escape(s) for s in ordered), term_pattern.flags)

    def __call__(self, text: str) -> bool:
        if text.isascii():
            low = text.lower()
            return any(s in low for s in self.lowered)
        return self.regex.search(text) is not None
