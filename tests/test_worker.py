"""The server itself (issue 19 §1, 9, 10, 12), a real ``cds-service serve`` on loopback:

* slow clients hold no worker: with more dribbling connections than workers, ``/health`` and a
  hook call are answered; a client that never finishes its headers is cut off (408);
* a body over the limit is refused with 413 before it is read, chunked or not;
* a database directory that cannot be written stops the commands with one line, exit 2;
* ``/health`` gives one answer from every worker (a full disk: "degraded" from each) and the
  server's ``instance`` id;
* a quick shutdown (SIGINT, SIGQUIT) lets the call being answered finish and answers new
  work 503 with ``Retry-After``, never 500.

Every wait is for an event (an answer, a socket closing, a request arriving), bounded by a
timeout that only a failure reaches.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests

from cds_service.storage.database import HEALTH_RECHECK
from tests.conftest import ROOT, SELECT_ID, hook_body
from tests.test_lifecycle import BOUND, CLI, Served, _until

BUNDLE = "positive-biopsy-thigh-mass.json"
HOOK = f"/cds-services/{SELECT_ID}"


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Any]:
    started: list[Served] = []

    def start(*args: str, **env: str) -> Served:
        served = Served(tmp_path / f"serve{len(started)}", *args, env=env)
        started.append(served)
        return served

    yield start
    for served in started:
        served.stop()


def _connect(served: Served, first: bytes) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", served.port), timeout=60)
    sock.sendall(first)
    return sock


def _answer(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


def _status(pid: int) -> dict[str, str]:
    """The fields of /proc/<pid>/status."""
    lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    return dict(line.split(":\t", 1) for line in lines if ":\t" in line)


def _pending(pid: int, sig: int) -> bool:
    """Whether signal ``sig`` sent to process ``pid`` waits to be delivered (it is stopped)."""
    return bool(int(_status(pid)["ShdPnd"], 16) >> (sig - 1) & 1)


def _outcome(answer: bytes) -> dict[str, Any]:
    return json.loads(answer.split(b"\r\n\r\n", 1)[1])


def test_slow_clients_hold_no_worker(serve: Any) -> None:
    served = serve()  # 2 workers
    slow = [_connect(served, f"POST {HOOK} HTTP/1.1\r\nHost: x\r\n".encode())
            for _ in range(8)]
    slow += [_connect(served, f"POST {HOOK} HTTP/1.1\r\nHost: x\r\nContent-Type: "
                      "application/json\r\nContent-Length: 100000\r\n\r\n{".encode())
             for _ in range(8)]
    try:
        assert requests.get(f"{served.url}/health", timeout=10).json()["status"] == "ok"
        resp = requests.post(f"{served.url}{HOOK}", json=hook_body(BUNDLE), timeout=15)
        assert resp.status_code == 200 and len(resp.json()["cards"]) == 1
    finally:
        for sock in slow:
            sock.close()


def test_a_client_that_never_finishes_its_headers_is_cut_off(serve: Any) -> None:
    served = serve()
    with _connect(served, f"POST {HOOK} HTTP/1.1\r\nHost: x\r\n".encode()) as sock:
        answer = _answer(sock)  # the server closes it at the header deadline
    assert answer.startswith(b"HTTP/1.1 408 "), answer[:200]
    assert _outcome(answer)["resourceType"] == "OperationOutcome"


@pytest.mark.parametrize("framing", ["chunked", "content-length"])
def test_a_body_over_the_limit_is_refused_with_413(serve: Any, framing: str) -> None:
    limit = 64 * 1024
    served = serve(CDS_MAX_BODY_BYTES=str(limit))
    head = f"POST {HOOK} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    chunk = b"[" + b" " * 16_000 + b"]"
    with contextlib.ExitStack() as stack:
        if framing == "chunked":  # more than the limit, in chunks; the last one never sent
            sock = stack.enter_context(_connect(
                served, (head + "Transfer-Encoding: chunked\r\n\r\n").encode()))
            for _ in range(limit // len(chunk) + 1):
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        else:  # the headers alone: refused before any of the body is sent
            sock = stack.enter_context(_connect(
                served, (head + f"Content-Length: {limit + 1}\r\n\r\n").encode()))
        answer = _answer(sock)
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
    assert _outcome(answer)["issue"][0]["code"] == "too-costly"
    # a body within the limit is still answered
    resp = requests.post(f"{served.url}{HOOK}", json=hook_body(BUNDLE), timeout=15)
    assert resp.status_code == 200


@contextlib.contextmanager
def _unwritable_directory(path: Path) -> Iterator[Path]:
    """``path`` made a directory no one may write to: a read-only bind mount as root (root
    writes through permission bits), mode 0555 otherwise."""
    path.mkdir()
    if os.geteuid() != 0:
        path.chmod(0o555)
        yield path
        path.chmod(0o755)
        return
    mount = subprocess.run(["mount", "--bind", str(path), str(path)], capture_output=True)
    if mount.returncode:
        pytest.skip(f"cannot bind-mount as root here: {mount.stderr.decode()[:200]}")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(path)], check=True)
        yield path
    finally:
        subprocess.run(["umount", str(path)], check=True)


@pytest.mark.parametrize("command", [["serve", "--port", "0"], ["init-db"], ["report"]])
def test_an_unwritable_database_directory_is_one_line_and_exit_2(
        tmp_path: Path, command: list[str]) -> None:
    with _unwritable_directory(tmp_path / "db") as directory:
        env = {**os.environ, "CDS_ALLOW_UNAUTHENTICATED": "1", "HOME": str(tmp_path),
               "DATABASE_URL": f"sqlite:///{directory / 'sub' / 'cds.db'}"}
        done = subprocess.run([str(CLI), *command], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=120)
    assert done.returncode == 2, done.stderr[-2000:]
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr[-2000:]
    assert lines[0].startswith("Error: DATABASE_URL: cannot write to the database directory "
                               f"{directory / 'sub'} ("), lines


def _health(served: Served) -> dict[str, Any]:
    return requests.get(f"{served.url}/health", timeout=10).json()


def test_health_names_the_instance_the_same_from_every_worker(serve: Any) -> None:
    first = serve()
    ids = {_health(first)["instance"] for _ in range(20)}  # new connections: both workers
    second = serve(CDS_INSTANCE_ID="north-1")
    assert {_health(second)["instance"] for _ in range(20)} == {"north-1"}
    assert len(ids) == 1 and ids != {"north-1"}
    third = serve()
    assert _health(third)["instance"] not in ids  # random per start


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB file system of its own (tmpfs; root only)."""
    path = tmp_path / "disk"
    path.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    mount = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(path)],
                           capture_output=True)
    if mount.returncode:
        pytest.skip(f"cannot mount tmpfs here: {mount.stderr.decode()[:200]}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=True)


def test_a_full_disk_is_one_answer_from_every_worker(serve: Any, small_disk: Path) -> None:
    served = serve(DATABASE_URL=f"sqlite:///{small_disk / 'cds.db'}")
    assert {_health(served)["status"] for _ in range(10)} == {"ok"}
    with (small_disk / "filler").open("wb") as filler, contextlib.suppress(OSError):
        while True:
            filler.write(b"\0" * 65536)
            filler.flush()
    # A worker reuses its last check for HEALTH_RECHECK seconds: once the answers have said
    # "degraded" without a break for longer than that, no worker can still be reusing an "ok"
    # from before (it was given before the break-free run began), whichever worker answered.
    streak_since: float | None = None
    stop = time.monotonic() + BOUND
    while time.monotonic() < stop:
        sent = time.monotonic()
        if _health(served)["status"] != "degraded":
            streak_since = None
            continue
        streak_since = sent if streak_since is None else streak_since
        if time.monotonic() - streak_since > HEALTH_RECHECK:
            break
    assert streak_since is not None and time.monotonic() - streak_since > HEALTH_RECHECK, (
        "a full disk never showed in /health")
    answers = [_health(served) for _ in range(20)]
    assert all(a == {**answers[0], "status": "degraded"} for a in answers), answers
    (small_disk / "filler").unlink()


class _HeldFhir(ThreadingHTTPServer):
    """A FHIR server whose every answer (an empty searchset) waits for ``release``."""

    def __init__(self) -> None:
        self.arrived = threading.Event()
        self.release = threading.Event()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - stdlib name
                server.arrived.set()
                server.release.wait(BOUND)
                body = b'{"resourceType": "Bundle", "type": "searchset", "entry": []}'
                self.send_response(200)
                self.send_header("Content-Type", "application/fhir+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                return

        server = self
        super().__init__(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}/fhir"
        threading.Thread(target=self.serve_forever, daemon=True).start()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGQUIT], ids=["INT", "QUIT"])
