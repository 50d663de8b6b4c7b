"""The trigger words of the term lexicon, found in one pass over a text (Aho-Corasick,
``ahocorasick_rs``: a DFA with a SIMD prefilter, a third of pyahocorasick's time on reports).

Each term of ``data/findings_terms.json`` that can make a mention without another term beside
it declares its ``trigger``: words one of which every match of the term holds
(``tests/test_trigger.py`` proves it over generated matches of every term, every example and
the evaluation sets). A calcium, mineral or ossification term's words are ``WORD``s. A sign's
words (signal void, blooming, susceptibility) are ``SIGN``s and carry the subjects the sign
may stand alone in (``alone_in``). A sign that needs a calcium word beside it declares none.

The scan reads a text as the reader's patterns do: folded as ``guard.fold`` folds it, case
folded as ``re.IGNORECASE`` folds it, a run of whitespace as one space (words of a trigger word
may stand up to ``GAP`` whitespace characters apart; longer runs are squeezed first). For each
sign it also finds the stretch of text around it between two places where
``sentences.iter_sentences`` always ends a sentence (``_BREAKS``); where that stretch, or the
one before when it starts by referring back, names a subject (a mass or node word), the
stretch is a ``window`` the reader's own test must look at (``trigger.sign_alone_in``).
Such a stretch holds the sign's sentence whole, and the sentence before it when that one can
matter (a sentence that starts inside a stretch has the one before it in the stretch too).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import product
from typing import NamedTuple

import ahocorasick_rs

from cds_service.core.reading import guard
from cds_service.core.reading.sentences import _ABBREVIATIONS

WORD, SIGN = 1, 2
GAP = 2  # whitespace characters a trigger word's words may stand apart in the scanned text
# ASCII as guard.fold has it: a control a space, a carriage return a line break (with case);
# as the automaton reads it: line breaks spaces too, capitals small (the same places)
_CONTROLS = bytes(c for c in range(32) if c not in b"\n\r") + b"\x7f"
_CASED = bytes.maketrans(_CONTROLS + b"\r", b" " * len(_CONTROLS) + b"\n")
_LOWER = bytes.maketrans(_CONTROLS + b"\r\n" + bytes(range(65, 91)),
                         b" " * (len(_CONTROLS) + 2) + bytes(range(97, 123)))
# the letters besides A-Z that IGNORECASE matches to an ASCII letter (dotless i, dotted I,
# long s, Kelvin sign), as that letter
_OTHER_CASES = str.maketrans({"\u0131": "i", "\u0130": "i", "\u017f": "s", "\u212a": "k"})
_SPACE = re.compile(r"[^\S\n]")
_LONG_RUN = re.compile(rf"\s{{{GAP + 1},}}")
# Where ``sentences.iter_sentences`` ends a sentence whatever came before: a line break after
# . ! ? : ; or a blank line; an end mark and a space before a capital or a digit, after three
# letters that are no abbreviation of its list.
_NOT_AFTER = "".join(rf"(?<!\b{''.join(f'[{c.upper()}{c}]' for c in word)}[.!?])"
                     for word in sorted(_ABBREVIATIONS) if len(word) > 2 and word.isalpha())
_BREAKS = re.compile(r"[.!?:;][ \t]*\n|\n[ \t]*\n"
                     rf"|[.!?](?<=[A-Za-z]{{3}}[.!?]){_NOT_AFTER}[.!?]*[\"')\]]*[ \t]+"
                     r"(?=[\"'(\[]?[A-Z0-9])")
_LAST_WORD = re.compile(r"\w\W*\Z")
_MARKS = ".!?:;\n"  # what ends a break before a line break
_STEP = 128  # characters searched back for a break at first (then four times as many)
MAX_WINDOWS = guard.MAX_TERM_SENTENCES  # per text; past them its reader's caps may cut it


def _squeezed(run: re.Match[str]) -> str:
    newlines = run.group().count("\n")
    return "\n\n" if newlines > 1 else "\n" if newlines else " "


def fold(text: str) -> tuple[str, str]:
    """``text`` as the reader reads it: folded as ``guard.fold`` folds it (tabs and controls
    spaces), runs of whitespace longer than ``GAP`` squeezed (a blank line stays one); and the
    same for the automaton, in the same places: small letters (and those that IGNORECASE
    takes for ASCII ones made those), line breaks spaces."""
    if text.isascii():
        data = (text.replace("\r\n", "\n") if "\r" in text else text).encode("ascii")
        folded = data.translate(_CASED).decode("ascii")
        if not _long_run(folded):
            return folded, data.translate(_LOWER).decode("ascii")
    else:
        folded = _SPACE.sub(" ", guard.fold(text))
    if _long_run(folded):
        folded = _LONG_RUN.sub(_squeezed, folded)
    return folded, folded.translate(_OTHER_CASES).lower().replace("\n", " ")


def _long_run(folded: str) -> bool:
    """Whether a run longer than GAP may stand inside a sentence (one line break at most)."""
    return ("  " in folded and ("   " in folded or "  \n" in folded or "\n  " in folded)
            or " \n " in folded)


class Found(NamedTuple):
    kinds: int  # WORD | SIGN found
    subjects: frozenset[str]  # what the signs found may stand alone in
    windows: tuple[str, ...]  # stretches (folded) where a sign may stand alone (module doc)


class Scanner:
    """Trigger words in one automaton; subject words; how a sentence refers back."""

    __slots__ = ("words", "automaton", "found", "subjects", "refers_back")

    def __init__(self, words: list[tuple[str, int, frozenset[str]]], subjects: list[str],
                 refers_back: re.Pattern[str]) -> None:
        self.refers_back = refers_back  # a sentence that starts so may draw on the one before
        self.subjects = ahocorasick_rs.AhoCorasick(subjects)
        self.words: dict[str, tuple[int, frozenset[str]]] = {}  # spaced: (kind, alone_in)
        for word, kind, alone_in in words:
            parts = word.split(" ")
            for gaps in product(range(1, GAP + 1), repeat=len(parts) - 1):
                spaced = "".join(p + " " * g for p, g in zip(parts, (*gaps, 0), strict=True))
                old_kind, old_in = self.words.get(spaced, (0, frozenset()))
                self.words[spaced] = (kind | old_kind, alone_in | old_in)
        self.automaton = ahocorasick_rs.AhoCorasick(list(self.words))
        self.found = list(self.words.values())  # by pattern index

    def scan(self, text: str, *, windows: bool = True) -> Found:
        """What ``text`` holds, in one pass (and the windows around its signs)."""
        folded, low = fold(text)
        kinds, subjects = 0, frozenset[str]()
        signs: list[int] = []
        for i, start, _ in self.automaton.find_matches_as_indexes(low, overlapping=True):
            kind, alone_in = self.found[i]
            kinds |= kind
            if kind & SIGN:
                subjects |= alone_in
                signs.append(start)
        if not (windows and signs) or kinds & WORD:
            return Found(kinds, subjects, ())
        return Found(kinds, subjects, self._windows(folded, low, signs))

    def _names_subject(self, low: str, lo: int, hi: int) -> bool:
        return bool(self.subjects.find_matches_as_indexes(low[lo:hi]))

    def _windows(self, folded: str, low: str, signs: list[int]) -> tuple[str, ...]:
        """The windows around the signs (module doc), ``MAX_WINDOWS`` + 1 at most."""
        out: list[str] = []
        lo = hi = 0  # the stretch of the sign before
        line_hi, near = -1, False  # where the line of the sign before ends; a subject near it
        for start in signs:
            if start < hi:
                continue  # in the same stretch as the sign before
            if start >= line_hi:  # first its line (between line breaks that are breaks)
                line_lo, line_hi = _line_start(folded, start, hi), _line_end(folded, start)
                near = bool(self._names_subject(low, line_lo, line_hi)
                            or self.refers_back.match(folded, line_lo, line_hi))
            if not near:
                hi = line_hi
                continue
            floor, lo = lo, _back(folded, start, max(line_lo, hi), _break_ends)
            found = _BREAKS.search(folded, start, line_hi)
            hi = found.start() if found else line_hi
            if lo and (self.refers_back.match(folded, lo, hi)  # the stretch before with a word;
                       or REFERS.search(folded, lo, hi)):  # back at its end: "… within it"
                word = _back(folded, lo, floor, _last_word)
                lo = _back(folded, word, floor, _break_ends) if word > floor else floor
            if self._names_subject(low, lo, hi):
                out.append(folded[lo:hi])
                if len(out) > MAX_WINDOWS:
                    break
        return tuple(out)


# a sentence referring back anywhere in it ("… is present within it", "… along its wall"): the
# pre-filter draws on the sentence before, as the reader's antecedent does (P2.2)
REFERS = re.compile(r"\b(?:it|its|them|their|this|these|those)\b", re.I)


def _ends_break(folded: str, newline: int) -> bool:
    """Whether the line break at ``newline`` ends a break: . ! ? : ; or a line break before
    it, past a space or two."""
    if newline and folded[newline - 1] in _MARKS:  # the usual case, at once
        return True
    for i in range(newline - 1, max(newline - GAP - 2, -1), -1):
        if folded[i] != " ":
            return folded[i] in _MARKS
    return newline <= GAP


def _line_start(folded: str, at: int, floor: int) -> int:
    """Where the line of ``at`` starts: after the last line break that ends a break (or at
    ``floor``)."""
    newline = folded.rfind("\n", floor, at)
    while newline >= 0 and not _ends_break(folded, newline):
        newline = folded.rfind("\n", floor, newline)
    return newline + 1 if newline >= 0 else floor


def _line_end(folded: str, at: int) -> int:
    """Where the line of ``at`` ends: at the next line break that ends a break."""
    newline = folded.find("\n", at)
    while newline >= 0 and not _ends_break(folded, newline):
        newline = folded.find("\n", newline + 1)
    return newline if newline >= 0 else len(folded)


def _break_ends(folded: str, lo: int, at: int) -> list[int]:
    return [m.end() for m in _BREAKS.finditer(folded, lo, min(at + 2, len(folded)))
            if m.end() <= at]


def _last_word(folded: str, lo: int, at: int) -> list[int]:
    found = _LAST_WORD.search(folded, lo, at)
    return [found.start()] if found else []


def _back(folded: str, at: int, floor: int, find: Callable[[str, int, int], list[int]]) -> int:
    """The last place ``find`` finds before ``at``, searched back from there (``_STEP``, then
    four times as many characters, ...) down to ``floor`` (returned when it finds none)."""
    step = _STEP
    while True:
        lo = max(floor, at - step)
        found = find(folded, lo, at)
        if found or lo == floor:
            return found[-1] if found else floor
        step *= 4
