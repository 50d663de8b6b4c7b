"""A staging study's reason names the primary; the primary's metastases in the field are what it
stages (docs/matching-policy.md P15.15). "CT CHEST W CONTRAST" for "Left breast cancer staging"
over a calcified lung metastasis is about that metastasis, as the same order with no reason is
and as P4.4b's nodes are; a calcified structure the report does not call a metastasis (a
fibroid, a granuloma) stays the reason's organ's business and draws no card."""

from __future__ import annotations

from typing import Any

import pytest

from cds_service.core import rules
from cds_service.core.orders import classify_order
from cds_service.core.reading import read_report
from tests.test_order_catalog import mri


def _leads(report: str, title: str, order_text: str, reason: str | None) -> list[str]:
    order: dict[str, Any] = {
        "resourceType": "ServiceRequest", "id": "o1", "status": "draft", "intent": "order",
        "subject": {"reference": "Patient/p1"}, "code": {"text": order_text}}
    if reason:
        order["reasonCode"] = [{"text": reason}]
    ev = rules.Evidence(reports=(read_report(mri(report, title)),), studies=())
    return [p.lead.rule_id for p in rules.merge(rules.evaluate(classify_order(order), ev))]


CHEST = "CT CHEST W CONTRAST"
AP = "CT ABD PELVIS W CONTRAST"
ABDOMEN = "CT ABDOMEN W CONTRAST"

CARDED = [
    ("FINDINGS: A calcified 1.5 cm metastasis in the right lower lobe.", "MRI CHEST", CHEST,
     "Left breast cancer staging"),
    ("IMPRESSION: Multiple calcified pulmonary nodules, in keeping with metastases from the "
     "known breast carcinoma.", "MRI CHEST", CHEST, "Restaging of right breast cancer"),
    ("FINDINGS: Two calcified hepatic metastases, the larger 2.4 cm in segment 6.",
     "MRI ABDOMEN", AP, "Pancreatic adenocarcinoma staging"),
    ("FINDINGS: Peritoneal and hepatic surface metastases with coarse calcification.",
     "MRI ABDOMEN PELVIS", AP, "Right ovarian serous carcinoma, staging"),
    ("FINDINGS: A 2.5 cm left adrenal mass with dense calcification, in keeping with a "
     "metastasis.", "MRI ABDOMEN", ABDOMEN, "Hepatocellular carcinoma staging"),
]


@pytest.mark.parametrize(("report", "title", "order", "reason"), CARDED)
def test_a_staging_study_covers_the_primarys_metastases_in_its_field(
        report: str, title: str, order: str, reason: str) -> None:
    assert _leads(report, title, order, reason) == ["contrast-ct-noncontrast-first"]
    assert _leads(report, title, order, None) == ["contrast-ct-noncontrast-first"]


SILENT = [
    # a calcified structure the report does not call a metastasis: the reason names its organ
    ("FINDINGS: A 4 cm calcified uterine fibroid.", "MRI PELVIS", AP,
     "Pancreatic adenocarcinoma staging"),
    ("FINDINGS: A calcified 8 mm granuloma in the right upper lobe.", "MRI CHEST", CHEST,
     "Left breast cancer staging"),
    # a metastasis the report argues against or denies
    ("FINDINGS: A calcified 1 cm liver lesion, a granuloma rather than a metastasis.",
     "MRI ABDOMEN", AP, "Pancreatic adenocarcinoma staging"),
    ("FINDINGS: No hepatic metastases. A 3 cm calcified uterine fibroid.", "MRI PELVIS", AP,
     "Pancreatic adenocarcinoma staging"),
    # no staging: a reason naming a lesion asks about its organ (P4.3a)
    ("FINDINGS: A calcified 1.5 cm metastasis in the right lower lobe.", "MRI CHEST", CHEST,
     "Left breast lump, follow-up"),
    # outside the field
    ("FINDINGS: Two calcified hepatic metastases.", "MRI ABDOMEN", "CT SOFT TISSUE NECK W "
     "CONTRAST", "Papillary thyroid carcinoma staging"),
]


@pytest.mark.parametrize(("report", "title", "order", "reason"), SILENT)
def test_a_structure_no_metastasis_keeps_the_reasons_organ(
        report: str, title: str, order: str, reason: str) -> None:
    assert _leads(report, title, order, reason) == []
