"""Lesions a report says were taken out since the earlier study (docs/matching-policy.md P14.16).

"Interval resection of the left vastus lateralis mass … No residual or recurrent mass": the
lesion an older MRI called calcified is no longer there to biopsy or to image with contrast.
Read from every MRI report the record keeps, a calcium word or not: such a report rarely
names the old lesion's mineral. Words in ``data/findings_structures.json`` (``removed``,
``removed_then``, ``removed_not``, ``no_residual``); linear: one pass of bounded patterns
over each sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cds_service.core import anatomy
from cds_service.core.reading.assertion import denies, names_calcium
from cds_service.core.reading.dates import MONTH as _MONTH
from cds_service.core.reading.dates import date_parts
from cds_service.core.reading.structure import WORDS

# the kind, site and side of a lesion taken out, and the day it was, where the report dates it
# ("2026-06-10", "2026-06", "2019"; None: since the earlier study, P14.16a)
Removed = tuple[str, str | None, str | None, str | None]
Explained = tuple[str, str | None, str | None, bool]  # a mass's sign given blood as its cause,
# and whether the sentence says it is the one described before (P14.18)
_SENTENCE = re.compile(r"[^.;\n]+")
_DATE = re.compile(  # the day a removal is dated: ISO, US numeric, "June 10, 2026", "June 2026"
    r"\b(?:on|in|dated?)?\s*(?:(?P<y1>(?:19|20)\d\d)-(?P<m1>\d\d)(?:-(?P<d1>\d\d))?"
    r"|(?P<m2>\d\d?)/(?P<d2>\d\d?)/(?P<y2>(?:19|20)\d\d)"
    r"|" + _MONTH.format("m3") + r"\s+(?:(?P<d3>\d\d?),?\s+)?(?P<y3>(?:19|20)\d\d)"
    r"|(?P<d4>\d\d?)\s+" + _MONTH.format("m4") + r"\s+(?P<y4>(?:19|20)\d\d)"
    r"|(?P<y5>(?:19|20)\d\d))\b", re.I)


def _dated(s: str) -> tuple[str, str | None]:
    """The sentence without its date, and that date as "YYYY-MM-DD", "YYYY-MM" or "YYYY"."""
    hit = _DATE.search(s)
    if hit is None:
        return s, None
    year, month, dom = date_parts(hit)
    when = "-".join([year] + [f"{x:02d}" for x in (month, dom) if x is not None][
        : 0 if month is None else 2])
    return s[:hit.start()] + " " + s[hit.end():], when


def removed(texts: Iterable[str], title_site: str | None,
            title_side: str | None) -> frozenset[Removed]:
    """The (kind, site, side) of each lesion ("mass", "sarcoma", …) or deposit (a tendon's or
    joint's) the texts say was resected, excised, removed, aspirated or lavaged since the
    earlier study; a "status post" one only where the report also says there is no residual or
    recurrent lesion; never a plan ("resection is recommended"), a part ("partially
    resected") or a dated history ("in 2019")."""
    out: set[Removed] = set()
    texts = list(texts)
    none_left = any(WORDS["no_residual"].search(t) for t in texts)
    for text in texts:
        for hit in _SENTENCE.finditer(text):
            s = hit.group()
            if not (WORDS["removed"].search(s) or none_left and WORDS["removed_then"].search(s)):
                continue  # the removal words first: a date alone never makes one
            s, when = _dated(s)  # a dated removal: older statements only (P14.16a)
            if WORDS["removed_not"].search(s):
                continue
            kinds = (("mass",) if WORDS["mass"].search(s) else ()) + (
                ("tendon", "joint") if WORDS["deposit"].search(s) else ())
            sites = {sid for _, _, sid in anatomy.find_sites(s) if anatomy.site_regions(sid)}
            side = anatomy.side_in(s) or title_side
            out.update((kind, site, side, when) for kind in kinds
                       for site in (sites or {title_site} - {None}))
    return frozenset(out)


def explained(texts: Iterable[str], title_site: str | None,
              title_side: str | None) -> frozenset[Explained]:
    """("mass", site, side, back) of each sign ("blooming foci", "low-signal foci") a sentence
    gives blood products as its cause ("are paramagnetic …, consistent with hemosiderin"),
    naming no calcium word and denying nothing; ``back``: the sentence says they are the ones
    described before ("the previously described blooming foci", "described in May")."""
    out: set[Explained] = set()
    for text in texts:
        for hit in _SENTENCE.finditer(text):
            s = hit.group()
            if not (WORDS["blood_cause"].search(s) and WORDS["explained_sign"].search(s)) or (
                    names_calcium(s) or denies(s)):
                continue
            sites = {sid for _, _, sid in anatomy.find_sites(s) if anatomy.site_regions(sid)}
            side = anatomy.side_in(s) or title_side
            back = bool(WORDS["described_before"].search(s))
            out.update(("mass", site, side, back) for site in (sites or {title_site} - {None}))
    return frozenset(out)
