"""Production lifecycle (issue 12 §1): a real ``cds-service serve`` on loopback keeps answering
200 while its workers are recycled every 10 requests and while its master gets ``kill -HUP``,
both under load. Bounded in count (a fixed number of calls) and time (timeouts on every call
and join). The tests wait on events, not on margins of time: each HUP is sent once the load
is being answered, and the next once the HUP has replaced the workers; every limit (``BOUND``,
the call timeouts) is generous and only ends a failing test."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import requests

from cds_service.cli.serve import MetricsDir, gunicorn_options
from tests.conftest import ROOT, SELECT_ID, hook_body
from tests.support.waiting import until

CLI = Path(sys.executable).with_name("cds-service")
BUNDLE = "positive-biopsy-thigh-mass.json"
THREADS = 4
CALLS_PER_THREAD = 60  # 240 calls: with --max-requests 10 and 2 workers, about 24 recycles
MAX_CALLS_PER_THREAD = 3000  # a load that runs until told to stop, bounded all the same
CALL_TIMEOUT = 60  # seconds: ends a failing call, never a figure to meet
BOUND = 120.0  # seconds: ends a failing wait (a start, a HUP, a load)


_until = partial(until, bound=BOUND, step=0.1)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """A ``cds-service serve`` process group on loopback, with its own HOME and TMPDIR."""

    def __init__(self, tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        tmp_path.mkdir(exist_ok=True)
        self.home = tmp_path / "home"
        self.tmp = tmp_path / "tmp"
        self.home.mkdir()
        self.tmp.mkdir()
        self.log_path = tmp_path / "serve.log"
        environ = {**os.environ, "CDS_ALLOW_UNAUTHENTICATED": "1",
                   "CDS_LOG_LEVEL": "WARNING", "DATABASE_URL": f"sqlite:///{tmp_path / 'cds.db'}",
                   "HOME": str(self.home), "TMPDIR": str(self.tmp), **(env or {})}
        for name in ("PROMETHEUS_MULTIPROC_DIR", "XDG_RUNTIME_DIR", "CDS_CONTROL_SOCKET",
                     "CDS_INSTANCE_ID"):
            if name not in (env or {}):
                environ.pop(name, None)
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                [str(CLI), "serve", "--port", str(self.port), "--workers", "2", *args],
                cwd=ROOT, env=environ, stdout=log, stderr=log, start_new_session=True)
        deadline = time.monotonic() + BOUND
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/health", timeout=1).ok:
                    return
            except requests.RequestException:
                pass
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        self.stop()
        raise AssertionError("cds-service serve did not start:\n" + self.log())

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def workers(self) -> set[int]:
        children: set[int] = set()
        for task in Path(f"/proc/{self.proc.pid}/task").iterdir():
            try:
                children.update(int(p) for p in (task / "children").read_text().split())
            except FileNotFoundError:  # the thread ended between the listing and the read
                continue
        return children

    def metrics_dirs(self) -> list[Path]:
        return sorted(self.tmp.glob("cds-prometheus-*"))

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(BOUND)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Any]:
    started: list[Served] = []

    def start(*args: str, env: dict[str, str] | None = None) -> Served:
        served = Served(tmp_path / str(len(started)), *args, env=env)
        started.append(served)
        return served

    yield start
    for served in started:
        served.stop()


def _load(url: str, results: Counter[str], lock: threading.Lock,
          stop: threading.Event | None = None) -> None:
    """Calls in turn to health, a hook call answered from prefetch, metrics: a fixed number,
    or until ``stop`` is set."""
    body = hook_body(BUNDLE)
    session = requests.Session()
    for i in range(CALLS_PER_THREAD if stop is None else MAX_CALLS_PER_THREAD):
        if stop is not None and stop.is_set():
            return
        kind = ("health", "hook", "metrics")[i % 3]
        try:
            if kind == "hook":
                resp = session.post(f"{url}/cds-services/{SELECT_ID}", json=body,
                                    timeout=CALL_TIMEOUT)
                ok = resp.status_code == 200 and len(resp.json()["cards"]) == 1
            else:
                resp = session.get(f"{url}/{kind}", timeout=CALL_TIMEOUT)
                ok = resp.status_code == 200
            outcome = f"{kind} 200" if ok else f"{kind} {resp.status_code}"
        except requests.RequestException as exc:
            outcome = f"{kind} {type(exc).__name__}"
            session = requests.Session()
        with lock:
            results[outcome] += 1


def _run_load(url: str) -> Counter[str]:
    results: Counter[str] = Counter()
    lock = threading.Lock()
    threads = [threading.Thread(target=_load, args=(url, results, lock), daemon=True)
               for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(BOUND)
    assert not any(t.is_alive() for t in threads), "load did not finish in bounded time"
    return results


def _all_200(results: Counter[str], expected: int | None = THREADS * CALLS_PER_THREAD) -> None:
    total = sum(results.values())
    assert total == expected if expected is not None else total > 0
    bad = {k: v for k, v in results.items() if not k.endswith(" 200")}
    assert not bad, f"{sum(bad.values())} of {total} calls not answered 200: {bad}"


def _http_requests_total(url: str, endpoint: str) -> float:
    text = requests.get(f"{url}/metrics", timeout=CALL_TIMEOUT).text
    total = 0.0
    for line in text.splitlines():
        if line.startswith("cds_http_requests_total{") and f'endpoint="{endpoint}"' in line:
            total += float(line.split()[-1])
    return total


def test_recycled_workers_keep_answering_200(serve: Any) -> None:
    served = serve("--max-requests", "10")
    first_workers = served.workers()
    assert len(served.metrics_dirs()) == 1
    results = _run_load(served.url)
    _all_200(results)
    assert not (served.workers() & first_workers), "workers were never recycled"
    # /metrics still adds up every worker, the recycled ones included.
    health_calls = results["health 200"]
    assert _http_requests_total(served.url, "cds.health") >= health_calls
    assert requests.get(f"{served.url}/health", timeout=CALL_TIMEOUT).status_code == 200
    assert len(served.metrics_dirs()) == 1, "the metrics directory went away"
    # No control socket at gunicorn's shared per-user default path.
    assert not list(served.home.rglob("*.ctl")), list(served.home.rglob("*"))
    served.stop()
    assert served.proc.returncode == 0, served.log()
    assert served.metrics_dirs() == [], "the master did not remove its metrics directory"
    _every_line_json(served)


def _every_line_json(served: Served) -> None:
    """Every line the server wrote, gunicorn's own (boot, workers, signals) included, is one
    JSON object with a level and a message."""
    lines = [line for line in served.log_path.read_text().splitlines() if line.strip()]
    loggers = set()
    for line in lines:
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            raise AssertionError(f"not a JSON log line: {line[:200]!r}") from None
        assert {"ts", "level", "logger", "msg"} <= set(entry), line[:200]
        loggers.add(entry["logger"])
    assert "gunicorn.error" in loggers, loggers  # gunicorn's lines are there, as JSON


def test_kill_hup_under_load_keeps_answering_200(serve: Any, tmp_path: Path) -> None:
    control = tmp_path / "instance.ctl"
    served = serve("--control-socket", str(control))
    # the master opens it once its workers are up
    assert _until(control.is_socket), "the control socket is at the path given for this instance"
    results: Counter[str] = Counter()
    lock = threading.Lock()
    stop = threading.Event()

    def answered() -> int:
        with lock:
            return sum(results.values())

    threads = [threading.Thread(target=_load, args=(served.url, results, lock, stop),
                                daemon=True) for _ in range(THREADS)]
    for t in threads:
        t.start()
    try:
        for _ in range(3):  # each HUP under load, each replacing every worker
            before = served.workers()
            at = answered()
            assert _until(lambda at=at: answered() >= at + 2 * THREADS), "no load to HUP under"
            os.kill(served.proc.pid, signal.SIGHUP)
            assert _until(lambda before=before: served.workers() and
                          not served.workers() & before), "HUP did not replace the workers"
        at = answered()
        assert _until(lambda: answered() >= at + 2 * THREADS), "the new workers did not answer"
    finally:
        stop.set()
        for t in threads:
            t.join(BOUND)
    assert not any(t.is_alive() for t in threads), "load did not finish in bounded time"
    _all_200(results, expected=None)
    assert len(served.metrics_dirs()) == 1
    # After the HUPs, new workers answer everything, metrics included.
    _all_200(_run_load(served.url))
    served.stop()
    assert served.metrics_dirs() == []
    _every_line_json(served)


def test_metrics_dir_is_removed_only_by_its_creator(tmp_path: Path) -> None:
    path = tmp_path / "metrics"
    path.mkdir()
    made_by_another = MetricsDir(str(path), os.getpid() + 1)
    assert made_by_another.remove_if_owner() is False
    assert path.is_dir()
    assert MetricsDir(str(path), os.getpid()).remove_if_owner() is True
    assert not path.exists()


def test_control_socket_is_off_unless_given(tmp_path: Path) -> None:
    assert gunicorn_options(workers=2)["control_socket_disable"] is True
    options = gunicorn_options(workers=2, control_socket=str(tmp_path / "a.ctl"))
    assert options["control_socket"] == str(tmp_path / "a.ctl")
    assert "control_socket_disable" not in options
