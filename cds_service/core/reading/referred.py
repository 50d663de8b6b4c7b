"""The size of a structure a statement names only by reference (docs/matching-policy.md P1.1)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from cds_service.core import anatomy
from cds_service.core.reading.facts import Mention
from cds_service.core.reading.structure import lesion_noun, size_mm

_GENERIC = frozenset({"mass", "lesion", "tumor", "tumour", "nodule", "neoplasm"})


def _word(lesion: str) -> str:
    return "mass" if lesion in _GENERIC else lesion


def described_sizes(mentions: list[Mention], sentences: Sequence[str]) -> list[Mention]:
    """A statement naming its lesion only by reference, without a size ("the foci in the left
    gluteal mass represent calcification", an addendum; "at the site of the palpable mass", a
    cited radiograph) takes the size the report's description of it states ("A 4.3 cm mass
    within the left gluteus maximus"): that of the sentences naming the same lesion word at its
    site and side with a size, when they agree. ``sentences``: the block's, as the reader
    bounds them; they are looked at only when a statement wants a size."""
    wanting = [m for m in mentions if m.kind == "mass" and m.lesion and not m.size_mm
               and re.search(rf"\b(?:the|this|that)\s+(?:[\w-]+\s+){{0,3}}{re.escape(m.lesion)}",
                             m.sentence, re.I)]
    described = [(s, _word(word), size, anatomy.side_in(s), {x[2] for x in anatomy.find_sites(s)})
                 for s in (sentences if wanting else ()) if (word := lesion_noun(s, 0, len(s), 0))
                 and (size := size_mm(s, 0, len(s), False))]  # each sentence looked at once
    sized: dict[int, Mention] = {}
    for m in wanting:
        sizes = {size for s, word, size, side, sites in described if word == _word(m.lesion or "")
                 and s != m.sentence and side in (None, m.side) and m.site in sites}
        if len(sizes) == 1:
            sized[id(m)] = replace(m, size_mm=sizes.pop())
    return [sized.get(id(m), m) for m in mentions]
