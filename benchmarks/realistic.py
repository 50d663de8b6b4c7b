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
from pathlib import Path
from typing import Any

import orjson

from benchmarks import data, mri_language, stream
from benchmarks import traffic_http as th
from benchmarks.common import make_app, pct

SELECT = "/cds-services/noncontrast-ct-first-select"
SIGN = "/cds-services/noncontrast-ct-first-sign"
CPT = "http://www.ama-assn.org/go/cpt"
CASES = ("new patient", "same patient, next order", "order-sign after order-select")
# (code, text): the draft orders, in the order the clinician adds them
POOL = 200  # patients in the HTTP stream's templates (each call stamps its own number)
ORDERS = (("74160", "CT abdomen with contrast"), ("73721", "MRI left knee without contrast"),
          ("20206", "US-guided core needle biopsy, soft tissue mass"))


def _ct_report(rng: random.Random, patient_id: str, i: int, day: dt.date,
               accession: str | None) -> dict[str, Any]:
    site = rng.choice(stream._SITES)
    title = f"CT {site} {rng.choice(['with', 'without'])} contrast"
    findings = " ".join(rng.sample(stream._FINDINGS, rng.randint(2, 5))).format(n=7)
    text = f"EXAM: {title}\n"
    if accession is not None:  # on a base64 quantum, as mri_language puts it
        text += "ACCESSION: " + " " * ((-len(text.encode()) - 11) % 3) + accession + "\n"
    text += (f"HISTORY: Pain, {site}.\nCOMPARISON: None.\n"
             f"FINDINGS:\n{findings}\nIMPRESSION:\n{rng.choice(stream._IMPRESSIONS)}\n")
    return data.report_resource(patient_id, i, day, modality="CT", title=title, text=text,
                                conclusion=None)


def record(rng: random.Random, patient_id: str, n: int, calcified: bool,
           accession: str | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``n`` reports (newest first) and their studies; one MRI with calcification if asked;
    ``accession`` in every report's text (the HTTP stream stamps each call's there)."""
    start = dt.date(2026, 11, 1) - dt.timedelta(days=rng.randint(0, 30))
    calc_at = rng.randrange(min(n, 5)) if calcified else -1
    reports, studies = [], []
    for i in range(n):
        day = start - dt.timedelta(days=9 * i + rng.randint(0, 8))
        report, study = mri_language.resources(rng, patient_id, i, day, calcified=i == calc_at,
                                               accession=accession)
        if i % 4 == 3 and i != calc_at:
            report = _ct_report(rng, patient_id, i, day, accession)
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
          selected: dict[str, Any] | None, hook_instance: str | None = None) -> bytes:
    context: dict[str, Any] = {
        "userId": "Practitioner/bench", "patientId": patient_id,
        "draftOrders": {"resourceType": "Bundle", "type": "collection",
                        "entry": [{"resource": o} for o in orders]}}
    if selected is not None:
        context["selections"] = [f"ServiceRequest/{selected['id']}"]
    return orjson.dumps({"hook": hook, "hookInstance": hook_instance or str(uuid.uuid4()),
                         "context": context, "prefetch": prefetch})


def patient_calls(rng: random.Random, n: int, number: int, calcified: bool,
                  marked: bool = False) -> list[tuple[str, str, bytes]]:
    """The three calls of one order entry: (case, path, body). ``marked``: with the stream's
    marks (``stream.MARKS``) for the patient, the accession in every report and the
    hookInstance, where the HTTP runs stamp each call's own number."""
    patient_id = stream.PATIENT_MARK if marked else f"rs-{number}"
    hook_instance = f"00000000-0000-4000-8000-{stream.HOOK_MARK}" if marked else None
    reports, studies = record(rng, patient_id, n, calcified,
                              stream.ACCESSION_MARK if marked else None)
    patient = data.patient(patient_id)
    patient["birthDate"] = f"{rng.randint(1930, 2015)}-{rng.randint(1, 12):02d}-15"
    prefetch = {"patient": patient, "diagnosticReports": data.searchset(reports),
                "imagingStudies": data.searchset(studies)}
    first, second = _order(patient_id, number % 3), _order(patient_id, (number + 1) % 3)
    return [(CASES[0], SELECT, _body("order-select", patient_id, prefetch, [first], first,
                                     hook_instance)),
            (CASES[1], SELECT, _body("order-select", patient_id, prefetch, [first, second],
                                     second, hook_instance)),
            (CASES[2], SIGN, _body("order-sign", patient_id, prefetch, [first, second], None,
                                   hook_instance))]


