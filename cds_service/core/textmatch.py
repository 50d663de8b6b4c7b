"""Phrase and pattern matching over report and order text, shared by anatomy and reading.

``PhraseMatcher`` finds labelled phrases (looked up by their first word, so hundreds of
synonyms stay cheap per sentence) and labelled regular expressions (one combined regex).
Hits never overlap: at one position the longest wins, and an earlier hit wins over a later one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from cds_service.core.loader import DataError

WORD = re.compile(r"\w+")


def phrase_pattern(phrase: str) -> str:
    """Turn a phrase into a regex: word boundaries, flexible spacing, trailing * = any ending."""
    star = phrase.endswith("*")
    words = re.split(r"[\s-]+", phrase.rstrip("*").strip())
    body = r"[\s-]+".join(re.escape(w) for w in words)
    head = r"\b" if re.match(r"\w", phrase) else ""
    tail = r"\w*" if star else (r"\b" if re.search(r"\w$", phrase) else "")
    return head + body + tail


class PhraseMatcher:
    """Labelled phrases and patterns, found without overlaps in text order."""

    __slots__ = ("regex", "labels", "by_word", "by_prefix")

    def __init__(self, entries: Iterable[tuple[str, Any]], where: str, flags: int = re.I,
                 phrases: Iterable[tuple[str, Any]] = (),
                 compiled: dict[str, re.Pattern[str]] | None = None) -> None:
        """``compiled``: phrase patterns already compiled, shared by the matchers of one table
        (its synonyms for reports and for orders), and added to."""
        items = sorted(entries, key=lambda e: -len(e[0]))
        self.labels: list[Any] = []
        parts = []
        for i, (pattern, label) in enumerate(items):
            try:
                re.compile(pattern, flags)
            except re.error as exc:
                raise DataError(f"{where}[{label}]: bad pattern {pattern!r}: {exc}") from None
            parts.append(f"(?P<g{i}>{pattern})")
            self.labels.append(label)
        # anchoring every alternative to a word start (or ? and ;) spares sre most positions
        self.regex = (re.compile(r"(?:\b(?=\w)|(?=[?;]))(?:" + "|".join(parts) + ")", flags)
                      if parts else None)
        self.by_word: dict[str, list[tuple[re.Pattern[str], Any]]] = {}
        self.by_prefix: dict[str, list[tuple[str, re.Pattern[str], Any]]] = {}
        seen = {} if compiled is None else compiled
        for phrase, label in sorted(phrases, key=lambda e: -len(e[0])):
            first = WORD.findall(phrase.lower())
            if not first:
                raise DataError(f"{where}[{label}]: phrase {phrase!r} has no word")
            text = phrase_pattern(phrase)
            found = seen.get(text) or seen.setdefault(text, re.compile(text, re.I))
            if phrase.endswith("*") and len(first) == 1:
                self.by_prefix.setdefault(first[0][:3], []).append((first[0], found, label))
            else:
                self.by_word.setdefault(first[0], []).append((found, label))

    def find(self, text: str) -> list[tuple[int, int, Any]]:
        """Return (start, end, label) for each non-overlapping hit, in text order."""
        hits: list[tuple[int, int, Any]] = []
        if self.regex is not None:
            hits = [(m.start(), m.end(), self.labels[int(m.lastgroup[1:])])  # type: ignore[index]  # every alternative is a named group
                    for m in self.regex.finditer(text)]
        if self.by_word or self.by_prefix:
            hits.extend(self._phrase_hits(text))
            hits.sort(key=lambda h: (h[0], h[0] - h[1]))
            kept: list[tuple[int, int, Any]] = []
            for h in hits:
                if not kept or h[0] >= kept[-1][1]:
                    kept.append(h)
            hits = kept
        return hits

    def _phrase_hits(self, text: str) -> list[tuple[int, int, Any]]:
        """Return phrase hits (longest at each word start)."""
        out: list[tuple[int, int, Any]] = []
        end = 0
        for w in WORD.finditer(text):
            pos = w.start()
            if pos < end:
                continue
            word = w.group().lower()
            best: tuple[int, int, Any] | None = None
            for compiled, label in self.by_word.get(word, ()):
                m = compiled.match(text, pos)
                if m and (best is None or m.end() > best[1]):
                    best = (pos, m.end(), label)
            for prefix, compiled, label in self.by_prefix.get(word[:3], ()):
                if word.startswith(prefix):
                    m = compiled.match(text, pos)
                    if m and (best is None or m.end() > best[1]):
                        best = (pos, m.end(), label)
            if best:
                out.append(best)
                end = best[1]
        return out
