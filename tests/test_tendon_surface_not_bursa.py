"""A tendon's bursal or articular side is the tendon's surface, not a bursa or a joint
(docs/matching-policy.md P11.39; review round 10 N-tendon-as-bursa, unseen27 c2: "a 12 mm
globular focus of low signal ... with bursal-sided edema, consistent with calcific tendinopathy
... of the infraspinatus" was named "left infraspinatus bursa (12 mm)", and the ultrasound
offered was of that bursa). "Bursal-sided", "bursal surface" and "articular-sided" describe
which face of a rotator cuff tendon a tear, edema or deposit lies on; the tendon names it.
A deposit the report puts in a bursa stays the bursa's (P11.17)."""

from __future__ import annotations

import pytest

from cds_service.core import anatomy
from cds_service.core.reading import read_text
from tests.test_card_names import card_json, lesion_line

SHOULDER = "MRI LEFT SHOULDER WITHOUT CONTRAST"


@pytest.mark.parametrize(("text", "order", "name"), [
    ("FINDINGS: At the infraspinatus footprint on the greater tuberosity there is a 12 mm "
     "globular focus of low signal on all sequences with bursal-sided edema, consistent with "
     "calcific tendinopathy (hydroxyapatite deposition) of the infraspinatus.",
     "MR SHOULDER LT WO", "left infraspinatus tendon (12 mm)"),
    ("FINDINGS: A 9 mm calcific deposit in the supraspinatus tendon with bursal sided "
     "partial-thickness fraying and surrounding edema.", "CT SHOULDER LT W CONTRAST",
     "left supraspinatus tendon (9 mm)"),
    ("FINDINGS: 14 mm calcific deposit at the bursal surface of the supraspinatus tendon, "
     "with mild reactive edema.", "CT SHOULDER LT W CONTRAST",
     "left supraspinatus tendon (14 mm)"),
    ("FINDINGS: Bursal-side edema surrounds a 10 mm amorphous calcific deposit of the "
     "infraspinatus tendon.", "MR SHOULDER LT WO", "left infraspinatus tendon (10 mm)"),
    ("FINDINGS: An 8 mm low-signal calcific focus lies at the bursal aspect of the "
     "subscapularis tendon, consistent with calcific tendinitis.", "MR SHOULDER LT WO",
     "left subscapularis tendon (8 mm)"),
    ("FINDINGS:\nRotator cuff: An 11 mm hydroxyapatite deposit with bursal-sided partial "
     "tearing and adjacent edema at the supraspinatus footprint, consistent with calcific "
     "tendinitis.", "MR SHOULDER LT WO", "left supraspinatus tendon (11 mm)"),
    ("FINDINGS: There is a 7 mm calcific focus with surrounding bursal surface edema in the "
     "distal infraspinatus tendon.", "CT SHOULDER LT W CONTRAST",
     "left infraspinatus tendon (7 mm)"),
])
def test_a_deposit_on_a_tendons_bursal_side_is_the_tendons(text: str, order: str,
                                                          name: str) -> None:
    """P11.39: the card and its ultrasound name the tendon, never a bursa."""
    card = card_json(text, SHOULDER, order)
    assert lesion_line(card["detail"]) == name
    labels = [s["label"] for s in card["suggestions"]]
    assert not any("bursa" in label for label in labels), labels


@pytest.mark.parametrize("phrase", ["bursal-sided edema", "bursal sided tear",
                                    "bursal surface fraying", "bursal-side edema",
                                    "bursal aspect of the tendon"])
def test_a_tendon_surface_names_no_bursa(phrase: str) -> None:
    """P11.39: the anatomy table reads no bursa in a tendon surface's words."""
    assert "bursa" not in anatomy.sites_in(phrase)


def test_the_reader_keeps_the_tendon_and_no_bursa_among_its_places() -> None:
    text = ("FINDINGS: A 9 mm calcific deposit in the supraspinatus tendon with bursal-sided "
            "edema.")
    (m,) = read_text(f"EXAM: {SHOULDER}\n{text}").mentions
    assert m.kind == "tendon" and "bursa" not in m.sentence_sites


@pytest.mark.parametrize(("text", "order", "name"), [
    # guards: a deposit in a bursa, and bursal fluid or distension, stay the bursa's (P11.17)
    ("FINDINGS: Calcific deposit within the subacromial-subdeltoid bursa measuring 15 mm, with "
     "bursitis. The rotator cuff tendons are intact.", "CT SHOULDER LT W CONTRAST",
     "left subacromial-subdeltoid bursa (15 mm)"),
    ("FINDINGS: A 9 mm calcific deposit lies within the subacromial bursa, with bursal "
     "distension. The supraspinatus tendon is intact.", "CT SHOULDER LT W CONTRAST",
     "left subacromial bursa (9 mm)"),
])
def test_a_deposit_in_a_bursa_stays_the_bursas(text: str, order: str, name: str) -> None:
    assert lesion_line(card_json(text, SHOULDER, order)["detail"]) == name


def test_a_deposit_in_a_tendon_beside_a_bursitis_stays_the_tendons() -> None:
    """Guard (P11.17): the tendon nearest the deposit names it."""
    text = ("FINDINGS: A 12 mm calcific deposit within the supraspinatus tendon, with mild "
            "subacromial-subdeltoid bursitis.")
    assert lesion_line(card_json(text, SHOULDER, "CT SHOULDER LT W CONTRAST")["detail"]) == (
        "left supraspinatus tendon (12 mm)")
