"""A deposit in the tendon of a trunk muscle that inserts on the humerus (the pectoralis major at
the lateral lip of the bicipital groove, the latissimus dorsi in its floor) lies at the shoulder:
its crystal-deposition card offers CT of the upper extremity and ultrasound, never a chest CT
(acquired with the arms raised, it leaves the humeral insertion out of its field), whatever the
MRI order's region word (review round 26, unseen51 a2, a card a radiologist would not sign;
docs/matching-policy.md P13.26). The muscle's belly stays in the chest wall."""

from __future__ import annotations

import pytest

from tests.test_card_names import first_card, lesion_line

WALL = "MRI CHEST WALL LT W/O IV CONT"


def _card(text: str, order: str, reason: str) -> tuple[str, list[str]]:
    card = first_card(text, WALL, order, reason)
    return card.detail, [s.label for s in card.suggestions or []]


@pytest.mark.parametrize(("text", "order", "reason"), [
    ("IMPRESSION: Calcific tendinitis of the left pectoralis major insertion, 14 mm deposit, "
     "with cortical erosion of the humerus.", "MRI CHEST WALL LT W/O IV CONT",
     "Calcific tendinitis left pectoralis major insertion - reassess deposit"),
    ("FINDINGS: A 9 mm calcific deposit in the distal left pectoralis major tendon, with "
     "peritendinous edema, consistent with calcific tendinitis.", "MRI CHEST LEFT WITHOUT CONTRAST",
     "Anterior axillary fold pain, ? calcific tendinitis"),
    ("FINDINGS: Calcific tendinitis at the insertion of the left pectoralis major on the "
     "humerus, with an 11 mm deposit and surrounding edema.", "MR CHEST WALL LEFT WO",
     "? calcific tendinitis of the pectoralis major"),
    ("FINDINGS: An 8 mm calcific deposit at the left latissimus dorsi insertion on the floor of "
     "the bicipital groove, consistent with calcific tendinitis.", "MRI CHEST WALL LT W/O IV CONT",
     "Calcific tendinitis left latissimus dorsi insertion"),
    ("IMPRESSION: Calcific tendinitis of the left pectoralis major tendon insertion (12 mm).",
     "MRI CHEST WO CONTRAST", "Calcific tendinitis left pectoralis major"),
])
def test_a_humeral_insertion_deposit_is_imaged_as_the_upper_extremity(
        text: str, order: str, reason: str) -> None:
    detail, labels = _card(text, order, reason)
    assert "CT left upper extremity without contrast" in detail
    assert "chest without contrast" not in detail
    assert any(label.startswith("Order ultrasound of the left") for label in labels)


@pytest.mark.parametrize(("text", "order"), [
    ("FINDINGS: A 45 mm mass within the left pectoralis major muscle with coarse internal "
     "calcification.", "CT CHEST W IV CONTRAST"),
    ("FINDINGS: A 65 mm intramuscular mass in the left latissimus dorsi muscle with internal "
     "calcification.", "CT CHEST W IV CONTRAST"),
])
def test_a_mass_of_the_muscle_belly_stays_in_the_chest(text: str, order: str) -> None:
    detail, _ = _card(text, order, "Chest wall mass")
    assert "CT chest" in detail and "upper extremity" not in detail


def test_a_chest_wall_mri_does_not_reach_the_rotator_cuff() -> None:
    """Only the chest-wall muscles' own humeral insertions are beside the chest wall."""
    text = ("FINDINGS: A 12 mm calcific deposit in the left supraspinatus tendon with bursal "
            "edema, consistent with calcific tendinitis.")
    with pytest.raises(AssertionError, match="no card"):
        first_card(text, WALL, "MRI CHEST WALL LT W/O IV CONT", "? calcific tendinitis")


def test_the_insertion_deposit_keeps_its_size_and_the_humerus_order() -> None:
    """The deposit named by the Impression's tendon keeps the cited statement's size; an order
    for the humerus (the arm) still reaches the insertion on it."""
    text = ("FINDINGS:\nPECTORALIS MAJOR: At the insertion there is a 10 mm ovoid focus of low "
            "signal on all sequences, consistent with a calcific deposit.\nIMPRESSION: Calcific "
            "tendinitis at the left pectoralis major insertion.")
    detail = first_card(text, "MRI SHOULDER LEFT WO CONTRAST", "MRI SHOULDER LEFT W WO",
                        "? calcific tendinitis pec major").detail
    assert "left pectoralis major tendon insertion (10 mm)" in detail
    text = ("FINDINGS: At the humeral insertion of the left pectoralis major tendon there is a 9 "
            "mm focus of low signal on all sequences, compatible with a calcific deposit.")
    card = first_card(text, "MRI LEFT HUMERUS WITHOUT CONTRAST", "CT HUMERUS LT W/ CONTRAST",
                      "Periosteal reaction left humerus")
    assert lesion_line(card.detail).startswith("left pectoralis major tendon")
