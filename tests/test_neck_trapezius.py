"""P18.16 (lead ruling, review round 19, unseen43 m2): the upper (cervical, descending)
trapezius, and a trapezius mass the report places in the neck (a neck heading, "posterior neck",
"supraclavicular", a cervical level), is a neck structure: its CT is the soft-tissue neck CT
(70490 without contrast). The middle and lower trapezius over the scapula stay the chest wall's
(P18.8, tests/test_order_surgery.py).
"""
from __future__ import annotations

import pytest

from cds_service.core.reading import read_report
from tests.test_order_catalog import leads, mri

NECK_MRI = "MRI Neck Soft Tissue w/o & w/ Contrast"
M2 = ("FINDINGS:\nPOSTERIOR NECK: A 3.9 x 2.7 x 2.4 cm intramuscular mass lies within the right "
      "upper trapezius, with a heterogeneous T2 hyperintense centre, extensive surrounding muscle "
      "edema and a thin peripheral rim of low signal on all sequences, ossification versus "
      "calcification. The adjacent scapula and spinous processes have normal marrow signal.\n"
      "IMPRESSION:\n1. Right upper trapezius intramuscular mass with a peripheral low-signal rim, "
      "ossification versus calcification: early myositis ossificans favoured, extraskeletal "
      "osteosarcoma less likely; noncontrast CT would show a zonal pattern.")

NECK = [
    "FINDINGS: A 4.2 cm intramuscular mass lies within the right upper trapezius and contains "
    "coarse calcification, dark on all sequences and blooming on GRE.",
    "FINDINGS: A 4.2 cm intramuscular mass in the upper fibers of the right trapezius contains "
    "coarse calcification, dark on all sequences and blooming on GRE.",
    "FINDINGS: Posterior neck: A 4.2 cm intramuscular mass lies within the right trapezius and "
    "contains coarse calcification.",
    "FINDINGS: A 4.2 cm calcified intramuscular mass lies within the right trapezius in the "
    "posterior neck at the C6 level.",
    "FINDINGS: A 4.2 cm calcified intramuscular mass lies within the right trapezius at the "
    "C5-C6 level, lateral to the spinous processes.",
    "FINDINGS: A 4.2 cm calcified mass lies within the right trapezius in the supraclavicular "
    "region.",
    "FINDINGS: A 4.2 cm intramuscular mass within the right descending trapezius contains "
    "punctate calcifications.",
]

CHEST_WALL = [  # the trapezius over the scapula or thoracic spine stays the chest wall's (P18.8)
    "FINDINGS: A 4.2 cm calcified intramuscular mass lies within the right trapezius.",
    "FINDINGS: A 4.2 cm calcified intramuscular mass lies within the right lower trapezius over "
    "the scapula.",
    "FINDINGS: A 4.2 cm calcified intramuscular mass lies within the right trapezius at the T4 "
    "level.",
    "FINDINGS: A 4.2 cm calcified intramuscular mass lies within the right trapezius and extends "
    "into the supraclavicular fossa.",
]


def sites(text: str, title: str = "MRI") -> list[tuple[str, str | None]]:
    return [(s.site, s.side) for s in read_report(mri(text, title)).findings.structures]


def test_m2_upper_trapezius_under_posterior_neck_is_a_neck_muscle() -> None:
    assert sites(M2, NECK_MRI) == [("neck-muscles", "right")]
    for order in ("CT Guided Biopsy Soft Tissue Neck Right", "BX MUSCLE PERC RT TRAPEZIUS MASS",
                  "CT SOFT TISSUE NECK W CONTRAST"):
        assert leads(M2, order, title=NECK_MRI) == ["ossification-vs-calcification"]
    assert leads(M2, "CT CHEST W CONTRAST", title=NECK_MRI) == []
    assert leads(M2, "BX MUSCLE PERC LT TRAPEZIUS MASS", title=NECK_MRI) == []


def test_m2_with_its_reason_the_trapezius_mass_is_the_orders() -> None:
    order = "CT Guided Biopsy Soft Tissue Neck Right"
    assert leads(M2, order, "21550", title=NECK_MRI,
                 display="Biopsy, soft tissue of neck or thorax") == [
        "ossification-vs-calcification"]


@pytest.mark.parametrize("text", NECK)
def test_a_trapezius_mass_the_report_places_in_the_neck_is_a_neck_muscles(text: str) -> None:
    assert sites(text) == [("neck-muscles", "right")]
    assert leads(text, "CT SOFT TISSUE NECK W CONTRAST") == ["deep-soft-tissue-mass"]
    assert leads(text, "CT CHEST W CONTRAST") == []
    assert leads(text, "US GUIDED CORE BX RIGHT TRAPEZIUS MASS") == ["deep-soft-tissue-mass"]


@pytest.mark.parametrize("text", CHEST_WALL)
def test_the_trapezius_over_the_scapula_stays_the_chest_walls(text: str) -> None:
    assert sites(text) == [("chest-wall", "right")]
    assert leads(text, "CT CHEST W CONTRAST") == ["deep-soft-tissue-mass"]
    assert leads(text, "CT SOFT TISSUE NECK W CONTRAST") == []
    assert leads(text, "US GUIDED CORE BX RIGHT TRAPEZIUS MASS") == ["deep-soft-tissue-mass"]


def test_a_neck_muscle_beside_the_trapezius_keeps_its_own_place() -> None:
    text = ("FINDINGS: A 4 cm mass centered in the right levator scapulae, between the splenius "
            "capitis and the trapezius, contains calcification.")
    assert sites(text) == [("neck-muscles", "right")]
    rhomboid = ("FINDINGS: A 4.6 cm intramuscular mass of the left rhomboid major deep to the "
                "trapezius in the lower neck contains coarse calcification.")
    assert sites(rhomboid) == [("chest-wall", "left")]
