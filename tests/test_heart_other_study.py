"""P13.23: an echocardiogram that shows a calcified valve or pericardium is named as one, and the
card says what CT adds (its extent and amount: the valve's calcium score), not that the
echocardiogram "does not characterize" a valve it is the reference study of; on af20e49 the card
read "The ultrasound of … (TTE COMPLETE), after this MRI, shows the mineralization too; CT
characterizes it, the ultrasound does not." P13.24: a study acknowledged for a heart structure
(P11.96, P11.97) states that part of the heart: a TEE's "Heavily calcified aortic valve" was
acknowledged on a calcified pericardium's card."""

from __future__ import annotations

import pytest

from tests.test_card_wording_round20 import _detail

AV = ("FINDINGS:\nHeart: The aortic valve leaflets are thickened with signal void consistent with "
      "heavy leaflet calcification; severe aortic stenosis.\nIMPRESSION: Calcific aortic "
      "stenosis.", "MRI CARDIAC W WO CONTRAST", "CTA TAVR PROTOCOL CHEST/ABD/PELVIS")
PERI = ("FINDINGS:\nPericardium: Diffusely thickened pericardium, 6 mm, with signal void along "
        "the AV groove consistent with calcification.\nIMPRESSION: Calcific constrictive "
        "pericarditis.", "MRI CARDIAC W WO CONTRAST", "CT CARDIAC MORPHOLOGY W/CONT")

VALVE_ECHO = ("FINDINGS: Heavily calcified trileaflet aortic valve with severely reduced opening."
              "\nIMPRESSION: Severe calcific aortic stenosis.")
PERI_ECHO = ("FINDINGS: Echogenic thickened pericardium with calcification.\nIMPRESSION: "
             "Pericardial calcification.")


def _said(mri: tuple[str, str, str], later: tuple[str, str, str]) -> str:
    return " ".join(_detail(mri[0], mri[1], mri[2], [later]).split())


@pytest.mark.parametrize(("mri", "later", "said"), [
    (AV, (VALVE_ECHO, "TTE COMPLETE", "2026-10-20"),
     "The echocardiogram of 2026-10-20 (**TTE COMPLETE**), after this MRI, shows the "
     "calcification too; CT measures its extent and amount, the echocardiogram does not."),
    (AV, (VALVE_ECHO, "ECHOCARDIOGRAM TRANSTHORACIC", "2026-10-12"),
     "The echocardiogram of 2026-10-12 (**ECHOCARDIOGRAM TRANSTHORACIC**), after this MRI"),
    (PERI, (PERI_ECHO, "ECHO TTE LIMITED", "2026-10-20"),
     "The echocardiogram of 2026-10-20 (**ECHO TTE LIMITED**), after this MRI, shows the "
     "calcification too; CT measures its extent and amount, the echocardiogram does not."),
    (PERI, (PERI_ECHO, "ECHOCARDIOGRAM COMPLETE", "2026-09-02"),
     "The echocardiogram of 2026-09-02 (**ECHOCARDIOGRAM COMPLETE**), before this MRI"),
    (AV, (VALVE_ECHO, "ECHO TEE", "2026-09-20"),
     "The echocardiogram of 2026-09-20 (**ECHO TEE**), before this MRI, shows the calcification "
     '("Heavily calcified trileaflet aortic valve with severely reduced opening"); CT measures '
     "its extent and amount, the echocardiogram does not."),
])
def test_an_echocardiogram_is_named_and_what_ct_adds_is_said(
        mri: tuple[str, str, str], later: tuple[str, str, str], said: str) -> None:
    text = _said(mri, later)
    assert said in text
    assert "the ultrasound does not" not in text and "characterizes it, the echo" not in text


@pytest.mark.parametrize(("mri", "later"), [
    # P13.24: the study states another part of the heart
    (PERI, (VALVE_ECHO, "ECHO TEE", "2026-09-20")),
    (PERI, (VALVE_ECHO, "TTE COMPLETE", "2026-10-20")),
    (AV, (PERI_ECHO, "TTE COMPLETE", "2026-10-20")),
    (AV, ("FINDINGS: Calcified pericardium.", "XR CHEST 2 VIEWS", "2026-10-20")),
    (AV, ("FINDINGS: Echogenic thickened pericardium with calcification.", "ECHO TEE",
          "2026-09-20")),
])
def test_a_study_of_another_part_of_the_heart_is_not_acknowledged(
        mri: tuple[str, str, str], later: tuple[str, str, str]) -> None:
    text = _said(mri, later)
    assert "after this MRI" not in text and "before this MRI" not in text


def test_a_radiograph_of_the_calcified_pericardium_keeps_its_words() -> None:
    text = _said(PERI, ("FINDINGS: Curvilinear calcification of the pericardium.",
                        "XR CHEST 2 VIEWS", "2026-10-20"))
    assert ("The radiograph of 2026-10-20 (**XR CHEST 2 VIEWS**), after this MRI, shows the "
            "calcification too; CT measures its extent and amount, the radiograph does not."
            ) in text
