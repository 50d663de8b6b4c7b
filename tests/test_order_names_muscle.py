"""An order that names a muscle's mass is about that mass, not the lesion inside the bone beside
the muscle; an order that names the bone keeps the bone (docs/matching-policy.md P15.9, P3.3,
P16.2). Each variant drew a card for the bone lesion on cdd77bb (unseen27 g2 twin: "CT GUIDED
CORE BX LT GLUTEUS MEDIUS MASS", CPT 20206, beside a chondroid lesion of the supra-acetabular
ilium drew bone-lesion-biopsy)."""

from __future__ import annotations

from typing import Any

import pytest

from cds_service.core import rules
from cds_service.core.orders import classify_order
from cds_service.core.reading import read_report
from tests.test_order_catalog import CPT, mri

MUSCLE_BX = "Biopsy, muscle, percutaneous needle"
BONE_BX = "Biopsy, bone, trocar, or needle; deep (eg, vertebral body, femur)"
RP_MASS = "Biopsy, abdominal or retroperitoneal mass, percutaneous needle"


def cards(report: str, text: str, code: str | None = None, display: str | None = None,
          reason: str | None = None, site: str | None = None) -> list[str]:
    concept: dict[str, Any] = {"text": text}
    if code is not None:
        coding = {"system": CPT, "code": code}
        concept["coding"] = [coding | ({"display": display} if display else {})]
    order: dict[str, Any] = {"resourceType": "ServiceRequest", "id": "o1", "status": "draft",
                             "intent": "order", "subject": {"reference": "Patient/p1"},
                             "code": concept}
    if reason is not None:
        order["reasonCode"] = [{"text": reason}]
    if site is not None:
        order["bodySite"] = [{"text": site}]
    ev = rules.Evidence(reports=(read_report(mri(report, "MRI")),), studies=())
    return [p.lead.rule_id
            for p in rules.merge(rules.evaluate(classify_order(order), ev))]


ILIUM = (
    "FINDINGS: Bones: A 4.8 cm lobulated lesion expands the left supra-acetabular ilium with "
    "endosteal scalloping. It contains punctate foci of low signal on all sequences consistent "
    "with chondroid matrix mineralization. Muscles: A separate 3.1 cm intramuscular mass in the "
    "left gluteus medius muscle is homogeneously T2 hyperintense and enhancing, without "
    "calcification. IMPRESSION: 1. Chondroid lesion of the left supra-acetabular ilium with "
    "matrix mineralization. 2. Separate noncalcified intramuscular mass in the left gluteus "
    "medius.")
FEMUR = (
    "FINDINGS: Bone marrow: A 3.2 cm intramedullary lesion of the right distal femoral "
    "diaphysis contains rings and arcs of low signal, chondroid matrix. Muscles: A 2.6 cm "
    "enhancing mass within the right vastus lateralis, without calcification. IMPRESSION: "
    "Enchondroma of the distal femur. Separate vastus lateralis mass, indeterminate.")
HUMERUS = (
    "FINDINGS: A 2.9 cm lesion is centred in the left proximal humeral metaphysis with "
    "punctate chondroid calcification. A 4 cm mass in the left deltoid muscle is T2 "
    "hyperintense with no calcification or low-signal foci. IMPRESSION: 1. Chondroid lesion of "
    "the proximal humerus. 2. Indeterminate deltoid mass.")
TIBIA = (
    "FINDINGS: Bones: An expansile lesion of the right proximal tibial metaphysis contains "
    "chondroid matrix mineralization. Soft tissues: A 3.5 cm intramuscular mass in the medial "
    "head of the right gastrocnemius enhances avidly; no calcification. IMPRESSION: Tibial "
    "chondroid lesion; separate gastrocnemius mass.")
VERTEBRA = (
    "FINDINGS: A 2.4 cm lesion is centred in the L3 vertebral body with dense matrix "
    "mineralization, low signal on all sequences, osteoblastic. A separate 5.1 cm mass in the "
    "left psoas muscle is T2 hyperintense and enhancing, without calcification. Another 3 cm "
    "enhancing mass in the right lumbar paraspinal muscles. IMPRESSION: Mineralized L3 "
    "vertebral body lesion. Separate psoas and paraspinal masses.")

