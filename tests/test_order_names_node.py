"""An order that names a lymph node is about that node, not a calcified mass of the same region
(docs/matching-policy.md P15.8, P15.2, P15.7). The code's descriptor ("Fine needle aspiration
biopsy, including ultrasound guidance; first lesion"; CPT 49180 "abdominal or retroperitoneal
mass") names the code's kind of target, not the order's. Each variant drew a mass card on 1ca326c
(unseen25 m1 twin: "US FNA RT LEVEL VB LYMPH NODE", CPT 10005, beside a posterior cervical mass
with ossification versus calcification)."""

from __future__ import annotations

from typing import Any

import pytest

from cds_service.core import rules
from cds_service.core.orders import classify_order
from cds_service.core.reading import read_report
from tests.test_order_catalog import CPT, mri

FNA_US = "Fine needle aspiration biopsy, including ultrasound guidance; first lesion"
FNA_CT = "Fine needle aspiration biopsy, including CT guidance; first lesion"
RP_MASS = "Biopsy, abdominal or retroperitoneal mass, percutaneous needle"


def cards(report: str, title: str, text: str | None, code: str, display: str,
          reason: str | None = None) -> list[str]:
    concept: dict[str, Any] = {"coding": [{"system": CPT, "code": code, "display": display}]}
    if text is not None:
        concept["text"] = text
    order: dict[str, Any] = {"resourceType": "ServiceRequest", "id": "o1", "status": "draft",
                             "intent": "order", "subject": {"reference": "Patient/p1"},
                             "code": concept}
    if reason is not None:
        order["reasonCode"] = [{"text": reason}]
    ev = rules.Evidence(reports=(read_report(mri(report, title)),), studies=())
    return [p.lead.rule_id
            for p in rules.merge(rules.evaluate(classify_order(order), ev))]


NECK_IB = ("FINDINGS: Submandibular space: a 2.8 cm mass in the right submandibular space contains "
           "coarse calcification. Lymph nodes: a 1.1 cm right level IB lymph node with a preserved "
           "fatty hilum. IMPRESSION: Calcified right submandibular space mass.")
POSTERIOR_NECK = (
    "FINDINGS: Posterior neck: A 3.2 x 2.4 cm intermuscular mass in the right posterior cervical "
    "space lies between the levator scapulae and the splenius capitis, with a peripheral rim "
    "that is dark on all sequences, ossification versus calcification. Lymph nodes: A 9 mm oval "
    "right level VB node with a fatty hilum is likely reactive. IMPRESSION: 1. Right posterior "
    "cervical space mass, ossification versus calcification. 2. Likely reactive level VB node.")
RETROPERITONEUM = ("FINDINGS: A 7 cm right retroperitoneal mass with coarse calcification. A 14 mm "
                   "right paracaval lymph node. IMPRESSION: Calcified retroperitoneal mass.")

NODE_ORDERS = [
    (POSTERIOR_NECK, "MRI NECK W/WO CONTRAST", "US FNA RT LEVEL VB LYMPH NODE", "10005", FNA_US,
     "Right level VB lymph node"),
    (NECK_IB, "MRI NECK", "US FNA RIGHT LEVEL IB LYMPH NODE", "10005", FNA_US,
     "Right level IB node"),
    ("FINDINGS: A 3 cm left parapharyngeal space mass with foci of calcification. A 12 mm left "
     "level IIA node, oval, with a fatty hilum.", "MRI NECK", "US FNA LT LEVEL IIA NODE", "10005",
     FNA_US, None),
    ("FINDINGS: A 3.5 cm calcified mass in the left supraclavicular fossa. A 9 mm left "
     "supraclavicular lymph node with a fatty hilum.", "MRI NECK",
     "US FNA LEFT SUPRACLAVICULAR LYMPH NODE", "10005", FNA_US, "Left supraclavicular node"),
    ("FINDINGS: A 5 cm right inguinal soft-tissue mass with peripheral calcification. A 15 mm "
     "right inguinal lymph node with cortical thickening.", "MRI PELVIS",
     "US FNA RIGHT INGUINAL LYMPH NODE", "10005", FNA_US, None),
    ("FINDINGS: A 4.1 cm left axillary mass with dense calcification. An 11 mm left axillary "
     "lymph node, level I.", "MRI CHEST", "US FNA LT AXILLARY LYMPH NODE", "10005", FNA_US,
     "Left axillary lymph node"),
    ("FINDINGS: A 6 cm presacral mass with calcification. A 7 mm right mesorectal lymph node.",
     "MRI PELVIS", "CT GUIDED BX RIGHT MESORECTAL NODE", "49180", RP_MASS, None),
    (RETROPERITONEUM, "MRI ABDOMEN", "CT GUIDED BX RIGHT PARACAVAL LYMPH NODE", "49180", RP_MASS,
     None),
    ("FINDINGS: Mediastinum: a 4 cm middle mediastinal mass with coarse calcification, "
     "bronchogenic cyst versus teratoma. A 14 mm subcarinal (station 7) lymph node.", "MRI CHEST",
     "CT GUIDED FNA SUBCARINAL LYMPH NODE", "10009", FNA_CT, None),
]


@pytest.mark.parametrize(("report", "title", "text", "code", "display", "reason"), NODE_ORDERS)
def test_an_order_naming_a_node_is_not_about_the_calcified_mass_beside_it(
        report: str, title: str, text: str, code: str, display: str, reason: str | None) -> None:
    assert cards(report, title, text, code, display, reason) == []


@pytest.mark.parametrize(("report", "title", "text", "code", "display", "want"), [
    # the FNA of the calcified node itself
    ("FINDINGS: A 1.4 cm right level IB lymph node with coarse calcification. A 2.8 cm right "
     "submandibular gland mass.", "MRI NECK", "US FNA RIGHT LEVEL IB LYMPH NODE", "10005", FNA_US,
     "nodal-calcification"),
    # an order naming the mass, or a code alone (its descriptor names its lesion)
    (NECK_IB, "MRI NECK", "US FNA RIGHT SUBMANDIBULAR MASS", "10005", FNA_US,
     "biopsy-calcified-mass"),
    (NECK_IB, "MRI NECK", None, "10005", FNA_US, "biopsy-calcified-mass"),
    (POSTERIOR_NECK, "MRI NECK W/WO CONTRAST", "US CORE BX RT POSTERIOR NECK MASS", "10005", FNA_US,
     "ossification-vs-calcification"),
    (RETROPERITONEUM, "MRI ABDOMEN", "CT GUIDED BX RIGHT RETROPERITONEAL MASS", "49180", RP_MASS,
     "deep-soft-tissue-mass"),
    (RETROPERITONEUM, "MRI ABDOMEN", None, "49180", RP_MASS, "deep-soft-tissue-mass"),
    # an order naming both the mass and a node keeps both
    (RETROPERITONEUM, "MRI ABDOMEN", "CT BX RIGHT RETROPERITONEAL MASS AND PARACAVAL NODE", "49180",
     RP_MASS, "deep-soft-tissue-mass"),
])
def test_an_order_naming_the_calcified_structure_still_cards(
        report: str, title: str, text: str | None, code: str, display: str, want: str) -> None:
    assert cards(report, title, text, code, display) == [want]


def test_a_reason_naming_the_mass_keeps_it() -> None:
    assert cards(NECK_IB, "MRI NECK", "US FNA RIGHT LEVEL IB LYMPH NODE", "10005", FNA_US,
                 "Right submandibular mass with calcification, node sampling") == [
        "biopsy-calcified-mass"]
