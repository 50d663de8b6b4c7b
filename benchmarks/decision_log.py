"""What the decision log costs per hook call (issue 11, item 4).

    python -m benchmarks.decision_log [--calls N] [--pairs P]

Case: in-process (Flask test client), a new patient on every call (``benchmarks/stream.py``,
20 reports + 20 studies, one record in ten with calcification), SQLite file database.

1. **Log alone.** The ``record_call`` arguments of ``N`` real calls are captured, then replayed
   into a fresh store: ``record_call`` × N and ``flush``, process CPU time (every thread: the
   caller and the writer) per call, in ``--pairs`` rounds; against the median CPU of a call.
2. **Whole calls, log on vs off.** Alternating blocks of calls with ``record_call`` live and
   replaced by a no-op; CPU of the process per call, the writer flushed inside the "on" window;
   and the log's own CPU in those calls, precisely: ``record_call`` on the calling thread
   (``time.thread_time``) plus the writer thread's CPU clock (``pthread_getcpuclockid``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from typing import Any

from benchmarks import stream
from cds_service.web.state import state


def _app(tmp: str, name: str) -> Any:
    from benchmarks.common import make_app

    return make_app(tmp, database_url=f"sqlite:///{tmp}/{name}.db")


def log_alone(tmp: str, calls: int, rounds: int) -> dict[str, Any]:
    from benchmarks.data import SELECT_ID

    app = _app(tmp, "capture")
    store = state(app).store
    captured: list[dict[str, Any]] = []
    real = store.decision_log.record_call
    store.decision_log.record_call = lambda **kw: captured.append(kw)
    client = app.test_client()
    s = stream.Stream(stream.make_pool(400), start=7 * 10**9)
    call_cpu = []
    for _ in range(calls):
        body = s.next()
        c = time.process_time()
        resp = client.post(f"/cds-services/{SELECT_ID}", data=body,
                           content_type="application/json")
        call_cpu.append(time.process_time() - c)
        assert resp.status_code == 200
    store.decision_log.record_call = real
    out: dict[str, Any] = {"calls": len(captured),
                           "cards": sum(len(kw["cards"]) for kw in captured),
                           "call_cpu_median_ms": round(statistics.median(call_cpu) * 1e3, 3),
                           "call_cpu_mean_ms": round(statistics.fmean(call_cpu) * 1e3, 3)}
    # back to back; then spaced by 1 ms of idle (a gunicorn worker waiting for its next
    # request), when a writer woken by each call runs at once instead of a batch later
    for mode, gap in (("back_to_back", 0.0), ("spaced_1ms", 0.001)):
        per_call = []
        for r in range(rounds):
            target = state(_app(tmp, f"replay-{mode}-{r}")).store
            # the writer thread exists before the clock
            target.decision_log.record_call(**captured[0])
            target.flush(30)
            c = time.process_time()
            for kw in captured:
                target.decision_log.record_call(**kw)
                if gap:
                    time.sleep(gap)
            assert target.flush(60)
            per_call.append((time.process_time() - c) / len(captured))
            assert target.decision_log.dropped == 0
            target.close()
        idle = 0.0
        if gap:  # the sleeps' own CPU, subtracted
            c = time.process_time()
            for _ in captured:
                time.sleep(gap)
            idle = (time.process_time() - c) / len(captured)
        log_us = (statistics.median(per_call) - idle) * 1e6
        out[mode] = {"log_cpu_us_per_call": round(log_us, 1),
                     "rounds_us": [round(x * 1e6, 1) for x in per_call],
                     "share_of_median_call": round(log_us / 1e3 / out["call_cpu_median_ms"],
                                                   4)}
    return out


def on_off(tmp: str, block: int, pairs: int) -> dict[str, Any]:
    from benchmarks.data import SELECT_ID

    app = _app(tmp, "onoff")
    store = state(app).store
    real = store.decision_log.record_call
    client = app.test_client()
    s = stream.Stream(stream.make_pool(400), start=8 * 10**9)

    submit = [0.0]
    log_cpu: list[float] = []

    def timed(**kw: Any) -> None:
        t = time.thread_time()
        real(**kw)
        submit[0] += time.thread_time() - t

    def run(live: bool) -> float:
        store.decision_log.record_call = timed if live else (lambda **_kw: None)
        submit[0] = 0.0
        clock = time.pthread_getcpuclockid(store.decision_log.writer()._thread.ident)  # noqa: SLF001
        w = time.clock_gettime(clock)
        c = time.process_time()
        for _ in range(block):
            resp = client.post(f"/cds-services/{SELECT_ID}", data=s.next(),
                               content_type="application/json")
            assert resp.status_code == 200
        if live:
            assert store.flush(60)
            log_cpu.append((submit[0] + time.clock_gettime(clock) - w) / block)
        return (time.process_time() - c) / block

    run(True)
    run(False)
    log_cpu.clear()
    on, off = [], []
    for i in range(pairs):
        for live in ((True, False) if i % 2 else (False, True)):
            (on if live else off).append(run(live))
    diffs = [a - b for a, b in zip(on, off, strict=True)]
    return {"block": block, "pairs": pairs,
            # the log's own CPU: record_call on the calling thread + the writer thread's clock
            "log_cpu_us_per_call": round(statistics.median(log_cpu) * 1e6, 1),
            "log_share_of_call": round(statistics.median(log_cpu) / statistics.median(on), 4),
            "on_ms": round(statistics.median(on) * 1e3, 3),
            "off_ms": round(statistics.median(off) * 1e3, 3),
            "median_pair_diff_us": round(statistics.median(diffs) * 1e6, 1),
            "pair_diffs_us": [round(d * 1e6) for d in diffs]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--block", type=int, default=200)
    parser.add_argument("--pairs", type=int, default=0, help="whole-call on/off pairs (slow)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cds-dlog-") as tmp:
        print("log alone:", log_alone(tmp, args.calls, args.rounds), file=sys.stderr)
        if args.pairs:
            print("on/off:", on_off(tmp, args.block, args.pairs), file=sys.stderr)


if __name__ == "__main__":
    main()
