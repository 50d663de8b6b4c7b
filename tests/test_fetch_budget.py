"""The per-call fetch budget (issue 12 §5): bytes and resources fetched by one hook call.

Against a real FHIR server on loopback. Every query and page of a call draws on one byte
budget (``CDS_MAX_FHIR_CALL_BYTES``), shared by the concurrent queries. A later page over it
is left out and counted (``skipped["fhir_pages"]``; the first, newest pages answer the call);
a required query whose first answer does not fit is a 412 ``CDS-412-fetch-budget``; an
optional one stays empty and is counted (``skipped["fhir_queries"]``). Bounded in count (a
fixed number of calls and pages) and time (every wait has a limit).
"""

from __future__ import annotations

import threading
import time
import tracemalloc
from typing import Any

import pytest

from cds_service.errors import FetchBudgetExceeded, FhirFetchError
from cds_service.fhir.client import FetchLimits, FhirClient
from cds_service.web.state import state
from tests.conftest import (
    SELECT_ID,
    fetching_body,
    hook_body,
    listing_app,
    metric,
    record_on,
)
from tests.support.fhir_server import FhirTestServer, Gate

BUNDLE = "positive-biopsy-thigh-mass.json"
PATIENT = "p-thigh"
MB = 1024 * 1024
BOUND = 30.0  # seconds: generous, proves "did not hang"
LIMITS = {"fhir_connect_timeout": 2.0, "fhir_read_timeout": 10.0, "fhir_total_timeout": 20.0}


def _app(app_config: dict[str, Any], url: str, **settings: Any):
    app = listing_app(app_config, url, **LIMITS, **settings)
    seen: list[Any] = []
    metrics = state(app).observer

    def observe(service: str, outcome: Any, seconds: float) -> None:
        seen.append(outcome)
        metrics(service, outcome, seconds)

    state(app).observer = observe
    return app, seen


def _searches(fhir: FhirTestServer) -> list[str]:
    return [s.path for s in fhir.state.seen if "?" in s.path]


SKIPPED_PAGES = 'cds_budget_skipped_total{what="fhir_pages"}'


def test_later_pages_over_the_budget_are_left_out_counted_and_the_call_answered(app_config):
    """Endless 300 KB pages, a 1 MB budget: the first pages answer, the rest is counted.

    The server holds every second page until both searches have asked for theirs (their first
    pages are then read whichever thread ran first): one second page fits, the other and the
    third page that follows do not, whatever the order the threads run in."""
    with FhirTestServer() as fhir:
        record_on(fhir)
        fhir.state.mode = "endless-next"
        fhir.state.bundle_pad = 300_000
        fhir.state.gate = gate = Gate(2, matching=lambda path: "_offset=" in path)
        app, seen = _app(app_config, fhir.url, max_fhir_call_bytes=MB)
        client = app.test_client()
        before = metric(client, SKIPPED_PAGES)
        resp = client.post(f"/cds-services/{SELECT_ID}", json=fetching_body(fhir.url))
        searches = _searches(fhir)
    assert gate.opened.is_set(), "the searches did not both ask for a second page"
    assert resp.status_code == 200, resp.get_json()
    assert len(resp.get_json()["cards"]) == 1, "the first page holds the calcified MRI"
    max_pages = state(app).settings.fhir_max_pages
    assert 2 <= len(searches) < 2 * max_pages, "the budget, not the page cap, stopped paging"
    assert seen[-1].skipped["fhir_pages"] == 2  # each search stopped once
    assert metric(client, SKIPPED_PAGES) == before + 2


def test_a_required_first_answer_over_the_budget_is_412_too_costly(app_config):
    with FhirTestServer() as fhir:
        record_on(fhir)
        fhir.state.bundle_pad = 2 * MB
        app, _seen = _app(app_config, fhir.url, max_fhir_call_bytes=MB)
        resp = app.test_client().post(f"/cds-services/{SELECT_ID}",
                                      json=fetching_body(fhir.url))
    assert resp.status_code == 412
    outcome = resp.get_json()
    assert outcome["resourceType"] == "OperationOutcome"
    issue = outcome["issue"][0]
    assert issue["code"] == "too-costly"
    assert issue["details"]["coding"][0]["code"] == "CDS-412-fetch-budget"
    assert "CDS_MAX_FHIR_CALL_BYTES" in issue["diagnostics"]


