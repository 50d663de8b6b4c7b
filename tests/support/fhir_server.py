"""A small FHIR R4 server on loopback for tests: real HTTP, searchable, observable, breakable.

It answers ``GET /Patient/{id}``, ``GET /DiagnosticReport?patient=…`` and
``GET /ImagingStudy?patient=…`` from an in-memory record, pages results by ``_count`` with
``Bundle.link`` ``next``, and records every request (path, Authorization header, start and
end times) so tests can check the Bearer token arrived and that fetches overlapped. A
``mode`` makes it misbehave: slow, 500, malformed JSON, hang, endless paging, huge body. A
``Gate`` holds requests until a number of them have arrived, so a test learns that fetches
ran at once from an event, not from how long they took. A hang or a drip goes on until the
client hangs up or the server stops: only the client's own deadline can end it sooner.
"""

from __future__ import annotations

import functools
import gzip
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@functools.cache
def gzip_bomb() -> bytes:
    """About 200 KB of gzip that inflates to 200 MB (made once, when first asked for)."""
    inflated = 200 * 1024 * 1024
    return gzip.compress(b"[" + b" " * inflated + b"]", compresslevel=9)


class Gate:
    """Holds each request ``matching`` its path until ``parties`` such requests have arrived;
    from then on every one passes. ``opened`` is set when they had all arrived; a request
    waits at most ``bound`` seconds (a limit that only ends a failing test)."""

    def __init__(self, parties: int, matching: Any = None, bound: float = 60.0) -> None:
        self.parties = parties
        self.matching = matching or (lambda path: True)
        self.bound = bound
        self.arrived = 0
        self.opened = threading.Event()
        self._lock = threading.Lock()

    def enter(self, path: str) -> None:
        if not self.matching(path):
            return
        with self._lock:
            self.arrived += 1
            if self.arrived >= self.parties:
                self.opened.set()
        self.opened.wait(self.bound)


@dataclass
class Seen:
    path: str
    authorization: str | None
    started: float
    finished: float = 0.0


