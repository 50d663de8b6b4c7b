"""Issue 17 in the rules, third round: which rule speaks for a structure, found on the second
unseen set's first run (docs/matching-policy.md). Each test failed on main a8eed18."""

from __future__ import annotations

import pytest

from tests.test_order_catalog import leads

# --- P4.7: a stated calcification is not led by the signal-void card ------------------------

@pytest.mark.parametrize("report", [
    "FINDINGS: Liver: A 6.1 cm mass in segment 6 with a central T2 hypointense scar. Dark foci "
    "within the scar on all sequences may be calcification or fibrous tissue.\n"
    "IMPRESSION: 6.1 cm liver mass with a calcified central scar.",
    "FINDINGS: A 5 cm left adrenal mass contains foci of susceptibility, calcification versus "
    "hemorrhage. Coarse calcification is also seen along its lateral margin.",
])
def test_a_stated_calcification_is_led_by_the_calcification_rules(report: str) -> None:
    assert leads(report, "CT ABDOMEN W IV CONTRAST") == ["contrast-ct-noncontrast-first"]


def test_a_void_whose_cause_stays_open_keeps_the_signal_void_card() -> None:
    report = ("FINDINGS: A 5 cm left adrenal mass contains foci of susceptibility, calcification "
              "versus hemorrhage.")
    assert leads(report, "CT ABDOMEN W IV CONTRAST") == ["signal-void"]


# --- P4.8: gout is crystal deposition ------------------------------------------------------

@pytest.mark.parametrize(("report", "title", "order"), [
    ("FINDINGS: Right first metatarsophalangeal joint: juxta-articular erosions with an "
     "adjacent partly calcified tophus.", "MRI RIGHT FOOT", "CT FOOT RIGHT W CONTRAST"),
    ("FINDINGS: Tophaceous gout of the left knee with calcified tophi in the lateral gutter.",
     "MRI LEFT KNEE", "MRI KNEE LEFT W WO CONTRAST"),
])
def test_a_calcified_gouty_tophus_is_crystal_deposition(report: str, title: str,
                                                         order: str) -> None:
    assert leads(report, order, title=title) == ["crystal-deposition"]
    assert leads(report, "URIC ACID, SERUM", title=title) == []  # no lesion target (P15.1)
