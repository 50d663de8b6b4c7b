"""Issue 17 §2: ultrasound is the reference study of a lesion confined to the skin or the
subcutaneous tissue (docs/matching-policy.md P13.9). When the report places the lesion in the
skin, dermis or subcutaneous fat, superficial to the fascia, and favours a benign skin
diagnosis (pilomatricoma, epidermoid cyst, calcinosis cutis, fat necrosis), an ultrasound that
showed its calcification (cited in the MRI report or on record) answers it: no card asks for a
CT before its aspiration or excision. A parotid mass, a mass in a muscle of the chest wall, a
mass called "superficial" or "palpable" only, one that extends through the fascia, and an
indeterminate subcutaneous mass (a malignancy in its differential, or no diagnosis) keep CT.
Each variant below failed on 02cae0e (review round 7, T-superficial: unseen16 e2 asked for a
CT of a child's face before an FNA of a subcutaneous pilomatricoma whose calcification
ultrasound had shown)."""

from __future__ import annotations

from typing import Any

import pytest

from cds_service.core import rules
from cds_service.core.reading import read_report
from tests.test_order_catalog import mri, read


def us(text: str, title: str, date: str = "2026-09-15") -> dict[str, Any]:
    return {"resourceType": "DiagnosticReport", "id": "us1", "status": "final",
            "code": {"text": title}, "effectiveDateTime": date,
            "subject": {"reference": "Patient/p1"}, "conclusion": text}


def leads(report: str, text: str, *others: dict[str, Any], title: str = "MRI") -> list[str]:
    ev = rules.Evidence(reports=(read_report(mri(report, title)),
                                 *(read_report(o) for o in others)), studies=())
    return [p.lead.rule_id for p in rules.merge(rules.evaluate(read(text, None), ev))]


# (MRI report, order, other reports)
ANSWERED = [
    # the ultrasound cited in the Comparison (unseen16 e2's class)
    ("COMPARISON: Soft tissue ultrasound of the left cheek 2026-09-20: 1.5 cm hypoechoic "
     "subcutaneous nodule with multiple echogenic foci and posterior acoustic shadowing, "
     "consistent with calcification.\nFINDINGS: A 1.6 cm subcutaneous nodule in the left cheek, "
     "attached to the dermis.\nIMPRESSION: Subcutaneous left cheek nodule, likely pilomatricoma.",
     "US FNA LEFT CHEEK NODULE", (), "MRI FACE W WO"),
    # the Findings cite it, another site and lesion word, an excision
    ("FINDINGS: A 1.4 cm pilomatricoma in the subcutaneous fat of the posterior left upper arm; "
     "the calcification shown on the prior ultrasound is of low signal on all sequences.",
     "EXCISION PILOMATRICOMA LEFT ARM", (), "MRI HUMERUS LT"),
    # an ultrasound report on record states it; a core biopsy of a forearm nodule
    ("FINDINGS: A 2.0 cm nodule within the subcutaneous tissue of the right forearm with "
     "possible internal calcification.\nIMPRESSION: Right forearm nodule, most consistent with "
     "an epidermal inclusion cyst.",
     "US GUIDED CORE BIOPSY RIGHT FOREARM MASS",
     (us("Right forearm: 2 cm subcutaneous nodule with echogenic foci and acoustic shadowing, "
         "in keeping with calcification.", "US EXTREMITY NONVASCULAR RIGHT"),), "MRI FOREARM RT"),
    # "superficial to the deep fascia"; an ultrasound after the MRI covering the thigh
    ("IMPRESSION: 2.5 cm calcified lesion superficial to the deep fascia of the left thigh, "
     "probable fat necrosis.",
     "US GUIDED BIOPSY LEFT THIGH MASS",
     (us("Left thigh lump: ovoid suprafascial lesion as on MRI.", "US SOFT TISSUE THIGH LEFT",
         "2026-10-20"),), "MRI FEMUR LT"),
    # an intradermal cyst of the back, the MRI citing the ultrasound in its Impression
    ("IMPRESSION: 1.8 cm intradermal cyst of the right upper back with peripheral "
     "calcification, as on the ultrasound of 2026-09-02; epidermoid cyst favored.",
     "FNA RIGHT BACK CYST", (), "MRI THORACIC SPINE"),
    # subcutaneous fat necrosis, planning its excision
    ("FINDINGS: A 3 cm subcutaneous nodule of the left flank contains calcification, which "
     "ultrasound showed as echogenic shadowing foci.\nIMPRESSION: Subcutaneous fat necrosis at "
     "the prior injection site.", "EXCISION LEFT FLANK NODULE", (), "MRI ABDOMEN"),
]


