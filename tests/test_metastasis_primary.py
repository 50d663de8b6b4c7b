"""The primary a metastasis is named by is not where the metastasis is (docs/matching-policy.md
P2.46). "Diffuse hepatic metastases of medullary thyroid carcinoma with a dominant calcified
4.2 cm segment 8 metastasis" is a calcified liver metastasis: the thyroid names the tumour, not
the place, so a neck CT's contrast draws no card about a thyroid removed years ago (unseen44 c2's
MRI, read as a calcified thyroid carcinoma on dd3a6d2). A primary the report places in its organ
("calcified medullary thyroid carcinoma in the left lobe") keeps its organ."""

from __future__ import annotations

from typing import Any

import pytest

from cds_service.core import rules
from cds_service.core.orders import classify_order
from cds_service.core.reading import read_report, read_text
from tests.test_order_catalog import mri


def _sites(text: str) -> list[str | None]:
    return [m.site for m in read_text(text).mentions if m.counts]


AT_METASTASIS = [
    ("Diffuse hepatic metastases of medullary thyroid carcinoma with a dominant calcified 4.2 cm "
     "segment 8 metastasis.", "liver"),
    ("Breast cancer metastases to the liver, some calcified.", "liver"),
    ("Renal cell carcinoma metastasis to the pancreas with calcification.", "pancreas"),
    ("Calcified hepatic metastases from the known left breast carcinoma.", "liver"),
    ("Coarsely calcified metastasis in the right lower lobe from papillary thyroid cancer.",
     "lung"),
    ("Metastatic colon cancer with calcified deposits in the liver.", "liver"),
    ("A 2 cm calcified adrenal metastasis of lung adenocarcinoma.", "adrenal"),
    ("Calcified pulmonary metastases from osteosarcoma of the left femur.", "lung"),
]


@pytest.mark.parametrize(("text", "site"), AT_METASTASIS)
def test_a_metastasis_is_at_its_own_place_not_its_primarys(text: str, site: str) -> None:
    assert _sites(text) == [site]


KEEP_ORGAN = [
    ("Calcified medullary thyroid carcinoma in the left lobe.", "thyroid"),
    ("A 3 cm calcified mass of the left breast, in keeping with breast carcinoma.", "breast"),
    ("Calcified liver metastases.", "liver"),
    ("A calcified renal mass, suspicious for renal cell carcinoma; no metastases.", "kidney"),
]


@pytest.mark.parametrize(("text", "site"), KEEP_ORGAN)
def test_a_primary_in_its_organ_keeps_its_organ(text: str, site: str) -> None:
    assert _sites(text) == [site]


C2 = ("IMPRESSION: Diffuse hepatic metastases of medullary thyroid carcinoma with a dominant "
      "calcified 4.2 cm segment 8 metastasis. Thyroidectomy bed clear.")


def _leads(order_text: str, reason: str | None) -> list[str]:
    order: dict[str, Any] = {
        "resourceType": "ServiceRequest", "id": "o1", "status": "draft", "intent": "order",
        "subject": {"reference": "Patient/p1"}, "code": {"text": order_text}}
    if reason:
        order["reasonCode"] = [{"text": reason}]
    ev = rules.Evidence(reports=(read_report(mri(C2, "MRI ABDOMEN W WO CONTRAST")),), studies=())
    return [p.lead.rule_id for p in rules.merge(rules.evaluate(classify_order(order), ev))]


@pytest.mark.parametrize("reason", [None, "Medullary thyroid carcinoma"])
def test_a_neck_ct_draws_no_card_about_the_primarys_organ(reason: str | None) -> None:
    assert _leads("CT SOFT TISSUE NECK W CONTRAST", reason) == []


@pytest.mark.parametrize("reason", [None, "Medullary thyroid carcinoma"])
def test_the_abdomen_ct_keeps_the_metastasis_card(reason: str | None) -> None:
    assert _leads("CT ABDOMEN W CONTRAST", reason) == ["contrast-ct-noncontrast-first"]
