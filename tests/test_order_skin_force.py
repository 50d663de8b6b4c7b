"""Review round 7, T-superficial (docs/matching-policy.md P13.11): a lesion the report places in
the skin or subcutaneous tissue and calls a benign skin diagnosis (pilomatricoma, epidermoid
cyst, calcinosis cutis) is characterized by ultrasound. With no ultrasound or CT on record
that showed its calcification, a card before its biopsy or excision is [info] and names
ultrasound first ("ultrasound or CT"), never a [warning] "Do not proceed", never a CT as the
only suggestion. A deep (intramuscular) mass, a subcutaneous mass extending through the
fascia, an indeterminate subcutaneous mass and a breast lesion keep their cards. Each variant
below failed on f79523c (a CT-only card; a [warning] before the biopsy)."""

from __future__ import annotations

import itertools

import pytest

from cds_service.core import rules
from cds_service.core.cards import render
from cds_service.core.reading import read_report
from tests.test_order_catalog import mri, read
from tests.test_order_reference_us import LIBRARY


def cards(report: str, text: str, title: str) -> list[tuple[str, str, str, list[str]]]:
    ev = rules.Evidence(reports=(read_report(mri(report, title)),), studies=())
    n = itertools.count()
    out = []
    for p in rules.merge(rules.evaluate(read(text, None), ev)):
        card = render(p, LIBRARY, patient_id="p1", new_id=lambda: str(next(n))).card
        out.append((p.lead.rule_id, card.indicator.value, card.summary + "\n" + card.detail,
                    [s.label for s in card.suggestions]))
    return out


# (MRI report, order, MRI title, rule)
SKIN = [
    # a child's forearm pilomatricoma before its excision (unseen12 p1's class)
    ("HISTORY: 9-year-old boy, firm nodule of the left forearm.\nFINDINGS: A 1.2 cm "
     "subcutaneous nodule of the dorsal left forearm, attached to the dermis, with internal "
     "foci of low signal consistent with calcification. The underlying muscles are normal.\n"
     "IMPRESSION: Subcutaneous left forearm nodule, most consistent with pilomatricoma.",
     "EXCISION MASS LEFT FOREARM", "MRI FOREARM LT WO W", "surgical-planning"),
    # a child's cheek pilomatricoma before its FNA, no ultrasound on record
    ("HISTORY: 12-year-old girl with a hard cheek nodule.\nFINDINGS: A 1.6 cm subcutaneous "
     "nodule of the right cheek with internal calcification, superficial to the masseter.\n"
     "IMPRESSION: Subcutaneous right cheek nodule, likely pilomatricoma.",
     "US FNA RIGHT CHEEK NODULE", "MRI FACE W WO", "biopsy-calcified-mass"),
    # a child's upper-arm pilomatricoma before its excision, full sentences around it
    ("HISTORY: 7-year-old with a hard bump on the right arm.\nFINDINGS: A 1.1 cm nodule in the "
     "subcutaneous fat of the posterolateral right upper arm has punctate calcification. "
     "The deltoid and triceps are normal. No joint effusion.\nIMPRESSION: Calcified "
     "subcutaneous nodule of the right arm, consistent with pilomatricoma.",
     "EXCISION SOFT TISSUE MASS RIGHT UPPER ARM", "MRI HUMERUS RT", "surgical-planning"),
    # a sebaceous cyst of the lower leg before its FNA
    ("FINDINGS: A 1.9 cm subcutaneous cyst of the anterior left lower leg with a rim of "
     "calcification, superficial to the fascia.\nIMPRESSION: Calcified sebaceous cyst.",
     "FNA LEFT LOWER LEG CYST", "MRI TIB FIB LT", "biopsy-calcified-mass"),
    # an epidermoid cyst of the thigh with rim calcification before its core biopsy
    ("FINDINGS: A 2.4 cm intradermal cyst of the anterior right thigh with peripheral "
     "calcification.\nIMPRESSION: Epidermoid cyst of the right thigh.",
     "US GUIDED CORE BIOPSY RIGHT THIGH MASS", "MRI FEMUR RT", "biopsy-calcified-mass"),
]


@pytest.mark.parametrize(("report", "text", "title", "rule"), SKIN)
def test_a_skin_lesion_card_is_info_and_names_ultrasound_first(report: str, text: str,
                                                               title: str, rule: str) -> None:
    [(got, indicator, words, labels)] = cards(report, text, title)
    assert (got, indicator) == (rule, "info")
    assert "ultrasound or CT" in words and "Do not proceed" not in words
    assert labels[0].startswith("Order ultrasound of the ") and len(labels) == 2


# (MRI report, order, MRI title, rule, indicator)
KEPT = [
    # a deep intramuscular mass keeps its CT-only planning card
    ("FINDINGS: A 4 cm intramuscular mass of the left vastus lateralis with peripheral "
     "calcification.\nIMPRESSION: Calcified intramuscular mass, myositis ossificans favored.",
     "EXCISION LEFT THIGH MASS", "MRI FEMUR LT", "surgical-planning", "info"),
    # a subcutaneous mass extending through the fascia is deep: the biopsy warning stays
    ("FINDINGS: A 3 cm subcutaneous mass of the right thigh with calcification, extending "
     "through the fascia into the vastus lateralis.\nIMPRESSION: Pilomatricoma less likely.",
     "US GUIDED CORE BIOPSY RIGHT THIGH MASS", "MRI FEMUR RT", "biopsy-calcified-mass",
     "warning"),
    # an indeterminate subcutaneous mass keeps CT before its biopsy (P13.9)
    ("FINDINGS: A 3.4 cm subcutaneous chest wall mass with calcification.\nIMPRESSION: "
     "Indeterminate mass; differential includes dermatofibrosarcoma protuberans.",
     "US GUIDED CORE BIOPSY CHEST WALL MASS", "MRI CHEST WALL", "biopsy-calcified-mass",
     "warning"),
    # a breast lesion keeps its mammogram (P13.6)
    ("FINDINGS: A 1.5 cm mass in the upper outer quadrant of the left breast with "
     "calcifications.", "US GUIDED CORE BIOPSY LEFT BREAST", "MRI BREAST BILATERAL",
     "biopsy-calcified-mass", "warning"),
]


@pytest.mark.parametrize(("report", "text", "title", "rule", "indicator"), KEPT)
def test_a_deep_or_indeterminate_lesion_keeps_its_card(report: str, text: str, title: str,
                                                       rule: str, indicator: str) -> None:
    [(got, force, words, labels)] = cards(report, text, title)
    assert (got, force) == (rule, indicator)
    assert not labels[0].startswith("Order ultrasound")
