"""The date of a study an MRI statement cites, where the statement dates it (P20.5).

"On the targeted ultrasound of 2026-10-26 this mass contained echogenic foci …", "The
abdominal radiograph of 2026-10-30 showed …", "On the 10/26/2026 ultrasound …": the evidence
line names that study's own date beside the MRI that cites it. Only a date written at the
study's name counts (inside the name, or right after it: "of", "on", "from", "dated", a comma
or a parenthesis, after at most a few words of its field); a date elsewhere in the sentence is
the lesion's or another event's. Where the statement names its study without a date ("the KUB
radiograph showed stippled calcification in it"), or names none (a heading's or a sign's study),
the same report may date that study in
another sentence ("The KUB radiograph of 2026-09-04 showed …", "COMPARISON: Abdominal
radiograph (KUB) 2026-09-04"): that date, where the report gives one date to the studies of
that modality its name could be (P20.6). Pure: bounded windows of one sentence, linear in it;
the report's sentences are looked at once, bounded by ``MAX_SENTENCES``.
"""

from __future__ import annotations

import re

from cds_service.core.evidence import family
from cds_service.core.reading.cited import studies_cited
from cds_service.core.reading.dates import MONTH as _MONTH
from cds_service.core.reading.dates import date_parts
from cds_service.core.reading.facts import Mention
from cds_service.core.reading.lexicon import lexicon
from cds_service.core.reading.sentences import report_sentences

_DATE = (r"(?:(?P<y1>(?:19|20)\d\d)-(?P<m1>\d\d)-(?P<d1>\d\d)"
         r"|(?P<m2>\d\d?)/(?P<d2>\d\d?)/(?P<y2>(?:19|20)\d\d)"
         r"|" + _MONTH.format("m3") + r"\s+(?P<d3>\d\d?),?\s+(?P<y3>(?:19|20)\d\d)"
         r"|(?P<d4>\d\d?)\s+" + _MONTH.format("m4") + r"\s+(?P<y4>(?:19|20)\d\d))\b")
_IN_NAME = re.compile(r"\b" + _DATE, re.I)
# right after the study's name: "of 2026-10-26", "(2026-10-26)", ", dated 10/26/2026", "of the
# abdomen on 2026-10-30" (a few words of its field, no verb-like digits or clause break between)
_AFTER = re.compile(r"(?:\s*\([^()\n]{0,24}\))?"  # "radiograph (KUB) 2026-09-04"
                    r"\s*(?:of\s+(?:the\s+)?(?:(?:left|right|bilateral|[a-z]+)\s+){0,3}?)?"
                    r"[,(]?\s*(?:(?:performed|obtained|done|acquired)\s+)?"
                    r"(?:of|on|from|dated|in)?\s*(?:the\s+)?" + _DATE, re.I)
_WINDOW = 64  # characters after the study's name looked at
# what a study's name says beyond its modality: its field ("KUB", "chest", "sinus", "forearm");
# a side, an article, a time word or a study noun says nothing of which study it is (P20.6)
_WORD = re.compile(r"[a-z][a-z-]+")
_PLAIN = frozenset((
    "the", "a", "an", "on", "at", "by", "from", "of", "in", "this", "that", "these", "those",
    "his", "her", "their", "its", "and", "or", "with", "prior", "previous", "outside", "recent",
    "earlier", "comparison", "baseline", "old", "preceding", "plain", "conventional", "left",
    "right", "bilateral", "both", "study", "studies", "exam", "examination", "examinations",
    "images", "image", "view", "views", "scan", "scans", "film", "films", "radiograph",
    "radiographs", "radiography", "x-ray", "x-rays", "xray", "xrays", "ultrasound", "ultrasounds",
    "sonogram", "sonography", "ct", "cta", "mammogram", "mammograms", "mammography", "targeted",
    "diagnostic", "screening", "limited", "complete", "dedicated", "focused", "initial",
    "follow-up", "portable", "duplex", "doppler"))
