"""A skin or subcutaneous lesion named place first, or attached to the dermis, and the contrast
CT that an ultrasound of it answers (docs/matching-policy.md P13.18, P13.19).

unseen48 a1 twin: "In the left preauricular subcutaneous fat there is a 14 mm well-circumscribed
nodule attached to the dermis, with internal foci … consistent with calcification", "most
consistent with pilomatricoma", a soft-tissue ultrasound of the head and neck after the MRI
showing the calcified nodule, then "CT MAXILLOFACIAL W CONTRAST": the card asked for noncontrast
images first. The Findings' words were read as no lesion of the subcutaneous tissue (the place
came before the lesion word, and "attached to the dermis" was no placing phrase), and the
contrast card read CT only, so the ultrasound, the lesion's reference examination (P13.9), did
not answer it. Each variant below drew a card on ccc3d3c; the guards keep theirs.
"""

from __future__ import annotations

from typing import Any

import pytest

from cds_service.core.reading import read_report
from tests.test_order_catalog import mri
from tests.test_order_cutaneous import leads, us

FACE = "MRI FACE W WO CONTRAST"
LATER = "2026-10-20"  # after the MRI of tests.test_order_catalog.mri (2026-10-01)


def later_us(text: str, title: str = "US SOFT TISSUE HEAD NECK") -> dict[str, Any]:
    return us(text, title, LATER)


A1 = ("FINDINGS: In the left preauricular subcutaneous fat there is a 14 mm well-circumscribed "
      "nodule attached to the dermis, with internal foci of very low signal on all sequences "
      "consistent with calcification and peripheral enhancement. It is superficial to the "
      "parotid fascia.\nIMPRESSION: 1. 14 mm calcified subcutaneous left preauricular nodule, "
      "most consistent with pilomatricoma. The parotid gland is not involved.")
A1_US = later_us("14 mm hyperechoic subcutaneous nodule anterior to the left tragus with "
                 "echogenic foci and posterior acoustic shadowing, separate from the parotid. "
                 "Calcified subcutaneous nodule, typical of pilomatricoma.")

# (MRI report, MRI title, order, the ultrasound)
ANSWERED = [
    # unseen48 a1 twin
    (A1, FACE, "CT MAXILLOFACIAL W CONTRAST", A1_US),
    # the same nodule before its FNA
    (A1, FACE, "US FNA LEFT PREAURICULAR NODULE", A1_US),
    # the place first with its part named after it, a comma, the Findings only
    ("FINDINGS: In the subcutaneous fat of the left cheek, there is a 1.2 cm ovoid nodule with "
     "punctate calcification, most consistent with an epidermoid cyst.", FACE,
     "CT FACE W CONTRAST", later_us("Left cheek: 12 mm subcutaneous epidermoid cyst with "
                                    "echogenic shadowing foci.")),
    # "within the dermis … lies", a limb, its core biopsy
    ("FINDINGS: Within the dermis of the right forearm lies a 9 mm nodule containing "
     "calcification.\nIMPRESSION: Calcified dermal nodule of the right forearm, most consistent "
     "with pilomatricoma.", "MRI FOREARM RT W WO",
     "US GUIDED CORE BIOPSY RIGHT FOREARM NODULE",
     later_us("Right forearm: 9 mm calcified dermal nodule with shadowing.",
              "US EXTREMITY NONVASCULAR RIGHT")),
    # attached to the dermis, the lesion word first, a neck CT
    ("FINDINGS: A 1.5 cm nodule attached to the dermis of the right posterior neck contains "
     "coarse calcification.\nIMPRESSION: Calcified nodule attached to the dermis of the right "
     "posterior neck, most consistent with pilomatricoma.",
     "MRI NECK W WO CONTRAST", "CT SOFT TISSUE NECK W CONTRAST",
     later_us("Right posterior neck: 15 mm subcutaneous nodule with echogenic calcification "
              "and acoustic shadowing.")),
    # arising from the dermis, an excision
    ("FINDINGS: A 2 cm nodule arising from the dermis of the left upper arm contains "
     "calcification.\nIMPRESSION: Calcified cutaneous nodule, pilomatricoma favored.",
     "MRI HUMERUS LT W WO", "EXCISION PILOMATRICOMA LEFT ARM",
     later_us("Left upper arm: 2 cm calcified subcutaneous nodule.",
              "US EXTREMITY NONVASCULAR LEFT")),
    # the word order read before, the contrast CT now answered by the ultrasound (P13.18)
    ("FINDINGS: A 1.6 cm subcutaneous nodule of the left cheek with punctate calcification.\n"
     "IMPRESSION: Subcutaneous left cheek nodule, likely pilomatricoma.", FACE,
     "CT MAXILLOFACIAL W CONTRAST", later_us("Left cheek: 16 mm subcutaneous nodule with "
                                             "echogenic foci and shadowing.")),
]


