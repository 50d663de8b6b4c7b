"""Fuzz the report and order reader for slow inputs (issue 12 §2).

``.venv/bin/python -m benchmarks.fuzz_text [--examples 400] [--size 8000] [--seed 0] [--json]``

Hypothesis generates texts of about ``--size`` characters from runs of the hostile pieces
(``benchmarks/hostile_text.PIECES``, each repeated 1 to 512 times) and steers towards slow
ones with ``hypothesis.target`` on process CPU time per KB. Each text is read the way a hook
call reads it: as a DiagnosticReport ``conclusion``, as a text/plain and as a text/html
``presentedForm``, and as a draft order's text (slowest path counts). At the end the five
slowest texts found are repeated to 100 KB and read again, so a shape that is only slow when
long (super-linear) shows; the target is under 100 ms each at 100 KB.

Prints the number of inputs tried, the worst CPU ms per KB found, and for the slowest the
100 KB figure. Times are process CPU time (``time.process_time``): the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

import hypothesis
from hypothesis import HealthCheck, Phase, given, settings, target
from hypothesis import strategies as st

from benchmarks.hostile_text import LEAD, PIECES, order, report
from cds_service.core import orders
from cds_service.core.reading import read_report

TARGET_MS = 100.0
RUNS = st.lists(st.tuples(st.sampled_from(PIECES),
                          st.sampled_from((1, 2, 3, 8, 64, 512))), min_size=1, max_size=40)


def _text(runs: list[tuple[str, int]], size: int) -> str:
    """``LEAD`` and the runs, repeated to ``size`` characters."""
    unit = "".join(piece * count for piece, count in runs)
    body = (unit * (size // max(len(unit), 1) + 1))[: max(size - len(LEAD), 0)]
    return LEAD + body


def read_all_ways(text: str) -> float:
    """The slowest CPU seconds of the four ways a hook call reads ``text``."""
    worst = 0.0
    for how in ("conclusion", "plain", "html"):
        started = time.process_time()
        read_report(report(text, how))
        worst = max(worst, time.process_time() - started)
    started = time.process_time()
    orders.classify_order(order(text))
    return max(worst, time.process_time() - started)


def fuzz(examples: int, size: int, seed: int) -> dict[str, Any]:
    found: list[tuple[float, list[tuple[str, int]]]] = []

    def one(runs: list[tuple[str, int]]) -> None:
        text = _text(runs, size)
        ms_per_kb = read_all_ways(text) * 1000 / (len(text) / 1000)
        target(ms_per_kb, label="CPU ms per KB")
        found.append((ms_per_kb, runs))

    run = given(runs=RUNS)(one)
    if seed:
        run = hypothesis.seed(seed)(run)
    run = settings(max_examples=examples, deadline=None, database=None,
                   derandomize=seed == 0, phases=(Phase.generate, Phase.target),
                   suppress_health_check=list(HealthCheck))(run)
    read_all_ways(_text([("a", 1)], size))  # warm up: lazy imports, first-use caches
    started = time.perf_counter()
    run()
    seconds = time.perf_counter() - started
    found.sort(key=lambda f: -f[0])
    slowest = []
    for ms_per_kb, runs in found[:5]:
        text = _text(runs, 100_000)
        at_100k = max(read_all_ways(text) for _ in range(3)) * 1000
        slowest.append({"ms_per_kb": round(ms_per_kb, 3), "ms_at_100kb": round(at_100k, 2),
                        "runs": [[p, n] for p, n in runs]})
    return {"inputs": len(found), "size": size, "seconds": round(seconds, 1),
            "worst_ms_per_kb": round(found[0][0], 3) if found else 0.0,
            "worst_ms_at_100kb": max((s["ms_at_100kb"] for s in slowest), default=0.0),
            "slowest": slowest}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=400)
    parser.add_argument("--size", type=int, default=8_000)
    parser.add_argument("--seed", type=int, default=0, help="0: derandomized (repeatable)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = fuzz(args.examples, args.size, args.seed)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"{result['inputs']} inputs of ~{args.size} characters in {result['seconds']} s; "
          f"worst {result['worst_ms_per_kb']} CPU ms per KB")
    for s in result["slowest"]:
        shape = " + ".join(f"{p!r}x{n}" for p, n in s["runs"])[:100]
        flag = "" if s["ms_at_100kb"] < TARGET_MS else "  OVER"
        print(f"  {s['ms_per_kb']:7.3f} ms/KB; at 100 KB {s['ms_at_100kb']:7.2f} ms{flag}  {shape}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
