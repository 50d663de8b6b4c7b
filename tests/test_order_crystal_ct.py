"""Issue 17, the order side: a CT whose order does not state its contrast, on the
crystal-deposition card (docs/matching-policy.md P11.15). The guidance asks for CT of crystal
deposition, a noncontrast study: the card recommends changing such an order to the noncontrast
CT of its region, never to a without-and-with study; a CT ordered with contrast keeps the
without-and-with change where its reason asks what contrast answers (P13.14). Each unstated
test failed on 7769f47 (red-team probe 3: "CT FOOT LT" for a gouty tophus was offered "without
and with")."""

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

FOOT = ("FINDINGS: Left first metatarsophalangeal joint: juxta-articular erosions with an "
        "adjacent 1.8 cm partly calcified tophus. IMPRESSION: Tophaceous gout of the left first "
        "metatarsophalangeal joint.")
ANKLE = ("FINDINGS: Right ankle: a 2.1 cm partly calcified tophus anterior to the tibiotalar "
         "joint with erosion of the talar neck. IMPRESSION: Tophaceous gout of the right ankle.")
KNEE = ("FINDINGS: Menisci: linear chondrocalcinosis of both menisci of the right knee. "
        "IMPRESSION: Chondrocalcinosis of the right knee, compatible with CPPD.")
WRIST = ("FINDINGS: Triangular fibrocartilage: linear calcification compatible with "
         "chondrocalcinosis of the left wrist. IMPRESSION: CPPD of the left wrist.")


def suggestions(report: str, title: str, text: str, why: str) -> list[tuple[str, list[str]]]:
    ev = rules.Evidence(reports=(read_report(mri(report, title)),), studies=())
    extra: dict[str, Any] = {"reasonCode": [{"text": why}]}
    n = itertools.count()
    return [(p.lead.rule_id, [s.label for s in render(
        p, LIBRARY, patient_id="p1", new_id=lambda: str(next(n))).card.suggestions])
        for p in rules.merge(rules.evaluate(read(text, None, **extra), ev))]


UNSTATED = [
    (FOOT, "MRI LEFT FOOT", "CT FOOT LT", "gout", "left lower extremity"),
    (FOOT, "MRI LEFT FOOT", "CT LEFT FOOT", "tophus, evaluate extent", "left lower extremity"),
    (ANKLE, "MRI RIGHT ANKLE", "CT ANKLE RT", "gout", "right lower extremity"),
    (KNEE, "MRI RIGHT KNEE", "CT KNEE RIGHT", "CPPD", "right lower extremity"),
    (WRIST, "MRI LEFT WRIST", "CT WRIST LT", "pseudogout", "left upper extremity"),
]


@pytest.mark.parametrize(("report", "title", "text", "why", "where"), UNSTATED)
def test_a_ct_of_unstated_contrast_is_changed_to_the_noncontrast_ct(
        report: str, title: str, text: str, why: str, where: str) -> None:
    [(rule, labels)] = suggestions(report, title, text, why)
    assert rule == "crystal-deposition"
    assert labels[0] == f"Change to CT {where} without contrast"
    assert not any("without and with" in label for label in labels)


@pytest.mark.parametrize(("report", "title", "text", "why", "where"), UNSTATED)
def test_a_ct_ordered_with_contrast_keeps_the_without_and_with_change(
        report: str, title: str, text: str, why: str, where: str) -> None:
    """Where the order asks what contrast answers too (an infection here); a contrast CT asking
    only the crystal question becomes the noncontrast CT (P13.14,
    tests/test_crystal_contrast_change.py)."""
    [(rule, labels)] = suggestions(report, title, f"{text} W CONTRAST",
                                   f"{why}; r/o septic arthritis")
    assert labels[0] == f"Change to CT {where} without and with contrast"
