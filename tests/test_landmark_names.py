"""A bone or the spine the report names only as a landmark does not name a mass in a muscle or
soft tissue (docs/matching-policy.md P11.53, P11.54, P11.55; radiologist review round 12:
unseen36 e2, m3; round 13: unseen37 k2, N-landmark-as-place): the muscle that holds it does,
with its side."""

from __future__ import annotations

import pytest

from tests.test_card_names import card_detail, lesion_line


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # a bone the mass lies above, below, over or at the level of (P11.53)
    ("Muscles: Within the right gluteus medius, 4 cm above the greater trochanter, there is a "
     "5.1 x 4.0 cm mass with a peripheral rim of calcification.",
     "MRI RIGHT HIP WITHOUT AND WITH CONTRAST", "US GUIDED CORE BX RT GLUTEUS MEDIUS MASS",
     "right gluteus medius mass (51 mm)"),
    ("Muscles: Within the left vastus intermedius at mid-femoral level is a 6.2 cm intramuscular "
     "mass containing coarse calcifications.\nBones: The femoral cortex is intact.",
     "MRI LEFT FEMUR WITHOUT AND WITH CONTRAST", "US GUIDED CORE BX LT THIGH MASS",
     "left vastus intermedius mass (62 mm)"),
    ("In the right brachialis at distal humeral level there is a 3.5 cm intramuscular mass with "
     "coarse calcification.", "MRI RIGHT HUMERUS WITHOUT AND WITH CONTRAST",
     "US GUIDED CORE BX RT BRACHIALIS MASS", "right brachialis mass (35 mm)"),
    ("Within the left flexor digitorum profundus, overlying the proximal ulna, there is a 3.1 cm "
     "mass with dense calcification.", "MRI LEFT FOREARM WITHOUT AND WITH CONTRAST",
     "US GUIDED CORE BX LT FOREARM MASS", "left flexor digitorum profundus mass (31 mm)"),
    ("Within the right deltoid, overlying the humeral head, there is a 3.4 cm intramuscular mass "
     "with calcification.", "MRI RIGHT SHOULDER", "US GUIDED CORE BX RT DELTOID MASS",
     "right deltoid mass (34 mm)"),
    # the muscle the mass lies within, before a bone the sentence places it at (P11.55)
    ("A 4.8 cm calcified intramuscular mass at the mid-humeral diaphysis within the right "
     "triceps.\nBones: The humeral cortex is intact.", "MRI RIGHT HUMERUS",
     "US GUIDED CORE BX RT ARM MASS", "right triceps mass (48 mm)"),
    ("A 4.2 cm intramuscular mass at the distal femoral metadiaphysis within the left vastus "
     "medialis contains coarse calcification.\nBones: The femur is normal.", "MRI LEFT FEMUR",
     "US GUIDED CORE BX LT THIGH MASS", "left vastus medialis mass (42 mm)"),
    ("A 3.6 cm mass at the proximal tibia within the right tibialis anterior shows dense "
     "calcification.", "MRI RIGHT TIBIA AND FIBULA", "US GUIDED CORE BX RT LEG MASS",
     "right tibialis anterior mass (36 mm)"),
    # a spinal level that only locates a paraspinal muscle's mass (P11.54)
    ("Paraspinal muscles: Within the left multifidus at the L3-L4 level there is a 2.8 cm "
     "intramuscular mass with punctate calcification.\nL4 vertebra: Normal marrow signal.",
     "MRI LUMBAR SPINE WITHOUT AND WITH CONTRAST", "CT GUIDED BX LT PARASPINAL MASS",
     "left multifidus mass (28 mm)"),
    ("Within the left iliocostalis at the T8 level there is a 3.0 cm intramuscular mass with "
     "coarse calcification.", "MRI THORACIC SPINE WITHOUT CONTRAST",
     "CT THORACIC SPINE W CONTRAST", "left iliocostalis mass (30 mm)"),
    ("Within the right quadratus lumborum at L2 there is a 4 cm intramuscular mass with "
     "calcification.", "MRI LUMBAR SPINE", "CT GUIDED BX RT PARASPINAL MASS",
     "right quadratus lumborum mass (40 mm)"),
])
def test_a_landmark_bone_does_not_name_the_mass(text: str, title: str, order: str,
                                                name: str) -> None:
    assert lesion_line(card_detail("FINDINGS:\n" + text, title, order)) == name


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # the bone a lesion lies in, expands or arises from keeps its name
    ("A 3.2 cm lesion centred in the right humeral diaphysis with chondroid matrix "
     "calcification.", "MRI RIGHT HUMERUS", "CT GUIDED BX RT HUMERUS",
     "lesion of the right humerus (32 mm)"),
    ("A 3.2 cm expansile mass expanding the right humerus contains chondroid matrix "
     "calcification.", "MRI RIGHT HUMERUS", "CT GUIDED BONE BX RT HUMERUS",
     "lesion of the right humerus (32 mm)"),
    ("A 2.5 cm juxtacortical mass arising from the posterior cortex of the left distal femur "
     "contains mineralized matrix.", "MRI LEFT FEMUR", "CT GUIDED BX LT FEMUR",
     "lesion of the left femur (25 mm)"),
    ("A 4.1 cm lesion arising from the right greater trochanter contains chondroid matrix "
     "calcification.", "MRI RIGHT HIP", "Surgical excision right hip mass",
     "right greater trochanter bone lesion (41 mm)"),
    ("A 4 cm expansile lesion of the T11 vertebral body with chondroid matrix calcification "
     "extends into the right paraspinal muscles.", "MRI THORACIC SPINE", "CT guided biopsy T11",
     "lesion of the T11 vertebral body (40 mm)"),
    # a muscle's mass named so already; a limb segment's; a compartment's mass at its level
    ("Muscles: A 3.9 cm intramuscular mass lies within the right brachialis at the level of the "
     "distal humeral diaphysis, with internal foci of low signal on all sequences consistent "
     "with calcification.\nBones: The humerus is normal.",
     "MRI RIGHT HUMERUS WITHOUT AND WITH CONTRAST", "US GUIDED CORE BX RT ARM MASS",
     "right brachialis mass (39 mm)"),
    ("A 4.4 cm mass with coarse calcification lies within the right soleus, posterior to the "
     "proximal tibial diaphysis.", "MRI RIGHT TIBIA AND FIBULA", "US GUIDED CORE BX RT CALF MASS",
     "right soleus mass (44 mm)"),
    ("A 4 cm mass in the right thigh within the vastus lateralis contains calcification.",
     "MRI RIGHT FEMUR", "US GUIDED CORE BX RT THIGH MASS", "right thigh mass (40 mm)"),
    ("A 3 cm lesion within the left femoral diaphysis contains chondroid matrix calcification.",
     "MRI LEFT FEMUR", "CT GUIDED BONE BX LT FEMUR", "lesion of the left femur (30 mm)"),
    ("A 5 cm mass in the right thigh at the level of the femoral shaft contains calcification.",
     "MRI RIGHT FEMUR", "US GUIDED CORE BX RT THIGH MASS", "right thigh mass (50 mm)"),
    ("A 3 cm left paraspinal mass at L3 contains coarse calcification.", "MRI LUMBAR SPINE",
     "CT guided biopsy left paraspinal mass", "left paraspinal mass (30 mm)"),
    ("An 18 mm intradural extramedullary mass at T6 contains calcification.",
     "MRI THORACIC SPINE", "CT thoracic spine with contrast",
     "intradural extramedullary mass at T6 (18 mm)"),
])
def test_a_bone_the_lesion_is_of_keeps_its_name(text: str, title: str, order: str,
                                                name: str) -> None:
    assert lesion_line(card_detail("FINDINGS:\n" + text, title, order)) == name
