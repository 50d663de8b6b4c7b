"""A mass within a muscle whose belly lies in the groin as well as the thigh (the pectineus, the
medial floor of the femoral triangle) is in the field of a CT of the pelvis: a contrast CT of
the pelvis for a "right groin mass" is about the pectineus mass whose cited radiograph showed
amorphous calcification "at the site of the palpable mass" (P12.38; unseen49 e2: no card, as
the mass's site, the thigh, lies in the lower extremity only). So is a tensor fasciae latae
mass, whose belly spans the hip (P1.4). Kept silent: a cited radiograph's vascular calcification
over the thigh (no lesion's), a radiograph without soft-tissue calcification, a vastus
lateralis or adductor longus mass (the thigh only) under a pelvic CT, a chest CT, a cited CT
(adequate). Through the pipeline, with a FHIR bundle as an EHR sends it; the variants failed on
main 6a39385."""

from __future__ import annotations

import pytest

from tests.eval.full_eval import engine_runner
from tests.support.bundles import mri_order_bundle

RUN = engine_runner()
PELVIS_MRI = "MRI PELVIS W&W/O CONT"
CT_PELVIS = ("72193", "CT PELVIS W/CONT")
CT_ABD_PELVIS = ("74177", "CT ABDOMEN AND PELVIS W/CONT")
CT_CHEST = ("71260", "CT CHEST W/CONT")


def _rules(comparison: str, findings: str, impression: str, order: tuple[str, str],
           reason: str, title: str = PELVIS_MRI) -> list[str]:
    text = (f"EXAM: {title}. HISTORY: Enlarging palpable mass. TECHNIQUE: Axial T1, axial and "
            f"coronal T2 fat-saturated, postcontrast T1 fat-saturated. COMPARISON: {comparison} "
            f"FINDINGS: {findings} Lymph nodes: No adenopathy. IMPRESSION: {impression}")
    bundle = mri_order_bundle(title, text, "2026-11-04", order, reason, "1953-04-25")
    return [rule for rule, _ in RUN(bundle, "order-select")]


def _pectineus(side: str) -> tuple[str, str]:
    return (f"Groin: A 5.0 x 3.9 x 4.4 cm mass lies intramuscular within the {side} pectineus, "
            "heterogeneously T2 hyperintense with peripheral nodular enhancement. The femoral "
            "vein is displaced anteriorly without thrombus.",
            f"1. 5.0 cm intramuscular mass of the {side} pectineus; sarcoma is a concern. Tissue "
            "diagnosis recommended.")


def _tfl(side: str) -> tuple[str, str]:
    return (f"Hip: A 4.6 x 3.2 x 3.0 cm heterogeneous mass is centred within the {side} tensor "
            "fasciae latae, with surrounding edema.",
            f"1. 4.6 cm intramuscular {side} tensor fasciae latae mass, indeterminate; biopsy "
            "advised.")


PECT_R, PECT_R_IMP = _pectineus("right")
PECT_L, PECT_L_IMP = _pectineus("left")
TFL_R, TFL_R_IMP = _tfl("right")
TFL_L, TFL_L_IMP = _tfl("left")

