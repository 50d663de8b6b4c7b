"""A muscle whose belly lies at two sites describes a lesion at both (P1.4): the deltoid covers
the shoulder from the acromion to the mid humerus (the table's site: the arm), the flexor carpi
ulnaris belly lies in the forearm (the table's site: the wrist, its tendon's). So "Right shoulder
radiographs: phleboliths … at the site of the palpable lump" are the bodies of "a 5.2 cm lesion
within the right deltoid", and the planning card before its excision is due (P12.21, P12.4), as
it was for a brachialis mass on humerus radiographs; the card keeps the muscle's own site."""

from __future__ import annotations

import pytest

from cds_service.core import anatomy
from cds_service.core.reading import read_text
from tests.test_cited_at_lesion_site import _cards, report

DELTOID = report(
    "MRI RIGHT SHOULDER WITHOUT AND WITH CONTRAST",
    "Soft, enlarging lump over the lateral right shoulder.",
    "Right shoulder radiographs 2026-09-01: several round phleboliths projecting over the lateral "
    "shoulder soft tissues at the site of the palpable lump.",
    "Muscles: A 5.2 x 3.1 x 2.4 cm lobulated T2-hyperintense lesion with fluid-fluid levels lies "
    "within the middle fibres of the right deltoid, with slow delayed enhancement.\n"
    "Rotator cuff: Intact.", "1. 5.2 cm intramuscular venous malformation of the right deltoid.")
DELTOID_US = report(
    "MRI LEFT SHOULDER WITHOUT AND WITH CONTRAST", "Compressible left shoulder swelling.",
    "Ultrasound of the left shoulder 2026-10-02: compressible hypoechoic channels with "
    "several phleboliths within the area of concern.",
    "Soft tissues: A 4.4 x 2.9 x 2.0 cm lesion in the anterior left deltoid muscle is composed "
    "of T2-hyperintense channels with delayed enhancement.\nBones: Normal.",
    "1. 4.4 cm venous malformation of the left deltoid.")
DELTOID_UNNAMED = report(
    "MRI RIGHT SHOULDER WITHOUT AND WITH CONTRAST", "Firm mass, right shoulder.",
    "None.",
    "Soft tissues: A 6.1 x 4.0 x 3.3 cm heterogeneous mass lies within the posterior right "
    "deltoid, deep to the fascia. The right shoulder radiographs of 2026-08-12 show coarse "
    "mineralization over the posterior shoulder soft tissues.\nBones: Normal.",
    "1. 6.1 cm intramuscular mass of the right deltoid.")
FCU = report(
    "MRI LEFT FOREARM WITHOUT AND WITH CONTRAST", "Compressible swelling of the ulnar forearm.",
    "Left forearm radiographs 2026-08-14: two phleboliths at the site of the palpable swelling.",
    "Muscles: A 3.8 x 2.0 x 1.7 cm lobulated T2-hyperintense lesion lies within the left flexor "
    "carpi ulnaris with delayed enhancement.\nBones: Normal radius and ulna.",
    "1. 3.8 cm intramuscular venous malformation of the left flexor carpi ulnaris.")
FCU_US = report(
    "MRI RIGHT FOREARM WITHOUT AND WITH CONTRAST", "Painless lump, ulnar side of the forearm.",
    "US right forearm 2026-07-19: small phleboliths in the region of the lesion.",
    "Muscles: A 2.9 x 1.6 x 1.4 cm T2-hyperintense lesion with internal septations lies within "
    "the belly of the right FCU and enhances slowly.\nBones: Normal.",
    "1. 2.9 cm venous malformation of the right FCU.")
SHOULDER_EXC = ("EXCISION TUMOR SOFT TISSUE SHOULDER SUBFASCIAL RIGHT", "23076")
VARIANTS = [
    ("deltoid-xr-shoulder", DELTOID, *SHOULDER_EXC),
    ("deltoid-xr-arm", DELTOID, "EXCISION SOFT TISSUE TUMOR UPPER ARM SUBFASCIAL RIGHT", "24076"),
    ("deltoid-us", DELTOID_US, "US GUIDED CORE BIOPSY LEFT SHOULDER MASS", "20206"),
    ("deltoid-unnamed", DELTOID_UNNAMED, *SHOULDER_EXC),
    ("fcu-xr", FCU, "EXCISION TUMOR SOFT TISSUE FOREARM SUBFASCIAL LEFT", "25071"),
    ("fcu-us", FCU_US, "EXCISION TUMOR SOFT TISSUE FOREARM SUBFASCIAL RIGHT", "25071"),
]
BICEPS = DELTOID.replace("middle fibres of the right deltoid", "right biceps brachii").replace(
    "of the right deltoid.", "of the right biceps.")
BESIDE = DELTOID.replace("at the site of the palpable lump", "adjacent to the site of the "
                         "palpable lump")
TWO = DELTOID.replace("Rotator cuff: Intact.", "A separate 2.2 cm lipoma lies in the right "
                      "teres major.\nRotator cuff: Intact.").replace(
    "1. 5.2 cm intramuscular venous malformation of the right deltoid.",
    "1. 5.2 cm intramuscular venous malformation of the right deltoid. 2. Teres major lipoma.")
CT = DELTOID.replace("Right shoulder radiographs 2026-09-01",
                     "CT right shoulder without contrast 2026-09-01")
GUARDS = [
    ("biceps-not-spanning", BICEPS, *SHOULDER_EXC),
    ("beside", BESIDE, *SHOULDER_EXC),
    ("two-lesions", TWO, *SHOULDER_EXC),
    ("ct-adequate", CT, *SHOULDER_EXC),
]


@pytest.mark.parametrize(("name", "text", "order", "code"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_a_muscle_spanning_two_sites_takes_the_cited_bodies(name: str, text: str, order: str,
                                                            code: str) -> None:
    cited = [m for m in read_text(text).mentions if m.seen_on in ("XR", "US") and m.counts]
    assert cited and all(m.kind == "mass" and m.described for m in cited)
    expected = ["biopsy-calcified-mass"] if "BIOPSY" in order else ["surgical-planning"]
    if name == "deltoid-us":  # "a lesion in the anterior left deltoid muscle": deep (P4.26)
        expected = ["deep-soft-tissue-mass"]
    assert _cards(text, order, code) == expected


@pytest.mark.parametrize(("name", "text", "order", "code"), GUARDS, ids=[g[0] for g in GUARDS])
def test_no_span_beside_two_lesions_or_a_ct_stay_silent(name: str, text: str, order: str,
                                                         code: str) -> None:
    assert _cards(text, order, code) == []


def test_the_lesion_keeps_the_muscle_s_own_site() -> None:
    cited = [m for m in read_text(DELTOID).mentions if m.seen_on == "XR" and m.counts]
    assert {(m.site, m.side, m.size_mm) for m in cited} == {("arm", "right", 52)}
    assert anatomy.radiograph("arm") and anatomy.spanned_sites("the right deltoid") == {
        "arm", "shoulder"}
    assert anatomy.spanned_sites("the right biceps") == {"arm"}
