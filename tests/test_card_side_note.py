"""A card never says the side is not stated when a statement about the structure or its own
lesion line states it (P4.3b; review round 8 N-side-denied, unseen22 t2 and unseen24 b1: "The
report does not state the side" while the Findings or the older report gave it). Where no
statement the card read gives a side, the note says so of the statements quoted, never of the
whole report; an order without a side is still said to have none."""

from __future__ import annotations

import pytest

from tests.test_card_names import card_detail

TITLE = "MRI ABDOMINAL WALL WITHOUT AND WITH CONTRAST"
DENIED = "not state the side"
REPORT = "The report does not state the side"


def note(text: str, order: str, reason: str | None = None) -> str:
    detail = card_detail(text, TITLE, order, reason)
    return next((x for x in detail.splitlines() if x.startswith("**Lesion:**")
                 or x.startswith("**Finding:**")), "")


@pytest.mark.parametrize("text", [
    "FINDINGS: A 3.9 cm intramuscular mass within the left external oblique muscle contains "
    "low-signal foci, confirming calcification.\nIMPRESSION: 1. Enlarging mass. Desmoid "
    "fibromatosis remains favoured; the internal calcification is atypical.",
    "FINDINGS: A 4.2 cm venous malformation of the left rectus abdominis muscle with "
    "phleboliths.\nIMPRESSION: 1. Venous malformation. The mass contains calcification.",
    "FINDINGS: Left rectus abdominis: a 3 cm intramuscular mass.\nIMPRESSION: 1. The "
    "intramuscular mass contains coarse calcification.",
    "FINDINGS: There is a 2.8 cm calcified mass in the left external oblique.\nIMPRESSION: "
    "1. Calcified abdominal wall mass; the calcification is dense and coarse.",
])
def test_a_side_any_statement_gives_is_not_denied(text: str) -> None:
    line = note(text, "US BX SOFT TISSUE ABD WALL LT (CORE)", "Left abdominal wall mass")
    assert line and DENIED not in line


def test_a_side_the_engine_cannot_link_is_not_denied_of_the_report() -> None:
    text = ("FINDINGS: A 5 cm mass in the left internal oblique muscle.\nIMPRESSION: 1. Abdominal "
            "wall mass with internal calcification, sarcoma not excluded.")
    line = note(text, "US BX SOFT TISSUE ABD WALL LT (CORE)", "Left abdominal wall mass")
    assert REPORT not in line and "The statements quoted do not state the side" in line


def test_no_side_anywhere_is_still_said() -> None:
    text = ("FINDINGS: A 4 cm intramuscular mass of the rectus abdominis contains coarse "
            "calcification.\nIMPRESSION: 1. Calcified abdominal wall mass.")
    assert DENIED in note(text, "US BX SOFT TISSUE ABD WALL LT (CORE)", "Abdominal wall mass")


def test_an_order_without_a_side_is_still_said_to_have_none() -> None:
    text = ("FINDINGS: A 4 cm intramuscular mass of the left rectus abdominis contains coarse "
            "calcification.\nIMPRESSION: 1. Calcified abdominal wall mass.")
    line = note(text, "US BX SOFT TISSUE ABD WALL (CORE)", "Abdominal wall mass")
    assert DENIED not in line
