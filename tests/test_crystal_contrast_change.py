"""A contrast CT asking only about crystal deposition is changed to the noncontrast CT (P13.14;
review round 10, T-change-adds-contrast: unseen33 c1, "CT KNEE RT W/ CONT" for "CPPD with ACL
deposition, preop TKA planning" was offered "Change to CT right lower extremity without and with
contrast"; the deposit was the only question). The guidance names what contrast adds: "vascularity
and tumor margins" (*CT Protocol Considerations*, refs 4, 6); crystal deposition is "visualized by
radiography, ultrasound, and CT" (*Joint and Inflammatory Conditions*, ref 1). An order whose
reason also asks what contrast answers (infection, a mass or tumour, staging, enhancement,
synovitis, a vessel) keeps the without-and-with change (unseen31 m1, "septic arthritis vs
pseudogout flare"), as does one that does not ask the crystal question at all. Each variant
failed on 15d9cd4."""

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

KNEE = ("FINDINGS: Ligaments: the anterior cruciate ligament contains linear low-signal foci on "
        "all sequences, in keeping with calcium pyrophosphate deposition. Menisci: punctate "
        "chondrocalcinosis of the lateral meniscus. IMPRESSION: CPPD of the right knee.")
FOOT = ("FINDINGS: Left first metatarsophalangeal joint: juxta-articular erosions with an "
        "adjacent 1.8 cm partly calcified tophus. IMPRESSION: Tophaceous gout of the left first "
        "metatarsophalangeal joint.")
WRIST = ("FINDINGS: Triangular fibrocartilage: linear calcification compatible with "
         "chondrocalcinosis of the left wrist. IMPRESSION: CPPD of the left wrist.")
SHOULDER = ("FINDINGS: Supraspinatus tendon: a 14 mm focus of low signal on all sequences at the "
            "footprint, consistent with calcific tendinosis. IMPRESSION: Calcific tendinitis of "
            "the right supraspinatus.")


def card(report: str, title: str, text: str, why: str) -> tuple[list[str], list[str]]:
    """The crystal card's suggestion labels and its first update's descriptions."""
    ev = rules.Evidence(reports=(read_report(mri(report, title)),), studies=())
    extra: dict[str, Any] = {"reasonCode": [{"text": why}]}
    n = itertools.count()
    [p] = rules.merge(rules.evaluate(read(text, None, **extra), ev))
    assert p.lead.rule_id == "crystal-deposition"
    rendered = render(p, LIBRARY, patient_id="p1", new_id=lambda: str(next(n))).card
    return ([s.label for s in rendered.suggestions],
            [a.description for s in rendered.suggestions for a in s.actions
             if a.resource and a.resource.get("id")])


@pytest.mark.parametrize(("report", "title", "text", "why", "where"), [
    (KNEE, "MRI KNEE RIGHT", "CT KNEE RT W/ CONT", "CPPD with ACL deposition, preop TKA planning",
     "right lower extremity"),                                           # unseen33 c1's class
    (KNEE, "MRI KNEE RIGHT", "CT KNEE RIGHT W IV CONTRAST", "chondrocalcinosis, extent",
     "right lower extremity"),
    (FOOT, "MRI LEFT FOOT", "CT FOOT LT W CONTRAST", "gout", "left lower extremity"),
    (FOOT, "MRI LEFT FOOT", "CT LOWER EXT LT C+ (FOOT)", "tophaceous gout, surgical planning",
     "left lower extremity"),
    (WRIST, "MRI LEFT WRIST", "CT WRIST LT WITH CONTRAST", "pseudogout", "left upper extremity"),
    (SHOULDER, "MRI SHOULDER RIGHT", "CT SHOULDER RT W CONTRAST", "calcific tendinitis, pre "
     "barbotage", "right upper extremity"),
])
def test_a_contrast_ct_asking_only_the_crystal_question_becomes_noncontrast(
        report: str, title: str, text: str, why: str, where: str) -> None:
    labels, updates = card(report, title, text, why)
    assert labels[0] == f"Change to CT {where} without contrast"
    assert not any("without and with" in label for label in labels), labels
    assert updates and "does not state its contrast" not in updates[0], updates


@pytest.mark.parametrize(("report", "title", "text", "why", "where"), [
    # guards: contrast answers another question the order asks, or the crystal question is not
    # the order's: the without-and-with change stays
    (KNEE, "MRI KNEE RIGHT", "CT KNEE RT W/ CONT", "septic arthritis vs pseudogout flare",
     "right lower extremity"),
    (KNEE, "MRI KNEE RIGHT", "CT KNEE RT W/ CONT", "CPPD; r/o abscess", "right lower extremity"),
    (FOOT, "MRI LEFT FOOT", "CT FOOT LT W CONTRAST", "gout vs soft tissue mass",
     "left lower extremity"),
    (FOOT, "MRI LEFT FOOT", "CT FOOT LT W CONTRAST", "gout, osteomyelitis?",
     "left lower extremity"),
    (WRIST, "MRI LEFT WRIST", "CT WRIST LT WITH CONTRAST", "CPPD, synovitis",
     "left upper extremity"),
    (KNEE, "MRI KNEE RIGHT", "CT KNEE RT W/ CONT", "knee pain", "right lower extremity"),
])
def test_a_contrast_ct_asking_what_contrast_answers_keeps_it(
        report: str, title: str, text: str, why: str, where: str) -> None:
    labels, _ = card(report, title, text, why)
    assert labels[0] == f"Change to CT {where} without and with contrast"


def test_an_unstated_ct_still_says_it_does_not_state_its_contrast() -> None:
    """Guard: P11.15's wording for a CT of unstated contrast."""
    labels, updates = card(FOOT, "MRI LEFT FOOT", "CT FOOT LT", "gout")
    assert labels[0] == "Change to CT left lower extremity without contrast"
    assert "does not state its contrast" in updates[0]
