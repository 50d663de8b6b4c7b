"""A clinical or laboratory setting ("in the setting of elevated metanephrines") is no background
organ: the mineral after it stays the lesion's, named with its lesion word and size (review round
26, unseen51 e2, a wording point: "Left adrenal mass, 48 mm, with features of pheochromocytoma in
the setting of elevated metanephrines; …" was named "left adrenal"; docs/matching-policy.md
P11.124, P2.37)."""

from __future__ import annotations

import pytest

from tests.test_card_names import card_detail, first_card, lesion_line

ABDOMEN = "MRI ABDOMEN W/WO CONTRAST"


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    ("IMPRESSION: Left adrenal mass, 46 mm, with features of pheochromocytoma in the setting of "
     "elevated urinary metanephrines; foci of calcification are suspected.", ABDOMEN,
     "CT ABDOMEN W CONTRAST", "left adrenal mass (46 mm)"),
    ("IMPRESSION: Right adrenal mass, 36 mm, in the setting of elevated plasma free "
     "metanephrines, containing coarse calcification.", ABDOMEN, "CT ABDOMEN W IV CONTRAST",
     "right adrenal mass (36 mm)"),
    ("IMPRESSION: Pancreatic tail mass, 32 mm, in the setting of elevated CA 19-9; internal "
     "signal voids likely represent calcification.", ABDOMEN, "EUS WITH FNA PANCREATIC TAIL MASS",
     "pancreatic tail mass (32 mm)"),
    ("IMPRESSION: Left thyroid nodule, 22 mm, in the setting of elevated calcitonin, with coarse "
     "calcification.", "MRI NECK W/WO", "US GUIDED FNA THYROID NODULE LEFT",
     "left thyroid nodule (22 mm)"),
    ("FINDINGS: Segment 7 liver mass, 54 mm, in the setting of rising AFP levels; calcification "
     "is present within it.", "MRI LIVER W/WO", "CT GUIDED LIVER BIOPSY", "liver mass (54 mm)"),
    ("FINDINGS: Left para-aortic mass, 30 mm, in the setting of elevated normetanephrines; it "
     "contains calcification.", ABDOMEN, "CT ABDOMEN PELVIS W CONTRAST",
     "left para-aortic mass (30 mm)"),
])
def test_a_lab_setting_leaves_the_mineral_to_the_lesion(text: str, title: str, order: str,
                                                        name: str) -> None:
    assert lesion_line(card_detail(text, title, order, "Mass")) == name


@pytest.mark.parametrize(("text", "title", "order"), [
    ("FINDINGS: Solid right thyroid nodule in the setting of a calcified multinodular goitre.",
     "MRI NECK W/WO", "US GUIDED FNA THYROID NODULE RIGHT"),
    ("FINDINGS: 2.8 cm pancreatic head mass on a background of chronic calcific pancreatitis.",
     ABDOMEN, "EUS WITH FNA PANCREATIC HEAD MASS"),
])
def test_an_organ_background_is_still_the_organs(text: str, title: str, order: str) -> None:
    with pytest.raises(AssertionError, match="no card"):
        first_card(text, title, order, "Mass")
