"""A lesion within or in a named skeletal muscle is intramuscular, so in the deep tissues, exactly
as one the report calls intramuscular (docs/matching-policy.md P4.26, P4.9c 1.).

unseen4 b2: "A 4.8 cm lobulated T2-hyperintense lesion within the left masseter muscle … It
contains several round … foci … typical of phleboliths", before "CT MAXILLOFACIAL W CONTRAST",
drew contrast-ct-noncontrast-first, while the same masseter malformation called "intramuscular"
(unseen48 b1) drew deep-soft-tissue-mass. Each variant below drew the order's card on 577551a;
the guards (a mass beside, along, over or superficial to the muscle, in the skin or the
subcutaneous fat, and an organ's muscle: the detrusor, the myometrium, the muscularis) keep
their answer.
"""

from __future__ import annotations

import pytest

from tests.test_deep_spaces import leads

DEEP = [
    # unseen4 b2's class: the masseter, "within", the phleboliths in the next sentence
    ("FINDINGS: A 4.8 cm lobulated T2-hyperintense lesion within the left masseter muscle with "
     "delayed progressive enhancement. It contains several round foci of low signal that bloom "
     "on gradient echo, typical of phleboliths. IMPRESSION: Venous malformation of the left "
     "masseter muscle containing phleboliths.", "MRI FACE W WO CONTRAST",
     "CT MAXILLOFACIAL W CONTRAST"),
    # the temporalis, "in"
    ("FINDINGS: A 3.1 cm enhancing mass in the right temporalis muscle contains coarse "
     "calcification. IMPRESSION: Calcified mass of the right temporalis muscle.",
     "MRI FACE W WO CONTRAST", "CT MAXILLOFACIAL W CONTRAST"),
    # a pterygoid before a soft-tissue neck CT
    ("FINDINGS: A 2.9 cm mass within the left medial pterygoid muscle with punctate "
     "calcification.", "MRI NECK W WO CONTRAST", "CT SOFT TISSUE NECK W CONTRAST"),
    # a limb muscle before its biopsy: the deltoid, the gastrocnemius, the biceps brachii
    ("FINDINGS: A 3.5 cm heterogeneous mass within the right deltoid muscle contains chunky "
     "calcification. IMPRESSION: Calcified right deltoid mass.", "MRI SHOULDER RIGHT",
     "US GUIDED CORE BX RT SHOULDER MASS"),
    ("FINDINGS: A 4 cm mass in the left gastrocnemius muscle with peripheral calcification. "
     "IMPRESSION: Calcified mass of the left medial gastrocnemius muscle.", "MRI LEG LEFT",
     "US GUIDED CORE BX LT CALF MASS"),
    ("FINDINGS: A 3 cm mass within the left biceps brachii muscle contains calcification.",
     "MRI HUMERUS LEFT", "US GUIDED CORE BX LT ARM MASS"),
    # a forearm and a calf muscle before a contrast CT
    ("FINDINGS: A 2.6 cm lesion within the right brachioradialis muscle contains phleboliths. "
     "IMPRESSION: Venous malformation in the right brachioradialis muscle.",
     "MRI FOREARM RIGHT", "CT FOREARM RIGHT W CONTRAST"),
    ("FINDINGS: A 2.2 cm lesion in the left soleus muscle containing phleboliths, a venous "
     "malformation.", "MRI LEG LEFT", "CT LEG LEFT W CONTRAST"),
    # "centred within", the place first, "arising from"
    ("FINDINGS: A 2 cm mass centred within the right tibialis anterior muscle with "
     "calcification.", "MRI LEG RIGHT", "US CORE BX RT LEG MASS"),
    ("FINDINGS: Within the right medial pterygoid muscle there is a 32 mm mass with foci of low "
     "signal consistent with calcification.", "MRI FACE W WO CONTRAST",
     "CT MAXILLOFACIAL W CONTRAST"),
    ("FINDINGS: A 2.8 cm mass arising from the left masseter muscle contains calcification.",
     "MRI FACE W WO CONTRAST", "CT MAXILLOFACIAL W CONTRAST"),
    # a neck muscle held the mass: intramuscular there is deep (P17.10)
    ("FINDINGS: A 2.4 cm mass within the right sternocleidomastoid muscle contains "
     "calcification.", "MRI NECK", "US CORE BX NECK MASS RT"),
]


