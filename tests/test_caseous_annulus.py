"""Caseous calcification of a valve annulus is the valve's own calcification, kind `heart`, not
the incidental degenerative annular calcification of P4.1: before a contrast CT or an MRI of the
heart it draws cardiovascular-calcification, a warning when the order asks about the valve
(docs/matching-policy.md P4.30, P4.31). The variants drew nothing on af20e49 (unseen51 g2: "A
26 mm ovoid mass along the posterior mitral annulus, ... consistent with caseous calcification
of the mitral annulus" before a contrast cardiac CT for mitral valve surgery planning)."""

from __future__ import annotations

from typing import Any

import pytest

from cds_service.config import DEFAULT_CARDS_DIR
from cds_service.core import rules
from cds_service.core.card_library import load_library
from cds_service.core.cards import render
from cds_service.core.reading import read_report
from tests.test_order_catalog import leads, mri, read

LIBRARY = load_library(DEFAULT_CARDS_DIR)


def _extra(reason: str | None) -> dict[str, Any]:
    return {"reasonCode": [{"text": reason}]} if reason else {}


CASEOUS = [
    ("FINDINGS: Mitral valve: A 3 cm mass along the posterior mitral annulus with low signal on "
     "all sequences and a thin enhancing rim, consistent with caseous mitral annular "
     "calcification.",
     "CT HEART W CONTRAST STRUCTURE AND MORPHOLOGY", "75572", "mitral valve replacement planning"),
    ("FINDINGS: Caseous calcification of the mitral annulus, 2.4 cm, hypointense on T1 and T2.",
     "CT CARDIAC W CONTRAST", None, None),
    ("FINDINGS: At the P2 scallop there is a 22 mm round lesion with a dark rim and no internal "
     "enhancement, compatible with liquefaction necrosis of mitral annular calcification.",
     "CT HEART STRUCTURE W CONTRAST", "75572", "TMVR planning"),
    ("IMPRESSION: 19 mm caseous mitral annular calcification (MAC) of the anterolateral "
     "annulus; abscess and tumour are less likely.",
     "MRI CARDIAC MORPHOLOGY W WO CONTRAST", None, "characterize mitral annular mass"),
    ("IMPRESSION: Calcified caseous necrosis of the posterior mitral annulus, 25 mm.",
     None, "75572", "mitral regurgitation, surgical planning"),
]


@pytest.mark.parametrize(("report", "text", "code", "reason"), CASEOUS)
def test_caseous_annular_calcification_before_an_order_of_the_heart(
        report: str, text: str | None, code: str | None, reason: str | None) -> None:
    assert leads(report, text, code, title="MRI CARDIAC", **_extra(reason)) == [
        "cardiovascular-calcification"]


def test_the_caseous_annulus_is_the_hearts_own_not_a_mass() -> None:
    found = read_report(mri(CASEOUS[0][0], "MRI CARDIAC")).findings.mentions
    assert {m.kind for m in found if m.counts} == {"heart"}


@pytest.mark.parametrize(("report", "text", "code", "reason"), [
    # degenerative annular calcification stays incidental (P4.1)
    ("FINDINGS: Mitral annulus: Moderate mitral annular calcification.",
     "CT HEART W CONTRAST", None, None),
    ("FINDINGS: Dense mitral annular calcification, low signal on all sequences.",
     "CT CARDIAC STRUCTURE W/ IV CONT", "75572", None),
    # an order of the chest for another question does not ask about the heart (P4.4)
    (CASEOUS[1][0], "CT CHEST W CONTRAST", None, "left lower lobe nodule follow-up"),
    # denied
    ("FINDINGS: Mitral annulus: No caseous calcification of the mitral annulus. Normal valves.",
     "CT HEART W CONTRAST", None, None),
])
def test_near_misses_stay_silent(report: str, text: str, code: str | None,
                                 reason: str | None) -> None:
    assert leads(report, text, code, title="MRI CARDIAC", **_extra(reason)) == []


def test_a_calcified_tumour_on_the_annulus_stays_a_mass() -> None:  # P2.15, P4.13c
    report = ("FINDINGS: A 2.2 cm mobile mass attached to the posterior mitral annulus, "
              "consistent with a calcified amorphous tumor.")
    assert leads(report, "CT HEART W CONTRAST", None, title="MRI CARDIAC") == [
        "contrast-ct-noncontrast-first"]


def _indicator(report: str, text: str, code: str | None, reason: str | None) -> str:
    ev = rules.Evidence(reports=(read_report(mri(report, "MRI CARDIAC")),), studies=())
    problem = rules.merge(rules.evaluate(read(text, code, **_extra(reason)), ev))[0]
    card = render(problem, LIBRARY, patient_id="p1", new_id=lambda: "x").card
    return str(card.indicator)


def test_a_valve_operation_asks_about_the_calcified_annulus() -> None:  # P4.31, P11.13
    report = CASEOUS[1][0]
    assert _indicator(report, "CT CARDIAC W CONTRAST", None,
                      "mitral valve surgery planning") == "warning"
    assert _indicator(report, "CT CARDIAC W CONTRAST", None, "palpitations") == "info"
