"""The radiographs an MRI report's comparison section names (docs/matching-policy.md P13.16):
"COMPARISON: Left tibia and fibula radiographs 2026-10-30." A bone lesion's card reads them as
radiographs that were done (P16.2), whether or not their report is in the record. Read only
from an MRI report that mentions a bone lesion; bounded: the sentence steps of one report, and
at most ``MAX_COMPARED`` clauses kept, each cut at ``MAX_CLAUSE`` characters."""

from __future__ import annotations

import re
from collections.abc import Iterable

from cds_service.core.reading.lexicon import lexicon
from cds_service.core.reading.sentences import report_sentences

MAX_COMPARED = 8  # clauses kept per report: a comparison line names a few studies
MAX_CLAUSE = 160
_COMPARISON = frozenset({"comparison"})
_PARTS = re.compile(r";|,\s+(?:and\s+)?|\s+and\s+")  # "…; CT chest …", "tibia and fibula …"
_AFTER = re.compile(r"\d|\bviews?\b|\bdated\b", re.I)  # "…, 2 views, 2026-08-15": the study's


def compared(segments: Iterable[tuple[str | None, str]]) -> tuple[str, ...]:
    """The clauses of these (default section, text) segments' comparison sections that name a
    radiograph ("Left tibia and fibula radiographs 2026-10-30"), in the order they come."""
    out: list[str] = []
    studies = lexicon().studies
    for _kind, s in report_sentences(segments, _COMPARISON):
        for a, b in _studies(s):
            if any(m.lastgroup == "XR" for m in studies.finditer(s, a, b)):
                out.append(s[a:b].strip(" .")[:MAX_CLAUSE])
                if len(out) >= MAX_COMPARED:
                    return tuple(out)
    return tuple(out)


def _studies(s: str) -> list[tuple[int, int]]:
    """The spans of the studies a comparison sentence lists, each with the words before it
    that name no study ("Left tibia and fibula radiographs") and after it its date or views
    ("…, 2 views, 2026-08-15"). Linear: one split of the sentence."""
    cuts = [0, *(x for m in _PARTS.finditer(s) for x in m.span()), len(s)]
    spans: list[list[int]] = []
    start: int | None = None  # where the words waiting for their study begin
    named = lexicon().studies
    for a, b in zip(cuts[::2], cuts[1::2], strict=True):
        if named.search(s, a, b):
            spans.append([a if start is None else start, b])
            start = None
        elif spans and start is None and _AFTER.search(s, a, b):
            spans[-1][1] = b
        elif start is None:
            start = a
    return [(a, b) for a, b in spans]
