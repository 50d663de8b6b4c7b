"""A biopsy whose own name or body site names a bone samples that bone, not the soft-tissue mass
in the muscle beside it (docs/matching-policy.md P15.12, the converse of P15.9). Each failing
variant drew deep-soft-tissue-mass or biopsy-calcified-mass on 50cb9fa (unseen42 k1: "CT GUIDED
BIOPSY LUMBAR VERTEBRA", CPT 20225, for a calcified right iliocostalis lumborum mass)."""

from __future__ import annotations

import pytest

from cds_service.core import rules
from cds_service.core.orders import classify_order
from cds_service.core.reading import read_report
from tests.test_order_catalog import CPT, mri
from tests.test_order_names_muscle import BONE_BX, MUSCLE_BX, cards

MASS_RULES = {"deep-soft-tissue-mass", "biopsy-calcified-mass", "soft-tissue-mass"}

ILIOCOSTALIS = (
    "HISTORY: 67-year-old male with a slowly enlarging firm right low back mass. FINDINGS: "
    "Paraspinal soft tissues: A 4.6 x 3.8 x 3.1 cm lobulated mass lies within the right "
    "iliocostalis lumborum at L2-L3, separated from the transverse processes by a preserved fat "
    "plane. Clustered punctate low-signal foci within it on all sequences are compatible with "
    "calcification. Vertebrae: Normal alignment. No marrow-replacing lesion. IMPRESSION: 1. 4.6 "
    "cm calcified mass within the right iliocostalis lumborum at L2-L3, separate from bone; "
    "sarcoma not excluded.")
THORACIC = (
    "FINDINGS: A 3.9 cm mass lies within the left thoracic erector spinae at T8-T9 with "
    "coarse low-signal foci on all sequences compatible with calcification. The vertebral "
    "bodies are normal in signal. IMPRESSION: Calcified left thoracic erector spinae mass at "
    "T8-T9, separate from bone.")
GLUTEUS = (
    "FINDINGS: Muscles: A 5.2 cm mass within the left gluteus medius contains clustered "
    "punctate low-signal foci compatible with calcification. Bones: The left iliac wing is "
    "normal in marrow signal. IMPRESSION: Calcified left gluteus medius mass abutting the "
    "iliac wing without osseous invasion.")
THIGH = (
    "FINDINGS: A 6.1 cm mass lies within the right vastus intermedius with a preserved fat "
    "plane to the bone and no periosteal reaction. It contains "
    "ring-and-arc low-signal foci compatible with calcification. The femur is normal. "
    "IMPRESSION: Calcified right vastus intermedius mass, separate from the femur.")
CHEST_WALL = (
    "FINDINGS: Chest wall: A 3.4 cm mass lies in the right seventh intercostal space between the "
    "intercostal muscles, contacting the inferior margin of the right seventh rib without "
    "cortical erosion. It contains dense low-signal foci compatible with calcification. "
    "IMPRESSION: Calcified right seventh intercostal mass; the rib is intact.")
SACRAL = (
    "FINDINGS: A 4.2 cm mass within the left multifidus at L5-S1, separate from the sacrum and "
    "the posterior elements, contains punctate low-signal foci compatible with calcification. "
    "IMPRESSION: Calcified left multifidus mass at L5-S1.")

BONE_NAMED = [
    (ILIOCOSTALIS, "CT GUIDED BIOPSY LUMBAR VERTEBRA", "20225", None),
    (ILIOCOSTALIS, "CT GUIDED BX L2 VERTEBRAL BODY", "20225", None),
    (ILIOCOSTALIS, "CT GUIDED BIOPSY RIGHT L3 PEDICLE", None, None),
    (THORACIC, "CT GUIDED BX T8 VERTEBRA", "20225", None),
    (GLUTEUS, "CT GUIDED BIOPSY LEFT ILIUM", "20225", None),
    (GLUTEUS, "CT GUIDED BX LT ILIAC BONE", None, None),
    (THIGH, "CT GUIDED BIOPSY RIGHT FEMUR", "20225", None),
    (CHEST_WALL, "CT GUIDED BIOPSY RIGHT 7TH RIB", "20220", None),
    (SACRAL, "CT GUIDED BIOPSY SACRUM", "20225", None),
    (ILIOCOSTALIS, "CT GUIDED BIOPSY", "20225", "L2 vertebral body"),
    (ILIOCOSTALIS, "CT GUIDED BX L2 VERTEBRAL LESION", "20225", None),
]


