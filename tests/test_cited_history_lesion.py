"""A history's lump is the question, never the lesion a cited mineral belongs to (P12.26): "Left
upper arm mass." in the History and an ultrasound's "echogenic foci with shadowing … consistent
with calcification" cited in the Findings, where this MRI finds "No soft-tissue mass", drew the
planning card before the arm excision, naming the History's mass. Only the report's own Findings
or Impression describe the lesion a cited statement without a lesion word is about (as P12.21
requires for placed bodies); where they describe one there, the card stays."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text
from tests.test_cited_at_lesion_site import _cards, report

ARM = report(
    "MRI LEFT HUMERUS WITHOUT AND WITH CONTRAST", "Left upper arm mass, enlarging.",
    "Ultrasound left arm 2026-09-01.",
    "Soft tissues: The ultrasound of 2026-09-01 showed echogenic foci with acoustic shadowing in "
    "the anterior arm, consistent with calcification. No soft-tissue mass is identified on this "
    "MRI.\nBones: Normal humeral marrow.", "1. No soft-tissue mass in the left arm.")
CALF = report(
    "MRI LEFT TIBIA AND FIBULA WITHOUT AND WITH CONTRAST", "Firm calf mass, for characterization.",
    "XR TIBIA/FIBULA LEFT 2026-07-07: punctate calcifications in the posterior calf soft tissues.",
    "Muscles: The gastrocnemius and soleus are normal in bulk and signal. No mass is seen.\n"
    "Bones: Normal tibia and fibula.", "1. No calf mass identified.")
GLUTEAL = report(
    "MRI PELVIS (RIGHT GLUTEAL) WITHOUT AND WITH CONTRAST",
    "Right buttock lump, ? lipoma. Painful on sitting.",
    "Pelvis radiograph 2026-05-14: faint curvilinear calcification over the right gluteal "
    "soft tissues.",
    "Muscles: The gluteal muscles are symmetric without mass, edema or atrophy.\n"
    "Bones: Normal pelvic marrow.", "1. No gluteal mass. Normal study.")
THIGH = report(
    "MRI RIGHT FEMUR WITHOUT AND WITH CONTRAST", "Posterior right thigh mass, hard on palpation.",
    "Outside femur radiographs 2026-06-02.",
    "Soft tissues: The outside femur radiographs show amorphous mineralization in the posterior "
    "thigh. No corresponding soft-tissue mass, edema or collection on MRI.\n"
    "Bones: Normal femoral marrow.", "1. No soft-tissue mass of the right thigh.")
LEG_US = report(
    "MRI RIGHT LOWER LEG WITHOUT AND WITH CONTRAST",
    "Palpable mass over the right anterior lower leg.",
    "US right lower leg 2026-08-30: small echogenic shadowing focus in the anterior leg "
    "subcutaneous fat, likely calcification.",
    "Soft tissues: No mass at the skin marker. Subcutaneous fat normal.\nBones: Normal tibia.",
    "1. No mass at the site of clinical concern.")
FOREARM = report(
    "MRI RIGHT FOREARM WITHOUT AND WITH CONTRAST", "Right volar forearm soft-tissue mass.",
    "Forearm radiographs 2026-06-20.",
    "Soft tissues: Forearm radiographs of 2026-06-20 show a small focus of soft-tissue "
    "mineralization volar to the radius. No soft-tissue mass or fluid collection at the marker."
    "\nBones: Normal.", "1. No soft-tissue mass to account for the clinical finding.")
VARIANTS = [
    ("arm-us", ARM, "EXCISION SOFT TISSUE TUMOR UPPER ARM SUBFASCIAL LEFT", "24076"),
    ("calf-xr", CALF, "US GUIDED CORE BIOPSY LEFT CALF MASS", "20206"),
    ("gluteal-xr", GLUTEAL, "EXCISION TUMOR SOFT TISSUE PELVIS/HIP SUBFASCIAL RIGHT", "27048"),
    ("thigh-xr", THIGH, "EXCISION SOFT TISSUE TUMOR THIGH SUBFASCIAL 5 CM OR GREATER RIGHT",
     "27339"),
    ("forearm-xr", FOREARM, "EXCISION TUMOR SOFT TISSUE FOREARM SUBFASCIAL RIGHT", "25071"),
    ("leg-us", LEG_US, "EXCISION TUMOR SOFT TISSUE LEG/ANKLE SUBFASCIAL RIGHT", "27615"),
]
# the report's own Findings describe the lesion at that site: the cited mineral is its (P12.3)
OWN_ARM = ARM.replace("No soft-tissue mass is identified on this MRI.",
                      "A 4.6 x 3.2 x 2.8 cm mass lies within the left brachialis, T2 "
                      "hyperintense with delayed heterogeneous enhancement.").replace(
    "1. No soft-tissue mass in the left arm.", "1. 4.6 cm intramuscular mass of the left "
    "brachialis.")
OWN_CALF = CALF.replace("The gastrocnemius and soleus are normal in bulk and signal. No mass is "
                        "seen.", "A 5.1 x 3.0 x 2.7 cm heterogeneous mass lies within the left "
                        "soleus.").replace("1. No calf mass identified.",
                                           "1. 5.1 cm soleus mass.")
GUARDS = [
    ("own-arm", OWN_ARM, "EXCISION SOFT TISSUE TUMOR UPPER ARM SUBFASCIAL LEFT", "24076",
     ["surgical-planning"]),
    # a mass within the soleus is intramuscular: the deep-mass card leads (P4.26, P4.9c 1.)
    ("own-calf", OWN_CALF, "US GUIDED CORE BIOPSY LEFT CALF MASS", "20206",
     ["deep-soft-tissue-mass"]),
]


@pytest.mark.parametrize(("name", "text", "order", "code"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_a_history_lump_gives_a_cited_mineral_no_lesion(name: str, text: str, order: str,
                                                        code: str) -> None:
    cited = [m for m in read_text(text).mentions if m.seen_on in ("XR", "US")]
    history = text.split("HISTORY:", 1)[1].split("\n", 1)[0]
    assert cited and not any(m.described and m.described in history for m in cited)
    assert _cards(text, order, code) == []


@pytest.mark.parametrize(("name", "text", "order", "code", "expected"), GUARDS,
                         ids=[g[0] for g in GUARDS])
def test_a_lesion_the_findings_describe_keeps_the_cited_mineral(
        name: str, text: str, order: str, code: str, expected: list[str]) -> None:
    cited = [m for m in read_text(text).mentions if m.seen_on in ("XR", "US") and m.counts]
    assert cited and all(m.described and m.described in text.split("FINDINGS:")[1]
                         for m in cited)
    assert _cards(text, order, code) == expected