_BEFORE = 32  # characters before a study's name read for its field words
_STOP = frozenset((
    "the", "a", "an", "on", "at", "by", "from", "of", "in", "to", "with", "and", "or", "this",
    "that", "these", "those", "his", "her", "their", "its", "it", "is", "was", "were", "are", "be",
    "which", "as", "for", "per", "than"))
_ASIDE = re.compile(r"\s*\([^()\n]{0,24}\)")


def _iso(m: re.Match[str]) -> str:
    year, month, day = date_parts(m)
    if month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return ""
    return f"{year}-{month:02d}-{day:02d}"


def _names(text: str, comparison: bool) -> list[tuple[int, int, str]]:
    """The studies ``text`` names as a statement's source; a comparison line lists its studies
    (P12.39)."""
    return studies_cited(text) or ([(m.start(), m.end(), str(m.lastgroup))
                                    for m in lexicon().studies.finditer(text)]
                                   if comparison else [])


def _dated(text: str, a: int, b: int) -> str:
    hit = _IN_NAME.search(text, a, b) or _AFTER.match(text[b:b + _WINDOW])
    return _iso(hit) if hit else ""


def _field(text: str, a: int, b: int) -> frozenset[str]:
    """The words naming which study of its modality text[a:b] is (P20.6): those of its name, of
    up to three words right before it in its noun phrase and of a parenthesis right after it
    ("radiograph (KUB)"), less the plain ones (``_PLAIN``)."""
    names = list(lexicon().studies.finditer(text, a, b))
    if not names:
        return frozenset()
    start = names[0].start()
    words = _WORD.findall(re.split(r"[.;:,()]", text[max(0, start - _BEFORE):start])[-1].lower())
    head: list[str] = []
    for w in reversed(words[-3:]):
        if w in _STOP:
            break
        head.append(w)
    aside = m.group() if (m := _ASIDE.match(text, names[-1].end())) else ""
    said = " ".join([*head, *(n.group() for n in names), aside]).lower()
    return frozenset(_WORD.findall(said)) - _PLAIN


def cited_date(mention: Mention, seen_on: str | None,
               segments: tuple[tuple[str | None, str], ...] = (),
               before: str | None = None) -> str:
    """The date the statement (or the caption that gave it its study) writes at the name of the
    study it cites, as YYYY-MM-DD (P20.5); else the one date the report's ``segments`` write at
    a study of that modality whose name may be the same study's, on or before ``before`` (the
    report's date; P20.6); "" where neither gives one."""
    if seen_on in (None, "MR"):
        return ""
    comparison = lexicon().section_kinds.get(mention.section or "") == "comparison"
    fields: set[frozenset[str]] = set()
    for text in (mention.sentence, mention.caption or ""):
        for a, b, code in _names(text, comparison and text is mention.sentence):
            if family(code) != family(seen_on):
                continue
            if when := _dated(text, a, b):
                return when
            if lexicon().studies.search(text, a, b):  # a study's name, not a sign ("echogenic")
                fields.add(_field(text, a, b))
    return _elsewhere(segments, seen_on, fields, (before or "")[:10])


def _elsewhere(segments: tuple[tuple[str | None, str], ...], seen_on: str,
               fields: set[frozenset[str]], before: str) -> str:
    """The one date the report writes at a study of ``seen_on``'s modality that may be the one
    the statement names: its field words meet the statement's, or either names none (P20.6)."""
    wanted = frozenset().union(*fields)
    dates: dict[str, bool] = {}  # date: whether a study of that date shares the field words
    for _kind, s in report_sentences(segments):
        for m in lexicon().studies.finditer(s):  # any study it names, dated at its name
            a, b = m.span()
            if family(str(m.lastgroup)) != family(seen_on) or not (when := _dated(s, a, b)):
                continue
            if before and when > before:
                continue
            field = _field(s, a, b)
            if not wanted or not field or field & wanted:
                dates[when] = dates.get(when, False) or bool(field & wanted)
    shared = [d for d, meets in dates.items() if meets]
    chosen = shared if wanted and shared else list(dates)
    return chosen[0] if len(chosen) == 1 else ""
