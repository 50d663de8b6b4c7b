"""Issue 17, review round 14 (P11.68): a lesion the report calls a cystic lesion or mass keeps
the word, its subsite and its size. unseen38 o2's card said "pancreas cyst" for "A unilocular
thick-walled cystic lesion of the pancreatic tail measures 4.6 x 3.9 cm", whose calcification an
endoscopic ultrasound showed ("the cyst wall showed several echogenic foci"): a radiologist
writes "pancreatic tail cystic lesion (46 mm)". A cited study's "cyst" is the cystic lesion the
report describes there; the pancreas's body and tail are named as its head was. Guards: a solid
and cystic mass is no "cystic mass", a cyst stays a cyst, a cited cyst where the report
describes only a solid mass takes nothing from it. The variants failed on main 5e3096c."""

from __future__ import annotations

import pytest

from tests.test_card_names import card_detail, lesion_line

ABDOMEN = "MRI ABDOMEN W WO CONTRAST"
PELVIS = "MRI PELVIS W WO CONTRAST"
CT = "CT ABDOMEN W CONTRAST"
EUS = ("On the endoscopic ultrasound of 2026-09-20 the cyst wall showed echogenic foci with "
       "posterior acoustic shadowing.")

VARIANTS = [
    (f"FINDINGS:\nPancreas: A unilocular cystic lesion of the pancreatic tail measures 4.1 x 3.2 "
     f"cm, previously 3.6 cm. No mural nodule. {EUS}\nIMPRESSION: 4.1 cm pancreatic tail cystic "
     "lesion; mucinous cystic neoplasm favoured.", ABDOMEN, CT,
     "pancreatic tail cystic lesion (41 mm)"),
    ("FINDINGS:\nPancreas: A 2.8 cm cystic lesion in the pancreatic body has a rim of peripheral "
     "calcification.", ABDOMEN, CT, "pancreatic body cystic lesion (28 mm)"),
    ("FINDINGS:\nKidneys: A 3.6 cm multiseptated cystic mass of the right kidney has calcified "
     "septa.", ABDOMEN, CT, "right renal cystic mass (36 mm)"),
    ("FINDINGS:\nAdnexa: A 7.5 cm multilocular cystic mass in the right adnexa contains a "
     "calcified septum.", PELVIS, "CT PELVIS W CONTRAST", "right adnexal cystic mass (75 mm)"),
    ("FINDINGS:\nPancreas: A 3.0 cm solid mass in the pancreatic tail contains coarse "
     "calcification.", ABDOMEN, CT, "pancreatic tail mass (30 mm)"),
    ("FINDINGS:\nKidneys: A 4.2 cm cystic lesion of the left kidney has thick septa. On the "
     "ultrasound of 2026-09-01 the cyst in the left kidney contained echogenic foci with "
     "posterior acoustic shadowing.", ABDOMEN, CT, "left renal cystic lesion (42 mm)"),
]


@pytest.mark.parametrize(("text", "title", "order", "name"), VARIANTS)
def test_a_cystic_lesion_keeps_its_word_subsite_and_size(text: str, title: str, order: str,
                                                         name: str) -> None:
    assert lesion_line(card_detail(text, title, order)) == name


GUARDS = [
    # a solid and cystic mass keeps its plain word
    ("FINDINGS:\nPancreas: A 4.4 cm encapsulated solid and cystic mass of the pancreatic tail "
     "has capsular calcification.", ABDOMEN, CT, "pancreatic tail mass (44 mm)"),
    ("FINDINGS:\nAdnexa: A 5.7 cm solid-cystic right ovarian mass contains coarse "
     "calcification.", PELVIS, "CT PELVIS W CONTRAST", "right ovarian mass (57 mm)"),
    # a cyst stays a cyst
    ("FINDINGS:\nKidneys: A 2.2 cm cyst in the left kidney has a calcified wall.", ABDOMEN, CT,
     "left renal cyst (22 mm)"),
    # the head is named as before
    ("FINDINGS:\nPancreas: A 2.6 cm mass in the pancreatic head contains calcification.",
     ABDOMEN, CT, "pancreatic head mass (26 mm)"),
]


@pytest.mark.parametrize(("text", "title", "order", "name"), GUARDS)
def test_guards(text: str, title: str, order: str, name: str) -> None:
    assert lesion_line(card_detail(text, title, order)) == name


def test_a_cited_cyst_takes_nothing_from_a_solid_mass_described_there() -> None:
    text = (f"FINDINGS:\nPancreas: A 3.0 cm solid hypoenhancing mass in the pancreatic tail. {EUS}")
    name = lesion_line(card_detail(text, ABDOMEN, CT))
    assert "(30 mm)" not in name and "mass" not in name
