"""Real traffic (issue 11): a new patient on every call, report text never seen before.

``python -m benchmarks --only traffic`` runs, in one sitting:

* HTTP, gunicorn 2 sync workers, 16 connections (wrk; the Lua script stamps a new patient into
  every request, see ``stream.py``): the no-op, the naive ``fhir.resources`` peer, this service
  without JWT, this service with an ES384 JWT and a unique ``jti`` per call (the headline),
  and the repeat case (one body again and again) for the no-op and this service;
* in-process (Flask test client), distinct patients: 20+20 median and p99, and records of
  100, 1,000 and 5,000 reports and studies, everything in prefetch;
* RSS over a stream of distinct patients (100,000 calls by default).

Every figure says which case it is; ratios are to the no-op of the same run.
"""

from __future__ import annotations

import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import load, stream

CONNECTIONS = 16
POOL = 400  # templates; every request still gets its own patient number


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


# -- in-process ---------------------------------------------------------------------------


def _timed_calls(client: Any, path: str, bodies: Any, calls: int) -> tuple[list[float],
                                                                             list[float], int]:
    walls, cpus, cards = [], [], 0
    for _ in range(calls):
        body = bodies()
        w, c = time.perf_counter(), time.process_time()
        resp = client.post(path, data=body, content_type="application/json")
        cpus.append(time.process_time() - c)
        walls.append(time.perf_counter() - w)
        assert resp.status_code == 200, resp.status_code
        cards += len(resp.get_json()["cards"])
    return walls, cpus, cards


def _row(walls: list[float], cpus: list[float], cards: int) -> dict[str, Any]:
    return {"calls": len(walls), "median_ms": round(statistics.median(walls) * 1e3, 3),
            "p99_ms": round(_pct(walls, 0.99) * 1e3, 3),
            "cpu_median_ms": round(statistics.median(cpus) * 1e3, 3), "cards": cards}


def bench_inprocess(make_app: Any, tmp: str, calls: int = 2000) -> dict[str, Any]:
    from benchmarks.data import SELECT_ID
    from benchmarks.noop_app import create_noop_app

    path = f"/cds-services/{SELECT_ID}"
    out: dict[str, Any] = {}
    pool = stream.make_pool(POOL)
    app = make_app(tmp)
    client = app.test_client()
    noop = create_noop_app().test_client()
    s = stream.Stream(pool, start=10**9)
    _timed_calls(client, path, s.next, 50)  # imports, first-call costs
    _timed_calls(noop, path, s.next, 50)
    out["noop 20+20 distinct"] = _row(*_timed_calls(noop, path, s.next, calls))
    out["service 20+20 distinct"] = _row(*_timed_calls(client, path, s.next, calls))
    repeat = s.next()
    _timed_calls(client, path, lambda: repeat, 5)
    out["service 20+20 repeat"] = _row(*_timed_calls(client, path, lambda: repeat, calls))
    out["noop 20+20 repeat"] = _row(*_timed_calls(noop, path, lambda: repeat, calls))
    for n in (100, 1000, 5000):
        for triggered in (False, True):
            import random

            template = stream.make_template(random.Random(n), n, triggered=triggered)
            k = 3 if n == 5000 else 10 if n == 1000 else 60
            sized = stream.Stream([template], start=2 * 10**9 + n * 10 + triggered * 10**6)
            label = f"service {n}+{n} distinct" + (", 2 with calcification" if triggered
                                                     else ", no trigger")
            out[label] = _row(*_timed_calls(client, path, sized.next, k))
            out[label]["body_kb"] = round(len(template) / 1024, 1)
            print(f"  traffic in-process {label}: {out[label]['median_ms']} ms",
                  file=sys.stderr)
    store = app.extensions.get("cds_store")
    if store is not None:
        store.flush(30)
    return out


