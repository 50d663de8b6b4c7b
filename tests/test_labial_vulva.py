""""Labial" and "labium" in a pelvic report name the labium majus or minus, the vulva: superficial
soft tissue of an organ's part (P1.11), not a deep pelvic soft-tissue mass (P1.13; unseen50 b1:
"Left labial and mons venous malformation with phleboliths" was named "left pelvic venous
malformation" and given the deep soft-tissue mass card's mandatory force before a contrast CT
of the pelvis; the card a radiologist signs is the contrast CT's, noncontrast images first). In
a face report the words are the lip's and name no vulva (P1.9's regional words). Kept: a lip
lesion under a maxillofacial CT, an acetabular labral tear, an obturator internus mass (deep),
the arteriovenous malformation twin (no phleboliths: silent). Through the pipeline, with a FHIR
bundle as an EHR sends it; the variants failed on main af20e49."""

from __future__ import annotations

import re

import pytest

from tests.eval.full_eval import engine_runner
from tests.support.bundles import mri_order_bundle

RUN = engine_runner()
PELVIS_MRI = "MRI PELVIS WITHOUT AND WITH CONTRAST"
FACE_MRI = "MRI FACE WITHOUT AND WITH CONTRAST"
CT_PELVIS = ("72193", "CT Pelvis w/ Contrast")
CT_ABD_PELVIS = ("74177", "CT ABD/PELVIS W CONTRAST")
CT_FACE = ("70487", "CT MAXILLOFACIAL W CONTRAST")
_LESION = re.compile(r"\*\*Lesion:\*\* ([^;\n]*)")


def _cards(title: str, findings: str, impression: str, order: tuple[str, str],
           reason: str) -> list[tuple[str, str]]:
    text = (f"EXAM: {title}\nHISTORY: Soft swelling that enlarges during menses.\nTECHNIQUE: "
            "Axial and coronal T2, axial T1, post-contrast fat-suppressed T1.\nCOMPARISON: None."
            f"\nFINDINGS:\n{findings}\nBONES: Normal.\nIMPRESSION: {impression}")
    bundle = mri_order_bundle(title, text, "2026-10-30", order, reason, "1997-01-30")
    return [(rule, m.group(1) if (m := _LESION.search(card["detail"])) else "")
            for rule, card in RUN(bundle, "order-select")]


B1 = ("VULVA AND PERINEUM: A 48 mm lobulated T2 hyperintense lesion of the left labium majus "
      "extending into the subcutaneous fat of the mons, with slow progressive enhancement on "
      "delayed images. Several round foci of low signal within it represent phleboliths.")
LABIAL_MASS = "PERINEUM: A 32 mm mass of the left labial soft tissues with coarse calcification."

VARIANTS = [
    ("b1", B1, "1. Left labial and mons venous malformation with phleboliths.", CT_PELVIS,
     "Vascular malformation, extent"),
    ("labial-mass", LABIAL_MASS, "1. Calcified left labial mass.", CT_PELVIS, "Labial mass"),
    ("abd-pelvis", LABIAL_MASS, "1. Calcified left labial mass.", CT_ABD_PELVIS, "Labial mass"),
    ("labium", "PERINEUM: A 25 mm enhancing mass in the right labium with a focus of "
     "calcification.", "1. Right labial mass with calcification, favor leiomyoma.", CT_PELVIS,
     "Vulvar mass"),
    ("it-contains", "PERINEUM: A 30 mm lobulated T2 hyperintense lesion lies in the left labial "
     "subcutaneous tissue. It contains several phleboliths.", "1. Left labial venous "
     "malformation with phleboliths.", CT_ABD_PELVIS, "Extent of malformation"),
]


@pytest.mark.parametrize("case", VARIANTS, ids=[v[0] for v in VARIANTS])
def test_a_labial_lesion_is_the_vulva_not_a_deep_pelvic_mass(case: tuple[str, ...]) -> None:
    _, findings, impression, order, reason = case
    cards = _cards(PELVIS_MRI, findings, impression, order, reason)
    assert [rule for rule, _ in cards] == ["contrast-ct-noncontrast-first"]
    assert "pelvic" not in cards[0][1] and re.search(r"\blabi", cards[0][1])


def test_b1_names_the_labium_majus() -> None:
    (rule, lesion), = _cards(PELVIS_MRI, B1, VARIANTS[0][2], CT_PELVIS, "Extent")
    assert (rule, lesion) == ("contrast-ct-noncontrast-first", "left labium majus lesion (48 mm)")


def test_a_labial_biopsy_gets_the_biopsy_card_not_the_deep_mass_card() -> None:
    cards = _cards(PELVIS_MRI, LABIAL_MASS, "1. Calcified left labial mass.",
                   ("56605", "BIOPSY LEFT LABIAL MASS"), "Labial mass")
    assert cards == [("biopsy-calcified-mass", "left labial mass (32 mm)")]


def test_the_arteriovenous_malformation_twin_stays_silent() -> None:
    findings = B1.replace("Several round foci of low signal within it represent phleboliths.",
                          "Several round foci of low signal within it are flow voids of "
                          "enlarged feeding arteries; there are no phleboliths.")
    assert _cards(PELVIS_MRI, findings, "1. Left labial arteriovenous malformation.",
                  CT_PELVIS, "Extent") == []


def test_in_a_face_report_labial_is_the_lip() -> None:
    cards = _cards(FACE_MRI, "SOFT TISSUES: A 14 mm lesion in the left labial soft tissues "
                   "contains a phlebolith.", "1. Left labial venous malformation.", CT_FACE,
                   "Lip lesion")
    assert cards == [("contrast-ct-noncontrast-first", "left face lesion (14 mm)")]


def test_a_labral_tear_and_a_deep_pelvic_muscle_are_unchanged() -> None:
    assert _cards("MRI LEFT HIP WITHOUT CONTRAST", "HIP: Anterosuperior acetabular labral tear "
                  "with a small focus of calcification in the labrum.", "1. Labral tear.",
                  ("73701", "CT LEFT HIP W CONTRAST"), "Hip pain") == []
    assert _cards(PELVIS_MRI, "MUSCLES: A 48 mm mass within the left obturator internus "
                  "contains phleboliths.", "1. Left obturator internus venous malformation.",
                  CT_PELVIS, "Extent") == [
        ("deep-soft-tissue-mass", "left obturator internus mass (48 mm)")]
