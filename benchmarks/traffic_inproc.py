"""The in-process parts of the real-traffic benchmark (issue 11), each run in its own process.

    python -m benchmarks.traffic_inproc inprocess --out FILE [--quick]
    python -m benchmarks.traffic_inproc memory --out FILE --calls N [--shrink N]

``inprocess``: the Flask test client, distinct patients (``stream.py``): the no-op and the
service at 20+20 (median, p99, CPU median), one body repeated, then records of
20/100/1,000/5,000 reports and as many studies, everything in prefetch, without calcification
anywhere (the pre-filter's case) and with two reports mentioning it; the 5,000/1,000 growth.

``memory``: RSS of this process over N calls of distinct patients, sampled from
``/proc/self/statm`` with the byte size of each pipeline cache beside it; ``--shrink N``
divides every cache's bound by N (to show the plateau sooner).

Each writes its JSON to ``--out`` (``memory`` after every sample, so a run stopped by its
deadline still leaves what it measured) and prints progress lines.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import stream
from benchmarks.common import make_app, pct, rss_mb, say
from benchmarks.data import SELECT_ID
from cds_service.web.state import state

PATH = f"/cds-services/{SELECT_ID}"
POOL = 400  # templates of 20+20; every call still gets its own patient number
SIZES = (20, 100, 1000, 5000)
# Calls per record size: (at least, at most, seconds to spend once the least is done).
SIZE_CALLS = {20: (50, 500, 8.0), 100: (20, 200, 8.0), 1000: (5, 30, 15.0),
              5000: (3, 6, 20.0)}
QUICK_SIZE_CALLS = {20: (10, 10, 0.0), 100: (4, 4, 0.0), 1000: (2, 2, 0.0), 5000: (1, 1, 0.0)}
NO_CALC, CALC = "no calcification", "2 reports with calcification"


def _store_flush(app: Any, seconds: float = 60.0) -> None:
    store = state(app).store
    if store is not None:
        store.flush(seconds)


def timed(client: Any, bodies: Callable[[], bytes], *, least: int, most: int | None = None,
          budget: float = 0.0) -> dict[str, Any]:
    """Calls until ``least`` are done and then ``budget`` seconds are spent (at most
    ``most``): wall and CPU time per call (the body is made before the clock starts)."""
    most = most or least
    walls: list[float] = []
    cpus: list[float] = []
    cards = 0
    size = 0
    started_cpu = time.process_time()
    started = time.perf_counter()
    while len(walls) < least or (len(walls) < most
                                 and time.perf_counter() - started < budget):
        body = bodies()
        size = len(body)
        w, c = time.perf_counter(), time.process_time()
        resp = client.post(PATH, data=body, content_type="application/json")
        cpus.append(time.process_time() - c)
        walls.append(time.perf_counter() - w)
        if resp.status_code != 200:
            raise RuntimeError(f"status {resp.status_code}: {resp.get_data()[:300]!r}")
        cards += len(resp.get_json()["cards"])
    total_cpu = time.process_time() - started_cpu
    return {"calls": len(walls), "median_ms": round(statistics.median(walls) * 1e3, 3),
            "p99_ms": round(pct(walls, 0.99) * 1e3, 3),
            "cpu_median_ms": round(statistics.median(cpus) * 1e3, 3),
            "cpu_p99_ms": round(pct(cpus, 0.99) * 1e3, 3),
            # every thread of the process (the decision-log writer too) over the whole batch
            "cpu_per_call_ms": round(total_cpu / len(walls) * 1e3, 3),
            "cards": cards, "body_kb": round(size / 1024, 1)}


def _line(label: str, row: dict[str, Any]) -> None:
    say(f"  in-process {label}: {row['calls']} calls, median {row['median_ms']} ms, "
        f"p99 {row['p99_ms']} ms, CPU median {row['cpu_median_ms']} ms, {row['cards']} cards")


def bench_inprocess(tmp: str, *, quick: bool = False) -> dict[str, Any]:
    from benchmarks.noop_app import create_noop_app

    calls = 300 if quick else 2000
    rows: dict[str, dict[str, Any]] = {}
    app = make_app(tmp)
    client = app.test_client()
    noop = create_noop_app().test_client()
    pool = stream.make_pool(POOL)
    s = stream.Stream(pool, start=10**9)
    timed(client, s.next, least=50)  # imports, first-call costs, a few with calcification
    timed(noop, s.next, least=50)

    def row(label: str, target: Any, bodies: Callable[[], bytes], **kw: Any) -> None:
        rows[label] = timed(target, bodies, **kw)
        _line(label, rows[label])

    row("no-op, 20+20 distinct patients", noop, s.next, least=calls)
    row("service, 20+20 distinct patients (1 in 10 with calcification)", client, s.next,
        least=calls)
    _store_flush(app)
    repeat = stream.Template(pool[0]).stamp(10**9 - 1)  # template 0 has calcification
    timed(client, lambda: repeat, least=5)
    row("service, 20+20 one body repeated (with calcification)", client, lambda: repeat,
        least=calls)
    row("no-op, 20+20 one body repeated", noop, lambda: repeat, least=calls)
    _store_flush(app)

    sizes: dict[str, dict[str, Any]] = {}
    plan = QUICK_SIZE_CALLS if quick else SIZE_CALLS
    for n in SIZES:
        for case in (NO_CALC, CALC):
            template = stream.make_template(random.Random(n), n, triggered=case == CALC)
            sized = stream.Stream([template], start=2 * 10**9 + n * 10**4
                                  + (10**7 if case == CALC else 0))
            least, most, budget = plan[n]
            label = f"service, {n}+{n} distinct, {case}"
            got = timed(client, sized.next, least=least, most=most, budget=budget)
            got.update(reports=n, case=case)
            sizes[label] = got
            _line(label, got)
            _store_flush(app)
    growth: dict[str, dict[str, float]] = {}
    for case in (NO_CALC, CALC):
        big = sizes[f"service, 5000+5000 distinct, {case}"]
        small = sizes[f"service, 1000+1000 distinct, {case}"]
        growth[case] = {"wall": round(big["median_ms"] / small["median_ms"], 2),
                        "cpu": round(big["cpu_median_ms"] / small["cpu_median_ms"], 2)}
    return {"rows": rows, "sizes": sizes, "growth_5000_over_1000": growth,
            "note": "Flask test client in one process; CPU = process time of the call "
                    "(median), cpu_per_call = all threads over the batch / calls"}


# -- memory -------------------------------------------------------------------------------


def caches_now() -> dict[str, dict[str, float]]:
    """The pipeline's one byte-bounded cache: MB held, bound, entries."""
    from cds_service.pipeline import run as pipeline

    cache = pipeline.CACHE
    return {"resources": {"mb": round(cache.nbytes / 2**20, 1),
                          "bound_mb": round(cache.max_bytes / 2**20, 1), "entries": len(cache)}}


