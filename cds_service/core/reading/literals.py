"""Literal pre-filters for term patterns: can this text hold a match at all?

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
from functools import cache
from itertools import product
from typing import Any

from cds_service.core.reading.lexicon import lexicon
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
_AT = sre_constants.AT
_AT_BOUNDARY = sre_constants.AT_BOUNDARY
_ZERO_WIDTH = (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT)
ANCHOR = "\x00"  # marks a literal that must start at a word boundary


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


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _anchor(strings: set[str], pending: bool) -> set[str]:
    """Mark literals that start right after ``\\b`` with a word character (``ANCHOR``)."""
    if not pending:
        return strings
    return {ANCHOR + x if x and _word_char(x[0]) else x for x in strings}


def _required(items: Any, anchored: bool = False) -> set[str] | None:
    """Literals one of which every match of the sequence ``items`` contains (best found).

    A literal that the pattern puts right after a word boundary (``\\b``) is marked with
    ``ANCHOR``: it only counts where no word character comes before it ("high" in "thigh"
    is not ``\\bhigh``).
    """
    candidates: list[set[str]] = []
    run = {""}
    pending = anchored  # a word boundary is asserted where the next run starts

    def cut() -> None:
        nonlocal run
        if run != {""}:
            candidates.append(run)
        run = {""}

    for op, av in items:
        if op is _LITERAL:
            run = ({s + chr(av) for s in run} if run != {""}
                   else _anchor({chr(av)}, pending))
            pending = False
            continue
        if op in _ZERO_WIDTH:
            if op is _AT and av is _AT_BOUNDARY and run == {""}:
                pending = True
            continue  # zero width: literals on either side stay adjacent
        if op in (_SUBPATTERN, _BRANCH):
            sub = _finite(av[-1] if op is _SUBPATTERN else [(op, av)])
            if sub is not None and len(run) * len(sub) <= MAX_EXPANSION:
                run = ({a + b for a, b in product(run, sub)} if run != {""}
                       else _anchor(sub, pending))
                pending = False
                continue
            start = pending and run == {""}
            cut()
            need = (_required(av[-1], start) if op is _SUBPATTERN
                    else _union(_required(alt, start) for alt in av[1]))
            if need is not None:
                candidates.append(need)
            pending = False
            continue
        cut()
        pending = False
        if op in (_MAX_REPEAT, _MIN_REPEAT) and av[0] >= 1:
            need = _required(av[2])
            if need is not None:
                candidates.append(need)
    cut()
    usable = [c for c in candidates if "" not in c and ANCHOR not in c]
    if not usable:
        return None
    return max(usable, key=lambda c: (min(len(x.lstrip(ANCHOR)) for x in c), -len(c)))


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
    ``in`` (``str.find`` plus a look at the character before, for literals that must start a
    word); other text goes through the same literals as a regex with the reader's flags, so
    Unicode case folding is exactly the reader's.
    """

    __slots__ = ("plain", "word_start", "regex")

    def __init__(self, term_pattern: re.Pattern[str]) -> None:
        literals = required_literals(term_pattern.pattern, term_pattern.flags)
        lowered = {s.lower() for s in literals}
        plain = {s for s in lowered if not s.startswith(ANCHOR)}
        starts = {s[1:] for s in lowered if s.startswith(ANCHOR)}
        # a literal that holds another is implied by it (a word start by a shorter prefix)
        self.plain = tuple(sorted(s for s in plain if not any(o != s and o in s for o in plain)))
        self.word_start = tuple(sorted(
            s for s in starts if not any(o in s for o in plain)
            and not any(o != s and s.startswith(o) for o in starts)))
        parts = [(r"\b" + re.escape(s[1:])) if s.startswith(ANCHOR) else re.escape(s)
                 for s in sorted(literals, key=lambda s: (-len(s), s))]
        self.regex = re.compile("|".join(parts), term_pattern.flags)

    def __call__(self, text: str) -> bool:
        if not text.isascii():
            return self.regex.search(text) is not None
        low = text.lower()
        for s in self.plain:
            if s in low:
                return True
        for s in self.word_start:
            i = low.find(s)
            while i >= 0:
                if i == 0 or not _word_char(low[i - 1]):
                    return True
                i = low.find(s, i + 1)
        return False


@cache
def term_trigger() -> Trigger:
    """The filter for the reader's term lexicon (built once, like the lexicon itself)."""
    return Trigger(lexicon().any_term)
