"""A duct's calibre is no lesion's size, and an IPMN is named as one, not by its mural nodule
(review round 26, unseen51 c1, a card a radiologist would not sign: "Mixed-type IPMN with an
enhancing 8 mm mural nodule and main duct 9 mm …, with likely intraductal calcifications" was
named "pancreas nodule (9 mm)"; docs/matching-policy.md P11.121, P11.122)."""

from __future__ import annotations

import pytest

from tests.test_card_names import card_detail, lesion_line

MRI = "MRI ABDOMEN W/WO IV CONT MRCP"
ORDER = "CT ABD W/ IV CONT"


def _name(text: str) -> str:
    return lesion_line(card_detail(text, MRI, ORDER, "Pancreatic lesion - surgical planning"))


@pytest.mark.parametrize(("text", "name"), [
    ("IMPRESSION: Mixed-type IPMN with an enhancing 8 mm mural nodule and main duct 9 mm, with "
     "likely intraductal calcifications.", "pancreas IPMN"),
    ("FINDINGS: Main-duct IPMN of the pancreatic head: the main pancreatic duct is dilated to "
     "11 mm and contains several punctate calcifications.", "pancreatic IPMN"),
    ("FINDINGS: Branch-duct IPMN of the pancreatic body, 24 mm, with a 5 mm mural nodule and "
     "coarse peripheral calcification; main duct 4 mm.", "pancreatic body IPMN (24 mm)"),
    ("FINDINGS: A 6 mm cyst in the pancreatic tail with a calcified wall and an 8 mm dilated "
     "main pancreatic duct.", "pancreatic tail cyst (6 mm)"),
    ("IMPRESSION: Intraductal papillary mucinous neoplasm of the pancreatic head with a 7 mm "
     "mural nodule and possible intraductal calcification; main pancreatic duct 10 mm.",
     "pancreatic head neoplasm"),
    ("FINDINGS: A 7 mm calcified nodule in the pancreatic head abuts the common bile duct, "
     "which measures 12 mm.", "pancreatic head nodule (7 mm)"),
])
def test_a_duct_calibre_is_not_the_lesion_size(text: str, name: str) -> None:
    assert _name(text) == name


@pytest.mark.parametrize(("text", "name"), [
    ("FINDINGS: A 12 mm branch-duct cyst of the pancreatic body with mural calcification.",
     "pancreatic body cyst (12 mm)"),
    ("FINDINGS: A 9 mm calcified nodule in the pancreatic head.", "pancreatic head nodule (9 mm)"),
    ("FINDINGS: A 15 mm calcified nodule in the pancreatic tail; the pancreatic duct is normal.",
     "pancreatic tail nodule (15 mm)"),
])
def test_a_lesion_keeps_its_own_size(text: str, name: str) -> None:
    assert _name(text) == name


def test_a_word_in_capitals_is_no_acronym() -> None:
    assert _name("IMPRESSION: 4 CM PANCREATIC TAIL MASS WITH COARSE CALCIFICATION.") == (
        "pancreatic tail mass (40 mm)")
