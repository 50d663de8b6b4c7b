"""Issue 17, the order side: another MRI ordered to characterize a calcified mass that no
mandatory scenario covers (an organ's mass, a cardiac mass; docs/matching-policy.md P4.13). The
guidance names "another MRI to characterize it" among the orders that depend on the
calcification: such an MRI draws the `mri-characterization` card (info: if the question involves
the calcification, noncontrast CT; the MRI still answers its own question). An MRI asking
another question, about another structure or side, or after a CT showed it, draws none. Each
positive test failed on 1a32b32 (red-team probe 1)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from cds_service.config import DEFAULT_CARDS_DIR
from cds_service.core import rules
from cds_service.core.card_library import load_library
from cds_service.core.cards import render
from cds_service.core.reading import read_report
from tests.test_order_catalog import mri, read

LIBRARY = load_library(DEFAULT_CARDS_DIR)

ADRENAL = ("FINDINGS: Adrenals: a 2.8 cm left adrenal nodule with a central focus of "
           "calcification, indeterminate on chemical shift imaging. IMPRESSION: Indeterminate "
           "2.8 cm calcified left adrenal nodule.", "MRI ABDOMEN W WO")
FIBROID = ("FINDINGS: Uterus: enlarged, with a 6.2 cm fundal intramural leiomyoma containing "
           "coarse calcification. IMPRESSION: Calcified fundal leiomyoma.", "MRI PELVIS")
KIDNEY = ("FINDINGS: Kidneys: a 3.1 cm solid right renal mass with peripheral calcification. "
          "IMPRESSION: 3.1 cm calcified right renal mass.", "MRI ABDOMEN")
LIVER = ("FINDINGS: Liver: a 2.4 cm lesion in segment 7 containing a coarse calcification, "
         "atypical for hemangioma. IMPRESSION: Indeterminate calcified hepatic lesion.",
         "MRI LIVER")
HEART = ("FINDINGS: A 4.5 cm intrapericardial mass along the right atrioventricular groove with "
         "dense peripheral calcification. IMPRESSION: Calcified intrapericardial mass.",
         "MRI CARDIAC W WO")
PAROTID = ("FINDINGS: A 2.2 cm well-circumscribed left parotid mass containing punctate "
           "calcifications. IMPRESSION: Calcified left parotid mass.", "MRI NECK SOFT TISSUE")


def cards(case: tuple[str, str], text: str, why: str | None = None, *others: dict[str, Any]
          ) -> list[tuple[str, str, list[str]]]:
    ev = rules.Evidence(reports=(read_report(mri(*case)), *(read_report(o) for o in others)),
                        studies=())
    extra: dict[str, Any] = {"reasonCode": [{"text": why}]} if why else {}
    n = itertools.count()
    out = []
    for p in rules.merge(rules.evaluate(read(text, None, **extra), ev)):
        card = render(p, LIBRARY, patient_id="p1", new_id=lambda: str(next(n))).card
        out.append((p.lead.rule_id, card.indicator.value, [s.label for s in card.suggestions]))
    return out


CHARACTERIZING = [
    (ADRENAL, "MRI ABDOMEN ADRENAL PROTOCOL W WO", "characterize left adrenal nodule",
     "CT abdomen"),
    (ADRENAL, "MRI ABDOMEN W WO CONTRAST", "further evaluation of left adrenal nodule",
     "CT abdomen"),
    (FIBROID, "MR PELVIS W/WO", "characterize uterine mass", "CT pelvis"),
    (KIDNEY, "MRI ABDOMEN RENAL MASS PROTOCOL", None, "CT abdomen"),
    (KIDNEY, "MRI ABDOMEN W WO", "further characterize right renal mass", "CT abdomen"),
    (LIVER, "MRI LIVER W WO CONTRAST", "characterize liver lesion", "CT abdomen"),
    (HEART, "MRI CARDIAC W WO", "Cardiac mass, characterize", "CT chest"),
    (PAROTID, "MR NECK SOFT TISSUE W/WO", "characterize left parotid mass", "CT soft tissue neck"),
]


@pytest.mark.parametrize(("case", "text", "why", "ct"), CHARACTERIZING)
def test_an_mri_to_characterize_a_calcified_organ_mass_draws_the_card(
        case: tuple[str, str], text: str, why: str | None, ct: str) -> None:
    [(rule, indicator, labels)] = cards(case, text, why)
    assert (rule, indicator) == ("mri-characterization", "info")
    assert labels[0].startswith(f"Order {ct}") and labels[0].endswith("without contrast first")
    assert not any(label.startswith("Replace the MRI") for label in labels)


@pytest.mark.parametrize(("case", "text", "why"), [
    (ADRENAL, "MRI ABDOMEN W WO", "adrenal nodule follow-up"),        # surveillance, no question
    (ADRENAL, "MRCP", "choledocholithiasis"),
    (ADRENAL, "MRI ABDOMEN ADRENAL PROTOCOL W WO", "characterize right adrenal nodule"),
    (KIDNEY, "MRI LUMBAR SPINE WO", "low back pain, radiculopathy"),
    (FIBROID, "MRI PELVIS W WO", "rectal cancer staging"),
    (LIVER, "MRI BRAIN W WO", "characterize enhancing lesion"),
    (HEART, "MRI CARDIAC W WO", "viability, ischaemic cardiomyopathy"),
])
def test_an_mri_asking_another_question_draws_none(case: tuple[str, str], text: str,
                                                  why: str) -> None:
    assert cards(case, text, why) == []


def test_a_ct_after_the_mri_answers_it() -> None:
    ct = {"resourceType": "DiagnosticReport", "id": "ct1", "status": "final",
          "code": {"text": "CT ABDOMEN WITHOUT CONTRAST"}, "effectiveDateTime": "2026-10-12",
          "subject": {"reference": "Patient/p1"},
          "conclusion": "2.8 cm left adrenal nodule with central coarse calcification."}
    assert cards(ADRENAL, "MRI ABDOMEN ADRENAL PROTOCOL W WO",
                 "characterize left adrenal nodule", ct) == []


# --- P4.13a: an MRI whose reason names the mass itself asks what it is -------------------------

@pytest.mark.parametrize(("case", "text", "why"), [
    (HEART, "MRI CARDIAC W WO", "Cardiac mass"),
    (HEART, "MR HEART MORPHOLOGY W/WO", "intrapericardial mass"),
    (ADRENAL, "MRI ABDOMEN W WO", "Left adrenal nodule"),
    (KIDNEY, "MRI ABDOMEN W WO", "right renal mass"),
    (LIVER, "MRI LIVER W WO CONTRAST", "Liver lesion"),
    (PAROTID, "MR NECK SOFT TISSUE W/WO", "left parotid mass"),
])
def test_an_mri_whose_reason_is_the_mass_draws_the_card(case: tuple[str, str], text: str,
                                                        why: str) -> None:
    assert [(r, i) for r, i, _ in cards(case, text, why)] == [("mri-characterization", "info")]


@pytest.mark.parametrize(("case", "text", "why"), [
    (HEART, "MRI CARDIAC W WO", "Cardiac mass, 6-month follow-up"),
    (ADRENAL, "MRI ABDOMEN W WO", "left adrenal nodule surveillance"),
    (KIDNEY, "MRI ABDOMEN W WO", "right renal mass, interval stability"),
    (LIVER, "MRI LIVER W WO CONTRAST", "f/u liver lesion"),
    (PAROTID, "MR NECK SOFT TISSUE W/WO", "parotid mass, monitoring"),
])
def test_a_surveillance_mri_of_the_mass_draws_none(case: tuple[str, str], text: str,
                                                   why: str) -> None:
    assert cards(case, text, why) == []


BREAST = ("FINDINGS: A 14 mm irregular mass at 2 o'clock in the left breast contains coarse "
          "calcifications.", "MRI BREAST BILATERAL W WO")


@pytest.mark.parametrize(("text", "why"), [
    ("MRI BREAST BILATERAL W WO", "characterize left breast mass"),
    ("MRI BREAST LEFT W WO", "left breast mass"),
])
def test_a_breast_mass_is_offered_the_mammogram_never_a_chest_ct(text: str, why: str) -> None:
    """P13.6: the breast's own reference modality, in the summary, the text and the offer."""
    ev = rules.Evidence(reports=(read_report(mri(*BREAST)),), studies=())
    n = itertools.count()
    [problem] = rules.merge(rules.evaluate(read(text, None, reasonCode=[{"text": why}]), ev))
    card = render(problem, LIBRARY, patient_id="p1", new_id=lambda: str(next(n))).card
    assert "mammogram" in card.summary and "CT chest" not in (card.detail or "")
    assert [s.label for s in card.suggestions] == [
        "Order diagnostic mammogram of the left breast first"]


