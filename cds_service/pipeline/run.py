"""The pipeline each hook call runs.

``run`` is the one-way flow: FHIR context → findings from reports and studies →
classified draft orders → rules → cards. What was learned from a resource that has not
changed is kept (keyed by a digest of its JSON), so repeated calls for the same patient do
not re-validate or re-read the same reports.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from cds_service.core import orders, reading, rules
from cds_service.core.cards import CardLibrary, RenderedCard, render
from cds_service.core.matching import NONCONTRAST_KINDS
from cds_service.core.validation import validate_r4
from cds_service.errors import InvalidResource
from cds_service.fhir.context import FhirContext
from cds_service.hooks.request import ORDER_SELECT, ORDER_SIGN, HookRequest
from cds_service.pipeline.memo import Memo, Same, clear_all, digest

log = logging.getLogger(__name__)

T = TypeVar("T")

_REPORTS: Memo[bytes] = Memo()
_STUDIES: Memo[bytes] = Memo()
_ORDERS: Memo[bytes] = Memo()
_PATIENTS: Memo[bytes] = Memo(max_entries=2_000)
_RECORDS: Memo[bytes] = Memo(max_entries=2_000)
_DECISIONS: Memo[tuple[Any, ...]] = Memo(max_entries=8_000)


def clear_caches() -> None:
    """Forget every resource read and card rendered (for measuring the cold path)."""
    clear_all()


def _remember(memo: Memo[bytes], key: bytes, compute: Callable[[], T],
              invalid: Counter[str], resource_type: str) -> T | None:
    """What ``compute`` read from a resource, kept by ``key``; None (counted) if it is invalid.

    The invalid verdict is remembered too, so a bad resource is not validated again.
    """
    def guarded() -> T | InvalidResource:
        try:
            return compute()
        except InvalidResource as exc:
            return exc

    got = memo.get(key, guarded)
    if isinstance(got, InvalidResource):
        invalid[resource_type] += 1
        return None
    return got


@dataclass(slots=True)
class Outcome:
    cards: list[RenderedCard]
    decisions: list[rules.Decision] = field(default_factory=list)
    invalid: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)  # left out by a per-call budget


def _check_patient(patient: dict[str, Any]) -> dict[str, Any]:
    """Validate a Patient as R4 (R4B model); raise ``InvalidResource`` naming fields only."""
    from fhir.resources.R4B.patient import Patient

    validate_r4(patient, Patient, "Patient")
    return patient


def read_patient(ctx: FhirContext, invalid: Counter[str]) -> dict[str, Any] | None:
    for res in ctx.of_type("Patient"):
        got = _remember(_PATIENTS, digest(res), lambda r=res: _check_patient(r),
                        invalid, "Patient")
        if got is not None:
            return got
    return None


def _age_years(patient: dict[str, Any] | None, today: dt.date) -> int | None:
    if not patient:
        return None
    birth = patient.get("birthDate")
    if not isinstance(birth, str) or len(birth) < 4:
        return None
    try:
        year = int(birth[:4])
        month = int(birth[5:7]) if len(birth) >= 7 else 1
        day = int(birth[8:10]) if len(birth) >= 10 else 1
        born = dt.date(year, month, day)
    except ValueError:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _refs(res: dict[str, Any], field_name: str) -> Iterable[str]:
    value = res.get(field_name)
    if not isinstance(value, list):
        return ()
    return (r["reference"] for r in value
            if isinstance(r, dict) and isinstance(r.get("reference"), str))


def _selected(request: HookRequest, reference: str, full_url: str | None) -> bool:
    if request.hook == ORDER_SIGN:
        return True
    return reference in request.selections or (full_url is not None
                                               and full_url in request.selections)


def read_studies(ctx: FhirContext, invalid: Counter[str]) -> tuple[
        list[reading.StudyFacts], dict[str, tuple[dict[str, Any], reading.StudyFacts]]]:
    facts: list[reading.StudyFacts] = []
    raw: dict[str, tuple[dict[str, Any], reading.StudyFacts]] = {}
    for res in ctx.of_type("ImagingStudy"):
        got = _remember(_STUDIES, digest(res), lambda r=res: reading.read_study(r),
                        invalid, "ImagingStudy")
        if got is None:
            continue
        facts.append(got)
        if isinstance(res.get("id"), str):
            raw[f"ImagingStudy/{res['id']}"] = (res, got)
    facts.sort(key=lambda s: s.date or "", reverse=True)
    return facts, raw


def read_reports(
    ctx: FhirContext, studies: dict[str, tuple[dict[str, Any], reading.StudyFacts]],
    invalid: Counter[str],
) -> list[reading.ReportFindings]:
    observations = {f"Observation/{o['id']}": o for o in ctx.of_type("Observation")
                    if isinstance(o.get("id"), str)}
    out: list[reading.ReportFindings] = []
    for res in ctx.of_type("DiagnosticReport"):
        linked = {r: studies[r] for r in _refs(res, "imagingStudy") if r in studies}
        linked_obs = {r: observations[r] for r in _refs(res, "result") if r in observations}
        key = digest(res, {r: raw for r, (raw, _) in linked.items()}, linked_obs)
        facts = {r: fact for r, (_, fact) in linked.items()}
        got = _remember(_REPORTS, key, lambda r=res, s=facts, o=linked_obs:
                        reading.read_report(r, studies=s, observations=o),
                        invalid, "DiagnosticReport")
        if got is not None and got.usable:
            out.append(got)
    out.sort(key=lambda r: r.date or "", reverse=True)
    return out


def read_orders(request: HookRequest, invalid: Counter[str]) -> tuple[
        list[orders.DraftOrder], list[orders.DraftOrder]]:
    """The selected draft orders, and every draft order (co-ordered CTs count, P5)."""
    selected: list[orders.DraftOrder] = []
    every: list[orders.DraftOrder] = []
    for entry in request.draft_entries:
        res = entry.resource
        if res.get("resourceType") != "ServiceRequest":
            continue
        rid = res.get("id")
        reference = f"ServiceRequest/{rid}" if isinstance(rid, str) else None
        got = _remember(_ORDERS, digest(res, entry.full_url),
                        lambda r=res, u=entry.full_url: orders.classify_order(r, full_url=u),
                        invalid, "ServiceRequest")
        if got is None:
            continue
        every.append(got)
        if reference is None and entry.full_url is None and request.hook == ORDER_SELECT:
            continue
        if _selected(request, reference or "", entry.full_url):
            selected.append(got)
    return selected, every


@dataclass(frozen=True, slots=True)
class PriorImaging:
    """What was read from a patient's whole imaging record (reports, studies, observations)."""

    studies: tuple[reading.StudyFacts, ...]
    reports: tuple[reading.ReportFindings, ...]
    invalid: tuple[tuple[str, int], ...]


