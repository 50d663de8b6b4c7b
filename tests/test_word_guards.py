"""The structure words that open with ``\\b(?=\\w)`` (findings_structures.json: 'mass',
'incidental') find exactly what they would with ``\\b`` alone: every alternative of theirs opens
with a word character, so the lookahead only spares sre the ends of words (a speed guard, no
change of meaning). Checked on every report of the evaluation sets, every snippet of the
corpora (whole and in clauses) and on words that end at punctuation."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import orjson
import pytest

from cds_service.core.reading.structure import WORDS

GUARD = r"\b(?=\w)"
GUARDED = [k for k, p in WORDS.items() if p.pattern.startswith(GUARD)]
EVAL = Path(__file__).parent / "eval"


def _texts(paths: Iterable[Path]) -> list[str]:
    return [orjson.loads(line)["text"] for path in paths
            for line in path.read_bytes().splitlines() if line.strip()]


SNIPPETS = _texts(EVAL / f"{name}.jsonl" for name in ("dev", "heldout", "lesion", "lesion_heldout"))
REPORTS = _texts(sorted(EVAL.glob("*/reports.jsonl")))  # every evaluation set's reports
EDGES = ["calcified mass.", "mass, lesion; tumour", "(phleboliths)", "osteosarcoma-like",
         "calcified left thyroid cartilage and carotid siphon.", "OPLL", "loose bodies,",
         "the calcified aorta", "non-physiologic calcification", "a neurofibroma's rim"]


def _spans(pattern: re.Pattern[str], text: str, a: int = 0, b: int | None = None) -> list:
    return [m.span() for m in pattern.finditer(text, a, len(text) if b is None else b)]


def test_the_long_words_are_guarded() -> None:
    assert {"mass", "incidental"} <= set(GUARDED)


@pytest.mark.parametrize("key", GUARDED)
def test_a_guarded_word_finds_what_the_plain_boundary_finds(key: str) -> None:
    guarded = WORDS[key]
    plain = re.compile(r"\b" + guarded.pattern.removeprefix(GUARD), guarded.flags)
    assert len(SNIPPETS) > 500 and len(REPORTS) > 1000
    for text in REPORTS:
        assert _spans(guarded, text) == _spans(plain, text), (key, text)
    for text in SNIPPETS + EDGES:  # and in clauses, as the reader bounds its searches
        cuts = [0, *(m.end() for m in re.finditer(r"[,;]", text)), len(text)]
        for a, b in [(0, len(text)), *zip(cuts, cuts[1:])]:
            assert _spans(guarded, text, a, b) == _spans(plain, text, a, b), (key, text, a, b)
