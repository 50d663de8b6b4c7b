"""Issue 17, the order side: a coding whose own display names another modality than its code
(docs/matching-policy.md P17.13). "LOINC 24558-9 'CT Neck W contrast IV'" is an EHR's mapping
error (24558-9 is US Abdomen): the order is what its display and text name, a contrast CT of the
neck. A coding whose display agrees with its code, or names no modality, keeps deciding (P17.3).
Each miscoded test failed on 1a32b32 (unseen11 t1, routed by `fresh`)."""

from __future__ import annotations

from typing import Any

import pytest

from cds_service.core.orders import classify_order

LOINC = "http://loinc.org"
CPT = "http://www.ama-assn.org/go/cpt"


def read(system: str, code: str, display: str, text: str | None = None):
    concept: dict[str, Any] = {"coding": [{"system": system, "code": code, "display": display}]}
    if text is not None:
        concept["text"] = text
    return classify_order({"resourceType": "ServiceRequest", "id": "o1", "status": "draft",
                           "intent": "order", "subject": {"reference": "Patient/p1"},
                           "code": concept})


@pytest.mark.parametrize(("system", "code", "display", "text", "kind", "region"), [
    (LOINC, "24558-9", "CT Neck W contrast IV", "CT SOFT TISSUE NECK W CONTRAST",
     "ct-contrast", "neck"),
    (LOINC, "24558-9", "CT Neck W contrast IV", None, "ct-contrast", "neck"),
    (CPT, "76700", "CT ABDOMEN W CONTRAST", "CT ABDOMEN W CONTRAST", "ct-contrast", "abdomen"),
    (CPT, "70450", "MRI BRAIN W WO CONTRAST", None, "mri", "head"),
    (CPT, "74177", "US ABDOMEN COMPLETE", "US ABDOMEN COMPLETE", "ultrasound", "abdomen"),
])
def test_a_coding_whose_display_names_another_modality_yields_to_its_words(
        system: str, code: str, display: str, text: str | None, kind: str, region: str) -> None:
    got = read(system, code, display, text)
    assert (got.kind, got.region) == (kind, region)


@pytest.mark.parametrize(("system", "code", "display", "text", "kind"), [
    (CPT, "74177", "CT ABD & PELVIS W CONTRAST", "CT A/P", "ct-contrast"),
    (CPT, "74177", "Abdomen and pelvis", "ABD/PELVIS W", "ct-contrast"),     # no modality named
    (LOINC, "24558-9", "US Abdomen", "ABDOMEN COMPLETE", "ultrasound"),
    (CPT, "70450", "CT HEAD WO CONTRAST", "HEAD WO", "ct-noncontrast"),
    (CPT, "76700", "Ultrasound, abdominal, real time with image documentation; complete",
     "CT ABDOMEN", "ultrasound"),                  # the text alone does not override it
])
def test_a_coding_whose_display_agrees_or_names_no_modality_decides(
        system: str, code: str, display: str, text: str, kind: str) -> None:
    assert read(system, code, display, text).kind == kind
