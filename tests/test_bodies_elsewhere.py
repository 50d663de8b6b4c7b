"""Bodies the report places in another structure are not the vascular lesion's
(docs/matching-policy.md P19.1b): "venous malformation favored; the phleboliths lie in an
adjacent superficial vein" names phleboliths in a vein, not in the malformation the sentence
also names, in any section; a malformation that holds them keeps them. Drafted by cardch; each
silent test failed on main 62c810f (unseen20 first run, b2 twin: an axillary venous
malformation's Impression drew biopsy-calcified-mass)."""

from __future__ import annotations

import pytest

from tests.test_order_catalog import leads

ELSEWHERE = [
    ("IMPRESSION: 1. 5.4 cm left axillary mass, venous malformation favored; the phleboliths lie "
     "in an adjacent superficial vein.", "US GUIDED CORE BX LT AXILLARY MASS",
     "MRI CHEST WALL AND AXILLA LEFT"),
    ("FINDINGS: A 4 cm mass of the right vastus medialis, hemangioma favored; phleboliths are "
     "seen in a nearby superficial varix.", "CT GUIDED BIOPSY RIGHT THIGH MASS", "MRI RIGHT THIGH"),
    ("IMPRESSION: Left gluteal venous malformation; the calcified phleboliths lie outside the "
     "lesion, in an adjacent vein.", "CT GUIDED BIOPSY LEFT BUTTOCK MASS", "MRI PELVIS"),
    ("FINDINGS: A 3 cm vascular malformation of the right forearm; two phleboliths lie in a "
     "superficial vein, separate from the lesion.", "US GUIDED BIOPSY RIGHT FOREARM MASS",
     "MRI RIGHT FOREARM"),
    ("IMPRESSION: Right calf hemangioma; phleboliths in the adjacent great saphenous vein.",
     "CORE BIOPSY RIGHT CALF MASS", "MRI RIGHT LEG"),
    ("IMPRESSION: 6 cm left thigh mass, low-flow vascular malformation favored; the phleboliths "
     "are within dilated veins adjacent to it.", "CORE BIOPSY LEFT THIGH MASS", "MRI LEFT THIGH"),
    ("IMPRESSION: Right masseter hemangioma; calcified thrombi are seen in the nearby facial "
     "vein.", "US GUIDED BIOPSY RIGHT MASSETER MASS", "MRI FACE"),
    ("FINDINGS: A 3 cm low-flow vascular malformation of the left vastus lateralis; a few "
     "phleboliths are noted along a neighbouring perforator vein, apart from the lesion.",
     "CORE BIOPSY LEFT THIGH MASS", "MRI LEFT THIGH"),
]


@pytest.mark.parametrize(("report", "order", "title"), ELSEWHERE)
def test_phleboliths_placed_in_another_vein_are_not_the_malformations(
        report: str, order: str, title: str) -> None:
    assert leads(report, order, title=title) == []


@pytest.mark.parametrize(("report", "order", "title"), [
    ("IMPRESSION: 1. 5.4 cm left axillary mass with phleboliths, most consistent with a venous "
     "malformation.", "US GUIDED CORE BX LT AXILLARY MASS", "MRI CHEST WALL AND AXILLA LEFT"),
    ("FINDINGS: A 4 cm subcutaneous venous malformation of the right forearm contains "
     "phleboliths.", "US GUIDED BIOPSY RIGHT FOREARM MASS", "MRI RIGHT FOREARM"),
    ("IMPRESSION: Right calf hemangioma with phleboliths, in the subcutaneous fat adjacent to the "
     "great saphenous vein.", "CORE BIOPSY RIGHT CALF MASS", "MRI RIGHT LEG"),
    ("IMPRESSION: Left forearm venous malformation; phleboliths within its dilated veins, "
     "adjacent to the radius.", "US GUIDED BIOPSY LEFT FOREARM MASS", "MRI LEFT FOREARM"),
    ("FINDINGS: A 5 cm right gluteal hemangioma contains phleboliths in its dilated venous "
     "channels.", "CT GUIDED BIOPSY RIGHT BUTTOCK MASS", "MRI PELVIS"),
])
def test_phleboliths_the_malformation_holds_stay_its_calcification(
        report: str, order: str, title: str) -> None:
    assert leads(report, order, title=title) != []
