"""A cited study's own date written in another sentence of the same MRI (P20.6).

unseen50 o2: the Impression's "the KUB radiograph showed stippled calcification in it" names
the radiograph without a date, while the same report's Findings write "The KUB radiograph of
2026-09-04 showed …" (and its Comparison line "Abdominal radiograph (KUB) 2026-09-04"). The
evidence line names the radiograph with that date, and still the MRI that carries the quote,
with the MRI's date and section (P20.1). Only where the report gives one date to the studies of
that modality whose name may be the same study: a chest radiograph's date is not a femur
radiograph's, two dates of the study leave it undated, a later date is no cited study's."""

from __future__ import annotations

import pytest

from tests.test_card_names import card_detail

_MRI_DATE = "2026-10-01"  # tests.test_card_names.report dates every report so
THIGH = ("FINDINGS: A 4 cm mass lies within the left vastus lateralis. The femur radiographs "
         "showed coarse calcification in the mass.")
THIGH_ORDER = "CT guided core biopsy left thigh mass"


def _evidence(text: str, title: str, order: str) -> str:
    return card_detail(text, title, order).splitlines()[0]


@pytest.mark.parametrize(("text", "title", "order", "line", "section"), [
    # unseen50 o2: the Impression drives; the Findings date the KUB
    ("COMPARISON: Abdominal radiograph (KUB) 2026-09-04; cystoscopy 2026-09-10.\nFINDINGS: A "
     "34 mm lobulated mass lies in the midline above the bladder dome along the urachal "
     "remnant. The KUB radiograph of 2026-09-04 showed stippled calcification projecting over "
     "this region.\nIMPRESSION: Urachal mass invading the bladder dome, most consistent with "
     "mucinous urachal adenocarcinoma; the KUB radiograph showed stippled calcification in it.",
     "MRI PELVIS", "CT Abdomen/Pelvis w/ Contrast", "**Radiograph** of 2026-09-04",
     "Impression"),
    # the comparison line's study, named in it with a parenthesis
    ("COMPARISON: Abdominal radiograph (KUB) 2026-09-04.\nFINDINGS: A 34 mm mass lies in the "
     "midline above the bladder dome. The KUB radiograph showed stippled calcification in "
     "this mass.", "MRI PELVIS", "CT ABD/PELVIS W IV CONTRAST", "**Radiograph** of 2026-09-04",
     "Findings"),
    # the femur radiographs' date, not the chest radiograph's
    ("COMPARISON: Left femur radiographs 2026-08-14; chest radiograph 2026-07-01.\n" + THIGH,
     "MRI LEFT THIGH", THIGH_ORDER, "**Radiograph** of 2026-08-14", "Findings"),
    # an ultrasound, dated in words in the comparison line
    ("COMPARISON: Right breast ultrasound dated 20 September 2026.\nFINDINGS: New 16 mm oval "
     "mass in the right breast at 10 o'clock. On the targeted ultrasound this mass contained "
     "echogenic foci with posterior shadowing, thought to represent calcifications.",
     "MRI BREAST BILATERAL", "US GUIDED BREAST BIOPSY RIGHT", "**Ultrasound** of 2026-09-20",
     "Findings"),
    # a US numeric date; the study named with no field word of its own
    ("COMPARISON: Radiographs of the abdomen 9/12/2026.\nFINDINGS: A 9.6 cm multiloculated "
     "mass arises from hepatic segments 6 and 7. The abdominal radiograph showed faint "
     "curvilinear calcification projecting over this mass.", "MRI ABDOMEN",
     "CT ABDOMEN W CONTRAST", "**Radiograph** of 2026-09-12", "Findings"),
    # the neck ultrasound's date in the history
    ("HISTORY: Right parotid lump; neck ultrasound from September 3, 2026.\nFINDINGS: A 3 cm "
     "mass in the right parotid gland. The neck ultrasound showed echogenic foci with "
     "shadowing in the mass, consistent with calcification.", "MRI NECK", "FNA RT PAROTID",
     "**Ultrasound** of 2026-09-03", "Findings"),
])
def test_a_cited_study_is_dated_from_another_sentence(text: str, title: str, order: str,
                                                      line: str, section: str) -> None:
    evidence = _evidence(text, title, order)
    assert line in evidence, evidence
    assert f", {_MRI_DATE}, {section}" in evidence, evidence  # still the citing MRI (P20.1)


@pytest.mark.parametrize("text", [
    # two dates of the study: which one showed it is not said
    "COMPARISON: Left femur radiographs 2026-08-14. Left femur radiographs 2026-09-20.\n" + THIGH,
    # another field's radiograph
    "COMPARISON: Chest radiograph 2026-07-01.\n" + THIGH,
    # another modality's study
    "COMPARISON: Ultrasound of the left thigh 2026-08-20.\n" + THIGH,
    # a date after the MRI's is no cited study's
    "COMPARISON: Left femur radiographs 2026-11-20.\n" + THIGH,
    # a date elsewhere in a sentence naming the study is not the study's
    "HISTORY: Femur radiographs were obtained after a fall on 2026-08-01.\n" + THIGH,
])
def test_no_one_date_of_that_study_adds_none(text: str) -> None:
    evidence = _evidence(text, "MRI LEFT THIGH", THIGH_ORDER)
    assert "cited in" in evidence and "** of " not in evidence, evidence
    assert f", {_MRI_DATE}, Findings" in evidence, evidence
