"""The contrast card of a skin or subcutaneous lesion names ultrasound, its reference
(docs/matching-policy.md P13.22), and the lesion by the report's place words (P13.22).

unseen48 a1 (review round 23, T-subcutaneous-child-US): a 16-year-old's calcified subcutaneous
left preauricular nodule, "most consistent with pilomatricoma", before "CT MAXILLOFACIAL W
CONTRAST" drew a card that offered CT only and named "left face nodule". Ultrasound is the
reference examination of a skin or subcutaneous nodule's calcification (P13.9) and needs no
radiation: the card says so and offers the ultrasound of the part first, keeping its
noncontrast-first advice for the CT in hand; it names "left preauricular subcutaneous nodule".
An intramuscular mass and a parotid mass keep the CT-only card (P13.9, P13.8).
"""

from __future__ import annotations

import pytest

from tests.test_order_skin_force import cards

CONTRAST = "contrast-ct-noncontrast-first"

# (MRI report, MRI title, order, the name, the ultrasound it offers)
SKIN = [
    # unseen48 a1: a teen's preauricular pilomatricoma, the place before the lesion
    ("HISTORY: 16-year-old girl with an enlarging firm left preauricular lump.\nFINDINGS: "
     "SUBCUTANEOUS TISSUES: In the left preauricular subcutaneous fat there is a 14 mm "
     "well-circumscribed nodule attached to the dermis, with internal foci of very low signal "
     "on all sequences consistent with calcification and peripheral enhancement. It is "
     "superficial to the parotid fascia, with no extension into the parotid gland.\n"
     "IMPRESSION: 1. 14 mm calcified subcutaneous left preauricular nodule, most consistent "
     "with pilomatricoma. The parotid gland is not involved.",
     "MRI FACE W WO CONTRAST", "CT MAXILLOFACIAL W CONTRAST",
     "left preauricular subcutaneous nodule (14 mm)",
     "Ultrasound of the left preauricular subcutaneous nodule"),
    # an adult's postauricular epidermoid cyst before a neck CT
    ("FINDINGS: In the right postauricular subcutaneous tissue there is a 12 mm nodule with "
     "peripheral calcification.\nIMPRESSION: Calcified right postauricular subcutaneous "
     "nodule, most consistent with an epidermoid cyst.",
     "MRI NECK W WO", "CT SOFT TISSUE NECK W CONTRAST",
     "right postauricular subcutaneous nodule (12 mm)", "Ultrasound of the right postauricular"),
    # a child's cheek pilomatricoma before a facial CT
    ("HISTORY: 9-year-old boy with a hard cheek nodule.\nFINDINGS: A 1.3 cm subcutaneous "
     "nodule of the left cheek with internal calcification, superficial to the masseter.\n"
     "IMPRESSION: Subcutaneous left cheek nodule, most consistent with pilomatricoma.",
     "MRI FACE W WO", "CT MAXILLOFACIAL W CONTRAST", "left cheek", "Ultrasound of the left"),
    # an adult's scalp trichilemmal cyst before a head CT
    ("FINDINGS: A 1.9 cm subcutaneous nodule of the left parietal scalp with internal "
     "calcification.\nIMPRESSION: Calcified subcutaneous scalp nodule, favor trichilemmal "
     "cyst.", "MRI HEAD W WO", "CT HEAD W CONTRAST", "scalp", "Ultrasound of the left"),
    # a child's forearm pilomatricoma before a contrast forearm CT
    ("HISTORY: 11-year-old girl, firm forearm nodule.\nFINDINGS: A 1.2 cm subcutaneous nodule "
     "of the dorsal right forearm, attached to the dermis, with internal foci of low signal "
     "consistent with calcification. The underlying muscles are normal.\nIMPRESSION: "
     "Subcutaneous right forearm nodule, most consistent with pilomatricoma.",
     "MRI FOREARM RT WO W", "CT UPPER EXTREMITY RT W CONTRAST", "right forearm",
     "Ultrasound of the right forearm"),
    # an adult's calcified sebaceous cyst of the lower leg before a contrast leg CT
    ("FINDINGS: A 1.9 cm subcutaneous cyst of the anterior left lower leg with a rim of "
     "calcification, superficial to the fascia.\nIMPRESSION: Calcified sebaceous cyst.",
     "MRI TIB FIB LT", "CT LOWER EXTREMITY LT W CONTRAST", "left leg cyst (19 mm)",
     "Ultrasound of the left leg cyst"),
]


@pytest.mark.parametrize(("report", "title", "order", "name", "us"), SKIN)
def test_a_skin_lesion_contrast_card_offers_its_ultrasound_first(
        report: str, title: str, order: str, name: str, us: str) -> None:
    out = [c for c in cards(report, order, title) if c[0] == CONTRAST]
    assert out, cards(report, order, title)
    _, indicator, text, labels = out[0]
    assert indicator == "info"
    assert "Ultrasound is the reference" in text and "without radiation" in text
    assert name in text
    assert labels[0].startswith("Order " + us[:1].lower() + us[1:]), labels
    assert any(x.startswith("Change to CT") for x in labels[1:]), labels  # the CT in hand
    assert "noncontrast images first" in text


def test_the_name_takes_the_report_s_place_words() -> None:
    report, title, order = SKIN[0][:3]
    text = cards(report, order, title)[0][2]
    assert "left preauricular subcutaneous nodule (14 mm)" in text
    assert "face nodule" not in text


GUARDS = [
    # an intramuscular mass of the forearm: the deep card, CT only
    ("FINDINGS: A 3.2 cm intramuscular mass in the right flexor carpi ulnaris with internal "
     "calcification.\nIMPRESSION: Calcified intramuscular forearm mass, indeterminate.",
     "MRI FOREARM RT WO W", "CT UPPER EXTREMITY RT W CONTRAST"),
    # a parotid mass keeps CT (P13.8)
    ("FINDINGS: A 2.1 cm mass in the superficial lobe of the left parotid gland with punctate "
     "calcification.\nIMPRESSION: Calcified left parotid mass, favor pleomorphic adenoma.",
     "MRI NECK W WO", "CT SOFT TISSUE NECK W CONTRAST"),
    # an indeterminate subcutaneous mass keeps CT first (P13.9)
    ("FINDINGS: A 3.4 cm subcutaneous mass of the left chest wall with internal "
     "calcification.\nIMPRESSION: Indeterminate subcutaneous mass, differential includes "
     "dermatofibrosarcoma protuberans.", "MRI CHEST WALL", "CT CHEST W CONTRAST"),
]


@pytest.mark.parametrize(("report", "title", "order"), GUARDS)
def test_a_deep_organ_or_indeterminate_mass_keeps_the_ct_card(
        report: str, title: str, order: str) -> None:
    out = cards(report, order, title)
    assert out
    for _, _, text, labels in out:
        assert "Ultrasound is the reference" not in text
        assert not any("ltrasound" in x for x in labels), labels
        assert "subcutaneous" not in text.split("**Lesion:**")[-1].split("\n")[0]
