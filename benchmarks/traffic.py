"""Real traffic (issue 11): a new patient on every call, report text never seen before.

``python -m benchmarks --only traffic`` (``--quick`` to check the whole run in ~2 minutes) runs,
in one sitting, and prints with the machine and its load before and after each part:

* ``http`` (``traffic_http.py``): gunicorn 2 sync workers, 16 connections, wrk: the no-op, the
  naive ``fhir.resources`` peer, this service with ES384 JWT + unique ``jti`` (the headline),
  without JWT, and one body repeated (no-op and service); req/s, ratios, p50, p99;
* ``inprocess`` (``traffic_inproc.py``, its own process): 20+20 distinct and repeated, and
  records of 20/100/1,000/5,000 reports with and without calcification, everything in
  prefetch; the 5,000/1,000 growth;
* ``memory`` (``traffic_inproc.py``, two processes side by side): RSS over ``--traffic-calls``
  calls of distinct patients (100,000) with the cache sizes beside it, once with the
  service's cache bounds and once with each bound divided by 16 (the plateau shows
  sooner).

Then the issue's targets, each with what was measured. Results: ``results/traffic.json``
(``--quick``: ``results/traffic-quick.json``), written after every part.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import traffic_http as th
from benchmarks.common import ROOT, load_now, load_text, machine, say
from benchmarks.traffic_report import report, targets

PARTS = ("http", "inprocess", "memory")
SHRINK = 16  # the second memory run divides every cache bound by this (64 MB -> 4 MB)


# -- running the parts --------------------------------------------------------------------


def _child(part: str, out: Path, extra: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "benchmarks.traffic_inproc", part,
                             "--out", str(out), *extra], cwd=ROOT)


def _wait(proc: subprocess.Popen[bytes], deadline: float) -> str | None:
    """None when the child ended well by ``deadline`` (monotonic), else why not."""
    try:
        rc = proc.wait(max(1.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)
        return "stopped at its deadline (killed)"
    return None if rc == 0 else f"exited with {rc} (see its output above)"


def _read(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def run_inprocess(tmp: Path, quick: bool, timeout: float) -> dict[str, Any]:
    out = tmp / "inprocess.json"
    why = _wait(_child("inprocess", out, ["--quick"] if quick else []),
                time.monotonic() + timeout)
    got = _read(out)
    if got is None:
        return {"failed": why or "no result written"}
    return got


def run_memory(tmp: Path, calls: int, timeout: float) -> dict[str, Any]:
    every = max(1, calls // 10)
    runs = {"default bounds": [], "small bounds": ["--shrink", str(SHRINK)]}
    procs = {tag: (_child("memory", tmp / f"memory-{i}.json",
                          ["--calls", str(calls), "--every", str(every), "--tag", tag, *extra]),
                   tmp / f"memory-{i}.json")
             for i, (tag, extra) in enumerate(runs.items())}
    deadline = time.monotonic() + timeout
    out: dict[str, Any] = {"calls": calls, "side_by_side": True, "shrink": SHRINK}
    for tag, (proc, path) in procs.items():
        why = _wait(proc, deadline)
        got = _read(path) or {"samples": []}
        if why:
            got["failed"] = why
        got.update(plateau(got["samples"]))
        out[tag] = got
    return out


def plateau(samples: list[dict[str, Any]]) -> dict[str, Any]:
    """RSS growth over each half of the calls, the first sample where every cache held at
    least 90% of its bound (after it the caches cannot grow), and the growth from there on."""
    if len(samples) < 3:
        return {}
    last = samples[-1]
    half = min(samples, key=lambda s: abs(s["calls"] - last["calls"] / 2))
    full = next((s for s in samples if s["caches"] and all(
        c["mb"] >= 0.9 * c["bound_mb"] for c in s["caches"].values())), None)
    out = {"rss_start_mb": samples[0]["rss_mb"], "rss_half_mb": half["rss_mb"],
           "rss_end_mb": last["rss_mb"], "half_calls": half["calls"],
           "growth_first_half_mb": round(half["rss_mb"] - samples[0]["rss_mb"], 1),
           "growth_last_half_mb": round(last["rss_mb"] - half["rss_mb"], 1),
           "caches_full_at_calls": full and full["calls"]}
    if full is not None:
        out.update(rss_when_full_mb=full["rss_mb"],
                   growth_after_full_mb=round(last["rss_mb"] - full["rss_mb"], 1),
                   calls_after_full=last["calls"] - full["calls"])
    return out


def run(parts: list[str], *, quick: bool, seconds: float | None, calls: int | None,
        out: Path | None, database_url: str | None = None) -> int:
    """Run ``parts``, print everything, write the JSON; 0 when every part and run was valid."""
    seconds = seconds or (3.0 if quick else 10.0)
    warm = 1.0 if quick else 2.0
    calls = calls or (5_000 if quick else 100_000)
    out = out or ROOT / "benchmarks" / "results" / ("traffic-quick.json" if quick
                                                    else "traffic.json")
    logs = Path(tempfile.mkdtemp(prefix="cds-traffic-logs-"))
    results: dict[str, Any] = {
        "machine": machine(), "command": shlex.join([Path(sys.executable).name,
                                                     "-m", "benchmarks", *sys.argv[1:]]),
        "quick": quick, "logs": str(logs)}
    started = time.perf_counter()
    m = results["machine"]
    say(f"== Real traffic (issue 11){' QUICK' if quick else ''}: {m['date']}")
    say(f"Machine: {m['nproc']} cores, {m['cpu_model']}, {m['mem_gb']} GB, Python "
        f"{m['python']}, {m['platform']}")
    say(f"Server logs and scratch files: {logs}")
    for part in [p for p in PARTS if p in parts]:
        before = load_now()
        say(f"\n-- {part}: before, {load_text(before)}")
        t0 = time.perf_counter()
        try:
            if part == "http":
                got = th.bench_http(seconds=seconds, warm=warm, logs=logs,
                                    database_url=database_url)
            elif part == "inprocess":
                got = run_inprocess(logs, quick, 300 if quick else 1500)
            else:
                got = run_memory(logs, calls, 300 if quick else max(900, calls * 0.025))
        except Exception as err:  # noqa: BLE001 - reported, and the other parts still run
            got = {"failed": f"{type(err).__name__}: {err}"}
            say(f"  {part} FAILED: {got['failed']}")
        after = load_now(sample=0)
        got.update(load_before=before, load_after=after,
                   seconds_taken=round(time.perf_counter() - t0, 1))
        say(f"-- {part}: {got['seconds_taken']} s; after, {load_text(after)}")
        results[part] = got
        _write(out, results)
    results["targets"] = targets(results)
    results["seconds_taken"] = round(time.perf_counter() - started, 1)
    (logs / "pool.jsonl").unlink(missing_ok=True)  # 17 MB of templates; the logs stay
    _write(out, results)
    say("")
    say(report(results))
    say(f"\nTook {results['seconds_taken']:.0f} s. Wrote {out}")
    return 0 if all_valid(results) else 1


def _write(out: Path, results: dict[str, Any]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1) + "\n")


def all_valid(results: dict[str, Any]) -> bool:
    for part in PARTS:
        got = results.get(part)
        if got is None:
            continue
        if "failed" in got:
            return False
        if part == "http" and any("failed" in r or not r.get("valid") for r in
                                  got["runs"].values()):
            return False
        if part == "memory" and any("failed" in got.get(t, {}) for t in
                                    ("default bounds", "small bounds")):
            return False
    return True