MUSCLE_ORDERS = [
    (ILIUM, "CT GUIDED CORE BX LT GLUTEUS MEDIUS MASS", "20206", MUSCLE_BX,
     "Left gluteus medius intramuscular mass", "Left gluteus medius"),
    (FEMUR, "US GUIDED CORE BX RT VASTUS LATERALIS MASS", "20206", MUSCLE_BX, None, None),
    (HUMERUS, "BX MUSCLE PERC LT DELTOID MASS W US GUIDANCE", "20206", MUSCLE_BX,
     "Left deltoid intramuscular mass", None),
    (TIBIA, "CT GUIDED CORE BX RT CALF MASS", None, None, "Right gastrocnemius mass", None),
    (VERTEBRA, "CT GUIDED CORE BX LT PSOAS MASS", "49180", RP_MASS, None, None),
    (VERTEBRA, "CT GUIDED CORE BX RT PARASPINAL MASS", "20206", MUSCLE_BX,
     "Right lumbar paraspinal muscle mass", None),
    (FEMUR, "EXCISION RT THIGH MASS", "27328", None, "Right vastus lateralis mass", None),
    (ILIUM, "EXCISION SUBFASCIAL TUMOR LT GLUTEUS MEDIUS", "27048", None, None, None),
]


@pytest.mark.parametrize(("report", "text", "code", "display", "reason", "site"), MUSCLE_ORDERS)
def test_an_order_naming_a_muscles_mass_is_not_about_the_bone_lesion_beside_it(
        report: str, text: str, code: str | None, display: str | None, reason: str | None,
        site: str | None) -> None:
    assert cards(report, text, code, display, reason, site) == []


@pytest.mark.parametrize(("report", "text", "code", "display", "reason"), [
    (ILIUM, "CT GUIDED BONE BX LT ILIUM", "20225", BONE_BX, "Left supra-acetabular iliac lesion"),
    (ILIUM, "CT GUIDED BX LT ILIAC LESION", None, None,
     "Left iliac lesion extending toward the gluteus medius"),
    (FEMUR, "CT GUIDED BX RT FEMUR LESION", None, None, "Right vastus lateralis mass nearby"),
    (HUMERUS, "BX LT PROXIMAL HUMERUS LESION", "20225", BONE_BX, None),
    (VERTEBRA, "CT GUIDED BX L3 VERTEBRAL BODY LESION", "20225", BONE_BX,
     "L3 lesion; psoas mass also present"),
])
def test_an_order_naming_the_bone_keeps_the_bone_card(
        report: str, text: str, code: str | None, display: str | None,
        reason: str | None) -> None:
    assert cards(report, text, code, display, reason) == ["bone-lesion-biopsy"]


CALCIFIED_MUSCLE_MASS = (
    "FINDINGS: A 5.2 cm mass in the left gluteus medius muscle contains coarse calcification. "
    "The adjacent ilium is normal. IMPRESSION: Calcified intramuscular gluteus medius mass.")


@pytest.mark.parametrize("text", [
    "CT GUIDED CORE BX LT GLUTEUS MEDIUS MASS",
    "US GUIDED CORE BX LT GLUTEUS MEDIUS INTRAMUSCULAR MASS",
])
def test_the_calcified_mass_of_the_muscle_named_still_cards(text: str) -> None:
    assert cards(CALCIFIED_MUSCLE_MASS, text, "20206", MUSCLE_BX) == ["deep-soft-tissue-mass"]


def test_a_muscle_biopsy_for_myopathy_stays_silent() -> None:
    assert cards(CALCIFIED_MUSCLE_MASS, "BIOPSY, MUSCLE", "20205", None,
                 "Proximal weakness, r/o inflammatory myopathy") == []


def test_an_operation_naming_a_tendon_by_its_muscle_keeps_the_deposit() -> None:
    report = ("FINDINGS: A 9 mm calcific deposit lies within the distal left biceps tendon at "
              "its radial tuberosity insertion, dark on all sequences. IMPRESSION: Calcific "
              "tendinopathy of the distal biceps tendon.")
    assert cards(report, "OPEN REMOVAL CALCIFIC DEPOSIT DISTAL BICEPS TENDON LT",
                 reason="Calcific tendinopathy distal biceps, failed conservative care") == [
        "surgical-planning"]
