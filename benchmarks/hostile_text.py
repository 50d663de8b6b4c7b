"""Hostile report and order text, one generator for the worst-case benchmark
(``benchmarks/worst_case.py``), the fuzz harness (``benchmarks/fuzz_text.py``) and the tests
(``tests/test_hostile_text.py``).

``FAMILIES``: name → ``f(n)`` giving about ``n`` characters of one pathological shape (runs of
punctuation, whitespace, tags; many tiny sentences; words the patterns look at). ``LEAD``
names calcification once, so a reader cannot stop early. ``PIECES`` is the fuzzers' alphabet.
"""

from __future__ import annotations

import base64
import random
from collections.abc import Callable
from typing import Any

LEAD = "MRI LEFT THIGH\nFINDINGS: There is a mass with internal calcification. "


def fill(unit: str, size: int) -> str:
    """``unit`` repeated to exactly ``size`` characters."""
    return (unit * (size // len(unit) + 1))[:size]


FAMILIES: dict[str, Callable[[int], str]] = {
    "punctuation run": lambda n: fill(".", n),
    "mixed punctuation": lambda n: fill(".!?\")]", n),
    "dot-space run": lambda n: fill(". ", n),
    "spaces": lambda n: fill(" ", n) + "x",
    "tabs and spaces": lambda n: fill(" \t", n) + "x",
    "newlines": lambda n: fill("\n", n) + "x",
    "blank lines with spaces": lambda n: fill(" \n", n) + "x",
    "long word": lambda n: fill("a", n),
    "long word with dots": lambda n: fill("a.", n),
    "digits and dots": lambda n: fill("1.2", n),
    "repeated cue words": lambda n: fill("no calcification or possible ", n),
    "negation cues": lambda n: fill("no ", n),
    "many sentences": lambda n: fill("Calcification in the left thigh mass. ", n),
    "section headers": lambda n: fill("FINDINGS: IMPRESSION:\n", n),
    "header words without colon": lambda n: fill("impression ", n),
    "header letters": lambda n: fill(". I", n),
    "list marks": lambda n: fill("1. ", n),
    "initials": lambda n: fill("A. ", n),
    "abbreviations": lambda n: fill("vs. ", n),
    "calcification words": lambda n: fill("calcification ", n),
    "caption leads": lambda n: fill("Axial CT of the neck. Calcified longus colli tendon. ", n),
    "hyphen chains before a study": lambda n: fill("a-" * 150 + "b CT. Calcified mass. ", n),
    "signs without calcium": lambda n: fill("Blooming artifact. ", n),
    "trigger words that are no term": lambda n: fill("Xcalcifx. ", n),
    "words with wide spaces": lambda n: fill("no" + " " * 500 + "calcification ", n),
    "tags": lambda n: fill("<b>x</b>", n),
    "unclosed tags": lambda n: fill("<div>", n),
    "open angle brackets": lambda n: fill("<", n),
    "tag starts without end": lambda n: fill("<a ", n),
    "comment starts": lambda n: fill("<!--", n),
    "entities": lambda n: fill("&amp;&#x41;&", n),
    "attribute quotes": lambda n: "<p title=\"" + fill("a'", n),
    "cdata and declarations": lambda n: fill("<![CDATA[<!x", n),
}
HTML_ONLY = frozenset({"tags", "unclosed tags", "open angle brackets", "tag starts without end",
                       "comment starts", "entities", "attribute quotes",
                       "cdata and declarations"})

# The fuzzers' alphabet: what the patterns look at (boundaries, cues, headers, tags, folding).
PIECES = (".", "!", "?", " ", "  ", "\t", "\n", "\n\n", "<", ">", "</", "<p>", "<a ", "\"",
          "'", "<!--", "-->", "&amp;", "&", ";", "a", "A", "I", "1", "mass", "calcification",
          "calcified", "calcif", "blooming", "signal void", "no", "not", "without", "possible",
          "or", "vs.", "1.", "A.", "FINDINGS:", "IMPRESSION:", "\u200b", "\u202e", "\u043e",
          "\ufb01", "left", "thigh", "-", ",", "(", ")")


def random_text(rng: random.Random, pieces: int) -> str:
    """A text of ``pieces`` random pieces; runs of one piece are likely (they are the slow
    shapes), so a run length is drawn per piece."""
    out: list[str] = []
    while len(out) < pieces:
        out.extend([rng.choice(PIECES)] * min(rng.choice((1, 1, 2, 8, 64, 512)),
                                              pieces - len(out)))
    return "".join(out)


def report(text: str, how: str = "conclusion") -> dict[str, Any]:
    """A DiagnosticReport holding ``text`` as its ``conclusion`` or as a text/plain or
    text/html (``how`` = "plain", "html") base64 ``presentedForm``."""
    res: dict[str, Any] = {
        "resourceType": "DiagnosticReport", "id": "hostile", "status": "final",
        "code": {"text": "MRI left thigh"}, "subject": {"reference": "Patient/p"},
        "effectiveDateTime": "2026-11-01",
    }
    if how == "conclusion":
        res["conclusion"] = text
    else:
        ctype = "text/html" if how == "html" else "text/plain"
        res["presentedForm"] = [{"contentType": ctype,
                                 "data": base64.b64encode(text.encode()).decode()}]
    return res


def order(text: str) -> dict[str, Any]:
    """A draft ServiceRequest whose ``code.text`` holds ``text``."""
    return {"resourceType": "ServiceRequest", "id": "o", "status": "draft", "intent": "order",
            "subject": {"reference": "Patient/p"}, "code": {"text": "CT abdomen " + text}}
