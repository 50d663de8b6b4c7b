"""A thymic lesion is placed in the thymus, in the anterior (prevascular) mediastinum: "thymic
cyst", never "chest cyst" (review round 26, unseen51 c2, a wording point: a multilocular thymic
cyst was named "chest cyst" and an anterior mediastinal one "mediastinal cyst";
docs/matching-policy.md P11.123)."""

from __future__ import annotations

import pytest

from tests.test_card_names import card_detail, first_card, lesion_line

MRI = "MRI CHEST W/WO CONTRAST"


@pytest.mark.parametrize(("text", "order", "name"), [
    ("IMPRESSION: Multiloculated thymic cyst, 45 mm, with a thin calcified wall.",
     "CT CHEST W CONTRAST", "thymic cyst (45 mm)"),
    ("FINDINGS: A 30 mm cyst of the thymus with mural calcification.",
     "CT CHEST W IV CONTRAST", "thymic cyst (30 mm)"),
    ("FINDINGS: A 40 mm lobulated thymic mass with internal calcification.",
     "CT GUIDED BIOPSY ANTERIOR MEDIASTINAL MASS", "thymic mass (40 mm)"),
    ("FINDINGS: Prevascular mediastinal thymic cyst, 52 mm, with peripheral calcification.",
     "CTA CHEST W CONTRAST", "thymic cyst (52 mm)"),
    ("IMPRESSION: 3.1 cm thymic lesion containing coarse calcifications, thymoma favored.",
     "CT GUIDED BIOPSY MEDIASTINAL MASS", "thymic lesion (31 mm)"),
])
def test_a_thymic_lesion_is_named_by_the_thymus(text: str, order: str, name: str) -> None:
    detail = card_detail(text, MRI, order, "Anterior mediastinal lesion")
    assert lesion_line(detail) == name
    assert "chest cyst" not in detail and "does not state a side" not in detail


def test_a_thymic_lesion_is_a_chest_lesion_for_the_order() -> None:
    card = first_card("FINDINGS: A 30 mm cyst of the thymus with mural calcification.", MRI,
                      "CT CHEST W CONTRAST", "Thymic cyst")
    assert "CT chest without and with contrast" in card.detail


@pytest.mark.parametrize(("text", "name"), [
    ("FINDINGS: A 35 mm anterior mediastinal mass with calcification.",
     "anterior mediastinal mass (35 mm)"),
    ("FINDINGS: A 35 mm calcified mass in the right paratracheal region.",
     "right paratracheal mass (35 mm)"),
])
def test_other_mediastinal_places_are_unchanged(text: str, name: str) -> None:
    assert lesion_line(card_detail(text, MRI, "CT CHEST W CONTRAST", "Mass")) == name


def test_a_thymic_lesion_is_not_an_abdominal_orders_target() -> None:
    with pytest.raises(AssertionError):
        first_card("FINDINGS: A 40 mm thymic mass with internal calcification.", MRI,
                   "CT ABDOMEN W CONTRAST", "Abdominal pain")
