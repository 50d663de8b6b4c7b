"""A joint's recesses named in the plural are the joint's, as the singular is: bodies that
"distend the axillary and subscapularis recesses" are in the glenohumeral joint, never the
rotator cuff (docs/matching-policy.md P11.87; review round 18, unseen42 b2: "right rotator cuff
synovial osteochondromatosis")."""

from __future__ import annotations

import pytest

from tests.test_card_names import first_card, lesion_line

SHOULDER_R = "MRI SHOULDER RT W/O CONT"
SCOPE_R = "ARTHROSCOPY SHOULDER RT, REMOVAL LOOSE BODIES"


@pytest.mark.parametrize("where", [
    "the axillary and subscapularis recesses",
    "the subscapular and axillary recesses",
    "the axillary recess and subscapularis recesses",
    "the axillary pouches and the subscapularis recesses",
])
def test_bodies_in_the_recesses_are_the_glenohumeral_joints(where: str) -> None:
    text = ("FINDINGS:\nRotator cuff: Intact repaired supraspinatus.\nJoint: Innumerable uniform "
            f"3 to 6 mm intra-articular bodies distend {where}, low in signal on all "
            "sequences, consistent with calcified osteochondral bodies of primary synovial "
            "osteochondromatosis.")
    name = lesion_line(first_card(text, SHOULDER_R, SCOPE_R).detail)
    assert "rotator cuff" not in name
    assert name.startswith("right glenohumeral joint") or name.startswith("right shoulder"), name


def test_a_deposit_in_the_subscapularis_tendon_stays_the_tendons() -> None:
    text = ("FINDINGS: A 9 mm calcific deposit in the right subscapularis tendon, low in signal "
            "on all sequences, consistent with calcific tendinosis.")
    name = lesion_line(first_card(text, SHOULDER_R, "MRI shoulder right without contrast").detail)
    assert "subscapularis" in name, name
