"""Realistic synthetic order-select requests: MRI/CT reports with FINDINGS and IMPRESSION,
ImagingStudies with series, a patient and draft orders, deterministic for a given seed.

About one report in four mentions calcification (affirmed, hedged or negated) so the rules do
real work; the rest are ordinary MRI/CT reports of the same body parts.
"""

from __future__ import annotations

import base64
import datetime as dt
import random
import uuid
from collections.abc import Callable
from typing import Any

import orjson

SELECT_ID = "noncontrast-ct-first-select"

_SITES = [
    ("left thigh", "thigh", "lower-extremity", "73718", "73700"),
    ("right shoulder", "shoulder", "upper-extremity", "73221", "73200"),
    ("left flank", "flank", "abdomen", "74183", "74150"),
    ("pelvis", "pelvis", "pelvis", "72197", "72192"),
    ("right knee", "knee", "lower-extremity", "73721", "73700"),
    ("neck", "neck", "neck", "70543", "70490"),
    ("chest", "chest", "chest", "71550", "71250"),
]

_FINDINGS_NORMAL = [
    "No acute osseous abnormality. Marrow signal is within normal limits.",
    "The visualized muscles demonstrate normal bulk and signal intensity.",
    "No joint effusion. The ligaments and tendons are intact.",
    "No lymphadenopathy by size criteria. The neurovascular bundle is unremarkable.",
    "Mild degenerative change without fracture or dislocation.",
    "Subcutaneous fat planes are preserved. No fluid collection.",
]
_CALCIFICATION = [
    "There is a {size} cm heterogeneous soft tissue mass in the {site} with internal "
    "calcification.",
    "Foci of susceptibility artifact within the {site} lesion, calcification versus "
    "hemosiderin.",
    "Punctate signal voids in the {site} mass; calcification cannot be excluded.",
    "No calcification is seen within the {site} lesion.",
    "Chondroid matrix mineralization in the {site} lesion suggests calcification.",
]
_IMPRESSION_NORMAL = [
    "No acute abnormality.",
    "Stable examination compared with the prior study.",
    "Mild degenerative change. No mass.",
]


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def make_report(rng: random.Random, patient_id: str, i: int, day: dt.date,
                site_index: int | None = None, calcified: bool = False) -> dict[str, Any]:
    """One report; ``site_index`` and ``calcified`` force an MRI of that site with a calcified
    mass (so the realistic request fires cards)."""
    site, _site_id, _region, _mr_code, _ct_code = (
        _SITES[site_index] if site_index is not None else rng.choice(_SITES))
    modality = "MR" if site_index is not None or rng.random() < 0.6 else "CT"
    title = (f"MRI {site} without and with contrast" if modality == "MR"
             else f"CT {site} with contrast")
    findings = rng.sample(_FINDINGS_NORMAL, 3)
    impression = rng.choice(_IMPRESSION_NORMAL)
    # Older CT reports never mention calcification: a CT that already showed it would
    # (rightly) silence the cards, and the benchmark wants the cards' work at every size.
    if calcified or (modality == "MR" and rng.random() < 0.3):
        template = _CALCIFICATION[0] if calcified else rng.choice(_CALCIFICATION)
        calc = template.format(size=rng.randint(2, 9), site=site)
        findings.insert(rng.randint(0, len(findings)), calc)
        impression = calc + " Recommend correlation with prior imaging."
    text = (
        f"EXAMINATION: {title}.\n"
        f"CLINICAL HISTORY: Palpable abnormality, {site}.\n"
        f"TECHNIQUE: Multiplanar multisequence imaging of the {site}.\n"
        "COMPARISON: None.\n"
        f"FINDINGS:\n{' '.join(findings)}\n"
        f"IMPRESSION:\n{impression}\n"
    )
    return report_resource(patient_id, i, day, modality=modality, title=title, text=text,
                           conclusion=impression)


def report_resource(patient_id: str, i: int, day: dt.date, *, modality: str, title: str,
                    text: str, conclusion: str | None,
                    encode: Callable[[str], str] = _b64) -> dict[str, Any]:
    """The one DiagnosticReport shape every benchmark body uses (this module's requests and
    the distinct-patient stream in ``stream.py``).

    ``patient_id`` goes into the id, the subject and the study reference (the stream passes
    its patient mark there); ``text`` becomes the ``presentedForm`` through ``encode``
    (base64 by default; the stream checks its accession mark survives it); no ``conclusion``
    leaves the element out.
    """
    report: dict[str, Any] = {
        "resourceType": "DiagnosticReport",
        "id": f"dr-{patient_id}-{i}",
        "meta": {"lastUpdated": f"{day.isoformat()}T12:00:00Z"},
        "status": "final",
        "category": [{"coding": [{"system": "http://loinc.org", "code": "LP29684-5",
                                  "display": "Radiology"}]}],
        "code": {"coding": [{"system": "http://loinc.org",
                             "code": "30657-1" if modality == "MR" else "24627-2",
                             "display": title}], "text": title},
        "subject": {"reference": f"Patient/{patient_id}"},
        "effectiveDateTime": day.isoformat(),
        "issued": f"{day.isoformat()}T16:30:00Z",
        "performer": [{"reference": "Organization/radiology", "display": "Radiology"}],
        "imagingStudy": [{"reference": f"ImagingStudy/is-{patient_id}-{i}"}],
    }
    if conclusion is not None:
        report["conclusion"] = conclusion
    report["presentedForm"] = [{"contentType": "text/plain", "language": "en",
                                "data": encode(text), "title": title}]
    return report


