"""A radiograph's mineral in radiographers' words (P12.35-P12.37; unseen48 o1): "On the sinus
radiographs of 2026-08-11 faint punctate densities project over the left nasal cavity at the
site of the mass" is the radiograph's calcification of the mass the MRI describes there, and a
radiograph is not adequate for a sinonasal mass (P13.1), so a contrast-only CT of the face asks
for noncontrast images first, quoting the radiograph. Punctate, stippled, speckled, flocculent
or popcorn densities, stippled opacities, radiodense or radiopaque foci, radiodensities and
radiopacities are mineral; opacification, an airspace opacity, a soft-tissue density, increased
density of a sinus, punctate opacities of the lungs (micronodules), lucencies and hypodensities
are not, nor is a radiopaque foreign body. The words mean X-ray attenuation, so they count only
as the statement of a radiograph, CT or mammogram (cited, or in such a report), never as an
MRI's own. Through the pipeline, with FHIR bundles as an EHR sends them; the variants failed on
main 251a1ac."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from cds_service.core.reading import read_text
from cds_service.core.reading.report import read_report
from tests.eval.full_eval import engine_runner
from tests.support.bundles import DCM, mri_order_bundle

RUN = engine_runner()
FACE_CT = ("70487", "CT MAXILLOFACIAL W CONTRAST")
NECK_BIOPSY = ("21550", "CT Guided Biopsy Soft Tissue Neck Right")
SINUS_MRI = "MRI SINUS FACE W WO CONTRAST"
NECK_MRI = "MRI Neck Soft Tissue w/o & w/ Contrast"

MASS = ("SINONASAL: A 34 mm lobulated enhancing mass fills the left superior nasal cavity and "
        "olfactory recess, abutting the cribriform plate without intracranial extension. It is "
        "intermediate on T2 with small peripheral cysts at the skull-base margin.")
IMPRESSION = ("1. 34 mm left superior nasal cavity mass at the cribriform plate, favouring "
              "olfactory neuroblastoma.\n2. Obstructive left maxillary sinus opacification.")
NECK = ("PARAPHARYNGEAL SPACE: A 4.6 x 3.8 x 3.2 cm lobulated heterogeneous mass is centred in "
        "the right prestyloid parapharyngeal space, bowing the right lateral pharyngeal wall.")
NECK_IMP = "1. 4.6 cm right prestyloid parapharyngeal space mass; tissue sampling advised."


def _mri(findings: str, impression: str = IMPRESSION, title: str = SINUS_MRI,
         comparison: str = "Sinus radiographs of 2026-08-11.") -> str:
    return (f"EXAM: {title}\nHISTORY: Left nasal obstruction and epistaxis.\nTECHNIQUE: "
            f"Multiplanar images before and after gadolinium.\nCOMPARISON: {comparison}\n"
            f"FINDINGS:\n{findings}\nORBITS: Normal.\nIMPRESSION:\n{impression}\n")


def _prior(rid: str, title: str, modality: str, date: str, text: str) -> list[dict[str, Any]]:
    """A prior report of ``modality`` with its study, as a record holds them."""
    report = {"resourceType": "DiagnosticReport", "id": rid, "status": "final",
              "code": {"text": title}, "subject": {"reference": "Patient/p1"},
              "effectiveDateTime": date, "imagingStudy": [{"reference": f"ImagingStudy/s{rid}"}],
              "presentedForm": [{"contentType": "text/plain",
                                 "data": base64.b64encode(text.encode()).decode()}]}
    study = {"resourceType": "ImagingStudy", "id": f"s{rid}", "status": "available",
             "subject": {"reference": "Patient/p1"}, "started": f"{date}T09:30:00Z",
             "modality": [{"system": DCM, "code": modality}], "description": title}
    return [{"resource": report}, {"resource": study}]


def _rules(text: str, order: tuple[str, str] = FACE_CT, title: str = SINUS_MRI,
           priors: list[dict[str, Any]] | None = None) -> list[str]:
    bundle = mri_order_bundle(title, text, "2026-09-02", order, "Mass, staging", "1968-04-22")
    bundle["entry"].extend(priors or [])
    return [rule for rule, _ in RUN(bundle, "order-select")]


def _cited(text: str) -> list[Any]:
    return [m for m in read_text(text).mentions if m.concept == "calcification" and m.counts]


VARIANTS = [
    ("punctate", MASS + " On the sinus radiographs of 2026-08-11 faint punctate densities "
     "project over the left nasal cavity at the site of the mass."),
    ("stippled", MASS + " The sinus radiographs of 2026-08-11 showed stippled densities in the "
     "region of the mass."),
    ("radiodense-foci", MASS + " Radiographs of the sinuses from 2026-08-11 demonstrate "
     "radiodense foci projecting over the mass."),
    ("radiopacities", MASS + " On the Waters view of the sinus radiographs of 2026-08-11, small "
     "radiopacities project over the left nasal cavity at the site of the mass."),
    ("punctate-and-curvilinear", MASS + " The outside sinus x-rays of 2026-08-11 show punctate "
     "and curvilinear densities within this mass."),
    ("stippled-opacities", MASS + " On the sinus radiographs of 2026-08-11, stippled opacities "
     "project over the left nasal cavity at the site of the mass."),
    ("radiopaque-foci", MASS + " Plain films of the sinuses (2026-08-11) showed several "
     "radio-opaque foci within this mass."),
]


@pytest.mark.parametrize("case", VARIANTS, ids=[v[0] for v in VARIANTS])
def test_a_radiographs_mineral_densities_at_the_mass_ask_for_noncontrast_images(
        case: tuple[str, str]) -> None:
    _, findings = case
    text = _mri(findings)
    cited = _cited(text)
    assert cited and all(m.seen_on == "XR" and not m.own and m.kind == "mass" for m in cited)
    assert _rules(text) == ["contrast-ct-noncontrast-first"]


def test_the_card_quotes_the_radiograph_and_names_the_mass() -> None:
    text = _mri(VARIANTS[0][1])
    bundle = mri_order_bundle(SINUS_MRI, text, "2026-09-02", FACE_CT, "Sinonasal mass",
                              "1968-04-22")
    [(rule, card)] = RUN(bundle, "order-sign")
    assert rule == "contrast-ct-noncontrast-first"
    assert card["summary"].startswith("Calcification on radiograph (cited in MRI 2026-09-02)")
    assert "**Radiograph** of 2026-08-11, cited in MRI" in card["detail"]
    assert "faint punctate densities project over the left nasal cavity" in card["detail"]
    assert "left nasal cavity mass (34 mm)" in card["detail"]


def test_in_the_comparison_line_or_under_a_radiographs_heading() -> None:
    comparison = ("Sinus radiographs 2026-08-11: opacified left nasal cavity with faint punctate "
                  "densities projecting over it.")
    text = _mri(MASS, comparison=comparison)
    assert [m.seen_on for m in _cited(text)] == ["XR"]
    assert _rules(text) == ["contrast-ct-noncontrast-first"]
    headed = _mri(MASS + "\n\nRadiographs of the sinuses, 2026-08-11:\nStippled densities project "
                  "over the left nasal cavity mass.\n")
    assert [m.seen_on for m in _cited(headed)] == ["XR"]
    assert _rules(headed) == ["contrast-ct-noncontrast-first"]


def test_a_neck_radiographs_flocculent_densities_before_a_biopsy() -> None:
    text = _mri(NECK + " The lateral soft-tissue neck radiograph of 2026-08-11 showed flocculent "
                "densities within this mass.", NECK_IMP, NECK_MRI, "Neck radiograph.")
    assert [m.seen_on for m in _cited(text)] == ["XR"]
    assert _rules(text, NECK_BIOPSY, NECK_MRI) == ["biopsy-calcified-mass"]


GUARDS = [
    ("opacification", "On the sinus radiographs of 2026-08-11 there is opacification of the "
     "left nasal cavity and maxillary sinus."),
    ("soft-tissue-density", "On the sinus radiographs of 2026-08-11 a soft-tissue density fills "
     "the left nasal cavity at the site of the mass."),
    ("increased-density", "The sinus radiographs of 2026-08-11 showed increased density of the "
     "left maxillary sinus."),
    ("airspace-opacity", "The chest radiograph of 2026-08-11 showed a patchy airspace opacity "
     "at the left lung base."),
    ("lung-micronodules", "The chest radiograph of 2026-08-11 showed innumerable punctate "
     "opacities in both lungs."),
    ("lucencies", "The sinus radiographs of 2026-08-11 showed punctate lucencies and "
     "hypodensities over the left nasal cavity at the site of the mass."),
    ("denied", "The sinus radiographs of 2026-08-11 showed no punctate densities over the left "
     "nasal cavity."),
    ("foreign-body", "The facial radiographs of 2026-08-11 showed radiopaque foci over the left "
     "cheek, consistent with retained metallic foreign bodies."),
    ("mri-own", "Faint punctate densities are present in the mass."),
]


@pytest.mark.parametrize("case", GUARDS, ids=[g[0] for g in GUARDS])
def test_densities_that_are_no_mineral_stay_silent(case: tuple[str, str]) -> None:
    _, sentence = case
    text = _mri(MASS + " " + sentence)
    assert not _cited(text)
    assert _rules(text) == []


def test_a_cited_ct_showed_it_silent() -> None:
    text = _mri(MASS + " On the outside noncontrast CT of the sinuses of 2026-08-11 punctate "
                "calcifications lie within the mass.")
    assert [m.seen_on for m in _cited(text)] == ["CT"]
    assert _rules(text) == []


def test_the_radiograph_report_itself_states_it_and_does_not_answer_the_mass() -> None:
    xr = ("EXAM: XR SINUSES 3 VIEWS\nFINDINGS: Opacified left nasal cavity and left maxillary "
          "sinus. Faint punctate densities project over the left nasal cavity.\nIMPRESSION: "
          "Left sinonasal opacification; cross-sectional imaging advised.")
    prior = _prior("xr-1", "XR SINUSES 3 VIEWS", "DX", "2026-08-11", xr)
    found = read_report(prior[0]["resource"], validate=False).findings
    assert found.calcification == "present"
    text = _mri(VARIANTS[0][1])
    assert _rules(text, priors=prior) == ["contrast-ct-noncontrast-first"]


def test_an_earlier_ct_reports_punctate_densities_in_the_mass_silent() -> None:
    ct = ("EXAM: CT SINUS WO CONTRAST\nFINDINGS: Soft-tissue mass in the left superior nasal "
          "cavity with punctate densities within it, thinning the cribriform plate.\n"
          "IMPRESSION: Left nasal cavity mass.")
    prior = _prior("ct-1", "CT SINUS WO CONTRAST", "CT", "2026-08-11", ct)
    assert read_report(prior[0]["resource"], validate=False).findings.calcification == "present"
    assert _rules(_mri(VARIANTS[0][1]), priors=prior) == []
