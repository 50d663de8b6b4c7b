"""Issue 17, unseen27-027 (P12.20, P12.1, P12.2): where a sentence cites another study's mineral
and names the MRI's own correlate after it ("the knee radiographs of 2026-10-21 show stippled
mineralization within it, corresponding to scattered low-signal foci on this MRI"), "on this
MRI" names the correlate, not the report's own statement of the mineral: the statement stays the
cited study's (it counts for the card, P12.4, and its evidence, P20), and the report's own class
is `not mentioned`. Where the MRI states the mineral itself ("Calcification is seen in the mass
on this MRI, corresponding to …") it stays the report's. Written before the engine change; the
variants failed on main 85f871a."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text

MASS = "There is a 5 cm mass in the left thigh. "


@pytest.mark.parametrize(("text", "seen_on"), [
    ("Popliteal fossa: Deep to the medial head of the gastrocnemius there is a 4.4 cm enhancing "
     "mass; the knee radiographs of 2026-10-21 show stippled mineralization within it, "
     "corresponding to scattered low-signal foci on this MRI.", "XR"),
    (MASS + "Radiographs of 2026-10-01 show coarse calcification in the mass, correlating with "
     "low-signal foci on this MRI.", "XR"),
    (MASS + "The prior CT shows calcification in the mass, corresponding with signal voids on "
     "this MRI.", "CT"),
    (MASS + "The outside radiographs demonstrate faint mineralization in the lesion, matching "
     "the dark foci on this MRI.", "XR"),
    (MASS + "Ultrasound of 2026-09-30 shows echogenic shadowing foci in the mass, which "
     "correspond to the low-signal foci on this MRI.", "US"),
])
def test_the_mris_correlate_after_a_cited_finding_is_no_own_statement(
        text: str, seen_on: str) -> None:
    found = read_text(f"FINDINGS:\n{text}")
    assert found.calcification == "not mentioned"
    assert {(m.seen_on, m.own) for m in found.mentions if m.counts} == {(seen_on, False)}


@pytest.mark.parametrize("text", [
    MASS + "Calcification is seen in the mass on this MRI, corresponding to the mineralization "
    "on the prior radiographs.",
    MASS + "The mass contains calcification on this MRI.",
    MASS + "Coarse calcification within the mass, corresponding to the low-signal foci.",
])
def test_the_mris_own_statement_stays_its_own(text: str) -> None:
    assert read_text(f"FINDINGS:\n{text}").calcification == "present"
