"""What an MRI report describes without naming a mineral (docs/matching-policy.md P11.59,
P11.60): the sentences of its findings, impression and addenda that name a structure (a lesion,
a node, a tendon, a bursa, a joint) and no calcium word ("The left vastus medialis mass now
measures 7.0 cm, previously 6.4 cm", "The peroneus longus tendon remains thickened"). A card
citing an older MRI's calcification (P14.4) reads them for the newer MRI's measurement of the
structure and to say that the newer MRI does not mention the mineral; a card citing a node reads
the cited report's for a cause other than metastasis (P11.57). Read at render, from the text an
MRI report keeps (``ReportFindings.segments``), only for such a card: never for a report no card
cites or compares (most calls); bounded: the sentence steps of one report, and at most
``MAX_DESCRIBED`` sentences kept."""

from __future__ import annotations

from collections.abc import Iterable

from cds_service.core.reading.assertion import names_calcium
from cds_service.core.reading.sentences import report_sentences
from cds_service.core.reading.structure import NAMED

MAX_DESCRIBED = 48  # sentences kept per report: a real report describes a few tens of things
_READ = frozenset({"finding", "addendum"})  # not the history, technique or comparison


def described(segments: Iterable[tuple[str | None, str]]) -> tuple[str, ...]:
    """The sentences of these (default section, text) segments, in finding or addendum sections,
    that name a structure and no calcium word, in the order they come (``MAX_DESCRIBED``)."""
    out: list[str] = []
    for _kind, s in report_sentences(segments, _READ):
        if NAMED.search(s) and not names_calcium(s):
            out.append(s)
            if len(out) >= MAX_DESCRIBED:
                break
    return tuple(out)
