"""A deposit the report says was treated away, in the sentence that says none is left, is
`absent` in that report: "Status post barbotage of the bursal calcific deposit, with no residual
deposit" (P14.16b; unseen24-011). A residual deposit, a plan, or a treatment named without "no
residual" keeps the reading it had."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text

GONE = [
    "Bursa: Status post barbotage of the subacromial-subdeltoid bursal calcific deposit, with no "
    "residual deposit in the bursa over the greater tuberosity.",
    "Rotator cuff: Status post ultrasound-guided lavage of the supraspinatus calcific deposit "
    "with no residual deposit.",
    "Rotator cuff: Following arthroscopic excision of the calcific deposit of the supraspinatus "
    "tendon, there is no residual deposit.",
    "Rotator cuff: After barbotage of the calcific deposit in the subscapularis tendon, no "
    "residual deposit is seen.",
    "Rotator cuff: S/p needling of the infraspinatus calcific deposit; no residual deposit.",
    "Rotator cuff: Status post barbotage of the supraspinatus calcific deposit, without residual "
    "deposit at the footprint.",
]

KEPT = [
    ("Rotator cuff: Status post barbotage of the supraspinatus calcific deposit. A small residual "
     "4 mm calcific focus remains.", "present"),
    ("Rotator cuff: Status post barbotage of the supraspinatus calcific deposit, with a residual "
     "5 mm calcific deposit.", "present"),
    ("Rotator cuff: Status post barbotage of the supraspinatus calcific deposit.", "not mentioned"),
    ("Rotator cuff: Barbotage of the supraspinatus calcific deposit is recommended; no residual "
     "tear.", "present"),
]


def _report(findings: str) -> str:
    return ("EXAM: MRI RIGHT SHOULDER WITHOUT CONTRAST\nHISTORY: Ultrasound-guided barbotage of a "
            "calcific deposit in August 2026. Persistent pain.\nCOMPARISON: Right shoulder "
            f"radiographs 2026-06-12.\nFINDINGS:\n{findings}\nBiceps: Intact.\nIMPRESSION:\n1. "
            "Mild supraspinatus tendinosis without tear.\n")


@pytest.mark.parametrize("findings", GONE)
def test_a_deposit_treated_with_none_left_is_absent(findings: str) -> None:
    assert read_text(_report(findings)).calcification == "absent"


@pytest.mark.parametrize(("findings", "label"), KEPT)
def test_a_residual_deposit_or_a_plan_keeps_its_reading(findings: str, label: str) -> None:
    assert read_text(_report(findings)).calcification == label