def test_a_quick_shutdown_finishes_accepted_work_and_refuses_new(serve: Any,
                                                                  sig: int) -> None:
    fhir = _HeldFhir()
    try:
        served = serve("--workers", "1", CDS_FHIR_SERVERS=fhir.url)
        body = hook_body(BUNDLE)
        body.pop("prefetch")
        body.update(fhirServer=fhir.url, fhirAuthorization={
            "access_token": "t", "token_type": "Bearer", "expires_in": 300,
            "scope": "patient/*.read", "subject": "cds-service"})
        in_flight: list[requests.Response] = []
        call = threading.Thread(target=lambda: in_flight.append(requests.post(
            f"{served.url}{HOOK}", json=body, timeout=BOUND)))
        call.start()
        assert fhir.arrived.wait(BOUND), "the hook call never reached the FHIR server"
        (worker,) = served.workers()
        # The worker is held stopped until the master's QUIT is pending for it: the late
        # request then meets a worker that has had the signal, whatever the scheduling (it
        # raced it: a worker that read the request first answered it 200).
        os.kill(worker, signal.SIGSTOP)
        try:
            assert _until(lambda: _status(worker)["State"].startswith("T")), "not stopped"
            os.kill(served.proc.pid, sig)  # the call is in flight, waiting on its FHIR fetch
            assert _until(lambda: _pending(worker, signal.SIGQUIT)), "the worker was not told"
            late = _connect(served, b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
            fhir.release.set()
        finally:
            os.kill(worker, signal.SIGCONT)
        call.join(BOUND)
        assert in_flight and in_flight[0].status_code == 200, in_flight
        with late:
            answer = _answer(late)
        assert answer.startswith(b"HTTP/1.1 503 "), answer[:200]
        assert b"\r\nRetry-After: " in answer.split(b"\r\n\r\n")[0]
        assert _outcome(answer)["issue"][0]["code"] == "transient"
        assert served.proc.wait(BOUND) == 0, served.log()
    finally:
        fhir.release.set()
        fhir.shutdown()
        fhir.server_close()


def _fed(request: bytes, step: int, limit: int = 1000) -> list[int | None]:
    """What ``Incoming.feed`` says for each piece of ``request`` fed ``step`` bytes at a time."""
    from cds_service.cli.worker import Incoming

    ours, theirs = socket.socketpair()
    with ours, theirs:
        incoming = Incoming(ours, None, None, limit)
        try:
            return [incoming.feed(request[i:i + step]) for i in range(0, len(request), step)]
        finally:
            if incoming.body is not None:  # the spooled body, closed as the worker does
                incoming.body.close()


@pytest.mark.parametrize("step", [1, 7, 10_000])
@pytest.mark.parametrize(("body", "expected"), [
    (b"Content-Length: 5\r\n\r\nhello", 0),
    (b"Transfer-Encoding: chunked\r\n\r\n5;x=1\r\nhello\r\n0\r\nA: b\r\n\r\n", 0),
    (b"Transfer-Encoding: chunked\r\n\r\n" + b"3e8\r\n" + b"x" * 1000 + b"\r\n1\r\n", 413),
    (b"Transfer-Encoding: chunked\r\n\r\n-5\r\n", 0),  # handed over: gunicorn answers 400
    (b"Content-Length: 1001\r\n\r\n", 413),
    (b"\r\n", 0),
])
def test_the_request_framing_ends_where_the_request_does(step: int, body: bytes,
                                                         expected: int) -> None:
    said = _fed(b"POST / HTTP/1.1\r\nHost: x\r\n" + body, step)
    assert said[-1] == expected
    assert all(s is None for s in said[:-1]), said  # nothing decided before the last piece
