"""Slow clients against ``cds-service serve`` (issue 19 §1): are ``/health`` probes still
answered while connections dribble their headers or their bodies?

    python -m benchmarks.slow_clients [--workers 2] [--threads 1] [--slow-headers 64]
        [--slow-bodies 64] [--seconds 20] [--worker-class CLASS]

The server runs unauthenticated (the body of a hook call is then read before anything else
refuses it, the worst case) with ``cds-service serve``'s settings. Held open for ``--seconds``:
``--slow-headers`` connections that send a request line, then one header line a second and
never a blank line; ``--slow-bodies`` that send a hook call's whole headers (Content-Length
1 MB), then a byte of body a second. A connection the server closes is opened again at once
(an attacker reconnects), so the count held stays constant. Meanwhile a prober opens a new
connection for ``GET /health`` every 100 ms (a load balancer's probe, 1 s timeout), and a hook
call (20 reports + 20 studies) goes every second. Printed: probes answered within 1 s, their
p50/p99, hook calls answered 200, and how often the server cut a slow connection off.

``--throughput sync,serve [--rounds 10] [--seconds 6]``: instead, the traffic benchmark's
distinct-patient run (no JWT, 16 connections) against each worker class, alternated, with
req/s and the server's CPU ms per call. ``--large-bodies 8 [--threads 4]``: instead, one
worker's peak RSS after one ~10 MB hook call and after 8 sent at once.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks import data, load
from benchmarks.common import BENCH_HASH_KEY, gunicorn, load_now, load_text, pct, say

PATH = f"/cds-services/{data.SELECT_ID}"
PROBE_EVERY = 0.1
PROBE_TIMEOUT = 1.0
DRIP_EVERY = 1.0


class Dripper:
    """``count`` connections that each send one more line or byte every ``DRIP_EVERY`` s."""

    def __init__(self, port: int, kind: str, count: int) -> None:
        self.port, self.kind, self.count = port, kind, count
        self.socks: list[socket.socket | None] = [None] * count
        self.cut = 0  # connections the server closed (or refused)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _open(self) -> socket.socket:
        s = socket.create_connection(("127.0.0.1", self.port), timeout=2)
        s.setblocking(False)
        if self.kind == "headers":
            s.send(f"POST {PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode())
        else:
            s.send(f"POST {PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                   f"application/json\r\nContent-Length: 1000000\r\n\r\n{{".encode())
        return s

    def _drip(self, s: socket.socket) -> bool:
        try:
            if s.recv(65536, socket.MSG_PEEK) == b"":
                return False  # closed by the server
        except BlockingIOError:
            pass
        except OSError:
            return False
        try:
            s.send(b"X-Slow: 1\r\n" if self.kind == "headers" else b" ")
        except BlockingIOError:
            pass  # the server is not reading: still held
        except OSError:
            return False
        return True

    def _run(self) -> None:
        while not self.stop.is_set():
            for i, s in enumerate(self.socks):
                if s is not None and self._drip(s):
                    continue
                if s is not None:
                    s.close()
                    self.cut += 1
                try:
                    self.socks[i] = self._open()
                except OSError:
                    self.socks[i] = None
                    self.cut += 1
            self.stop.wait(DRIP_EVERY)
        for s in self.socks:
            if s is not None:
                s.close()


def _get(port: int, method: str, path: str, body: bytes | None,
         timeout: float) -> tuple[int, float]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Content-Type": "application/json"} if body else {}
        conn.request(method, path, body=body, headers=headers)
        status = conn.getresponse().status
    except OSError:
        status = 0
    finally:
        conn.close()
    return status, time.perf_counter() - started


def measure(port: int, *, slow_headers: int, slow_bodies: int, seconds: float) -> dict[str, Any]:
    body = data.encoded(data.make_request(20))
    drippers = [Dripper(port, "headers", slow_headers), Dripper(port, "bodies", slow_bodies)]
    for d in drippers:
        d.thread.start()
    time.sleep(2 * DRIP_EVERY)  # every slow connection open and dripping
    probes: list[tuple[int, float]] = []
    hooks: list[tuple[int, float]] = []

    def hook_calls() -> None:
        while not done.is_set():
            hooks.append(_get(port, "POST", PATH, body, 10.0))
            done.wait(1.0)

    done = threading.Event()
    hooker = threading.Thread(target=hook_calls, daemon=True)
    hooker.start()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        started = time.monotonic()
        probes.append(_get(port, "GET", "/health", None, PROBE_TIMEOUT))
        time.sleep(max(0.0, PROBE_EVERY - (time.monotonic() - started)))
    done.set()
    hooker.join(15)
    for d in drippers:
        d.stop.set()
        d.thread.join(10)
    answered = [t for status, t in probes if status == 200 and t <= PROBE_TIMEOUT]
    times = [t for _, t in probes]
    return {
        "probes": len(probes), "answered_within_1s": len(answered),
        "answered_pct": round(100 * len(answered) / len(probes), 1) if probes else 0.0,
        "probe_p50_ms": round(pct(times, 0.5) * 1000, 1),
        "probe_p99_ms": round(pct(times, 0.99) * 1000, 1),
        "hook_calls": len(hooks), "hook_200": sum(1 for s, _ in hooks if s == 200),
        "hook_p50_ms": round(pct([t for _, t in hooks], 0.5) * 1000, 1) if hooks else None,
        "slow_header_cut": drippers[0].cut, "slow_body_cut": drippers[1].cut,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.slow_clients",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--slow-headers", type=int, default=64)
    parser.add_argument("--slow-bodies", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--worker-class", default="",
                        help="gunicorn worker class (default: cds-service serve's)")
    parser.add_argument("--throughput", metavar="CLASSES", default="",
                        help="instead: hook throughput of these worker classes, comma-separated "
                             "(serve = serve's own), alternated --rounds times")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--large-bodies", type=int, metavar="N", default=0,
                        help="instead: peak worker RSS with N ~10 MB hook calls at once")
    args = parser.parse_args(argv)
    if args.throughput:
        got = throughput_ab(args.throughput.split(","), rounds=args.rounds,
                            seconds=args.seconds, workers=args.workers)
        for name, values in got.items():
            say(f"  {name}: median {statistics.median(values)} of {values}")
        return 0
    if args.large_bodies:
        got = large_bodies(in_flight=args.large_bodies, threads=args.threads,
                           worker_class=args.worker_class)
        say(f"  {got['in_flight']} calls of {got['body_mb']} MB at once, 1 worker x "
            f"{got['threads']} threads ({got['worker_class']}): peak RSS {got['rss_idle_mb']} "
            f"MB idle, {got['rss_peak_one_mb']} after one call, {got['rss_peak_many_mb']} "
            f"after {got['in_flight']} at once ({got['per_extra_call_mb']} MB per extra call "
            f"in flight); statuses {sorted(set(got['statuses']))}")
        return 0
    logs = Path(tempfile.mkdtemp(prefix="cds-slow-clients-"))
    env = {"CDS_ALLOW_UNAUTHENTICATED": "1", "CDS_PATIENT_HASH_KEY": BENCH_HASH_KEY,
           "CDS_LOG_LEVEL": "WARNING", "DATABASE_URL": f"sqlite:///{logs}/cds.db",
           "BENCH_WORKER_CLASS": args.worker_class}
    say(f"slow clients: {args.slow_headers} slow-header + {args.slow_bodies} slow-body "
        f"connections, {args.workers} workers x {args.threads} threads, worker class "
        f"{args.worker_class or 'serve default'}; {load_text(load_now())}")
    with gunicorn("real", env, args.workers, args.threads, logs / "server.log") as port:
        got = measure(port, slow_headers=args.slow_headers, slow_bodies=args.slow_bodies,
                      seconds=args.seconds)
    say(f"  /health probes answered within 1 s: {got['answered_within_1s']} of "
        f"{got['probes']} ({got['answered_pct']} %), p50 {got['probe_p50_ms']} ms, "
        f"p99 {got['probe_p99_ms']} ms")
    say(f"  hook calls answered 200: {got['hook_200']} of {got['hook_calls']} "
        f"(p50 {got['hook_p50_ms']} ms)")
    say(f"  slow connections cut off by the server: {got['slow_header_cut']} slow-header, "
        f"{got['slow_body_cut']} slow-body; after: {load_text(load_now(sample=0))}")
    return 0 if got["answered_pct"] >= 99.0 else 1




def _server_procs(port: int) -> list[Path]:
    """/proc entries of the benchmark server on ``port`` (master and workers)."""
    procs = []
    for proc in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            cmd = (proc / "cmdline").read_bytes().split(b"\0")
            if b"benchmarks.server" in cmd and str(port).encode() in cmd:
                procs.append(proc)
    return procs


def server_cpu(port: int) -> float:
    """CPU seconds used so far by the benchmark server on ``port`` (master and workers)."""
    total = 0
    for proc in _server_procs(port):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(port: int) -> float:
    """The largest peak RSS (VmHWM) of the server's processes, in MB."""
    peak = 0
    for proc in _server_procs(port):
        with contextlib.suppress(OSError, ValueError, StopIteration):
            line = next(ln for ln in (proc / "status").read_text().splitlines()
                        if ln.startswith("VmHWM:"))
            peak = max(peak, int(line.split()[1]))
    return round(peak / 1024, 1)


