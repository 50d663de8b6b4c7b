"""A study's heading may name its field before the study (P12.40).

"Sinus radiographs of 2026-08-11:", "Left thigh radiographs:", "Thigh CT 2026-08-01:" head the
lines after them as "Radiographs of the sinuses, 2026-08-11:" and "CT:" do (P12.1): those lines
are that study's statements, and the card names the study (with its day, P20.6). A line whose
words before the study advise, deny or compare ("Recommend CT:", "No prior radiographs:",
"Correlation with ultrasound:") heads nothing, and a line naming only a place is the MRI's."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text
from tests.test_card_names import card_detail, first_card

THIGH = "MRI LEFT THIGH"
THIGH_ORDER = "CT LOWER EXTREMITY LEFT W CONTRAST"
MASS = ("FINDINGS: A 4.2 cm intramuscular mass lies within the left vastus lateralis, "
        "heterogeneous on T2 with nodular enhancement.\n\n")


def _seen(text: str) -> list[str | None]:
    return [m.seen_on for m in read_text(text).mentions
            if m.concept == "calcification" and m.counts]


@pytest.mark.parametrize(("heading", "line", "seen", "evidence"), [
    ("Sinus radiographs of 2026-08-11:", "Stippled densities project over the mass.", "XR",
     "**Radiograph** of 2026-08-11"),
    ("Left thigh radiographs:", "Coarse calcification within the vastus lateralis mass.", "XR",
     "**Radiograph**, cited in"),
    ("Outside femur radiographs, 2026-08-14:", "Faint amorphous mineralization in the mass.",
     "XR", "**Radiograph** of 2026-08-14"),
    ("Left thigh ultrasound (2026-09-20):", "Echogenic foci with posterior acoustic shadowing "
     "within the mass.", "US", "**Ultrasound** of 2026-09-20"),
    ("Soft tissue ultrasound 9/20/2026:", "Echogenic foci with posterior acoustic shadowing "
     "within the mass.", "US", "**Ultrasound** of 2026-09-20"),
])
def test_a_heading_naming_its_field_before_the_study_heads_its_lines(
        heading: str, line: str, seen: str, evidence: str) -> None:
    text = MASS + f"{heading}\n{line}\n"
    assert _seen(text) == [seen]
    card = first_card(text, THIGH, THIGH_ORDER)
    assert evidence in card.detail.splitlines()[0], card.detail
    assert "on MRI" not in card.summary


@pytest.mark.parametrize("heading", [
    "Thigh CT 2026-08-01:", "Outside noncontrast CT of the thigh, 2026-08-14:",
])
def test_a_ct_heading_with_its_field_words_answers_the_mass(heading: str) -> None:
    text = MASS + f"{heading}\nCoarse calcification within the vastus lateralis mass.\n"
    assert _seen(text) == ["CT"]


@pytest.mark.parametrize("heading", [
    "Recommend CT:", "No prior radiographs:", "Correlation with ultrasound:",
    "Further evaluation with CT:", "Left thigh:", "Vastus lateralis mass:",
])
def test_a_line_that_advises_denies_or_names_a_place_heads_nothing(heading: str) -> None:
    text = MASS + f"{heading}\nCoarse calcification within the vastus lateralis mass.\n"
    assert _seen(text) == [None]
    assert card_detail(text, THIGH, THIGH_ORDER).startswith(f"**{THIGH}**")
