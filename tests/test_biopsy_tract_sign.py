"""P7.4g: an MRI sign along a biopsy or needle tract, or at a biopsy site, is the biopsy's
(post-biopsy blood), not a calcification; a calcium word beside it keeps the finding
(issue 17, final sealed part unseen24 e1 twin)."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text

MASS = ("FINDINGS:\nMuscles: A 5.7 x 3.9 cm intramuscular mass in the left rectus femoris with "
        "peripheral enhancement. {s}\nIMPRESSION:\n1. Left rectus femoris mass. Sarcoma not "
        "excluded.\n")


@pytest.mark.parametrize("sentence", [
    "A 6 mm focus of blooming on the gradient echo images along the anterior biopsy tract.",
    "Linear susceptibility along the needle tract.",
    "A small signal void at the biopsy site.",
    "Post-biopsy blooming along the anterior margin.",
    "Foci of blooming along the core tract of the recent biopsy.",
])
def test_a_sign_along_a_biopsy_tract_is_not_a_finding(sentence: str) -> None:
    assert read_text(MASS.format(s=sentence)).calcification == "not mentioned"


@pytest.mark.parametrize("sentence", [
    "A 6 mm focus of blooming along the biopsy tract, likely calcification.",
    "A 6 mm central focus of blooming within the mass, remote from the biopsy, likely "
    "calcification.",
])
def test_a_calcium_word_keeps_the_finding(sentence: str) -> None:
    assert read_text(MASS.format(s=sentence)).calcification in {"present", "possible"}
