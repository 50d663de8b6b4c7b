"""A brain mass named by the lobe, nucleus or part the report names it by (P11.88): "right
frontal mass (38 mm)", "left caudate and septal mass (33 mm)", never "brain mass". Used only
where the place words found are the anatomy table's name of the brain. Pure: text in, words
out."""

from __future__ import annotations

import re
from collections.abc import Sequence

from cds_service.core.reading.facts import Mention

_SIDE = r"(?:(left|right)\s+)?"
_JOIN = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*-\s*)"  # "caudate and septal", "frontal-insular"
_PART = r"(?:\s+(?:lobes?|nucleus|head|hemispheres?|region|gyrus))?"  # "caudate head"
_WORDS = r"(?:[\w-]+\s+){0,2}?"  # "right frontal solid-cystic mass", "left thalamic enhancing …"
_AFTER = (r"\w*\s+(?:[\w-]+\s+){0,2}?(?:in|within|involving|centred\s+in|centered\s+in|"
          r"arising\s+from)\s+")


def region(same: list[Mention], said: Sequence[Mention], noun: str,
           parts: dict[str, re.Pattern[str]]) -> tuple[str | None, str, int | None] | None:
    """(side, region words, size) of the brain mass the statements about it name by its lobe
    or part: the words before the lesion word ("Infiltrative left caudate and septal mass"), or
    after it ("a mass centred in the left caudate head"); the size a statement of the same
    side gives it. None where no statement names one (the card keeps the table's name)."""
    if not noun or not parts:
        return None
    one = "|".join(p.pattern for p in parts.values())
    many = rf"((?:{one})(?:{_JOIN}(?:{one}))*{_PART})"
    word = re.escape(noun.split()[-1])
    before = re.compile(rf"\b{_SIDE}{many}\s+{_WORDS}{word}\b", re.I)
    after = re.compile(rf"\b{word}{_AFTER}(?:the\s+)?{_SIDE}{many}", re.I)
    for t in (t for x in same for t in (x.sentence, x.antecedent, x.described) if t):
        found = before.search(t) or after.search(t)
        if found:
            side = (found.group(1) or "").lower() or None
            words = " ".join(found.group(2).lower().split())
            mm = next((x.size_mm for x in said if x.size_mm and x.kind == same[0].kind and (
                x.site == same[0].site) and x.side in (side, same[0].side)), None)
            return side, words, mm
    return None
