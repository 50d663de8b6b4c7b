"""The realistic stream in process (issue 18 §4): distinct patients whose reports use ordinary
MRI language, one patient in ten with a calcification word.

    .venv/bin/python -m benchmarks --only realistic [--quick]

Each patient has 20 reports (ordinary MRI language from ``mri_language.py``; one in four a CT
report in plain words) and their 20 ImagingStudies, a Patient and three draft orders. A patient
is called three times, as an EHR calls during one order entry:

* **new patient**: order-select, the first draft order selected;
* **same patient, next order**: order-select again, the second draft order added and selected;
* **order-sign**: order-sign of both orders (the same record).

Every call has its own hookInstance; no two patients share a resource or a report text. Then
one call of 1,000 ordinary reports and 1,000 studies (a new patient, no calcification word).
Figures are CPU time of the calling thread (``time.thread_time``: the pipeline runs on it; the
decision-log writer thread is left out) and wall time, median and p99, per case.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
import uuid
from typing import Any

import orjson

from benchmarks import data, mri_language, stream
from benchmarks.common import make_app, pct, say

SELECT = "/cds-services/noncontrast-ct-first-select"
SIGN = "/cds-services/noncontrast-ct-first-sign"
CPT = "http://www.ama-assn.org/go/cpt"
CASES = ("new patient", "same patient, next order", "order-sign after order-select")
# (code, text): the draft orders, in the order the clinician adds them
ORDERS = (("74160", "CT abdomen with contrast"), ("73721", "MRI left knee without contrast"),
          ("20206", "US-guided core needle biopsy, soft tissue mass"))


def _ct_report(rng: random.Random, patient_id: str, i: int, day: dt.date) -> dict[str, Any]:
    site = rng.choice(stream._SITES)
    title = f"CT {site} {rng.choice(['with', 'without'])} contrast"
    findings = " ".join(rng.sample(stream._FINDINGS, rng.randint(2, 5))).format(n=7)
    text = (f"EXAM: {title}\nHISTORY: Pain, {site}.\nCOMPARISON: None.\n"
            f"FINDINGS:\n{findings}\nIMPRESSION:\n{rng.choice(stream._IMPRESSIONS)}\n")
    return data.report_resource(patient_id, i, day, modality="CT", title=title, text=text,
                                conclusion=None)


def record(rng: random.Random, patient_id: str, n: int,
           calcified: bool) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``n`` reports (newest first) and their studies; one MRI with calcification if asked."""
    start = dt.date(2026, 11, 1) - dt.timedelta(days=rng.randint(0, 30))
    calc_at = rng.randrange(min(n, 5)) if calcified else -1
    reports, studies = [], []
    for i in range(n):
        day = start - dt.timedelta(days=9 * i + rng.randint(0, 8))
        report, study = mri_language.resources(rng, patient_id, i, day, calcified=i == calc_at)
        if i % 4 == 3 and i != calc_at:
            report = _ct_report(rng, patient_id, i, day)
            study["modality"] = [{"system": study["modality"][0]["system"], "code": "CT"}]
            for series in study["series"]:
                series["modality"] = study["modality"][0]
        reports.append(report)
        studies.append(study)
    return reports, studies


def _order(patient_id: str, k: int) -> dict[str, Any]:
    code, text = ORDERS[k]
    return {"resourceType": "ServiceRequest", "id": f"sr-{patient_id}-{k}", "status": "draft",
            "intent": "order", "code": {"coding": [{"system": CPT, "code": code}], "text": text},
            "subject": {"reference": f"Patient/{patient_id}"}, "authoredOn": "2026-11-20"}


def _body(hook: str, patient_id: str, prefetch: dict[str, Any], orders: list[dict[str, Any]],
          selected: dict[str, Any] | None) -> bytes:
    context: dict[str, Any] = {
        "userId": "Practitioner/bench", "patientId": patient_id,
        "draftOrders": {"resourceType": "Bundle", "type": "collection",
                        "entry": [{"resource": o} for o in orders]}}
    if selected is not None:
        context["selections"] = [f"ServiceRequest/{selected['id']}"]
    return orjson.dumps({"hook": hook, "hookInstance": str(uuid.uuid4()), "context": context,
                         "prefetch": prefetch})


