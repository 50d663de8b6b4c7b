"""A mass within the flexor hallucis longus muscle lies at the ankle as well as in the leg: the
muscle's belly runs low, behind the distal tibia to the level of the ankle joint, and an order
naming the ankle ("IR BX SOFT TISSUE CT GUIDED RT ANKLE") is about a calcified FHL belly mass
(P16.21; unseen52 k1 pos: no card, the order's ankle read as another place than the leg's mass).
Kept silent: the other side's ankle, a mass of a muscle whose belly ends above the ankle (the
soleus), a knee order, a cited CT (adequate). Through the pipeline, with a FHIR bundle as an EHR
sends it; the variants failed on main 5fefd5b."""

from __future__ import annotations

import pytest

from tests.eval.full_eval import engine_runner
from tests.support.bundles import mri_order_bundle

RUN = engine_runner()
MRI = "MRI ANKLE WO/W RT"
CT_BX = ("20206", "IR BX SOFT TISSUE CT GUIDED RT ANKLE")
US_BX = ("20206", "US GUIDED CORE BIOPSY RIGHT ANKLE MASS")
CT_W = ("73701", "CT ANKLE RT W CONTRAST")
BX = ("20206", "CT GUIDED BIOPSY")
LEFT_BX = ("20206", "IR BX SOFT TISSUE CT GUIDED LT ANKLE")
KNEE_BX = ("20206", "IR BX SOFT TISSUE CT GUIDED RT KNEE")


def _rules(findings: str, impression: str, order: tuple[str, str], reason: str,
           comparison: str = "Right ankle radiographs 2026-08-25.") -> list[str]:
    text = (f"EXAM: {MRI}\nHISTORY: Posterior ankle fullness.\nTECHNIQUE: Sagittal T1 and "
            f"STIR, axial PD and T2 fat-saturated.\nCOMPARISON: {comparison}\nFINDINGS:\n"
            f"{findings}\nLigaments: Intact.\nBones and joints: Small tibiotalar effusion.\n"
            f"IMPRESSION: {impression}")
    bundle = mri_order_bundle(MRI, text, "2026-09-08", order, reason, "1968-12-01")
    return [rule for rule, _ in RUN(bundle, "order-select")]


FHL = ("Posterior compartment: A 33 x 21 mm intramuscular mass within the distal flexor hallucis "
       "longus muscle belly above the ankle joint, heterogeneous on T2 with nodular enhancement. "
       "Clustered foci of signal void with blooming are consistent with calcification.",
       "1. Calcified intramuscular flexor hallucis longus mass; sarcoma not excluded.")
FHL_SHORT = ("Muscles: A 4 cm intramuscular mass in the right flexor hallucis longus contains "
             "coarse calcification.", "1. Calcified right flexor hallucis longus mass.")
FHL_PLAIN = ("Posterior compartment: A 28 mm enhancing mass centred in the flexor hallucis longus "
             "muscle with internal calcification.",
             "1. Calcified mass of the flexor hallucis longus muscle.")
SOLEUS = ("Posterior compartment: A 33 mm intramuscular mass within the soleus, with clustered "
          "foci of calcification.", "1. Calcified soleus mass.")

VARIANTS = [
    ("ct-biopsy", *FHL, CT_BX, "Soft tissue mass"),
    ("us-biopsy", *FHL, US_BX, "Deep posterior ankle mass"),
    ("contrast-ct", *FHL_PLAIN, CT_W, "Right ankle mass"),
    ("short-name", *FHL_SHORT, CT_BX, "Sarcoma not excluded"),
    ("reason-ankle", *FHL_PLAIN, BX, "Right posterior ankle soft tissue mass"),
]
GUARDS = [
    ("other-side", *FHL, LEFT_BX, "Soft tissue mass"),
    ("soleus", *SOLEUS, CT_BX, "Soft tissue mass"),
    ("knee", *FHL, KNEE_BX, "Soft tissue mass"),
]


@pytest.mark.parametrize("case", VARIANTS, ids=[v[0] for v in VARIANTS])
def test_a_flexor_hallucis_longus_mass_is_an_ankle_mass(case: tuple[str, ...]) -> None:
    _, findings, impression, order, reason = case
    assert "deep-soft-tissue-mass" in _rules(findings, impression, order, reason)


@pytest.mark.parametrize("case", GUARDS, ids=[g[0] for g in GUARDS])
def test_near_misses_stay_silent(case: tuple[str, ...]) -> None:
    _, findings, impression, order, reason = case
    assert _rules(findings, impression, order, reason) == []


def test_a_cited_ct_has_characterized_it() -> None:
    cited = ("CT right ankle 2026-09-01: the flexor hallucis longus mass contains coarse "
             "calcification.")
    assert _rules(*FHL, CT_BX, "Soft tissue mass", comparison=cited) == []
