"""Bodies the report confines to varicosities are not the vascular lesion's (docs/matching-policy.md
P19.1c, amends P19.1b): "intramuscular hemangioma of the right brachialis ; phleboliths confined to
superficial varicosities" names phleboliths in varices, not in the haemangioma. Each silent test
drew a card on main 824c679 (unseen41 first run, b2 twin: the Impression drew
deep-soft-tissue-mass though Findings said the phleboliths lie outside the mass, none within it);
a lesion that holds its phleboliths keeps them."""

from __future__ import annotations

import pytest

from tests.test_order_catalog import leads

CONFINED = [
    ("IMPRESSION: 1. 5.1 cm intramuscular hemangioma of the right brachialis ; phleboliths "
     "confined to superficial varicosities.", "BX SOFT TISSUE DEEP RT ARM", "MRI HUMERUS RT W/WO"),
    ("IMPRESSION: Left forearm venous malformation; phleboliths limited to superficial varicose "
     "veins.", "US GUIDED CORE BX LT FOREARM MASS", "MRI LEFT FOREARM"),
    ("IMPRESSION: 4 cm right calf hemangioma; the phleboliths are restricted to a superficial "
     "varix.", "CORE BIOPSY RIGHT CALF MASS", "MRI RIGHT LEG"),
    ("FINDINGS: A 3 cm low-flow vascular malformation of the left vastus lateralis; phleboliths "
     "lie in superficial varicosities.", "CORE BIOPSY LEFT THIGH MASS", "MRI LEFT THIGH"),
    ("IMPRESSION: Right gluteal venous malformation, phleboliths confined to varices of the "
     "buttock.", "CT GUIDED BIOPSY RIGHT BUTTOCK MASS", "MRI PELVIS"),
]

HELD = [
    ("IMPRESSION: 5.1 cm intramuscular hemangioma of the right brachialis with phleboliths.",
     "BX SOFT TISSUE DEEP RT ARM", "MRI HUMERUS RT W/WO", "deep-soft-tissue-mass"),
    ("IMPRESSION: Left forearm venous malformation; phleboliths confined to its dilated venous "
     "channels.", "US GUIDED CORE BX LT FOREARM MASS", "MRI LEFT FOREARM",
     "biopsy-calcified-mass"),
    ("IMPRESSION: 6 cm left thigh mass, low-flow vascular malformation favored; phleboliths "
     "within the lesion.", "CORE BIOPSY LEFT THIGH MASS", "MRI LEFT THIGH",
     "deep-soft-tissue-mass"),
]


@pytest.mark.parametrize(("report", "order", "title"), CONFINED)
def test_phleboliths_confined_to_varices_are_not_the_lesions(report: str, order: str,
                                                            title: str) -> None:
    assert leads(report, order, title=title) == []


@pytest.mark.parametrize(("report", "order", "title", "rule"), HELD)
def test_a_lesion_holding_its_phleboliths_keeps_them(report: str, order: str, title: str,
                                                    rule: str) -> None:
    assert leads(report, order, title=title) == [rule]
