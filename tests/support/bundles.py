"""FHIR bundles as an EHR sends them, for the tests that run the pipeline on one MRI report."""

from __future__ import annotations

import base64
from typing import Any

DCM = "http://dicom.nema.org/resources/ontology/DCM"
CPT = "http://www.ama-assn.org/go/cpt"


def mri_order_bundle(title: str, text: str, date: str, order: tuple[str, str], reason: str,
                     birth_date: str) -> dict[str, Any]:
    """A bundle of a patient (``birth_date``), one final MRI report of ``date`` (``title``, its
    ``text`` as plain text) with its study, and a draft order (CPT code and name) for ``reason``:
    the report ``mr-1``, its study ``st-mr-1``, the order ``order-1``, the patient ``p1``."""
    report = {"resourceType": "DiagnosticReport", "id": "mr-1", "status": "final",
              "code": {"text": title}, "subject": {"reference": "Patient/p1"},
              "effectiveDateTime": date,
              "imagingStudy": [{"reference": "ImagingStudy/st-mr-1"}],
              "presentedForm": [{"contentType": "text/plain",
                                 "data": base64.b64encode(text.encode()).decode()}]}
    study = {"resourceType": "ImagingStudy", "id": "st-mr-1", "status": "available",
             "subject": {"reference": "Patient/p1"}, "started": f"{date}T09:30:00Z",
             "modality": [{"system": DCM, "code": "MR"}], "description": title}
    code, name = order
    draft = {"resourceType": "ServiceRequest", "id": "order-1", "status": "draft",
             "intent": "order", "subject": {"reference": "Patient/p1"},
             "code": {"coding": [{"system": CPT, "code": code}], "text": name},
             "reasonCode": [{"text": reason}]}
    entries = [{"resourceType": "Patient", "id": "p1", "gender": "female",
                "birthDate": birth_date}, report, study, draft]
    return {"resourceType": "Bundle", "type": "collection",
            "entry": [{"resource": r} for r in entries]}
