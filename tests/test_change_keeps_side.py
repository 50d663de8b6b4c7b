"""A "Change to" keeps the side and body site its draft held only in its text (P11.52; review
round 11, T-change-drops-side, not signed: "CT FEMUR RT W CON" was offered a change whose order
read "CT lower extremity without and with contrast", no side, no body site: a wrong-site risk;
unseen35 k1, k2). The create suggestion of the same card already carried both. Each variant
failed on b426f07."""

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


def actions(report: str, title: str, text: str) -> list[dict[str, Any]]:
    """The resources of every suggestion's actions, in order."""
    ev = rules.Evidence(reports=(read_report(mri(report, title)),), studies=())
    n = itertools.count()
    [problem] = rules.merge(rules.evaluate(read(text, None), ev))
    card = render(problem, LIBRARY, patient_id="p1", new_id=lambda: str(next(n))).card
    return [a.resource or {} for s in card.suggestions for a in s.actions]


THIGH = ("FINDINGS: A 6.1 cm mass deep to the fascia in the {side} vastus lateralis contains "
         "coarse calcification.")
HAND = ("FINDINGS: A 2.4 cm mass in the thenar muscles of the {side} hand contains punctate "
        "calcification.")


@pytest.mark.parametrize(("report", "title", "text", "side", "site"), [
    (THIGH, "MRI THIGH {S} W WO", "CT FEMUR RT W CON", "right", "thigh"),
    (THIGH, "MRI THIGH {S} W WO", "CT LOWER EXTREMITY LT W CONTRAST", "left", "thigh"),
    (HAND, "MRI HAND {S} W WO", "CT UPPER EXT LT C+ (HAND)", "left", "hand"),
    (HAND, "MRI HAND {S} W WO", "CT HAND RIGHT WITH IV CONTRAST", "right", "hand"),
])
def test_change_keeps_side_and_site(report: str, title: str, text: str, side: str,
                                    site: str) -> None:
    resources = actions(report.format(side=side), title.format(S=side.upper()), text)
    changed = [r for r in resources if r.get("id")]  # the update keeps the draft's id
    assert changed, resources
    for r in resources:  # the change and the noncontrast CT alike
        assert r["code"]["text"].endswith(f", {side}"), r["code"]["text"]
        body = r["bodySite"][0]["text"].lower()
        assert side in body and site in body, r["bodySite"]


def test_trunk_change_names_no_limb_side() -> None:
    """Guard: a trunk CT's change gets no ", left" (the side goes on limb studies only)."""
    report = "FINDINGS: A 4 cm mass in hepatic segment 7 with coarse central calcification."
    resources = actions(report, "MRI ABDOMEN W WO", "CT ABDOMEN W CONTRAST")
    assert resources and not any(r["code"]["text"].endswith((", left", ", right"))
                                 for r in resources)