def test_optional_data_over_the_budget_is_skipped_and_counted(app_config):
    """Reports and studies in prefetch, the Patient to fetch, a budget of 16 bytes."""
    with FhirTestServer() as fhir:
        record_on(fhir)
        app, seen = _app(app_config, fhir.url, max_fhir_call_bytes=16)
        body = hook_body(BUNDLE)
        del body["prefetch"]["patient"]
        body["fhirServer"] = fhir.url
        resp = app.test_client().post(f"/cds-services/{SELECT_ID}", json=body)
        assert [s.path for s in fhir.state.seen] == [f"/Patient/{PATIENT}"]
    assert resp.status_code == 200
    assert len(resp.get_json()["cards"]) == 1
    assert seen[-1].skipped["fhir_queries"] == 1


def test_a_paged_prefetch_bundle_is_continued_within_the_budget(app_config):
    with FhirTestServer() as fhir:
        record_on(fhir)
        fhir.state.mode = "endless-next"
        fhir.state.bundle_pad = 300_000
        app, seen = _app(app_config, fhir.url, max_fhir_call_bytes=MB)
        body = hook_body(BUNDLE)
        body["fhirServer"] = fhir.url
        nxt = f"{fhir.url}/DiagnosticReport?patient={PATIENT}&_count=1&_offset=1"
        body["prefetch"]["diagnosticReports"]["link"] = [{"relation": "next", "url": nxt}]
        resp = app.test_client().post(f"/cds-services/{SELECT_ID}", json=body)
        pages = len(_searches(fhir))
    assert resp.status_code == 200 and len(resp.get_json()["cards"]) == 1
    assert 1 <= pages <= 4  # 300 KB each: the fourth would pass 1 MB
    assert seen[-1].skipped["fhir_pages"] == 1


# -- the client's budget, directly ------------------------------------------------------


def _client(url: str, **limits: Any) -> FhirClient:
    return FhirClient(url, None, FetchLimits(**{"total_timeout": 20.0, **limits}))


def test_the_budget_is_shared_by_concurrent_queries() -> None:
    with FhirTestServer() as fhir:
        record_on(fhir)
        fhir.state.mode = "endless-next"
        fhir.state.bundle_pad = 200_000
        client = _client(fhir.url, max_call_bytes=MB, max_pages=50)
        queries = [f"DiagnosticReport?patient={PATIENT}", f"ImagingStudy?patient={PATIENT}",
                   f"DiagnosticReport?patient={PATIENT}&x=1"]
        results: list[Any] = []

        def run(query: str) -> None:
            try:
                results.append(client.fetch(query, search=True))
            except FetchBudgetExceeded as exc:  # its first page came after the others
                results.append(exc)

        threads = [threading.Thread(target=run, args=(q,)) for q in queries]
        for t in threads:
            t.start()
        for t in threads:
            t.join(BOUND)
        pages = len(_searches(fhir))
    assert len(results) == 3  # every query ended
    refused = sum(isinstance(r, FetchBudgetExceeded) for r in results)
    assert client.fetched_bytes <= MB
    assert client.skipped["fhir_pages"] + refused == 3  # each query stopped by the budget
    assert pages <= MB // 200_000 + 3  # at most one refused page per query past the budget


def test_a_known_length_is_taken_whole_so_one_of_two_answers_is_read() -> None:
    """Two concurrent 600 KB answers, a 1 MB budget: the first to arrive takes its length
    from the budget before reading, the other is refused at its headers (not both cut)."""
    with FhirTestServer() as fhir:
        record_on(fhir)
        fhir.state.bundle_pad = 600_000
        client = _client(fhir.url, max_call_bytes=MB)
        results: list[Any] = []

        def run(query: str) -> None:
            try:
                results.append(client.fetch(query, search=True))
            except FetchBudgetExceeded as exc:
                results.append(exc)

        threads = [threading.Thread(target=run, args=(q,))
                   for q in (f"DiagnosticReport?patient={PATIENT}",
                             f"ImagingStudy?patient={PATIENT}")]
        for t in threads:
            t.start()
        for t in threads:
            t.join(BOUND)
    assert sorted(isinstance(r, FetchBudgetExceeded) for r in results) == [False, True]
    assert 600_000 < client.fetched_bytes < 700_000  # one answer's bytes, not two halves


