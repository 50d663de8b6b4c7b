"""The trigger pre-filter on ordinary MRI language (issue 18 §1): pass rates and time.

    python -m benchmarks.trigger_rate [--reports N] [--repeat R]

Reports from ``mri_language`` (seed 1): the share the filter passes among the reports without
a calcification finding (target ~0), among those with one (must be 1.0) and over the stream
with one in ten; records of 20 reports of distinct patients, one patient in ten with one
calcified report. Time, CPU, best and median of ``--repeat`` runs: ``reports_with_trigger``
over one record of 1,000 ordinary reports (the call's first step), over 1,000 one-report
records, and over 1,000 one-in-ten reports. Nothing is cached between runs of the filter.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from typing import Any

from benchmarks import data, mri_language
from benchmarks.common import make_app
from cds_service.core.reading.trigger import reports_with_trigger
from cds_service.pipeline.run import CACHE


def _rate(passed: list[bool]) -> str:
    return f"{sum(passed)}/{len(passed)} = {sum(passed) / max(len(passed), 1):.3f}"


def _records(count: int, size: int = 20) -> list[list[dict[str, Any]]]:
    """``count`` records of ``size`` reports, one patient in ten with one calcified report."""
    out = []
    for k in range(count):
        rng = random.Random(k)
        day = dt.date(2026, 11, 1)
        out.append([mri_language.resources(rng, f"rec-{k}", i, day - dt.timedelta(days=30 * i),
                                           calcified=k % 10 == 0 and i == 0)[0]
                    for i in range(size)])
    return out


def _timed(fn: Any, repeat: int) -> str:
    cpu = []
    for _ in range(repeat):
        started = time.process_time()
        fn()
        cpu.append(time.process_time() - started)
    return f"best {min(cpu) * 1e3:.1f} ms, median {statistics.median(cpu) * 1e3:.1f} ms CPU"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    stream = mri_language.generate(args.reports, seed=1)
    passed = [reports_with_trigger([g.report])[0] for g in stream]
    free = [p for p, g in zip(passed, stream, strict=True) if not g.calcified]
    calcified = [p for p, g in zip(passed, stream, strict=True) if g.calcified]
    print(f"reports without calcification passed: {_rate(free)}")
    print(f"reports with calcification passed:    {_rate(calcified)}")
    print(f"the 1-in-10 stream passed:            {_rate(passed)}")
    for region in mri_language.REGIONS:
        mine = [p for p, g in zip(passed, stream, strict=True)
                if g.region == region and not g.calcified]
        print(f"  {region:>8}, without calcification: {_rate(mine)}")
    records = _records(200)
    per_record = [any(reports_with_trigger(r)) for r in records]
    print(f"records of 20 (1 patient in 10 calcified) passed: {_rate(per_record)}; "
          f"without calcification: {_rate(per_record[1::10] + per_record[5::10])}")

    ordinary = [g.report for g in mri_language.generate(1000, seed=2, calcified_fraction=0)]
    mixed = [g.report for g in mri_language.generate(1000, seed=3)]
    chars = sum(len(g.text) for g in mri_language.generate(1000, seed=2, calcified_fraction=0))
    print(f"1,000 ordinary reports ({chars / 1e6:.2f} M characters of text), the filter:")
    for label, fn in (
            ("one record of 1,000", lambda: reports_with_trigger(ordinary)),
            ("1,000 records of one", lambda: [reports_with_trigger([r]) for r in ordinary]),
            ("one record, 1 in 10 calcified", lambda: reports_with_trigger(mixed))):
        print(f"  {label:<30} {_timed(fn, args.repeat)}")
    print("the whole call in process (Flask test client, caches cleared before each), "
          "1,000 reports + 1,000 studies:")
    with tempfile.TemporaryDirectory(prefix="cds-trigger-") as tmp:
        client = make_app(tmp).test_client()
        for label, n in (("ordinary", 0.0), ("1 in 10 calcified", 0.1)):
            body = _body(mri_language.generate(1000, seed=4, calcified_fraction=n))
            print(f"  {label:<30} {_timed(lambda b=body: _call(client, b), args.repeat)}")
    return 0


def _body(reports: list[mri_language.Generated]) -> bytes:
    body = data.make_request(0, patient_id="bench-1")
    body["prefetch"]["diagnosticReports"] = data.searchset([g.report for g in reports])
    body["prefetch"]["imagingStudies"] = data.searchset([g.study for g in reports])
    return data.encoded(body)


def _call(client: Any, body: bytes) -> None:
    CACHE.clear()
    resp = client.post(f"/cds-services/{data.SELECT_ID}", data=body,
                       content_type="application/json")
    assert resp.status_code == 200, resp.status_code


if __name__ == "__main__":
    raise SystemExit(main())
