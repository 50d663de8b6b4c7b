"""A size belongs to the noun it is said of (docs/matching-policy.md P11.80, P11.81; review round
17, unseen40 a2 and m2, both not signed; round 13, unseen37 t2): a distance from a landmark ("5
cm FN", "3 cm beneath the skin") is no size; the bursa or sheath holding the lesion ("the
olecranon bursa is distended (3.8 cm)") gives its size only where the lesion has none of its
own; the pannus beside a crowned dens gives none. The variants failed on main 62b90c3 ("(50
mm)", "(38 mm)", "(5 mm)" and the like); each report is written here in other words than the
part's."""

from __future__ import annotations

import pytest

from cds_service.core.reading.structure import size_mm
from tests.test_card_names import first_card, lesion_line

BREAST = "MRI BREAST BILATERAL WWO CONTRAST"
THIGH = "MRI FEMUR RIGHT WWO CONTRAST"
SOFT_BX = "US GUIDED CORE BIOPSY SOFT TISSUE"


def name(text: str, title: str, order: str, reason: str | None = None) -> str:
    return lesion_line(first_card(text, title, order, reason).detail)


@pytest.mark.parametrize(("text", "title", "order", "expected"), [
    # unseen40 a2: the Impression's "5 cm FN" after the Findings' "5 cm from the nipple"
    ("FINDINGS:\nLeft breast: At 2 o'clock, 5 cm from the nipple, a 14 x 11 mm irregular mass "
     "with spiculated margins shows washout kinetics. It contains punctate foci that are dark on "
     "all sequences, possibly calcification.\nIMPRESSION:\n1. 14 mm irregular enhancing left "
     "breast mass at 2 o'clock, 5 cm FN, with possible internal calcification: highly suggestive "
     "of malignancy, BI-RADS 5.", BREAST, "US GUIDED CORE BX L BREAST 2:00 5CMFN",
     "left breast mass (14 mm)"),
    ("IMPRESSION: Irregular 12 mm enhancing mass in the right breast at 10:00, 4 cm FTN, with "
     "internal dark foci suggesting calcification. BI-RADS 4C.", BREAST,
     "MRI GUIDED BX R BREAST", "right breast mass (12 mm)"),
    ("IMPRESSION: Right breast 11 o'clock 6cm fn: 9 mm irregular enhancing mass containing "
     "possible coarse calcification. BI-RADS 4B.", BREAST, "US GUIDED CORE BX R BREAST",
     "right breast mass (9 mm)"),
    ("FINDINGS: A 16 mm oval mass at 3:00 in the left breast, 7 cm FN, middle depth, with a "
     "central focus of low signal on all sequences, likely calcification.", BREAST,
     "US GUIDED CORE BX L BREAST", "left breast mass (16 mm)"),
    ("FINDINGS: A 2.2 cm partly calcified soft-tissue mass lies 3 cm beneath the skin surface "
     "in the right vastus lateralis.", THIGH, SOFT_BX, "right vastus lateralis mass (22 mm)"),
    ("FINDINGS: A 1.8 cm mass with coarse calcification in the right rectus femoris, lying 4 cm "
     "under the skin.", THIGH, SOFT_BX, "right rectus femoris mass (18 mm)"),
    # guards: distances the size already skipped, and the lesion's own size
    ("FINDINGS: At 1 o'clock, 7 cm from the nipple, a 27 x 18 mm irregular mass with internal "
     "low-signal foci, likely calcification.", BREAST, "US GUIDED CORE BX L BREAST",
     "breast mass (27 mm)"),
    ("FINDINGS: Rectum: A 3.5 cm mass of the low rectum, its lower edge 6 cm from the anal "
     "verge, with foci of calcification. The mass extends 4 mm beyond the muscularis propria.",
     "MRI PELVIS RECTAL CANCER WWO CONTRAST", "CT ABDOMEN PELVIS W CONTRAST",
     "rectum mass (35 mm)"),
    ("FINDINGS: A 3.1 cm mass of the gastric cardia, 3 cm below the GE junction, with coarse "
     "calcification.", "MRI ABDOMEN WWO CONTRAST", "CT ABDOMEN W CONTRAST",
     "gastric cardia mass (31 mm)"),
    ("FINDINGS: A 1.9 cm calcified mass 1 cm deep to the skin in the right palm.",
     "MRI HAND RIGHT WWO CONTRAST", SOFT_BX, "right palmar mass (19 mm)"),
])
def test_a_distance_is_no_size(text: str, title: str, order: str, expected: str) -> None:
    assert name(text, title, order).endswith(expected)


