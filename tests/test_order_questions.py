"""Issue 17, the order side: what question an order asks (docs/matching-policy.md P11.5a). A CT
or MR arthrogram asks about the joint's internal structure (a TFCC perforation, a labral tear),
never the crystal question, even when its reason names CPPD, gout or calcific tendinitis: the
crystal-deposition card on it is information, worded "if the question involves", and does not
offer to replace it by CT. Each arthrogram test failed on 20b8dd6 (review round 6, unseen11 a1)."""

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

WRIST = ("FINDINGS: TFCC: linear chondrocalcinosis of the triangular fibrocartilage with a "
         "central perforation. IMPRESSION: Chondrocalcinosis of the right wrist, compatible "
         "with CPPD.")
SHOULDER = ("FINDINGS: Rotator cuff: a 9 mm calcific deposit in the left supraspinatus tendon "
            "with surrounding edema. IMPRESSION: Calcific tendinitis of the left supraspinatus.")
HIP = ("FINDINGS: Right hip: chondrocalcinosis of the acetabular labrum and articular "
       "cartilage with a small effusion. IMPRESSION: CPPD arthropathy of the right hip.")
KNEE = ("FINDINGS: Left knee: calcified tophi in the lateral gutter with erosions of the "
        "lateral femoral condyle. IMPRESSION: Tophaceous gout of the left knee.")


def cards(report: str, title: str, text: str | None, code: str | None, why: str
          ) -> list[tuple[str, str, list[str]]]:
    ev = rules.Evidence(reports=(read_report(mri(report, title)),), studies=())
    extra: dict[str, Any] = {"reasonCode": [{"text": why}]}
    n = itertools.count()
    out = []
    for p in rules.merge(rules.evaluate(read(text, code, **extra), ev)):
        card = render(p, LIBRARY, patient_id="p1", new_id=lambda: str(next(n))).card
        out.append((p.lead.rule_id, card.indicator.value, [s.label for s in card.suggestions]))
    return out


ARTHROGRAMS = [
    (WRIST, "MRI RIGHT WRIST", "MR ARTHROGRAM WRIST RT", "73222",
     "CPPD, TFCC perforation, arthroscopy planning"),
    (SHOULDER, "MRI LEFT SHOULDER", "MR ARTHROGRAM SHOULDER LT", None,
     "calcific tendinitis; labral tear?"),
    (HIP, "MRI RIGHT HIP", "MR ARTHRO HIP RT W CONTRAST", None, "pseudogout, labral tear"),
    (KNEE, "MRI LEFT KNEE", "MRI KNEE LT ARTHROGRAM", None, "gout; meniscal re-tear"),
    (SHOULDER, "MRI LEFT SHOULDER", "CT ARTHROGRAM SHOULDER LEFT", None,
     "calcific tendinitis, rotator cuff tear"),
]


@pytest.mark.parametrize(("report", "title", "text", "code", "why"), ARTHROGRAMS)
def test_an_arthrogram_asks_no_crystal_question(report: str, title: str, text: str,
                                                code: str | None, why: str) -> None:
    assert "crystal-deposition" not in read(text, code, reasonCode=[{"text": why}]).purposes
    for rule, indicator, labels in cards(report, title, text, code, why):
        assert (rule, indicator) == ("crystal-deposition", "info")
        assert not any(label.startswith("Replace the MRI") for label in labels)


@pytest.mark.parametrize(("report", "title", "text", "why"), [
    (WRIST, "MRI RIGHT WRIST", "MRI WRIST RT WO CONTRAST", "CPPD"),
    (HIP, "MRI RIGHT HIP", "MRI HIP RT WO", "pseudogout flare"),
    (KNEE, "MRI LEFT KNEE", "MRI KNEE LT WO", "tophaceous gout"),
])
def test_an_mri_of_the_joint_for_the_crystal_disease_still_asks_it(
        report: str, title: str, text: str, why: str) -> None:
    assert [(r, i) for r, i, _ in cards(report, title, text, None, why)] == [
        ("crystal-deposition", "warning")]


# --- P17.12: CCTA, CTCA and CTPA are CT angiograms (unseen11 c2) ------------------------------

