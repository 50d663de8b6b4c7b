"""Measure read_text on realistic reports built from the evaluation snippets.

Usage: python tests/eval/bench.py [N]

Each report has a title, history, technique, comparison, ten findings sentences of which two
come from snippets that mention calcification, and a two-item impression: 1-2 KB, like the
MRI and CT reports the service reads.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

import orjson

HERE = Path(__file__).resolve().parent
if str(HERE.parents[1]) not in sys.path:
    sys.path.insert(0, str(HERE.parents[1]))

from cds_service.core.reading import read_text  # noqa: E402


def reports(n: int, seed: int = 7) -> list[str]:
    """Build n reports of 1-2 KB from the evaluation snippets."""
    rows = [orjson.loads(line) for name in ("dev.jsonl", "heldout.jsonl")
            for line in (HERE / name).read_bytes().splitlines()]
    quiet = [r["text"].replace("\n", " ") for r in rows if r["label"] == "not mentioned"]
    loud = [r["text"].replace("\n", " ") for r in rows if r["label"] != "not mentioned"]
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        findings = rng.sample(quiet, 8) + rng.sample(loud, 2)
        rng.shuffle(findings)
        out.append(
            "MRI LEFT THIGH WITHOUT AND WITH CONTRAST\n"
            "HISTORY: Palpable mass, evaluate for calcification.\n"
            "TECHNIQUE: Multiplanar multisequence MRI of the left thigh before and after "
            "intravenous gadolinium.\nCOMPARISON: Radiographs 01/02/2024.\nFINDINGS:\n"
            + "\n".join(findings)
            + "\nIMPRESSION:\n1. " + rng.choice(loud) + "\n2. " + rng.choice(quiet) + "\n"
        )
    return out


def main(argv: list[str]) -> None:
    """Print the median, p99 and mean cost of read_text per report."""
    n = int(argv[0]) if argv else 2000
    texts = reports(n)
    for t in texts[:100]:
        read_text(t)
    times = []
    for t in texts:
        start = time.perf_counter()
        read_text(t)
        times.append(time.perf_counter() - start)
    times.sort()
    size = statistics.mean(len(t.encode()) for t in texts)
    print(f"{n} reports, mean {size:.0f} bytes: median {times[n // 2] * 1e3:.3f} ms, "
          f"p99 {times[int(n * 0.99)] * 1e3:.3f} ms, mean {statistics.mean(times) * 1e3:.3f} ms")


if __name__ == "__main__":
    main(sys.argv[1:])