def test_a_length_over_the_budget_is_refused_before_reading() -> None:
    with FhirTestServer() as fhir:
        fhir.state.mode = "huge"  # Content-Length: 50 MB
        client = _client(fhir.url, max_bytes=100 * MB, max_call_bytes=MB)
        with pytest.raises(FetchBudgetExceeded):
            client.get_json(f"{fhir.url}/DiagnosticReport?patient={PATIENT}")
    assert client.fetched_bytes == 0


def test_a_stream_over_the_budget_is_cut_and_its_connection_closed() -> None:
    """No Content-Length, 60 MB sent: reading stops at the budget and the server sees the
    connection closed (the rest is never drained)."""
    with FhirTestServer() as fhir:
        fhir.state.mode = "huge-stream"
        client = _client(fhir.url, max_bytes=100 * MB, max_call_bytes=MB)
        with pytest.raises(FetchBudgetExceeded):
            client.get_json(f"{fhir.url}/DiagnosticReport?patient={PATIENT}")
        stop = time.monotonic() + BOUND
        while not fhir.state.closed_by_client and time.monotonic() < stop:
            time.sleep(0.05)
        assert fhir.state.closed_by_client, "the connection was not closed"
        assert fhir.state.sent_bytes < 60 * MB
    assert client.fetched_bytes <= MB


def test_a_gzip_bomb_is_cut_at_the_response_cap_without_inflating_it() -> None:
    """200 KB of gzip that inflates to 200 MB: refused at the 1 MB response cap, and the
    decoder never held more than a few chunks (urllib3 inflates in bounded steps)."""
    with FhirTestServer() as fhir:
        fhir.state.mode = "gzip-bomb"
        client = _client(fhir.url, max_bytes=MB)
        from tests.support.fhir_server import gzip_bomb

        gzip_bomb()  # made before measuring
        tracemalloc.start()
        try:
            with pytest.raises(FhirFetchError, match="response too large"):
                client.get_json(f"{fhir.url}/DiagnosticReport?patient={PATIENT}")
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert client.fetched_bytes <= MB
    assert peak < 40 * MB, f"{peak / MB:.0f} MB held while reading a 200 MB bomb"


# -- pages and resource count -------------------------------------------------------------


def _many_reports(fhir: FhirTestServer, n: int) -> None:
    fhir.state.add(*({"resourceType": "DiagnosticReport", "id": f"r{i}", "status": "final",
                      "code": {"text": "report"}, "subject": {"reference": f"Patient/{PATIENT}"}}
                     for i in range(n)))


def test_paging_stops_once_the_query_holds_the_resource_budget() -> None:
    with FhirTestServer() as fhir:
        _many_reports(fhir, 10)
        fhir.state.page_size = 2
        client = _client(fhir.url, max_resources=3, max_pages=50)
        found = client.fetch(f"DiagnosticReport?patient={PATIENT}", search=True)
        pages = len(_searches(fhir))
    assert len(found) == 4 and pages == 2  # 2, then 4 >= 3: no third page
    assert client.skipped["fhir_pages"] == 1


def test_the_page_cap_is_counted() -> None:
    with FhirTestServer() as fhir:
        _many_reports(fhir, 10)
        fhir.state.page_size = 1
        client = _client(fhir.url, max_pages=3)
        found = client.fetch(f"DiagnosticReport?patient={PATIENT}", search=True)
    assert len(found) == 3
    assert client.skipped["fhir_pages"] == 1


def test_budget_default_is_in_settings() -> None:
    from cds_service.config import DEFAULT_MAX_FHIR_CALL_BYTES, Settings

    settings = Settings.from_env({"CDS_MAX_FHIR_CALL_BYTES": "1048576"})
    assert settings.max_fhir_call_bytes == MB
    assert Settings().max_fhir_call_bytes == DEFAULT_MAX_FHIR_CALL_BYTES
    assert FetchLimits().max_call_bytes == DEFAULT_MAX_FHIR_CALL_BYTES