def bench_memory(make_app: Any, tmp: str, calls: int) -> dict[str, Any]:
    from benchmarks.data import SELECT_ID

    path = f"/cds-services/{SELECT_ID}"
    app = make_app(tmp)
    client = app.test_client()
    s = stream.Stream(stream.make_pool(POOL), start=3 * 10**9)
    samples = []
    step = max(1, calls // 10)
    started = time.perf_counter()
    for i in range(calls + 1):
        if i % step == 0:
            samples.append((i, round(_rss_mb(), 1)))
            print(f"  traffic memory: {i} calls, RSS {samples[-1][1]} MB", file=sys.stderr)
        if i < calls:
            resp = client.post(path, data=s.next(), content_type="application/json")
            if resp.status_code != 200:
                raise RuntimeError(f"call {i}: status {resp.status_code}")
    store = app.extensions.get("cds_store")
    if store is not None:
        store.flush(60)
    after_first = samples[1][1]
    return {"calls": calls, "seconds": round(time.perf_counter() - started, 1),
            "rss_mb": samples, "growth_after_first_10pct_mb": round(samples[-1][1] - after_first,
                                                                    1)}


# -- HTTP ---------------------------------------------------------------------------------


def run_wrk_stream(wrk: str, port: int, path: str, pool_file: Path, *, mode: str, base: int,
                   seconds: float, tokens: list[str] | None = None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="cds-traffic-") as tmp:
        script = Path(tmp, "stream.lua")
        script.write_text(stream.WRK_SCRIPT)
        token_file = ""
        if tokens:
            token_file = str(Path(tmp, "tokens.txt"))
            Path(token_file).write_text("\n".join(tokens) + "\n")
        env = {**os.environ, "BENCH_POOL": str(pool_file), "BENCH_PATH": path,
               "BENCH_THREADS": "2", "BENCH_TOKENS": token_file, "BENCH_MODE": mode,
               "BENCH_BASE": str(base)}
        out = subprocess.run(
            [wrk, "-t", "2", "-c", str(CONNECTIONS), "-d", f"{seconds:.0f}s", "--timeout", "10s",
             "-s", str(script), f"http://127.0.0.1:{port}"],
            env=env, capture_output=True, text=True, timeout=seconds + 120, check=True,
        ).stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("BENCH_JSON "))
    raw = json.loads(line.removeprefix("BENCH_JSON "))
    return {"requests": raw["requests"], "rps": round(raw["requests"] / (raw["duration_us"] / 1e6),
                                                      1),
            "p50_ms": round(raw["p50_us"] / 1000, 2), "p99_ms": round(raw["p99_us"] / 1000, 2),
            "non2xx": raw["non2xx"],
            "errors": raw["connect_errors"] + raw["read_errors"] + raw["write_errors"]
            + raw["timeouts"]}