@pytest.mark.parametrize(("text", "region", "purposes"), [
    ("CCTA CORONARY W CONTRAST", "cardiac", {"coronary", "vascular"}),
    ("CCTA", "cardiac", {"coronary", "vascular"}),
    ("CTCA", "cardiac", {"coronary", "vascular"}),
    ("CCTA WITH FFR-CT", "cardiac", {"coronary", "vascular"}),
    ("CTPA", "chest", {"vascular"}),
    ("CTPA FOR PE", "chest", {"vascular"}),
])
def test_ccta_ctca_ctpa_are_contrast_ct_angiograms(text: str, region: str,
                                                   purposes: set[str]) -> None:
    got = read(text)
    assert (got.kind, got.contrast_stated, got.region) == ("ct-contrast", True, region)
    assert purposes <= got.purposes


THROMBUS = ("FINDINGS: Thrombus: a 16 x 9 mm laminated apical mural thrombus persists, "
            "nonenhancing, now with a thin rim of very low signal on all sequences, consistent "
            "with a calcified chronic thrombus. IMPRESSION: Chronic, partly calcified apical left "
            "ventricular thrombus.")
PLEURA = ("FINDINGS: A 4.1 cm pleural-based mass of the right lower hemithorax contains coarse "
          "calcification.")


@pytest.mark.parametrize("text", ["CCTA CORONARY W CONTRAST", "CCTA", "CTCA CORONARY ARTERIES"])
def test_a_ccta_over_a_calcified_thrombus_draws_the_cardiovascular_card(text: str) -> None:
    got = cards(THROMBUS, "MRI CARDIAC WITHOUT AND WITH CONTRAST", text, None,
                "Atypical chest pain, ischaemic cardiomyopathy")
    assert [(r, i) for r, i, _ in got] == [("cardiovascular-calcification", "info")]


def test_a_ctpa_is_not_about_a_calcified_pleural_mass() -> None:
    assert cards(PLEURA, "MRI CHEST", "CTPA", None, "shortness of breath, r/o PE") == []


# --- P11.5b: a reason asking whether it is calcific asks the crystal question ----------------

PATELLAR = ("FINDINGS: Patellar tendon: a 7 mm calcific deposit at the proximal patellar tendon "
            "insertion with surrounding edema. IMPRESSION: Calcific tendinosis of the right "
            "patellar tendon.")
GLUTEAL = ("FINDINGS: A 12 mm calcific deposit in the right gluteus medius tendon at its "
           "trochanteric insertion. IMPRESSION: Calcific tendinosis of the gluteus medius.")

ASKING = [
    (PATELLAR, "MRI RIGHT KNEE", "MR KNEE RT WO CONTRAST",
     "Patellar tendinopathy not improving, ? calcific"),
    (PATELLAR, "MRI RIGHT KNEE", "MRI KNEE RIGHT WITHOUT CONTRAST",
     "Anterior knee pain, calcific?"),
    (SHOULDER, "MRI LEFT SHOULDER", "MRI SHOULDER LT WO", "Rule out calcific deposit"),
    (SHOULDER, "MRI LEFT SHOULDER", "MRI SHOULDER LEFT WITHOUT CONTRAST",
     "query calcific, painful arc"),
    (GLUTEAL, "MRI RIGHT HIP", "MRI HIP RT WO CONTRAST",
     "Lateral hip pain - evaluate for calcific deposits"),
    (GLUTEAL, "MRI RIGHT HIP", "MRI HIP RIGHT W/O", "Greater trochanteric pain ?calcific"),
]


@pytest.mark.parametrize(("report", "title", "text", "why"), ASKING)
def test_a_reason_asking_whether_it_is_calcific_makes_the_crystal_card_a_warning(
        report: str, title: str, text: str, why: str) -> None:
    assert [(r, i) for r, i, _ in cards(report, title, text, None, why)] == [
        ("crystal-deposition", "warning")]


@pytest.mark.parametrize(("report", "title", "text", "why"), [
    (PATELLAR, "MRI RIGHT KNEE", "MR KNEE RT WO CONTRAST", "Knee pain, ? meniscal tear"),
    (PATELLAR, "MRI RIGHT KNEE", "MR KNEE RT WO CONTRAST",
     "Instability; history of calcific tendinitis"),
    (SHOULDER, "MRI LEFT SHOULDER", "MRI SHOULDER LT WO", "? rotator cuff tear, calcification"),
])
def test_another_question_or_a_history_keeps_the_crystal_card_information(
        report: str, title: str, text: str, why: str) -> None:
    assert [(r, i) for r, i, _ in cards(report, title, text, None, why)] == [
        ("crystal-deposition", "info")]


def test_a_calcific_mass_is_no_crystal_question() -> None:
    assert "crystal-deposition" not in read("MRI THIGH LT W WO", None, reasonCode=[
        {"text": "? calcific mass, enlarging"}]).purposes
