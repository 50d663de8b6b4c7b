"""Gather the patient's FHIR data for a hook call (README, *FHIR data*): each prefetch key that
arrived (``null``: no data; an OperationOutcome: missing), then the missing keys from
``fhirServer`` with the caller's token, concurrently, each call on threads of its own (a
dripping server costs that call its deadline, no shared pool); a paged prefetch Bundle is
continued. A required key neither could fill is a 412 (``PrefetchUnavailable``,
``FetchBudgetSpent``); what a budget left out is counted in ``skipped`` (``fhir_queries``,
``fhir_pages``, ``resources``). Nothing here logs content, identifiers or tokens.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Literal
from urllib.parse import quote

from cds_service.errors import (
    BadRequest,
    ErrorCode,
    FetchBudgetExceeded,
    FetchBudgetSpent,
    FhirFetchError,
    PrefetchUnavailable,
)
from cds_service.fhir.client import (
    FetchLimits,
    FhirClient,
    SessionFactory,
    bundle_resources,
    is_outcome,
    next_link,
)
from cds_service.fhir.transport import AddressCheck, shared_session
from cds_service.hooks.limits import fair_shares
from cds_service.hooks.request import HookRequest
from cds_service.hooks.services import PrefetchSpec

__all__ = ["FetchLimits", "FhirClient", "FhirContext", "gather", "shared_session"]

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"\{\{\s*context\.([A-Za-z]+)\s*\}\}")
_FHIR_ID = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")
MAX_FOLLOWED_RESULTS = 50  # Observations fetched for DiagnosticReport.result, per call
JOIN_GRACE = 0.5  # seconds past the deadline a call waits for its fetch threads

Source = Literal["prefetch", "fetched", "empty", "unavailable"]


@dataclass(slots=True)
class FhirContext:
    """What the service knows of the patient for one call, key by key."""

    resources: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    skipped: Counter[str] = field(default_factory=Counter)  # left out by a budget, by what
    _by_type: dict[str, list[dict[str, Any]]] | None = None

    def of_type(self, resource_type: str) -> list[dict[str, Any]]:
        """Every resource of ``resource_type`` across all keys, first occurrence of each id."""
        if self._by_type is None:
            self._by_type = self._index()
        return self._by_type.get(resource_type, [])

    def _index(self) -> dict[str, list[dict[str, Any]]]:
        """Group every resource by type in one pass, dropping repeats of the same id."""
        seen: set[tuple[str, str]] = set()
        out: dict[str, list[dict[str, Any]]] = {}
        for items in self.resources.values():
            for res in items:
                rtype = res.get("resourceType")
                if not isinstance(rtype, str):
                    continue
                rid = res.get("id")
                if isinstance(rid, str):
                    if (rtype, rid) in seen:
                        continue
                    seen.add((rtype, rid))
                out.setdefault(rtype, []).append(res)
        return out


def fill_template(template: str, tokens: Mapping[str, str]) -> str | None:
    """Replace ``{{context.x}}`` tokens, each value percent-encoded; None when one is missing.

    Every character outside the unreserved set is encoded (``,`` ``&`` ``/`` ``?`` ``#``
    included), so a value is always one value: never a second search parameter, an OR list or
    another path.
    """
    missing = False

    def sub(match: re.Match[str]) -> str:
        nonlocal missing
        value = tokens.get(match.group(1))
        if value is None:
            missing = True
            return ""
        return quote(value, safe="")

    filled = _TOKEN.sub(sub, template)
    return None if missing or "{{" in filled else filled


def _from_prefetch(key: str, value: Any, spec: PrefetchSpec) -> list[dict[str, Any]] | None:
    """Resources from a prefetch value; None when it must be fetched (OperationOutcome)."""
    if value is None:
        return []
    if is_outcome(value):
        return None
    if not isinstance(value, dict) or not isinstance(value.get("resourceType"), str):
        raise BadRequest(f"prefetch.{key} must be a FHIR resource, a Bundle or null",
                         code=ErrorCode.PREFETCH)
    if value["resourceType"] == "Bundle" and (spec.is_search or "entry" in value):
        return bundle_resources(value)
    return [value]


def _page_on(value: Any, client: FhirClient) -> list[dict[str, Any]]:
    """Further pages of a paged prefetch Bundle (its first page arrived in the request)."""
    if not isinstance(value, dict) or value.get("resourceType") != "Bundle":
        return []
    return client.more_pages(value, have=len(bundle_resources(value)))


def run_fetches(jobs: Mapping[str, Callable[[], list[dict[str, Any]]]],
                wait_until: float) -> dict[str, list[dict[str, Any]] | FhirFetchError]:
    """Run each job on a thread of its own; what each returned or raised, by key.

    No shared pool: a job held by a slow server keeps only its own thread, and only until
    its deadline (the transport's watchdog closes its connection then). A key missing from
    the answer was still running at ``wait_until`` (monotonic).
    """
    outcomes: dict[str, list[dict[str, Any]] | FhirFetchError] = {}

    def run(key: str, job: Callable[[], list[dict[str, Any]]]) -> None:
        try:
            outcomes[key] = job()
        except FhirFetchError as exc:
            outcomes[key] = exc
        except Exception as exc:  # noqa: BLE001 - a fetch bug must not become a 500
            log.error("fhir fetch raised", extra={"error_type": type(exc).__name__})
            outcomes[key] = FhirFetchError(f"unexpected ({type(exc).__name__})")

    threads = [threading.Thread(target=run, args=(key, job), name="fhir-fetch", daemon=True)
               for key, job in jobs.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join(max(0.0, wait_until - time.monotonic()))
    return dict(outcomes)


def gather(
    request: HookRequest,
    specs: Sequence[PrefetchSpec],
    limits: FetchLimits,
    *,
    session_factory: SessionFactory = shared_session,
    address_check: AddressCheck | None = None,
    no_server_reason: str | None = None,
    on_failure: Callable[[str], None] | None = None,
) -> FhirContext:
    """Fill every declared key from prefetch or the FHIR server; 412 on required gaps.

    ``no_server_reason`` says why the request carries no ``fhirServer`` to fetch from when it
    was taken out (not on the caller's list); it is what a 412 then says. ``on_failure`` hears
    of every FHIR query that failed, with its reason ("timeout" or the ``FhirFetchError``
    reason; no PHI), so metrics need not read log lines.
    """
    ctx = FhirContext()
    client = (
        FhirClient(request.fhir_server, request.access_token, limits,
                   session_factory=session_factory, address_check=address_check)
        if request.fhir_server else None
    )
    to_fetch: dict[str, str] = {}
    to_page: dict[str, Any] = {}
    unavailable: list[str] = []
    over_budget: set[str] = set()  # keys whose first answer did not fit the byte budget
    for spec in specs:
        if spec.key in request.prefetch:
            value = request.prefetch[spec.key]
            found = _from_prefetch(spec.key, value, spec)
            if found is not None:
                ctx.resources[spec.key] = found
                ctx.sources[spec.key] = "prefetch" if value is not None else "empty"
                if next_link(value or {}) and client is not None:
                    to_page[spec.key] = value
                continue
        query = fill_template(spec.template, request.context_tokens)
        if client is None or query is None:
            unavailable.append(spec.key)
        else:
            to_fetch[spec.key] = query

    if to_fetch or to_page:
        assert client is not None
        jobs: dict[str, Callable[[], list[dict[str, Any]]]] = {
            key: partial(client.fetch, query, search=spec_by_key(specs, key).is_search)
            for key, query in to_fetch.items()
        }
        jobs.update({key: partial(_page_on, value, client) for key, value in to_page.items()})
        outcomes = run_fetches(jobs, client.deadline + JOIN_GRACE)
        for key in jobs:
            got = outcomes.get(key, FhirFetchError("timeout"))
            if isinstance(got, FhirFetchError):
                if key not in outcomes:
                    log.warning("fhir fetch timed out", extra={"prefetch_key": key})
                else:
                    log.warning("fhir fetch failed",
                                extra={"prefetch_key": key, "reason": got.reason})
                if on_failure is not None:
                    on_failure(got.reason)
                if key in to_page:
                    ctx.sources[key] = "prefetch"  # first page arrived; later pages lost
                    continue
                unavailable.append(key)
                if isinstance(got, FetchBudgetExceeded):
                    over_budget.add(key)
                continue
            if key in to_page:
                ctx.resources[key].extend(got)
            else:
                ctx.resources[key] = got
                ctx.sources[key] = "fetched"

    if client is not None:
        follow_results(ctx, client)
        ctx.skipped.update(client.skipped)
    _apply_resource_budget(ctx, limits.max_resources)
    missing_required = []
    for key in unavailable:
        spec = spec_by_key(specs, key)
        ctx.resources[key] = []
        ctx.sources[key] = "unavailable"
        if spec.required:
            missing_required.append(key)
        elif key in over_budget:
            ctx.skipped["fhir_queries"] += 1  # optional data the byte budget left out
    if missing_required:
        _refuse(sorted(missing_required), over_budget, client, no_server_reason, limits)
    return ctx


def follow_results(ctx: FhirContext, client: FhirClient) -> None:
    """Fetch the Observations reports hold their text in (``result``) that did not arrive.

    Some EHRs keep report sections as Observations the report names in ``result``; prefetch
    asks for them with ``_include=DiagnosticReport:result``, which a server may ignore. One
    search (``Observation?_id=…``, at most ``MAX_FOLLOWED_RESULTS`` ids, relative references
    only) under the call's limits; a failure is logged and the reports are read without them.
    """
    have = {o.get("id") for o in ctx.of_type("Observation")}
    ids: list[str] = []
    for report in ctx.of_type("DiagnosticReport"):
        for item in report.get("result") or ():
            ref = item.get("reference") if isinstance(item, dict) else None
            if not isinstance(ref, str) or not ref.startswith("Observation/"):
                continue
            oid = ref[len("Observation/"):]
            if _FHIR_ID.match(oid) and oid not in have and oid not in ids:
                ids.append(oid)
    if not ids:
        return
    ids = ids[:MAX_FOLLOWED_RESULTS]
    try:
        found = client.fetch(f"Observation?_id={','.join(ids)}&_count={len(ids)}", search=True)
    except FhirFetchError as exc:
        log.warning("fhir fetch failed", extra={"prefetch_key": "results", "reason": exc.reason})
        if isinstance(exc, FetchBudgetExceeded):
            ctx.skipped["fhir_queries"] += 1  # read without them: counted, never silent
        return
    ctx.resources["results"] = [o for o in found if o.get("resourceType") == "Observation"]
    ctx.sources["results"] = "fetched"
    ctx._by_type = None  # index again with the Observations


def _refuse(missing: list[str], over_budget: set[str], client: FhirClient | None,
            no_server_reason: str | None, limits: FetchLimits) -> None:
    """Raise the 412 for required keys that could not be filled, saying why."""
    what = "required FHIR data could not be obtained for: " + ", ".join(missing)
    spent = [key for key in missing if key in over_budget]
    if spent:
        raise FetchBudgetSpent(
            f"{what} (the call's FHIR fetch budget of {limits.max_call_bytes} bytes, "
            "CDS_MAX_FHIR_CALL_BYTES, was spent before "
            + ", ".join(spent) + " arrived)")
    why = ("FHIR server query failed" if client is not None
           else no_server_reason or "no fhirServer to fetch from")
    raise PrefetchUnavailable(
        f"{what} ({why})",
        code=ErrorCode.FHIR_SERVER_NOT_ALLOWED if client is None and no_server_reason
        else ErrorCode.PREFETCH_REQUIRED,
    )


def _apply_resource_budget(ctx: FhirContext, cap: int) -> None:
    """Keep at most ``cap`` resources in all, each key its fair share, the excess counted.

    Each key keeps the first resources it received (the declared queries ask for newest
    first); a key needing less than its share leaves the rest to the others.
    """
    shares = fair_shares({k: len(v) for k, v in ctx.resources.items()}, cap)
    for key, keep in shares.items():
        dropped = len(ctx.resources[key]) - keep
        if dropped > 0:
            del ctx.resources[key][keep:]
            ctx.skipped["resources"] += dropped
    if ctx.skipped["resources"]:
        log.warning("FHIR resources over the per-call budget skipped",
                    extra={"skipped": ctx.skipped["resources"], "max_resources": cap})


def spec_by_key(specs: Sequence[PrefetchSpec], key: str) -> PrefetchSpec:
    for spec in specs:
        if spec.key == key:
            return spec
    raise KeyError(key)