def large_bodies(*, in_flight: int, threads: int, worker_class: str,
                 reports: int = 4200) -> dict[str, Any]:
    """Peak worker RSS with ``in_flight`` hook calls of a ~10 MB body sent at once to one
    worker (``threads`` threads), against its peak after one such call alone."""
    from concurrent.futures import ThreadPoolExecutor

    body = data.encoded(data.make_request(reports))
    logs = Path(tempfile.mkdtemp(prefix="cds-large-bodies-"))
    env = {"CDS_ALLOW_UNAUTHENTICATED": "1", "CDS_PATIENT_HASH_KEY": BENCH_HASH_KEY,
           "CDS_LOG_LEVEL": "WARNING", "DATABASE_URL": f"sqlite:///{logs}/cds.db",
           "BENCH_WORKER_CLASS": worker_class}
    with gunicorn("real", env, 1, threads, logs / "server.log") as port:
        idle = peak_rss_mb(port)
        first = _get(port, "POST", PATH, body, 120.0)
        one = peak_rss_mb(port)
        with ThreadPoolExecutor(in_flight) as pool:
            statuses = list(pool.map(lambda _: _get(port, "POST", PATH, body, 300.0)[0],
                                     range(in_flight)))
        many = peak_rss_mb(port)
    return {"body_mb": round(len(body) / 1e6, 1), "threads": threads, "in_flight": in_flight,
            "worker_class": worker_class or "serve default", "statuses": statuses + [first[0]],
            "rss_idle_mb": idle, "rss_peak_one_mb": one, "rss_peak_many_mb": many,
            "per_extra_call_mb": round((many - one) / max(1, in_flight - 1), 1)}


