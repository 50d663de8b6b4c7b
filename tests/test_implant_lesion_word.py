"""A serosal or peritoneal implant is named as one, and the organ of the carcinoma it is said to be
("consistent with recurrent ovarian carcinoma") is the primary's, not its place (review round 26,
unseen51 e1, a card a radiologist would not sign: "liver carcinoma (15 mm)", and with "ovarian"
an "ovarian carcinoma" offered CT pelvis; docs/matching-policy.md P2.56)."""

from __future__ import annotations

import pytest

from tests.test_card_names import card_detail, lesion_line

MRI = "MRI ABDOMEN PELVIS W/WO CONTRAST"
BIOPSY = "US GUIDED LIVER BIOPSY"


@pytest.mark.parametrize(("text", "name"), [
    ("IMPRESSION: New calcified serosal implant along the segment 6 liver capsule, 15 mm, "
     "consistent with recurrent serous carcinoma.", "liver serosal implant (15 mm)"),
    ("IMPRESSION: New calcified serosal implant along the segment 6 liver capsule, 15 mm, "
     "consistent with recurrent ovarian carcinoma.", "liver serosal implant (15 mm)"),
    ("FINDINGS: A 12 mm calcified peritoneal implant in the right paracolic gutter, consistent "
     "with metastatic ovarian carcinoma.", "peritoneal implant (12 mm)"),
    ("FINDINGS: A calcified capsular implant on the right hepatic lobe, 9 mm, in keeping with "
     "recurrent ovarian serous carcinoma.", "right hepatic capsular implant (9 mm)"),
])
def test_an_implant_is_named_as_one(text: str, name: str) -> None:
    detail = card_detail(text, MRI, BIOPSY, "Recurrent ovarian carcinoma")
    assert lesion_line(detail) == name
    assert "CT pelvis" not in detail


def test_an_omental_implant_before_its_biopsy() -> None:
    text = ("FINDINGS: Calcified omental implant, 14 mm, compatible with recurrent ovarian "
            "carcinoma.")
    detail = card_detail(text, MRI, "CT GUIDED BIOPSY OMENTAL MASS", "Recurrent ovarian carcinoma")
    assert lesion_line(detail) == "omental implant (14 mm)"


@pytest.mark.parametrize(("text", "name"), [
    ("FINDINGS: A 25 mm calcified mass in the liver, consistent with hepatocellular carcinoma.",
     "liver mass (25 mm)"),
    ("FINDINGS: A 30 mm calcified mass of the left ovary, consistent with serous carcinoma.",
     "left ovarian mass (30 mm)"),
])
def test_a_mass_in_its_organ_keeps_its_place(text: str, name: str) -> None:
    assert lesion_line(card_detail(text, MRI, "CT ABDOMEN PELVIS W CONTRAST", "Mass")) == name
