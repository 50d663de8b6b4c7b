"""Issue 17, the order side, red-team round: what the draft order names as its target
(docs/matching-policy.md P4.3a). A region CT or MRI whose reason names a one-sided structure
of the other side is about that structure, not the calcified one of this side; the same order
naming this side, both sides or no side is about it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_order_catalog import leads


def reason(text: str) -> dict[str, Any]:
    return {"reasonCode": [{"text": text}]}


# (report, title, order text, reason naming the other side's structure, reason naming this side)
OTHER_SIDE = [
    ("FINDINGS: Adrenals: a 3.1 cm right adrenal mass with coarse peripheral calcification. "
     "The left adrenal gland contains a 1.4 cm lipid-rich nodule.", "MRI ABDOMEN W WO",
     "CT ABDOMEN W CONTRAST", "left adrenal nodule, follow-up", "right adrenal mass"),
    ("FINDINGS: Kidneys: a 2.6 cm exophytic left renal mass with peripheral calcification.",
     "MRI ABDOMEN", "CT A/P W CONTRAST", "Right renal cyst, complex", "Left renal mass"),
    ("FINDINGS: Parotid glands: a 2.2 cm well-circumscribed left parotid mass containing "
     "punctate calcifications.", "MRI NECK SOFT TISSUE W/WO", "CT SOFT TISSUE NECK W CONTRAST",
     "Right parotid swelling", "Left parotid mass"),
    ("FINDINGS: A 3.4 cm right adnexal mass with a focus of calcification, likely a dermoid.",
     "MRI PELVIS W WO", "CT PELVIS WITH CONTRAST", "left ovarian cyst follow-up",
     "right adnexal mass"),
    ("FINDINGS: Right thyroid lobe: a 2.4 cm nodule with coarse calcification.", "MRI NECK",
     "CT NECK W IV CONTRAST", "left thyroid nodule", "right thyroid nodule"),
]


@pytest.mark.parametrize(("report", "title", "text", "other", "same"), OTHER_SIDE)
def test_a_region_order_asking_about_the_other_sides_structure_is_silent(
        report: str, title: str, text: str, other: str, same: str) -> None:
    assert leads(report, text, title=title, **reason(other)) == []


@pytest.mark.parametrize(("report", "title", "text", "other", "same"), OTHER_SIDE)
def test_the_same_order_asking_about_this_side_or_no_side_draws_the_card(
        report: str, title: str, text: str, other: str, same: str) -> None:
    assert leads(report, text, title=title, **reason(same)) == ["contrast-ct-noncontrast-first"]
    assert leads(report, text, title=title) == ["contrast-ct-noncontrast-first"]


# --- P17.4c: a catalog name of one part of a region targets that part (corpus, chargemaster) ---

GLOBE = ("FINDINGS: Orbits: a 4 mm focus at the posterior aspect of the left globe is low on all "
         "sequences, possibly calcification.")
POSTERIOR_FOSSA = ("FINDINGS: A 2.1 cm extra-axial mass of the right posterior fossa contains "
                   "dense calcification, likely a meningioma.")


@pytest.mark.parametrize("text", [
    "CT POST FOSSA WITH CNTR",
    "CT POST FOSSA, W/CONTRAST",
    "CT POSTERIOR FOSSA W CONTRAST",
    "CT POST. FOSSA W IV CONTRAST",
    "CT SELLA W CONTRAST",
    "CT IAC W CONTRAST",
])
def test_a_ct_of_another_part_of_the_skull_base_is_not_about_the_globe(text: str) -> None:
    assert leads(GLOBE, text, title="MRI ORBITS W WO") == []


@pytest.mark.parametrize("text", [
    "CT ORBITS W CONTRAST",
    "CT ORBT W CONTRA",
    "CT ORBT/SELLA/POST FOSSA W/CONTRA",
])
def test_an_orbit_ct_is_about_it(text: str) -> None:
    assert leads(GLOBE, text, title="MRI ORBITS W WO") == ["contrast-ct-noncontrast-first"]


@pytest.mark.parametrize("text", ["CT POST FOSSA WITH CNTR", "CT POSTERIOR FOSSA W CONTRAST",
                                  "CT ORBT/SELLA/POST FOSSA W/CONTRA"])
def test_a_posterior_fossa_ct_is_about_a_posterior_fossa_mass(text: str) -> None:
    assert leads(POSTERIOR_FOSSA, text, title="MRI BRAIN W WO") == [
        "contrast-ct-noncontrast-first"]