def throughput_ab(models: list[str], *, rounds: int, seconds: float,
                  workers: int = 2) -> dict[str, list[float]]:
    """Hook throughput of the traffic benchmark (distinct patients, no JWT, 16 connections)
    for each gunicorn worker class in ``models`` ("serve": serve's own), alternated ``rounds``
    times in one sitting; req/s and the server's CPU ms per call of every run."""
    from benchmarks import stream
    from benchmarks.traffic_http import PUBLIC_BASE_URL, run_wrk_stream

    wrk = load.ensure_wrk()
    assert wrk, "wrk is needed (apt-get install wrk)"
    logs = Path(tempfile.mkdtemp(prefix="cds-worker-ab-"))
    pool_file = logs / "pool.jsonl"
    pool_file.write_bytes(b"\n".join(stream.wrk_pool_line(t) for t in stream.make_pool(400))
                          + b"\n")
    got: dict[str, list[float]] = {m: [] for m in models}
    base = 5 * 10**9
    for r in range(rounds):
        for model in models:
            env = {"CDS_ALLOW_UNAUTHENTICATED": "1", "CDS_PATIENT_HASH_KEY": BENCH_HASH_KEY,
                   "CDS_PUBLIC_BASE_URL": PUBLIC_BASE_URL, "CDS_LOG_LEVEL": "WARNING",
                   "CDS_MAX_BODY_BYTES": str(64 * 1024 * 1024),
                   "DATABASE_URL": f"sqlite:///{logs}/{model}-{r}.db",
                   "BENCH_WORKER_CLASS": "" if model == "serve" else model}
            with gunicorn("real", env, workers, 1, logs / f"{model}.log") as port:
                base += 10**8
                run_wrk_stream(wrk, port, pool_file, mode="stream", base=base, seconds=2)
                base += 10**8
                cpu = server_cpu(port)
                res = run_wrk_stream(wrk, port, pool_file, mode="stream", base=base,
                                     seconds=seconds)
                cpu = server_cpu(port) - cpu
            got[model].append(res["rps"])
            got.setdefault(model + " cpu ms/call", []).append(
                round(cpu * 1000 / max(1, res["ok"]), 3))
            say(f"  round {r + 1} {model}: {res['rps']} req/s, server CPU "
                f"{got[model + ' cpu ms/call'][-1]} ms per call, p99 {res['p99_ms']} ms, "
                f"non-2xx {res['non2xx']}, errors {res['errors']}; "
                f"{load_text(load_now(sample=0))}")
    return got


if __name__ == "__main__":
    raise SystemExit(main())
