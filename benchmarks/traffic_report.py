"""The printout of the real-traffic benchmark (issue 11): tables of every part, and each target
of the issue with what was measured. The verdicts are arithmetic on this run's figures (for the
README's table); no test depends on them."""

from __future__ import annotations

from typing import Any

from benchmarks import traffic_http as th
from benchmarks.common import load_text

# Issue 11's targets (2 cores, gunicorn 2 sync workers, 16 connections, same sitting).
JWT_RATIO, NO_JWT_RATIO, TIMES_NAIVE, REPEAT_RATIO = 0.4, 0.5, 5.0, 0.8
MEDIAN_MS, P99_MS, THOUSAND_MS, HTTP_P99_MS = 1.5, 4.0, 60.0, 50.0
LINEAR_SLACK = 1.1  # 5,000/1,000 counts as linear up to 5 x this
FLAT_SHARE = 0.05  # RSS flat: the last half of the calls adds at most this share of RSS


def _fmt(x: Any, nd: int = 2) -> str:
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:,.{nd}f}"
    return f"{x:,}" if isinstance(x, int) else str(x)


def _loads(got: dict[str, Any]) -> str:
    parts = []
    if "load_before" in got:
        parts.append("before " + load_text(got["load_before"]))
    if "load_after" in got:
        parts.append("after " + load_text(got["load_after"]))
    return "; ".join(parts)


