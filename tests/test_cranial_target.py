"""P18.24: a cranial operation acts on the intracranial structure it names, not on any calcified
structure of the brain on its side. On af20e49 an evacuation of a subdural hematoma (CPT 61154,
61312, "BURR HOLE DRAINAGE OF CHRONIC SUBDURAL HEMATOMA") drew surgical-planning over a calcified
meningioma on the same side, and a craniotomy for a meningioma or a tumour (61510) over a
calcified chronic subdural hematoma: a match by the brain's site and the side alone. Guards keep
P18.20's cards: the evacuation over the calcified subdural, the resection over the calcified
tumour, and an operation naming neither."""

from __future__ import annotations

import pytest

from tests.test_cranial_orbital_surgery import CRANIOPHARYNGIOMA, MENINGIOMA, SDH, leads

# a noncalcified subacute subdural hematoma beside a calcified meningioma on the same side
SDH_AND_MENINGIOMA = (
    "FINDINGS: EXTRA-AXIAL: A 12 mm right convexity subdural collection is T1 hyperintense, "
    "without blooming or a low signal rim, consistent with a subacute subdural hematoma. Mass "
    "effect with 4 mm leftward midline shift. An 18 mm dural-based mass along the right frontal "
    "convexity is T2 hypointense with dense internal low signal on all sequences and blooming on "
    "SWI, consistent with calcification. IMPRESSION: 1. Right subacute subdural hematoma with "
    "mass effect. 2. Small calcified right frontal convexity meningioma.")
# a calcified chronic subdural beside a noncalcified enhancing glioma on the same side
SDH_AND_GLIOMA = (
    "FINDINGS: A 10 mm right convexity subdural collection has thick membranes with peripheral "
    "curvilinear low signal and blooming on SWI, consistent with calcification of the membranes. "
    "A 35 mm enhancing intra-axial mass of the right temporal lobe, without blooming or "
    "calcification, with surrounding vasogenic edema. IMPRESSION: 1. Calcified chronic right "
    "subdural hematoma. 2. Right temporal mass, high-grade glioma favoured.")

EVACUATIONS = [
    ("CRANIOTOMY EVACUATION SUBDURAL HEMATOMA", "61312"),
    (None, "61312"),
    (None, "61154"),
    ("BURR HOLE DRAINAGE OF CHRONIC SUBDURAL HEMATOMA", None),
    ("RIGHT CRANIOTOMY FOR EVACUATION OF SDH", None),
    ("EVACUATION OF RIGHT SUBDURAL HYGROMA", None),
]
RESECTIONS = [
    ("RIGHT FRONTAL CRANIOTOMY FOR RESECTION OF MENINGIOMA", None),
    ("CRANIOTOMY FOR TUMOR", "61510"),
    ("RIGHT CRANIOTOMY FOR GLIOMA RESECTION", None),
    ("CRANIOTOMY FOR EXCISION OF BRAIN TUMOR", None),
    ("STEREOTACTIC BRAIN BIOPSY OF RIGHT TEMPORAL MASS", "61750"),
]


@pytest.mark.parametrize(("text", "code"), EVACUATIONS)
@pytest.mark.parametrize("report", [MENINGIOMA, SDH_AND_MENINGIOMA])
def test_a_subdural_evacuation_is_not_about_a_calcified_tumour(
        report: str, text: str | None, code: str | None) -> None:
    assert "surgical-planning" not in leads(report, text, code)


@pytest.mark.parametrize(("text", "code"), RESECTIONS)
@pytest.mark.parametrize("report", [SDH, SDH_AND_GLIOMA])
def test_a_tumour_operation_is_not_about_a_calcified_subdural(
        report: str, text: str | None, code: str | None) -> None:
    assert leads(report, text, code) == []


@pytest.mark.parametrize(("text", "code"), EVACUATIONS)
@pytest.mark.parametrize("report", [SDH, SDH_AND_GLIOMA])
def test_a_subdural_evacuation_keeps_its_card_over_the_calcified_subdural(
        report: str, text: str | None, code: str | None) -> None:
    assert leads(report, text, code) == ["surgical-planning"]


@pytest.mark.parametrize(("text", "code"), RESECTIONS[:4])
@pytest.mark.parametrize("report", [MENINGIOMA, SDH_AND_MENINGIOMA])
def test_a_tumour_operation_keeps_its_card_over_the_calcified_tumour(
        report: str, text: str | None, code: str | None) -> None:
    assert leads(report, text, code) == ["surgical-planning"]


def test_a_sellar_resection_keeps_its_card() -> None:
    assert leads(CRANIOPHARYNGIOMA, "ENDOSCOPIC ENDONASAL RESECTION OF SELLAR MASS", None) == [
        "surgical-planning"]


@pytest.mark.parametrize("report", [
    "FINDINGS: Right convexity chronic subdural hematoma, 12 mm, with calcified membranes "
    "showing blooming on SWI. IMPRESSION: Calcified chronic right subdural hematoma.",
    "FINDINGS: There is a right-sided chronic SDH measuring 11 mm with peripheral "
    "calcification of its membranes.",
    "FINDINGS: Calcification of the right subdural membranes with blooming on SWI, 9 mm "
    "collection beneath.",
    "FINDINGS: Armored right subdural collection with curvilinear calcification.",
    "FINDINGS: A chronic right subdural hygroma, 10 mm, with membrane calcification.",
    "FINDINGS: Right frontal extra-axial collection with peripheral calcification, consistent "
    "with a calcified chronic subdural hematoma.",
])
def test_a_calcified_subdural_in_other_words_is_the_evacuation_s_not_a_tumour_s(
        report: str) -> None:
    assert leads(report, "CRANIOTOMY EVACUATION SUBDURAL HEMATOMA", "61312") == [
        "surgical-planning"]
    assert leads(report, "CRANIOTOMY FOR TUMOR", "61510") == []