def make_study(rng: random.Random, patient_id: str, i: int, day: dt.date) -> dict[str, Any]:
    site, _site_id, _region, _mr_code, _ct_code = rng.choice(_SITES)
    modality = "MR" if rng.random() < 0.6 else "CT"
    series = [
        {
            "uid": f"2.25.{rng.getrandbits(64)}",
            "number": n + 1,
            "modality": {"system": "http://dicom.nema.org/resources/ontology/DCM",
                         "code": modality},
            "description": f"{'AX T1' if n == 0 else 'COR STIR'} {site}",
            "numberOfInstances": rng.randint(20, 200),
            "bodySite": {"system": "http://snomed.info/sct", "code": "261122009",
                         "display": site},
        }
        for n in range(2)
    ]
    return {
        "resourceType": "ImagingStudy",
        "id": f"is-{patient_id}-{i}",
        "status": "available",
        "subject": {"reference": f"Patient/{patient_id}"},
        "started": f"{day.isoformat()}T14:00:00Z",
        "modality": [{"system": "http://dicom.nema.org/resources/ontology/DCM",
                      "code": modality}],
        "description": f"{'MRI' if modality == 'MR' else 'CT'} {site}",
        "numberOfSeries": len(series),
        "numberOfInstances": sum(s["numberOfInstances"] for s in series),
        "series": series,
    }


def make_orders(patient_id: str) -> list[dict[str, Any]]:
    return [
        {
            "resourceType": "ServiceRequest", "id": "bx-1", "status": "draft", "intent": "order",
            "code": {"text": "US-guided core needle biopsy, left thigh soft tissue mass",
                     "coding": [{"system": "http://www.ama-assn.org/go/cpt", "code": "20206"}]},
            "subject": {"reference": f"Patient/{patient_id}"},
            "bodySite": [{"text": "left thigh"}],
            "reasonCode": [{"text": "Soft tissue mass of left thigh"}],
            "authoredOn": "2026-11-20",
        },
        {
            "resourceType": "ServiceRequest", "id": "ct-1", "status": "draft", "intent": "order",
            "code": {"text": "CT abdomen with contrast",
                     "coding": [{"system": "http://www.ama-assn.org/go/cpt", "code": "74160",
                                 "display": "CT abdomen with contrast"}]},
            "subject": {"reference": f"Patient/{patient_id}"},
            "reasonCode": [{"text": "Left flank mass"}],
            "authoredOn": "2026-11-20",
        },
    ]


def make_request(n_reports: int, n_studies: int | None = None, *, seed: int = 7,
                 patient_id: str = "bench-1", with_prefetch: bool = True,
                 fhir_server: str | None = None) -> dict[str, Any]:
    """An order-select body with ``n_reports`` reports and as many (or ``n_studies``) studies."""
    rng = random.Random(seed)
    n_studies = n_reports if n_studies is None else n_studies
    start = dt.date(2026, 11, 1)
    # The two newest: MRIs of the thigh and the flank with a calcified mass (the draft orders
    # are a thigh biopsy and a contrast CT of the abdomen), so both orders get a card.
    forced = {0: 0, 1: 2}
    reports = [make_report(rng, patient_id, i, start - dt.timedelta(days=7 * i),
                           site_index=forced.get(i), calcified=i in forced)
               for i in range(n_reports)]
    studies = [make_study(rng, patient_id, i, start - dt.timedelta(days=7 * i))
               for i in range(n_studies)]
    orders = make_orders(patient_id)
    body: dict[str, Any] = {
        "hook": "order-select",
        "hookInstance": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "context": {
            "userId": "Practitioner/bench",
            "patientId": patient_id,
            "selections": [f"ServiceRequest/{o['id']}" for o in orders],
            "draftOrders": {"resourceType": "Bundle", "type": "collection",
                            "entry": [{"resource": o} for o in orders]},
        },
    }
    if fhir_server:
        body["fhirServer"] = fhir_server
        body["fhirAuthorization"] = {"access_token": "bench-token", "token_type": "Bearer",
                                     "expires_in": 300, "scope": "patient/*.read",
                                     "subject": "cds-service"}
    if with_prefetch:
        body["prefetch"] = {
            "patient": patient(patient_id),
            "diagnosticReports": searchset(reports),
            "imagingStudies": searchset(studies),
        }
    return body


def patient(patient_id: str) -> dict[str, Any]:
    return {"resourceType": "Patient", "id": patient_id, "gender": "female",
            "birthDate": "1968-04-12", "name": [{"family": "Benchmark", "given": ["Pat"]}]}


def searchset(resources: list[dict[str, Any]]) -> dict[str, Any]:
    return {"resourceType": "Bundle", "type": "searchset", "total": len(resources),
            "entry": [{"resource": r} for r in resources]}


def records(n: int, patient_id: str = "bench-1", seed: int = 7) -> tuple[
        list[dict[str, Any]], list[dict[str, Any]]]:
    """The reports and studies ``make_request`` would put in prefetch."""
    body = make_request(n, patient_id=patient_id, seed=seed)
    pf = body["prefetch"]
    return ([e["resource"] for e in pf["diagnosticReports"]["entry"]],
            [e["resource"] for e in pf["imagingStudies"]["entry"]])


def encoded(body: dict[str, Any]) -> bytes:
    return orjson.dumps(body)
