"""The date of a study an MRI statement cites, where the statement dates it (P20.5).

"On the targeted ultrasound of 2026-10-26 this mass contained echogenic foci …", "The
abdominal radiograph of 2026-10-30 showed …", "On the 10/26/2026 ultrasound …": the evidence
line names that study's own date beside the MRI that cites it. Only a date written at the
study's name counts (inside the name, or right after it: "of", "on", "from", "dated", a comma
or a parenthesis, after at most a few words of its field); a date elsewhere in the sentence is
the lesion's or another event's. Pure: bounded windows of one sentence, linear in it.
"""

from __future__ import annotations

import re

from cds_service.core.evidence import family
from cds_service.core.reading.cited import studies_cited
from cds_service.core.reading.dates import MONTH as _MONTH
from cds_service.core.reading.dates import date_parts
from cds_service.core.reading.facts import Mention
from cds_service.core.reading.lexicon import lexicon

_DATE = (r"(?:(?P<y1>(?:19|20)\d\d)-(?P<m1>\d\d)-(?P<d1>\d\d)"
         r"|(?P<m2>\d\d?)/(?P<d2>\d\d?)/(?P<y2>(?:19|20)\d\d)"
         r"|" + _MONTH.format("m3") + r"\s+(?P<d3>\d\d?),?\s+(?P<y3>(?:19|20)\d\d)"
         r"|(?P<d4>\d\d?)\s+" + _MONTH.format("m4") + r"\s+(?P<y4>(?:19|20)\d\d))\b")
_IN_NAME = re.compile(r"\b" + _DATE, re.I)
# right after the study's name: "of 2026-10-26", "(2026-10-26)", ", dated 10/26/2026", "of the
# abdomen on 2026-10-30" (a few words of its field, no verb-like digits or clause break between)
_AFTER = re.compile(r"\s*(?:of\s+(?:the\s+)?(?:(?:left|right|bilateral|[a-z]+)\s+){0,3}?)?"
                    r"[,(]?\s*(?:(?:performed|obtained|done|acquired)\s+)?"
                    r"(?:of|on|from|dated|in)?\s*(?:the\s+)?" + _DATE, re.I)
_WINDOW = 64  # characters after the study's name looked at


def _iso(m: re.Match[str]) -> str:
    year, month, day = date_parts(m)
    if month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return ""
    return f"{year}-{month:02d}-{day:02d}"


def cited_date(mention: Mention, seen_on: str | None) -> str:
    """The date the statement (or the caption that gave it its study) writes at the name of the
    study it cites, as YYYY-MM-DD; "" where it writes none there (P20.5)."""
    if seen_on in (None, "MR"):
        return ""
    comparison = lexicon().section_kinds.get(mention.section or "") == "comparison"
    for text in (mention.sentence, mention.caption or ""):
        named = studies_cited(text) or ([  # a comparison line lists its studies (P12.39)
            (m.start(), m.end(), str(m.lastgroup)) for m in lexicon().studies.finditer(text)]
            if comparison and text is mention.sentence else [])
        for a, b, code in named:
            if family(code) != family(seen_on):
                continue
            hit = _IN_NAME.search(text, a, b) or _AFTER.match(text[b:b + _WINDOW])
            if hit and (when := _iso(hit)):
                return when
    return ""
