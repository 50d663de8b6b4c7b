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