@pytest.mark.parametrize(("report", "title", "order"), DEEP)
def test_a_mass_within_a_named_muscle_is_a_deep_soft_tissue_mass(
        report: str, title: str, order: str) -> None:
    assert leads(report, order, title) == ["deep-soft-tissue-mass"]


BIOPSY, CONTRAST = ["biopsy-calcified-mass"], ["contrast-ct-noncontrast-first"]


@pytest.mark.parametrize(("report", "title", "order", "want"), [
    # beside, along, over or superficial to the muscle: not in it
    ("FINDINGS: A 3 cm mass abutting the right deltoid muscle contains calcification.",
     "MRI SHOULDER RIGHT", "US GUIDED CORE BX RT SHOULDER MASS", BIOPSY),
    ("FINDINGS: A 3 cm mass adjacent to the right deltoid muscle contains calcification.",
     "MRI SHOULDER RIGHT", "US GUIDED CORE BX RT SHOULDER MASS", BIOPSY),
    ("FINDINGS: A 3 cm calcified mass along the right deltoid muscle.", "MRI SHOULDER RIGHT",
     "US GUIDED CORE BX RT SHOULDER MASS", BIOPSY),
    ("FINDINGS: A 2 cm nodule overlying the left masseter muscle contains calcification.",
     "MRI FACE", "CT MAXILLOFACIAL W CONTRAST", CONTRAST),
    ("FINDINGS: A 2 cm nodule superficial to the right deltoid muscle contains calcification.",
     "MRI SHOULDER RIGHT", "US GUIDED CORE BX RT SHOULDER MASS", BIOPSY),
    # the subcutaneous fat or the skin, with a muscle named beside
    ("FINDINGS: A 2 cm subcutaneous nodule over the left gastrocnemius muscle contains "
     "calcification.", "MRI LEG LEFT", "US GUIDED CORE BX LT CALF MASS", BIOPSY),
    ("FINDINGS: A 3 cm mass in the subcutaneous fat superficial to the right deltoid muscle "
     "contains calcification.", "MRI SHOULDER RIGHT", "US GUIDED CORE BX RT SHOULDER MASS",
     BIOPSY),
    ("FINDINGS: A 1.5 cm nodule in the skin of the right forearm, along the brachioradialis "
     "muscle, with calcification.", "MRI FOREARM RIGHT", "US GUIDED CORE BX RT FOREARM NODULE",
     BIOPSY),
    ("FINDINGS: A 2 cm calcified mass in the subcutaneous fat with edema in the adjacent deltoid "
     "muscle.", "MRI SHOULDER RIGHT", "US GUIDED CORE BX RT SHOULDER MASS", BIOPSY),
    # an organ's muscle is the organ's (P17.4, P17.5)
    ("FINDINGS: A 3 cm mass in the bladder wall invading the detrusor muscle with "
     "calcification.", "MRI PELVIS", "CT ABDOMEN PELVIS W CONTRAST", CONTRAST),
    ("FINDINGS: A 3 cm calcified mass in the muscle of the bladder wall.", "MRI PELVIS",
     "CT ABDOMEN PELVIS W CONTRAST", CONTRAST),
    ("FINDINGS: A 5 cm calcified fibroid within the myometrium.", "MRI PELVIS",
     "CT ABDOMEN PELVIS W CONTRAST", CONTRAST),
    ("FINDINGS: A 2 cm calcified mass in the muscularis propria of the rectum.", "MRI PELVIS",
     "CT ABDOMEN PELVIS W CONTRAST", CONTRAST),
    ("FINDINGS: A 2 cm mass in the right genioglossus muscle contains calcification.",
     "MRI NECK", "CT NECK W CONTRAST", CONTRAST),  # the tongue's
])
def test_guards(report: str, title: str, order: str, want: list[str]) -> None:
    assert leads(report, order, title) == want
