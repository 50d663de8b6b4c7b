"""A tendon's deposit by the tendon, never by the landmark at which it lies (docs/matching-policy.md
P11.71: the popliteus tendon at its groove; P11.72: the conjoint tendon at the coracoid; review
rounds 15 and 16, unseen39 t2, unseen41 a1)."""

from __future__ import annotations

import pytest

from tests.test_card_names import first_card, lesion_line

KNEE_L, KNEE_R = "MRI LEFT KNEE WITHOUT CONTRAST", "MRI RIGHT KNEE WITHOUT CONTRAST"
SHOULDER_L, SHOULDER_R = "MRI LEFT SHOULDER WITHOUT CONTRAST", "MRI RIGHT SHOULDER WITHOUT CONTRAST"
AT_GROOVE = "popliteus tendon at the popliteal groove"


def _named(text: str, title: str, order: str) -> tuple[str, list[str]]:
    card = first_card(text, title, order)
    return lesion_line(card.detail), [s.label for s in card.suggestions]


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # unseen41 a1: the tendon the deposit lies in, at the groove that locates it
    ("FINDINGS:\nTendons: A 9 mm ovoid focus of low signal on all sequences within the popliteus "
     "tendon at the popliteal groove, with surrounding edema, consistent with calcific "
     "tendinosis.\nMenisci: Horizontal tear of the posterior horn medial meniscus.\nIMPRESSION:\n"
     "1. Calcific tendinosis of the popliteus tendon at the popliteal groove.",
     "MRI KNEE LT W/O", "MRI KNEE LT W/O", f"left {AT_GROOVE} (9 mm)"),
    ("FINDINGS: A 7 mm calcific deposit in the proximal popliteus tendon within the popliteus "
     "groove of the lateral femoral condyle.", KNEE_R, "CT KNEE RT W CONTRAST",
     f"right {AT_GROOVE} (7 mm)"),
    ("FINDINGS: Calcific tendinitis of the popliteus tendon in the popliteal groove, the deposit "
     "measuring 6 mm.", KNEE_L, "MRI KNEE LT W/O", f"left {AT_GROOVE} (6 mm)"),
    ("FINDINGS: Popliteus: An 8 mm hydroxyapatite deposit lies within the popliteus tendon at "
     "the popliteus tendon groove.", KNEE_R, "MRI KNEE RT W/O", f"right {AT_GROOVE} (8 mm)"),
    ("FINDINGS: Low-signal calcific deposit, 5 mm, in the popliteus tendon at the popliteus "
     "groove, with edema.\nIMPRESSION: Popliteus calcific tendinosis.", KNEE_L,
     "CT KNEE LT W CONTRAST", f"left {AT_GROOVE} (5 mm)"),
    # guards: a tophus filling the groove is the groove's (P11.21); another tendon at its
    # landmark keeps its tendon
    ("FINDINGS: A 14 mm tophus fills the popliteus tendon groove of the lateral femoral condyle, "
     "with punctate calcification.", KNEE_L, "CT KNEE LT W CONTRAST",
     "left popliteus groove tophus (14 mm)"),
    ("FINDINGS: A 12 mm calcified tophus in the popliteal groove, displacing the popliteus "
     "tendon.", KNEE_L, "CT KNEE LT W CONTRAST", "left popliteus groove tophus (12 mm)"),
    ("FINDINGS: A 9 mm calcific deposit in the distal supraspinatus tendon at the greater "
     "tuberosity.", SHOULDER_R, "MRI SHOULDER RT W/O", "right supraspinatus tendon (9 mm)"),
    ("FINDINGS: A 9 mm calcific deposit in the distal quadriceps tendon at its patellar "
     "insertion.", KNEE_R, "MRI KNEE RT W/O", "right quadriceps tendon (9 mm)"),
])
def test_a_popliteus_deposit_is_named_by_its_tendon_at_the_groove(
        text: str, title: str, order: str, name: str) -> None:
    line, labels = _named(text, title, order)
    assert line == name
    assert f"Order ultrasound of the {name.split(' (')[0]}" in labels, labels


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # unseen39 t2: the conjoint tendon's origin at the coracoid tip, never "coracoid tendon"
    ("FINDINGS:\nCoracoid: At the coracoid tip, the origin of the conjoint tendon (short head of "
     "the biceps and coracobrachialis) contains a 12 mm amorphous focus of low signal on all "
     "sequences with blooming on GRE and surrounding edema, consistent with a calcific deposit "
     "(acute calcific tendinitis).\nIMPRESSION:\n1. Acute calcific tendinitis of the conjoint "
     "tendon origin at the coracoid.", "MRI SHOULDER RIGHT WO CONTRAST",
     "MR SHOULDER RIGHT W IV CONTRAST", "right conjoint tendon origin (12 mm)"),
    ("FINDINGS: A 10 mm calcific deposit in the conjoint tendon just distal to the coracoid "
     "process, with surrounding edema.", SHOULDER_L, "MRI SHOULDER LT W/O",
     "left conjoint tendon (10 mm)"),
    ("FINDINGS: Calcific tendinitis of the conjoint tendon origin, the deposit measuring 8 mm.",
     SHOULDER_R, "CT SHOULDER RT W CONTRAST", "right conjoint tendon origin (8 mm)"),
    ("FINDINGS: An 11 mm hydroxyapatite deposit at the coracoid origin of the short head of the "
     "biceps and coracobrachialis (conjoint tendon).", SHOULDER_L, "MRI SHOULDER LT W/O",
     "left conjoint tendon (11 mm)"),
    ("FINDINGS: Amorphous low signal, 9 mm, within the proximal conjoint tendon at its coracoid "
     "attachment, consistent with calcific tendinosis.", SHOULDER_R, "MRI SHOULDER RT W/O",
     "right conjoint tendon (9 mm)"),
    ("FINDINGS: A 7 mm calcific deposit in the pectoralis minor tendon at its coracoid "
     "insertion.", SHOULDER_R, "MRI SHOULDER RT W/O",
     "right pectoralis minor tendon insertion (7 mm)"),
    # guards: a cuff tendon near the coracoid, the long head of the biceps in its groove
    ("FINDINGS: A 9 mm calcific deposit in the distal supraspinatus tendon near the coracoid "
     "process.", SHOULDER_R, "MRI SHOULDER RT W/O", "right supraspinatus tendon (9 mm)"),
    ("FINDINGS: A 9 mm calcific deposit in the long head of the biceps tendon within the "
     "bicipital groove.", SHOULDER_R, "MRI SHOULDER RT W/O",
     "right long head of biceps tendon (9 mm)"),
])
def test_a_coracoid_deposit_is_named_by_its_tendon(text: str, title: str, order: str,
                                                   name: str) -> None:
    line, labels = _named(text, title, order)
    assert line == name
    assert f"Order ultrasound of the {name.split(' (')[0]}" in labels, labels
