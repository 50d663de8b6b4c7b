"""A fetch no FHIR server can hold (issue 12 §3), against real servers on loopback.

A slow-drip server (one byte at a time, in the body or in the headers) costs each call its
deadline and nothing more: the connection is closed when the deadline passes, no thread stays
behind, and later calls to a healthy server are answered. Redirects never leave the server's
origin (a loop ends after a few hops), a TLS handshake that never ends is cut by the
deadline too, and the host environment (proxies, ``.netrc``) is not used unless configured.
Bounded in count (a fixed number of calls) and time (every wait has a limit)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from typing import Any

import pytest
import requests

from cds_service.fhir import client as fhir_client
from cds_service.fhir import transport
from tests.conftest import SELECT_ID, fetching_body, hook_body, listing_app, record_on
from tests.support.fhir_server import FhirTestServer

BUNDLE = "positive-biopsy-thigh-mass.json"
DEADLINE = 1.0
LIMITS = {"fhir_connect_timeout": 0.5, "fhir_read_timeout": 2.0,
          "fhir_total_timeout": DEADLINE}
SLOW_CALLS = 8  # x 3 queries: more fetches at once than the old shared pool had threads
BOUND = 5.0  # seconds: generous, proves "not held"


def _fetching_body(url: str, token: str | None = "bounds-token") -> dict[str, Any]:
    return fetching_body(url, {"access_token": token, "token_type": "Bearer"} if token else None)


@pytest.fixture
def bounded_app(app_config):
    """An app with short FHIR limits that may fetch from the FHIR servers given."""
    return lambda *urls, **more: listing_app(app_config, *urls, **LIMITS, **more)


def _fetch_threads() -> int:
    return sum(1 for t in threading.enumerate() if t.name == "fhir-fetch")


def _call(app, body: dict[str, Any]) -> tuple[int, float, Any]:
    started = time.monotonic()
    resp = app.test_client().post(f"/cds-services/{SELECT_ID}", json=body)
    return resp.status_code, time.monotonic() - started, resp.get_json()


@pytest.mark.parametrize("mode", ["drip", "drip-headers"])
def test_slow_drip_costs_its_deadline_and_never_starves_later_calls(bounded_app, mode):
    with FhirTestServer() as slow, FhirTestServer() as healthy:
        app = bounded_app(slow.url, healthy.url)
        record_on(slow)
        record_on(healthy)
        slow.state.mode = mode
        results: list[tuple[int, float, Any]] = []
        lock = threading.Lock()

        def slow_call() -> None:
            got = _call(app, _fetching_body(slow.url))
            with lock:
                results.append(got)

        callers = [threading.Thread(target=slow_call) for _ in range(SLOW_CALLS)]
        for t in callers:
            t.start()
        time.sleep(0.3)  # every slow call is now waiting on the drip
        status, took, body = _call(app, _fetching_body(healthy.url))
        assert status == 200, body
        assert len(body["cards"]) == 1
        assert took < DEADLINE, f"a healthy server's call waited {took:.2f} s behind the drip"
        for t in callers:
            t.join(BOUND)
        assert not any(t.is_alive() for t in callers)
        assert [r[0] for r in results] == [412] * SLOW_CALLS
        slowest = max(r[1] for r in results)
        assert slowest < DEADLINE + 1.0, f"a dripping call was answered after {slowest:.2f} s"
        # The service closed every dripping connection at its deadline.
        deadline = time.monotonic() + BOUND
        while (len(slow.state.closed_by_client) < len(slow.state.seen)
               and time.monotonic() < deadline):
            time.sleep(0.05)
        assert slow.state.seen
        assert len(slow.state.closed_by_client) == len(slow.state.seen)
        first = min(s.started for s in slow.state.seen)
        last_closed = max(slow.state.closed_by_client) - first
        assert last_closed < DEADLINE + 1.0, f"a drip went on {last_closed:.2f} s"
        # No fetch thread is left behind; a later call to the healthy server is answered.
        while _fetch_threads() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _fetch_threads() == 0
        status, took, body = _call(app, _fetching_body(healthy.url))
        assert status == 200 and len(body["cards"]) == 1


def test_drip_cut_even_with_a_read_timeout_longer_than_the_deadline(app_config):
    """A byte every 0.1 s never trips a 10 s read timeout; the 1 s deadline still cuts it."""
    with FhirTestServer() as slow:
        app = listing_app(app_config, slow.url, fhir_connect_timeout=0.5,
                          fhir_read_timeout=10.0, fhir_total_timeout=DEADLINE)
        record_on(slow)
        slow.state.mode = "drip"
        status, took, _ = _call(app, _fetching_body(slow.url))
    assert status == 412
    assert took < DEADLINE + 1.0, f"{took:.2f} s"


def test_redirect_within_the_origin_is_followed(bounded_app):
    with FhirTestServer() as fhir:
        record_on(fhir)
        fhir.state.redirect_to = f"{fhir.url}/moved"
        status, _took, body = _call(bounded_app(fhir.url), _fetching_body(fhir.url))
        assert status == 200 and len(body["cards"]) == 1
        moved = [s for s in fhir.state.seen if s.path.startswith("/moved/")]
        assert moved and all(s.authorization == "Bearer bounds-token" for s in moved)


def test_redirect_to_another_origin_is_never_followed(bounded_app):
    with FhirTestServer() as fhir, FhirTestServer() as elsewhere:
        record_on(fhir)
        record_on(elsewhere)
        fhir.state.redirect_to = f"{elsewhere.url}/moved"
        app = bounded_app(fhir.url, elsewhere.url)  # both listed: still never followed
        status, _took, body = _call(app, _fetching_body(fhir.url))
        assert status == 412, body
        assert elsewhere.state.seen == [], "the redirect target was contacted"


def test_host_environment_is_not_used(bounded_app, monkeypatch, tmp_path):
    """A proxy in HTTP_PROXY and credentials in .netrc are ignored (trust_env off)."""
    with FhirTestServer() as fhir, FhirTestServer() as proxy:
        record_on(fhir)
        host = fhir.url.split("//", 1)[1].split(":", 1)[0]
        netrc = tmp_path / "netrc"
        netrc.write_text(f"machine {host} login alice password s3cret\n")
        netrc.chmod(0o600)
        monkeypatch.setenv("NETRC", str(netrc))
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.setenv("http_proxy", proxy.url)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        status, _took, body = _call(bounded_app(fhir.url), _fetching_body(fhir.url, token=None))
        assert status == 200 and len(body["cards"]) == 1
        assert proxy.state.seen == []
        assert fhir.state.seen and all(s.authorization is None for s in fhir.state.seen)


def test_proxy_from_the_environment_only_when_configured(bounded_app, monkeypatch, tmp_path):
    with FhirTestServer() as fhir, FhirTestServer() as proxy:
        app = bounded_app(fhir.url, fhir_trust_env=True)
        record_on(fhir)
        host = fhir.url.split("//", 1)[1].split(":", 1)[0]
        netrc = tmp_path / "netrc"
        netrc.write_text(f"machine {host} login alice password s3cret\n")
        netrc.chmod(0o600)
        monkeypatch.setenv("NETRC", str(netrc))
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.setenv("http_proxy", proxy.url)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        _call(app, _fetching_body(fhir.url, token=None))
        # The proxy got the requests (absolute URIs); .netrc was still never read.
        assert proxy.state.seen, "the configured environment proxy was not used"
        assert all(s.authorization is None for s in proxy.state.seen)


def test_cookies_are_never_kept_between_calls() -> None:
    session = transport.new_session()
    session.cookies.set("sid", "abc", domain="127.0.0.1")
    assert len(session.cookies) == 0


def test_a_connection_outside_a_fetch_scope_is_refused() -> None:
    import requests

    with FhirTestServer() as fhir, pytest.raises(requests.ConnectionError):
        transport.new_session().get(f"{fhir.url}/Patient/x", timeout=1)


def test_a_tls_handshake_that_never_ends_is_cut_by_the_deadline(app_config):
    """A listener that accepts and never answers the TLS ClientHello: the 10 s read timeout
    never trips, the 1 s deadline does, and the connection is closed."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(BOUND)
    url = f"https://127.0.0.1:{listener.getsockname()[1]}"
    closed: list[float] = []

    def hold() -> None:
        with contextlib.suppress(OSError):
            conn, _ = listener.accept()
            conn.settimeout(BOUND + 5)
            with conn:
                while conn.recv(4096):  # the ClientHello, then nothing until the close
                    pass
                closed.append(time.monotonic())

    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    try:
        app = listing_app(app_config, url, fhir_connect_timeout=0.5, fhir_read_timeout=10.0,
                          fhir_total_timeout=DEADLINE)
        body = _fetching_body(url)
        body["prefetch"] = {k: v for k, v in hook_body(BUNDLE)["prefetch"].items()
                            if k != "imagingStudies"}  # one query: one connection
        started = time.monotonic()
        status, took, _ = _call(app, body)
        holder.join(BOUND)
    finally:
        listener.close()
    assert status == 412
    assert took < DEADLINE + 2.0, f"{took:.2f} s"
    assert closed and closed[0] - started < DEADLINE + 2.0, "the handshake was not cut"