@dataclass
class FhirServerState:
    resources: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    delay: float = 0.0
    # ok | error500 | malformed | hang (no answer until the server stops) | endless-next
    # | huge | outcome
    # | reset (close the connection without answering)
    # | huge-stream (a body over 50 MB with no Content-Length, sent until the client stops)
    # | drip (headers at once, then the body one byte every ``drip_interval`` seconds)
    # | drip-headers (the status line and headers one byte at a time); a drip goes on until
    #   the client hangs up or the server stops
    # | gzip-bomb (a small gzip body that inflates to 200 MB of spaces)
    mode: str = "ok"
    page_size: int | None = None
    bundle_pad: int = 0  # bytes of padding added to every search Bundle (a "_pad" element)
    # Bytes of bodies handed to the socket, and when a client closed a streaming body early
    sent_bytes: int = 0
    drip_interval: float = 0.1
    gate: Gate | None = None  # holds requests until enough have arrived (see Gate)
    # Every request outside /moved/ answers 302 to redirect_to + its path (same server or not)
    redirect_to: str | None = None
    # When the server noticed the client had closed a dripping connection (monotonic)
    closed_by_client: list[float] = field(default_factory=list)
    seen: list[Seen] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stopped: threading.Event = field(default_factory=threading.Event)  # the server stopped

    def add(self, *resources: dict[str, Any]) -> None:
        for res in resources:
            self.resources.setdefault(res["resourceType"], []).append(res)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        return

    def _send(self, status: int, body: bytes, ctype: str = "application/fhir+json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        with self.server.state.lock:
            self.server.state.sent_bytes += len(body)

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        state = self.server.state
        seen = Seen(self.path, self.headers.get("Authorization"), time.monotonic())
        with state.lock:
            state.seen.append(seen)
        try:
            if state.gate is not None:
                state.gate.enter(self.path)
            if state.delay:
                time.sleep(state.delay)
            self._answer(state)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client stopped reading (a cap or a deadline)
        finally:
            seen.finished = time.monotonic()

    def _drip(self, state: FhirServerState, data: bytes) -> None:
        """Send ``data`` one byte at a time until the server stops; note when the client hung
        up."""
        self.close_connection = True
        try:
            for i in range(len(data)):
                self.wfile.write(data[i:i + 1])
                self.wfile.flush()
                if state.stopped.wait(state.drip_interval):
                    return
        except (BrokenPipeError, ConnectionResetError):
            with state.lock:
                state.closed_by_client.append(time.monotonic())

    def _answer(self, state: FhirServerState) -> None:
        mode = state.mode
        if state.redirect_to and not self.path.startswith("/moved/"):
            self.send_response(302)
            self.send_header("Location", state.redirect_to.rstrip("/") + self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path.startswith("/moved/"):
            self.path = self.path[len("/moved"):]
        if mode == "drip":
            self.send_response(200)
            self.send_header("Content-Type", "application/fhir+json")
            self.send_header("Content-Length", "1000000")
            self.end_headers()
            self.wfile.flush()
            self._drip(state, b" " * 1_000_000)
            return
        if mode == "drip-headers":
            self._drip(state, b"HTTP/1.1 200 OK\r\nContent-Type: application/fhir+json\r\n"
                              + b"X-Pad: " + b"a" * 100_000 + b"\r\n\r\n")
            return
        if mode == "hang":
            state.stopped.wait()
            return
        if mode == "reset":
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if mode == "huge-stream":
            self.close_connection = True
            self.send_response(200)
            self.send_header("Content-Type", "application/fhir+json")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b" " * (1024 * 1024)
            try:
                for _ in range(60):
                    self.wfile.write(chunk)
                    with state.lock:
                        state.sent_bytes += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                with state.lock:
                    state.closed_by_client.append(time.monotonic())
            return
        if mode == "gzip-bomb":
            body = gzip_bomb()
            self.send_response(200)
            self.send_header("Content-Type", "application/fhir+json")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if mode == "error500":
            self._send(500, b'{"resourceType":"OperationOutcome"}')
            return
        if mode == "malformed":
            self._send(200, b'{"resourceType": "Bundle", "entry": [')
            return
        if mode == "huge":
            chunk = b" " * (1024 * 1024)
            self.send_response(200)
            self.send_header("Content-Type", "application/fhir+json")
            self.send_header("Content-Length", str(50 * len(chunk)))
            self.end_headers()
            try:
                for _ in range(50):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        segments = [s for s in parts.path.split("/") if s]
        if len(segments) == 2:
            rtype, rid = segments
            for res in state.resources.get(rtype, []):
                if res.get("id") == rid:
                    self._send(200, json.dumps(res).encode())
                    return
            self._send(404, b'{"resourceType":"OperationOutcome","issue":[{"severity":"error",'
                            b'"code":"not-found"}]}')
            return
        if len(segments) != 1:
            self._send(400, b'{"resourceType":"OperationOutcome"}')
            return
        rtype = segments[0]
        patient = query.get("patient")
        ids = set(query["_id"].split(",")) if "_id" in query else None
        matches = [r for r in state.resources.get(rtype, [])
                   if (patient is None
                       or (r.get("subject") or {}).get("reference") == f"Patient/{patient}")
                   and (ids is None or r.get("id") in ids)]
        offset = int(query.get("_offset", "0"))
        size = state.page_size or int(query.get("_count", "100"))
        page = matches[offset: offset + size]
        bundle: dict[str, Any] = {"resourceType": "Bundle", "type": "searchset",
                                  "total": len(matches),
                                  "entry": [{"resource": r} for r in page]}
        base = f"http://{self.headers.get('Host')}"
        if mode == "endless-next" or offset + size < len(matches):
            nxt = f"{base}/{rtype}?patient={patient}&_count={size}&_offset={offset + size}"
            bundle["link"] = [{"relation": "next", "url": nxt}]
        if state.bundle_pad:
            bundle["_pad"] = "x" * state.bundle_pad
        self._send(200, json.dumps(bundle).encode())


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64
    state: FhirServerState


class FhirTestServer:
    """Start with ``with FhirTestServer() as fhir:``; ``fhir.url`` is the base URL."""

    def __init__(self) -> None:
        self.state = FhirServerState()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.state = self.state
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> FhirTestServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.state.stopped.set()  # ends every hang and drip
        self._server.shutdown()
        self._server.server_close()
