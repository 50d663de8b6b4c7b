"""Signal loss on fat-suppressed images is fat, not a signal void (P2.42, unseen45-001/002).

"Foci of T1 hyperintense fat with signal loss on fat-suppressed images" in a teratoma was read
as a possible calcification (a signal void in a mass, P7.4). A signal that drops when fat is
suppressed (fat saturation, STIR, Dixon) shows fat, as opposed-phase drop-out shows
intracellular fat: another cause of the sign, so it is no calcification statement."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text


@pytest.mark.parametrize("text", [
    "FINDINGS: Large solid right adnexal mass with foci of T1 hyperintense fat with signal loss "
    "on fat-suppressed images.",
    "FINDINGS: A 4 cm left ovarian mass contains a T1 bright nodule that loses signal on the "
    "fat-saturated images, in keeping with a mature cystic teratoma.",
    "FINDINGS: A 6 cm mass in the right thigh with internal T1 hyperintense septa showing signal "
    "dropout on STIR.",
    "FINDINGS: The 3 cm retroperitoneal mass has a T1 hyperintense component with signal "
    "suppression on the fat-saturated sequence.",
    "FINDINGS: A 2 cm lesion of the left adrenal gland has foci of signal drop on Dixon "
    "fat-only images.",
    "FINDINGS: Mediastinal mass with a T1 hyperintense focus that suppresses with fat "
    "saturation, compatible with fat.",
    "FINDINGS: Sacrococcygeal mass, 7 cm, with T1 bright foci showing signal loss on the "
    "fat-saturated T1-weighted images.",
    "IMPRESSION: Right ovarian dermoid: the T1 hyperintense nodule shows signal drop-out on SPAIR "
    "fat-suppressed images.",
])
def test_signal_loss_when_fat_is_suppressed_is_no_calcification(text: str) -> None:
    assert read_text(text).calcification == "not mentioned"


@pytest.mark.parametrize(("text", "label"), [
    # guards: a susceptibility sign on another sequence stays the sign of P7.4
    ("FINDINGS: A 4 cm mass in the left thigh with foci of signal loss on gradient echo images.",
     "possible"),
    ("FINDINGS: A 3 cm mass in the right flank with punctate foci of signal void on all "
     "sequences, including fat-suppressed images.", "possible"),
    ("FINDINGS: A 5 cm adnexal mass with blooming on SWI; its fat component loses signal on "
     "fat-suppressed images. The blooming foci are consistent with calcification.", "present"),
    # a calcium word in the sentence decides (P7.4)
    ("FINDINGS: A 5 cm mass with dark foci on fat-suppressed images, consistent with "
     "calcification.", "present"),
])
def test_other_signs_and_calcium_words_are_kept(text: str, label: str) -> None:
    assert read_text(text).calcification == label
