"""Sections and sentences of report text."""

from __future__ import annotations

import re

from cds_service.core.reading.guard import MAX_SENTENCE_CHARS
from cds_service.core.reading.lexicon import lexicon
from cds_service.core.textmatch import WORD as _WORD

_ABBREVIATIONS = frozenset({
    "vs", "v.s", "dr", "drs", "approx", "e.g", "i.e", "eg", "ie", "cf", "mr", "mrs", "ms", "st",
    "fig", "figs", "incl", "al", "ca", "resp", "min", "max", "ant", "post", "inf", "sup", "lat",
    "med", "prox", "dist", "pt", "pts", "hx", "sx", "dx", "mult", "w", "wo", "w/o", "sig",
})
_BOUNDARY = re.compile(r"[.!?]+[\"')\]]*[ \t]+(?=[\"'(\[]?[A-Z0-9])|[ \t]*\n[\s]*")
_LAST_TOKEN = re.compile(r"(\S+?)[.!?]*[\"')\]]*\s*$")
_LIST_MARK = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|[-*\u2022\u25cf]|[a-z][.)])\s+$")
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u25cf]+|\(?\d{1,2}[.)](?!\d))\s*")


Section = tuple[str | None, str, str]  # (section name, kind, body)


def sections(text: str, default: str | None) -> list[Section]:
    """Split text into (section name, kind, body) by header lines."""
    r = lexicon()
    out: list[tuple[str | None, str, str]] = []
    name, kind, pos = default, _kind_of(default), 0
    for m in r.section_header.finditer(text):
        out.append((name, kind, text[pos:m.start()]))
        key = " ".join(m.group("h").lower().split())
        name, kind = r.section_names.get(key, (None, "finding"))
        pos = m.end()
    out.append((name, kind, text[pos:]))
    return [s for s in out if s[2].strip()]


def _kind_of(section: str | None) -> str:
    """Return the kind of a section name (finding when unknown)."""
    if section is None:
        return "finding"
    return lexicon().section_kinds.get(section, "finding")


def split_sentences(text: str) -> list[str]:
    """Split report text into sentences; list items and lines become their own sentences."""
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        piece = text[start:m.start()]
        if "\n" not in m.group():
            token = _LAST_TOKEN.search(text, max(start, m.start() - 30), m.end())
            word = token.group(1).lower() if token else ""
            if word.rstrip(".") in _ABBREVIATIONS or _LIST_MARK.match(text[start:m.end()]):
                continue
            if len(word) == 1 and word.isalpha():
                continue
            piece = text[start:m.end()]
        elif _soft_wrap(text, m):
            continue
        _add_sentence(out, piece)
        start = m.end()
    _add_sentence(out, text[start:])
    return out


def _soft_wrap(text: str, m: re.Match[str]) -> bool:
    """Tell whether a single newline only wraps a line inside a sentence."""
    if m.group().count("\n") != 1 or m.start() == 0 or m.end() >= len(text):
        return False
    before, after = text[m.start() - 1], text[m.end()]
    return (before.isalnum() or before == ",") and after.islower()


def _add_sentence(out: list[str], piece: str) -> None:
    """Append a stripped, bullet-free sentence unless it is empty.

    A sentence longer than ``guard.MAX_SENTENCE_CHARS`` is no prose: it is cut into pieces
    of at most that length (at a space when there is one), so the work per sentence is bounded.
    """
    s = _BULLET.sub("", piece.strip(), count=1).strip()
    if not s or not _WORD.search(s):
        return
    s = " ".join(s.split())
    while len(s) > MAX_SENTENCE_CHARS:
        cut = s.rfind(" ", MAX_SENTENCE_CHARS // 2, MAX_SENTENCE_CHARS)
        cut = cut if cut > 0 else MAX_SENTENCE_CHARS
        head, s = s[:cut].strip(), s[cut:].strip()
        if _WORD.search(head):
            out.append(head)
    if s and _WORD.search(s):
        out.append(s)


