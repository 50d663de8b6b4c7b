"""An imaging order's reason naming a primary tumour (or its organ) outside the order's own field
(docs/matching-policy.md P15.13, P15.14). "CT Abdomen W contrast IV" for "Medullary thyroid
carcinoma" is about the calcified liver metastasis the abdomen holds, as the same order with no
reason is: the reason tells why, the order's region where. A reason naming a place the order
images keeps targeting it (P3.1, P4.3a), a procedure acts where its words and reason place it,
and a structure outside the order's field stays silent. Each card test failed on 5ed6d6c
(unseen44 c2: a calcified segment 8 metastasis of medullary thyroid carcinoma before a contrast
abdominal CT whose reason names the thyroid drew no card)."""

from __future__ import annotations

from typing import Any

import pytest

from cds_service.core import rules
from cds_service.core.orders import classify_order
from cds_service.core.reading import read_report
from tests.test_order_catalog import mri

CPT = "http://www.ama-assn.org/go/cpt"
LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"

LIVER = ("FINDINGS: Liver: innumerable subcentimetre arterially enhancing lesions and a dominant "
         "4.2 cm segment 8 lesion containing coarse calcifications, low signal on all sequences.")
ADRENAL = ("FINDINGS: A 2.5 cm right adrenal mass with dense calcification, in keeping with a "
           "metastasis.")
PAROTID = "FINDINGS: A 1.8 cm left parotid mass contains coarse calcification."
LUNG = ("FINDINGS: A 2.2 cm mass in the right lower lobe contains foci of calcification, "
        "suspicious for a metastasis.")
THYROID = "FINDINGS: A 2 cm right thyroid nodule with coarse calcification."


def _order(code: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"resourceType": "ServiceRequest", "id": "o1", "status": "draft", "intent": "order",
            "subject": {"reference": "Patient/p1"}, "code": code, **extra}


def _code(text: str | None, system: str | None = None, code: str | None = None,
          display: str | None = None) -> dict[str, Any]:
    concept: dict[str, Any] = {"text": text} if text else {}
    if code:
        concept["coding"] = [{"system": system, "code": code}
                             | ({"display": display} if display else {})]
    return concept


def _leads(report: str, title: str, code: dict[str, Any], **extra: Any) -> list[str]:
    ev = rules.Evidence(reports=(read_report(mri(report, title)),), studies=())
    found = rules.evaluate(classify_order(_order(code, **extra)), ev)
    return [p.lead.rule_id for p in rules.merge(found)]


def _why(text: str) -> dict[str, Any]:
    return {"reasonCode": [{"text": text}]}


ABDOMEN_LOINC = _code("CT Abdomen W contrast IV", LOINC, "79103-8", "CT Abdomen W contrast IV")
AP_CPT = _code(None, CPT, "74177")
CHEST_CPT = _code("CT CHEST W CONTRAST", CPT, "71260")
NECK = _code("CT SOFT TISSUE NECK W CONTRAST")
ABDOMEN = _code("CT ABDOMEN W CONTRAST")

CARDED = [
    (LIVER, "MRI LIVER W WO CONTRAST", ABDOMEN_LOINC, _why("Medullary thyroid carcinoma")),
    (ADRENAL, "MRI ABDOMEN", AP_CPT, _why("Osteosarcoma of the left distal femur")),
    (PAROTID, "MRI NECK", NECK, _why("Melanoma of the right calf, restaging")),
    (LUNG, "MRI CHEST", CHEST_CPT, {"reasonCode": [{"coding": [
        {"system": SNOMED, "code": "363478007", "display": "Malignant tumor of thyroid gland"}]}]}),
    (LIVER, "MRI ABDOMEN", ABDOMEN, {"reasonReference": [
        {"reference": "Condition/c1", "display": "Papillary thyroid cancer, left lobe"}]}),
    (LIVER, "MRI ABDOMEN", ABDOMEN, {"note": [{"text": "hx MTC s/p thyroidectomy, thyroid "
                                                      "bed clear; staging"}]}),
    # a reason naming the place the order images still targets it (P3.1)
    (LIVER, "MRI LIVER", ABDOMEN_LOINC, _why("Liver metastases")),
]


@pytest.mark.parametrize(("report", "title", "code", "extra"), CARDED)
def test_a_reason_naming_a_primary_elsewhere_leaves_the_region_its_structures(
        report: str, title: str, code: dict[str, Any], extra: dict[str, Any]) -> None:
    assert _leads(report, title, code, **extra) == ["contrast-ct-noncontrast-first"]


SILENT = [
    # the order's region does not image the calcified structure
    (LIVER, "MRI LIVER", NECK, _why("Medullary thyroid carcinoma")),
    (THYROID, "MRI NECK", ABDOMEN, _why("Right thyroid nodule")),
    (THYROID, "MRI NECK", ABDOMEN_LOINC, _why("Papillary thyroid carcinoma staging")),
    # a reason naming another structure the order images asks about it (P4.3a)
    (LIVER, "MRI LIVER", ABDOMEN, _why("Left renal mass")),
    (PAROTID, "MRI NECK", NECK, _why("Right thyroid nodule, follow-up")),
    # a staging reason whose primary lies in the field keeps naming it (P4.4b, P15.13)
    ("FINDINGS: A 4 cm calcified uterine fibroid.", "MRI PELVIS",
     _code("CT ABD PELVIS W CONTRAST"), _why("Pancreatic adenocarcinoma staging")),
    # noncontrast images are in the order
    (LIVER, "MRI LIVER", _code("CT Abdomen WO and W contrast IV", LOINC, "36267-3"),
     _why("Medullary thyroid carcinoma")),
    # a procedure acts where its words, else its reason, place it (P15.2, P3.1)
    (LIVER, "MRI LIVER", _code("US GUIDED FNA THYROID"), _why("Medullary thyroid carcinoma")),
]


@pytest.mark.parametrize(("report", "title", "code", "extra"), SILENT)
def test_a_structure_the_order_does_not_image_or_ask_about_stays_silent(
        report: str, title: str, code: dict[str, Any], extra: dict[str, Any]) -> None:
    assert _leads(report, title, code, **extra) == []


def test_the_reason_elsewhere_gives_the_order_neither_its_places_nor_its_side() -> None:
    got = classify_order(_order(AP_CPT, **_why("Osteosarcoma of the left distal femur")))
    assert (got.reason_sites, got.side, got.reason_side) == (frozenset(), None, False)
    kept = classify_order(_order(ABDOMEN, **_why("Left adrenal nodule")))
    assert ("adrenal" in kept.target_sites, kept.side) == (True, "left")
    # one place the field images makes the reason the field's, every place it names (P3.5)
    groin = classify_order(_order(_code("MRI PELVIS WO CONTRAST", CPT, "72195"), **_why(
        "Left groin pain, ? calcific tendinopathy of the adductor longus origin")))
    assert ({"groin", "thigh"} <= groin.target_sites, groin.side) == (True, "left")