# --- P4.13b: brain-tumour protocol names of a head MRI (RadLex catalog sweep) -------------------

BRAIN = ("FINDINGS: A 4.2 cm heterogeneous mass in the right frontal lobe with coarse "
         "calcifications on the susceptibility-weighted images. IMPRESSION: Calcified right "
         "frontal mass; oligodendroglioma is a consideration.", "MRI BRAIN W WO")
FOSSA = ("FINDINGS: A 3.5 cm mass in the posterior fossa arising from the fourth ventricle with "
         "foci of calcification. IMPRESSION: Calcified posterior fossa mass.", "MRI BRAIN W WO")
GLOBE = ("FINDINGS: A 6 mm enhancing mass at the posterior aspect of the left globe with a focus "
         "of low signal that may represent calcification. IMPRESSION: Left posterior globe mass, "
         "possibly calcified.", "MRI ORBIT WITHOUT CONTRAST")


@pytest.mark.parametrize(("case", "text"), [
    (BRAIN, "MR Head w and wo IV Contrast Tumor High Grade"),   # a graded glioma's follow-up
    (BRAIN, "MR Head w and wo IV Contrast Tumor Low Grade"),
    (BRAIN, "MR Head w/wo Tumor HG"),
    (FOSSA, "MR Head w/wo Tumor LG"),
    (FOSSA, "MRI HEAD W WO CONTRAST TUMOR LOW-GRADE"),
    (GLOBE, "MR Head w and wo IV Contrast Tumor New"),           # a brain protocol, not the globe
    (GLOBE, "MR Head w/wo Tumor New"),
    (GLOBE, "MR Head w/wo Tumor HG"),
])
def test_a_graded_tumour_protocol_or_a_globe_lesion_draws_none(case: tuple[str, str],
                                                               text: str) -> None:
    assert cards(case, text) == []


@pytest.mark.parametrize(("case", "text"), [
    (BRAIN, "MR Head w and wo IV Contrast Tumor New"),   # a new brain tumour's work-up
    (BRAIN, "MR Head w/wo Tumor New"),
    (FOSSA, "MR Head w/wo Tumor New"),
    (GLOBE, "MR Orbits w/wo mass"),                      # the orbit's own MRI keeps it
    (ADRENAL, "MR Abdomen Adrenal Protocol w/wo"),
])
def test_a_new_tumour_work_up_of_its_own_site_keeps_the_card(case: tuple[str, str],
                                                             text: str) -> None:
    assert [(r, i) for r, i, _ in cards(case, text)] == [("mri-characterization", "info")]
