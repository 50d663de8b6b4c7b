"""A partial mastectomy (lumpectomy) takes the breast lesion out: surgery on it, under the
breast's own adequate modality (P17.18, amends P18.6 and P18.9; unseen40 first run, p2: a
biopsy-proven carcinoma with "coarse internal low-signal foci, likely calcification" before
"PARTIAL MASTECTOMY L W WIRE LOC", CPT 19301, drew no card while "EXCISION LEFT BREAST MASS"
draws the planning card, and the prior mammogram showed only architectural distortion). The card
names a diagnostic mammogram (P13.6, P13.13) and is silent when a mammogram in the record shows
the calcification. A total, simple or modified radical mastectomy stays the organ's resection.
Each card test failed on a4878bb."""

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
TITLE = "MRI BREAST BILATERAL WWO CONTRAST"
LEFT = ("FINDINGS: Left breast: at 1 o'clock a 27 mm irregular enhancing mass contains the biopsy "
        "clip and, separate from it, coarse internal low-signal foci on all sequences, likely "
        "calcification. IMPRESSION: Biopsy-proven left breast carcinoma with likely internal "
        "calcification.")
RIGHT = LEFT.replace("Left", "Right").replace("left", "right")


def mammogram(findings: str, date: str = "2026-11-24") -> dict[str, Any]:
    return {"resourceType": "DiagnosticReport", "id": "mg1", "status": "final",
            "code": {"text": "MAMMOGRAM DIAGNOSTIC LEFT"}, "effectiveDateTime": date,
            "subject": {"reference": "Patient/p1"}, "conclusion": findings}


def cards(report: str, text: str | None, code: str | None = None,
          others: tuple[dict[str, Any], ...] = ()) -> list[tuple[str, str, list[str]]]:
    reports = (read_report(mri(report, TITLE)), *(read_report(o) for o in others))
    ev = rules.Evidence(reports=reports, studies=())
    n = itertools.count()
    out = []
    for p in rules.merge(rules.evaluate(read(text, code), ev)):
        card = render(p, LIBRARY, patient_id="p1", new_id=lambda: str(next(n))).card
        out.append((p.lead.rule_id, card.detail, [s.label for s in card.suggestions]))
    return out


@pytest.mark.parametrize(("report", "text", "code", "side"), [
    (LEFT, "PARTIAL MASTECTOMY L W WIRE LOC", "19301", "left"),         # unseen40 p2's class
    (LEFT, None, "19301", "left"),
    (LEFT, "LUMPECTOMY LEFT BREAST WITH NEEDLE LOCALIZATION", None, "left"),
    (LEFT, "LT BREAST SEGMENTAL MASTECTOMY W SEED LOC", None, "left"),
    (RIGHT, "RIGHT BREAST QUADRANTECTOMY", None, "right"),
    (RIGHT, "PARTIAL MASTECTOMY W AXILLARY LYMPHADENECTOMY RT", "19302", "right"),
])
def test_a_partial_mastectomy_draws_the_planning_card_naming_the_mammogram(
        report: str, text: str | None, code: str | None, side: str) -> None:
    [(rule, detail, labels)] = cards(report, text, code)
    assert rule == "surgical-planning"
    assert f"**diagnostic mammogram of the {side} breast**" in detail
    assert labels == [f"Order diagnostic mammogram of the {side} breast first"]


@pytest.mark.parametrize(("text", "code", "others"), [
    # guards: a mammogram shows the calcification (unseen40 p2 twin); the organ's resection;
    # the other breast
    ("PARTIAL MASTECTOMY L W WIRE LOC", "19301", (mammogram(
        "1 o'clock irregular mass with clip and coarse heterogeneous calcifications, 26 mm."),)),
    ("MASTECTOMY SIMPLE COMPLETE LEFT", "19303", ()),
    ("MODIFIED RADICAL MASTECTOMY LEFT", "19307", ()),
    ("TOTAL MASTECTOMY LEFT", None, ()),
    ("PARTIAL MASTECTOMY RT W WIRE LOC", "19301", ()),
])
def test_guards_draw_no_card(text: str, code: str | None,
                             others: tuple[dict[str, Any], ...]) -> None:
    assert cards(LEFT, text, code, others) == []
