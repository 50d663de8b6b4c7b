"""The pipeline each hook call runs: FHIR context → findings from reports and studies →
classified draft orders → rules → cards (finished in ``core``, uuids stamped as rendered).
The one place that keeps anything between calls: the one cache (``pipeline/cache.py``).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from cds_service.config import DEFAULT_CACHE_BYTES, DEFAULT_MAX_CALL_TEXT_CHARS
from cds_service.core import orders, rules
from cds_service.core.card_library import CardLibrary
from cds_service.core.cards import RenderedCard, render
from cds_service.core.matching import NONCONTRAST_KINDS
from cds_service.core.reading.trigger import reports_with_trigger
from cds_service.core.validation import validate_r4
from cds_service.fhir.context import FhirContext
from cds_service.hooks.limits import within_depth
from cds_service.hooks.request import ORDER_SIGN, DraftEntry, HookRequest
from cds_service.pipeline.cache import ByteCache
from cds_service.pipeline.record import Record, checked, read_kept, read_record

log = logging.getLogger(__name__)


CACHE = ByteCache(DEFAULT_CACHE_BYTES)


def configure_cache(max_bytes: int) -> None:
    """Bound the per-resource cache (``CDS_CACHE_BYTES``) and empty it: orders read before the
    app's tables (site terminology) were applied are read again."""
    CACHE.max_bytes = max_bytes
    CACHE.clear()


def new_uuid() -> str:
    return str(uuid.uuid4())


@dataclass(slots=True)
class Outcome:
    cards: list[RenderedCard]
    shadow: list[RenderedCard] = field(default_factory=list)  # rules in shadow mode: not shown
    fired: tuple[str, ...] = ()  # the rule of every decision, merged into a card or not
    invalid: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)  # left out by a per-call budget
    untriggered: int = 0  # reports whose text holds no trigger: skipped by the pre-filter


def read_birth_date(ctx: FhirContext, invalid: Counter[str], cache: ByteCache) -> str | None:
    """The birth date of the first Patient valid as R4 (R4B model; None: none, or without
    one). All the rules use of a Patient."""
    from fhir.resources.R4B.patient import Patient

    def birth(res: dict[str, Any]) -> tuple[str | None]:
        validate_r4(res, Patient, "Patient")
        return (res["birthDate"] if isinstance(res.get("birthDate"), str) else None,)

    for res in ctx.of_type("Patient"):
        got = read_kept(cache, "Patient", res, partial(birth, res), invalid)
        if got is not None:
            return got[0]
    return None


def _date(text: str | None) -> dt.date | None:
    """A FHIR date or dateTime's day (a year alone: its first day; None: not a date)."""
    if not isinstance(text, str) or len(text) < 4:
        return None
    try:
        return dt.date(int(text[:4]), int(text[5:7]) if len(text) >= 7 else 1,
                       int(text[8:10]) if len(text) >= 10 else 1)
    except ValueError:
        return None