def read_prior_imaging(ctx: FhirContext) -> PriorImaging:
    """Read the record, or reuse what was read from the very same record before.

    One digest of the whole record answers the common case (the same patient again within
    minutes) without a digest per resource; a changed record falls back to the per-resource
    caches, so only what changed is read again.
    """
    reports = ctx.of_type("DiagnosticReport")
    studies = ctx.of_type("ImagingStudy")
    observations = ctx.of_type("Observation")

    def read() -> PriorImaging:
        invalid: Counter[str] = Counter()
        study_facts, raw_studies = read_studies(ctx, invalid)
        report_facts = read_reports(ctx, raw_studies, invalid)
        return PriorImaging(tuple(study_facts), tuple(report_facts), tuple(invalid.items()))

    return _RECORDS.get(digest(reports, studies, observations), read)


def _decide(order: orders.DraftOrder, prior: PriorImaging, age: int | None,
            evidence: rules.Evidence) -> list[rules.Decision]:
    """The rules' verdict for one order; the same order over the same record is not re-run."""
    key = (Same(order), Same(prior), age, tuple(Same(o) for o in evidence.draft))
    return _DECISIONS.get(key, lambda: rules.evaluate(order, evidence))


def run(
    request: HookRequest, ctx: FhirContext, library: CardLibrary, *,
    today: dt.date | None = None,
) -> Outcome:
    """Evaluate one hook call: the cards to return, and what fired."""
    prior = read_prior_imaging(ctx)
    invalid: Counter[str] = Counter(dict(prior.invalid))
    draft, every = read_orders(request, invalid)
    age = _age_years(read_patient(ctx, invalid), today or dt.date.today())
    invalid.update(ctx.invalid)  # too deep to read (counted when the context was indexed)
    invalid.update(dict(request.invalid))
    evidence = rules.Evidence(reports=prior.reports, studies=prior.studies,
                              patient=rules.PatientFacts(age_years=age),
                              draft=tuple(o for o in every if o.kind in NONCONTRAST_KINDS))
    decisions: list[rules.Decision] = []
    if prior.reports:
        for order in draft:
            decisions.extend(_decide(order, prior, age, evidence))
    cards = [render(p, library, patient_id=request.patient_id,
                    fhir_server=request.fhir_server, age=age)
             for p in rules.merge(decisions)]
    if invalid:
        log.warning("skipped invalid FHIR resources", extra={"invalid": dict(invalid)})
    skipped = Counter(ctx.skipped)
    text_skipped = sum(r.text_skipped for r in prior.reports)
    if text_skipped:
        skipped["report_text_chars"] = text_skipped
        log.warning("report text over the per-report cap not read",
                    extra={"chars": text_skipped})  # a count only, never text
    return Outcome(cards=cards, decisions=decisions, invalid=invalid, skipped=skipped)
