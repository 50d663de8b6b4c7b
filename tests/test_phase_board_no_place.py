"""Issue 17, review round 14 (P11.67): a contrast phase, a board, a clinic or a service names no
place and no lesion. "Hepatobiliary phase hypointensity" (gadoxetate), "portal venous phase",
"reviewed with the hepatobiliary board", "referred by the sarcoma clinic" made the lesion line
"hepatobiliary lesion (32 mm)", "venous lesion", "left thigh sarcoma": a radiologist writes
"liver lesion (32 mm)", "left thigh mass". Guards: the liver, the hepatic lobe, the pancreatic
tail, the kidney and the axilla named as places stay so; an arterial phase beside a named kidney
changes nothing. The variants failed on main 9856765 (unseen38 g2, e2 and unseen34 o1 are the
reviewers' examples, written here in other words)."""

from __future__ import annotations

import pytest

from cds_service.core import anatomy
from tests.test_card_names import card_detail, lesion_line

LIVER = "MRI LIVER W WO CONTRAST"
ABDOMEN = "MRI ABDOMEN W WO CONTRAST"
CT = "CT ABDOMEN W CONTRAST"

VARIANTS = [
    ("FINDINGS:\nLiver: A 2.4 cm lesion in segment 6 shows rim arterial enhancement and "
     "hepatobiliary phase hypointensity. It contains a focus of coarse calcification.\n"
     "IMPRESSION: Segment 6 liver lesion, likely metastasis.", "MRI ABDOMEN WITH GADOXETATE",
     "US GUIDED LIVER BIOPSY", "liver lesion (24 mm)"),
    ("FINDINGS:\nLiver: Cirrhotic liver. A 4.8 cm mass in the right lobe with washout.\n"
     "IMPRESSION: LR-5 mass.\nADDENDUM: Reviewed with the hepatobiliary board: the right lobe "
     "mass contains a 5 mm focus of calcification.", LIVER, CT, "liver mass (48 mm)"),
    ("FINDINGS:\nA 3.3 cm mass in segment 8 is hypointense in the hepatobiliary phase and "
     "contains coarse calcification.", LIVER, CT, "liver mass (33 mm)"),
    ("FINDINGS:\nA 3.3 cm lesion shows hepatobiliary hypointensity and contains dense "
     "calcification.", LIVER, CT, "liver lesion (33 mm)"),
    ("FINDINGS:\nA 2.7 cm lesion in the hepatic dome is hypointense on the portal venous phase "
     "and contains calcification.", ABDOMEN, CT, "hepatic lesion (27 mm)"),
    ("FINDINGS:\nA 4.2 cm mass in the left thigh, referred by the sarcoma clinic, contains "
     "chunky calcification.", "MRI THIGH LEFT W WO", "US GUIDED CORE BX LT THIGH MASS",
     "left thigh mass (42 mm)"),
]


@pytest.mark.parametrize(("text", "title", "order", "name"), VARIANTS)
def test_a_phase_board_or_clinic_names_no_place(text: str, title: str, order: str,
                                                name: str) -> None:
    assert lesion_line(card_detail(text, title, order)) == name


GUARDS = [
    ("FINDINGS:\nLiver: A 2.4 cm lesion in segment 6 contains coarse calcification.", ABDOMEN,
     "US GUIDED LIVER BIOPSY", "liver lesion (24 mm)"),
    ("FINDINGS:\nA 3.4 cm calcified mass in the right hepatic lobe.", ABDOMEN, CT,
     "right hepatic mass (34 mm)"),
    ("FINDINGS:\nPancreas: Discussed at the hepatobiliary and pancreas board. A 2.9 cm mass in "
     "the pancreatic tail contains coarse calcification.", ABDOMEN, CT,
     "pancreatic tail mass (29 mm)"),
    ("FINDINGS:\nA 3.1 cm mass with avid arterial phase enhancement in the left kidney contains "
     "punctate calcification.", ABDOMEN, CT, "left renal mass (31 mm)"),
    ("FINDINGS:\nFor the breast clinic: a 2.2 cm mass in the left axilla contains coarse "
     "calcification.", "MRI CHEST W WO", "US GUIDED CORE BX LT AXILLA MASS",
     "left axilla mass (22 mm)"),
]


@pytest.mark.parametrize(("text", "title", "order", "name"), GUARDS)
def test_guards_keep_the_places_named(text: str, title: str, order: str, name: str) -> None:
    assert lesion_line(card_detail(text, title, order)) == name


def test_a_title_or_an_organ_word_alone_is_still_the_place() -> None:
    assert anatomy.sites_in("MRI HEPATOBILIARY W WO") == {"liver"}
    assert anatomy.sites_in("the hepatobiliary phase") == set()
    assert anatomy.sites_in("the portal venous phase") == set()
    assert anatomy.sites_in("the pancreas board") == set()
    assert anatomy.sites_in("pancreatic phase enhancement of the pancreas") == {"pancreas"}
