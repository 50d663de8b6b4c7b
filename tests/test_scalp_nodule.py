"""P13.17, P11.70 (unseen41 p1): a calcified nodule the report places in the subcutaneous tissue
of the scalp is a skin or subcutaneous lesion of the head (P13.9): before its excision or biopsy
its card recommends the ultrasound of the head and neck soft tissues first (CPT 76536, as for the
face and neck, P13.11) and the noncontrast head CT second, and names it by its side and place
("left parietal scalp nodule (19 mm)"). The scalp is a paired site of the head; the skull, the
calvarium and the brain are unchanged."""

from __future__ import annotations

import pytest

from cds_service.core import anatomy
from tests.test_card_names import first_card, lesion_line

P1 = ("EXAM: MRI BRAIN W/WO\nHISTORY: 63-year-old man, firm left parietal scalp lump and "
      "headaches. General surgery clinic.\nTECHNIQUE: Sagittal T1, axial T2, FLAIR, DWI, SWI, "
      "post-gadolinium 3D T1. 1.5 T.\nCOMPARISON: None available.\nFINDINGS:\nScalp: A 1.9 cm "
      "well-circumscribed subcutaneous nodule of the left parietal scalp with a calcified center, "
      "dark on SWI and T2, no bone involvement. A separate 2.5 cm noncalcified lipoma lies in the "
      "posterior neck subcutaneous fat at the level of C2.\nBrain: Scattered nonspecific FLAIR "
      "white matter foci. No mass or infarct.\nVessels: Normal flow voids.\nIMPRESSION:\n1. 1.9 cm "
      "calcified left parietal subcutaneous scalp nodule, favor proliferating trichilemmal cyst.\n"
      "2. Mild chronic small vessel change.\n3. Incidental posterior neck lipoma.")
OCCIPITAL = ("EXAM: MRI HEAD WITHOUT AND WITH CONTRAST\nHISTORY: 9-year-old girl, hard lump at the "
             "back of the head.\nFINDINGS:\nScalp: A 1.4 cm subcutaneous nodule of the right "
             "occipital scalp, superficial to the galea, with dense internal calcification and "
             "peripheral enhancement.\nBrain: Normal.\nIMPRESSION:\n1. 1.4 cm calcified "
             "subcutaneous nodule of the right occipital scalp, consistent with pilomatricoma.")
FRONTAL = ("EXAM: MRI BRAIN WITHOUT CONTRAST\nHISTORY: 45-year-old woman, forehead-hairline "
           "lump.\nFINDINGS:\nExtracranial soft tissues: A 2.2 cm subcutaneous cyst of the left "
           "frontal scalp with internal calcification and no deep extension; the underlying "
           "calvarium is intact.\nBrain: No acute intracranial abnormality.\nIMPRESSION:\n"
           "1. 2.2 cm calcified subcutaneous cyst of the left frontal scalp, favor epidermoid "
           "cyst.")
TEMPORAL = ("EXAM: MRI BRAIN WITHOUT AND WITH CONTRAST\nHISTORY: Scalp lump.\nFINDINGS:\nA 1.2 cm "
            "calcified subcutaneous nodule is present in the right temporal scalp, superficial to "
            "the temporalis fascia, favored to represent a calcified trichilemmal cyst.\nBrain: "
            "Normal.\nIMPRESSION: 1.2 cm calcified right temporal scalp trichilemmal cyst.")

CASES = [  # report, order, reason, lesion line, ultrasound
    (P1, "EXC LESION SCALP LT", "Scalp nodule", "left parietal scalp nodule (19 mm)",
     "ultrasound of the left parietal scalp nodule"),
    (OCCIPITAL, "EXCISION SCALP LESION RIGHT", "Scalp lump", "right occipital scalp nodule (14 mm)",
     "ultrasound of the right occipital scalp nodule"),
    (FRONTAL, "EXCISION OF SCALP CYST LEFT", "Scalp cyst", "left frontal scalp cyst (22 mm)",
     "ultrasound of the left frontal scalp cyst"),
    (TEMPORAL, "EXCISION SCALP LESION RT", None, "right temporal scalp nodule (12 mm)",
     "ultrasound of the right temporal scalp nodule"),
]


@pytest.mark.parametrize(("text", "order", "reason", "name", "us"), CASES)
def test_a_subcutaneous_scalp_nodule_is_offered_ultrasound_first(
        text: str, order: str, reason: str | None, name: str, us: str) -> None:
    card = first_card(text, "MRI BRAIN", order, reason).to_json()
    assert card["indicator"] == "info"
    assert "ultrasound or CT" in card["summary"]
    first, second = card["suggestions"]
    assert first["isRecommended"] and first["label"] == f"Order {us}"
    code = first["actions"][0]["resource"]["code"]["coding"][0]["code"]
    assert code == "76536"  # ultrasound, soft tissues of head and neck
    assert "CT head without contrast" in second["label"]


@pytest.mark.parametrize(("text", "order", "reason", "name", "us"), CASES)
def test_a_scalp_nodule_is_named_by_its_side_and_place(
        text: str, order: str, reason: str | None, name: str, us: str) -> None:
    assert lesion_line(first_card(text, "MRI BRAIN", order, reason).detail) == name


def test_an_indeterminate_scalp_mass_keeps_ct_before_its_biopsy() -> None:
    """P13.9: a malignancy in its differential keeps CT ("the pattern may be diagnostic")."""
    text = ("FINDINGS: A 3.1 cm subcutaneous mass of the left parietal scalp with coarse "
            "calcification.\nIMPRESSION: Indeterminate calcified left parietal scalp mass; "
            "differential includes a dermatofibrosarcoma protuberans.")
    card = first_card(text, "MRI BRAIN", "BIOPSY SCALP LESION LT", "Scalp mass").to_json()
    assert [s["label"] for s in card["suggestions"]][:1] == ["Order CT head without contrast first"]


def test_the_skull_and_the_scalp_are_places_of_the_head() -> None:
    assert anatomy.is_a("scalp", "head")
    assert {sid for _, _, sid in anatomy.find_sites("left parietal scalp")} == {"scalp"}
    assert {sid for _, _, sid in anatomy.find_sites("calvarium")} == {"head"}
    assert {sid for _, _, sid in anatomy.find_sites("parietal lobe")} == {"brain"}
