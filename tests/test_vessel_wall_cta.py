"""A vessel's own calcified wall before a contrast-only CT angiogram of that vessel (issue 17,
unseen46 first run c2, t2; docs/matching-policy.md P4.20, P4.21, P17.25): the intimal flap of a
dissection and the wall of an arteritis are the vessel's own finding (kind ``vessel``, as an
aneurysm's wall), no incidental atheroma, and a "CTA Chest Aorta w/ Contrast" studies that
vessel: cardiovascular-calcification. On fdfde69 both drew nothing."""

from __future__ import annotations

import pytest

from tests.test_card_names import card_detail
from tests.test_order_catalog import leads

MRA = "MRA Chest Thoracic Aorta w/ + w/o Contrast"
FLAP = ("FINDINGS:\nTHORACIC AORTA: Chronic type B dissection from the left subclavian origin to "
        "the coeliac axis; partially thrombosed false lumen, maximal diameter 46 mm. Linear "
        "low-signal foci along the displaced intimal flap may represent intimal calcification.\n"
        "IMPRESSION: 1. Chronic type B dissection, 46 mm; possible intimal calcification along "
        "the flap.")
TAKAYASU = ("FINDINGS:\nAORTIC ARCH AND BRANCHES: Concentric wall thickening of the left "
            "subclavian artery with a 60 percent stenosis. Linear foci of signal void in the "
            "thickened wall are consistent with mural calcification.\nIMPRESSION: 1. Active "
            "Takayasu arteritis of the left subclavian artery with mural calcification and 60 "
            "percent stenosis.")
RETRACTED = ("FINDINGS:\nAORTIC ARCH AND BRANCHES: Concentric wall thickening of the left "
             "subclavian artery; mural enhancement suggests active arteritis. The mural signal "
             "void attributed to calcification on the prior MRA is no longer seen and was in "
             "retrospect a flow artefact.\nIMPRESSION: 1. Active Takayasu arteritis of the left "
             "subclavian artery; no mural calcification.")


def _reason(text: str | None) -> dict:
    return {"reasonCode": [{"text": text}]} if text else {}


DUE = [
    (FLAP, "CTA Chest Aorta w/ Contrast", None, "Aortic dissection, chronic"),
    (TAKAYASU, "CTA Chest Aorta w/ Contrast", "71275", "Takayasu arteritis"),
    ("FINDINGS: Chronic type A dissection repaired; residual dissection of the aortic arch with "
     "a calcified intimal flap.", "CTA THORACIC AORTA W CONTRAST", None, None),
    ("IMPRESSION: Giant cell aortitis of the descending thoracic aorta with mural calcification "
     "and wall thickening.", "CT ANGIO CHEST AORTA W IV CONTRAST", None, "aortitis"),
    ("FINDINGS: Dissection flap in the infrarenal abdominal aorta with intimal calcification "
     "along the flap.", "CTA ABDOMEN AORTA W CONTRAST", None, "dissection follow-up"),
    ("IMPRESSION: Takayasu arteritis of the right subclavian artery with calcification of the "
     "thickened wall.", "CTA Chest w/ Contrast Subclavian Arteries", None, None),
]


@pytest.mark.parametrize(("report", "text", "code", "reason"), DUE)
def test_a_vessels_own_calcified_wall_before_its_cta(
        report: str, text: str, code: str | None, reason: str | None) -> None:
    assert leads(report, text, code, title=MRA, **_reason(reason)) == [
        "cardiovascular-calcification"]


@pytest.mark.parametrize(("report", "name"), [
    (TAKAYASU, "left subclavian artery"),
    (FLAP, "aorta"),
])
def test_the_card_names_the_vessel(report: str, name: str) -> None:
    detail = card_detail(report, MRA, "CTA Chest Aorta w/ Contrast")
    assert f"**Finding:** {name};" in detail


GUARDS = [
    # the twin: the CTA acquires noncontrast images (P17.1)
    (FLAP, "CTA Chest Aorta w/ + w/o Contrast", None, "Aortic dissection, chronic"),
    # the calcification retracted as a flow artefact, and denied in the Impression
    (RETRACTED, "CTA Chest Aorta w/ Contrast", "71275", "Takayasu arteritis"),
    # a noncontrast CT shows it
    (FLAP, "CT Chest wo Contrast", None, "Aortic dissection, chronic"),
    # a CTA naming no vessel of the finding: a PE protocol, a lower-limb runoff, the head
    (FLAP, "CTA Chest PE Protocol", "71275", None),
    (TAKAYASU, "CTA Runoff Bilateral Lower Extremity w/ Contrast", None, None),
    (FLAP, "CTA Head w Contrast", None, None),
    # atheroma of the aortic wall stays incidental (P4.1, P15.3)
    ("FINDINGS: Atherosclerotic calcification of the thoracic aortic wall.",
     "CTA Chest Aorta w/ Contrast", None, None),
    ("FINDINGS: Calcification of the descending thoracic aorta. No dissection.",
     "CTA Chest Aorta w/ Contrast", None, "aortic dissection"),
    # a surgical dissection is not the vessel's (P15.5)
    ("FINDINGS: Calcified left level II node after neck dissection.",
     "CTA Chest Aorta w/ Contrast", None, None),
]


@pytest.mark.parametrize(("report", "text", "code", "reason"), GUARDS)
def test_guards_stay_silent(
        report: str, text: str, code: str | None, reason: str | None) -> None:
    assert leads(report, text, code, title=MRA, **_reason(reason)) == []
