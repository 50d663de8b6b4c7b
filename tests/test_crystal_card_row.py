"""The crystal-deposition card names the modalities of the P13.1 row that characterizes the
structure: chondrocalcinosis, a ligament, capsule or plate deposit and calcific periarthritis take
the tendon and capsule row ("CT or ultrasound"), never radiographs; crystal deposition named as
such (CPPD, pseudogout, gout) keeps "CT, radiographs or ultrasound" (P13.10a; review round 8)."""

from __future__ import annotations

import pytest

from tests.test_card_names import first_card

CAPSULE = [
    ("FINDINGS: Chondrocalcinosis of the medial and lateral menisci of the left knee.",
     "MRI LEFT KNEE", "MRI left knee without contrast", "Knee pain"),
    ("FINDINGS: Acute calcific periarthritis at the radial collateral ligament of the right index "
     "MCP joint.", "MRI RIGHT HAND", "MRI right hand without contrast",
     "Evaluate for calcific periarthritis"),
    ("FINDINGS: Linear calcification of the triangular fibrocartilage of the right wrist, "
     "chondrocalcinosis.", "MRI RIGHT WRIST", "MRI right wrist without contrast", "Wrist pain"),
]
CRYSTAL = [
    ("FINDINGS: Calcified crystal deposits in the left knee joint with an effusion, consistent "
     "with CPPD arthropathy.", "MRI LEFT KNEE", "MRI left knee without contrast",
     "Evaluate for pseudogout"),
    ("FINDINGS: A calcified gouty tophus at the right first metatarsophalangeal joint.",
     "MRI RIGHT FOOT", "MRI right foot without contrast", "Evaluate for gout"),
]


@pytest.mark.parametrize(("text", "title", "order", "reason"), CAPSULE)
def test_the_capsule_row_names_ct_or_ultrasound_never_radiographs(
        text: str, title: str, order: str, reason: str) -> None:
    card = first_card(text, title, order, reason).to_json()
    assert "radiograph" not in card["summary"].lower()
    assert "radiograph" not in card["detail"].split("\n\n", 1)[1].split("Source")[0].lower()
    [done] = [r for r in card["overrideReasons"] if r["code"] == "ct-already-done"]
    assert not done["display"].startswith("CT, radiographs")


@pytest.mark.parametrize(("text", "title", "order", "reason"), CRYSTAL)
def test_crystal_deposition_named_as_such_keeps_radiographs(
        text: str, title: str, order: str, reason: str) -> None:
    card = first_card(text, title, order, reason).to_json()
    assert "CT, radiographs or ultrasound" in card["summary"]
