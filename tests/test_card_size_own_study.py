"""A lesion another study showed, cited in the MRI report, is sized by the report's own
measurement of it, never the cited study's older one (docs/matching-policy.md P11.75; review
round 15, unseen39 e2: "(52 mm)", the day-old ultrasound's, for the MRI's 5.4 cm mass)."""

from __future__ import annotations

import pytest

from tests.test_card_names import first_card, lesion_line

THIGH_R, THIGH_L = "MRI FEMUR RIGHT WWO CONTRAST", "MRI LEFT THIGH WWO CONTRAST"
BIOPSY = "US GUIDED CORE BIOPSY SOFT TISSUE"
VL_US = ("COMPARISON: Ultrasound of the left thigh 2026-11-20: a 4.5 cm mass in the vastus "
         "lateralis with internal echogenic foci and acoustic shadowing.\n")


@pytest.mark.parametrize(("text", "title", "name"), [
    # unseen39 e2: the Comparison line's ultrasound is quoted, the MRI measures 5.4 cm
    ("COMPARISON: Ultrasound of the right thigh, emergency department, 2026-12-11: a 5.2 cm solid "
     "hypoechoic mass within the rectus femoris containing echogenic foci with posterior acoustic "
     "shadowing.\nFINDINGS:\nMuscles: Within the right rectus femoris there is a 5.4 x 3.6 x 3.1 "
     "cm intramuscular mass, heterogeneously T2 hyperintense, with nodular enhancement.\n"
     "IMPRESSION:"
     "\n1. 5.4 cm deep intramuscular mass of the right rectus femoris, concerning for soft-tissue "
     "sarcoma.", THIGH_R, "right rectus femoris mass (54 mm)"),
    ("COMPARISON: Left calf ultrasound 2026-11-02: a 3.8 cm heterogeneous mass in the medial "
     "gastrocnemius with echogenic shadowing foci.\nFINDINGS: A 4.1 x 3.0 x 2.7 cm mass lies "
     "within the left medial gastrocnemius, enhancing heterogeneously.\nIMPRESSION: 4.1 cm left "
     "medial gastrocnemius mass.", "MRI LEFT LOWER LEG WWO CONTRAST",
     "left gastrocnemius mass (41 mm)"),
    ("FINDINGS: Radiographs of the right forearm of 2026-10-01 show a 3 cm soft-tissue mass with "
     "peripheral calcification. On this MRI there is a 3.6 x 2.2 x 2.0 cm mass in the right "
     "flexor digitorum superficialis.", "MRI RIGHT FOREARM WWO CONTRAST",
     "right flexor digitorum superficialis mass (36 mm)"),
    (VL_US + "FINDINGS: There is a 4.9 cm mass within the left vastus lateralis with "
     "heterogeneous enhancement.", THIGH_L, "left vastus lateralis mass (49 mm)"),
    ("COMPARISON: Outside ultrasound of the right buttock 2026-11-03: a 6.1 cm hypoechoic mass in "
     "the gluteus maximus with echogenic shadowing foci.\nFINDINGS: A 6.8 x 4.2 x 3.9 cm mass "
     "lies within the right gluteus maximus.", "MRI PELVIS WWO CONTRAST",
     "right gluteus maximus mass (68 mm)"),
    # guards: the MRI states no size (the cited one stays); two masses there of two sizes
    (VL_US + "FINDINGS: There is a mass within the left vastus lateralis with heterogeneous "
     "enhancement.", THIGH_L, "left vastus lateralis mass (45 mm)"),
    (VL_US + "FINDINGS: A 4.9 cm mass lies within the left vastus lateralis. A 2.0 cm mass lies "
     "within the left vastus lateralis distally.", THIGH_L,
     "left vastus lateralis mass (45 mm)"),
])
def test_a_cited_lesion_takes_the_reports_own_size(text: str, title: str, name: str) -> None:
    assert lesion_line(first_card(text, title, BIOPSY).detail) == name
