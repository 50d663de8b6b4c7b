"""The lips are the face (docs/matching-policy.md P19.5): a venous malformation of the lower or
upper lip whose phleboliths the MRI names is a calcified mass of the face, so a contrast-only
maxillofacial CT draws contrast-ct-noncontrast-first. Each variant was silent on e01a3cb
(unseen43 b2-lower-lip pos: "lesion of the left lower lip ... It contains two round 2-3 mm
phleboliths" before "CT Maxillofacial w/ Contrast", 70487: the lip was no place of the anatomy
table, so the mass took the first site of the exam's title, the orbit, which the face CT does
not image)."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text
from tests.test_order_catalog import leads as catalog_leads

TITLE = "MRI Orbit/Face/Neck w/o & w/ Contrast"
HEAD = (f"EXAM: {TITLE}\nHISTORY: Bluish swelling of the lip.\nTECHNIQUE: Axial and coronal T1, "
        "T2 fat-suppressed and postcontrast fat-suppressed T1-weighted imaging of the face.\n")
LOWER_LIP_VM = HEAD + (
    "FINDINGS: LIP: A 2.6 x 1.8 x 1.4 cm lobulated submucosal T2 hyperintense lesion of the left "
    "lower lip, abutting the orbicularis oris and reaching the left oral commissure, enhances in "
    "a delayed progressive pattern. It contains two round 2-3 mm phleboliths, dark on all "
    "sequences. BONES: Normal mandible and maxilla. IMPRESSION: 1. Venous malformation of the "
    "left lower lip containing phleboliths.")
UPPER_LIP_VM = HEAD + (
    "FINDINGS: A 1.9 cm T2 hyperintense lobulated lesion of the right upper lip enhances "
    "progressively. Within it are several round signal voids on all sequences, typical of "
    "phleboliths. IMPRESSION: Right upper lip venous malformation with phleboliths.")
ORBICULARIS_VM = HEAD + (
    "FINDINGS: A 2.2 cm venous malformation within the left orbicularis oris contains a 3 mm "
    "phlebolith. The parotid glands are normal. IMPRESSION: Left perioral venous malformation "
    "with a phlebolith.")
THROMBI_TWIN = LOWER_LIP_VM.replace(
    "It contains two round 2-3 mm phleboliths, dark on all sequences.",
    "It contains two round 2-3 mm foci that are T1 hyperintense and T2 dark without blooming "
    "on SWI, in keeping with non-mineralized thrombi; no phleboliths.").replace(
    "containing phleboliths", "with small thrombi")


def leads(report: str, text: str, code: str | None = None) -> list[str]:
    return catalog_leads(report, text, code, title=TITLE)


@pytest.mark.parametrize("report", [LOWER_LIP_VM, UPPER_LIP_VM, ORBICULARIS_VM])
@pytest.mark.parametrize(("text", "code"), [
    ("CT Maxillofacial w/ Contrast", "70487"),
    ("CT FACE W CONTRAST", None),
])
def test_a_calcified_lip_lesion_before_a_contrast_face_ct(
        report: str, text: str, code: str | None) -> None:
    assert leads(report, text, code) == ["contrast-ct-noncontrast-first"]


@pytest.mark.parametrize("report", [LOWER_LIP_VM, UPPER_LIP_VM, ORBICULARIS_VM])
def test_the_lip_lesion_is_a_mass_of_the_face(report: str) -> None:
    found = read_text(report).structures
    assert [(s.kind, s.site, s.mineral) for s in found] == [("mass", "face", "present")]


def test_guard_thrombi_without_phleboliths() -> None:
    assert leads(THROMBI_TWIN, "CT Maxillofacial w/ Contrast", "70487") == []


def test_guard_a_noncontrast_face_ct() -> None:
    assert leads(LOWER_LIP_VM, "CT Maxillofacial w/o Contrast", "70486") == []


@pytest.mark.parametrize("sentence", [
    "FINDINGS: A 4 mm calcified body lies at the posterior lip of the acetabulum.",
    "FINDINGS: Calcific tendinosis at the lateral lip of the bicipital groove.",
])
def test_guard_a_bone_lip_is_no_face(sentence: str) -> None:
    assert all(s.site != "face" for s in read_text(sentence).structures)
