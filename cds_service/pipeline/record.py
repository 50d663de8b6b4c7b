"""Reading a call's record (DiagnosticReports, ImagingStudies) for the rules, in one pass.

Only a call with a trigger gets here (``run`` answers the others at once). Every rule needs a
mention, and a mention is only in a report with a trigger, so of the rest only these kinds of
resource can change the answer:

* a report or study dated on or after the day of a report with a mention, of a modality that
  may have shown one of the mentioned structures (``rules.prior_modalities``: CT, and the
  radiography, ultrasound or mammography P13 names for a bone lesion, a joint, a tendon or the
  breast): it may show the structure was characterized (``rules.shown``; a report without a
  trigger says nothing of calcification, so its date is what counts);
* a signed report of a study a report with a trigger also reports: it may replace that
  report (``matching.current_reports``);
* a radiograph of any date when a report mentions a bone lesion
  (``rules.on_record_modalities``): whether one of its part is on record decides what the
  card offers (P16.2);
* an MRI report dated on or after that day: it may describe a structure without a mineral word
  (``reading.described``, read at render by a card citing an older MRI, never here): the card
  gives its measurement and says so (P11.59, P11.60).

What is validated follows what the rules declare (``rules.validated_modalities``): reports with
a trigger (the rules cite them) are validated as R4 and read in full; of the other reports and
studies, those of a modality the mentioned structures need are validated before they are read,
a report of a study a cited report shares is read leniently (type checks of the fields the
rules use), and the rest are type-checked only, never kept. An invalid resource is skipped and
counted whichever check found it. What was validated is kept in the per-resource cache.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

import orjson

from cds_service.config import DEFAULT_MAX_CALL_TEXT_CHARS
from cds_service.core import reading, rules
from cds_service.core.reading.guard import MAX_REPORT_CHARS
from cds_service.errors import InvalidResource
from cds_service.fhir.context import FhirContext
from cds_service.hooks.limits import within_depth
from cds_service.pipeline.cache import MISSING, ByteCache, digest

T = TypeVar("T")

RawStudies = dict[str, tuple[dict[str, Any], reading.StudyFacts]]


def checked(res: dict[str, Any], resource_type: str, invalid: Counter[str],
            check: Callable[[dict[str, Any]], bool | None]) -> bool:
    """Whether ``res`` passes ``check`` (a reader's type checks of the fields it reads, or
    ``within_depth``); else it is counted invalid."""
    try:
        if check(res) is False:
            raise InvalidResource(resource_type, "nested too deep")
    except InvalidResource:
        invalid[resource_type] += 1
        return False
    return True


def read_kept(cache: ByteCache, resource_type: str, res: dict[str, Any],
              compute: Callable[[], T], invalid: Counter[str], *more: Any) -> T | None:
    """What ``compute`` reads from ``res``, kept by the digest of ``res`` and ``more`` (what
    else the reading depends on, already checked); None (counted) if invalid.

    The verdict is kept either way, so a resource is checked, validated and read once: its
    depth (``within_depth``; deeper than JSON can be written fails the digest), its R4.
    """
    try:
        key = digest(resource_type, res, *more)
    except orjson.JSONEncodeError:
        invalid[resource_type] += 1
        return None
    got = cache.get(key)
    if got is MISSING:
        try:
            if not within_depth(res):
                raise InvalidResource(resource_type, "nested too deep")
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
                 max_chars: int = MAX_REPORT_CHARS,
                 triggered: bool = True) -> reading.ReportFindings | None:
    """A report validated and read (kept by digest), or read leniently (not kept); at most
    ``max_chars`` of its text (less than the per-report cap: part of the key); its sentences
    only when it has a trigger (the pre-filter proved the others hold no mention)."""
    linked = {r: studies[r] for r in refs(res, "imagingStudy") if r in studies}
    linked_obs = {r: observations[r] for r in refs(res, "result") if r in observations}
    facts = {r: fact for r, (_, fact) in linked.items()}
    if not validate:
        try:
            return reading.read_report(res, studies=facts, observations=linked_obs,
                                       validate=False, max_chars=max_chars,
                                       sentences=triggered)
        except InvalidResource:
            invalid["DiagnosticReport"] += 1
            return None
    more = (() if max_chars >= MAX_REPORT_CHARS else (max_chars,)) + (
        () if triggered else ("no sentences",))
    return read_kept(cache, "DiagnosticReport", res, lambda: reading.read_report(
        res, studies=facts, observations=linked_obs, max_chars=max_chars,
        sentences=triggered), invalid, {r: raw for r, (raw, _) in linked.items()},
        linked_obs, *more)


@dataclass(slots=True)
class Record:
    """The usable reports (in the order they came) and the studies read for one call."""

    reports: list[reading.ReportFindings]
    studies: list[reading.StudyFacts]
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
    the first time something needs it: validated when its modality is one the rules declare,
    else leniently."""

    def __init__(self, ctx: FhirContext, invalid: Counter[str], cache: ByteCache,
                 validated: frozenset[str]) -> None:
        self.invalid, self.cache, self.validated = invalid, cache, validated
        self.checked: dict[str, dict[str, Any]] = {}
        for res in ctx.of_type("ImagingStudy"):
            if checked(res, "ImagingStudy", invalid, reading.check_study):
                self.checked[f"ImagingStudy/{res.get('id')}"] = res  # the last of an id
        self.read: RawStudies = {}
        self.refused: set[str] = set()  # invalid R4: skipped, counted once

    def need(self, references: Iterable[str]) -> RawStudies:
        """Read the studies ``references`` name (once each); what was read of all of them."""
        for ref in references:
            res = self.checked.get(ref)
            if res is None or ref in self.read or ref in self.refused:
                continue
            if not self.validated.isdisjoint(reading.study_modalities(res)):  # validated
                facts = read_kept(self.cache, "ImagingStudy", res,
                                  partial(reading.read_study, res), self.invalid)
                if facts is None:
                    self.refused.add(ref)
                    continue
            elif checked(res, "ImagingStudy", self.invalid, within_depth):  # (its JSON may
                facts = reading.read_study(res, validate=False)  # go into a report's key)
            else:
                self.refused.add(ref)
                continue
            self.read[ref] = (res, facts)
        return self.read


