"""A wrist extensor's deposit at its metacarpal insertion is named by that insertion, never
"common extensor tendon origin" (the origin is the lateral epicondyle at the elbow): final
sealed part unseen27 e2, a card a radiologist would not sign (P11.16: a tendon deposit is named
by the tendon and the part the report names)."""

from __future__ import annotations

import pytest

from tests.test_card_names import card_detail, lesion_line

WRIST = "MRI WRIST RIGHT WITHOUT CONTRAST"
ELBOW = "MRI ELBOW RIGHT WITHOUT CONTRAST"
ORDER = "MRI WRIST RT WO CONTRAST"
REASON = "Dorsal wrist pain, ? calcific tendinitis"


@pytest.mark.parametrize(("text", "name"), [
    ("FINDINGS: Tendons: At the insertion of the extensor carpi radialis brevis on the dorsal "
     "base of the third metacarpal there is an 8 mm calcific deposit, low signal on all "
     "sequences, with peritendinous edema, consistent with acute calcific tendinitis.",
     "right extensor carpi radialis brevis tendon insertion (8 mm)"),
    ("FINDINGS: An 8 mm calcific deposit is present in the distal extensor carpi radialis "
     "brevis tendon at its insertion on the third metacarpal base.",
     "right extensor carpi radialis brevis tendon insertion (8 mm)"),
    ("FINDINGS: Calcific tendinitis of the ECRB insertion at the base of the third metacarpal, "
     "with a 6 mm deposit and surrounding edema.",
     "right extensor carpi radialis brevis tendon insertion (6 mm)"),
    ("FINDINGS: A 7 mm calcific deposit at the insertion of the extensor carpi radialis longus "
     "on the base of the second metacarpal, with peritendinous edema.",
     "right extensor carpi radialis longus tendon insertion (7 mm)"),
    ("FINDINGS: A 5 mm calcific deposit lies in the extensor carpi radialis longus tendon at "
     "its second metacarpal base insertion.",
     "right extensor carpi radialis longus tendon insertion (5 mm)"),
])
def test_a_wrist_extensor_deposit_is_named_by_its_insertion(text: str, name: str) -> None:
    assert lesion_line(card_detail(text, WRIST, ORDER, REASON)) == name


def test_the_elbow_origin_keeps_its_name() -> None:
    text = ("FINDINGS: A 9 mm calcific deposit in the common extensor origin at the lateral "
            "epicondyle, involving the extensor carpi radialis brevis fibres, with edema.")
    assert lesion_line(card_detail(text, ELBOW, "MRI ELBOW RT WO CONTRAST",
                                   "Lateral elbow pain, ? calcific tendinitis")) \
        == "right common extensor tendon origin (9 mm)"
