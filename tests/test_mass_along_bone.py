"""A mass the sentence places within a muscle is a soft-tissue mass though it lies along,
abutting, adjacent to, against or over a bone: the next sentence's calcification ("It
contains …") is the mass's, not a bone lesion's (docs/matching-policy.md P16.16). A lesion
arising from, inside the medullary cavity of, or expanding a bone stays a bone lesion (P16.1)."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text
from tests.test_order_names_muscle import BONE_BX, cards

CALC = " It contains clustered low-signal foci compatible with calcification."
BESIDE = [
    "FINDINGS: A 5.4 cm lobulated mass lies within the right vastus intermedius along the "
    "femoral diaphysis." + CALC,
    "FINDINGS: A 3.8 cm mass lies within the left brachialis abutting the anterior cortex of "
    "the humeral diaphysis." + CALC,
    "FINDINGS: A 4.1 cm mass lies in the right tibialis posterior adjacent to the tibial "
    "diaphysis." + CALC,
    "FINDINGS: A 2.9 cm mass lies within the left flexor digitorum profundus against the ulnar "
    "metaphysis." + CALC,
    "FINDINGS: A 5.0 cm mass lies within the left gluteus medius abutting the iliac crest "
    "apophysis." + CALC,
    "FINDINGS: A 3.9 cm mass lies within the left semimembranosus against the ischial "
    "apophysis." + CALC,
    "FINDINGS: A 4.2 cm mass lies within the right psoas adjacent to the L3 vertebral body."
    + CALC,
    "FINDINGS: A 6.2 cm mass lies within the right gluteus minimus over the iliac wing." + CALC,
    "FINDINGS: A 4.4 cm mass lies within the left vastus lateralis against the femoral "
    "metadiaphysis." + CALC,
]
IN_BONE = [
    "FINDINGS: A 5.4 cm lesion arises from the femoral diaphysis." + CALC,
    "FINDINGS: A 4.0 cm lesion lies within the medullary cavity of the left humerus." + CALC,
    "FINDINGS: A 3.2 cm lesion is expanding the right tibial diaphysis." + CALC,
    "FINDINGS: A 5.4 cm calcified lesion arises from the femoral diaphysis.",
    "FINDINGS: An expansile lesion of the femoral diaphysis extends along the vastus "
    "intermedius." + CALC,
    "FINDINGS: A 4.6 cm lesion is centred in the marrow of the distal femoral metaphysis "
    "adjacent to the vastus intermedius." + CALC,
]


def kinds(text: str) -> set[str]:
    return {s.kind for s in read_text(text).structures}


@pytest.mark.parametrize("text", BESIDE)
def test_a_muscle_mass_beside_a_bone_is_a_mass(text: str) -> None:
    assert kinds(text) == {"mass"}


@pytest.mark.parametrize("text", IN_BONE)
def test_a_lesion_inside_a_bone_stays_a_bone_lesion(text: str) -> None:
    assert "bone" in kinds(text)


def test_a_femur_biopsy_draws_no_bone_card_for_the_muscle_mass() -> None:
    report = BESIDE[0] + " IMPRESSION: Calcified right vastus intermedius mass."
    assert "bone-lesion-biopsy" not in cards(report, "CT GUIDED BIOPSY RIGHT FEMUR", "20225",
                                             BONE_BX)
    assert "bone-lesion-biopsy" in cards(IN_BONE[0], "CT GUIDED BIOPSY RIGHT FEMUR", "20225",
                                         BONE_BX)
