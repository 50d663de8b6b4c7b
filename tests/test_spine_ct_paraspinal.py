"""A CT of a spine segment images the paraspinal muscles beside it (docs/matching-policy.md
P4.15; unseen42 k1: a 4.6 cm calcified mass "within the right iliocostalis lumborum at L2-L3,
separated from the transverse processes" before "CT L-SPINE W/CONT", CPT 72132, drew nothing).
The guards stay: a lesion of the transverse process is bone, a psoas mass is the abdomen and
pelvis CT's (P2.7), a spine biopsy is not one of the muscle, another segment's CT does not image
the mass. The variants failed on 62b90c3."""

from __future__ import annotations

from typing import Any

import pytest

from cds_service.core import rules
from cds_service.core.orders import classify_order
from cds_service.core.reading import read_report

CPT = "http://www.ama-assn.org/go/cpt"


def leads(title: str, report: str, text: str, code: str | None = None,
          reason: str | None = None) -> list[tuple[str, str | None]]:
    """(rule, suggested CT region) of each card for the order after the MRI report."""
    mri = {"resourceType": "DiagnosticReport", "id": "mr1", "status": "final",
           "code": {"text": title}, "effectiveDateTime": "2026-10-14",
           "subject": {"reference": "Patient/p1"}, "conclusion": report}
    concept: dict[str, Any] = {"text": text}
    if code:
        concept["coding"] = [{"system": CPT, "code": code}]
    order: dict[str, Any] = {"resourceType": "ServiceRequest", "id": "o1", "status": "draft",
                             "intent": "order", "subject": {"reference": "Patient/p1"},
                             "code": concept}
    if reason:
        order["reasonCode"] = [{"text": reason}]
    ev = rules.Evidence(reports=(read_report(mri),), studies=())
    return [(p.lead.rule_id, p.lead.ct_region)
            for p in rules.merge(rules.evaluate(classify_order(order), ev))]


L_MRI = "MRI L-SPINE W & W/O CONT"
T_MRI = "MRI T-SPINE W & W/O CONT"
C_MRI = "MRI C-SPINE W & W/O CONT"
ILIOCOSTALIS = (
    "FINDINGS: Paraspinal soft tissues: A 4.6 x 3.8 x 3.1 cm lobulated mass lies within the right "
    "iliocostalis lumborum at L2-L3, separated from the transverse processes by a preserved fat "
    "plane. Clustered punctate low-signal foci within it on all sequences are compatible with "
    "calcification. Vertebrae: Normal alignment. No marrow-replacing lesion. IMPRESSION: 1. 4.6 cm "
    "calcified mass within the right iliocostalis lumborum at L2-L3, separate from bone; sarcoma "
    "not excluded.")
ERECTOR = ("FINDINGS: A 3.9 cm heterogeneous mass within the left erector spinae at L3-L4 contains "
           "coarse foci of low signal on all sequences with blooming on gradient-echo, consistent "
           "with calcification. IMPRESSION: Calcified left erector spinae mass; sarcoma possible.")
MULTIFIDUS = ("FINDINGS: Within the right multifidus at L4-L5 there is a 2.8 cm enhancing mass "
              "with internal calcification. The vertebrae are normal. IMPRESSION: Right "
              "multifidus mass with calcification.")
QUADRATUS = ("FINDINGS: A 4.1 cm mass lies within the left quadratus lumborum at L2, with dense "
             "peripheral calcification. IMPRESSION: Calcified left quadratus lumborum mass.")
T_PARASPINAL = ("FINDINGS: A 5.2 cm mass in the right thoracic paraspinal muscles at T8-T9 "
                "contains chunky calcification. IMPRESSION: Calcified right paraspinal mass at "
                "T8-T9; sarcoma not excluded.")
C_PARASPINAL = ("FINDINGS: A 3.4 cm mass within the left semispinalis cervicis at C5-C6 contains "
                "clustered foci of calcification. IMPRESSION: Calcified left posterior cervical "
                "paraspinal muscle mass.")
C_PARASPINAL_ONLY = ("FINDINGS: A 2.9 cm mass in the right cervical paraspinal muscles at C4 "
                     "contains punctate calcification. IMPRESSION: Calcified right cervical "
                     "paraspinal mass.")
PSOAS = ("FINDINGS: A 4.4 cm mass lies within the right psoas at L3 and contains coarse "
         "calcification. IMPRESSION: Calcified right psoas mass.")
