"""Dates written in report text: the month words and the reading of a matched date's parts,
shared by the removal reader (``removed.py``, P14.16a) and the cited study's date
(``core/card_cited.py``, P20.5); each keeps its own pattern of which dates it accepts. The
named groups of those patterns are ``y<n>``, ``m<n>`` and ``d<n>``, one alternative matching.
Pure."""

from __future__ import annotations

import re

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH = r"(?P<{}>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"  # format: group


def date_parts(hit: re.Match[str]) -> tuple[str, int | None, int | None]:
    """The year, month and day a date pattern matched (month or day None where not written)."""
    found = {k[0]: v for k, v in hit.groupdict().items() if v}
    month = found.get("m")
    if month is not None and not month.isdigit():
        month = str(MONTHS.index(month[:3].lower()) + 1)
    day = found.get("d")
    return found["y"], None if month is None else int(month), None if day is None else int(day)
