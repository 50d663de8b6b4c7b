"""A mass that replaces a muscle is named by the muscle (docs/matching-policy.md P11.77; review
round 14, unseen38 o1: "left leg mass (78 mm)" for a mass that "replaces the proximal extensor
digitorum longus")."""

from __future__ import annotations

import pytest

from tests.test_card_names import first_card, lesion_line

LEG_L = "MRI LEFT LEG WWO CONTRAST"


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    ("FINDINGS:\nMuscles: A lobulated 7.8 x 4.1 x 3.6 cm intramuscular mass replaces the proximal "
     "extensor digitorum longus in the anterior compartment of the left leg, 6 cm below the "
     "fibular head. On the left tibia and fibula radiographs of 2026-11-03, amorphous "
     "mineralization projects over the anterolateral soft tissues at the site of the mass.",
     "MRI LOWER EXTREMITY LEFT W/WO CONTRAST (LEG)", "US GUIDED CORE BIOPSY SOFT TISSUE LEFT LEG",
     "left extensor digitorum longus mass (78 mm)"),
    ("FINDINGS: A 5.2 cm mass with coarse calcification replaces the distal vastus lateralis of "
     "the right thigh.", "MRI RIGHT THIGH WWO CONTRAST",
     "US GUIDED CORE BIOPSY SOFT TISSUE RIGHT THIGH", "right vastus lateralis mass (52 mm)"),
    ("FINDINGS: A 4.4 cm calcified mass largely replaces the left tibialis anterior muscle in the "
     "proximal leg.", LEG_L, "US GUIDED CORE BIOPSY SOFT TISSUE LEFT LEG",
     "left tibialis anterior mass (44 mm)"),
    ("FINDINGS: The right brachioradialis is replaced by a 3.9 cm mass containing coarse "
     "calcification in the proximal forearm.", "MRI RIGHT FOREARM WWO CONTRAST",
     "US GUIDED CORE BIOPSY SOFT TISSUE RIGHT FOREARM", "right brachioradialis mass (39 mm)"),
    ("FINDINGS: A 4.8 cm mass with amorphous calcification replaces the mid extensor carpi "
     "ulnaris of the left forearm.", "MRI LEFT FOREARM WWO CONTRAST",
     "US GUIDED CORE BIOPSY SOFT TISSUE LEFT FOREARM", "left extensor carpi ulnaris mass (48 mm)"),
    # guards: a muscle the mass displaces; a mass within a muscle; the limb where none is named
    ("FINDINGS: A 4.0 cm calcified mass lies in the left calf, displacing the soleus.", LEG_L,
     "US GUIDED CORE BIOPSY SOFT TISSUE LEFT CALF", "left calf mass (40 mm)"),
    ("FINDINGS: A 4.0 cm calcified mass within the left soleus.", LEG_L,
     "US GUIDED CORE BIOPSY SOFT TISSUE LEFT CALF", "left soleus mass (40 mm)"),
    ("FINDINGS: A 4.0 cm calcified mass in the proximal left leg.", LEG_L,
     "US GUIDED CORE BIOPSY SOFT TISSUE LEFT LEG", "left leg mass (40 mm)"),
])
def test_a_mass_replacing_a_muscle_is_named_by_it(text: str, title: str, order: str,
                                                  name: str) -> None:
    assert lesion_line(first_card(text, title, order).detail) == name
