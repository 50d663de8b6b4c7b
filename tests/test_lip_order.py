"""An order's "lip" is the lip, and its "labial gland" a minor salivary gland: never the vulva
(docs/matching-policy.md P1.15, amending P1.13 for orders).

Since P1.13 "labial" names the vulva where nothing places it elsewhere, so a Sjögren lip biopsy
ordered as "LIP BIOPSY LABIAL" read as a biopsy of the vulva, and a patient's calcified labial
(vulvar) mass on a pelvic MRI drew the biopsy card before it; "LIP BIOPSY" named no place and
drew it too. Each variant below drew biopsy-calcified-mass on 577551a; the guards keep their
answer (a labial mass's own biopsy, a lip mass's own biopsy, a minor salivary gland biopsy of
the lip, which is about the glands).
"""

from __future__ import annotations

import pytest

from cds_service.core.orders import classify_order
from tests.test_deep_spaces import leads

PELVIC = ("FINDINGS: PERINEUM: A 32 mm mass of the left labial soft tissues with coarse "
          "calcification. IMPRESSION: Calcified left labial mass.", "MRI PELVIS W WO CONTRAST")
LIP = ("FINDINGS: SOFT TISSUES: A 14 mm mass in the left lower lip contains coarse "
       "calcification. IMPRESSION: Calcified left lower lip mass.", "MRI FACE W WO CONTRAST")

LIP_ORDERS = [
    "LIP BIOPSY LABIAL",
    "LIP BX LABIAL",
    "BIOPSY LIP, LABIAL",
    "LABIAL BIOPSY LIP",
    "LIP BIOPSY",
    "LABIAL GLAND BIOPSY LIP",
    "LABIAL GLANDS BIOPSY",
    "BIOPSY LABIAL GLANDS (SJOGREN)",
    "BIOPSY LABIAL MUCOSA LIP",
]


@pytest.mark.parametrize("order", LIP_ORDERS)
def test_a_lip_biopsy_is_not_about_a_vulvar_mass(order: str) -> None:
    assert leads(*PELVIC[:1], order, PELVIC[1]) == []


@pytest.mark.parametrize("order", LIP_ORDERS)
def test_a_lip_biopsy_names_no_vulva(order: str) -> None:
    assert "vulva" not in classify_order({
        "resourceType": "ServiceRequest", "id": "o1", "status": "draft", "intent": "order",
        "subject": {"reference": "Patient/p1"}, "code": {"text": order}}).sites


def test_a_lip_biopsy_labial_is_about_a_calcified_lip_mass() -> None:  # drew nothing: the vulva
    assert leads(*LIP[:1], "LIP BX LABIAL", LIP[1]) == ["biopsy-calcified-mass"]


# --- guards ---------------------------------------------------------------------------------

@pytest.mark.parametrize("order", ["BIOPSY LEFT LABIAL MASS", "LABIAL BIOPSY",
                                   "BIOPSY LEFT VULVAR MASS"])
def test_a_labial_biopsy_in_a_pelvic_setting_stays_the_vulvas(order: str) -> None:  # P1.13
    assert leads(*PELVIC[:1], order, PELVIC[1]) == ["biopsy-calcified-mass"]


@pytest.mark.parametrize("order", ["LIP BIOPSY", "BIOPSY LEFT LOWER LIP MASS"])
def test_a_lip_masss_own_biopsy_gets_the_biopsy_card(order: str) -> None:
    assert leads(*LIP[:1], order, LIP[1]) == ["biopsy-calcified-mass"]


@pytest.mark.parametrize("order", ["LIP BIOPSY (LABIAL MINOR SALIVARY GLAND)",
                                   "MINOR SALIVARY GLAND BIOPSY, LIP"])
def test_a_minor_salivary_gland_biopsy_of_the_lip_is_about_the_glands(order: str) -> None:
    assert leads(*LIP[:1], order, LIP[1]) == []  # the glands, not the calcified lip mass


@pytest.mark.parametrize("order", ["LABIAL MINOR SALIVARY GLAND BIOPSY",
                                   "CT PELVIS W CONTRAST"])
def test_a_minor_salivary_gland_biopsy_and_a_pelvic_ct_are_unchanged(order: str) -> None:
    want = [] if "SALIVARY" in order else ["contrast-ct-noncontrast-first"]
    assert leads(*PELVIC[:1], order, PELVIC[1]) == want
