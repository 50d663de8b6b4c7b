"""P13.10: a deposit in a ligament, a joint capsule or a plate takes the tendon and capsule row
(CT or ultrasound); a later radiograph does not answer it (unseen23 a1)."""
from __future__ import annotations

import pytest

from cds_service.core import rules
from cds_service.core.reading import read_report
from tests.test_order_catalog import mri, read
from tests.test_prior_imaging import study

CASES = [
    ("FINDINGS: Along the radial collateral ligament of the index metacarpophalangeal joint "
     "there is an amorphous 6 mm focus of low signal, in keeping with a calcific deposit (acute "
     "calcific periarthritis).\nIMPRESSION: Acute calcific periarthritis at the radial collateral "
     "ligament of the right index MCP joint.", "MRI RIGHT HAND WITHOUT CONTRAST",
     "MRI RT HAND (INDEX MCP JOINT) WO CONTRAST", "? calcific periarthritis", "XR RIGHT HAND"),
    ("IMPRESSION: Calcific periarthritis of the right little finger proximal interphalangeal "
     "joint, with a calcific deposit at the ulnar collateral ligament.",
     "MRI RIGHT HAND WITHOUT CONTRAST", "MRI RIGHT HAND WO CONTRAST",
     "? calcific periarthritis", "XR RIGHT HAND 3 VIEWS"),
    ("FINDINGS: Calcification in the volar plate of the left middle finger proximal "
     "interphalangeal joint, in keeping with calcific periarthritis.",
     "MRI LEFT HAND WITHOUT CONTRAST", "MRI LEFT HAND WO CONTRAST", "calcific periarthritis",
     "XR LEFT HAND"),
    ("IMPRESSION: Acute calcific periarthritis of the right first metatarsophalangeal joint, "
     "a calcific deposit in the medial joint capsule.", "MRI RIGHT FOOT WITHOUT CONTRAST",
     "MRI RIGHT FOOT WO CONTRAST", "? calcific periarthritis", "XR RIGHT FOOT 3 VIEWS"),
    ("FINDINGS: A calcific deposit in the plantar plate of the left second metatarsophalangeal "
     "joint, consistent with calcific periarthritis.", "MRI LEFT FOOT WITHOUT CONTRAST",
     "MRI LEFT FOOT WO CONTRAST", "calcific periarthritis", "XR LEFT FOOT"),
]


def _leads(text: str, title: str, order: str, reason: str, later: str, modality: str):
    mr = read_report(mri(text, title))
    ev = rules.Evidence(reports=(mr,), studies=(study(modality, "2026-11-18", later),))
    o = read(order, reasonCode=[{"text": reason}])
    return [p.lead.rule_id for p in rules.merge(rules.evaluate(o, ev))]


@pytest.mark.parametrize(("text", "title", "order", "reason", "later"), CASES)
def test_a_later_radiograph_does_not_answer_a_ligament_or_capsule_deposit(
        text: str, title: str, order: str, reason: str, later: str) -> None:
    assert _leads(text, title, order, reason, later, "DX") == ["crystal-deposition"]


@pytest.mark.parametrize(("text", "title", "order", "reason", "later"), CASES)
def test_a_later_ultrasound_answers_a_ligament_or_capsule_deposit(
        text: str, title: str, order: str, reason: str, later: str) -> None:
    assert _leads(text, title, order, reason, later.replace("XR", "US"), "US") == []


def test_a_named_crystal_disease_in_a_ligament_keeps_the_radiograph() -> None:
    text = ("IMPRESSION: Crowned dens: calcific deposits in the transverse ligament of the atlas, "
            "consistent with CPPD.")
    assert _leads(text, "MRI CERVICAL SPINE", "MRI CERVICAL SPINE WO CONTRAST", "? CPPD",
                  "XR CERVICAL SPINE", "DX") == []