def bench_http(gunicorn: Any, make_tokens: Any, tmp: str, seconds: float) -> dict[str, Any]:
    from benchmarks.__main__ import BIG_BODY, ISSUER, SERVICE_PATH

    wrk = load.ensure_wrk()
    if wrk is None:
        raise RuntimeError("the traffic benchmark needs wrk (apt-get install wrk)")
    pool_file = Path(tmp, "pool.jsonl")
    pool_file.write_bytes(b"\n".join(stream.wrk_pool_line(t) for t in stream.make_pool(POOL))
                          + b"\n")
    log_path = Path(tmp, "gunicorn-traffic.log")
    base_env = {"CDS_ALLOW_UNAUTHENTICATED": "1", "CDS_MAX_BODY_BYTES": str(BIG_BODY),
                "CDS_LOG_LEVEL": "INFO", "PYTHONUNBUFFERED": "1"}
    runs: dict[str, dict[str, Any]] = {}
    base = [4 * 10**9]

    def drive(label: str, port: int, mode: str, tokens: list[str] | None = None,
              warm_tokens: list[str] | None = None) -> None:
        base[0] += 10**8
        run_wrk_stream(wrk, port, SERVICE_PATH, pool_file, mode=mode, base=base[0],
                       seconds=2, tokens=warm_tokens)
        base[0] += 10**8
        runs[label] = run_wrk_stream(wrk, port, SERVICE_PATH, pool_file, mode=mode,
                                     base=base[0], seconds=seconds, tokens=tokens)
        r = runs[label]
        print(f"  traffic http {label:<40} {r['rps']:>8.1f} req/s p50 {r['p50_ms']} ms "
              f"p99 {r['p99_ms']} ms non2xx {r['non2xx']}", file=sys.stderr)

    with gunicorn("noop", base_env, 2, 1, log_path) as port:
        drive("no-op, distinct patients", port, "stream")
        drive("no-op, one body repeated", port, "repeat")
    with gunicorn("naive", base_env, 2, 1, log_path) as port:
        drive("naive fhir.resources peer, distinct patients", port, "stream")
    env = {**base_env, "DATABASE_URL": f"sqlite:///{tmp}/traffic.db"}
    with gunicorn("real", env, 2, 1, log_path) as port:
        drive("service, distinct patients, no JWT", port, "stream")
        drive("service, one body repeated, no JWT", port, "repeat")

    from tests.support.cds_auth import JwksServer, ec_key

    key = ec_key()
    jwks = JwksServer([key])
    try:
        env = {**base_env, "DATABASE_URL": f"sqlite:///{tmp}/traffic-jwt.db",
               "CDS_TRUSTED_ISSUERS": json.dumps({ISSUER: jwks.url}),
               "CDS_ALLOW_UNAUTHENTICATED": "0",
               # with authentication on the service refuses to start without its own key
               "CDS_PATIENT_HASH_KEY": secrets.token_hex(32)}
        no_jwt = runs["service, distinct patients, no JWT"]["rps"]
        count = int(no_jwt * (seconds + 1) * 1.3) + 400
        warm = int(no_jwt * 3 * 1.3) + 200  # the 2 s warm-up never reuses (replays) a token
        with gunicorn("real", env, 2, 1, log_path, public_base_url=True) as port:
            aud = f"http://127.0.0.1:{port}{SERVICE_PATH}"
            tokens = make_tokens(key, jwks.url, aud, count + warm)
            drive("service, distinct patients, ES384 JWT unique jti", port, "stream",
                  tokens=tokens[warm:], warm_tokens=tokens[:warm])
    finally:
        jwks.stop()
    noop = runs["no-op, distinct patients"]["rps"] or 1.0
    naive = runs["naive fhir.resources peer, distinct patients"]["rps"] or 1.0
    noop_repeat = runs["no-op, one body repeated"]["rps"] or 1.0
    for label, r in runs.items():
        ref = noop_repeat if "repeated" in label else noop
        r["ratio_to_noop"] = round(r["rps"] / ref, 3)
        r["ratio_to_naive"] = round(r["rps"] / naive, 2)
    return {"connections": CONNECTIONS, "workers": 2, "worker_class": "sync",
            "seconds": seconds, "runs": runs,
            "body_kb": round(pool_file.stat().st_size / POOL / 1024, 1)}


def table(results: dict[str, Any]) -> str:
    lines = []
    http = results.get("http")
    if http:
        lines.append(f"HTTP: gunicorn {http['workers']} {http['worker_class']} workers, "
                     f"{http['connections']} connections, {http['seconds']} s per run, "
                     f"~{http['body_kb']} KB bodies (20 reports + 20 studies + 2 orders)")
        lines.append("| server, traffic | req/s | ratio to no-op | × naive | p50 ms | p99 ms |"
                     " non-2xx |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|")
        for label, r in http["runs"].items():
            lines.append(f"| {label} | {r['rps']:.0f} | {r['ratio_to_noop']:.2f} | "
                         f"{r['ratio_to_naive']:.1f} | {r['p50_ms']} | {r['p99_ms']} | "
                         f"{r['non2xx']} |")
    inproc = results.get("inprocess")
    if inproc:
        lines.append("")
        lines.append("In-process (Flask test client; wall and CPU per call):")
        lines.append("| case | calls | median ms | p99 ms | CPU median ms | cards |")
        lines.append("|---|---:|---:|---:|---:|---:|")
        for label, r in inproc.items():
            lines.append(f"| {label} | {r['calls']} | {r['median_ms']} | {r['p99_ms']} | "
                         f"{r['cpu_median_ms']} | {r['cards']} |")
    mem = results.get("memory")
    if mem:
        lines.append("")
        lines.append(f"RSS over {mem['calls']} calls of distinct patients: "
                     + ", ".join(f"{c}: {m} MB" for c, m in mem["rss_mb"])
                     + f" (growth after the first 10%: {mem['growth_after_first_10pct_mb']} MB)")
    return "\n".join(lines)