def templates(count: int, seed: int = 18) -> tuple[list[bytes], list[bytes]]:
    """The HTTP stream's templates: for ``count`` patients (one in ten with calcification),
    the new-patient call and the same patient's next-order call, marked for stamping."""
    rng = random.Random(seed)
    calls = [patient_calls(rng, 20, k, k % 10 == 0, marked=True) for k in range(count)]
    return [c[0][2] for c in calls], [c[1][2] for c in calls]


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
    for case, r in result["inprocess"].items():
        rows.append(f"| {case} | {r['calls']} | {r['cpu_median_ms']} | {r['cpu_p99_ms']} | "
                    f"{r['wall_median_ms']} | {r['wall_p99_ms']} | {r['cards']} |")
    http = result.get("http")
    if http and "runs" in http:
        rows += ["", f"| realistic stream, HTTP ({http['workers']} workers, "
                 f"{http['connections']} connections, {http['seconds']:.0f} s a run, "
                 f"~{http['body_kb']} KB) | req/s | ratio to no-op | x naive | p50 ms | "
                 "p99 ms |", "|---|---:|---:|---:|---:|---:|"]
        for label, r in http["runs"].items():
            rows.append(f"| {label} | FAILED: {r['failed']} |" if "failed" in r else
                        f"| {label}{'' if r.get('valid') else ' (INVALID)'} | {r['rps']} | "
                        f"{r.get('ratio_to_noop')} | {r.get('times_naive')} | {r['p50_ms']} | "
                        f"{r['p99_ms']} |")
    rows += ["", "| issue 18 target | case | measured | goal | met |", "|---|---|---:|---:|---|"]
    for name, case, got, goal, met in result["targets"]:
        rows.append(f"| {name} | {case} | {got if got is not None else 'not measured'} | "
                    f"{goal} | {'yes' if met else 'NO' if met is not None else '-'} |")
    return rows


def _rate(runs: dict[str, Any], label: str) -> float | None:
    r = runs.get(label) or {}
    return r["rps"] if "failed" not in r and r.get("valid") and r.get("rps") else None


def _next_order_rate(runs: dict[str, Any], paired: str, new: str) -> float | None:
    """req/s of the next-order calls alone: a "next" run alternates a new patient and that
    patient's next order, so 2 / paired = 1 / new + 1 / next (each at its saturated rate)."""
    pair, first = _rate(runs, paired), _rate(runs, new)
    if not (pair and first) or 2 / pair <= 1 / first:
        return None
    return 1 / (2 / pair - 1 / first)


def targets(result: dict[str, Any]) -> list[tuple[str, str, Any, str, bool | None]]:
    """(target, case, measured, goal, met) for every target of issue 18."""
    def ratio(a: float | None, b: float | None) -> float | None:
        return round(a / b, 3) if a and b else None

    def row(name: str, case: str, got: float | None, goal: float, at_most: bool = False
            ) -> tuple[str, str, Any, str, bool | None]:
        met = None if got is None else got <= goal if at_most else got >= goal
        return name, case, got, f"{'<=' if at_most else '>='} {goal}", met

    runs = (result.get("http") or {}).get("runs") or {}
    noop, naive = _rate(runs, th.NOOP), _rate(runs, th.NAIVE)
    service = _rate(runs, th.SERVICE)
    inproc = result["inprocess"]
    new, big = inproc[CASES[0]], inproc[next(k for k in inproc if k.startswith("1000"))]
    return [
        row("HTTP ratio to the no-op", "new patient, ES384 JWT + unique jti",
            ratio(_rate(runs, th.JWT_RUN), noop), 0.3),
        row("HTTP ratio to the no-op", "new patient, no JWT", ratio(service, noop), 0.4),
        row("HTTP x the naive fhir.resources peer", "new patient, no JWT",
            ratio(service, naive), 4),
        row("HTTP ratio to the no-op", "same patient, next order, no JWT (from the paired "
            "run and the new-patient run)", ratio(
                _next_order_rate(runs, th.SERVICE_NEXT, th.SERVICE),
                _next_order_rate(runs, th.NOOP_NEXT, th.NOOP)), 0.6),
        row("in process, CPU median ms", "new patient, 20 reports + 20 studies",
            new["cpu_median_ms"], 1.5, at_most=True),
        row("in process, CPU p99 ms", "new patient, 20 reports + 20 studies",
            new["cpu_p99_ms"], 6, at_most=True),
        row("in process, CPU median ms", "new patient, 1,000 ordinary reports + 1,000 studies",
            big["cpu_median_ms"], 60, at_most=True),
    ]


def run(tmp: str, quick: bool = False, http: bool = True, seconds: float | None = None,
        database_url: str | None = None) -> dict[str, Any]:
    """In process, then (``http``) over HTTP, then the targets; printed as they come."""
    result: dict[str, Any] = {"inprocess": measure(tmp, patients=100 if quick else 600)}
    if http:
        pool, next_pool = templates(40 if quick else POOL)
        result["http"] = th.bench_http(
            seconds=seconds or (3.0 if quick else 10.0), warm=1.0 if quick else 2.0,
            logs=Path(tmp, "http-logs"), database_url=database_url, pool=pool,
            next_pool=next_pool, repeat=False)
    result["targets"] = targets(result)
    return result
