"""Bodies named back by a definite article are the lesion's (docs/matching-policy.md P19.6), and
the tensor fasciae latae lies at the hip (P15.17). unseen46 e1 (frozen engine fdfde69): "A 63 x 44
mm mass within the left tensor fasciae latae … Several foci of low signal with blooming … lie in
its central portion; calcification versus haemorrhage" and the addendum "the central foci are
diamagnetic, consistent with calcification", before "US Guided Core Bx Soft Tissue" for "Soft
tissue mass left hip", was silent: the addendum took the exam title's hip, so it neither replaced
the Findings' statement nor was a deep mass's, and the reason's hip was no place of the thigh's
muscle. The twins' addenda deny calcification ("paramagnetic, consistent with haemosiderin")."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text
from tests.test_order_catalog import leads as catalog_leads

HIP_TITLE = "MRI Hip Lt w/ + w/o Contrast"
TFL = (
    f"EXAM: {HIP_TITLE}\nHISTORY: Painless lateral left hip mass, 6 months.\nFINDINGS:\n"
    "MUSCLES: A 63 x 44 mm mass within the left tensor fasciae latae, deep to the fascia, with "
    "myxoid T2 hyperintense components and nodular enhancement. Several foci of low signal with "
    "blooming on gradient-echo lie in its central portion; calcification versus haemorrhage.\n"
    "JOINTS: Small hip joint effusion.\n"
    "IMPRESSION: 1. Deep myxoid mass of the left tensor fasciae latae, sarcoma until proven "
    "otherwise.\nADDENDUM: On review with the susceptibility-weighted phase images, the central "
    "foci are diamagnetic, consistent with calcification.")
CALCIFIED = "the central foci are diamagnetic, consistent with calcification."
HAEMOSIDERIN = "the central foci are paramagnetic, consistent with haemosiderin; no calcification."

# the same class in other words, muscles and exams: (report, title, site of the lesion)
VARIANTS = [
    (TFL, HIP_TITLE, "thigh"),
    ("EXAM: MRI Pelvis w/o & w/ Contrast\nFINDINGS: A 5.2 cm intramuscular mass in the right "
     "gluteus maximus, deep to the fascia, enhances heterogeneously. Scattered foci of low signal "
     "at its periphery are indeterminate, haemorrhage or mineral.\nIMPRESSION: Right gluteal "
     "mass, sarcoma not excluded.\nADDENDUM: On the phase images these foci are diamagnetic, "
     "consistent with calcification.", "MRI Pelvis w/o & w/ Contrast", "buttock"),
    ("EXAM: MRI Hip Rt\nFINDINGS: MUSCLES: A 48 mm mass within the right adductor longus, deep "
     "to the fascia. Small signal voids along its medial margin, calcification or flow.\n"
     "IMPRESSION: Right adductor longus mass.\nADDENDUM: Reviewed with the radiograph: the "
     "signal voids are calcification.", "MRI Hip Rt", "thigh"),
    ("EXAM: MRI Knee Lt\nFINDINGS: A 4.1 cm mass within the left vastus medialis, deep to "
     "the fascia. Round low-signal foci lie in its dependent part, calcium or blood products.\n"
     "IMPRESSION: Left vastus medialis mass.\nADDENDUM: On the gradient-echo images, the "
     "dependent foci bloom and represent calcification.", "MRI Knee Lt", "thigh"),
    ("EXAM: MRI Shoulder Rt\nFINDINGS: A 5.0 cm intramuscular mass within the right "
     "infraspinatus, deep to its fascia. Several foci of low signal within it, calcification "
     "versus haemosiderin.\nIMPRESSION: Right infraspinatus mass.\nADDENDUM: On the phase "
     "images, those foci are diamagnetic: calcification.", "MRI Shoulder Rt", None),
]


def leads(report: str, text: str, reason: str | None = None, title: str = HIP_TITLE,
          code: str | None = None) -> list[str]:
    extra = {"reasonCode": [{"text": reason}]} if reason else {}
    return catalog_leads(report, text, code, title=title, **extra)


@pytest.mark.parametrize(("report", "title", "site"), VARIANTS)
def test_the_addendum_bodies_are_the_lesion_s(report: str, title: str, site: str | None
                                              ) -> None:
    found = [(s.kind, s.mineral) for s in read_text(report).structures]
    assert found == [("mass", "present")]
    if site:
        assert [s.site for s in read_text(report).structures] == [site]


@pytest.mark.parametrize(("report", "title", "site"), VARIANTS)
def test_a_deep_mass_whose_addendum_calls_the_bodies_calcification(
        report: str, title: str, site: str | None) -> None:
    assert leads(report, "US GUIDED CORE BX SOFT TISSUE MASS", title=title) == [
        "deep-soft-tissue-mass"]


@pytest.mark.parametrize(("report", "title", "site"), VARIANTS)
def test_twin_the_addendum_denies_calcification(report: str, title: str, site: str | None
                                                ) -> None:
    head, tail = report.rsplit("ADDENDUM:", 1)
    twin = head + "ADDENDUM:" + tail.replace("diamagnetic", "paramagnetic").replace(
        "calcification", "haemosiderin; no calcification")
    assert leads(twin, "US GUIDED CORE BX SOFT TISSUE MASS", title=title) == []


@pytest.mark.parametrize("reason", [
    "Soft tissue mass left hip", "Left hip mass", "Mass lateral left hip",
    "Left hip soft tissue mass, exclude sarcoma", "Enlarging lump left hip",
])
def test_a_tensor_fasciae_latae_mass_is_the_hip_s_mass(reason: str) -> None:
    assert leads(TFL, "US Guided Core Bx Soft Tissue", reason, code=None) == [
        "deep-soft-tissue-mass"]


def test_twin_the_haemosiderin_addendum_is_silent() -> None:
    twin = TFL.replace(CALCIFIED, HAEMOSIDERIN)
    assert leads(twin, "US Guided Core Bx Soft Tissue", "Soft tissue mass left hip") == []


@pytest.mark.parametrize("reason", [
    "Soft tissue mass right hip", "Soft tissue mass left knee", "Left shoulder mass"])
def test_guard_another_place_or_side(reason: str) -> None:
    assert leads(TFL, "US Guided Core Bx Soft Tissue", reason) == []


def test_guard_a_thigh_muscle_is_no_hip_mass() -> None:
    other = TFL.replace("tensor fasciae latae", "vastus lateralis")
    assert leads(other, "US Guided Core Bx Soft Tissue", "Soft tissue mass left hip") == []


def test_guard_bodies_of_two_lesions_stay_where_they_are() -> None:
    two = TFL.replace("JOINTS: Small hip joint effusion.", (
        "A second 2 cm mass in the left gluteus medius also contains foci of low signal, "
        "calcification or haemorrhage."))
    added = [m for m in read_text(two).mentions if m.section == "ADDENDUM"]
    assert added and {m.site for m in added} == {"hip"}  # the title's: which lesion is not said
