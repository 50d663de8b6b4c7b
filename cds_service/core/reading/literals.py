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

import ahocorasick

from cds_service.core.reading import guard
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




# ASCII text as the filter scans it: upper case lowered, carriage returns line breaks and every
# other control character a space, as the reader's ``guard.fold`` makes them.
_SCAN_TABLE = bytes.maketrans(
    b"\r" + bytes(range(10)) + bytes(range(11, 13)) + bytes(range(14, 32)) + b"\x7f"
    + bytes(range(65, 91)), b"\n" + b" " * 31 + bytes(range(97, 123)))
_LONG_RUN = re.compile(f"[0-9a-z_]{{{guard.MAX_WORD + 1}}}")
_REPEATED_MARK = re.compile(r"([^\w\s])\1\1")
_TAIL, _START, _PLAIN = 0, 1, 2  # what a match in the automaton stands for (loosest last)


def _scan_text(text: str) -> str:
    """ASCII ``text`` as the reader sees it (``guard.clean``), lowered, spaces around line
    breaks kept.

    Where the reader's text has a space this has one (runs of spaces, tabs and control
    characters are collapsed alike) and where it has a line break this has one too, maybe
    with spaces beside it; every other character is the same. So a literal (single spaces
    between words, none at its ends) in the reader's text is in this one, with the same kind
    of character (word or not) before it.
    """
    data = text.encode("ascii").translate(_SCAN_TABLE)
    if b"  " in data:  # each run of spaces one space (no spaces at the ends)
        data = b" ".join(piece for piece in (p.strip(b" ") for p in data.split(b"  "))
                         if piece)
    return data.decode("ascii")


class Trigger:
    """``trigger(text)``: True when ``text`` holds a literal some term match needs.

    ASCII text (nearly all report text) is lowered with whitespace collapsed (``_scan_text``)
    and scanned once for every literal at the same time (Aho-Corasick, ``pyahocorasick``); a
    literal that must start a word counts only after a non-word character. Other text is folded
    and collapsed exactly as the reader does (``guard``) and goes through the same literals as a
    regex with the reader's flags, so Unicode case folding is exactly the reader's.

    The reader also cuts words longer than ``guard.MAX_WORD`` characters, which can put a
    literal's tail right after a word it did not follow: every literal's tail after its first
    word is in the automaton too, and counts after such a long word.
    """

    __slots__ = ("automaton", "regex")

    def __init__(self, term_pattern: re.Pattern[str]) -> None:
        literals = required_literals(term_pattern.pattern, term_pattern.flags)
        kinds: dict[str, int] = {}  # literal -> its loosest kind (plain, then start, then tail)
        for literal in literals:
            kind = _START if literal.startswith(ANCHOR) else _PLAIN
            word = " ".join(literal.lstrip(ANCHOR).lower().split())
            if not word or not word.isascii() or _REPEATED_MARK.search(word):
                # the reader collapses runs of a mark to three: such a literal could appear
                # in its text and not in the scanned one
                raise DataError(f"findings_terms.json: {term_pattern.pattern!r} needs the "
                                f"literal {word!r}, which the trigger pre-filter cannot scan")
            kinds[word] = max(kind, kinds.get(word, _TAIL))
            # a match across the reader's cut of a long word begins inside that word: its
            # head is word characters (at most the cut word's first MAX_WORD, when it starts
            # a word), its tail what follows the cut
            head = next((i for i, c in enumerate(word) if not _word_char(c)), 0)
            if head and (kind == _PLAIN or head >= guard.MAX_WORD):
                kinds.setdefault(word[head:], _TAIL)
        automaton = ahocorasick.Automaton()
        for word, kind in kinds.items():
            automaton.add_word(word, (len(word), kind))
        automaton.make_automaton()
        self.automaton = automaton
        parts = [(r"\b" + re.escape(s[1:])) if s.startswith(ANCHOR) else re.escape(s)
                 for s in sorted(literals, key=lambda s: (-len(s), s))]
        self.regex = re.compile("|".join(parts), term_pattern.flags)

    def __call__(self, text: str) -> bool:
        if not text.isascii():
            text = guard.fold(text)
            if not text.isascii():
                collapsed = " ".join(guard.collapse_runs(text).split())
                return self.regex.search(collapsed) is not None
        return self.found(_scan_text(text))

    def found(self, scan: str) -> bool:
        """Whether a text made by ``_scan_text`` holds a literal (where it must stand)."""
        for end, (length, kind) in self.automaton.iter(scan):
            start = end - length + 1
            if kind == _PLAIN:
                return True
            if kind == _START:
                if start == 0 or not _word_char(scan[start - 1]):
                    return True
            elif _LONG_RUN.fullmatch(scan, max(start - guard.MAX_WORD - 1, 0), start):
                return True  # a tail right after a word the reader cuts
        return False


@cache
def term_trigger() -> Trigger:
    """The filter for the reader's term lexicon (built once, like the lexicon itself)."""
    return Trigger(lexicon().any_term)
