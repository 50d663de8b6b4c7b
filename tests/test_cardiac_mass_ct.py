"""A calcified cardiac MASS before a contrast cardiac CT draws contrast-ct-noncontrast-first, the
mass's card, whose suggestion is the noncontrast acquisition of the heart (docs/matching-policy.md
P4.13c, P11.2); the heart's own calcification (a calcified infarct, calcific pericarditis,
coronary plaque) keeps cardiovascular-calcification. The variants drew cardiovascular-calcification
on 1ca326c (unseen24 c2: a cardiac fibroma with "central punctate foci of signal void on all
sequences, likely calcification" before "CT HRT CONTRST CARDIAC STRUCT&MORPH")."""

from __future__ import annotations

import pytest

from tests.test_order_catalog import leads


def _reason(text: str) -> dict:
    return {"reasonCode": [{"text": text}]}


FIBROMA = ("FINDINGS: Left ventricle: Normal size. A 3.9 x 3.1 cm well-circumscribed intramural "
           "mass in the basal to mid inferolateral wall. It is isointense on T1 and hypointense on "
           "T2. Intense homogeneous late enhancement. Central punctate foci of signal void on all "
           "sequences, likely calcification.")

MASSES = [
    (FIBROMA, "CT HRT CONTRST CARDIAC STRUCT&MORPH", None, "LV mass, preoperative planning"),
    (FIBROMA, "CT HEART W CONTRAST STRUCTURE AND MORPHOLOGY", "75572", None),
    ("FINDINGS: Left atrium: A 3 cm mobile mass attached to the interatrial septum, consistent "
     "with myxoma. It contains foci of signal void on all sequences, likely calcification.",
     "CT CARDIAC W CONTRAST", None, "Left atrial mass"),
    ("FINDINGS: Right atrium: A 2.5 cm mass along the lateral wall. It is T2 hypointense. "
     "Punctate low-signal foci within it may represent calcification.",
     "CT HEART W CONTRAST", None, "Right atrial mass"),
    ("FINDINGS: Right ventricle: A 2 cm lesion in the right ventricular outflow tract. "
     "Subsequent images show it contains dense calcification.",
     "CT HEART W CONTRAST STRUCTURE AND MORPHOLOGY", "75572", None),
]


@pytest.mark.parametrize(("report", "text", "code", "reason"), MASSES)
def test_a_calcified_cardiac_mass_before_a_contrast_cardiac_ct(
        report: str, text: str, code: str | None, reason: str | None) -> None:
    extra = _reason(reason) if reason else {}
    assert leads(report, text, code, title="MRI CARDIAC", **extra) == [
        "contrast-ct-noncontrast-first"]


@pytest.mark.parametrize(("report", "text", "code"), [
    ("FINDINGS: Left ventricle: Thinning of the apex with subendocardial late enhancement. "
     "Signal void in the apical wall, consistent with calcification in an old infarct.",
     "CT HEART W CONTRAST STRUCTURE AND MORPHOLOGY", "75572"),
    ("FINDINGS: Pericardium: Diffusely thickened pericardium with low signal on all sequences, "
     "consistent with calcific pericarditis.", "CT HEART W CONTRAST", None),
    ("FINDINGS: Coronary arteries: Calcified plaque in the proximal LAD.",
     "CTA CORONARY ARTERIES W CONTRAST", "75574"),
])
def test_the_hearts_own_calcification_keeps_the_cardiovascular_card(
        report: str, text: str, code: str | None) -> None:
    assert leads(report, text, code, title="MRI CARDIAC") == ["cardiovascular-calcification"]
