"""A cited study the next sentence refers back to by pronoun is that sentence's source
(docs/matching-policy.md P12.19, P12.1, P12.4): "Outside CT images were reviewed. They show dense
calcification in the mass." is the CT's statement, not the MRI's, so a CT-characterized mass draws
no card before its biopsy, and a radiograph's calcification keeps the card but is named as the
radiograph's (P20). Also "These demonstrate", "It shows", "On that study", "On those images".
Each variant failed on main 0be53f2. Guards: a sentence after the study that names its own subject
("The mass contains …"), a pronoun after a sentence about the lesion ("The mass was compared with
the outside CT. It contains …"), after this MRI's sequences, after advice or a denial, and after a
prior MRI stay the MRI report's own."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text
from tests.test_order_catalog import leads

THIGH = "MRI LEFT THIGH WITHOUT AND WITH CONTRAST"
BIOPSY = "CT GUIDED CORE BIOPSY LEFT THIGH MASS"
MASS = "FINDINGS:\nMuscles: A 5.2 x 3.1 cm heterogeneous mass in the left vastus lateralis. "
IMPRESSION = "\nIMPRESSION: 5.2 cm left vastus lateralis mass. Biopsy is recommended."

BY_PRONOUN = [
    "Outside CT images were reviewed. They show dense calcification in the mass.",
    "Outside CT images from 2026-10-01 were reviewed. These demonstrate dense peripheral "
    "calcification in the mass.",
    "A CT of the thigh was performed at an outside hospital. On that study, the mass contains "
    "dense calcification.",
    "The patient had a CT at another institution last week. It shows coarse calcification within "
    "the mass.",
    "Outside CT images were reviewed. On those images the mass contains dense calcification.",
    "We reviewed the outside noncontrast CT. It demonstrates ring-like calcification along the "
    "periphery of the mass.",
    "A noncontrast CT of the left thigh was obtained on 2026-10-20. It shows chondroid "
    "calcification in the lesion.",
]


def _structures(text: str) -> list[tuple[str, str | None, str, str | None]]:
    return [(s.kind, s.site, s.mineral, s.seen_on) for s in read_text(text).structures]


@pytest.mark.parametrize("cited", BY_PRONOUN)
def test_a_ct_referred_to_by_pronoun_is_the_statements_source(cited: str) -> None:
    report = MASS + cited + IMPRESSION
    assert ("mass", "thigh", "present", "CT") in _structures(report)
    assert read_text(report).calcification == "not mentioned"  # the MRI says nothing (P12.2)
    assert leads(report, BIOPSY, title=THIGH) == []  # CT characterized it (P12.4)


def test_a_radiograph_referred_to_by_pronoun_keeps_the_card_and_is_named() -> None:
    report = MASS + ("Radiographs of the left thigh were reviewed. They demonstrate peripheral "
                     "calcification in the mass.") + IMPRESSION
    assert ("mass", "thigh", "present", "XR") in _structures(report)
    assert leads(report, BIOPSY, title=THIGH) != []  # a radiograph is not adequate (P12.4)


# --- guards ----------------------------------------------------------------------------------

@pytest.mark.parametrize("cited", [
    "Radiographs of the knee were reviewed. The mass contains dense calcification.",
    "Outside CT images were reviewed. The mass shows low-signal foci consistent with "
    "calcification.",
    "The mass was compared with the outside CT. It contains dense calcification.",
    "Axial T1 and STIR images were obtained. They show dense calcification in the mass.",
    "CT correlation is recommended. It would show calcification in the mass.",
    "No outside CT is available. They show dense calcification in the mass.",
    "The 2025 MRI was reviewed. It shows dense calcification in the mass.",
    "A CT-guided biopsy was attempted at an outside hospital. It showed dense calcification in "
    "the mass.",
])
def test_the_mri_reports_own_statement_stays_its_own(cited: str) -> None:
    report = MASS + cited + IMPRESSION
    assert [s for s in _structures(report) if s[3] is None and s[2] != "absent"]


def test_a_pronoun_on_the_next_line_is_not_the_studys() -> None:
    report = (MASS + "Outside CT images were reviewed.\nOther: They show dense calcification in "
              "the mass." + IMPRESSION)
    assert ("mass", "thigh", "present", None) in _structures(report)


def test_the_sentence_after_the_pronoun_is_the_mris_own_again() -> None:
    report = MASS + ("Outside CT images were reviewed. They show no calcification. The mass "
                     "contains low-signal foci consistent with calcification.") + IMPRESSION
    assert ("mass", "thigh", "present", None) in _structures(report)
