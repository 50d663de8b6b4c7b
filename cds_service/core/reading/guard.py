"""Report and order text made safe to read, in linear time, before any pattern sees it: capped
(``MAX_REPORT_CHARS`` of a report, ``MAX_ORDER_CHARS`` of an order; the excess is counted by the
caller), folded (NFKC, confusables to Latin, format characters removed, controls to spaces: a
negation cannot hide behind a homoglyph or a zero-width character) and runs collapsed (spaces,
blank lines, punctuation over 3, words over ``MAX_WORD``). Sentences over ``MAX_SENTENCE_CHARS``
are cut by ``sentences``; ``text.ReadBudget`` stops a report after ``MAX_SENTENCES`` sentence
ends, ``MAX_TERM_SENTENCES`` term sentences (``MAX_TERM_CHARS`` characters: about 1 ms per
400) or ``text.MAX_MENTIONS`` mentions, counting what is left.
"""

from __future__ import annotations

import re
import unicodedata

from cds_service.core.loader import check_keys, load_json

MAX_REPORT_CHARS = 100_000
MAX_ORDER_CHARS = 2_000
MAX_WORD = 64
MAX_SENTENCE_CHARS = 400
MAX_SENTENCES = 1_000  # per report, split and looked at (a real report has tens)
MAX_TERM_SENTENCES = 128  # per report, holding a term and read in full (a real one: a few)
MAX_TERM_CHARS = 16_000  # per report, of those sentences (a real one: a few hundred)

_TEXT, _WHERE = load_json("findings_text.json")  # confusables: data, not code
check_keys(_TEXT, _WHERE, {"confusables", "abbreviations"})
_CONFUSABLES: dict[str, str] = _TEXT["confusables"]


def _table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(k): v for k, v in _CONFUSABLES.items()}
    # Format characters live in planes 0, 1 and 14 (tags); controls only in plane 0.
    planes = (range(0x20000), range(0xE0000, 0xE1000))
    for cp in (cp for r in planes for cp in r):
        cat = unicodedata.category(chr(cp))
        if cat == "Cf":
            table[cp] = None
        elif cat == "Cc" and chr(cp) not in "\n\t":
            table[cp] = " "
    table[ord("\r")] = "\n"
    for sep in ("\u2028", "\u2029", "\x85"):
        table[ord(sep)] = "\n"
    return table


_FOLD = _table()  # once at import (about 50 ms)

_SPACES = re.compile(r"[^\S\n]+")  # horizontal whitespace runs (after folding: no \r)
_BLANKS = re.compile(r"\n(?: ?\n)+")  # one blank line or more (spaces already single)
_LINE_EDGES = re.compile(r" ?\n ?")
_PUNCT_RUN = re.compile(r"([^\w\s])\1{3,}")
_LONG_WORD = re.compile(r"(\w{" + str(MAX_WORD) + r"})\w+")


def fold(text: str) -> str:
    """NFKC, confusables to Latin, format characters removed, controls to spaces."""
    text = text.replace("\r\n", "\n")
    if text.isascii():
        return text.translate(_FOLD)
    return unicodedata.normalize("NFKC", text).translate(_FOLD)


def collapse_runs(text: str) -> str:
    """Collapse whitespace, blank-line, punctuation and word runs (see the module doc)."""
    text = _SPACES.sub(" ", text)
    text = _LINE_EDGES.sub("\n", text)
    text = _BLANKS.sub("\n\n", text)
    text = _PUNCT_RUN.sub(r"\1\1\1", text)
    return _LONG_WORD.sub(r"\1", text)


def clean(text: str, budget: int) -> tuple[str, int]:
    """``text`` folded and collapsed, at most ``budget`` characters of it read.

    Returns the cleaned text and how many characters of the input were not read.
    """
    budget = max(budget, 0)
    head = text[:budget]
    skipped = len(text) - len(head)
    out = collapse_runs(fold(head))
    if len(out) > budget:  # NFKC may expand (one character to at most 18)
        out = out[:budget]
    return out, skipped
