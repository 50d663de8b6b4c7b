"""The size a card gives the structure it names (docs/matching-policy.md P11.47): the cited
statement's (``card_names``), else that of another statement of the same report the card would
name the same way ("Large gouty tophus distending the left prepatellar bursa" in the Impression,
"The bursa is distended by a 4.6 x 3.8 x 1.9 cm lobulated mass" in the Findings: "left
prepatellar bursa tophus (46 mm)"); and the tendon the report's own statement names for a
deposit a cited study places only by its region (P11.61). Pure: text in, text out."""

from __future__ import annotations

import re
from dataclasses import replace

from cds_service.core import anatomy, card_names
from cds_service.core.card_library import CardLibrary
from cds_service.core.rules import Citation

_SIZED = re.compile(r" \(\d+ mm\)")  # the size a name ends with, before "(both sides)"
# no lesion size: a wall's or an organ's thickness (P2.5), an incidental body's
_UNSIZED = frozenset({"heart", "vessel", "organ", "incidental"})


def lesion_name(first: Citation, lib: CardLibrary, side: str | None = None) -> tuple[str, bool]:
    """``card_names.lesion_name``, with the size the report's other statements give the
    structure it names where the cited statement gives none: the first statement of the same
    report, in force, on its side and of a sized kind (never a pericardium's or an organ's
    thickness), whose name is the same but for its size (P11.47)."""
    text, named = card_names.lesion_name(first, lib, side)
    m = first.mention
    if m.kind == "tendon" and text and not anatomy.is_a(m.site, "tendon") and (
            tendon := _tendon_named(first, lib, side)):
        if m.size_mm and not _SIZED.search(tendon):  # the cited statement's own size (P13.26)
            head, both, tail = tendon.partition(" (both sides)")
            tendon = f"{head} ({m.size_mm} mm){both}{tail}"
        return tendon, named
    if not text or _SIZED.search(text) or m.kind in _UNSIZED:
        return text, named
    for x in first.report.findings.mentions:
        if x is m or not x.counts or not x.size_mm or x.side != m.side or x.kind in _UNSIZED:
            continue
        other = card_names.lesion_name(replace(first, mention=x), lib, side)[0]
        if _SIZED.sub("", other, count=1) == text and _SIZED.search(other):
            return other, named
    return text, named


def _tendon_named(first: Citation, lib: CardLibrary, side: str | None) -> str:
    """The name of the one tendon the report's own statements put a deposit in, on the side of
    a deposit a statement places only by its region ("ovoid 12 mm calcification projecting
    over the greater tuberosity" of the cited radiographs, "Within the distal supraspinatus
    tendon … a 12 mm ovoid focus …, consistent with a calcific deposit": "left supraspinatus
    tendon (12 mm)", never "left shoulder tendon"; P11.61); "" where none or several do."""
    m = first.mention
    names = [n for x in first.report.findings.mentions
             if x is not m and x.counts and x.kind == "tendon" and x.side == m.side and x.own
             and anatomy.is_a(x.site, "tendon") and anatomy.is_a(x.site, m.site or "")
             and (n := card_names.lesion_name(replace(first, mention=x), lib, side)[0])]
    if len({_SIZED.sub("", n, count=1) for n in names}) != 1:
        return ""
    return next((n for n in names if _SIZED.search(n)), names[0])  # the first with a size