TRANSVERSE = ("FINDINGS: A 4.6 cm lobulated lesion arises from the right L3 transverse process, "
              "expanding it with cortical breakthrough. Ring-and-arc low-signal foci within it are "
              "compatible with chondroid matrix mineralization. IMPRESSION: 4.6 cm chondroid "
              "lesion of the right L3 transverse process with mineralized matrix, favoring "
              "chondrosarcoma.")


@pytest.mark.parametrize(("title", "report", "text", "code", "region"), [
    (L_MRI, ILIOCOSTALIS, "CT L-SPINE W/CONT", "72132", "lumbar-spine"),
    (L_MRI, ILIOCOSTALIS, "CT LUMBAR SPINE W CONTRAST", None, "lumbar-spine"),
    (L_MRI, ERECTOR, "CT SPINE LUMBAR WITH CONTRAST", "72132", "lumbar-spine"),
    (L_MRI, MULTIFIDUS, "CT L-SPINE W/CONT", "72132", "lumbar-spine"),
    (L_MRI, QUADRATUS, "CT L-SPINE W/CONT", "72132", "lumbar-spine"),
    (T_MRI, T_PARASPINAL, "CT T-SPINE W/CONT", "72129", "thoracic-spine"),
    (T_MRI, T_PARASPINAL, "CT THORACIC SPINE WITH CONTRAST", None, "thoracic-spine"),
    (C_MRI, C_PARASPINAL, "CT C-SPINE W/CONT", "72126", "cervical-spine"),
    (C_MRI, C_PARASPINAL_ONLY, "CT C-SPINE W/CONT", "72126", "cervical-spine"),
])
def test_a_spine_ct_images_the_paraspinal_mass_beside_it(
        title: str, report: str, text: str, code: str | None, region: str) -> None:
    assert leads(title, report, text, code) == [("deep-soft-tissue-mass", region)]


def test_the_reported_case_with_its_reason() -> None:
    assert leads(L_MRI, ILIOCOSTALIS, "CT L-SPINE W/CONT", "72132",
                 "Right low back mass at L2-L3, pre-biopsy planning") == [
        ("deep-soft-tissue-mass", "lumbar-spine")]


def test_a_noncontrast_or_two_phase_spine_ct_needs_no_card() -> None:
    for text, code in (("CT L-SPINE W/O CONT", "72131"), ("CT L-SPINE W & W/O CONT", "72133")):
        assert leads(L_MRI, ILIOCOSTALIS, text, code) == []


@pytest.mark.parametrize(("title", "report", "text", "code"), [
    (L_MRI, TRANSVERSE, "CT L-SPINE W/CONT", "72132"),        # bone: a radiograph's or CT's
    (L_MRI, ILIOCOSTALIS, "CT C-SPINE W/CONT", "72126"),      # another segment
    (L_MRI, ILIOCOSTALIS, "CT T-SPINE W/CONT", "72129"),      # "within it": L2-L3 before
    (T_MRI, T_PARASPINAL, "CT L-SPINE W/CONT", "72132"),
    (C_MRI, C_PARASPINAL_ONLY, "CT L-SPINE W/CONT", "72132"),
    (L_MRI, ILIOCOSTALIS, "CT L-SPINE W/CONT RIGHT", None),   # cf. the other side below
])
def test_guards_a_spine_ct_not_about_the_mass(
        title: str, report: str, text: str, code: str | None) -> None:
    got = leads(title, report, text, code)
    if "RIGHT" in text:
        assert got == [("deep-soft-tissue-mass", "lumbar-spine")]
        assert leads(title, report, text.replace("RIGHT", "LEFT"), code) == []
    else:
        assert got == []


def test_a_psoas_mass_stays_the_abdomen_and_pelvis_ct() -> None:
    """The psoas spans T12 to the lesser trochanter: a spine CT images a part of it (P2.7)."""
    assert leads(L_MRI, PSOAS, "CT L-SPINE W/CONT", "72132") == []
    assert leads(L_MRI, PSOAS, "CT ABD & PELVIS W/CONT", "74177") == [
        ("deep-soft-tissue-mass", "abdomen-pelvis")]


def test_a_biopsy_of_the_paraspinal_mass_keeps_its_card() -> None:
    assert leads(L_MRI, ILIOCOSTALIS, "CT GUIDED BX RT PARASPINAL MASS", "20206")[:1] == [
        ("deep-soft-tissue-mass", "lumbar-spine")]