def http_table(http: dict[str, Any]) -> list[str]:
    lines = [f"HTTP: gunicorn {http['workers']} {http['worker_class']} workers, "
             f"{http['connections']} connections, wrk {http['wrk_threads']} threads on the same "
             f"cores; {http['seconds']:.0f} s per run after {http['warm_seconds']:.0f} s warm-up; "
             f"~{http['body_kb']} KB bodies (20 reports + 20 studies + 2 draft orders); "
             f"service database: {http['database']}",
             "req/s = 2xx answers per second. Ratio: to the no-op of the same traffic "
             "(distinct rows to the distinct no-op, repeated rows to the repeated no-op).",
             "view ms: the service's own time per call from its log (the view, without "
             "authentication and the WSGI server), median / mean.",
             "| server, traffic | req/s | ratio to no-op | × naive | p50 ms | p99 ms | view ms "
             "| valid |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    notes = []
    for label, r in http["runs"].items():
        if "failed" in r:
            lines.append(f"| {label} | FAILED | | | | | | no |")
            notes.append(f"{label}: {r['failed']}")
            continue
        v = r.get("view_ms")
        view = f"{v['median']} / {v['mean']}" if v else ""
        lines.append(f"| {label} | {r['rps']:,.1f} | {_fmt(r.get('ratio_to_noop'), 3)} | "
                     f"{_fmt(r.get('times_naive'))} | {r['p50_ms']} | {r['p99_ms']} | "
                     f"{view} | {'yes' if r.get('valid') else 'NO'} |")
        if r.get("problems"):
            notes.append(f"{label}: " + "; ".join(r["problems"] + r.get("server_log", [])))
    rep = http["runs"].get(th.SERVICE_REPEAT, {})
    if rep.get("ratio_to_noop_distinct"):
        lines.append(f"(service, one body repeated, against the distinct-patient no-op: "
                     f"{rep['ratio_to_noop_distinct']:.3f})")
    lines += [f"  ! {n}" for n in notes]
    return lines


def inprocess_table(inp: dict[str, Any]) -> list[str]:
    lines = ["In-process, Flask test client (distinct patients unless said); CPU = the "
             "process's CPU time during the call (every thread: the decision-log writer's "
             "share too)",
             "| case | calls | median ms | p99 ms | CPU median ms | CPU p99 ms | cards |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for label, r in inp["rows"].items():
        lines.append(f"| {label} | {r['calls']} | {r['median_ms']} | {r['p99_ms']} | "
                     f"{r['cpu_median_ms']} | {r['cpu_p99_ms']} | {r['cards']} |")
    lines += ["", "Record sizes, everything in prefetch, a new patient every call "
              "(no calcification: the pre-filter's case; with: 2 reports mention it)",
              "| reports+studies | body KB | case | calls | median ms | p99 ms | CPU median ms "
              "| cards |",
              "|---:|---:|---|---:|---:|---:|---:|---:|"]
    for r in inp["sizes"].values():
        lines.append(f"| {r['reports']}+{r['reports']} | {r['body_kb']:,} | {r['case']} | "
                     f"{r['calls']} | {r['median_ms']} | {r['p99_ms']} | {r['cpu_median_ms']} "
                     f"| {r['cards']} |")
    for case, g in inp["growth_5000_over_1000"].items():
        lines.append(f"Growth 5,000 over 1,000 records, {case}: {g['wall']} (wall median), "
                     f"{g['cpu']} (CPU median); linear = 5")
    return lines


def memory_table(mem: dict[str, Any]) -> list[str]:
    tags = [t for t in ("default bounds", "small bounds") if t in mem]
    lines = [f"Memory: RSS over {mem['calls']:,} calls of distinct patients, Flask test client, "
             f"one process per column, both at once ('small bounds': every cache's bound "
             f"divided by {mem.get('shrink')}, set for that run only)",
             "| calls | " + " | ".join(f"RSS MB ({t}) | caches MB ({t})" for t in tags) + " |",
             "|---:|" + "---:|---|" * len(tags)]
    by_calls: dict[int, dict[str, Any]] = {}
    for t in tags:
        for s in mem[t].get("samples", []):
            by_calls.setdefault(s["calls"], {})[t] = s
    for n in sorted(by_calls):
        cells = []
        for t in tags:
            s = by_calls[n].get(t)
            if s is None:
                cells += ["", ""]
                continue
            caches = ", ".join(f"{k} {v['mb']}/{v['bound_mb']}" for k, v in s["caches"].items())
            cells += [f"{s['rss_mb']}", caches]
        lines.append(f"| {n:,} | " + " | ".join(cells) + " |")
    for t in tags:
        g = mem[t]
        if "growth_last_half_mb" in g:
            line = (f"{t}: RSS {g['rss_start_mb']} MB at start, {g['rss_half_mb']} MB after "
                    f"{g['half_calls']:,} calls (+{g['growth_first_half_mb']}), "
                    f"{g['rss_end_mb']} MB at the end (+{g['growth_last_half_mb']} over the "
                    f"last half); ")
            if g.get("caches_full_at_calls"):
                line += (f"caches at 90% of their bounds from {g['caches_full_at_calls']:,} "
                         f"calls ({g['rss_when_full_mb']} MB), then +{g['growth_after_full_mb']}"
                         f" MB over the {g['calls_after_full']:,} calls after")
            else:
                line += "caches not yet at their bounds"
            lines.append(line + f"; {g['samples'][-1].get('seconds', '?')} s")
        if "failed" in g:
            lines.append(f"  ! {t}: {g['failed']}")
    return lines


def _run(results: dict[str, Any], label: str) -> dict[str, Any] | None:
    r = results.get("http", {}).get("runs", {}).get(label)
    return r if r and "failed" not in r and r.get("valid") else None


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of issue 11: what was measured here, and whether it is met."""
    out: list[dict[str, Any]] = []

    def add(target: str, value: float | None, met: bool | None, shown: str) -> None:
        out.append({"target": target, "value": value,
                    "met": None if value is None else met,
                    "measured": shown if value is not None else "no valid measurement"})

    jwt, plain, rep = (_run(results, x) for x in (th.JWT_RUN, th.SERVICE, th.SERVICE_REPEAT))
    v = jwt and jwt.get("ratio_to_noop")
    add("distinct patients with JWT >= 0.4 of the no-op", v, bool(v and v >= JWT_RATIO),
        f"{v:.3f}" if v else "")
    v = plain and plain.get("ratio_to_noop")
    add("without JWT >= 0.5 of the no-op", v, bool(v and v >= NO_JWT_RATIO),
        f"{v:.3f}" if v else "")
    v = jwt and jwt.get("times_naive")
    extra = f" (no JWT: {plain['times_naive']})" if plain and plain.get("times_naive") else ""
    add(">= 5x the naive peer (JWT run)", v, bool(v and v >= TIMES_NAIVE),
        f"{v:.2f}x{extra}" if v else "")
    v = rep and rep.get("ratio_to_noop")
    add("repeat calls >= 0.8 of the no-op (repeated body both)", v,
        bool(v and v >= REPEAT_RATIO), f"{v:.3f}" if v else "")
    v = jwt and jwt.get("p99_ms")
    extra = f" (no JWT: {plain['p99_ms']} ms)" if plain else ""
    add("p99 at 16 connections <= 50 ms, distinct patients (JWT run)", v,
        bool(v is not None and v <= HTTP_P99_MS), f"{v} ms{extra}")
    rows = results.get("inprocess", {}).get("rows", {})
    row = next((r for k, r in rows.items() if k.startswith("service, 20+20 distinct")), None)
    v = row and row["median_ms"]
    add("in-process new patient 20+20: median <= 1.5 ms", v,
        bool(v is not None and v <= MEDIAN_MS),
        f"{v} ms (CPU median {row['cpu_median_ms']} ms)" if row else "")
    v = row and row["p99_ms"]
    add("in-process new patient 20+20: p99 <= 4 ms", v, bool(v is not None and v <= P99_MS),
        f"{v} ms (CPU p99 {row['cpu_p99_ms']} ms)" if row else "")
    sizes = results.get("inprocess", {}).get("sizes", {})
    thousand = [r for r in sizes.values() if r["reports"] == 1000]
    v = max((r["median_ms"] for r in thousand), default=None)
    add("1,000 reports <= 60 ms (slower of with/without calcification)", v,
        bool(v is not None and v <= THOUSAND_MS),
        "; ".join(f"{r['case']}: {r['median_ms']} ms (CPU {r['cpu_median_ms']})"
                  for r in thousand))
    growth = results.get("inprocess", {}).get("growth_5000_over_1000", {})
    v = max((g["cpu"] for g in growth.values()), default=None)
    add(f"5,000 linear (5,000/1,000 CPU median <= {5 * LINEAR_SLACK:.1f})", v,
        bool(v is not None and v <= 5 * LINEAR_SLACK),
        "; ".join(f"{c}: CPU {g['cpu']}, wall {g['wall']}" for c, g in growth.items()))
    mem = results.get("memory", {}).get("default bounds", {})
    v = mem.get("growth_after_full_mb")
    calls = results.get("memory", {}).get("calls", 0)
    shown = (f"+{v} MB over the {mem['calls_after_full']:,} calls after the caches reached "
             f"their bounds at {mem['caches_full_at_calls']:,} ({mem['rss_when_full_mb']} -> "
             f"{mem['rss_end_mb']} MB; +{mem['growth_last_half_mb']} over the last half)"
             if v is not None else "")
    if v is None and "growth_last_half_mb" in mem:
        shown = (f"caches not yet at their bounds: +{mem['growth_last_half_mb']} MB over "
                 f"the last half")
    add(f"RSS flat over {calls:,} calls (service's cache bounds; once the caches are full, "
        f"the rest adds <= {FLAT_SHARE:.0%} of RSS)", v,
        v is not None and v <= FLAT_SHARE * mem["rss_when_full_mb"], shown)
    if v is None and shown:
        out[-1].update(measured=shown)
    return out


def report(results: dict[str, Any]) -> str:
    m = results["machine"]
    quick = " QUICK (a check of the harness, not figures)" if results["quick"] else ""
    lines = [f"===== Real traffic (issue 11){quick}",
             f"Machine: {m['nproc']} cores (nproc), {m['cpu_model']}, {m['mem_gb']} GB, "
             f"Python {m['python']}, {m['platform']}; started {m['date']}"]
    for part, table in (("http", http_table), ("inprocess", inprocess_table),
                        ("memory", memory_table)):
        got = results.get(part)
        if got is None:
            continue
        lines.append("")
        if "failed" in got and part != "memory":
            lines.append(f"{part}: FAILED: {got['failed']}")
        else:
            lines += table(got)
        lines.append(f"({part}: {got.get('seconds_taken')} s; {_loads(got)})")
    if results.get("targets"):
        lines += ["", "Targets (issue 11) | measured | met",
                  "|---|---|---|"]
        for t in results["targets"]:
            met = {True: "met", False: "NOT met", None: "-"}[t["met"]]
            lines.append(f"| {t['target']} | {t['measured']} | {met} |")
    return "\n".join(lines)
