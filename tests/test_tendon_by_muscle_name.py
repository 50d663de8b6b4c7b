"""An ankle tendon named by its muscle alone, in a deposit or calcific tendinitis statement,
names that muscle's tendon, never "ankle tendon" (docs/matching-policy.md P11.100; review round
21, unseen45 t1, N-tendon-by-muscle-name). A calcified mass in a muscle keeps the muscle."""

from __future__ import annotations

import pytest

from tests.test_card_names import card_detail, lesion_line

LEFT, RIGHT = "MRI ANKLE LEFT WO CONTRAST", "MRI RIGHT ANKLE WITHOUT CONTRAST"
ORDER_L, ORDER_R = "MRI ANKLE LEFT W WO CONTRAST", "MRI ANKLE RIGHT W WO CONTRAST"
REASON = "Recurrent ankle pain"


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    ("FINDINGS:\nTENDONS: The low-signal calcific deposit in the peroneus longus at the cuboid "
     "tunnel persists, now 8 mm, with blooming on GRE.\nIMPRESSION:\n1. Persistent calcific "
     "tendinitis of the peroneus longus.", LEFT, ORDER_L, "left peroneus longus tendon (8 mm)"),
    ("FINDINGS:\nTendons: Calcific tendinitis of the tibialis posterior near the navicular, "
     "with a 6 mm low-signal deposit and peritendinous edema.", RIGHT, ORDER_R,
     "right tibialis posterior tendon (6 mm)"),
    ("FINDINGS:\nTENDONS: Calcific tendinitis of the distal tibialis anterior at the anterior "
     "ankle, with a 5 mm deposit and surrounding edema.", LEFT, ORDER_L,
     "left tibialis anterior tendon (5 mm)"),
    ("FINDINGS:\nTENDONS: Calcific tendinopathy of the flexor hallucis longus at the posterior "
     "talus, with a 7 mm deposit, low signal on all sequences.", RIGHT, ORDER_R,
     "right flexor hallucis longus tendon (7 mm)"),
    ("FINDINGS:\nTendons: A 4 mm calcific deposit in the peroneus brevis just above the fifth "
     "metatarsal base.", LEFT, ORDER_L, "left peroneus brevis tendon (4 mm)"),
    ("FINDINGS:\nIn the posterior tibialis at the medial malleolus there is a 6 mm calcific "
     "deposit with tenosynovitis.", RIGHT, ORDER_R, "right posterior tibial tendon (6 mm)"),
])
def test_a_muscle_named_deposit_names_its_tendon(text: str, title: str, order: str,
                                                 name: str) -> None:
    assert lesion_line(card_detail(text, title, order, REASON)) == name


@pytest.mark.parametrize(("text", "name"), [
    # the tendon named as such keeps its own words
    ("FINDINGS:\nTENDONS: The peroneus longus tendon contains a 9 mm calcific deposit at the "
     "cuboid tunnel.", "left peroneus longus tendon (9 mm)"),
    ("FINDINGS:\nTendons: A 6 mm calcific deposit in the posterior tibial tendon.",
     "left posterior tibial tendon (6 mm)"),
    ("FINDINGS:\nTendons: A 6 mm calcific deposit in the Achilles tendon near its insertion.",
     "left Achilles tendon (6 mm)"),
])
def test_a_tendon_named_as_such_keeps_its_name(text: str, name: str) -> None:
    assert lesion_line(card_detail(text, LEFT, ORDER_L, REASON)) == name


@pytest.mark.parametrize(("text", "title", "order", "reason", "tendon"), [
    ("FINDINGS: A 4.2 cm calcified mass in the right vastus lateralis, heterogeneous on T2.",
     "MRI RIGHT THIGH WITHOUT CONTRAST", "CT GUIDED BIOPSY RIGHT THIGH MASS", "thigh mass",
     "tendon"),
    ("FINDINGS: A 3.1 cm calcified mass within the left tibialis anterior muscle belly, "
     "heterogeneous on T2.", "MRI LEFT LEG WITHOUT CONTRAST", "CT GUIDED BIOPSY LEFT LEG MASS",
     "leg mass", "tendon"),
])
def test_a_calcified_mass_in_a_muscle_is_no_tendon(text: str, title: str, order: str,
                                                   reason: str, tendon: str) -> None:
    name = lesion_line(card_detail(text, title, order, reason))
    assert tendon not in name and "mass" in name


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    ("FINDINGS:\nTendons: A 7 mm amorphous focus of low signal lies in the distal tibialis "
     "posterior tendon at its navicular insertion, compatible with calcific tendinosis.\n"
     "IMPRESSION: Calcific tendinosis at the tibialis posterior insertion.", LEFT,
     ORDER_L, "left tibialis posterior tendon insertion (7 mm)"),
    ("FINDINGS:\nTENDONS: The calcific deposit at the peroneus brevis insertion on the base of the "
     "fifth metatarsal persists, now 6 mm.", "MRI RIGHT FOOT WITHOUT CONTRAST",
     "MRI FOOT RIGHT W WO CONTRAST", "right peroneus brevis tendon insertion (6 mm)"),
    ("FINDINGS:\nPectoralis major: At its insertion on the lateral lip of the bicipital groove, "
     "the pectoralis major tendon contains a 12 x 6 mm calcific deposit.\nIMPRESSION: Acute "
     "calcific tendinitis at the pectoralis major insertion.", "MRI LEFT HUMERUS WITHOUT CONTRAST",
     "MRI HUMERUS LEFT W WO CONTRAST", "left pectoralis major tendon insertion (12 mm)"),
])
def test_a_tendon_deposit_at_its_insertion_keeps_the_insertion(text: str, title: str,
                                                               order: str, name: str) -> None:
    assert lesion_line(card_detail(text, title, order, REASON)) == name