def test_a_redirect_loop_on_the_origin_ends_after_a_few_hops(bounded_app):
    with FhirTestServer() as fhir:
        record_on(fhir)
        fhir.state.redirect_to = f"{fhir.url}/"  # every path redirects to itself
        status, took, body = _call(bounded_app(fhir.url), _fetching_body(fhir.url))
        per_query: dict[str, int] = {}
        for seen in fhir.state.seen:
            per_query[seen.path.split("?")[0]] = per_query.get(seen.path.split("?")[0], 0) + 1
    assert status == 412, body
    assert took < BOUND
    assert per_query and max(per_query.values()) == fhir_client.MAX_REDIRECTS + 1


def test_a_tls_handshake_that_drips_is_cut_by_the_deadline() -> None:
    """A server that answers the ClientHello one byte at a time, each within the 5 s
    timeouts: the handshake is cut when the 1 s deadline passes, not when a timeout trips."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(BOUND)
    port = listener.getsockname()[1]

    def drip() -> None:
        with contextlib.suppress(OSError):
            conn, _ = listener.accept()
            with conn:
                conn.recv(4096)  # the ClientHello
                for byte in b"\x16\x03\x03\x40\x00" + b"\x02" * 60:  # a record that never ends
                    conn.send(bytes([byte]))
                    time.sleep(0.2)

    threading.Thread(target=drip, daemon=True).start()
    started = time.monotonic()
    try:
        with (pytest.raises(requests.RequestException),
              transport.fetch_scope(started + DEADLINE)):
            transport.new_session().get(f"https://127.0.0.1:{port}/Patient/x", timeout=(5, 5))
    finally:
        listener.close()
    assert time.monotonic() - started < DEADLINE + 1.5
