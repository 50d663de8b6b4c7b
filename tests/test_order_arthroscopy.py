"""Arthroscopy is not a biopsy (docs/matching-policy.md P18.5): a diagnostic arthroscopy, "with or
without synovial biopsy" as the CPT descriptors word it, looks into the joint and acts on nothing
in it; the arthroscopic operations that remove what is in the joint (loose bodies, synovium,
debrided deposits) are surgery on it (P18.1). Names are CPT descriptors and catalog names."""

from __future__ import annotations

from typing import Any

import pytest

from cds_service.core import rules
from cds_service.core.orders import classify_order
from cds_service.core.reading import read_report

CPT = "http://www.ama-assn.org/go/cpt"


def read(text: str | None, code: str | None = None, display: str | None = None):
    concept: dict[str, Any] = {}
    if text is not None:
        concept["text"] = text
    if code is not None or display is not None:     # a display alone: a local coding's text
        concept["coding"] = [{"system": CPT, **({"code": code} if code else {}),
                              **({"display": display} if display else {})}]
    return classify_order({"resourceType": "ServiceRequest", "id": "o1", "status": "draft",
                           "intent": "order", "subject": {"reference": "Patient/p1"},
                           "code": concept})


DIAGNOSTIC = [
    # (local text, CPT, CPT descriptor)
    (None, None, "Arthroscopy, hip, diagnostic with or without synovial biopsy"),
    ("HIP ARTHROSCOPY LEFT DIAGNOSTIC", "29860",
     "Arthroscopy, hip, diagnostic with or without synovial biopsy"),
    (None, "29860", None),
    ("ARTHROSCOPY KNEE DIAGNOSTIC RT", None,
     "Arthroscopy, knee, diagnostic, with or without synovial biopsy (separate procedure)"),
    (None, "29870", None),
    ("DX ARTHROSCOPY SHOULDER LT", None,
     "Arthroscopy, shoulder, diagnostic, with or without synovial biopsy"),
    (None, "29830", "Arthroscopy, elbow, diagnostic, with or without synovial biopsy"),
    ("DIAGNOSTIC ARTHROSCOPY RIGHT WRIST", "29840", None),
]


@pytest.mark.parametrize(("text", "code", "display"), DIAGNOSTIC)
def test_a_diagnostic_arthroscopy_is_not_a_biopsy_nor_surgery(text: str | None, code: str | None,
                                                               display: str | None) -> None:
    assert read(text, code, display).kind == "other"


THERAPEUTIC = [
    ("HIP ARTHROSCOPY RIGHT WITH LOOSE BODY REMOVAL", None, None),
    (None, "29861", "Arthroscopy, hip, surgical; with removal of loose body or foreign body"),
    (None, "29834", None),                                   # elbow, loose body
    (None, "29894", None),                                   # ankle, loose body
    ("ARTHROSCOPY ELBOW LT REMOVAL LOOSE BODIES", None, None),
    (None, "29863", "Arthroscopy, hip, surgical; with synovectomy"),
    ("ARTHROSCOPIC SYNOVECTOMY LEFT KNEE", "29876", None),
    ("ARTHROSCOPY SHOULDER RT DEBRIDEMENT EXTENSIVE", None, None),
    (None, "29823", "Arthroscopy, shoulder, surgical; debridement, extensive"),
    ("ARTHROSCOPIC DEBRIDEMENT OF CALCIFIC DEPOSIT, RIGHT SHOULDER", None, None),
    ("KNEE SCOPE W/ DEBRIDEMENT LT", None, None),
    (None, "29898", "Arthroscopy, ankle, surgical; debridement, extensive"),
]


@pytest.mark.parametrize(("text", "code", "display"), THERAPEUTIC)
def test_arthroscopic_removal_synovectomy_and_debridement_are_surgery(
        text: str | None, code: str | None, display: str | None) -> None:
    assert read(text, code, display).kind == "surgery"


@pytest.mark.parametrize(("code", "site", "region"), [
    ("29860", "hip", "lower-extremity"), ("29861", "hip", "lower-extremity"),
    ("29870", "knee", "lower-extremity"), ("29876", "knee", "lower-extremity"),
    ("29805", "shoulder", "upper-extremity"), ("29823", "shoulder", "upper-extremity"),
    ("29830", "elbow", "upper-extremity"), ("29845", "wrist", "upper-extremity"),
    ("29894", "ankle", "lower-extremity"),
])
def test_arthroscopy_codes_name_their_joint(code: str, site: str, region: str) -> None:
    got = read(None, code)
    assert site in got.sites and got.region == region


@pytest.mark.parametrize("text", [
    "MRI RIGHT HIP S/P ARTHROSCOPIC DEBRIDEMENT",          # imaging after the operation
    "POST ARTHROSCOPIC LOOSE BODY REMOVAL FOLLOW-UP VISIT",
])
def test_arthroscopy_named_as_history_is_not_the_procedure(text: str) -> None:
    assert read(text).kind != "surgery"


BODIES = ("MRI RIGHT HIP: distended right hip joint with numerous uniform 4 mm intra-articular "
          "bodies, low signal on all sequences, representing osteochondral bodies. "
          "IMPRESSION: synovial osteochondromatosis of the right hip.")


def leads(report: str, text: str | None, code: str | None, display: str | None = None):
    mri = {"resourceType": "DiagnosticReport", "id": "mr1", "status": "final",
           "code": {"text": "MRI"}, "effectiveDateTime": "2026-10-01",
           "subject": {"reference": "Patient/p1"}, "conclusion": report}
    ev = rules.Evidence(reports=(read_report(mri),), studies=())
    return [p.lead.rule_id for p in rules.merge(rules.evaluate(read(text, code, display), ev))]


def test_osteochondral_bodies_before_arthroscopy() -> None:
    """Removing the bodies is surgery on them (planning card, info); looking at them is not."""
    assert leads(BODIES, "ARTHROSCOPY RIGHT HIP DIAGNOSTIC", "29860",
                 "Arthroscopy, hip, diagnostic with or without synovial biopsy") == []
    assert leads(BODIES, "ARTHROSCOPY RIGHT HIP DIAGNOSTIC", None,
                 "Arthroscopy, hip, diagnostic with or without synovial biopsy") == []
    for text, code in (("ARTHROSCOPY RIGHT HIP, LOOSE BODY REMOVAL", "29861"),
                       ("ARTHROSCOPIC SYNOVECTOMY RIGHT HIP", None),
                       ("RIGHT HIP ARTHROSCOPY, DEBRIDEMENT", None)):
        assert leads(BODIES, text, code) == ["surgical-planning"]
    assert leads(BODIES, "ARTHROSCOPIC SYNOVECTOMY LEFT HIP", None) == []   # the other side
