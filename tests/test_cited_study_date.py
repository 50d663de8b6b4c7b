"""The evidence line names a cited study's own date where the MRI writes it there (P20.5).

unseen45 e2 ("On the targeted ultrasound of 2026-10-26 this mass contained echogenic foci …")
and o2 ("The abdominal radiograph of 2026-10-30 showed …"): the card names the ultrasound or
radiograph with its own date, and still the MRI that cites it, with the MRI's date and section
(P20.1). A date elsewhere in the sentence, or none, adds nothing."""

from __future__ import annotations

import pytest

from tests.test_card_names import card_detail

_MRI_DATE = "2026-10-01"  # tests.test_card_names.report dates every report so


def _evidence(text: str, title: str, order: str) -> str:
    return card_detail(text, title, order).splitlines()[0]


@pytest.mark.parametrize(("text", "title", "order", "line"), [
    ("FINDINGS: New 16 mm oval mass in the right breast at 10 o'clock. On the targeted "
     "ultrasound of 2026-09-26 this mass contained echogenic foci with posterior shadowing, "
     "thought to represent calcifications.", "MRI BREAST BILATERAL",
     "US GUIDED BREAST BIOPSY RIGHT", "**Ultrasound** of 2026-09-26, cited in"),
    ("FINDINGS: A 9.6 cm multiloculated mass arises from hepatic segments 6 and 7. The "
     "abdominal radiograph of 2026-09-20 showed faint curvilinear calcification projecting "
     "over this mass.", "MRI ABDOMEN", "CT ABDOMEN W CONTRAST", "**Radiograph** of 2026-09-20"),
    # US numeric and spelled-out dates, before or after the study's name
    ("FINDINGS: A 4 cm mass in the left vastus lateralis. On the 9/14/2026 femur radiographs "
     "the mass contained coarse calcification.", "MRI LEFT THIGH",
     "CT guided core biopsy left thigh mass", "**Radiograph** of 2026-09-14"),
    ("FINDINGS: A 3 cm mass in the right parotid gland. The neck ultrasound from September 3, "
     "2026 showed echogenic foci with shadowing in the mass, consistent with calcification.",
     "MRI NECK", "FNA RT PAROTID", "**Ultrasound** of 2026-09-03"),
    ("FINDINGS: A 5 cm mass in the right flank musculature. A radiograph (2026-08-30) showed "
     "calcification within this mass.", "MRI ABDOMEN", "CT guided biopsy right flank mass",
     "**Radiograph** of 2026-08-30"),
    ("FINDINGS: A 2.5 cm mass in the left adnexa. Pelvic ultrasound, dated 12 September 2026, "
     "demonstrated echogenic shadowing foci within this mass consistent with calcification.",
     "MRI PELVIS", "CT ABD/PELVIS W IV CONTRAST", "**Ultrasound** of 2026-09-12"),
])
def test_a_cited_study_is_named_with_its_own_date(text: str, title: str, order: str,
                                                   line: str) -> None:
    evidence = _evidence(text, title, order)
    assert line in evidence, evidence
    assert f", {_MRI_DATE}, Findings" in evidence, evidence  # still the citing MRI (P20.1)


@pytest.mark.parametrize(("text", "title", "order"), [
    # no date at the study's name: the citing MRI's only
    ("FINDINGS: A 4 cm mass in the left vastus lateralis. On the prior femur radiographs the "
     "mass contained coarse calcification.", "MRI LEFT THIGH",
     "CT guided core biopsy left thigh mass"),
    # a date elsewhere in the sentence is not the study's
    ("FINDINGS: A 4 cm mass in the left vastus lateralis, first palpated on 2026-08-01. The "
     "radiograph showed coarse calcification in the mass, unchanged since 2026-08-01.",
     "MRI LEFT THIGH", "CT guided core biopsy left thigh mass"),
])
def test_no_date_at_the_studys_name_adds_none(text: str, title: str, order: str) -> None:
    evidence = _evidence(text, title, order)
    assert "cited in" in evidence and "** of " not in evidence, evidence


def test_the_mris_own_statement_names_no_cited_date() -> None:
    evidence = _evidence("FINDINGS: A 4 cm mass in the left vastus lateralis contains coarse "
                         "calcification, new since the MRI of 2026-06-01.", "MRI LEFT THIGH",
                         "CT guided core biopsy left thigh mass")
    assert evidence.startswith("**MRI LEFT THIGH**") and " of 2026-06-01" not in evidence


@pytest.mark.parametrize(("text", "title", "order", "line"), [
    # a comparison line lists its studies with no verb of showing (P12.39; unseen49 e2)
    ("COMPARISON: Radiographs of the right hip 2026-08-14: an ill-defined cloud of amorphous "
     "calcification projecting over the medial proximal thigh at the site of the palpable mass. "
     "FINDINGS: A 5.0 x 3.9 x 4.4 cm mass lies intramuscular within the right vastus lateralis.",
     "MRI RIGHT THIGH", "CT guided core biopsy right thigh mass", "**Radiograph** of 2026-08-14"),
    ("COMPARISON: Left femur radiographs, 09/02/2026: coarse calcification at the site of the "
     "mass. FINDINGS: A 4 cm mass lies within the left vastus lateralis.", "MRI LEFT THIGH",
     "CT guided core biopsy left thigh mass", "**Radiograph** of 2026-09-02"),
    ("COMPARISON: Ultrasound of the left thigh dated 3 September 2026: coarse calcification "
     "within the mass. FINDINGS: A 4 cm mass lies within the left "
     "vastus lateralis.", "MRI LEFT THIGH", "CT guided core biopsy left thigh mass",
     "**Ultrasound** of 2026-09-03"),
])
def test_a_comparison_lines_study_is_named_with_its_date(text: str, title: str, order: str,
                                                         line: str) -> None:
    evidence = _evidence(text, title, order)
    assert line in evidence and ", Comparison" in evidence, evidence


def test_a_comparison_line_without_a_date_adds_none() -> None:
    evidence = _evidence("COMPARISON: Radiographs of the right femur: amorphous calcification "
                         "at the site of the mass first palpated on 2026-01-02. FINDINGS: A 5 cm "
                         "mass lies within the right vastus lateralis.", "MRI RIGHT THIGH",
                         "CT guided core biopsy right thigh mass")
    assert "cited in" in evidence and "** of " not in evidence, evidence
