"""A name lookup no DNS server can hold (issue 12 §3): the lookup, and every connect attempt
after it, ends by the call's deadline.

The C library's ``getaddrinfo`` cannot be interrupted and ran before any socket timeout, so a
DNS server that never answered held the fetch, and on the request thread the call, for as
long as the system resolver kept trying. Here a fake resolver (the ``getaddrinfo`` the
transport calls, monkeypatched) hangs for ``localhost`` until the test lets it go; the FHIR
servers are real, on loopback. Bounded in count (a fixed number of calls). The tests wait on
events, not on margins of time: a call answered while the lookup still hangs was bounded by
its deadline (nothing else ends it: the lookup is released only at the end of each test, and
the timeouts are far longer than any wait); every wait has a generous limit that only ends a
failing test.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from functools import partial
from typing import Any

import pytest
import requests

from cds_service.fhir import transport
from tests.conftest import SELECT_ID, fetching_body, hook_body, listing_app, record_on
from tests.support.fhir_server import FhirTestServer
from tests.support.waiting import until

BUNDLE = "positive-biopsy-thigh-mass.json"
DEADLINE = 1.0
LIMITS = {"fhir_connect_timeout": 0.5, "fhir_read_timeout": 2.0,
          "fhir_total_timeout": DEADLINE}
SLOW_CALLS = 4
BOUND = 60.0  # seconds: ends a failing test (a wait that would otherwise never end)
NEVER = 3600.0  # a timeout no test waits for
REAL_GETADDRINFO = socket.getaddrinfo


class HangingDns:
    """``getaddrinfo`` that hangs for one name until released; others resolve normally."""

    def __init__(self, name: str = "localhost") -> None:
        self.name = name
        self.released = threading.Event()
        self.asked: list[str] = []

    def __call__(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        self.asked.append(str(host))
        if host == self.name:
            self.released.wait()  # a resolver that never answers (until the test ends)
            return REAL_GETADDRINFO("127.0.0.1", port, *args, **kwargs)
        return REAL_GETADDRINFO(host, port, *args, **kwargs)


@pytest.fixture
def hanging_dns(monkeypatch) -> Iterator[HangingDns]:
    fake = HangingDns()
    monkeypatch.setattr(transport.socket, "getaddrinfo", fake)
    try:
        yield fake
    finally:
        fake.released.set()
        _wait_for(lambda: transport.RESOLVER.pending() == 0)


_wait_for = partial(until, bound=BOUND)


def _threads(name: str) -> int:
    return sum(1 for t in threading.enumerate() if t.name == name)


def _by_name(fhir: FhirTestServer) -> str:
    return fhir.url.replace("127.0.0.1", "localhost")


def _call(app, body: dict[str, Any]) -> tuple[int, Any]:
    resp = app.test_client().post(f"/cds-services/{SELECT_ID}", json=body)
    return resp.status_code, resp.get_json()


def test_a_hanging_lookup_is_a_412_by_the_deadline_and_holds_nothing(app_config, hanging_dns):
    with FhirTestServer() as slow, FhirTestServer() as healthy:
        record_on(slow)
        record_on(healthy)
        slow_url = _by_name(slow)
        app = listing_app(app_config, slow_url, healthy.url, **LIMITS)
        results: list[tuple[int, Any]] = []

        def slow_call() -> None:
            results.append(_call(app, fetching_body(slow_url)))

        callers = [threading.Thread(target=slow_call) for _ in range(SLOW_CALLS)]
        for t in callers:
            t.start()
        for t in callers:
            t.join(BOUND)
        assert len(results) == SLOW_CALLS
        for status, body in results:
            assert status == 412, body
            assert body["resourceType"] == "OperationOutcome"
        # Answered while the lookup still hangs: one thread waits on it for the name, none
        # per call or query, and no fetch thread is held by it.
        assert not hanging_dns.released.is_set()
        assert transport.RESOLVER.pending() == 1
        assert _threads("fhir-dns") == 1
        assert _wait_for(lambda: _threads("fhir-fetch") == 0)
        # A healthy server is answered (within the deadline, or it would be a 412), and
        # another call to the hanging name is again a 412 by its deadline.
        status, body = _call(app, fetching_body(healthy.url))
        assert status == 200 and len(body["cards"]) == 1
        status, _ = _call(app, fetching_body(slow_url))
        assert status == 412 and not hanging_dns.released.is_set()
        assert slow.state.seen == []  # nothing was connected to the name never resolved
        # Once the DNS answers, the lookup thread ends and the name is served.
        hanging_dns.released.set()
        assert _wait_for(lambda: transport.RESOLVER.pending() == 0 and
                         _threads("fhir-dns") == 0)
        status, body = _call(app, fetching_body(slow_url))
        assert status == 200 and len(body["cards"]) == 1


def test_a_lookup_on_the_request_thread_is_bounded_too(app_config, hanging_dns):
    """Everything in prefetch but the Observations a report names in ``result``: they are
    fetched on the request thread; a hanging lookup costs the deadline, then the call is
    answered from what it has."""
    with FhirTestServer() as fhir:
        record_on(fhir)
        url = _by_name(fhir)
        app = listing_app(app_config, url, **LIMITS)
        body = hook_body(BUNDLE)
        body["fhirServer"] = url
        report = body["prefetch"]["diagnosticReports"]["entry"][0]["resource"]
        report["result"] = [{"reference": "Observation/obs-1"}]
        status, answer = _call(app, body)
    assert status == 200, answer
    assert len(answer["cards"]) == 1
    assert "localhost" in hanging_dns.asked
    assert not hanging_dns.released.is_set()  # answered while the lookup still hangs


class _CountedWait(threading.Event):
    """An event that counts the threads that came to wait on it."""

    def __init__(self) -> None:
        super().__init__()
        self.waiters = 0
        self._count_lock = threading.Lock()

    def wait(self, timeout: float | None = None) -> bool:
        with self._count_lock:
            self.waiters += 1
        return super().wait(timeout)


def test_concurrent_lookups_of_a_name_share_one_and_each_gets_its_own_error(monkeypatch):
    gate = threading.Event()
    calls: list[str] = []
    lookups: list[Any] = []
    new_lookup = transport._Lookup

    def counted() -> Any:  # each lookup's "done" counts the callers waiting on it
        lookups.append(new_lookup(done=_CountedWait()))
        return lookups[-1]

    monkeypatch.setattr(transport, "_Lookup", counted)

    def failing(host: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(str(host))
        gate.wait(BOUND)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(transport.socket, "getaddrinfo", failing)
    name = "nowhere.example"
    errors: list[BaseException] = []

    def resolve() -> None:
        try:
            transport.RESOLVER.resolve(name, 443, time.monotonic() + BOUND)
        except OSError as exc:
            errors.append(exc)

    waiters = [threading.Thread(target=resolve) for _ in range(3)]
    for t in waiters:
        t.start()
    assert _wait_for(lambda: calls == [name])
    assert _wait_for(lambda: lookups[0].done.waiters == 3), "the callers did not all join"
    gate.set()
    for t in waiters:
        t.join(BOUND)
    assert calls == [name]  # one lookup for three callers
    assert len(errors) == 3 and all(isinstance(e, socket.gaierror) for e in errors)
    assert len({id(e) for e in errors}) == 3
    assert transport.RESOLVER.pending() == 0


def test_ip_literals_are_never_looked_up(monkeypatch) -> None:
    asked: list[tuple[Any, ...]] = []

    def recording(*args: Any, **kwargs: Any) -> Any:
        asked.append(args)
        return REAL_GETADDRINFO(*args, **kwargs)

    monkeypatch.setattr(transport.socket, "getaddrinfo", recording)
    before = _threads("fhir-dns")
    infos = transport.RESOLVER.resolve("127.0.0.1", 80, time.monotonic() + 1)
    assert infos[0][4][0] == "127.0.0.1"
    assert asked and all(a[-1] == socket.AI_NUMERICHOST for a in asked)
    assert _threads("fhir-dns") == before


def test_connect_attempts_end_by_the_deadline_too(monkeypatch) -> None:
    """Five addresses whose connects hang (a listener with a full accept queue), an hour's
    connect timeout each: the attempts end together by the 1 s deadline."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=0)
    port = listener.getsockname()[1]
    fillers: list[socket.socket] = []
    try:
        for _ in range(5):  # fill the accept queue until a connect hangs
            sock = socket.socket()
            sock.settimeout(0.3)
            fillers.append(sock)
            try:
                sock.connect(("127.0.0.1", port))
            except TimeoutError:
                break
        else:
            pytest.skip("this kernel accepted every connect; nothing hangs")
        infos = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))] * 5
        monkeypatch.setattr(transport.socket, "getaddrinfo", lambda host, *a, **k: (
            infos if host == "five.example" else REAL_GETADDRINFO(host, *a, **k)))
        raised: list[BaseException] = []

        def connect() -> None:
            try:
                with transport.fetch_scope(time.monotonic() + DEADLINE):
                    transport.new_session().get(f"http://five.example:{port}/Patient/x",
                                                timeout=(NEVER, NEVER))
            except requests.ConnectionError as exc:
                raised.append(exc)

        connecting = threading.Thread(target=connect, daemon=True)
        connecting.start()
        connecting.join(BOUND)  # only the deadline can end the attempts sooner than this
        assert not connecting.is_alive(), "the connect attempts outlived the deadline"
        assert raised
    finally:
        for sock in fillers:
            sock.close()
        listener.close()
