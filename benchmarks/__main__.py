"""Benchmarks: ``.venv/bin/python -m benchmarks`` (or ``scripts/bench``) runs issue 18's
realistic stream in process and over HTTP and prints its targets side by side (``realistic.py``;
``--quick`` checks the whole run in a few minutes, ``--no-http`` skips the HTTP part).

Other sections (``--only`` picks them): ``inprocess`` (issue 6: latency by record size, warm
and cold memo),
``fetch`` (fetch path against a FHIR server taking 200 ms per query), ``memory`` (RSS over
100,000 calls), ``http`` (gunicorn throughput and latency at 16 and 64 connections: no-op
limit, the real service, the real service with JWT validation; sync vs gthread workers).
Prints a table and writes ``benchmarks/results/latest.json``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import data, load
from benchmarks.common import (
    BENCH_HASH_KEY,
    BIG_BODY,
    ISSUER,
    ROOT,
    gunicorn,
    load_now,
    load_text,
    machine,
    make_app,
    pct,
    rss_mb,
)
from cds_service.web.state import state

RESULTS = Path(__file__).resolve().parent / "results"
SERVICE_PATH = f"/cds-services/{data.SELECT_ID}"
SIZES = (0, 10, 20, 100, 1000, 5000)


def post(client: Any, body: bytes) -> Any:
    return client.post(SERVICE_PATH, data=body, content_type="application/json")


# -- in-process ---------------------------------------------------------------------------


def bench_inprocess(tmp: str, budget: float) -> dict[str, Any]:
    from cds_service.pipeline import run as services

    app = make_app(tmp)
    client = app.test_client()
    warm_up = data.encoded(data.make_request(5, seed=1, patient_id="warm"))
    for _ in range(3):
        assert post(client, warm_up).status_code == 200
    rows = []
    for n in SIZES:
        body = data.encoded(data.make_request(n))
        row: dict[str, Any] = {"reports": n, "studies": n, "body_kb": round(len(body) / 1024, 1)}
        for mode in ("cold", "warm"):
            times: list[float] = []
            cards = 0
            spent = 0.0
            limit = 200 if mode == "warm" else 60
            while len(times) < limit and (spent < budget or len(times) < 5):
                if mode == "cold":
                    services.CACHE.clear()
                elif not times:
                    post(client, body)  # fill the memo
                started = time.perf_counter()
                resp = post(client, body)
                took = time.perf_counter() - started
                assert resp.status_code == 200, resp.status_code
                cards = len(resp.get_json()["cards"])
                times.append(took)
                spent += took
            row[mode] = {"n": len(times), "median_ms": round(statistics.median(times) * 1e3, 3),
                         "p99_ms": round(pct(times, 0.99) * 1e3, 3)}
        row["cards"] = cards
        rows.append(row)
        print(f"  in-process {n:>5} reports: cold median {row['cold']['median_ms']:.2f} ms, "
              f"warm median {row['warm']['median_ms']:.2f} ms", file=sys.stderr)
    base = {m: rows[0][m]["median_ms"] for m in ("cold", "warm")}
    for row in rows:
        for m in ("cold", "warm"):
            if row["reports"]:
                row[m]["per_record_us"] = round(
                    (row[m]["median_ms"] - base[m]) * 1000 / row["reports"], 2)
    by_n = {r["reports"]: r for r in rows}
    growth = {m: round(by_n[5000][m]["median_ms"] / by_n[1000][m]["median_ms"], 2)
              for m in ("cold", "warm")}
    return {"rows": rows, "growth_5000_over_1000": growth,
            "linear": all(g <= 5 * 1.25 for g in growth.values())}


# -- fetch path ---------------------------------------------------------------------------


def bench_fetch(tmp: str) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from tests.support.fhir_server import FhirTestServer

    reports, studies = data.records(20, patient_id="fetch-1")
    out: dict[str, Any] = {}
    with FhirTestServer() as fhir:
        client = make_app(tmp, fhir_servers=fhir.url).test_client()  # the one server listed
        fhir.state.add(data.patient("fetch-1"), *reports, *studies)
        fhir.state.delay = 0.2
        body = data.encoded(data.make_request(20, patient_id="fetch-1", with_prefetch=False,
                                              fhir_server=fhir.url))
        post(client, body)  # connections and memo warm
        times = []
        for _ in range(10):
            fhir.state.seen.clear()
            started = time.perf_counter()
            resp = post(client, body)
            times.append(time.perf_counter() - started)
            assert resp.status_code == 200, resp.status_code
        queries = len(fhir.state.seen)
        out = {"server_delay_ms": 200, "queries_per_call": queries,
               "sum_of_queries_ms": 200 * queries,
               "median_ms": round(statistics.median(times) * 1e3, 1),
               "max_ms": round(max(times) * 1e3, 1),
               "cards": len(resp.get_json()["cards"])}
    out["about_one_round_trip"] = out["median_ms"] < 200 * 1.5
    return out


# -- memory -------------------------------------------------------------------------------


def bench_memory(tmp: str, calls: int) -> dict[str, Any]:
    app = make_app(tmp)
    client = app.test_client()
    body = data.encoded(data.make_request(20))
    samples: list[tuple[int, float]] = []
    started = time.perf_counter()
    step = max(1, calls // 10)
    for i in range(calls + 1):
        if i % step == 0:
            samples.append((i, round(rss_mb(), 1)))
            if i:
                print(f"  memory: {i} calls, RSS {samples[-1][1]} MB", file=sys.stderr)
        if i < calls:
            resp = post(client, body)
            if resp.status_code != 200:
                raise RuntimeError(f"call {i}: status {resp.status_code}")
    store = state(app).store
    if store is not None:
        store.flush(30)
    after_first = samples[1][1]
    return {"calls": calls, "seconds": round(time.perf_counter() - started, 1),
            "rss_mb": samples,
            "growth_after_first_10pct_mb": round(samples[-1][1] - after_first, 1),
            "flat": samples[-1][1] - after_first < 20}


# -- HTTP ---------------------------------------------------------------------------------


def make_tokens(key: Any, jwks_url: str, aud: str, count: int) -> list[str]:
    from benchmarks.tokens import mint_tokens

    return mint_tokens(key.private, key.kid, jwks_url, ISSUER, aud, count)[0]


def drive(port: int, body: bytes, connections: int, seconds: float,
          tokens: list[str] | None = None) -> dict[str, Any]:
    wrk = load.ensure_wrk()
    # Warm every worker (imports, memo) before measuring.
    warm_tokens = tokens[-200:] if tokens else None
    measure_tokens = tokens[:-200] if tokens else None
    if wrk:
        load.run_wrk(wrk, f"http://127.0.0.1:{port}", SERVICE_PATH, body,
                     connections=connections, seconds=2, tokens=warm_tokens)
        return load.run_wrk(wrk, f"http://127.0.0.1:{port}", SERVICE_PATH, body,
                            connections=connections, seconds=seconds, tokens=measure_tokens)
    load.run_python("127.0.0.1", port, SERVICE_PATH, body, connections=connections,
                    seconds=2, tokens=warm_tokens)
    return load.run_python("127.0.0.1", port, SERVICE_PATH, body, connections=connections,
                           seconds=seconds, tokens=measure_tokens)


def bench_http(tmp: str, seconds: float, workers: int, threads: int,
               compare_workers: bool) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    body = data.encoded(data.make_request(20))
    log_path = Path(tmp, "gunicorn.log")
    base_env = {"CDS_ALLOW_UNAUTHENTICATED": "1", "CDS_MAX_BODY_BYTES": str(BIG_BODY),
                "CDS_LOG_LEVEL": "INFO", "PYTHONUNBUFFERED": "1"}
    runs: list[dict[str, Any]] = []

    def record(label: str, kind: str, conns: int, w: int, t: int, result: dict[str, Any]) -> None:
        row = {"label": label, "app": kind, "connections": conns, "workers": w,
               "threads": t, "worker_class": "gthread" if t > 1 else "sync", **result}
        runs.append(row)
        print(f"  http {label:<10} c={conns:<3} {row['worker_class']:<7} {row['rps']:>8.1f} req/s "
              f"p50 {row['p50_ms']:.1f} ms p99 {row['p99_ms']:.1f} ms non2xx {row['non2xx']}",
              file=sys.stderr)

    configs = [(workers, threads)]
    if compare_workers:
        other = 1 if threads > 1 else 4
        configs.append((workers, other))
    for w, t in configs:
        with gunicorn("noop", base_env, w, t, log_path) as port:
            for conns in (16, 64):
                record("noop", "noop", conns, w, t, drive(port, body, conns, seconds))
        db = Path(tmp, f"real-{w}-{t}.db")
        env = {**base_env, "DATABASE_URL": f"sqlite:///{db}"}
        with gunicorn("real", env, w, t, log_path) as port:
            for conns in (16, 64):
                record("real", "real", conns, w, t, drive(port, body, conns, seconds))

    # JWT validation on: ES384 token per request, unique jti, loopback JWKS server.
    from tests.support.cds_auth import JwksServer, ec_key

    key = ec_key()
    jwks = JwksServer([key])
    try:
        w, t = workers, threads
        db = Path(tmp, "jwt.db")
        env = {**base_env, "DATABASE_URL": f"sqlite:///{db}",
               "CDS_TRUSTED_ISSUERS": json.dumps({ISSUER: jwks.url}),
               "CDS_PATIENT_HASH_KEY": BENCH_HASH_KEY}
        env["CDS_ALLOW_UNAUTHENTICATED"] = "0"
        for conns in (16, 64):
            # Enough unique tokens for the run at well above the unauthenticated rate.
            real_rps = max(r["rps"] for r in runs if r["app"] == "real")
            count = int(real_rps * (seconds + 1) * 1.3) + 400
            with gunicorn("real", env, w, t, log_path, public_base_url=True) as port:
                aud = f"http://127.0.0.1:{port}{SERVICE_PATH}"
                tokens = make_tokens(key, jwks.url, aud, count)
                record("real+jwt", "real", conns, w, t, drive(port, body, conns, seconds, tokens))
    finally:
        jwks.stop()

    ratios = {}
    for r in runs:
        noop = next((n for n in runs if n["app"] == "noop" and n["label"] == "noop"
                     and n["connections"] == r["connections"] and n["threads"] == r["threads"]),
                    None)
        if r["label"] != "noop" and noop and noop["rps"]:
            ratios[f"{r['label']}/noop c={r['connections']} {r['worker_class']}"] = round(
                r["rps"] / noop["rps"], 3)
    return {"body_kb": round(len(body) / 1024, 1), "seconds": seconds, "runs": runs,
            "ratios": ratios}


# -- report -------------------------------------------------------------------------------


def table(results: dict[str, Any]) -> str:
    lines = []
    m = results["machine"]
    lines.append(f"Machine: {m['nproc']} cores, {m['cpu_model']}, Python {m['python']}")
    if results.get("realistic"):
        from benchmarks import realistic

        lines.append(f"Load before: {load_text(results['load_before'])}")
        lines += ["", *realistic.lines(results["realistic"])]
    inproc = results.get("inprocess")
    if inproc:
        lines.append("")
        lines.append("In-process order-select (Flask test client), ms")
        lines.append("| reports+studies | body KB | cold median | cold p99 | warm median | "
                     "warm p99 | cards |")
        lines.append("|---:|---:|---:|---:|---:|---:|---:|")
        for r in inproc["rows"]:
            lines.append(f"| {r['reports']}+{r['studies']} | {r['body_kb']} | "
                         f"{r['cold']['median_ms']:.2f} | {r['cold']['p99_ms']:.2f} | "
                         f"{r['warm']['median_ms']:.2f} | {r['warm']['p99_ms']:.2f} | "
                         f"{r['cards']} |")
        lines.append(f"Growth 5000/1000 (linear = 5): {inproc['growth_5000_over_1000']}")
    http = results.get("http")
    if http:
        lines.append("")
        lines.append(f"HTTP, gunicorn, {http['body_kb']} KB order-select, "
                     f"{http['seconds']:.0f} s per run")
        lines.append("| app | conns | workers | class | req/s | p50 ms | p99 ms | non-2xx | "
                     "tool |")
        lines.append("|---|---:|---:|---|---:|---:|---:|---:|---|")
        for r in http["runs"]:
            lines.append(f"| {r['label']} | {r['connections']} | {r['workers']} | "
                         f"{r['worker_class']} | {r['rps']:.0f} | {r['p50_ms']:.2f} | "
                         f"{r['p99_ms']:.2f} | {r['non2xx']} | {r['tool']} |")
        for k, v in http["ratios"].items():
            lines.append(f"ratio {k}: {v}")
    fetch = results.get("fetch")
    if fetch:
        lines.append("")
        lines.append(f"Fetch path, FHIR server 200 ms/query: {fetch['queries_per_call']} "
                     f"queries (sum {fetch['sum_of_queries_ms']} ms) -> median "
                     f"{fetch['median_ms']} ms, max {fetch['max_ms']} ms")
    mem = results.get("memory")
    if mem:
        lines.append("")
        lines.append(f"Memory: {mem['calls']} calls in {mem['seconds']} s, RSS MB "
                     + ", ".join(f"{n}:{v}" for n, v in mem["rss_mb"]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--only", nargs="*",
                        choices=["realistic", "inprocess", "fetch", "memory", "http", "traffic",
                                 "traffic-http", "traffic-inprocess", "traffic-memory"],
                        default=["realistic"])
    parser.add_argument("--quick", action="store_true",
                        help="realistic, traffic: a short run of every part to check the "
                             "harness (traffic writes results/traffic-quick.json)")
    parser.add_argument("--no-http", action="store_true",
                        help="realistic: the in-process figures only")
    parser.add_argument("--traffic-calls", type=int, default=None,
                        help="traffic: calls of distinct patients for the RSS figure "
                             "(default 100,000; --quick 5,000)")
    parser.add_argument("--traffic-database", default=None,
                        help="realistic, traffic: DATABASE_URL of the service's HTTP runs "
                             "(default: a fresh SQLite file per server)")
    parser.add_argument("--seconds", type=float, default=None,
                        help="per HTTP run (default 10; --quick 3)")
    parser.add_argument("--memory-calls", type=int, default=100_000)
    parser.add_argument("--budget", type=float, default=4.0,
                        help="seconds of calls per in-process size and mode")
    parser.add_argument("--workers", type=int, default=0, help="default: serve's default")
    parser.add_argument("--threads", type=int, default=0, help="default: serve's default")
    parser.add_argument("--no-compare", action="store_true",
                        help="skip the sync-vs-gthread comparison")
    parser.add_argument("--out", type=Path, default=None,
                        help="results JSON (default results/latest.json; traffic alone: "
                             "results/traffic.json)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))  # tests.support (JWKS server, FHIR server)

    traffic_parts = {p.removeprefix("traffic-").removeprefix("traffic")
                     for p in args.only if p.startswith("traffic")}
    if "" in traffic_parts:
        traffic_parts = {"http", "inprocess", "memory"}
    classic = [p for p in args.only if not p.startswith("traffic")]
    status = 0
    if classic:
        status = classic_run(classic, args)
    if traffic_parts:
        problem = preflight("http" in traffic_parts)
        if problem:
            print(f"cannot run the traffic benchmark: {problem}", file=sys.stderr)
            return 2
        from benchmarks import traffic

        status |= traffic.run(sorted(traffic_parts), quick=args.quick, seconds=args.seconds,
                              calls=args.traffic_calls, out=None if classic else args.out,
                              database_url=args.traffic_database)
    return status


def preflight(http: bool) -> str | None:
    """Why the traffic benchmark cannot run here, before it starts anything (else None)."""
    import importlib

    for module in ("cds_service.web.api", "cds_service.pipeline.run", "benchmarks.naive_app"):
        try:
            importlib.import_module(module)
        except ImportError as err:
            return (f"{module} does not import ({err}); install the project into this "
                    f"virtualenv: .venv/bin/pip install -e '.[test]'")
    if http and load.ensure_wrk() is None:
        return "wrk is not installed (apt-get install wrk)"
    return None


def classic_run(parts: list[str], args: argparse.Namespace) -> int:
    """Issue 6's sections: one repeated body (in-process, fetch path, memory, HTTP)."""
    from cds_service.cli.serve import DEFAULT_THREADS, default_workers

    workers = args.workers or default_workers()
    threads = args.threads or DEFAULT_THREADS
    results: dict[str, Any] = {"machine": machine()}
    with tempfile.TemporaryDirectory(prefix="cds-bench-") as tmp:
        if "realistic" in parts:
            from benchmarks import realistic

            results["load_before"] = load_now()
            if not args.no_http and load.ensure_wrk() is None:
                print("the realistic HTTP part needs wrk (apt-get install wrk); --no-http "
                      "skips it", file=sys.stderr)
                return 2
            results["realistic"] = realistic.run(
                tmp, quick=args.quick, http=not args.no_http, seconds=args.seconds,
                database_url=args.traffic_database)
        if "inprocess" in parts:
            results["inprocess"] = bench_inprocess(tmp, args.budget)
        if "fetch" in parts:
            results["fetch"] = bench_fetch(tmp)
        if "http" in parts:
            results["http"] = bench_http(tmp, args.seconds or 10.0, workers, threads,
                                         not args.no_compare)
        if "memory" in parts:
            results["memory"] = bench_memory(tmp, args.memory_calls)
    print(table(results))
    out = args.out or RESULTS / "latest.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1) + "\n")
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
