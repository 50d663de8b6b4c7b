"""Gather the patient's FHIR data for a hook call: prefetch first, then the EHR's FHIR server.

Steps, in this order (each for a reason):

1. Read every prefetch key that arrived. ``null`` means "no data" (CDS Hooks 2.0). An
   OperationOutcome means the client's query failed: the key is treated as missing.
2. Fetch the missing keys from ``fhirServer`` with ``fhirAuthorization.access_token`` as a
   Bearer token, all keys concurrently (latency is the slowest query, not the sum), each with
   connect/read timeouts, a byte cap and a shared deadline, following ``Bundle.link`` ``next``
   up to a page cap and only on the FHIR server's own origin (the token never leaves it).
   The deadline holds for every socket read (``fhir.transport``: a watchdog closes the
   connection when it passes), and each call runs its queries on threads of its own, so a
   server that drips its answer costs that call its deadline and nothing more: no shared
   pool that it could fill. Redirects are followed only within the server's origin.
3. A required key that neither step could fill raises ``PrefetchUnavailable`` (HTTP 412);
   an optional one is left empty and counted in the logs.

Nothing here logs resource content, query parameters with identifiers, or tokens.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import quote, urljoin, urlsplit

import orjson
import requests

from cds_service.config import DEFAULT_MAX_RESOURCES
from cds_service.errors import BadRequest, ErrorCode, FhirFetchError, PrefetchUnavailable
from cds_service.fhir.results import follow_results
from cds_service.fhir.transport import NO_NETRC, AddressCheck, fetch_scope, shared_session
from cds_service.hooks.limits import fair_shares, resource_type_of, split_by_depth
from cds_service.hooks.request import HookRequest

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"\{\{\s*context\.([A-Za-z]+)\s*\}\}")
MAX_REDIRECTS = 3
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
JOIN_GRACE = 0.5  # seconds past the deadline a call waits for its fetch threads

Source = Literal["prefetch", "fetched", "empty", "unavailable"]


@dataclass(frozen=True, slots=True)
class PrefetchSpec:
    """One prefetch template a service declares, and whether the service needs it."""

    key: str
    template: str
    required: bool = True

    @property
    def is_search(self) -> bool:
        return "?" in self.template


@dataclass(frozen=True, slots=True)
class FetchLimits:
    connect_timeout: float = 2.0
    read_timeout: float = 5.0
    total_timeout: float = 8.0
    max_pages: int = 5
    max_bytes: int = 20 * 1024 * 1024
    max_resources: int = DEFAULT_MAX_RESOURCES  # per call, all keys together


@dataclass(slots=True)
class FhirContext:
    """What the service knows of the patient for one call, key by key."""

    resources: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    invalid: Counter[str] = field(default_factory=Counter)  # skipped when indexed, by type
    skipped: Counter[str] = field(default_factory=Counter)  # left out by a budget, by what
    _by_type: dict[str, list[dict[str, Any]]] | None = None

    def of_type(self, resource_type: str) -> list[dict[str, Any]]:
        """Every resource of ``resource_type`` across all keys, first occurrence of each id."""
        if self._by_type is None:
            self._by_type = self._index()
        return self._by_type.get(resource_type, [])

    def _index(self) -> dict[str, list[dict[str, Any]]]:
        """Group every resource by type in one pass, dropping repeats of the same id.

        A resource nested too deep (``limits.MAX_RESOURCE_DEPTH``) is invalid: counted in
        ``invalid`` and left out, so no reader or cache ever sees it.
        """
        seen: set[tuple[str, str]] = set()
        out: dict[str, list[dict[str, Any]]] = {}
        for all_items in self.resources.values():
            items, deep = split_by_depth(all_items)
            for res in deep:
                self.invalid[resource_type_of(res)] += 1
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


Session = requests.Session
SessionFactory = Callable[[], Session]


def thread_session() -> Session:
    """The process's shared FHIR session (``fhir.transport``); the name is kept for callers."""
    return shared_session()


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


def _is_outcome(value: Any) -> bool:
    return isinstance(value, dict) and value.get("resourceType") == "OperationOutcome"