ELBOW_R = ("MRI ELBOW RIGHT WO CONTRAST", "MRI ELBOW RT WO CONTRAST")


@pytest.mark.parametrize(("text", "exam", "expected"), [
    # unseen40 m2: the distended bursa's 3.8 cm, the tophus's 1.6 cm
    ("FINDINGS: Olecranon bursa: The olecranon bursa is distended (3.8 cm) with thickened "
     "synovium and a 1.6 cm intermediate to low T2 signal nodule along its floor, with punctate "
     "blooming on gradient echo, consistent with a tophus, possibly calcified.\nIMPRESSION:\n1. "
     "Tophaceous olecranon bursitis with a possibly calcified tophus, in keeping with gout.",
     ELBOW_R, "right olecranon bursa tophus (16 mm)"),
    ("FINDINGS: The prepatellar bursa is distended to 4.2 cm and contains a 1.4 cm low-signal "
     "tophus with punctate blooming, likely calcified.",
     ("MRI KNEE LEFT WO CONTRAST", "MRI KNEE LT WO CONTRAST"), "tophus (14 mm)"),
    ("FINDINGS: The olecranon bursa measures 3.5 cm and contains a 12 mm nodule consistent "
     "with a tophus, possibly calcified.", ("MRI ELBOW LEFT WO CONTRAST",
                                            "MRI ELBOW LT WO CONTRAST"), "tophus (12 mm)"),
    ("FINDINGS: A distended 4 cm olecranon bursa contains a 1.5 cm tophus with coarse "
     "calcification.", ELBOW_R, "right olecranon bursa tophus (15 mm)"),
    ("FINDINGS: The flexor tendon sheath of the index finger is distended (2.6 cm) around an "
     "8 mm tophus with punctate calcification.",
     ("MRI HAND RIGHT WO CONTRAST", "MRI HAND RT WO CONTRAST"), "tophus (8 mm)"),
    # round 13, unseen37 t2: the pannus's 5 mm is no size of the crowned dens
    ("FINDINGS: Craniocervical junction: Again seen is curvilinear low-signal calcification of "
     "the transverse ligament of the atlas posterior to the dens, with a 5 mm retro-odontoid "
     "soft-tissue pannus, consistent with crowned dens (CPPD), unchanged from the MRI of "
     "2025-08-04.", ("MRI CERVICAL SPINE WITHOUT CONTRAST", "MRI C SPINE WWO CONTRAST"),
     "atlantoaxial joint (C1-C2)"),
    # guards: the bursa's size where the lesion has none (unseen40 b1, signed); a collection
    # that distends the bursa is sized by its own 3.8 cm
    ("FINDINGS: Bursa: The subacromial-subdeltoid bursa is distended to 2.4 cm with synovial "
     "proliferation and innumerable uniform 2-4 mm bodies with peripheral low-signal rims that "
     "bloom on gradient echo, consistent with calcified osteochondral bodies of bursal synovial "
     "chondromatosis.", ("MRI SHOULDER LEFT WO CONTRAST", "ARTHROSCOPIC BURSECTOMY L SHOULDER"),
     "left subacromial-subdeltoid bursa synovial chondromatosis (24 mm)"),
    ("FINDINGS: The olecranon bursa is distended by a 3.8 cm lobulated collection of low T2 "
     "signal material with punctate blooming, consistent with tophaceous material, possibly "
     "calcified.", ELBOW_R, "(38 mm)"),
])
def test_a_size_is_the_nouns_it_is_said_of(text: str, exam: tuple[str, str],
                                           expected: str) -> None:
    assert name(text, *exam, "gout, extent of tophus").endswith(expected)


@pytest.mark.parametrize(("text", "mm"), [
    ("a 14 mm mass at 2 o'clock, 5 cm FN", 14),
    ("a 9 mm mass 3 cm FTN", 9),
    ("the bursa is distended (3.8 cm) with a 1.6 cm tophus", 16),
    ("the bursa is distended (3.8 cm) with fluid", 38),  # the bursa's, where none other
    ("a 2.1 cm rectal mass extends 4 mm beyond the muscularis propria", 21),
])
def test_size_mm(text: str, mm: int) -> None:
    assert size_mm(text, 0, len(text)) == mm
