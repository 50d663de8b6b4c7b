"""The proximal (superior) tibiofibular joint is the knee's: it lies below the lateral tibial
plateau at the fibular head, inside a knee MRI's field, and an operation naming it ("OPEN
SYNOVECTOMY PROX TIB-FIB JOINT LT") treats the calcified bodies there (P18.30; unseen52 b1 pos:
synovial osteochondromatosis of the joint drew no surgical-planning card, the joint read as no
site). Kept silent: non-mineralized synovial chondromatosis, the other side, the ankle's
(distal) tibiofibular joint. Through the pipeline, with a FHIR bundle as an EHR sends it; the
variants failed on main 5fefd5b."""

from __future__ import annotations

import pytest

from tests.eval.full_eval import engine_runner
from tests.support.bundles import mri_order_bundle

RUN = engine_runner()
MRI = "MRI KNEE WO/W LT"
SYNOVECTOMY = ("27334", "OPEN SYNOVECTOMY PROX TIB-FIB JOINT LT")
SCOPE = ("29875", "ARTHROSCOPIC SYNOVECTOMY LEFT PROXIMAL TIBIOFIBULAR JOINT")
LOOSE = ("27331", "REMOVAL OF LOOSE BODIES LEFT PROXIMAL TIBIOFIBULAR JOINT")
RIGHT = ("27334", "OPEN SYNOVECTOMY PROX TIB-FIB JOINT RT")
ANKLE = ("27625", "SYNOVECTOMY LEFT ANKLE")


def _rules(findings: str, impression: str, order: tuple[str, str]) -> list[str]:
    text = (f"EXAM: {MRI}\nHISTORY: Lateral knee swelling below the joint line.\nTECHNIQUE: "
            "Sagittal PD, coronal T1 and STIR, axial T2 fat-saturated.\nCOMPARISON: Left knee "
            f"radiographs 2026-03-30 (reported normal).\nFINDINGS:\n{findings}\nMenisci and "
            "ligaments: Intact.\nCartilage: Mild patellofemoral chondrosis. Small Baker cyst.\n"
            f"IMPRESSION: {impression}")
    bundle = mri_order_bundle(MRI, text, "2026-04-15", order, "Synovial osteochondromatosis",
                              "1992-06-16")
    return [rule for rule, _ in RUN(bundle, "order-select")]


BODIES = ("Proximal tibiofibular joint: The proximal tibiofibular joint is distended by synovial "
          "proliferation containing innumerable uniform 2 to 4 mm bodies with peripheral signal "
          "void and central fatty marrow signal, consistent with osteochondral bodies of synovial "
          "osteochondromatosis.", "1. Synovial osteochondromatosis of the proximal tibiofibular "
          "joint with mineralized bodies.")
SUPERIOR = ("Lateral compartment: Numerous calcified bodies distend the superior tibiofibular "
            "joint, consistent with synovial osteochondromatosis.",
            "1. Synovial osteochondromatosis of the superior tibiofibular joint.")
LOOSE_BODIES = ("Lateral compartment: Several calcified loose bodies lie in the left proximal "
                "tibiofibular joint.", "1. Calcified loose bodies of the proximal tibiofibular "
                "joint.")
PLAIN = ("Lateral compartment: The proximal tibiofibular joint is distended by innumerable "
         "uniform 2 to 4 mm T2 hyperintense nodules without low-signal rims or blooming, "
         "consistent with non-mineralized synovial chondromatosis.",
         "1. Non-mineralized synovial chondromatosis of the proximal tibiofibular joint; no "
         "mineralized bodies.")

VARIANTS = [
    ("open", *BODIES, SYNOVECTOMY),
    ("arthroscopic", *BODIES, SCOPE),
    ("superior", *SUPERIOR, SYNOVECTOMY),
    ("loose-bodies", *LOOSE_BODIES, LOOSE),
    ("superior-scope", *SUPERIOR, SCOPE),
    ("superior-loose", *SUPERIOR, LOOSE),
    ("loose-open", *LOOSE_BODIES, SYNOVECTOMY),
]
GUARDS = [
    ("non-mineralized", *PLAIN, SYNOVECTOMY),
    ("other-side", *BODIES, RIGHT),
    ("ankle", *BODIES, ANKLE),
]


@pytest.mark.parametrize("case", VARIANTS, ids=[v[0] for v in VARIANTS])
def test_an_operation_on_the_proximal_tibiofibular_joint_treats_its_bodies(
        case: tuple[str, ...]) -> None:
    _, findings, impression, order = case
    assert "surgical-planning" in _rules(findings, impression, order)


@pytest.mark.parametrize("case", GUARDS, ids=[g[0] for g in GUARDS])
def test_near_misses_stay_silent(case: tuple[str, ...]) -> None:
    _, findings, impression, order = case
    assert _rules(findings, impression, order) == []
