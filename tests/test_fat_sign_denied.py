"""Signal loss read on a fat-sensitive sequence (opposed-phase, out-of-phase, chemical shift,
fat-suppressed) is fat's sign, not calcium's, denied as well as stated: "no signal loss on
opposed-phase images" says the mass holds no intracellular lipid, nothing about calcification, so
the report stays "not mentioned" (docs/matching-policy.md P7.12, amends P7.4 and P2.42). The
variants read "absent" on af20e49 (unseen51 report 004: "Heterogeneous right adrenal mass with
central T2 hyperintense necrosis and no signal loss on opposed-phase images")."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text

DENIED_FAT = [
    "FINDINGS: Right adrenal mass, 5 cm, with no signal loss on opposed-phase images.",
    "FINDINGS: Left adrenal nodule without signal drop-out on out-of-phase imaging.",
    "FINDINGS: Right adrenal mass. No signal loss on chemical shift imaging.",
    "FINDINGS: A 4 cm thigh mass without signal loss on fat-suppressed images.",
    "FINDINGS: The hepatic lesion shows no opposed-phase signal loss.",
    "FINDINGS: Renal mass, 3 cm, with no loss of signal on out-of-phase images.",
]


@pytest.mark.parametrize("text", DENIED_FAT)
def test_a_denied_fat_sign_says_nothing_of_calcification(text: str) -> None:
    found = read_text(text)
    assert (found.calcification, found.mentions) == ("not mentioned", ())


def test_a_calcification_only_a_cited_ct_showed_stays_not_mentioned() -> None:
    found = read_text(
        "FINDINGS: Heterogeneous right adrenal mass with central necrosis and no signal loss on "
        "opposed-phase images, 6 cm. On the outside noncontrast CT it contains coarse "
        "calcification.\nIMPRESSION: Right adrenal mass, its calcification shown on the outside "
        "CT.")
    assert found.calcification == "not mentioned"
    assert {m.seen_on for m in found.mentions} == {"CT"}


@pytest.mark.parametrize(("text", "want"), [
    # a denied void, blooming on in-phase or gradient-echo images: calcium's sign (P7.4, P7.4a)
    ("FINDINGS: Right adrenal mass. No signal voids within the mass.", "absent"),
    ("FINDINGS: Right adrenal mass with no blooming on in-phase images.", "absent"),
    ("FINDINGS: Thigh mass without susceptibility signal loss on gradient-echo images.",
     "absent"),
    # a void or dark focus seen on a fat-suppressed sequence is a void (P2.42)
    ("FINDINGS: A 4 cm thigh mass with no signal voids on STIR images.", "absent"),
    ("FINDINGS: A 4 cm thigh mass with signal voids on STIR images.", "possible"),
    # a denied calcification beside the denied fat sign stays absent
    ("FINDINGS: Right adrenal mass with no signal loss on opposed-phase images. No "
     "calcification.", "absent"),
])
def test_calciums_denied_signs_stay_absent(text: str, want: str) -> None:
    assert read_text(text).calcification == want
