"""A tendon's deposit at its insertion or origin on a long bone that a limb-segment MRI images
(humerus, femur, tibia, forearm) is that segment's, not the muscle's own region (P2.11a;
unseen21 a1: the pectoralis major insertion on a humerus MRI)."""

from __future__ import annotations

import base64

import pytest

from cds_service.core import rules
from cds_service.core.reading import ReportFindings, read_report
from tests.test_order_catalog import read


def _mri(title: str, findings: str, date: str = "2026-10-22", rid: str = "mr1") -> ReportFindings:
    text = f"EXAM: {title}\nFINDINGS:\n{findings}\n"
    return read_report({"resourceType": "DiagnosticReport", "id": rid, "status": "final",
                        "code": {"text": title}, "effectiveDateTime": date,
                        "subject": {"reference": "Patient/p1"},
                        "presentedForm": [{"contentType": "text/plain",
                                           "data": base64.b64encode(text.encode()).decode()}]})


PECTORALIS = ("Pectoralis major: At its insertion on the lateral lip of the bicipital groove, the "
              "pectoralis major tendon contains a 12 x 6 mm focus of very low signal on all "
              "sequences, consistent with a calcific deposit (calcific tendinitis), with "
              "surrounding soft-tissue edema.")
ON_THE_BONE = [
    ("MRI LEFT HUMERUS WITHOUT CONTRAST", PECTORALIS, "arm", "left"),
    ("MRI LEFT HUMERUS WITHOUT CONTRAST", "Calcific tendinitis at the latissimus dorsi "
     "insertion, 9 mm.", "arm", "left"),
    ("MRI RIGHT FEMUR WITHOUT CONTRAST", "Calcific tendinitis at the iliopsoas insertion on the "
     "lesser trochanter, 9 mm.", "thigh", "right"),
    ("MRI RIGHT FEMUR WITHOUT CONTRAST", "A 10 mm calcific deposit at the gluteus maximus "
     "insertion on the gluteal tuberosity.", "thigh", "right"),
    ("MRI RIGHT HUMERUS WITHOUT CONTRAST", "Amorphous calcification at the pectoralis major "
     "insertion, consistent with calcific tendinitis.", "arm", "right"),
    ("MRI LEFT TIBIA AND FIBULA WITHOUT CONTRAST", "Calcific deposit at the semimembranosus "
     "insertion on the posteromedial tibia, 8 mm.", "leg", "left"),
]


@pytest.mark.parametrize(("title", "findings", "site", "side"), ON_THE_BONE)
def test_an_insertion_deposit_on_a_limb_segment_mri_is_the_segments(
        title: str, findings: str, site: str, side: str) -> None:
    assert {(s.kind, s.site, s.side) for s in _mri(title, findings).findings.structures} == {
        ("tendon", site, side)}


def test_on_a_joint_mri_it_stays_the_joints() -> None:
    report = _mri("MRI RIGHT SHOULDER WITHOUT CONTRAST",
                  "The calcific deposit at the pectoralis major insertion is again seen.")
    assert {(s.kind, s.site) for s in report.findings.structures} == {("tendon", "shoulder")}


@pytest.mark.parametrize(("later", "cards"), [
    ("XR HUMERUS LEFT 2 VIEWS", ["crystal-deposition"]),  # a radiograph: not adequate (P13.1)
    ("US LEFT UPPER ARM LIMITED", []),
])
def test_a_humerus_mri_order_gets_the_deposits_card(later: str, cards: list[str]) -> None:
    mri = _mri("MRI LEFT HUMERUS WITHOUT CONTRAST", PECTORALIS)
    study = read_report({"resourceType": "DiagnosticReport", "id": "p1", "status": "final",
                         "code": {"text": later}, "effectiveDateTime": "2026-11-05",
                         "subject": {"reference": "Patient/p1"},
                         "presentedForm": [{"contentType": "text/plain", "data": base64.b64encode(
                             b"FINDINGS: Amorphous calcification at the pectoralis major "
                             b"insertion.").decode()}]})
    ev = rules.Evidence(reports=(mri, study), studies=())
    order = read("MRI HUMERUS LT WO CONTRAST", "73218")
    assert [p.lead.rule_id for p in rules.merge(rules.evaluate(order, ev))] == cards