def patient_calls(rng: random.Random, n: int, number: int,
                  calcified: bool) -> list[tuple[str, str, bytes]]:
    """The three calls of one order entry: (case, path, body)."""
    patient_id = f"rs-{number}"
    reports, studies = record(rng, patient_id, n, calcified)
    patient = data.patient(patient_id)
    patient["birthDate"] = f"{rng.randint(1930, 2015)}-{rng.randint(1, 12):02d}-15"
    prefetch = {"patient": patient, "diagnosticReports": data.searchset(reports),
                "imagingStudies": data.searchset(studies)}
    first, second = _order(patient_id, number % 3), _order(patient_id, (number + 1) % 3)
    return [(CASES[0], SELECT, _body("order-select", patient_id, prefetch, [first], first)),
            (CASES[1], SELECT, _body("order-select", patient_id, prefetch, [first, second],
                                     second)),
            (CASES[2], SIGN, _body("order-sign", patient_id, prefetch, [first, second], None))]


def _summary(cpu: list[float], wall: list[float], cards: int) -> dict[str, Any]:
    return {"calls": len(cpu), "cpu_median_ms": round(statistics.median(cpu) * 1e3, 3),
            "cpu_p99_ms": round(pct(cpu, 0.99) * 1e3, 3),
            "wall_median_ms": round(statistics.median(wall) * 1e3, 3),
            "wall_p99_ms": round(pct(wall, 0.99) * 1e3, 3), "cards": cards}


def measure(tmp: str, *, patients: int = 600, seed: int = 18,
            big: int = 1000, client: Any = None) -> dict[str, Any]:
    """The figures of every case over ``patients`` patients (one in ten with calcification),
    then ``big`` reports in one call."""
    client = client or make_app(tmp, public_base_url="https://cds.example.org").test_client()
    rng = random.Random(seed)

    def call(path: str, body: bytes) -> tuple[float, float, int]:
        t, w = time.thread_time(), time.perf_counter()
        resp = client.post(path, data=body, content_type="application/json")
        took = time.thread_time() - t, time.perf_counter() - w
        if resp.status_code != 200:
            raise RuntimeError(f"status {resp.status_code}: {resp.get_data()[:300]!r}")
        return (*took, len(orjson.loads(resp.get_data())["cards"]))

    for k in range(20):  # imports, models, first-call costs
        for _, path, body in patient_calls(rng, 20, -1 - k, k % 2 == 0):
            call(path, body)
    times: dict[str, tuple[list[float], list[float], list[int]]] = {
        case: ([], [], []) for case in CASES}
    for k in range(patients):
        for case, path, body in patient_calls(rng, 20, k, k % 10 == 0):
            cpu, wall, cards = call(path, body)
            times[case][0].append(cpu)
            times[case][1].append(wall)
            times[case][2].append(cards)
    out = {case: _summary(c, w, sum(n)) for case, (c, w, n) in times.items()}
    big_calls = [patient_calls(random.Random(seed + i), big, 10**6 + i, False)[0][2]
                 for i in range(5)]
    got = [call(SELECT, body) for body in big_calls]
    out[f"{big} reports + {big} studies, new patient"] = _summary(
        [g[0] for g in got], [g[1] for g in got], sum(g[2] for g in got))
    return out


def lines(result: dict[str, Any]) -> list[str]:
    rows = ["| realistic stream, in process | calls | CPU median ms | CPU p99 ms | "
            "wall median ms | wall p99 ms | cards |", "|---|---:|---:|---:|---:|---:|---:|"]
    for case, r in result.items():
        rows.append(f"| {case} | {r['calls']} | {r['cpu_median_ms']} | {r['cpu_p99_ms']} | "
                    f"{r['wall_median_ms']} | {r['wall_p99_ms']} | {r['cards']} |")
    return rows


def run(tmp: str, quick: bool = False) -> dict[str, Any]:
    result = measure(tmp, patients=100 if quick else 600)
    for line in lines(result):
        say(line)
    return result
