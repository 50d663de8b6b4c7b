"""Sections and sentences of report text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from cds_service.core.loader import Where, load_json, str_list
from cds_service.core.reading.guard import MAX_SENTENCE_CHARS, MAX_SENTENCES
from cds_service.core.reading.lexicon import lexicon
from cds_service.core.textmatch import WORD as _WORD

# no sentence ends after them (the file's keys are checked by ``guard``)
_ABBREVIATIONS = frozenset(str_list(load_json("findings_text.json")[0]["abbreviations"],
                                    Where("findings_text.json") / "abbreviations"))
# A match starts only where a run of end marks or of blanks starts (the look-behinds), so a
# long run is scanned once, not once per character: linear even before runs are collapsed.
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]++[\"')\]]*+[ \t]++(?=[\"'(\[]?[A-Z0-9])"
                       r"|(?<![ \t])[ \t]*+\n\s*+")
_LAST_TOKEN = re.compile(r"(\S+?)[.!?]*[\"')\]]*\s*$")
_LIST_MARK = re.compile(r"\s*(?:\(?\d{1,2}[.)]|[-*\u2022\u25cf]|[a-z][.)])\s+$")
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u25cf]+|\(?\d{1,2}[.)](?!\d))\s*")


Section = tuple[str | None, str, str]  # (section name, kind, body)


def sections(text: str, default: str | None) -> list[Section]:
    """Split text into (section name, kind, body) by header lines."""
    r = lexicon()
    out: list[tuple[str | None, str, str]] = []
    name, kind, pos = default, _kind_of(default), 0
    for m in r.section_header.finditer(text):
        key = " ".join(m.group("h").lower().split())
        named = r.section_names.get(key, (None, "finding"))
        if m.group("by") and (named[1] != "addendum" or text[:m.start()].rstrip(" \t")[-1:]
                              not in ("", "\n")):
            continue  # "Correction by surgery is planned:" is a sentence (P6.4)
        out.append((name, kind, text[pos:m.start()]))
        name, kind = named
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
    return [s for s, _ in iter_sentences(text)]


@dataclass(slots=True)
class Steps:
    """Sentence ends a reader may still look at (``left``); ``cut``: the offset where
    ``iter_sentences`` stopped for want of them (None when it read the text to its end)."""

    left: int
    cut: int | None = None


def iter_sentences(text: str, steps: Steps | None = None) -> Iterator[tuple[str, int]]:
    """``split_sentences`` lazily: each sentence with the offset in ``text`` consumed once it
    is given. With ``steps``, every sentence end looked at (also one that does not end a
    sentence, after an abbreviation or an initial) spends one; when none is left it stops
    and sets ``steps.cut``, so the work is bounded whatever the text."""
    start = 0
    for m in _BOUNDARY.finditer(text):
        if steps is not None:
            if steps.left <= 0:
                steps.cut = start
                return
            steps.left -= 1
        piece = text[start:m.start()]
        if "\n" not in m.group():
            token = _LAST_TOKEN.search(text, max(start, m.start() - 30), m.end())
            word = token.group(1).lower() if token else ""
            if word.rstrip(".") in _ABBREVIATIONS or _LIST_MARK.match(text, start, m.end()):
                continue
            if len(word) == 1 and word.isalpha():
                continue
            piece = text[start:m.end()]
        elif _soft_wrap(text, m):
            continue
        yield from _sentences_of(piece, start, m.end())
        start = m.end()
    if steps is not None:  # the text's end is one more (a text of many tiny sections)
        if steps.left <= 0:
            steps.cut = start
            return
        steps.left -= 1
    yield from _sentences_of(text[start:], start, len(text))


def _soft_wrap(text: str, m: re.Match[str]) -> bool:
    """Tell whether a single newline only wraps a line inside a sentence."""
    if m.group().count("\n") != 1 or m.start() == 0 or m.end() >= len(text):
        return False
    before, after = text[m.start() - 1], text[m.end()]
    return (before.isalnum() or before == ",") and after.islower()


def _sentences_of(piece: str, start: int, end: int) -> list[tuple[str, int]]:
    """The stripped, bullet-free sentence of ``piece`` (none when it is empty), with the
    offset consumed once it is read (``piece`` is ``text[start:end]``).

    A sentence longer than ``guard.MAX_SENTENCE_CHARS`` is no prose: it is cut into pieces
    of at most that length (at a space when there is one), so the work per sentence is bounded.
    The offset of such a piece is where it ends in the text at the earliest (whitespace runs
    were squeezed), so what a reader leaves is never undercounted.
    """
    s = _BULLET.sub("", piece.strip(), count=1).strip()
    if not s or not _WORD.search(s):
        return []
    s = " ".join(s.split())
    out = []
    done = start
    while len(s) > MAX_SENTENCE_CHARS:
        cut = s.rfind(" ", MAX_SENTENCE_CHARS // 2, MAX_SENTENCE_CHARS)
        cut = cut if cut > 0 else MAX_SENTENCE_CHARS
        head, s = s[:cut].strip(), s[cut:].strip()
        done += cut
        if _WORD.search(head):
            out.append((head, min(done, end)))
    if s and _WORD.search(s):
        out.append((s, end))
    return out


def report_sentences(segments: Iterable[tuple[str | None, str]],
                     kinds: frozenset[str] | None = None) -> Iterator[tuple[str, str]]:
    """The (section kind, sentence) of a report's kept (default section, text) segments
    (``ReportFindings.segments``), in order, of the sections of ``kinds`` only (all when None):
    the one split the cards read a report's sentences by at render (P11.57, P11.59, P11.92,
    P13.16, P20.6). One budget of ``MAX_SENTENCES`` sentence ends a call, spent only on the
    sections read, so the work is bounded whatever the text."""
    steps = Steps(MAX_SENTENCES)
    for default, text in segments:
        for _name, kind, body in sections(text, default):
            if kinds is None or kind in kinds:
                yield from ((kind, s) for s, _ in iter_sentences(body, steps))