def _bundle_resources(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    entries = bundle.get("entry")
    if not isinstance(entries, list):
        return out
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        res = entry.get("resource")
        if isinstance(res, dict) and res.get("resourceType") != "OperationOutcome":
            out.append(res)
    return out


def _next_link(bundle: dict[str, Any]) -> str | None:
    links = bundle.get("link")
    if not isinstance(links, list):
        return None
    for link in links:
        if isinstance(link, dict) and link.get("relation") == "next":
            url = link.get("url")
            return url if isinstance(url, str) and url else None
    return None


def _same_origin(url: str, base: str) -> bool:
    a, b = urlsplit(url), urlsplit(base)
    return (a.scheme, a.netloc) == (b.scheme, b.netloc)


class FhirClient:
    """GETs against one FHIR server with one Bearer token, bounded in time, bytes and pages."""

    def __init__(
        self,
        base_url: str,
        token: str | None,
        limits: FetchLimits,
        *,
        session_factory: SessionFactory = thread_session,
        deadline: float | None = None,
        address_check: AddressCheck | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/") + "/"
        self._token = token
        self.limits = limits
        self._session_factory = session_factory
        self._address_check = address_check
        if deadline is None:
            deadline = time.monotonic() + limits.total_timeout
        self.deadline = deadline

    def _remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise FhirFetchError("deadline exceeded")
        return left

    def get_json(self, url: str) -> Any:
        """GET ``url`` and decode JSON, or raise ``FhirFetchError``.

        Every socket operation of the request, the headers and the body ends by the deadline
        (the scope's watchdog closes the connection then). Redirects are followed only within
        the FHIR server's origin, at most ``MAX_REDIRECTS`` times.
        """
        self._remaining()
        host = urlsplit(self.base_url).hostname or ""
        with fetch_scope(host, self.deadline, self._address_check) as scope:
            try:
                body = self._get_following(url)
            except FhirFetchError:
                if scope.expired:
                    raise FhirFetchError("deadline exceeded") from None
                raise
            if scope.expired:  # the connection was cut: what arrived is incomplete
                raise FhirFetchError("deadline exceeded")
        try:
            return orjson.loads(body)
        except orjson.JSONDecodeError as exc:
            raise FhirFetchError("malformed JSON") from exc

    def _get_following(self, url: str) -> bytes:
        for _hop in range(MAX_REDIRECTS + 1):
            resp = self._get(url)
            try:
                if resp.status_code in _REDIRECTS:
                    location = resp.headers.get("Location")
                    if not location:
                        raise FhirFetchError(f"status {resp.status_code}",
                                             status=resp.status_code)
                    url = urljoin(url, location)
                    if not _same_origin(url, self.base_url):
                        log.warning("fhir redirect to another origin refused")
                        raise FhirFetchError("redirect to another origin")
                    continue
                if resp.status_code != 200:
                    raise FhirFetchError(f"status {resp.status_code}", status=resp.status_code)
                return self._read_capped(resp)
            finally:
                resp.close()
        raise FhirFetchError("too many redirects")

    def _get(self, url: str) -> requests.Response:
        headers = {"Accept": "application/fhir+json, application/json"}
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        read_timeout = min(self.limits.read_timeout, self._remaining())
        timeout = (min(self.limits.connect_timeout, read_timeout), read_timeout)
        try:
            return self._session_factory().get(url, headers=headers, timeout=timeout,
                                               stream=True, allow_redirects=False,
                                               auth=NO_NETRC)
        except requests.Timeout as exc:
            raise FhirFetchError("timeout") from exc
        except requests.RequestException as exc:
            raise FhirFetchError(f"connection failed ({type(exc).__name__})") from exc

    def _read_capped(self, resp: requests.Response) -> bytes:
        length = resp.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > self.limits.max_bytes:
            raise FhirFetchError("response too large")
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in resp.iter_content(chunk_size=65536):
                size += len(chunk)
                if size > self.limits.max_bytes:
                    raise FhirFetchError("response too large")
                self._remaining()
                chunks.append(chunk)
        except requests.RequestException as exc:
            raise FhirFetchError(f"read failed ({type(exc).__name__})") from exc
        return b"".join(chunks)

    def fetch(self, relative: str, *, search: bool) -> list[dict[str, Any]]:
        """Run a read or a search; a search follows ``next`` links up to the page cap."""
        url = urljoin(self.base_url, relative)
        data = self.get_json(url)
        if not search:
            if not isinstance(data, dict) or "resourceType" not in data:
                raise FhirFetchError("not a FHIR resource")
            if _is_outcome(data):
                raise FhirFetchError("OperationOutcome returned")
            return [data]
        resources: list[dict[str, Any]] = []
        pages = 0
        while True:
            if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
                raise FhirFetchError("search did not return a Bundle")
            resources.extend(_bundle_resources(data))
            pages += 1
            nxt = _next_link(data)
            if nxt is None:
                return resources
            if pages >= self.limits.max_pages:
                log.info("fhir paging stopped at page cap", extra={"pages": pages})
                return resources
            nxt = urljoin(self.base_url, nxt)
            if not _same_origin(nxt, self.base_url):
                log.warning("fhir next link to another origin ignored")
                return resources
            data = self.get_json(nxt)


def _from_prefetch(key: str, value: Any, spec: PrefetchSpec) -> list[dict[str, Any]] | None:
    """Resources from a prefetch value; None when it must be fetched (OperationOutcome)."""
    if value is None:
        return []
    if _is_outcome(value):
        return None
    if not isinstance(value, dict) or not isinstance(value.get("resourceType"), str):
        raise BadRequest(f"prefetch.{key} must be a FHIR resource, a Bundle or null",
                         code=ErrorCode.PREFETCH)
    if value["resourceType"] == "Bundle" and (spec.is_search or "entry" in value):
        return _bundle_resources(value)
    return [value]


def _page_on(
    key: str, value: Any, client: FhirClient | None,
) -> Iterator[dict[str, Any]]:
    """Further pages of a paged prefetch Bundle, when the FHIR server can be reached."""
    if client is None or not isinstance(value, dict) or value.get("resourceType") != "Bundle":
        return
    nxt = _next_link(value)
    pages = 1
    while nxt and pages < client.limits.max_pages:
        nxt = urljoin(client.base_url, nxt)
        if not _same_origin(nxt, client.base_url):
            return
        data = client.get_json(nxt)
        if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
            raise FhirFetchError("page did not return a Bundle")
        yield from _bundle_resources(data)
        pages += 1
        nxt = _next_link(data)


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
    session_factory: SessionFactory = thread_session,
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
    for spec in specs:
        if spec.key in request.prefetch:
            value = request.prefetch[spec.key]
            found = _from_prefetch(spec.key, value, spec)
            if found is not None:
                ctx.resources[spec.key] = found
                ctx.sources[spec.key] = "prefetch" if value is not None else "empty"
                if _next_link(value or {}) and client is not None:
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
            key: (lambda q=query, k=key: client.fetch(q, search=spec_by_key(specs, k).is_search))
            for key, query in to_fetch.items()
        }
        jobs.update({key: (lambda k=key, v=value: list(_page_on(k, v, client)))
                     for key, value in to_page.items()})
        outcomes = run_fetches(jobs, client.deadline + JOIN_GRACE)
        for key in jobs:
            if key not in outcomes:
                log.warning("fhir fetch timed out", extra={"prefetch_key": key})
                if on_failure is not None:
                    on_failure("timeout")
                if key in to_page:
                    ctx.sources[key] = "prefetch"  # first page arrived; later pages lost
                else:
                    unavailable.append(key)
                continue
            found = outcomes[key]
            if isinstance(found, FhirFetchError):
                log.warning("fhir fetch failed",
                            extra={"prefetch_key": key, "reason": found.reason})
                if on_failure is not None:
                    on_failure(found.reason)
                if key in to_page:
                    ctx.sources[key] = "prefetch"  # first page arrived; later pages lost
                    continue
                unavailable.append(key)
                continue
            if key in to_page:
                ctx.resources[key].extend(found)
            else:
                ctx.resources[key] = found
                ctx.sources[key] = "fetched"

    if client is not None:
        follow_results(ctx, client)
    _apply_resource_budget(ctx, limits.max_resources)
    missing_required = []
    for key in unavailable:
        spec = spec_by_key(specs, key)
        ctx.resources[key] = []
        ctx.sources[key] = "unavailable"
        if spec.required:
            missing_required.append(key)
    if missing_required:
        why = ("FHIR server query failed" if client is not None
               else no_server_reason or "no fhirServer to fetch from")
        raise PrefetchUnavailable(
            "required FHIR data could not be obtained for: "
            + ", ".join(sorted(missing_required)) + f" ({why})",
            code=ErrorCode.FHIR_SERVER_NOT_ALLOWED if client is None and no_server_reason
            else ErrorCode.PREFETCH_REQUIRED,
        )
    return ctx


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
