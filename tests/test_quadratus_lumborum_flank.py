"""A mass within the quadratus lumborum lies in the flank and the retroperitoneum as well as
beside the spine: the muscle is the posterior abdominal wall between the iliac crest, the
twelfth rib and the lumbar transverse processes, lateral to the psoas, and clinicians name a
mass there a "flank mass" or a "retroperitoneal mass" (P1.12; unseen50 k1: a calcified left
quadratus lumborum mass drew no card before "CT Abdomen w/ Contrast" for a "Left flank mass on
MRI", the reason's flank read as another place than the mass, whose site was the paraspinal
region only). Kept silent: the other side's flank, a mass of a muscle that is not in the flank
(the erector spinae), a normal quadratus lumborum beside a vertebral lesion, a chest CT, a
cited CT (adequate). Through the pipeline, with a FHIR bundle as an EHR sends it; the variants
failed on main af20e49."""

from __future__ import annotations

import pytest

from tests.eval.full_eval import engine_runner
from tests.support.bundles import mri_order_bundle

RUN = engine_runner()
ABD_MRI = "MRI ABDOMEN WITHOUT AND WITH CONTRAST"
CT_ABD = ("74160", "CT Abdomen w/ Contrast")
CT_ABD_PELVIS = ("74177", "CT ABD/PELVIS W CONTRAST")
CT_CHEST = ("71260", "CT CHEST W/CONT")
BIOPSY = ("20206", "CT GUIDED BIOPSY LEFT FLANK MASS")


def _rules(findings: str, impression: str, order: tuple[str, str], reason: str,
           comparison: str = "Renal ultrasound 2026-09-21.") -> list[str]:
    text = (f"EXAM: {ABD_MRI}\nHISTORY: Flank pain.\nTECHNIQUE: Multiplanar T2, in- and "
            f"opposed-phase T1, dynamic post-contrast T1.\nCOMPARISON: {comparison}\nFINDINGS:\n"
            f"{findings}\nKIDNEYS AND ADRENALS: Normal kidneys. A 12 mm left adrenal adenoma.\n"
            f"LIVER: Hepatic steatosis.\nIMPRESSION: {impression}")
    bundle = mri_order_bundle(ABD_MRI, text, "2026-09-30", order, reason, "1970-06-17")
    return [rule for rule, _ in RUN(bundle, "order-select")]


def _ql(side: str, muscle: str = "quadratus lumborum muscle") -> tuple[str, str]:
    return (f"MUSCULOSKELETAL: A 47 x 31 mm well-circumscribed mass within the {side} {muscle}, "
            "T2 heterogeneous with nodular enhancement and internal clustered foci of low signal "
            "on all sequences representing calcification. Vertebral bodies are normal.",
            f"1. Calcified intramuscular mass of the {side} quadratus lumborum; soft-tissue "
            "sarcoma is not excluded. 2. Left adrenal adenoma.")


QL_L, QL_L_IMP = _ql("left")
QL_R, QL_R_IMP = _ql("right", "quadratus lumborum")
QL_CENTRED = ("SOFT TISSUES: An intramuscular mass of 52 mm centred in the left quadratus "
              "lumborum contains coarse calcification.")

VARIANTS = [
    ("flank-reason", QL_L, QL_L_IMP, CT_ABD, "Left flank mass on MRI"),
    ("retroperitoneal-reason", QL_L, QL_L_IMP, CT_ABD, "Left retroperitoneal mass"),
    ("abd-pelvis", QL_R, QL_R_IMP, CT_ABD_PELVIS, "Right flank mass, staging"),
    ("flank-biopsy", QL_L, QL_L_IMP, BIOPSY, "Left flank mass"),
    ("centred", QL_CENTRED, "1. Calcified left quadratus lumborum mass.", CT_ABD,
     "Painful left flank mass"),
]
GUARDS = [
    ("other-side", QL_L, QL_L_IMP, CT_ABD, "Right flank mass"),
    ("erector-spinae", "MUSCULOSKELETAL: A 47 mm mass within the left erector spinae at L2 "
     "contains clustered foci of calcification.", "1. Calcified left erector spinae mass.",
     CT_ABD, "Left flank mass"),
    ("vertebral-twin", "MUSCULOSKELETAL: A 31 mm lobulated lesion in the left side of the L2 "
     "vertebral body, T2 hyperintense with punctate low-signal foci that may represent "
     "chondroid matrix. The left quadratus lumborum and psoas muscles are normal.",
     "1. L2 vertebral body lesion with possible chondroid matrix.", CT_ABD,
     "Left flank mass on MRI"),
    ("chest-ct", QL_L, QL_L_IMP, CT_CHEST, "Staging"),
]


@pytest.mark.parametrize("case", VARIANTS, ids=[v[0] for v in VARIANTS])
def test_a_quadratus_lumborum_mass_is_a_flank_mass(case: tuple[str, ...]) -> None:
    _, findings, impression, order, reason = case
    assert "deep-soft-tissue-mass" in _rules(findings, impression, order, reason)


def test_the_card_offers_the_ordered_region_without_and_with_contrast() -> None:
    text = f"EXAM: {ABD_MRI}\nFINDINGS:\n{QL_L}\nIMPRESSION: {QL_L_IMP}"
    bundle = mri_order_bundle(ABD_MRI, text, "2026-09-30", CT_ABD, "Left flank mass on MRI",
                              "1970-06-17")
    (rule, card), = RUN(bundle, "order-select")
    labels = [s["label"] for s in card.get("suggestions", [])]
    assert rule == "deep-soft-tissue-mass"
    assert "left quadratus lumborum mass (47 mm)" in card["detail"]
    assert "Change to CT abdomen without and with contrast" in labels


@pytest.mark.parametrize("case", GUARDS, ids=[g[0] for g in GUARDS])
def test_near_misses_stay_silent(case: tuple[str, ...]) -> None:
    _, findings, impression, order, reason = case
    assert _rules(findings, impression, order, reason) == []


def test_a_cited_ct_has_characterized_it() -> None:
    cited = "CT abdomen 2026-09-01: the left quadratus lumborum mass contains coarse calcification."
    assert _rules(QL_L, QL_L_IMP, CT_ABD, "Left flank mass", comparison=cited) == []