@pytest.mark.parametrize(("report", "text", "others", "title"), ANSWERED)
def test_an_ultrasound_that_showed_a_subcutaneous_calcification_answers_it(
        report: str, text: str, others: tuple[dict[str, Any], ...], title: str) -> None:
    assert leads(report, text, *others, title=title) == []


KEPT = [
    # a parotid mass is the organ's (unseen3): CT
    ("COMPARISON: Ultrasound 2026-09-20: 2 cm left parotid mass with echogenic shadowing foci "
     "consistent with calcification.\nFINDINGS: A 2.1 cm mass in the superficial lobe of the "
     "left parotid gland.", "US GUIDED CORE BIOPSY LEFT PAROTID MASS", "MRI NECK W WO"),
    # a chest-wall mass in muscle is deep (unseen6)
    ("FINDINGS: A 4 cm mass within the left pectoralis major muscle with calcification, shown "
     "as shadowing echogenic foci on the prior ultrasound.",
     "US GUIDED CORE BIOPSY LEFT CHEST WALL MASS", "MRI CHEST WALL"),
    # "superficial" and "palpable" alone do not place it in the subcutaneous tissue
    ("FINDINGS: A 3 cm superficial palpable mass of the right thigh with calcification, as seen "
     "on the prior ultrasound.", "US GUIDED BIOPSY RIGHT THIGH MASS", "MRI FEMUR RT"),
    # an indeterminate subcutaneous mass, a malignancy in its differential (unseen6 e2): the
    # pattern may be diagnostic, CT before its biopsy
    ("FINDINGS: A 3.4 cm mass lies in the subcutaneous fat of the left chest wall, superficial "
     "to the pectoralis fascia. On the ultrasound this mass contained echogenic foci with "
     "posterior acoustic shadowing.\nIMPRESSION: Subcutaneous mass, indeterminate; differential "
     "includes dermatofibrosarcoma protuberans.", "US GUIDED CORE BX LT CHEST WALL MASS",
     "MRI CHEST WALL"),
    # a subcutaneous nodule the report gives no benign skin diagnosis
    ("FINDINGS: A 2 cm subcutaneous nodule of the right thigh with calcification shown as "
     "shadowing echogenic foci on the prior ultrasound.", "US GUIDED BIOPSY RIGHT THIGH MASS",
     "MRI FEMUR RT"),
    # a calcified lipoma is no skin diagnosis (a liposarcoma may calcify)
    ("FINDINGS: A 5 cm subcutaneous lipoma-like mass of the right thigh with calcification "
     "shown on the prior ultrasound.", "US GUIDED BIOPSY RIGHT THIGH MASS", "MRI FEMUR RT"),
    # a subcutaneous mass that extends through the fascia into the muscle is deep
    ("FINDINGS: A 5 cm subcutaneous mass of the right thigh extends through the fascia into the "
     "vastus lateralis, with calcification shown on the prior ultrasound.",
     "US GUIDED BIOPSY RIGHT THIGH MASS", "MRI FEMUR RT"),
]


@pytest.mark.parametrize(("report", "text", "title"), KEPT)
def test_a_deep_or_organ_mass_keeps_its_card(report: str, text: str, title: str) -> None:
    assert leads(report, text, title=title) != []


def test_a_subcutaneous_nodule_no_ultrasound_showed_keeps_its_card() -> None:
    """P13.3: only an ultrasound that showed the calcification (or one after the MRI) answers."""
    assert leads("FINDINGS: A 1.6 cm subcutaneous nodule of the left cheek with punctate "
                 "calcification.", "US FNA LEFT CHEEK NODULE", title="MRI FACE W WO") == [
        "biopsy-calcified-mass"]