def _age_years(birth: str | None, today: dt.date) -> int | None:
    if (born := _date(birth)) is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def child_words(birth: str | None, on: dt.date) -> str | None:
    """A patient under 18 on the day ``on`` as the contrast card names them (P11.82): "infant
    (4 months)", "infant (6 weeks)" under two months, "infant (5 days)" under a week, "child (9
    years)"; None for an adult, an unknown birth date or one after ``on``."""
    born = _date(birth)
    if born is None or born > on:
        return None
    years = _age_years(birth, on) or 0
    months = (on.year - born.year) * 12 + on.month - born.month - (on.day < born.day)
    days = (on - born).days
    count, unit = ((years, "year") if years else (months, "month") if months >= 2 else
                   (days // 7, "week") if days >= 7 else (days, "day"))
    if years >= 18:
        return None
    return f"{'child' if years else 'infant'} ({count} {unit}{'' if count == 1 else 's'})"


def draft_entries(request: HookRequest) -> list[tuple[DraftEntry, bool]]:
    """Every draft ServiceRequest, and whether the call is about it: every one for
    order-sign, for order-select the ones ``selections`` names (by reference or fullUrl)."""
    out = []
    for e in request.draft_entries:
        if e.resource.get("resourceType") == "ServiceRequest":
            rid = e.resource.get("id")
            names = {f"ServiceRequest/{rid}" if isinstance(rid, str) else None, e.full_url}
            out.append((e, request.hook == ORDER_SIGN or not request.selections.isdisjoint(
                names - {None})))
    return out


def _observations(ctx: FhirContext, invalid: Counter[str]) -> dict[str, dict[str, Any]]:
    """The Observations reports may hold their text in, by reference (too deep: invalid;
    their JSON goes into a report's key)."""
    return {f"Observation/{o['id']}": o for o in ctx.of_type("Observation")
            if isinstance(o.get("id"), str) and checked(o, "Observation", invalid, within_depth)}


def read_orders(entries: list[tuple[DraftEntry, bool]], invalid: Counter[str],
                cache: ByteCache) -> tuple[list[orders.DraftOrder], list[orders.DraftOrder]]:
    """The selected draft orders, and every draft order (co-ordered CTs count, P5)."""
    selected: list[orders.DraftOrder] = []
    every: list[orders.DraftOrder] = []
    for entry, is_selected in entries:
        got = read_kept(cache, "ServiceRequest", entry.resource,
                        partial(orders.classify_order, entry.resource, full_url=entry.full_url),
                        invalid, entry.full_url)
        if got is None:
            continue
        if got.resource is not entry.resource:  # read before: one object per draft entry
            got = replace(got, resource=entry.resource)  # (rules.merge tells them apart so)
        every.append(got)
        if is_selected:
            selected.append(got)
    return selected, every


def _evidence(record: Record, every: list[orders.DraftOrder], age: int | None) -> rules.Evidence:
    """What the rules read: reports and studies newest first, the patient, the draft."""
    reports = sorted(record.reports, key=lambda r: r.date or "", reverse=True)
    studies = sorted(record.studies, key=lambda s: s.date or "", reverse=True)
    return rules.Evidence(reports=tuple(reports), studies=tuple(studies),
                          patient=rules.PatientFacts(age_years=age),
                          draft=tuple(o for o in every if o.kind in NONCONTRAST_KINDS))


_TEXT_CAPS = (("report_text_chars", "report text over the per-report cap not read"),
              ("call_text_chars", "report text over the per-call cap not read"),
              ("order_text_chars", "order text over the per-order cap not read"))


def log_counts(invalid: Counter[str], skipped: Counter[str]) -> None:
    """Log what a call skipped: invalid resources by type, text left unread by a cap (a
    count only, never text)."""
    if invalid:
        log.warning("skipped invalid FHIR resources", extra={"invalid": dict(invalid)})
    for what, message in _TEXT_CAPS:
        if skipped.get(what):
            log.warning(message, extra={"chars": skipped[what]})


def run(
    request: HookRequest, ctx: FhirContext, library: CardLibrary, *,
    today: dt.date | None = None, cache: ByteCache = CACHE,
    new_id: Callable[[], str] = new_uuid,
    max_text_chars: int = DEFAULT_MAX_CALL_TEXT_CHARS, guidance_url: str | None = None,
    mode: Callable[[str], str] = lambda rule_id: "on",
) -> Outcome:
    """Evaluate one hook call: the cards to return (fresh uuids), and what fired.

    Every rule needs a mention in a report, so a record whose report texts hold no trigger
    (most patients) is answered at once: nothing validated, read, digested or kept. Otherwise
    the record is read once, validated as the rules declare (``record.read_record``), and the
    rules run once. ``mode`` says per rule id whether its cards are shown (``on``), computed
    apart and not shown (``shadow``: ``Outcome.shadow``) or not run (``off``).
    """
    reports = ctx.of_type("DiagnosticReport")
    invalid: Counter[str] = Counter()
    observations = (_observations(ctx, invalid) if any(r.get("result") for r in reports)
                    else {})
    triggered = reports_with_trigger(reports, observations, max_text_chars)
    untriggered = len(triggered) - sum(triggered)
    skipped: Counter[str] = Counter(ctx.skipped)
    if untriggered == len(triggered):
        log_counts(invalid, skipped)
        return Outcome(cards=[], invalid=invalid, skipped=skipped, untriggered=untriggered)
    birth, today = read_birth_date(ctx, invalid, cache), today or dt.date.today()
    age = _age_years(birth, today)
    record = read_record(ctx, triggered, observations, invalid, cache,
                         rules.validated_modalities(), max_text_chars)
    draft, every = read_orders(draft_entries(request), invalid, cache)
    evidence = _evidence(record, every, age)
    decisions = [d for order in draft for d in rules.evaluate(order, evidence)
                 if mode(d.rule_id) != "off"]

    def cards_of(wanted: str) -> list[RenderedCard]:
        return [render(p, library, patient_id=request.patient_id, age=age, new_id=new_id,
                       fhir_server=request.fhir_server, guidance_url=guidance_url,
                       # the age on the day of the call, when the CT would be done (P11.103)
                       child=child_words(birth, today))
                for p in rules.merge(d for d in decisions if mode(d.rule_id) == wanted)]

    cards, shadow = cards_of("on"), cards_of("shadow")
    for what, chars in (("report_text_chars", record.text_skipped),
                        ("call_text_chars", record.call_text_skipped),
                        ("order_text_chars", sum(o.text_skipped for o in every))):
        if chars:
            skipped[what] += chars
    log_counts(invalid, skipped)
    return Outcome(cards=cards, shadow=shadow, fired=tuple(d.rule_id for d in decisions),
                   invalid=invalid,
                   skipped=skipped, untriggered=untriggered)
