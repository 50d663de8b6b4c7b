"""Joints a report lists together name the lesion together: "distal radioulnar and radiocarpal
joints", never the first alone (docs/matching-policy.md P11.79; review round 15, unseen39 b2:
"left distal radioulnar synovial osteochondromatosis")."""

from __future__ import annotations

import pytest

from tests.test_card_names import first_card, lesion_line

WRIST_L, WRIST_R = "MRI WRIST LEFT WO CONTRAST", "MRI WRIST RIGHT WO CONTRAST"
SYNOVECTOMY_L = "ARTHROSCOPY WRIST LEFT SYNOVECTOMY COMPLETE, LOOSE BODY REMOVAL"
SYNOVECTOMY_R = "ARTHROSCOPY WRIST RIGHT SYNOVECTOMY COMPLETE"
MRI_L = "MRI wrist left without contrast"


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # unseen39 b2
    ("FINDINGS:\nJoints: The distal radioulnar and radiocarpal joints are distended by synovial "
     "proliferation containing numerous uniform 2-4 mm round bodies of low signal on all "
     "sequences, consistent with calcified osteochondral bodies, with scalloping of the sigmoid "
     "notch.\nTendons: Intact.\nIMPRESSION:\n1. Primary synovial osteochondromatosis of the "
     "distal radioulnar and radiocarpal joints with calcified osteochondral bodies.", WRIST_L,
     SYNOVECTOMY_L,
     "left distal radioulnar and radiocarpal joint synovial osteochondromatosis"),
    ("FINDINGS:\nJoints: The glenohumeral and acromioclavicular joints are distended by synovial "
     "proliferation containing numerous calcified bodies, consistent with synovial "
     "chondromatosis.", "MRI RIGHT SHOULDER WO CONTRAST",
     "ARTHROSCOPY SHOULDER RIGHT SYNOVECTOMY",
     "right glenohumeral and acromioclavicular joint synovial chondromatosis"),
    ("FINDINGS: The distal radioulnar or radiocarpal joint contains several calcified bodies, "
     "consistent with synovial osteochondromatosis.", WRIST_R, SYNOVECTOMY_R,
     "right distal radioulnar or radiocarpal joint synovial osteochondromatosis"),
    ("FINDINGS:\nCartilage: Linear chondrocalcinosis of the distal radioulnar and radiocarpal "
     "joints of the left wrist, low in signal on all sequences, suggesting CPPD.", WRIST_L,
     MRI_L, "left distal radioulnar and radiocarpal joints"),
    ("FINDINGS: Chondrocalcinosis of the scaphotrapeziotrapezoid and radiocarpal joints of the "
     "left wrist.", WRIST_L, MRI_L, "left scaphotrapeziotrapezoid and radiocarpal joints"),
    ("FINDINGS: Chondrocalcinosis of the radiocarpal joint of the left wrist.", WRIST_L, MRI_L,
     "left radiocarpal joint"),
    # guards: one joint named; a joint the sentence calls normal
    ("FINDINGS: Chondrocalcinosis of the distal radioulnar joint of the left wrist.", WRIST_L,
     MRI_L, "left distal radioulnar joint"),
    ("FINDINGS: Chondrocalcinosis of the scaphotrapeziotrapezoid joint of the left wrist.",
     WRIST_L, MRI_L, "left scaphotrapeziotrapezoid joint"),
    # unseen6 g1: the synovitis's joints are not the deposit's place
    ("FINDINGS:\nLigaments: The lunotriquetral ligament is intact but contains linear low-signal "
     "foci on all sequences with blooming on gradient-echo images, consistent with "
     "chondrocalcinosis.\nIMPRESSION:\n1. Chondrocalcinosis of the lunotriquetral ligament and "
     "lunate fossa cartilage, compatible with CPPD arthropathy, with radiocarpal and midcarpal "
     "synovitis.", "MRI RIGHT WRIST WITHOUT CONTRAST", "MR ARTHROGRAM WRIST RT",
     "right wrist joint"),
    ("FINDINGS: Synovial osteochondromatosis of the distal radioulnar joint, with numerous "
     "calcified bodies; the radiocarpal joint is normal.", WRIST_R, SYNOVECTOMY_R,
     "right distal radioulnar joint synovial osteochondromatosis"),
])
def test_joints_listed_together_name_the_lesion_together(text: str, title: str, order: str,
                                                         name: str) -> None:
    assert lesion_line(first_card(text, title, order).detail) == name


def test_a_list_of_joints_is_them_and_its_ultrasound_names_both() -> None:
    card = first_card("FINDINGS: Chondrocalcinosis of the distal radioulnar and radiocarpal "
                      "joints of the left wrist.", WRIST_L, MRI_L)
    assert "left distal radioulnar and radiocarpal joints; this order concerns them." in (
        card.detail)
    assert "Order ultrasound of the left distal radioulnar and radiocarpal joints" in [
        s.label for s in card.suggestions or []]
