"""A card's text names the study its suggestion offers (docs/matching-policy.md P13.13; review
round 9, N-breast-planning-CT: unseen28 p1, before the excision of a biopsy-proven calcified
fibroadenoma, read "consider noncontrast CT (CT chest without contrast)" while its suggestion
and override reason named the diagnostic mammogram, P13.6). Where the adequate study is not CT
(mammography for the breast, ultrasound for a thyroid nodule, a skin lesion or a tendon
deposit), the summary, the text and the override name it; a chest CT is never offered for a
breast lesion, not even by "Replace the MRI". Each variant failed on 4858dcd."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from cds_service.config import DEFAULT_CARDS_DIR
from cds_service.core import rules
from cds_service.core.card_library import load_library
from cds_service.core.cards import render
from cds_service.core.reading import read_report
from tests.test_order_catalog import mri, read

LIBRARY = load_library(DEFAULT_CARDS_DIR)
BREAST_TITLE = "MRI BREAST BILATERAL WITH AND WITHOUT CONTRAST"


def cards(report: str, text: str, code: str | None = None, *, title: str = BREAST_TITLE,
          why: str | None = None, others: tuple[dict[str, Any], ...] = ()) -> list[Any]:
    ev = rules.Evidence(reports=(read_report(mri(report, title)),
                                 *(read_report(o) for o in others)), studies=())
    extra: dict[str, Any] = {"reasonCode": [{"text": why}]} if why else {}
    n = itertools.count()
    return [(p.lead.rule_id, render(p, LIBRARY, patient_id="p1",
                                    new_id=lambda: str(next(n))).card)
            for p in rules.merge(rules.evaluate(read(text, code, **extra), ev))]


def done(card: Any) -> str:
    return next(r.display for r in card.override_reasons if r.code == "ct-already-done")


FIBROADENOMA = ("FINDINGS: Left breast: at 6 o'clock a 2.3 cm oval circumscribed mass contains "
                "coarse low-signal foci consistent with calcification, in keeping with an "
                "involuting fibroadenoma.")
BREAST_VOID = ("FINDINGS: Right breast: at 10 o'clock a 1.9 cm irregular mass contains a signal "
               "void on all sequences, possibly calcification or hemosiderin.")


@pytest.mark.parametrize(("report", "text", "code", "side"), [
    (FIBROADENOMA, "EXCISION BREAST LESION LT", "19120", "left"),
    (FIBROADENOMA, "EXCISION FIBROADENOMA LEFT BREAST", None, "left"),
    ("IMPRESSION: 1.6 cm right breast mass at 2 o'clock with coarse popcorn calcification, "
     "a hyalinized fibroadenoma.", "EXCISION RIGHT BREAST MASS", None, "right"),
])
def test_the_breast_planning_card_names_the_mammogram(report: str, text: str,
                                                      code: str | None, side: str) -> None:
    [(rule, card)] = cards(report, text, code)
    assert rule == "surgical-planning"
    assert card.summary.endswith("a diagnostic mammogram can help plan it"), card.summary
    assert f"**diagnostic mammogram of the {side} breast**" in card.detail
    assert "CT chest" not in card.detail and "noncontrast CT" not in card.detail
    assert [s.label for s in card.suggestions] == [
        f"Order diagnostic mammogram of the {side} breast first"]
    assert done(card).startswith("Mammography or CT")


@pytest.mark.parametrize("text", ["CT CHEST W CONTRAST", "CT CHEST ABDOMEN PELVIS W CONTRAST"])
def test_the_breast_signal_void_card_names_the_mammogram(text: str) -> None:
    [(rule, card)] = cards(BREAST_VOID, text)
    assert rule == "signal-void"
    assert card.summary.endswith("a diagnostic mammogram can clarify"), card.summary
    assert "**diagnostic mammogram of the right breast**" in card.detail
    assert "CT chest without contrast" not in card.detail
    assert "Order diagnostic mammogram of the right breast first" in [
        s.label for s in card.suggestions]
    assert done(card).startswith("Mammography or CT")


def test_a_mammogram_after_the_mri_answers_the_breast_signal_void() -> None:
    mg = {"resourceType": "DiagnosticReport", "id": "mg1", "status": "final",
          "code": {"text": "MG DIAGNOSTIC RIGHT"}, "effectiveDateTime": "2026-10-05",
          "subject": {"reference": "Patient/p1"},
          "conclusion": "Right breast mass at 10 o'clock. BI-RADS 4."}
    assert [r for r, _ in cards(BREAST_VOID, "US GUIDED CORE BIOPSY RIGHT BREAST MASS",
                                others=(mg,))] == []
    assert "signal-void" not in [r for r, _ in cards(BREAST_VOID, "CT CHEST W CONTRAST",
                                                   others=(mg,))]


def test_an_mri_of_a_breast_lesion_is_never_replaced_by_a_chest_ct() -> None:
    [(rule, card)] = cards(BREAST_VOID, "MRI BREAST RIGHT W WO CONTRAST", why="evaluate mass")
    labels = [s.label for s in card.suggestions]
    assert labels == ["Order diagnostic mammogram of the right breast first"], labels


def test_the_contrast_ct_card_names_the_mammogram_it_offers() -> None:
    [(rule, card)] = cards(FIBROADENOMA, "CT CHEST W CONTRAST")
    assert rule == "contrast-ct-noncontrast-first"
    assert "**diagnostic mammogram of the left breast**" in card.detail
    assert [s.label for s in card.suggestions] == [
        "Change to CT chest without and with contrast",
        "Order diagnostic mammogram of the left breast first"]


@pytest.mark.parametrize(("report", "title", "text", "study"), [
    ("FINDINGS: A 1.6 cm subcutaneous nodule in the left cheek with internal calcification, "
     "consistent with a pilomatricoma.", "MRI FACE", "EXCISION SUBCUTANEOUS MASS LEFT FACE",
     "ultrasound of the left cheek nodule"),
    ("FINDINGS: Calcific tendinosis of the right supraspinatus tendon with a 12 mm deposit.",
     "MRI RIGHT SHOULDER", "EXCISION CALCIFIC DEPOSIT RIGHT SHOULDER ARTHROSCOPIC",
     "ultrasound of the right supraspinatus tendon"),
])
def test_the_planning_text_names_the_ultrasound_it_offers(report: str, title: str, text: str,
                                                          study: str) -> None:
    [(rule, card)] = cards(report, text, title=title)
    assert rule == "surgical-planning"
    assert card.summary.endswith("ultrasound or CT can help plan it")
    assert f"consider an **{study}** or noncontrast CT" in card.detail
    assert card.suggestions[0].label == f"Order {study}"


# ---------------------------------------------------------------------------------- guards

def test_a_soft_tissue_mass_keeps_the_noncontrast_ct() -> None:
    [(rule, card)] = cards("FINDINGS: A 6 cm mass in the right vastus lateralis with peripheral "
                           "calcification.", "WIDE EXCISION RIGHT THIGH MASS",
                           title="MRI RIGHT THIGH")
    assert card.summary.endswith("noncontrast CT can help plan it")
    assert "consider noncontrast CT\n(**CT right lower extremity without contrast**)" in (
        card.detail)
    assert done(card).startswith("CT already done")


def test_a_bone_lesion_keeps_its_radiographs() -> None:
    [(rule, card)] = cards("FINDINGS: A 3 cm lesion in the right distal femur metaphysis with "
                           "chondroid matrix calcification.", "CURETTAGE RIGHT DISTAL FEMUR LESION",
                           title="MRI RIGHT FEMUR")
    assert card.summary.endswith("radiographs or CT can help plan it")
    assert "radiographs (**right femur radiographs two views**) or noncontrast CT" in card.detail


def test_a_signal_void_outside_the_breast_keeps_ct() -> None:
    [(rule, card)] = cards("FINDINGS: A 3 cm left adrenal mass contains a signal void on all "
                           "sequences, possibly calcification or hemosiderin.",
                           "CT ABDOMEN W CONTRAST", title="MRI ABDOMEN")
    assert rule == "signal-void"
    assert card.summary.endswith("noncontrast CT can clarify")
    assert done(card).startswith("CT already done")
