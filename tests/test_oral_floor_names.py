"""A lesion of the floor of the mouth is named by the space the report names, never "neck cyst";
places joined by a hyphen are named together (docs/matching-policy.md P11.90; review round 19,
unseen43 c1: N-generic-region)."""

from __future__ import annotations

import pytest

from tests.test_card_names import first_card, lesion_line

NECK, ORDER = "MRI NECK SOFT TISSUE WWO CONTRAST", "CT SOFT TISSUE NECK WITH CONTRAST"


@pytest.mark.parametrize(("text", "name"), [
    # unseen43 c1: the Impression names both spaces with a hyphen
    ("FINDINGS:\nFLOOR OF MOUTH: A 4.4 x 3.9 x 3.5 cm well-circumscribed midline cystic lesion "
     "lies in the sublingual space above the mylohyoid, between the genioglossus muscles, "
     "bulging into the submental space. It contains fat globules and a 6 mm dependent focus of "
     "low signal on all sequences, consistent with calcification.\nIMPRESSION:\n1. 4.4 cm midline "
     "sublingual-submental dermoid cyst with fat globules and a small calcification.",
     "sublingual-submental cyst (44 mm)"),
    ("FINDINGS: A 3.2 cm calcified cyst in the floor of the mouth, left of midline.",
     "left floor of mouth cyst (32 mm)"),
    ("FINDINGS: A 2.8 cm submental cyst with a peripheral calcification.",
     "submental cyst (28 mm)"),
    ("FINDINGS: A 2.5 cm right sublingual space mass with punctate calcification.",
     "right sublingual space mass (25 mm)"),
    ("FINDINGS: A 3.0 cm cystic lesion in the left sublingual space with a calcified focus.",
     "left sublingual space cystic lesion (30 mm)"),
    # guards: the gland keeps its name; a neck mass by a landmark stays a neck mass; the nodal
    # levels and the parapharyngeal space keep theirs
    ("FINDINGS: A 1.8 cm calcified mass in the left sublingual gland.",
     "left sublingual gland mass (18 mm)"),
    ("FINDINGS: A 2.6 cm calcified right neck mass deep to the sternocleidomastoid.",
     "right neck mass (26 mm)"),
    ("FINDINGS: A 2.2 cm calcified nodule in the right level II-III region.",
     "right level II-III nodule (22 mm)"),
    ("FINDINGS: A 3 cm calcified mass in the left parapharyngeal space.",
     "left parapharyngeal space mass (30 mm)"),
])
def test_a_floor_of_mouth_lesion_is_named_by_its_space(text: str, name: str) -> None:
    assert lesion_line(first_card(text, NECK, ORDER).detail) == name
