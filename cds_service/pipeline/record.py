"""Reading a call's record (DiagnosticReports, ImagingStudies) for the rules, cheaply.

Only a call with a trigger gets here (``run`` answers the others at once). Every rule needs a
mention, and a mention is only in a report with a trigger, so of the rest only two kinds of
resource can change the answer:

* a CT (report or study) dated on or after the day of a report with a mention: it may show the
  structure was characterized (``rules.characterized_by_ct``; a report without a trigger says
  nothing of calcification, so its date is what counts);
* a signed report of a study a report with a trigger also reports: it may replace that
  report (``matching.current_reports``).

Reports with a trigger are validated as R4 and read in full (kept per resource digest). Every
other report and study gets the lenient type checks (an invalid one is counted as before), and
only those of the two kinds above are then read, leniently, with the studies they link; the
rest are not read at all. ``validated`` then validates what can decide when the rules answer
differently without what was read leniently.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from cds_service.config import DEFAULT_MAX_CALL_TEXT_CHARS
from cds_service.core import anatomy, reading, rules
from cds_service.core.reading.guard import MAX_REPORT_CHARS
from cds_service.errors import InvalidResource
from cds_service.fhir.context import FhirContext
from cds_service.pipeline.cache import MISSING, ByteCache, digest

T = TypeVar("T")
CT = "CT"

RawStudies = dict[str, tuple[dict[str, Any], reading.StudyFacts]]


def read_kept(cache: ByteCache, key: bytes, compute: Callable[[], T], invalid: Counter[str],
              resource_type: str) -> T | None:
    """What ``compute`` reads from a resource, kept by ``key``; None (counted) if invalid.

    The invalid verdict is kept too, so a bad resource is not validated again.
    """
    got = cache.get(key)
    if got is MISSING:
        try:
            got = compute()
        except InvalidResource as exc:
            got = exc
        cache.put(key, got)
    if isinstance(got, InvalidResource):
        invalid[resource_type] += 1
        return None
    return got


def refs(res: dict[str, Any], field_name: str) -> list[str]:
    value = res.get(field_name)
    if not isinstance(value, list):
        return []
    return [r["reference"] for r in value
            if isinstance(r, dict) and isinstance(r.get("reference"), str)]


def _read_report(res: dict[str, Any], studies: RawStudies, observations: dict[str, Any],
                 invalid: Counter[str], cache: ByteCache, *, validate: bool,
                 max_chars: int = MAX_REPORT_CHARS) -> reading.ReportFindings | None:
    """A report validated and read in full (kept by digest), or read leniently (not kept);
    at most ``max_chars`` of its text (less than the per-report cap: part of the key)."""
    linked = {r: studies[r] for r in refs(res, "imagingStudy") if r in studies}
    linked_obs = {r: observations[r] for r in refs(res, "result") if r in observations}
    facts = {r: fact for r, (_, fact) in linked.items()}
    if not validate:
        try:
            return reading.read_report(res, studies=facts, observations=linked_obs,
                                       validate=False, max_chars=max_chars)
        except InvalidResource:
            invalid["DiagnosticReport"] += 1
            return None
    budget = () if max_chars >= MAX_REPORT_CHARS else (max_chars,)
    key = digest("DiagnosticReport", res, {r: raw for r, (raw, _) in linked.items()},
                 linked_obs, *budget)
    return read_kept(cache, key, lambda: reading.read_report(
        res, studies=facts, observations=linked_obs, max_chars=max_chars),
        invalid, "DiagnosticReport")


@dataclass(slots=True)
class Report:
    """One DiagnosticReport read for the call: the resource, whether its text holds a
    trigger, and what was read from it (None: invalid, counted)."""

    resource: dict[str, Any]
    triggered: bool
    read: reading.ReportFindings | None
    max_chars: int = MAX_REPORT_CHARS  # its text read at most (the per-call budget left)


@dataclass(slots=True)
class Record:
    """The reports and studies read for one call; ``lenient``: some were not validated."""

    reports: list[reading.ReportFindings]
    studies: RawStudies
    lenient: set[int]  # indexes in ``reports`` read leniently
    each_report: list[Report] = field(default_factory=list)
    each_study: list[tuple[dict[str, Any], reading.StudyFacts]] = field(default_factory=list)
    text_skipped: int = 0  # report characters past a per-report cap, not read
    call_text_skipped: int = 0  # characters of reports read past the per-call cap


class _TextBudget:
    """The report text a call may still read (``CDS_MAX_CALL_TEXT_CHARS``), spent by the
    reports with a trigger in the order they come; each reads no more than what is left.
    Reports without a trigger have no sentence read (no term can be in them): not counted."""

    __slots__ = ("left", "report_skipped", "call_skipped")

    def __init__(self, max_chars: int) -> None:
        self.left, self.report_skipped, self.call_skipped = max(max_chars, 0), 0, 0

    def allowance(self) -> int:
        return min(self.left, MAX_REPORT_CHARS)

    def spend(self, got: reading.ReportFindings | None, allowance: int) -> None:
        if got is None:
            return
        if allowance < MAX_REPORT_CHARS:
            self.call_skipped += got.text_skipped
        else:
            self.report_skipped += got.text_skipped
        self.left = max(self.left - got.text_read, 0)


class _Studies:
    """The call's studies: every one type-checked at once (invalid ones counted), each read
    leniently the first time something needs it."""

    def __init__(self, ctx: FhirContext, invalid: Counter[str]) -> None:
        self.checked: dict[str, dict[str, Any]] = {}
        for res in ctx.of_type("ImagingStudy"):
            try:
                reading.check_study(res)
            except InvalidResource:
                invalid["ImagingStudy"] += 1
                continue
            self.checked[f"ImagingStudy/{res.get('id')}"] = res  # the last of an id, as before
        self.read: RawStudies = {}

    def need(self, references: list[str]) -> None:
        for ref in references:
            res = self.checked.get(ref)
            if res is not None and ref not in self.read:
                self.read[ref] = (res, reading.read_study(res, validate=False))


def _citing_day(reports: list[Report]) -> str | None:
    """The earliest day of a report with a mention that counts (None: there is none, so
    nothing can fire; "" when one has no date: then every CT may be after it)."""
    days = [rules.day(rep.read.date) for rep in reports if rep.read is not None
            and any(m.counts for m in rep.read.findings.mentions)]
    return min(days) if days else None


def _shares_study(res: dict[str, Any], studies: set[str]) -> bool:
    """Whether the report links one of ``studies`` ("ImagingStudy/<id>", as read)."""
    for ref in refs(res, "imagingStudy"):
        if ref in studies:
            return True
        if not (ref.startswith("ImagingStudy/") and ref.count("/") == 1):
            # absolute, versioned or odd: compare as the reader normalises it
            return not studies.isdisjoint(reading.study_refs(res))
    return False


def read_record(ctx: FhirContext, triggered: list[bool], observations: dict[str, Any],
                invalid: Counter[str], cache: ByteCache,
                max_text_chars: int = DEFAULT_MAX_CALL_TEXT_CHARS) -> Record:
    """Reports with a trigger: validated and read in full, within the call's text budget.
    Of the rest, what may change the answer (see the module doc): read leniently, neither
    digested nor kept."""
    studies = _Studies(ctx, invalid)
    raw = list(zip(ctx.of_type("DiagnosticReport"), triggered, strict=True))
    each_report: list[Report | None] = [None] * len(raw)
    text = _TextBudget(max_text_chars)
    for i, (res, has_trigger) in enumerate(raw):
        if has_trigger:
            studies.need(refs(res, "imagingStudy"))
            allowance = text.allowance()
            got = _read_report(res, studies.read, observations, invalid, cache,
                               validate=True, max_chars=allowance)
            text.spend(got, allowance)
            each_report[i] = Report(res, True, got, allowance)
    day = _citing_day([r for r in each_report if r is not None])
    cited_studies = {ref for rep in each_report if rep is not None and rep.read is not None
                     for ref in rep.read.study_refs}
    for i, (res, has_trigger) in enumerate(raw):
        if has_trigger:
            continue
        try:
            reading.check_report(res)
        except InvalidResource:
            invalid["DiagnosticReport"] += 1
            continue
        if day is None or not (rules.day(reading.report_date(res)) >= day
                               or _shares_study(res, cited_studies)):
            continue  # neither a CT after a mention nor a report of a study one is in
        studies.need(refs(res, "imagingStudy"))
        got = _read_report(res, studies.read, observations, invalid, cache, validate=False)
        each_report[i] = Report(res, False, got)
        text.report_skipped += got.text_skipped if got is not None else 0
    if day is not None:
        for ref, res in studies.checked.items():
            if rules.day(res.get("started")) >= day and CT in reading.study_modalities(res):
                studies.need([ref])
    kept = [r for r in each_report if r is not None]
    reports: list[reading.ReportFindings] = []
    lenient: set[int] = set()
    for rep in kept:
        if rep.read is not None and rep.read.usable:
            if not rep.triggered:
                lenient.add(len(reports))
            reports.append(rep.read)
    each_study = [studies.read[ref] for ref in studies.checked if ref in studies.read]
    return Record(reports, {facts.reference: (res, facts) for res, facts in each_study},
                  lenient, kept, each_study, text.report_skipped, text.call_skipped)


def _cited_regions(record: Record) -> frozenset[str]:
    """Every region a mention the rules may cite is in (as ``rules.Citation.regions``), over
    every report with a trigger: only a CT of one of them can silence a card."""
    out: set[str] = set()
    for rep in record.each_report:
        got = rep.read
        if rep.triggered and got is not None:
            for m in got.findings.mentions:
                if m.counts:
                    out |= m.regions or got.findings.regions or got.regions
    return frozenset(out)


def validated(record: Record, observations: dict[str, Any], invalid: Counter[str],
              cache: ByteCache) -> Record:
    """The record with what can decide validated as R4 (invalid ones skipped, counted in
    ``invalid`` on top of what the lenient reading counted): every report with a trigger (it
    already is), every CT report and CT study of a region a mention is in (such a CT silences
    a card), and every study one of those reports links (its regions and modality shape that
    report's facts). The rest cannot change a decision and stays as read leniently; a report
    whose linked study turned out invalid is read again without it."""
    cited = _cited_regions(record)

    def decides(got: reading.ReportFindings) -> bool:
        return got.modality == CT and anatomy.overlaps(
            got.regions | got.findings.regions, cited)

    deciding = [not rep.triggered and rep.read is not None and decides(rep.read)
                for rep in record.each_report]
    linked = {r for rep, d in zip(record.each_report, deciding, strict=True)
              if rep.triggered or d for r in refs(rep.resource, "imagingStudy")}
    studies: RawStudies = {}
    dropped: set[str] = set()
    for res, facts in record.each_study:
        if facts.reference in linked or (
                CT in facts.modalities and anatomy.overlaps(facts.regions, cited)):
            got = read_kept(cache, digest("ImagingStudy", res),
                            lambda r=res: reading.read_study(r), invalid, "ImagingStudy")
            if got is None:
                dropped.add(facts.reference)
                continue
        studies[facts.reference] = (res, facts)
    reports: list[reading.ReportFindings] = []
    for rep, deciding_ct in zip(record.each_report, deciding, strict=True):
        got = rep.read
        if got is None:
            continue
        if dropped and not dropped.isdisjoint(refs(rep.resource, "imagingStudy")):
            got = _read_report(rep.resource, studies, observations, invalid, cache,
                               validate=rep.triggered, max_chars=rep.max_chars)
            deciding_ct = got is not None and not rep.triggered and decides(got)
        if got is not None and deciding_ct:
            got = _read_report(rep.resource, studies, observations, invalid, cache,
                               validate=True, max_chars=rep.max_chars)
        if got is not None and got.usable:
            reports.append(got)
    return Record(reports, studies, set(), text_skipped=record.text_skipped,
                  call_text_skipped=record.call_text_skipped)  # as read: the same text
