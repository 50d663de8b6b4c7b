"""A cited radiograph named with its place, date and a note on its report ("Radiographs of the
right hip from urgent care on 2026-12-11 (report in the outside record) show amorphous
calcification in the right gluteal soft tissues at the site of the mass") is the statement's
source (P12.27), and a mass within the gluteus medius or minimus lies in the buttock as well as
at the hip (P1.5), so the calcification is the mass's and the biopsy draws its card (P12.21,
P12.4; unseen39 o1). A cited CT, a denied finding, the other side: silent. Through the
pipeline, with a FHIR bundle as an EHR sends it; the variants failed on main 224a77d."""

from __future__ import annotations

from typing import Any

import pytest

from cds_service.core.reading import read_text
from tests.eval.full_eval import engine_runner
from tests.support.bundles import mri_order_bundle

RUN = engine_runner()
BIOPSY = ("20206", "IR BIOPSY SOFT TISSUE")
EXCISION = ("27048", "EXCISION TUMOR SOFT TISSUE PELVIS/HIP SUBFASCIAL RIGHT")


def _rules(title: str, findings: str, impression: str, order: tuple[str, str],
           reason: str) -> list[str]:
    text = (f"EXAM: {title}\nHISTORY: Enlarging buttock mass.\nTECHNIQUE: Multiplanar images "
            f"before and after gadolinium.\nCOMPARISON: Outside radiographs.\nFINDINGS:\n"
            f"{findings}\nBones: No marrow abnormality.\nIMPRESSION:\n{impression}\n")
    bundle = mri_order_bundle(title, text, "2026-11-20", order, reason, "1962-03-08")
    return [rule for rule, _ in RUN(bundle, "order-select")]


MEDIUS = ("Muscles: A 6.3 x 4.0 x 3.5 cm heterogeneous enhancing mass lies within the left "
          "gluteus medius, T2 hyperintense with central necrosis.")
MEDIUS_IMP = "1. 6.3 cm intramuscular mass of the left gluteus medius, indeterminate."
MINIMUS = ("Muscles: Within the right gluteus minimus is a 4.8 x 3.1 x 2.9 cm intramuscular "
           "mass with peripheral nodular enhancement.")
MINIMUS_IMP = "1. 4.8 cm deep mass of the right gluteus minimus; sarcoma not excluded."
VASTUS = ("Muscles: A 7.0 x 4.4 x 3.8 cm enhancing mass lies within the right vastus "
          "lateralis, T2 hyperintense with internal septations.")
VASTUS_IMP = "1. 7.0 cm intramuscular mass of the right vastus lateralis, indeterminate."
PELVIS_MRI = "MRI PELVIS WITHOUT AND WITH CONTRAST"

VARIANTS = [
    ("medius-clinic", PELVIS_MRI, MEDIUS + " AP pelvis radiographs from the orthopaedic clinic "
     "on 2026-10-02 (outside images) show coarse calcification in the left gluteal soft "
     "tissues at the site of the mass.", MEDIUS_IMP, BIOPSY, "Left gluteus medius mass"),
    ("minimus-walk-in", PELVIS_MRI, MINIMUS + " Right hip x-rays taken at the walk-in centre on "
     "2026-11-02 (report scanned into the chart) demonstrate punctate calcifications in the "
     "right buttock at the site of the mass.", MINIMUS_IMP, BIOPSY, "Right buttock mass"),
    ("minimus-pelvis", PELVIS_MRI, MINIMUS + " Pelvic radiographs of 2026-11-02 show amorphous "
     "mineralization in the right gluteal region at the site of the mass.", MINIMUS_IMP,
     EXCISION, "Right gluteus minimus mass"),
    ("medius-ed", PELVIS_MRI, MEDIUS + " The radiographs of the left hip from the emergency "
     "department on 2026-10-02 (report in the outside record) show calcification in the left "
     "gluteal soft tissues corresponding to the palpable mass.", MEDIUS_IMP,
     ("27048", "EXCISION TUMOR SOFT TISSUE PELVIS/HIP SUBFASCIAL LEFT"), "Left buttock mass"),
    ("thigh-walk-in", "MRI RIGHT THIGH WITHOUT AND WITH CONTRAST", VASTUS + " Femur radiographs "
     "from the walk-in clinic on 2026-10-02 (outside report reviewed) show amorphous "
     "calcification in the lateral thigh soft tissues at the site of the mass.", VASTUS_IMP,
     BIOPSY, "Right thigh mass"),
]
TWIN = ("The noncontrast CT of the pelvis from the emergency department on 2026-11-02 (report "
        "in the outside record) showed amorphous calcification within this mass.")
GUARDS = [
    ("cited-ct", PELVIS_MRI, MINIMUS + " " + TWIN, MINIMUS_IMP, BIOPSY, "Right buttock mass"),
    ("denied", PELVIS_MRI, MINIMUS + " Radiographs of the right hip from urgent care on "
     "2026-11-02 (report in the outside record) show no calcification in the right gluteal "
     "soft tissues.", MINIMUS_IMP, BIOPSY, "Right buttock mass"),
    ("other-side", PELVIS_MRI, MINIMUS + " Radiographs of the pelvis from urgent care on "
     "2026-11-02 (report in the outside record) show calcification in the left gluteal soft "
     "tissues.", MINIMUS_IMP, BIOPSY, "Right buttock mass"),
]


def _cited(findings: str, impression: str) -> list[Any]:
    text = f"EXAM: MRI\nFINDINGS:\n{findings}\nIMPRESSION:\n{impression}\n"
    return [m for m in read_text(text).mentions if m.concept == "calcification"]


@pytest.mark.parametrize("case", VARIANTS, ids=[v[0] for v in VARIANTS])
def test_an_outside_radiograph_at_the_gluteal_mass_is_its_mineral(case: tuple[Any, ...]) -> None:
    _, title, findings, impression, order, reason = case
    expected = ["surgical-planning"] if "EXCISION" in order[1] else ["deep-soft-tissue-mass"]
    cited = _cited(findings, impression)
    assert cited and all(m.seen_on == "XR" and m.kind == "mass" and m.described for m in cited)
    assert _rules(title, findings, impression, order, reason) == expected


@pytest.mark.parametrize("case", GUARDS, ids=[g[0] for g in GUARDS])
def test_a_cited_ct_a_denial_or_the_other_side_stays_silent(case: tuple[Any, ...]) -> None:
    _, title, findings, impression, order, reason = case
    assert _rules(title, findings, impression, order, reason) == []
