"""The part of the heart a calcified finding is, where its calcium word names one (docs/
matching-policy.md P11.40; review round 9 R-which-structure, unseen30 m1: "Linear endocardial
calcification runs along the apex" of endomyocardial fibrosis, beside an apical thrombus the
statements also name, was "Finding: left ventricular apical thrombus"; W-heart, unseen28 m1:
"extensive left atrial wall calcification (porcelain atrium)" was "Finding: heart"). The
guidance: "MRI can be misleading in cardiovascular imaging because of difficulty detecting
clinically important calcifications such as calcified coronary arteries, calcific pericarditis,
or calcified myocardial infarctions"; which structure is calcified is what the card says."""

from __future__ import annotations

import pytest

from tests.test_card_names import card_detail, lesion_line

CARDIAC_MRI = "MRI CARDIAC WITH AND WITHOUT CONTRAST"
ORDER = "MRI CARDIAC MORPH FUNCTION W/O & W CONTRAST"


@pytest.mark.parametrize(("text", "name"), [
    # the endocardium's calcification, beside a thrombus (endomyocardial fibrosis)
    ("FINDINGS:\nLeft ventricle: Normal size, LVEF 56%. The apex is obliterated by low-signal "
     "tissue up to 2.4 cm thick with a non-enhancing thrombus layer. Linear endocardial "
     "calcification runs along the apex, dark on all sequences.\nIMPRESSION:\n1. Apical "
     "obliteration with subendocardial fibrosis, apical thrombus and endocardial "
     "calcification: endomyocardial fibrosis.", "endocardium"),
    ("FINDINGS: Endocardial calcification lines the left ventricular apex beneath an apical "
     "thrombus.", "endocardium"),
    ("FINDINGS: Apical endocardial calcification with overlying laminated apical thrombus, "
     "in keeping with Loeffler endocarditis.", "left ventricular apical endocardium"),
    # an atrial wall's (porcelain atrium), never a thrombus the report denies
    ("FINDINGS:\nLeft atrium: Severely dilated. Continuous curvilinear signal void along the "
     "posterior and lateral left atrial walls, consistent with extensive left atrial wall "
     "calcification (porcelain atrium). No appendage thrombus.", "left atrial wall"),
    ("FINDINGS: Eggshell calcification of the left atrial wall; no left atrial appendage "
     "thrombus.", "left atrial wall"),
    ("FINDINGS: Porcelain left atrium: dense calcification of the left atrial walls. No left "
     "atrial thrombus.", "left atrial wall"),
    # the pericardium's, never the wall it lies over (not an infarct)
    ("FINDINGS: Pericardial calcification over the inferior wall with a small pericardial "
     "effusion.", "pericardium"),
    ("FINDINGS: Calcified pericardium along the inferior wall, with a small effusion.",
     "pericardium"),
    ("FINDINGS: Thin rim of calcification in the pericardium over the anterior wall; no "
     "constrictive physiology.", "pericardium"),
    # an aneurysm's wall, not the thrombus it holds, nor the thrombus's size
    ("FINDINGS: Calcification of the left ventricular aneurysm wall, with laminated thrombus "
     "in the apical aneurysm.", "left ventricular aneurysm"),
    ("FINDINGS: The apical aneurysm wall is calcified, and a 15 mm thrombus lines the apical "
     "aneurysm.", "left ventricular apical aneurysm"),
])
def test_the_part_the_calcium_word_names_is_the_finding(text: str, name: str) -> None:
    """P11.40: the part the calcium word is of names the finding."""
    assert lesion_line(card_detail(text, CARDIAC_MRI, ORDER)) == name


@pytest.mark.parametrize(("text", "name"), [
    # guards: a calcified thrombus, infarct or pericarditis keeps its name and size
    ("FINDINGS: A 2.1 cm left ventricular apical thrombus with a calcified rim.",
     "left ventricular apical thrombus (21 mm)"),
    ("FINDINGS: Calcified lateral wall infarct with thinning.", "lateral left ventricular infarct"),
    ("FINDINGS: Calcific pericarditis: the pericardium is thickened to 6 mm with dense "
     "calcification.", "pericardium"),
    ("FINDINGS: Thickened pericardium with calcification along the atrioventricular groove and "
     "a small effusion.", "pericardium"),
])
def test_a_calcified_thrombus_infarct_or_pericardium_keeps_its_name(text: str, name: str) -> None:
    assert lesion_line(card_detail(text, CARDIAC_MRI, ORDER)) == name


@pytest.mark.parametrize(("text", "name"), [
    # review round 12 (unseen36 c1, m2): a thrombus named after its chamber's appendage, a
    # stenotic valve named by its stenosis (P11.40a)
    ("FINDINGS: Chronic calcified thrombus of the left atrial appendage (2.6 cm); no enhancing "
     "tumour.", "left atrial appendage thrombus (26 mm)"),
    ("FINDINGS: A 14 mm calcified thrombus in the left atrial appendage.",
     "left atrial appendage thrombus (14 mm)"),
    ("FINDINGS: Organized thrombus within the left atrial appendage, 18 mm, with peripheral "
     "calcification.", "left atrial appendage thrombus (18 mm)"),
    ("FINDINGS: Severe calcific aortic stenosis (valve area 0.8 cm2) with heavy leaflet "
     "calcification.", "aortic valve"),
    ("FINDINGS: Calcific aortic stenosis with restricted leaflet opening.", "aortic valve"),
    ("FINDINGS: Rheumatic mitral stenosis with calcified commissures.", "mitral valve"),
    ("FINDINGS: Calcified mitral stenosis, valve area 1.1 cm2.", "mitral valve"),
])
def test_an_appendage_thrombus_and_a_stenotic_valve_are_named(text: str, name: str) -> None:
    """P11.40a: never "Finding: heart"."""
    assert lesion_line(card_detail(text, CARDIAC_MRI, "CTA CORONARY ARTERIES W CONTRAST")) == name