@pytest.mark.parametrize(("report", "title", "order", "other"), ANSWERED)
def test_an_ultrasound_after_the_mri_answers_the_skin_lesion(
        report: str, title: str, order: str, other: dict[str, Any]) -> None:
    assert leads(report, order, title=title) != []  # without the ultrasound, a card
    assert leads(report, order, other, title=title) == []


def test_the_place_first_statement_is_read_as_the_subcutaneous_tissues() -> None:
    found = read_report(mri(A1, FACE)).findings.mentions
    stated = [m for m in found if m.counts and "there is a 14 mm" in m.sentence]
    assert stated and all({"cutaneous", "superficial"} <= m.contexts for m in stated)


# --- guards ---------------------------------------------------------------------------------

def test_a_later_facial_radiograph_does_not_answer_it() -> None:  # unseen48 a1 pos
    xr = us("No fracture. Mandibular condyles are normally seated.", "XR FACIAL BONES 3 VIEWS",
            LATER)
    assert leads(A1, "CT MAXILLOFACIAL W CONTRAST", xr, title=FACE) == [
        "contrast-ct-noncontrast-first"]


def test_an_earlier_ultrasound_that_did_not_state_calcification_does_not() -> None:  # P13.3
    early = us("Left preauricular 14 mm hypoechoic subcutaneous nodule.",
               "US SOFT TISSUE HEAD NECK", "2026-08-01")
    assert leads(A1, "CT MAXILLOFACIAL W CONTRAST", early, title=FACE) == [
        "contrast-ct-noncontrast-first"]


KEPT = [
    # an intramuscular nodule, the place first
    ("FINDINGS: Within the right vastus lateralis there is a 2 cm intramuscular nodule with "
     "calcification.\nIMPRESSION: Calcified intramuscular nodule, most consistent with an "
     "epidermoid cyst.", "MRI FEMUR RT W WO", "CT FEMUR RIGHT W CONTRAST",
     "US EXTREMITY NONVASCULAR RIGHT"),
    # subcutaneous edema over an intramuscular mass
    ("FINDINGS: A 4 cm intramuscular mass of the right vastus lateralis contains "
     "calcification. In the overlying subcutaneous fat there is edema surrounding the mass.\n"
     "IMPRESSION: Calcified intramuscular mass; fat necrosis is favored.", "MRI FEMUR RT W WO",
     "CT FEMUR RIGHT W CONTRAST", "US EXTREMITY NONVASCULAR RIGHT"),
    # the place first, an indeterminate mass (a malignancy in its differential)
    ("FINDINGS: In the subcutaneous fat of the left chest wall there is a 3.4 cm mass with "
     "calcification.\nIMPRESSION: Subcutaneous mass, indeterminate; differential includes "
     "dermatofibrosarcoma protuberans.", "MRI CHEST WALL", "CT CHEST W CONTRAST",
     "US CHEST WALL LEFT"),
    # a parotid mass keeps CT (P13.8)
    ("FINDINGS: A 2 cm mass in the superficial lobe of the left parotid gland with coarse "
     "calcification, favored pleomorphic adenoma.", "MRI NECK W WO CONTRAST",
     "CT SOFT TISSUE NECK W CONTRAST", "US SOFT TISSUE HEAD NECK"),
]


@pytest.mark.parametrize(("report", "title", "order", "us_title"), KEPT)
def test_a_deep_organ_or_indeterminate_lesion_keeps_its_card(
        report: str, title: str, order: str, us_title: str) -> None:
    after = later_us("Solid nodule with echogenic shadowing foci.", us_title)
    assert leads(report, order, after, title=title) != []


def test_the_thyroid_follows_its_reference_ultrasound_too() -> None:  # P13.8, P13.18
    report = ("FINDINGS: A 2.2 cm nodule in the right thyroid lobe contains coarse calcification."
              "\nIMPRESSION: Calcified right thyroid nodule.")
    after = later_us("Right thyroid lobe: 2.2 cm solid nodule with coarse calcifications.",
                     "US THYROID")
    order = "CT SOFT TISSUE NECK W CONTRAST"
    assert leads(report, order, title="MRI NECK W WO") == ["contrast-ct-noncontrast-first"]
    assert leads(report, order, after, title="MRI NECK W WO") == []
