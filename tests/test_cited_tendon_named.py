"""A deposit a cited study places only by its region is named by the tendon the report's own
statement puts it in (docs/matching-policy.md P11.61; radiologist review round 13: unseen37 o1
"left shoulder tendon", p1 "right shoulder tendon", N-generic-tendon)."""

from __future__ import annotations

import pytest

from tests.test_card_names import first_card, lesion_line

LEFT, RIGHT = "MRI LEFT SHOULDER WITHOUT CONTRAST", "MRI RIGHT SHOULDER WITHOUT CONTRAST"
ARTHRO_LEFT, ARTHRO_RIGHT = "MR ARTHROGRAM SHOULDER LEFT", "MR ARTHROGRAM SHOULDER RIGHT"
OVER_GT = ("COMPARISON: Radiographs of the left shoulder, 2026-10-20: ovoid 12 mm calcification "
           "projecting over the greater tuberosity.\nFINDINGS:\n")


def _named(text: str, title: str, order: str) -> tuple[str, str]:
    card = first_card(text, title, order)
    return lesion_line(card.detail), card.suggestions[0].label


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    (OVER_GT + "Rotator cuff: Within the distal supraspinatus tendon there is a 12 mm ovoid "
     "focus of low signal on all sequences, consistent with a calcific deposit.", LEFT,
     ARTHRO_LEFT, "left supraspinatus tendon (12 mm)"),
    ("COMPARISON: Right shoulder radiographs 2026-10-27, which show a 15 mm dense calcification "
     "projecting over the greater tuberosity.\nFINDINGS:\nRotator cuff: In the infraspinatus "
     "tendon there is a 16 mm elongated calcific deposit, low signal on all sequences.", RIGHT,
     "SHOULDER ARTHROSCOPY W/ EXCISION OF CALCIFIC DEPOSIT RIGHT",
     "right infraspinatus tendon (16 mm)"),
    ("COMPARISON: Left shoulder radiographs of 2026-09-12 demonstrate a 9 mm rounded calcific "
     "density projecting superior to the greater tuberosity.\nFINDINGS:\nRotator cuff: Calcific "
     "tendinitis of the supraspinatus with a 9 mm low-signal deposit near the footprint and "
     "surrounding edema.", "MRI SHOULDER LT WO CONTRAST",
     "ARTHROSCOPY SHOULDER LT - EXCISION CALCIFIC DEPOSIT", "left supraspinatus tendon (9 mm)"),
    ("COMPARISON: Right shoulder radiographs 2026-08-30: 7 mm calcification projecting over the "
     "posterior greater tuberosity.\nFINDINGS:\nRotator cuff: A 7 mm calcific deposit lies "
     "within the teres minor tendon.", "MRI SHOULDER RT WO CONTRAST", ARTHRO_RIGHT,
     "right teres minor tendon (7 mm)"),
    ("COMPARISON: Left shoulder radiographs 2026-07-01 show a 10 mm dense calcification "
     "projecting over the greater tuberosity.\nFINDINGS:\nRotator cuff: A 10 mm calcific "
     "deposit is present in the anterior fibres of the supraspinatus tendon, with bursal-sided "
     "edema.", "MRI SHOULDER LT WO CONTRAST", ARTHRO_LEFT,
     "left supraspinatus tendon (10 mm)"),
])
def test_the_tendon_the_report_names_names_the_cited_deposit(text: str, title: str, order: str,
                                                             name: str) -> None:
    tendon = name.split(" (")[0]
    assert _named(text, title, order) == (name, f"Order ultrasound of the {tendon}")


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # two tendons with deposits: which one the radiograph shows is not said
    (OVER_GT + "Rotator cuff: A 12 mm calcific deposit in the supraspinatus tendon. A second "
     "6 mm calcific deposit lies in the infraspinatus tendon.", LEFT, ARTHRO_LEFT,
     "left shoulder tendon (12 mm)"),
    # no deposit in the MRI's own words
    (OVER_GT + "Rotator cuff: Supraspinatus tendinosis without a calcific deposit.", LEFT,
     ARTHRO_LEFT, "left shoulder tendon (12 mm)"),
    # the tendon named already: by its attachment, by the MRI's own statement
    ("COMPARISON: Left shoulder radiographs 2026-09-02 show an 8 mm amorphous calcification "
     "projecting over the lesser tuberosity.\nFINDINGS:\nTendons: An 8 mm calcific deposit lies "
     "in the upper subscapularis tendon with mild surrounding edema.",
     "MRI LEFT SHOULDER WO CONTRAST", ARTHRO_LEFT, "left subscapularis tendon (8 mm)"),
    ("COMPARISON: Right hip radiographs 2026-09-02, which show a 14 mm calcification projecting "
     "over the greater trochanter.\nFINDINGS:\nTendons: A 14 mm calcific deposit lies in the "
     "distal gluteus medius tendon at its insertion, with peritendinous edema.",
     "MRI RIGHT HIP WO CONTRAST", "MR ARTHROGRAM HIP RIGHT", "right gluteus medius tendon (14 mm)"),
    ("FINDINGS:\nRotator cuff: Within the distal supraspinatus tendon there is a 12 mm calcific "
     "deposit.", LEFT, ARTHRO_LEFT, "left supraspinatus tendon (12 mm)"),
])
def test_a_tendon_not_named_once_keeps_its_name(text: str, title: str, order: str,
                                                name: str) -> None:
    assert _named(text, title, order)[0] == name
