"""The aortic root (the sinuses of Valsalva) is imaged by a CT or MRI of the heart: a calcified
sinus of Valsalva or aortic root aneurysm wall before a contrast cardiac CT or a cardiac MRI draws
cardiovascular-calcification (docs/matching-policy.md P4.14, P11.69). The variants drew nothing on
224a77d (unseen39 m1: "4.1 cm calcified right sinus of Valsalva aneurysm" before "CT CARDIAC
MORPHOLOGY W CONTRAST", CPT 75572): the sinus was the aorta's, not a part of the heart."""

from __future__ import annotations

import pytest

from tests.test_card_names import card_detail
from tests.test_order_catalog import leads


def _reason(text: str) -> dict:
    return {"reasonCode": [{"text": text}]}


SINUS = ("FINDINGS: Aortic root: Saccular aneurysm of the noncoronary sinus of Valsalva, 3.2 cm, "
         "with a thin peripheral rim of signal void on all sequences compatible with wall "
         "calcification. No fistula.")

DUE = [
    (SINUS, "CT HEART W CONTRAST STRUCTURE AND MORPHOLOGY", "75572", None),
    (SINUS, "CT HRT CONTRST CARDIAC STRUCT&MORPH", None, "sinus of Valsalva aneurysm"),
    ("FINDINGS: Aneurysmal dilatation of the left aortic sinus to 4.5 cm. Its wall shows "
     "curvilinear low signal, likely mural calcification.", "CT CARDIAC W CONTRAST", None, None),
    ("FINDINGS: Aortic root aneurysm measuring 5.0 cm with a calcified wall.\nIMPRESSION: "
     "Calcified aortic root aneurysm.", "CT CARDIAC MORPHOLOGY W CONTRAST", "75572", None),
    ("IMPRESSION: 1. Calcified aneurysm of the sinus of Valsalva, 2.8 cm, unruptured.",
     "MR CARDIAC MORPHOLOGY W WO CONTRAST", "75561", None),
]


@pytest.mark.parametrize(("report", "text", "code", "reason"), DUE)
def test_a_calcified_aortic_root_aneurysm_before_a_heart_study(
        report: str, text: str, code: str | None, reason: str | None) -> None:
    extra = _reason(reason) if reason else {}
    assert leads(report, text, code, title="MRI CARDIAC", **extra) == [
        "cardiovascular-calcification"]


@pytest.mark.parametrize(("report", "name"), [
    (SINUS, "noncoronary sinus of Valsalva aneurysm (32 mm)"),
    ("FINDINGS: Aortic root: A 4.1 cm saccular aneurysm of the right sinus of Valsalva with "
     "blooming along its wall, consistent with mural calcification.",
     "right sinus of Valsalva aneurysm (41 mm)"),
    ("IMPRESSION: 1. Calcified aneurysm of the sinus of Valsalva, 2.8 cm, unruptured.",
     "sinus of Valsalva aneurysm (28 mm)"),
])
def test_the_card_names_the_sinus_and_its_aneurysm(report: str, name: str) -> None:
    detail = card_detail(report, "MRI CARDIAC", "CT CARDIAC MORPHOLOGY W CONTRAST")
    assert f"**Finding:** {name};" in detail


GUARDS = [
    # a coronary CTA before a calcified aortic valve keeps today's card (P4.4)
    ("FINDINGS: Valves: Heavily calcified trileaflet aortic valve with low signal leaflets.",
     "CTA CORONARY ARTERIES W CONTRAST", "75574", ["cardiovascular-calcification"]),
    # a PE CTA does not depend on the aortic root's calcification (P4.4)
    (SINUS, "CTA CHEST PE PROTOCOL", "71275", []),
    # the abdominal aorta is not imaged by a CT of the heart (P4.2)
    ("FINDINGS: Infrarenal abdominal aortic aneurysm 4.8 cm with a calcified wall.",
     "CT CARDIAC MORPHOLOGY W CONTRAST", "75572", []),
    # atherosclerotic wall calcification stays incidental (P4.1)
    ("FINDINGS: Mild atherosclerotic calcification of the aortic root.",
     "CT CARDIAC MORPHOLOGY W CONTRAST", "75572", []),
    # an aortic root aneurysm with no calcification named draws nothing
    ("FINDINGS: Aortic root aneurysm measuring 4.9 cm. No dissection.",
     "CT CARDIAC MORPHOLOGY W CONTRAST", "75572", []),
]


@pytest.mark.parametrize(("report", "text", "code", "expected"), GUARDS)
def test_guards_keep_their_behaviour(
        report: str, text: str, code: str | None, expected: list[str]) -> None:
    assert leads(report, text, code, title="MRI CARDIAC") == expected
