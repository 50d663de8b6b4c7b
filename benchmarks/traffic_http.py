"""The HTTP part of the real-traffic benchmark (issue 11): gunicorn, 2 sync workers (``cds-service
serve``'s settings), 16 connections, wrk 2 threads on the same cores, one run per case:

* the no-op (parse the body, ``{"cards": []}``), distinct patients and one body repeated;
* the naive ``fhir.resources`` peer, distinct patients;
* this service with an ES384 JWT and a unique ``jti`` on every call (the headline), then
  without JWT, distinct patients and one body repeated.

Every run: ``warm`` seconds of the same traffic (workers warm, not measured), then ``seconds``
measured. req/s counts 2xx answers only. A run is marked invalid (and says why) when any
answer was not 2xx, a connection failed or timed out, or a token was sent twice; the server's
warnings and errors during the run are summarised from its log. A server that does not start,
or a wrk that fails or overruns (killed at ``seconds`` + 30 s), fails its run with the reason,
and the other runs go on.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks import load, stream, tokens
from benchmarks.common import (
    BENCH_HASH_KEY,
    BIG_BODY,
    ISSUER,
    ServerFailed,
    gunicorn,
    load_now,
    say,
)
from benchmarks.data import SELECT_ID

PATH = f"/cds-services/{SELECT_ID}"
CONNECTIONS = 16
WORKERS = 2
WRK_THREADS = 2
POOL = 400
# The URL the service says it is (CDS_PUBLIC_BASE_URL), so tokens can name their ``aud``
# before the server (and its port) exists.
PUBLIC_BASE_URL = "https://cds.bench.example"

NOOP = "no-op, distinct patients"
NOOP_REPEAT = "no-op, one body repeated"
NAIVE = "naive fhir.resources peer, distinct patients"
JWT_RUN = "service, distinct patients, ES384 JWT + unique jti (headline)"
SERVICE = "service, distinct patients, no JWT"
SERVICE_REPEAT = "service, one body repeated, no JWT"
# mode "next": each new patient followed by the same patient's next order (realistic stream)
NOOP_NEXT = "no-op, new patient then the same patient's next order"
SERVICE_NEXT = "service, new patient then the same patient's next order, no JWT"
ORDER = (NOOP, NOOP_REPEAT, NAIVE, JWT_RUN, SERVICE, SERVICE_REPEAT, NOOP_NEXT, SERVICE_NEXT)
REPEATED = {NOOP_REPEAT, SERVICE_REPEAT}
# Tokens to mint per second of run, per req/s the no-op reached (the service's ceiling).
TOKEN_MARGIN = 1.5
FALLBACK_RATE = 4000.0  # req/s assumed when the no-op run failed


def run_wrk_stream(wrk: str, port: int, pool_file: Path, *, mode: str, base: int,
                   seconds: float, token_list: list[str] | None = None,
                   next_file: Path | None = None) -> dict[str, Any]:
    """One wrk run of the stream script; the raw BENCH_JSON summary plus req/s of 2xx."""
    with tempfile.TemporaryDirectory(prefix="cds-traffic-") as tmp:
        script = Path(tmp, "stream.lua")
        script.write_text(stream.WRK_SCRIPT)
        token_file = ""
        if token_list:
            token_file = str(Path(tmp, "tokens.txt"))
            Path(token_file).write_text("\n".join(token_list) + "\n")
        env = {**os.environ, "BENCH_POOL": str(pool_file), "BENCH_PATH": PATH,
               "BENCH_THREADS": str(WRK_THREADS), "BENCH_TOKENS": token_file,
               "BENCH_MODE": mode, "BENCH_BASE": str(base),
               "BENCH_POOL_NEXT": str(next_file or "")}
        raw = load.wrk_json(wrk, ["-t", str(WRK_THREADS), "-c", str(CONNECTIONS),
                                  "-d", f"{max(1, round(seconds))}s", "--timeout", "10s",
                                  "-s", str(script), f"http://127.0.0.1:{port}"],
                            env, seconds=seconds)
    duration = raw["duration_us"] / 1e6
    ok = raw["requests"] - raw["non2xx"]
    errors = {k: raw[k] for k in ("connect_errors", "read_errors", "write_errors", "timeouts")
              if raw[k]}
    return {"requests": raw["requests"], "ok": ok, "seconds": round(duration, 2),
            "rps": round(ok / duration, 1) if duration else 0.0,
            "p50_ms": round(raw["p50_us"] / 1000, 2), "p90_ms": round(raw["p90_us"] / 1000, 2),
            "p99_ms": round(raw["p99_us"] / 1000, 2), "max_ms": round(raw["max_us"] / 1000, 2),
            "non2xx": raw["non2xx"], "errors": errors, "tokens_reused": raw["tokens_reused"]}


_LEVEL = re.compile(r'"level"\s*:\s*"(WARNING|ERROR|CRITICAL)"')
_MSG = re.compile(r'"msg"\s*:\s*"((?:[^"\\]|\\.){0,160})')


def log_problems(log_path: Path, offset: int, limit: int = 5) -> list[str]:
    """Warnings and errors the server logged after ``offset``: the most frequent messages
    (JSON log lines) and any line that is not JSON (a traceback), counted."""
    try:
        with log_path.open("rb") as f:
            f.seek(offset)
            text = f.read().decode(errors="replace")
    except OSError:
        return []
    counts: Counter[str] = Counter()
    for line in text.splitlines():
        if not line.strip() or line.startswith("==="):
            continue
        level = _LEVEL.search(line)
        if level:
            msg = _MSG.search(line)
            counts[f"{level.group(1)} {msg.group(1) if msg else line[:160]}"] += 1
        elif not line.lstrip().startswith("{"):
            counts[f"non-JSON: {line.strip()[:160]}"] += 1
    return [f"{n} x {m}" for m, n in counts.most_common(limit)]


def view_ms(log_path: Path, offset: int) -> dict[str, Any] | None:
    """The service's own time per call during a run: the ``ms`` of its "hook call" log lines
    after ``offset`` (the view, from body to answer; authentication and the WSGI server are
    outside it). None for servers that log no such lines."""
    try:
        with log_path.open("rb") as f:
            f.seek(offset)
            lines = f.read().splitlines()
    except OSError:
        return None
    values = []
    for line in lines:
        if b'"hook call"' not in line:
            continue
        try:
            values.append(float(json.loads(line)["ms"]))
        except (ValueError, KeyError, TypeError):
            continue
    if not values:
        return None
    values.sort()
    return {"calls": len(values), "median": round(values[len(values) // 2], 2),
            "mean": round(sum(values) / len(values), 2),
            "p99": round(values[min(len(values) - 1, int(0.99 * len(values)))], 2)}


def _problems(r: dict[str, Any]) -> list[str]:
    out = []
    if r["non2xx"]:
        out.append(f"{r['non2xx']} of {r['requests']} answers not 2xx")
    if r["errors"]:
        out.append("socket errors " + ", ".join(f"{k} {v}" for k, v in r["errors"].items()))
    if r["tokens_reused"]:
        out.append(f"{r['tokens_reused']} tokens sent twice (the pool ran out)")
    if not r["ok"]:
        out.append("no 2xx answer at all")
    return out


def _run_line(label: str, r: dict[str, Any]) -> str:
    if "failed" in r:
        return f"  http {label}: FAILED: {r['failed']}"
    line = (f"  http {label}: {r['rps']:.1f} req/s (2xx), p50 {r['p50_ms']} ms, "
            f"p99 {r['p99_ms']} ms, {r['requests']} answers")
    if r.get("view_ms"):
        v = r["view_ms"]
        line += f"; the service's view {v['median']} ms median, {v['mean']} mean (its log)"
    if r.get("load_before"):
        line += f"; load before {r['load_before']['loadavg'][0]}"
    if r.get("problems"):
        line += "\n    INVALID: " + "; ".join(r["problems"])
        for item in r.get("server_log", []):
            line += f"\n    server log: {item}"
    return line


def bench_http(*, seconds: float, warm: float, logs: Path, database_url: str | None = None,
               pool: list[bytes] | None = None, next_pool: list[bytes] | None = None,
               repeat: bool = True) -> dict[str, Any]:
    """Every HTTP run; a dict with the runs by label (failed ones say why) and the settings.

    ``pool``: the templates (default: this module's stream); ``next_pool``: each one's
    next-order call, for the runs of mode "next"; ``repeat``: the one-body-repeated runs."""
    wrk = load.ensure_wrk()
    if wrk is None:
        raise RuntimeError("the traffic benchmark needs wrk (apt-get install wrk)")
    logs.mkdir(parents=True, exist_ok=True)
    pool = pool or stream.make_pool(POOL)
    pool_file = logs / "pool.jsonl"
    pool_file.write_bytes(b"\n".join(stream.wrk_pool_line(t) for t in pool) + b"\n")
    next_file = logs / "pool-next.jsonl" if next_pool else None
    if next_file and next_pool:
        next_file.write_bytes(b"\n".join(stream.wrk_pool_line(t) for t in next_pool) + b"\n")
    base_env = {"CDS_ALLOW_UNAUTHENTICATED": "1", "CDS_MAX_BODY_BYTES": str(BIG_BODY),
                "CDS_LOG_LEVEL": "INFO", "PYTHONUNBUFFERED": "1"}
    service_env = {**base_env, "CDS_PATIENT_HASH_KEY": BENCH_HASH_KEY,
                   "CDS_PUBLIC_BASE_URL": PUBLIC_BASE_URL}
    runs: dict[str, dict[str, Any]] = {}
    planned = ({NOOP, NAIVE, JWT_RUN, SERVICE} | (REPEATED if repeat else set())
               | ({NOOP_NEXT, SERVICE_NEXT} if next_file else set()))
    base = [4 * 10**9]

    def fail_all(labels: tuple[str, ...], why: str) -> None:
        for label in labels:
            runs[label] = {"failed": why}
            say(_run_line(label, runs[label]))

    def measure(label: str, port: int, log_path: Path, mode: str,
                warm_tokens: list[str] | None = None,
                run_tokens: list[str] | None = None) -> None:
        before = load_now(sample=0)
        try:
            base[0] += 10**8
            run_wrk_stream(wrk, port, pool_file, mode=mode, base=base[0], seconds=warm,
                           token_list=warm_tokens, next_file=next_file)
            offset = log_path.stat().st_size
            base[0] += 10**8
            r = run_wrk_stream(wrk, port, pool_file, mode=mode, base=base[0],
                               seconds=seconds, token_list=run_tokens, next_file=next_file)
        except load.WrkFailed as err:
            runs[label] = {"failed": str(err), "load_before": before}
            say(_run_line(label, runs[label]))
            return
        r["view_ms"] = view_ms(log_path, offset)
        r["problems"] = _problems(r)
        if r["problems"]:
            r["server_log"] = log_problems(log_path, offset)
        r["valid"] = not r["problems"]
        r["load_before"] = before
        runs[label] = r
        say(_run_line(label, r))

    def serve(kind: str, env: dict[str, str], name: str, labels: tuple[str, ...],
              body: Any) -> None:
        log_path = logs / f"{name}.log"
        try:
            with gunicorn(kind, env, WORKERS, 1, log_path) as port:
                body(port, log_path)
        except ServerFailed as err:
            fail_all(tuple(x for x in labels if x not in runs and x in planned), str(err))

    def runs_of(port: int, log: Path, distinct: str, repeated: str, paired: str) -> None:
        measure(distinct, port, log, "stream")
        if repeat:
            measure(repeated, port, log, "repeat")
        if next_file:
            measure(paired, port, log, "next")

    serve("noop", base_env, "noop", (NOOP, NOOP_REPEAT, NOOP_NEXT),
          lambda port, log: runs_of(port, log, NOOP, NOOP_REPEAT, NOOP_NEXT))
    serve("naive", base_env, "naive", (NAIVE,),
          lambda port, log: measure(NAIVE, port, log, "stream"))

    # The headline: a fresh database, the JWKS on loopback, tokens minted before the server.
    from tests.support.cds_auth import JwksServer, ec_key

    key = ec_key()
    jwks = JwksServer([key])
    try:
        ceiling = runs.get(NOOP, {}).get("rps") or FALLBACK_RATE
        warm_count = int(ceiling * TOKEN_MARGIN * warm) + 200
        run_count = int(ceiling * TOKEN_MARGIN * seconds) + 500
        started = time.perf_counter()
        minted, iat = tokens.mint_tokens(key.private, key.kid, jwks.url, ISSUER,
                                         PUBLIC_BASE_URL + PATH, warm_count + run_count)
        say(f"  http: minted {len(minted)} ES384 tokens (unique jti) in "
            f"{time.perf_counter() - started:.1f} s for up to {ceiling * TOKEN_MARGIN:.0f} "
            f"req/s")
        tokens.check_lifetime(iat, warm + seconds + 120)
        env = {**service_env, "DATABASE_URL": database_url or f"sqlite:///{logs}/jwt.db",
               "CDS_TRUSTED_ISSUERS": json.dumps({ISSUER: jwks.url}),
               "CDS_ALLOW_UNAUTHENTICATED": "0"}
        serve("real", env, "service-jwt", (JWT_RUN,), lambda port, log: measure(
            JWT_RUN, port, log, "stream", warm_tokens=minted[:warm_count],
            run_tokens=minted[warm_count:]))
    finally:
        jwks.stop()
    env = {**service_env, "DATABASE_URL": database_url or f"sqlite:///{logs}/service.db"}
    serve("real", env, "service", (SERVICE, SERVICE_REPEAT, SERVICE_NEXT),
          lambda port, log: runs_of(port, log, SERVICE, SERVICE_REPEAT, SERVICE_NEXT))

    add_ratios(runs)
    body_kb = round(sum(len(t) for t in pool) / len(pool) / 1024, 1)
    return {"connections": CONNECTIONS, "workers": WORKERS, "worker_class": "sync",
            "wrk_threads": WRK_THREADS, "seconds": seconds, "warm_seconds": warm,
            "body_kb": body_kb, "database": "fresh SQLite file per server" if not database_url
            else database_url.split(":", 1)[0], "logs": str(logs),
            "runs": {label: runs[label] for label in ORDER if label in runs}}


def add_ratios(runs: dict[str, dict[str, Any]]) -> None:
    """Each run's req/s over the no-op of the same traffic (distinct or repeated) and over
    the naive peer; None where a reference failed."""
    def rate(label: str) -> float | None:
        r = runs.get(label, {})
        return r.get("rps") or None if "failed" not in r else None

    for label, r in runs.items():
        if "failed" in r:
            continue
        ref = rate(NOOP_REPEAT if label in REPEATED else NOOP_NEXT if label == SERVICE_NEXT
                   else NOOP)
        naive = rate(NAIVE)
        r["ratio_to_noop"] = round(r["rps"] / ref, 3) if ref else None
        r["ratio_to_noop_distinct"] = round(r["rps"] / rate(NOOP), 3) if rate(NOOP) else None
        r["times_naive"] = round(r["rps"] / naive, 2) if naive else None

