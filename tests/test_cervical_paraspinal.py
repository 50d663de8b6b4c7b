"""A cervical spine CT images the cervical segment's own paraspinal muscles (docs/matching-policy.md
P4.17, extending P4.15; unseen43 k1: a calcified mass "within the right cervical multifidus at
C5-C6" before "CT Cervical Spine w/ Contrast", CPT 72126, drew nothing: "cervical multifidus" read
as the thoracolumbar paraspinal muscles plus the neck, which a cervical spine CT did not image).
The guards stay: a lesion of the lamina with edema of the multifidus is bone, another segment's
CT does not image the mass, a noncontrast cervical spine CT needs no card. The variants failed on
bc2497b, but the semispinalis one (already a posterior neck muscle, kept as a guard)."""

from __future__ import annotations

from typing import Any

import pytest

from cds_service.core import anatomy, rules
from cds_service.core.orders import classify_order
from cds_service.core.reading import read_report

C_MRI = "MRI Cervical Spine w/o & w/ Contrast"


def leads(title: str, report: str, text: str, code: str) -> list[tuple[str, str | None]]:
    """(rule, suggested CT region) of each card for the order after the MRI report."""
    mri = {"resourceType": "DiagnosticReport", "id": "mr1", "status": "final",
           "code": {"text": title}, "effectiveDateTime": "2026-10-19",
           "subject": {"reference": "Patient/p1"}, "conclusion": report}
    order: dict[str, Any] = {
        "resourceType": "ServiceRequest", "id": "o1", "status": "draft", "intent": "order",
        "subject": {"reference": "Patient/p1"},
        "code": {"text": text, "coding": [{"system": "http://www.ama-assn.org/go/cpt",
                                           "code": code}]}}
    ev = rules.Evidence(reports=(read_report(mri),), studies=())
    return [(p.lead.rule_id, p.lead.ct_region)
            for p in rules.merge(rules.evaluate(classify_order(order), ev))]

K1 = ("FINDINGS: POSTERIOR NECK: A 3.4 x 2.6 x 2.2 cm lobulated intramuscular mass lies within the "
      "right cervical multifidus at C5-C6, separate from the lamina and spinous processes with a "
      "preserved fat plane. It is T2 hyperintense with lobules, peripheral and septal enhancement, "
      "and contains clustered ring-like low-signal foci on all sequences, consistent with "
      "chondroid-type calcification. IMPRESSION: 1. Calcified 3.4 cm intramuscular mass of the "
      "right cervical multifidus at C5-C6, separate from bone: extraskeletal myxoid "
      "chondrosarcoma or soft-tissue chondroma.")
MULTIFIDI = ("FINDINGS: A 2.5 cm mass within the left cervical multifidi at C4-C5 contains "
             "ring-and-arc calcification. IMPRESSION: Calcified left cervical multifidi mass; "
             "chondroid tumor possible.")
ERECTOR = ("FINDINGS: A 3.0 cm mass within the right cervical erector spinae at C6 shows punctate "
           "calcification. IMPRESSION: Calcified right cervical erector spinae mass.")
SEMISPINALIS = ("FINDINGS: A 2.7 cm mass in the left cervical semispinalis at C3-C4 contains "
                "coarse calcification. IMPRESSION: Calcified left cervical semispinalis mass.")
SPINALIS = ("FINDINGS: A 2.2 cm mass within the right spinalis cervicis at C7 contains dense "
            "calcification. IMPRESSION: Calcified right spinalis cervicis mass; sarcoma possible.")
LAMINA = ("FINDINGS: POSTERIOR NECK: A 2.8 x 2.2 x 2.0 cm expansile intramedullary lesion of the "
          "right C6 lamina and the base of the spinous process is composed of T2 hyperintense "
          "lobules with ring-like low-signal foci consistent with chondroid matrix "
          "mineralization, a thin intact cortex, and mild edema in the overlying multifidus "
          "muscle. IMPRESSION: 1. Chondroid lesion of the right C6 lamina: enchondroma versus "
          "low-grade chondrosarcoma.")


@pytest.mark.parametrize("report", [K1, MULTIFIDI, ERECTOR, SEMISPINALIS, SPINALIS])
@pytest.mark.parametrize("text", ["CT Cervical Spine w/ Contrast", "CT C-SPINE W/CONT"])
def test_a_cervical_spine_ct_images_the_cervical_paraspinal_mass(report: str, text: str) -> None:
    assert leads(C_MRI, report, text, "72126") == [("deep-soft-tissue-mass", "cervical-spine")]


def test_the_cervical_names_are_the_posterior_neck_muscles() -> None:
    for words in ("cervical multifidus", "multifidus cervicis", "cervical erector spinae",
                  "rotatores cervicis", "cervical longissimus"):
        assert anatomy.sites_in(words) == {"neck-muscles"}, words
    assert anatomy.sites_in("multifidus") == {"paraspinal"}  # the thoracolumbar ones stay


@pytest.mark.parametrize(("report", "text", "code"), [
    (K1, "CT L-SPINE W/CONT", "72132"),                 # another segment
    (K1, "CT T-SPINE W/CONT", "72129"),
    (K1, "CT C-SPINE W/O CONT", "72125"),               # already noncontrast
    (K1, "CT C-SPINE W & W/O CONT", "72127"),
    (LAMINA, "CT Cervical Spine w/ Contrast", "72126"),  # bone (the twin): the muscle's edema
])
def test_guards_a_cervical_spine_ct_not_needing_the_card(
        report: str, text: str, code: str) -> None:
    assert leads(C_MRI, report, text, code) == []


def test_a_neck_ct_keeps_the_posterior_neck_mass() -> None:
    assert leads(C_MRI, K1, "CT NECK W/CONT", "70491") == [("deep-soft-tissue-mass", "neck")]