@pytest.mark.parametrize(("report", "text", "code", "site"), BONE_NAMED)
def test_a_biopsy_naming_a_bone_is_not_about_the_muscle_mass(
        report: str, text: str, code: str | None, site: str | None) -> None:
    assert not MASS_RULES & set(cards(report, text, code, None, site=site))
    assert not MASS_RULES & set(cards(report, text, None, None, site=site))


MASS_NAMED = [
    (ILIOCOSTALIS, "CT GUIDED BX PARASPINAL MASS", "20206", MUSCLE_BX),
    (ILIOCOSTALIS, "BX SOFT TISSUE DEEP BACK", None, None),
    (ILIOCOSTALIS, "CT GUIDED BX RT ILIOCOSTALIS MASS", "20206", MUSCLE_BX),
    (ILIOCOSTALIS, "CT GUIDED CORE BX RIGHT LOW BACK MASS", "20206", MUSCLE_BX),
    (CHEST_WALL, "CT GUIDED BX RT INTERCOSTAL MASS", None, None),
    (GLUTEUS, "CT GUIDED CORE BX LT GLUTEUS MEDIUS MASS", "20206", MUSCLE_BX),
    (CHEST_WALL, "CT GUIDED BX RT CHEST WALL MASS AT 7TH RIB", None, None),
]


@pytest.mark.parametrize("reason", ["Right iliocostalis lumborum mass",
                                    "Right lumbar paraspinal soft tissue mass"])
def test_a_reason_naming_the_muscle_mass_keeps_the_card(reason: str) -> None:
    assert MASS_RULES & set(cards(ILIOCOSTALIS, "CT GUIDED BIOPSY LUMBAR VERTEBRA", "20225",
                                  reason=reason))


@pytest.mark.parametrize(("report", "text", "code", "display"), MASS_NAMED)
def test_a_biopsy_naming_the_mass_keeps_its_card(
        report: str, text: str, code: str | None, display: str | None) -> None:
    assert MASS_RULES & set(cards(report, text, code, display))


def test_a_code_alone_keeps_the_mass_card() -> None:
    order = {"resourceType": "ServiceRequest", "id": "o1", "status": "draft",
             "intent": "order", "subject": {"reference": "Patient/p1"},
             "code": {"coding": [{"system": CPT, "code": "20206", "display": MUSCLE_BX}]}}
    ev = rules.Evidence(reports=(read_report(mri(ILIOCOSTALIS, "MRI")),), studies=())
    leads = {p.lead.rule_id for p in rules.merge(rules.evaluate(classify_order(order), ev))}
    assert MASS_RULES & leads


VERTEBRAL_LESION = (
    "FINDINGS: A 2.4 cm lesion is centred in the L2 vertebral body with dense matrix "
    "mineralization, low signal on all sequences, osteoblastic. The paraspinal muscles are "
    "normal. IMPRESSION: Mineralized L2 vertebral body lesion.")


@pytest.mark.parametrize("text", ["CT GUIDED BIOPSY LUMBAR VERTEBRA",
                                  "CT GUIDED BX L2 VERTEBRAL BODY", "CT GUIDED BIOPSY L2 VERTEBRA"])
def test_a_vertebral_biopsy_keeps_the_bone_lesion(text: str) -> None:
    assert "bone-lesion-biopsy" in cards(VERTEBRAL_LESION, text, "20225", BONE_BX)
