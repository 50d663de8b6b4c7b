"""Issue 17 §2 on the order side: the organ's own reference modality (docs/matching-policy.md
P13.8). A thyroid nodule's calcification is characterized by ultrasound in standard practice: a
card before its FNA recommends a thyroid ultrasound (CT offered second), and an ultrasound of the
thyroid after the MRI answers it. Other neck masses keep CT. Each thyroid test failed on 3bd7f8b
(red-team probe 4: the FNA card asked for CT)."""

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


def cards(report: str, text: str, *others: dict[str, Any], title: str = "MRI NECK W WO",
          why: str | None = None) -> list[tuple[str, str, list[str]]]:
    ev = rules.Evidence(reports=(read_report(mri(report, title)),
                                 *(read_report(o) for o in others)), studies=())
    extra: dict[str, Any] = {"reasonCode": [{"text": why}]} if why else {}
    n = itertools.count()
    out = []
    for p in rules.merge(rules.evaluate(read(text, None, **extra), ev)):
        card = render(p, LIBRARY, patient_id="p1", new_id=lambda: str(next(n))).card
        out.append((p.lead.rule_id, card.summary, [s.label for s in card.suggestions]))
    return out


THYROID = [
    ("FINDINGS: Thyroid: a 2.2 cm left thyroid nodule with coarse calcification.",
     "US GUIDED FNA THYROID LEFT", "left thyroid nodule"),
    ("FINDINGS: Thyroid: a 2.2 cm left thyroid nodule with coarse calcification.",
     "FNA THYROID NODULE LT", "left thyroid nodule"),
    ("FINDINGS: The right thyroid lobe contains a 1.8 cm nodule with punctate calcifications.",
     "THYROID BIOPSY RIGHT LOBE", "right thyroid"),
    ("FINDINGS: A 3 cm isthmic thyroid nodule with peripheral rim calcification.",
     "US FNA THYROID", "thyroid"),
    ("IMPRESSION: Calcified 2.5 cm right thyroid nodule; tissue sampling suggested.",
     "CORE BX THYROID NODULE RT", "right thyroid nodule"),
]


@pytest.mark.parametrize(("report", "text", "lesion"), THYROID)
def test_a_thyroid_fna_card_recommends_the_thyroid_ultrasound(report: str, text: str,
                                                              lesion: str) -> None:
    [(rule, summary, labels)] = cards(report, text)
    assert rule == "biopsy-calcified-mass"
    assert "obtain an ultrasound before this biopsy" in summary
    assert labels[0].startswith("Order ultrasound of the ") and lesion in labels[0]
    assert labels[1].startswith("Order CT soft tissue neck without contrast")


@pytest.mark.parametrize(("report", "text", "lesion"), THYROID)
def test_a_thyroid_ultrasound_after_the_mri_answers_it(report: str, text: str,
                                                       lesion: str) -> None:
    us = {"resourceType": "DiagnosticReport", "id": "us1", "status": "final",
          "code": {"text": "US THYROID"}, "effectiveDateTime": "2026-10-15",
          "subject": {"reference": "Patient/p1"},
          "conclusion": "Thyroid nodules as on MRI; TI-RADS 4."}
    assert cards(report, text, us) == []


def test_another_neck_mass_keeps_ct() -> None:
    [(rule, summary, labels)] = cards(
        "FINDINGS: A 2.2 cm left parotid mass containing punctate calcifications.",
        "US GUIDED CORE BIOPSY LEFT PAROTID MASS")
    assert "noncontrast CT" in summary
    assert labels == ["Order CT soft tissue neck without contrast first"]