VARIANTS = [
    ("pectineus-palpable", "Radiographs of the right hip 2026-08-14: an ill-defined cloud of "
     "amorphous calcification projecting over the medial proximal thigh at the site of the "
     "palpable mass.", PECT_R, PECT_R_IMP, CT_PELVIS, "Right groin mass, staging"),
    ("pectineus-abnormality", "Left hip radiographs 2026-09-02: coarse calcification over the "
     "medial proximal left thigh corresponding to the palpable abnormality.", PECT_L,
     PECT_L_IMP, CT_ABD_PELVIS, "Left groin mass"),
    ("tfl-region", "Radiographs of the right femur 2026-07-30: stippled calcification "
     "projecting over the region of the mass in the lateral proximal thigh.", TFL_R, TFL_R_IMP,
     CT_PELVIS, "Right hip mass"),
    ("tfl-site", "Left hip radiographs 2026-08-21: amorphous soft-tissue calcification at the "
     "site of the mass in the lateral left thigh.", TFL_L, TFL_L_IMP, CT_ABD_PELVIS,
     "Left hip mass, staging"),
    ("pectineus-biopsy", "Radiographs of the right hip 2026-08-14: amorphous calcification "
     "projecting over the medial proximal thigh at the site of the palpable mass.", PECT_R,
     PECT_R_IMP, ("20206", "CT GUIDED BIOPSY RIGHT GROIN MASS"), "Right groin mass"),
]
# as before: the MRI's own statement of the mineral (the report's own place, its title's field)
OWN = ("pectineus-own", "None.", PECT_R + " It contains several foci of amorphous "
       "calcification.", PECT_R_IMP, CT_PELVIS, "Right groin mass")
GUARDS = [
    ("vascular", "Radiographs of the right hip 2026-08-14: vascular calcification projecting "
     "over the medial proximal thigh.", PECT_R, PECT_R_IMP, CT_PELVIS, "Right groin mass"),
    ("twin", "Radiographs of the right hip 2026-08-14: soft-tissue fullness over the medial "
     "proximal thigh at the site of the palpable mass without soft-tissue calcification.",
     PECT_R, PECT_R_IMP, CT_PELVIS, "Right groin mass, staging"),
    ("vastus", "Radiographs of the right femur 2026-08-14: amorphous calcification at the site "
     "of the palpable mass.", "Thigh: A 5.1 x 4.0 x 3.8 cm mass lies within the right vastus "
     "lateralis at mid-thigh.", "1. 5.1 cm right vastus lateralis mass.", CT_PELVIS,
     "Right thigh mass"),
    ("adductor", "Radiographs of the right femur 2026-08-14: amorphous calcification at the "
     "site of the palpable mass.", "Thigh: A 5.1 x 4.0 x 3.8 cm mass lies within the right "
     "adductor longus at mid-thigh.", "1. 5.1 cm right adductor longus mass.", CT_PELVIS,
     "Right thigh mass"),
    ("chest-ct", "Radiographs of the right hip 2026-08-14: amorphous calcification at the site "
     "of the palpable mass.", PECT_R, PECT_R_IMP, CT_CHEST, "Staging"),
    ("cited-ct", "CT of the pelvis 2026-08-14: amorphous calcification at the site of the "
     "palpable mass.", PECT_R, PECT_R_IMP, CT_PELVIS, "Right groin mass"),
]


@pytest.mark.parametrize("case", [*VARIANTS, OWN], ids=[v[0] for v in [*VARIANTS, OWN]])
def test_a_groin_muscle_mass_is_in_a_pelvic_ct(case: tuple[str, ...]) -> None:
    _, comparison, findings, impression, order, reason = case
    assert "deep-soft-tissue-mass" in _rules(comparison, findings, impression, order, reason)


def test_the_card_offers_the_ordered_region_without_contrast() -> None:
    _, comparison, findings, impression, order, reason = VARIANTS[0]
    text = (f"EXAM: {PELVIS_MRI}. COMPARISON: {comparison} FINDINGS: {findings} "
            f"IMPRESSION: {impression}")
    bundle = mri_order_bundle(PELVIS_MRI, text, "2026-11-04", order, reason, "1953-04-25")
    (rule, card), = RUN(bundle, "order-select")
    labels = [s["label"] for s in card.get("suggestions", [])]
    assert rule == "deep-soft-tissue-mass" and "Order CT pelvis without contrast first" in labels


@pytest.mark.parametrize("case", GUARDS, ids=[g[0] for g in GUARDS])
def test_near_misses_stay_silent(case: tuple[str, ...]) -> None:
    _, comparison, findings, impression, order, reason = case
    assert _rules(comparison, findings, impression, order, reason) == []