def _citing_day(reports: Iterable[reading.ReportFindings]) -> str | None:
    """The earliest day of a report with a mention that counts (None: there is none, so
    nothing can fire; "" when one has no date: then every CT may be after it)."""
    days = [rules.day(got.date) for got in reports
            if any(m.counts for m in got.findings.mentions)]
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
                invalid: Counter[str], cache: ByteCache, validated: frozenset[str],
                max_text_chars: int = DEFAULT_MAX_CALL_TEXT_CHARS) -> Record:
    """Reports with a trigger validated and read in full, within the call's text budget; of the
    rest, what may change the answer (see the module doc), validated when the rules declare
    its modality (``validated``), else read leniently."""
    studies = _Studies(ctx, invalid, cache, validated)
    raw = list(zip(ctx.of_type("DiagnosticReport"), triggered, strict=True))
    read: list[reading.ReportFindings | None] = [None] * len(raw)
    text = _TextBudget(max_text_chars)
    for i, (res, has_trigger) in enumerate(raw):
        if has_trigger:
            allowance = text.allowance()
            read[i] = _read_report(res, studies.need(refs(res, "imagingStudy")), observations,
                                   invalid, cache, validate=True, max_chars=allowance)
            text.spend(read[i], allowance)
    cited = [got for got in read if got is not None]
    day = _citing_day(cited)
    any_date = validated & rules.on_record_modalities(cited)  # a bone's radiographs (P16.2)
    validated = studies.validated = validated & rules.prior_modalities(cited)
    cited_studies = {ref for got in cited for ref in got.study_refs}
    for i, (res, has_trigger) in enumerate(raw):
        if has_trigger or not checked(res, "DiagnosticReport", invalid, reading.check_report):
            continue
        shares = day is not None and _shares_study(res, cited_studies)
        early = not (shares or rules.day(reading.report_date(res)) >= (day or ""))
        if day is None or (early and not any_date):
            continue  # neither a study after a mention nor a report of a study one is in
        linked = studies.need(refs(res, "imagingStudy"))
        got = _read_report(res, linked, observations, invalid, cache, validate=False,
                           triggered=False)
        if got is not None and got.modality in (any_date if early else validated):
            got = _read_report(res, linked, observations, invalid, cache, validate=True,
                               triggered=False)
        elif not (shares or got is not None and (got.removed or not early and got.segments)):
            continue  # a modality none of the mentioned structures needs, no lesion taken out,
            # no MRI after a mention that may describe what it measured (P11.59: a card reads
            # its sentences at render, ``reading.described``)
        read[i] = got
        text.report_skipped += got.text_skipped if got is not None else 0
    if day is not None:
        def wanted(res: dict[str, Any]) -> bool:  # a bone's radiograph, or a study after a mention
            modalities = reading.study_modalities(res)
            return not any_date.isdisjoint(modalities) or (
                rules.day(res.get("started")) >= day and not validated.isdisjoint(modalities))
        studies.need(ref for ref, res in studies.checked.items() if wanted(res))
    return Record([got for got in read if got is not None and got.usable],
                  [studies.read[ref][1] for ref in studies.checked if ref in studies.read],
                  text.report_skipped, text.call_skipped)
