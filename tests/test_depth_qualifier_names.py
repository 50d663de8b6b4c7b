"""A depth word names a station or a layer ("superficial inguinal lymph node", "deep cervical",
"superficial parotid"), never a muscle: "Calcified deep adductor longus mass" is "left adductor
longus mass", never "left deep adductor longus mass" (docs/matching-policy.md P11.86; unseen35
e1)."""

from __future__ import annotations

import pytest

from tests.test_card_names import first_card, lesion_line

THIGH_L, NECK = "MRI THIGH LEFT WITHOUT AND WITH CONTRAST", "MRI NECK WWO CONTRAST"


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # unseen35 e1
    ("FINDINGS:\nMuscles: A 4.1 x 3.0 cm heterogeneous mass lies deep within the proximal left "
     "adductor longus, T2 hyperintense with internal septa. It contains amorphous foci of signal "
     "void with blooming on gradient echo, suggesting calcification, and enhances "
     "heterogeneously.\nIMPRESSION:\n1. Calcified deep adductor longus mass, 41 mm; further "
     "assessment advised.", THIGH_L, "CT GUIDED CORE BX LT ADDUCTOR MASS",
     "left adductor longus mass (41 mm)"),
    ("FINDINGS: A 4.5 cm deep gastrocnemius mass with coarse calcification in the right calf.",
     "MRI RIGHT LOWER LEG WWO CONTRAST", "US GUIDED CORE BIOPSY SOFT TISSUE RIGHT CALF",
     "right gastrocnemius mass (45 mm)"),
    ("FINDINGS: A 4.5 cm deep soleus mass with coarse calcification in the right calf.",
     "MRI RIGHT LOWER LEG WWO CONTRAST", "US GUIDED CORE BIOPSY SOFT TISSUE RIGHT CALF",
     "right soleus mass (45 mm)"),
    ("FINDINGS: A 3.6 cm deep vastus lateralis mass with amorphous calcification.",
     "MRI LEFT THIGH WWO CONTRAST", "US GUIDED CORE BIOPSY SOFT TISSUE LEFT THIGH",
     "left vastus lateralis mass (36 mm)"),
    ("FINDINGS: A 5.0 cm deep gluteus maximus mass with coarse calcification.",
     "MRI PELVIS WWO CONTRAST", "CT GUIDED BIOPSY LEFT GLUTEAL MASS",
     "gluteus maximus mass (50 mm)"),
    # guards: a station, a gland's lobe, a compartment keep their depth
    ("FINDINGS: A 16 mm right superficial inguinal lymph node contains a calcified focus.",
     "MRI PELVIS WWO CONTRAST", "US GUIDED FNA RIGHT INGUINAL LYMPH NODE",
     "right superficial inguinal lymph node (16 mm)"),
    ("FINDINGS: A 12 mm left deep cervical lymph node contains a calcified focus.", NECK,
     "US GUIDED FNA LEFT NECK LYMPH NODE", "left deep cervical lymph node (12 mm)"),
    ("FINDINGS: A 3.1 cm right superficial parotid mass with punctate calcification.", NECK,
     "US GUIDED FNA RIGHT PAROTID MASS", "right superficial parotid mass (31 mm)"),
    ("FINDINGS: A 7.2 cm lesion in the right soleus and deep posterior compartment with "
     "phleboliths.", "MRI RIGHT LOWER LEG WWO CONTRAST",
     "US GUIDED CORE BIOPSY SOFT TISSUE RIGHT CALF",
     "right soleus and deep posterior compartment lesion (72 mm)"),
])
def test_a_depth_word_is_no_part_of_a_muscle_s_name(text: str, title: str, order: str,
                                                    name: str) -> None:
    assert lesion_line(first_card(text, title, order).detail) == name
