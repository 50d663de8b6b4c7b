"""A mass in a named deep space of a limb or the trunk, or deep to a limb or trunk muscle, is in
the deep tissues (docs/matching-policy.md P4.9, P4.9d, P4.9h): before its biopsy
deep-soft-tissue-mass leads, also when its mineral was cited from a radiograph that places it by
a bony landmark (P4.12). Each variant drew biopsy-calcified-mass or nothing on cdd77bb (unseen28
e2 pos: a mass "in the left quadrilateral space, deep to the posterior deltoid" with calcification
cited from shoulder radiographs "inferior to the glenoid at the site of the mass")."""

from __future__ import annotations

from typing import Any

import pytest

from cds_service.core import rules
from cds_service.core.orders import classify_order
from cds_service.core.reading import read_report
from tests.test_order_catalog import mri


def leads(report: str, text: str, title: str) -> list[str]:
    order: dict[str, Any] = {"resourceType": "ServiceRequest", "id": "o1", "status": "draft",
                             "intent": "order", "subject": {"reference": "Patient/p1"},
                             "code": {"text": text}}
    ev = rules.Evidence(reports=(read_report(mri(report, title)),), studies=())
    return [p.lead.rule_id for p in rules.merge(rules.evaluate(classify_order(order), ev))]


QUADRILATERAL_CITED = (
    "EXAM: MRI SHOULDER LEFT WITH AND WITHOUT CONTRAST\n"
    "COMPARISON: Left shoulder radiographs of 2026-11-04, which show amorphous calcification "
    "inferior to the glenoid at the site of the mass.\n"
    "FINDINGS:\n"
    "Soft tissues: In the left quadrilateral space, deep to the posterior deltoid, there is a 3.4 "
    "x 2.6 x 2.2 cm lobulated mass, intermediate on T1 and heterogeneous on T2, with "
    "heterogeneous enhancement. It displaces the axillary nerve.\n"
    "Muscles: Denervation edema and early fatty atrophy of the teres minor.\n"
    "IMPRESSION:\n"
    "1. 3.4 cm enhancing mass in the left quadrilateral space with teres minor denervation: "
    "peripheral nerve sheath tumor versus soft-tissue sarcoma.")

DEEP = [
    (QUADRILATERAL_CITED, "MRI SHOULDER LEFT",
     "US GUIDED CORE BIOPSY LEFT QUADRILATERAL SPACE MASS"),
    ("COMPARISON: Radiographs of the right shoulder, 2026-08-01, show calcification projecting "
     "below the glenoid. FINDINGS: A 2.9 cm mass occupies the right quadrangular space, "
     "displacing the axillary nerve. IMPRESSION: Right quadrangular space mass.",
     "MRI SHOULDER RIGHT", "US GUIDED CORE BX RT QUADRANGULAR SPACE MASS"),
    ("FINDINGS: A 2.8 cm mass lies deep to the left deltoid muscle, superficial to the humeral "
     "head, with coarse calcification. IMPRESSION: Calcified mass deep to the deltoid.",
     "MRI SHOULDER LEFT", "US GUIDED CORE BX LT SHOULDER MASS"),
    ("FINDINGS: Beneath the right deltoid, lateral to the humeral shaft, a 3.2 cm mass contains "
     "punctate calcification. IMPRESSION: Calcified mass beneath the deltoid.",
     "MRI HUMERUS RIGHT", "US GUIDED CORE BX RT ARM MASS"),
    ("FINDINGS: A 3 cm mass lies deep to the medial head of the right gastrocnemius, superficial "
     "to the soleus, and contains coarse calcification. IMPRESSION: Calcified right calf mass.",
     "MRI LEG RIGHT", "CT GUIDED CORE BX RT CALF MASS"),
    ("FINDINGS: A 2.6 cm mass lies deep to the left brachioradialis muscle with peripheral "
     "calcification. IMPRESSION: Calcified left forearm mass.", "MRI FOREARM LEFT",
     "US GUIDED CORE BX LT FOREARM MASS"),
    ("FINDINGS: A 2.4 cm solid mass in the left pre-Achilles fat pad contains calcification. "
     "IMPRESSION: Calcified pre-Achilles fat pad mass.", "MRI ANKLE LEFT",
     "US GUIDED CORE BX LT ANKLE MASS"),
    ("FINDINGS: A 1.8 cm solid mass in the left cubital tunnel contains calcification. "
     "IMPRESSION: Calcified cubital tunnel mass.", "MRI ELBOW LEFT",
     "US GUIDED CORE BX LT ELBOW MASS"),
    ("FINDINGS: A 2 cm solid mass in the right sinus tarsi contains calcification. IMPRESSION: "
     "Calcified sinus tarsi mass.", "MRI ANKLE RIGHT", "US GUIDED CORE BX RT ANKLE MASS"),
    ("FINDINGS: A 2.2 cm solid enhancing mass in the right spinoglenoid notch contains "
     "calcification. IMPRESSION: Calcified spinoglenoid notch mass.", "MRI SHOULDER RIGHT",
     "US GUIDED CORE BX RT SHOULDER MASS"),
]


@pytest.mark.parametrize(("report", "title", "order"), DEEP)
def test_a_mass_in_a_deep_space_or_deep_to_a_muscle_is_a_deep_soft_tissue_mass(
        report: str, title: str, order: str) -> None:
    assert leads(report, order, title) == ["deep-soft-tissue-mass"]


@pytest.mark.parametrize(("report", "title", "order", "want"), [
    # superficial to the muscle, in the subcutaneous fat: not deep (P4.9)
    ("FINDINGS: A 1.5 cm nodule lies in the subcutaneous fat superficial to the right deltoid and "
     "contains calcification; the deltoid is normal. IMPRESSION: Calcified subcutaneous nodule.",
     "MRI SHOULDER RIGHT", "US GUIDED CORE BX RT SHOULDER NODULE", ["biopsy-calcified-mass"]),
    ("FINDINGS: A 2 cm calcified subcutaneous mass overlies the left deltoid; the underlying "
     "deltoid muscle is normal. IMPRESSION: Calcified subcutaneous mass.", "MRI SHOULDER LEFT",
     "US GUIDED CORE BX LT SHOULDER MASS", ["biopsy-calcified-mass"]),
    # the head and neck's spaces and muscles are not the limbs' deep tissues (P17.10, P4.9h)
    ("FINDINGS: A 3.0 cm ovoid mass lies posterior to the left submandibular gland, deep to the "
     "sternocleidomastoid, with coarse calcification. IMPRESSION: Calcified left neck mass.",
     "MRI NECK", "US CORE BX NECK MASS LT", ["biopsy-calcified-mass"]),
    ("FINDINGS: A 5.2 cm venous malformation is centred in the left infratemporal fossa with "
     "phleboliths. IMPRESSION: Venous malformation of the left infratemporal fossa with "
     "phleboliths.", "MRI FACE", "CT GUIDED BX LT INFRATEMPORAL FOSSA MASS",
     ["biopsy-calcified-mass"]),
    # a cyst of a deep space is a cyst, not a soft-tissue mass (P4.9c)
    ("FINDINGS: A 2 cm unilocular ganglion cyst in the right spinoglenoid notch has a thin "
     "calcified wall. IMPRESSION: Spinoglenoid notch ganglion cyst.", "MRI SHOULDER RIGHT",
     "US GUIDED ASPIRATION RT SPINOGLENOID NOTCH CYST", []),
])
def test_guards(report: str, title: str, order: str, want: list[str]) -> None:
    assert leads(report, order, title) == want
