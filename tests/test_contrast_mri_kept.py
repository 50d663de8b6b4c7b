"""A contrast MRI of a mass is kept: the card adds the CT, never "Replace the MRI" (P17.17;
review round 13, T-replace-mixed-question: unseen37 k1, "MRI PELVIS W WO CONTRAST" to
"characterize" a calcified gluteus minimus mass the report calls a possible synovial sarcoma, and
for which it recommends contrast-enhanced MRI, was offered "Replace the MRI with CT pelvis without
contrast"). The contrast images show what the guidance gives contrast for, "vascularity and tumor
margins" (*CT Protocol Considerations*, refs 4, 6), and the local extent a sarcoma work-up
stages; the noncontrast CT answers the calcification only. A noncontrast MRI asking only about
the calcification may still be replaced (P11.44). Each variant failed on 787f561."""

from __future__ import annotations

import pytest

from tests.test_replace_or_add import LEG, labels

GLUTEAL = ("FINDINGS: Within the right gluteus minimus muscle belly there is a 4.1 cm "
           "intramuscular mass, heterogeneously T2 hyperintense. It contains several coarse foci "
           "of low signal on all sequences, consistent with calcification. IMPRESSION: Calcified "
           "intramuscular mass; a soft-tissue sarcoma must be excluded.")
THIGH = ("FINDINGS: A 6.2 cm mass deep to the fascia in the left vastus lateralis contains "
         "amorphous calcification.")
GROIN = ("FINDINGS: A 4.4 cm mass deep to the fascia in the left groin contains coarse "
         "calcification.")


@pytest.mark.parametrize(("report", "title", "text", "why"), [
    (GLUTEAL, "MRI RIGHT HIP WITHOUT CONTRAST", "MRI PELVIS W WO CONTRAST",
     "Characterize right gluteal region lesion found on hip MRI"),        # unseen37 k1's class
    (LEG, "MRI LEFT TIB/FIB", "MRI TIB/FIB LT W WO", "Characterize calcified leg mass"),
    (THIGH, "MRI LEFT THIGH WO", "MRI THIGH LT W/WO CONTRAST", "further evaluation of mass"),
    (THIGH, "MRI LEFT THIGH WO", "MR LOWER EXTREMITY NON JOINT LT WWO", "calcified thigh mass"),
    (GROIN, "MRI PELVIS WO", "MRI PELVIS W/WO", "left groin mass, characterize"),
])
def test_a_contrast_mri_of_a_mass_is_kept_and_ct_is_added(report: str, title: str, text: str,
                                                          why: str) -> None:
    [(rule, got)] = labels(report, title, text, why)
    assert rule == "deep-soft-tissue-mass"
    assert not any(label.startswith("Replace the MRI") for label in got), got
    assert any(label.startswith("Order CT ") and label.endswith(" first") for label in got), got


@pytest.mark.parametrize(("report", "title", "text", "why"), [
    # guards: a noncontrast MRI asking only about the calcification may still be replaced
    (GLUTEAL, "MRI RIGHT HIP WITHOUT CONTRAST", "MRI PELVIS WO CONTRAST",
     "Characterize right gluteal region lesion found on hip MRI"),
    (LEG, "MRI LEFT TIB/FIB", "MRI TIB/FIB LT WO", "Characterize calcified leg mass"),
    (THIGH, "MRI LEFT THIGH WO", "MRI THIGH LT WO CONTRAST", "characterize calcification"),
])
def test_a_noncontrast_mri_asking_only_the_calcification_may_be_replaced(
        report: str, title: str, text: str, why: str) -> None:
    [(_, got)] = labels(report, title, text, why)
    assert any(label.startswith("Replace the MRI with CT") for label in got), got
