"""A cited study's mineral "within this mass" is at the place of the mass it refers back to,
not at the place of the sentence just before it on the line ("A fat plane with the deep lobe of
the right parotid gland is preserved. The lateral soft-tissue neck radiograph of 2026-10-20
showed coarse amorphous calcification within this mass."): read as the parotid's, an organ's
mass, the biopsy of a right parapharyngeal space mass drew no card (P12.31; unseen43 o1). The
parapharyngeal space is a place of the neck, as the carotid space is. A cited CT, a denied
finding, the other side, a mineral of the parotid itself: as before. Through the pipeline, with
a FHIR bundle as an EHR sends it; the variants failed on main bc2497b."""

from __future__ import annotations

from typing import Any

import pytest

from cds_service.core.reading import read_text
from tests.eval.full_eval import engine_runner
from tests.support.bundles import mri_order_bundle

RUN = engine_runner()
BIOPSY = ("21550", "CT Guided Biopsy Soft Tissue Neck Right")
LEFT_BIOPSY = ("21550", "CT Guided Biopsy Soft Tissue Neck Left")
NECK_MRI = "MRI Neck Soft Tissue w/o & w/ Contrast"


def _rules(findings: str, impression: str, order: tuple[str, str] = BIOPSY) -> list[str]:
    text = (f"EXAM: {NECK_MRI}\nHISTORY: Bulge of the soft palate.\nTECHNIQUE: Multiplanar "
            f"images before and after gadolinium.\nCOMPARISON: Outside neck radiograph.\n"
            f"FINDINGS:\n{findings}\nLYMPH NODES: No enlarged nodes.\nIMPRESSION:\n"
            f"{impression}\n")
    bundle = mri_order_bundle(NECK_MRI, text, "2026-11-04", order, "Parapharyngeal space mass",
                              "1988-03-08")
    return [rule for rule, _ in RUN(bundle, "order-select")]


RIGHT = ("PARAPHARYNGEAL SPACE: A 4.6 x 3.8 x 3.2 cm lobulated heterogeneous mass is centred in "
         "the right prestyloid parapharyngeal space, displacing the parapharyngeal fat "
         "anteromedially and bowing the right lateral pharyngeal wall. It enhances avidly in its "
         "solid portions.")
RIGHT_IMP = ("1. 4.6 cm heterogeneous enhancing right prestyloid parapharyngeal space mass, "
             "separate from the parotid gland; synovial sarcoma is a leading consideration.")
LEFT = ("PARAPHARYNGEAL SPACE: A 3.9 x 3.1 x 2.8 cm well-circumscribed mass lies in the left "
        "parapharyngeal space, T2 hyperintense with heterogeneous enhancement.")
LEFT_IMP = "1. 3.9 cm left parapharyngeal space mass, indeterminate; tissue sampling advised."
XR = ("The lateral soft-tissue neck radiograph of 2026-10-20 showed coarse amorphous "
      "calcification within this mass.")

VARIANTS = [
    ("parotid-fat-plane", RIGHT + " A fat plane with the deep lobe of the right parotid gland "
     "is preserved. " + XR, RIGHT_IMP),
    ("parotid-normal", RIGHT + " The right parotid gland is normal. " + XR, RIGHT_IMP),
    ("submandibular", LEFT + " The left submandibular gland is unremarkable. Neck radiographs "
     "from urgent care on 2026-09-14 showed punctate calcifications within the mass.", LEFT_IMP),
    ("thyroid", LEFT + " The thyroid gland is unremarkable. The outside lateral neck x-ray of "
     "2026-09-14 demonstrated stippled calcification in this lesion.", LEFT_IMP),
    ("parotid-left", LEFT + " A fat plane with the deep lobe of the left parotid gland is "
     "preserved. The soft-tissue neck radiograph of 2026-09-14 showed calcification within this "
     "mass.", LEFT_IMP),
]
GUARDS = [
    ("cited-ct", RIGHT + " A fat plane with the deep lobe of the right parotid gland is "
     "preserved. The noncontrast neck CT of 2026-10-20 showed coarse amorphous calcification "
     "within this mass.", RIGHT_IMP),
    ("denied", RIGHT + " The right parotid gland is normal. The lateral soft-tissue neck "
     "radiograph of 2026-10-20 showed no calcification within this mass.", RIGHT_IMP),
]


@pytest.mark.parametrize("case", VARIANTS, ids=[v[0] for v in VARIANTS])
def test_a_cited_mineral_of_this_mass_is_at_the_mass(case: tuple[Any, ...]) -> None:
    _, findings, impression = case
    order = BIOPSY if findings.startswith(RIGHT) else LEFT_BIOPSY
    text = f"EXAM: {NECK_MRI}\nFINDINGS:\n{findings}\nIMPRESSION:\n{impression}\n"
    cited = [m for m in read_text(text).mentions if m.concept == "calcification"]
    assert cited and all(m.seen_on == "XR" and m.kind == "mass" and m.site == "neck"
                         for m in cited)
    assert _rules(findings, impression, order) == ["biopsy-calcified-mass"]


@pytest.mark.parametrize("case", GUARDS, ids=[g[0] for g in GUARDS])
def test_a_cited_ct_or_a_denial_stays_silent(case: tuple[Any, ...]) -> None:
    _, findings, impression = case
    assert _rules(findings, impression) == []


def test_a_mineral_of_the_gland_itself_stays_the_glands() -> None:
    """A statement naming its own place keeps it; one opening "It" the sentence before's."""
    text = (f"EXAM: {NECK_MRI}\nFINDINGS:\n{LEFT} The left parotid gland is normal. Punctate "
            "calcification is seen in the right parotid gland.\nIMPRESSION:\n1. Mass.\n")
    found = [m for m in read_text(text).mentions if m.concept == "calcification"]
    assert [(m.site, m.side) for m in found] == [("parotid", "right")]
    text = (f"EXAM: {NECK_MRI}\nFINDINGS:\nThe right parotid gland contains a 2 cm nodule. It "
            "contains punctate calcification.\nIMPRESSION:\n1. Parotid nodule.\n")
    found = [m for m in read_text(text).mentions if m.concept == "calcification"]
    assert [(m.site, m.kind) for m in found] == [("parotid", "mass")]