def shrink_bounds(factor: float) -> dict[str, float]:
    """Divide the cache's bound by ``factor`` (a smaller copy of the service's
    configuration); the new bound in MB."""
    from cds_service.pipeline import run as pipeline

    pipeline.CACHE.max_bytes = int(pipeline.CACHE.max_bytes / factor)
    return {"resources": round(pipeline.CACHE.max_bytes / 2**20, 2)}


def bench_memory(tmp: str, calls: int, out: Path, *, tag: str, shrink: float | None = None,
                 every: int = 10_000) -> dict[str, Any]:
    app = make_app(tmp)
    shrunk = shrink_bounds(shrink) if shrink else None
    client = app.test_client()
    s = stream.Stream(stream.make_pool(POOL), start=3 * 10**9)
    result: dict[str, Any] = {"calls_planned": calls, "sample_every": every, "samples": [],
                              "bounds": f"the service's, each divided by {shrink:g}: {shrunk}"
                              if shrink else "the service's defaults",
                              "how": "Flask test client in a process of its own, RSS from "
                                     "/proc/self/statm"}
    points = sorted({0, *range(every, calls + 1, every), calls,
                     *(p for p in (1000, 2000, 5000) if p < every and p < calls)})
    started = time.perf_counter()
    done = 0
    for point in points:
        while done < point:
            resp = client.post(PATH, data=s.next(), content_type="application/json")
            if resp.status_code != 200:
                raise RuntimeError(f"call {done}: status {resp.status_code}")
            done += 1
        sample = {"calls": done, "rss_mb": round(rss_mb(), 1), "caches": caches_now(),
                  "seconds": round(time.perf_counter() - started, 1)}
        result["samples"].append(sample)
        result["calls"] = done
        caches = ", ".join(f"{k} {v['mb']}/{v['bound_mb']} MB ({v['entries']})"
                           for k, v in sample["caches"].items())
        say(f"  memory [{tag}] {done:>7} calls: RSS {sample['rss_mb']} MB; caches {caches}; "
            f"{sample['seconds']} s")
        out.write_text(json.dumps(result, indent=1) + "\n")
    _store_flush(app)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", choices=["inprocess", "memory"])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--every", type=int, default=10_000)
    parser.add_argument("--shrink", type=float, help="divide every cache bound by this")
    parser.add_argument("--tag", default="default bounds")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cds-traffic-") as tmp:
        if args.part == "inprocess":
            got = bench_inprocess(tmp, quick=args.quick)
            args.out.write_text(json.dumps(got, indent=1) + "\n")
        else:
            bench_memory(tmp, args.calls, args.out, tag=args.tag, shrink=args.shrink,
                         every=args.every)
    return 0


if __name__ == "__main__":
    sys.exit(main())
