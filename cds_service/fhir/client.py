"""GETs against one FHIR server for one hook call, bounded in time, bytes, pages and count
(README: *FHIR data*, *Per-call fetch budget*).

One ``FhirClient`` per call: one deadline (``fhir.transport`` ends every socket operation by
it); one response at most ``max_bytes``, all of them together at most ``max_call_bytes`` (each
chunk, or a ``Content-Length`` whole, is taken from the budget before it is kept); ``next``
followed up to ``max_pages`` and ``max_resources``, on the server's origin only. A page past a
bound is counted in ``skipped["fhir_pages"]``; ``fhir.context.gather`` decides the rest.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import orjson
import requests

from cds_service.config import (
    DEFAULT_MAX_FHIR_CALL_BYTES,
    DEFAULT_MAX_FHIR_RESPONSE_BYTES,
    DEFAULT_MAX_RESOURCES,
)
from cds_service.errors import FetchBudgetExceeded, FhirFetchError
from cds_service.fhir.transport import NO_NETRC, AddressCheck, fetch_scope, shared_session

log = logging.getLogger("cds_service.fhir.context")

MAX_REDIRECTS = 3
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
CHUNK = 65536

SessionFactory = Callable[[], requests.Session]


@dataclass(frozen=True, slots=True)
class FetchLimits:
    connect_timeout: float = 2.0
    read_timeout: float = 5.0
    total_timeout: float = 8.0
    max_pages: int = 5
    max_bytes: int = DEFAULT_MAX_FHIR_RESPONSE_BYTES  # one response
    max_resources: int = DEFAULT_MAX_RESOURCES  # per call, all keys together
    max_call_bytes: int = DEFAULT_MAX_FHIR_CALL_BYTES  # per call, every response together


def is_outcome(value: Any) -> bool:
    return isinstance(value, dict) and value.get("resourceType") == "OperationOutcome"


def bundle_resources(bundle: dict[str, Any]) -> list[dict[str, Any]]:
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


def next_link(bundle: dict[str, Any]) -> str | None:
    links = bundle.get("link")
    if not isinstance(links, list):
        return None
    for link in links:
        if isinstance(link, dict) and link.get("relation") == "next":
            url = link.get("url")
            return url if isinstance(url, str) and url else None
    return None


def same_origin(url: str, base: str) -> bool:
    a, b = urlsplit(url), urlsplit(base)
    return (a.scheme, a.netloc) == (b.scheme, b.netloc)


class FhirClient:
    """GETs against one FHIR server with one Bearer token, for one call (see module doc)."""

    def __init__(self, base_url: str, token: str | None, limits: FetchLimits, *,
                 session_factory: SessionFactory = shared_session, deadline: float | None = None,
                 address_check: AddressCheck | None = None) -> None:
        self.base_url = base_url.rstrip("/") + "/"
        self._token, self.limits = token, limits
        self._session_factory, self._address_check = session_factory, address_check
        self.deadline = time.monotonic() + limits.total_timeout if deadline is None else deadline
        self._lock = threading.Lock()
        self.fetched_bytes = 0  # every response of the call, after content decoding
        self.skipped: Counter[str] = Counter()  # pages not fetched, by budget

    # -- the byte budget -------------------------------------------------------------------

    def _take(self, size: int) -> None:
        """Take ``size`` bytes from the call's budget, or raise ``FetchBudgetExceeded``."""
        with self._lock:
            if self.fetched_bytes + size > self.limits.max_call_bytes:
                raise FetchBudgetExceeded
            self.fetched_bytes += size

    # -- one GET ---------------------------------------------------------------------------

    def _remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise FhirFetchError("deadline exceeded")
        return left

    def get_json(self, url: str) -> Any:
        """GET ``url`` and decode JSON within the deadline, redirects followed on the origin only
        (``MAX_REDIRECTS``); else ``FhirFetchError``."""
        self._remaining()
        with fetch_scope(self.deadline, self._address_check) as scope:
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

    def _get_following(self, url: str) -> bytearray:
        for _hop in range(MAX_REDIRECTS + 1):
            resp = self._get(url)
            try:
                if resp.status_code in _REDIRECTS:
                    location = resp.headers.get("Location")
                    if not location:
                        raise FhirFetchError(f"status {resp.status_code}")
                    url = urljoin(url, location)
                    if not same_origin(url, self.base_url):
                        log.warning("fhir redirect to another origin refused")
                        raise FhirFetchError("redirect to another origin")
                    continue
                if resp.status_code != 200:
                    raise FhirFetchError(f"status {resp.status_code}")
                return self._read_capped(resp)
            finally:
                resp.close()  # a body not read to its end closes the connection
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

    def _read_capped(self, resp: requests.Response) -> bytearray:
        """The body, within the response cap and the call's byte budget (chunk by chunk)."""
        length = resp.headers.get("Content-Length")
        reserved = 0
        if length and length.isdigit():
            if int(length) > self.limits.max_bytes:
                raise FhirFetchError("response too large")
            # Taken whole before a byte is read: a concurrent query then sees what is left,
            # instead of both reading on until both are over
            self._take(int(length))
            reserved = int(length)
        body = bytearray()
        try:
            for chunk in resp.iter_content(chunk_size=CHUNK):
                if len(body) + len(chunk) > self.limits.max_bytes:
                    raise FhirFetchError("response too large")
                if len(chunk) > reserved:  # no length, or more once decoded
                    self._take(len(chunk) - reserved)
                reserved = max(0, reserved - len(chunk))
                self._remaining()
                body += chunk
        except requests.RequestException as exc:
            raise FhirFetchError(f"read failed ({type(exc).__name__})") from exc
        return body

    # -- reads and searches ----------------------------------------------------------------

    def fetch(self, relative: str, *, search: bool) -> list[dict[str, Any]]:
        """Run a read or a search; a search follows ``next`` links (``more_pages``)."""
        url = urljoin(self.base_url, relative)
        data = self.get_json(url)
        if not search:
            if not isinstance(data, dict) or "resourceType" not in data:
                raise FhirFetchError("not a FHIR resource")
            if is_outcome(data):
                raise FhirFetchError("OperationOutcome returned")
            return [data]
        if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
            raise FhirFetchError("search did not return a Bundle")
        resources = bundle_resources(data)
        resources.extend(self.more_pages(data, have=len(resources)))
        return resources

    def more_pages(self, bundle: dict[str, Any], *, have: int) -> list[dict[str, Any]]:
        """The resources of the pages after ``bundle`` (page 1, holding ``have``); a page past a
        bound is counted (``_left_out``), a ``next`` link to another origin ignored."""
        out: list[dict[str, Any]] = []
        pages = 1
        nxt = next_link(bundle)
        while nxt is not None:
            if pages >= self.limits.max_pages:
                self._left_out("page cap", pages)
                break
            if have + len(out) >= self.limits.max_resources:
                self._left_out("resource budget", pages)
                break
            url = urljoin(self.base_url, nxt)
            if not same_origin(url, self.base_url):
                log.warning("fhir next link to another origin ignored")
                break
            try:
                data = self.get_json(url)
            except FetchBudgetExceeded:
                self._left_out("byte budget", pages)
                break
            if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
                raise FhirFetchError("page did not return a Bundle")
            out.extend(bundle_resources(data))
            pages += 1
            nxt = next_link(data)
        return out

    def _left_out(self, why: str, pages: int) -> None:
        with self._lock:
            self.skipped["fhir_pages"] += 1
        log.warning("fhir paging stopped by a per-call budget",
                    extra={"reason": why, "pages": pages})
