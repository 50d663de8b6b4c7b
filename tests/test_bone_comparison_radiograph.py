"""P13.16 (unseen41 k1): radiographs of a bone lesion's part and side that the MRI report's
comparison section names were done, even with no report of them in the record: the bone-lesion
card acknowledges them ("The MRI's comparison study (Left tibia and fibula radiographs
2026-10-30) has no report in the record: review it for the matrix first") and asks for the
noncontrast CT, never "obtain radiographs". Not having stated the matrix, they do not silence
the card (P13.3). A comparison naming no radiograph, one of the other side, of another part or
of no part changes nothing (P16.2)."""

from __future__ import annotations

import pytest

from tests.test_card_names import first_card


def _report(comparison: str, bones: str, impression: str, title: str, history: str) -> str:
    return (f"EXAM: {title}\nHISTORY: {history}\nTECHNIQUE: Axial T1, axial and coronal STIR, "
            "axial T2 fat-saturated, axial GRE and post-gadolinium T1 fat-saturated images.\n"
            f"COMPARISON: {comparison}\nFINDINGS:\nBones: {bones}\nMuscles: Normal bulk and "
            "signal.\nVessels: Normal flow voids.\nIMPRESSION:\n1. " + impression)


FIBULA = ("A 3.4 cm lobulated T2 hyperintense intramedullary lesion of the distal left fibular "
          "metadiaphysis with ring-and-arc calcifications and endosteal scalloping, compatible "
          "with a chondroid lesion. No cortical breakthrough.",
          "Chondroid lesion of the distal left fibula; atypical cartilaginous tumor not excluded.",
          "MRI TIB/FIB LT W/WO", "52-year-old woman, lateral leg ache; lesion on radiograph.",
          "BX BONE DEEP - LT FIBULA (CT GUIDED)")
FEMUR = ("A 4.1 cm lobulated lesion of the distal right femoral metaphysis with ring-and-arc "
         "chondroid matrix and mild endosteal scalloping.",
         "Chondroid lesion of the distal right femoral metaphysis, enchondroma versus low-grade "
         "chondrosarcoma.", "MRI RIGHT KNEE WITHOUT AND WITH CONTRAST", "Knee pain.",
         "CT GUIDED BIOPSY RIGHT DISTAL FEMUR LESION")
HUMERUS = ("A 2.8 cm intramedullary lesion of the proximal right humeral metadiaphysis with "
           "punctate chondroid calcifications.",
           "Chondroid lesion of the proximal right humerus, likely enchondroma.",
           "MRI RIGHT HUMERUS WITHOUT AND WITH CONTRAST", "Incidental lesion on outside films.",
           "BONE BIOPSY RIGHT HUMERUS (CT GUIDED)")
TIBIA = ("A 3.0 cm lesion of the proximal right tibial diaphysis with ground-glass matrix and a "
         "thin sclerotic rim.", "Lesion of the right tibia with matrix mineralization, favor "
         "fibrous dysplasia.", "MRI RIGHT TIBIA AND FIBULA WITHOUT CONTRAST", "Shin pain.",
         "BX BONE DEEP RT TIBIA")

HAND = ("A 1.6 cm expansile lesion of the proximal phalanx of the left ring finger with "
        "punctate chondroid calcifications and endosteal scalloping.",
        "Enchondroma of the left ring finger proximal phalanx.", "MRI LEFT HAND WITHOUT CONTRAST",
        "Finger swelling.", "BIOPSY BONE LEFT RING FINGER PROXIMAL PHALANX")

CITED = [  # (findings, impression, title, history, order), the comparison naming radiographs
    (FIBULA, "Left tibia and fibula radiographs 2026-10-30.",
     "Left tibia and fibula radiographs 2026-10-30"),
    (FEMUR, "Radiographs of the right knee dated 2026-09-01; CT chest 2025-02-11.",
     "Radiographs of the right knee dated 2026-09-01"),
    (HUMERUS, "Outside right humerus radiographs, 2 views, 2026-08-15.",
     "Outside right humerus radiographs, 2 views, 2026-08-15"),
    (TIBIA, "CT chest 2025-02-11 and right tibia and fibula radiographs 2026-10-02.",
     "right tibia and fibula radiographs 2026-10-02"),
    (HAND, "Left hand radiographs, three views, 2026-09-20.",
     "Left hand radiographs, three views, 2026-09-20"),
]


def _card(case: tuple[str, str, str, str, str], comparison: str) -> dict:
    bones, impression, title, history, order = case
    return first_card(_report(comparison, bones, impression, title, history), title,
                      order).to_json()


@pytest.mark.parametrize(("case", "comparison", "named"), CITED)
def test_radiographs_the_comparison_names_were_done_the_card_asks_for_ct(
        case: tuple[str, str, str, str, str], comparison: str, named: str) -> None:
    card = _card(case, comparison)
    assert card["summary"].endswith(": CT before this biopsy")
    assert [s["label"] for s in card["suggestions"]] == [
        next(s["label"] for s in card["suggestions"] if s["label"].startswith("Order CT "))]
    assert "obtain radiographs" not in card["detail"]
    assert f"**The MRI's comparison study ({named})** has no report in the record" in (
        card["detail"])


@pytest.mark.parametrize("comparison", [
    "None available.",  # nothing cited
    "Left femur radiographs 2026-10-30.",  # another part
    "Right tibia and fibula radiographs 2026-10-30.",  # the other side
    "Prior radiographs 2026-10-30.",  # no part named
    "CT left lower extremity 2026-10-30.",  # no radiograph
])
def test_a_comparison_naming_no_radiograph_of_the_part_changes_nothing(comparison: str) -> None:
    card = _card(FIBULA, comparison)
    assert card["summary"].endswith(": radiographs or CT before this biopsy")
    assert "obtain radiographs" in card["detail"]
    assert "comparison study" not in card["detail"]
