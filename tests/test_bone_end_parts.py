"""P16.20 (unseen52 k1 twin): a part that lies at one end of a limb bone by its own name (the
malleolus, the tibial plafond or plateau, the olecranon, the femoral or humeral head or neck) is
at that bone's end for P16.9, so the radiographs of the joint there are radiographs of the
lesion's part: the card offers CT, not radiographs of the bone. The hyphenated "rings-and-arcs"
is the chondroid matrix as "rings and arcs" is (P7.2), so a joint radiograph's report that states
it at the lesion has shown the matrix (P13.2): no card. Guards: the other end's joint, the
shaft, the other side, a radiograph report that states no matrix."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from cds_service.core import rules
from cds_service.core.cards import render
from cds_service.core.orders import classify_order
from cds_service.core.reading import read_report
from tests.test_prior_imaging import LIBRARY, mention, order, report, study

# (sentence of the lesion, its limb segment, the MRI's title, the order, the joint radiograph,
#  the bone's radiograph code)
AT_END = [
    ("A 31 x 18 mm lobulated intramedullary lesion in the posterior malleolus of the right "
     "tibia with ring-and-arc enhancement.", "leg", "MRI TIBIA FIBULA RT",
     ("IR BX BONE CT GUIDED RT TIBIA", "20225"), "XR ANKLE 3V RT", "73590"),
    ("A 2 cm chondroid lesion of the right medial malleolus with ring-and-arc matrix.", "leg",
     "MRI RIGHT TIBIA AND FIBULA", ("BONE BIOPSY RIGHT TIBIA", "20225"),
     "XR RIGHT ANKLE 2 VIEWS", "73590"),
    ("A 25 mm lesion of the right tibial plateau with chondroid matrix.", "leg",
     "MRI RIGHT TIBIA AND FIBULA", ("BX BONE DEEP RT TIBIA", "20225"), "XR RIGHT KNEE 3 VIEWS",
     "73590"),
    ("A 2 cm lesion of the right olecranon with chondroid matrix.", "forearm",
     "MRI RIGHT FOREARM", ("BONE BIOPSY RIGHT ULNA", "20225"), "XR RIGHT ELBOW 3 VIEWS",
     "73090"),
    ("A 3 cm lesion of the right femoral neck with ring-and-arc chondroid matrix.", "thigh",
     "MRI RIGHT FEMUR", ("BONE BIOPSY RIGHT FEMUR", "20225"), "XR RIGHT HIP 2 VIEWS", "73552"),
    ("A 3 cm lesion of the right humeral head with chondroid matrix.", "arm",
     "MRI RIGHT HUMERUS", ("BONE BIOPSY RIGHT HUMERUS", "20225"), "XR RIGHT SHOULDER 3 VIEWS",
     "73060"),
]


def _codes(sentence: str, site: str, title: str, o: tuple[str, str], radiograph: str) -> list:
    lesion = mention(sentence, kind="bone", site=site, side="right", assertion="possible")
    ev = rules.Evidence(reports=(report(lesion, title=title),),
                        studies=(study("DX", "2026-08-25", radiograph),))
    (problem,) = rules.merge(rules.evaluate(order(*o), ev))
    card = render(problem, LIBRARY, patient_id="p1", new_id=lambda: "id").card.to_json()
    return [a["resource"]["code"]["coding"][0]["code"]
            for x in card["suggestions"] for a in x["actions"]]


@pytest.mark.parametrize(("sentence", "site", "title", "o", "radiograph", "bone_xr"), AT_END)
def test_the_joint_radiograph_shows_a_part_at_the_bone_s_end_by_name(
        sentence: str, site: str, title: str, o: tuple[str, str], radiograph: str,
        bone_xr: str) -> None:
    codes = _codes(sentence, site, title, o, radiograph)
    assert codes and bone_xr not in codes


@pytest.mark.parametrize(("sentence", "site", "title", "o", "radiograph", "bone_xr"), [
    # the other end's joint
    (AT_END[0][0], "leg", "MRI TIBIA FIBULA RT", AT_END[0][3], "XR RIGHT KNEE 3 VIEWS", "73590"),
    (AT_END[2][0], "leg", AT_END[2][2], AT_END[2][3], "XR RIGHT ANKLE 3 VIEWS", "73590"),
    (AT_END[4][0], "thigh", AT_END[4][2], AT_END[4][3], "XR RIGHT KNEE 2 VIEWS", "73552"),
    # the other side
    (AT_END[1][0], "leg", AT_END[1][2], AT_END[1][3], "XR LEFT ANKLE 2 VIEWS", "73590"),
    # the shaft, the malleolus only a landmark
    ("A 4 cm lesion of the right tibial diaphysis, 8 cm above the medial malleolus, with "
     "chondroid matrix.", "leg", "MRI RIGHT TIBIA AND FIBULA", ("BONE BIOPSY RIGHT TIBIA",
                                                                "20225"),
     "XR RIGHT ANKLE 2 VIEWS", "73590"),
])
def test_a_joint_radiograph_elsewhere_leaves_the_bone_s_radiographs(
        sentence: str, site: str, title: str, o: tuple[str, str], radiograph: str,
        bone_xr: str) -> None:
    assert bone_xr in _codes(sentence, site, title, o, radiograph)


def _dr(ident: str, title: str, date: str, text: str) -> dict[str, Any]:
    data = base64.b64encode(f"EXAM: {title}\n{text}".encode()).decode()
    return {"resourceType": "DiagnosticReport", "id": ident, "status": "final",
            "code": {"text": title}, "effectiveDateTime": date,
            "subject": {"reference": "Patient/p1"},
            "presentedForm": [{"contentType": "text/plain", "data": data}]}


def _cards(mri: str, title: str, xr_title: str, xr: str, o: str) -> list[str]:
    ev = rules.Evidence(reports=(read_report(_dr("mr1", title, "2026-09-08", mri)),
                                 read_report(_dr("xr1", xr_title, "2026-08-25", xr))),
                        studies=())
    draft = classify_order({"resourceType": "ServiceRequest", "id": "o1", "status": "draft",
                            "intent": "order", "subject": {"reference": "Patient/p1"},
                            "code": {"text": o}})
    return [p.lead.rule_id for p in rules.merge(rules.evaluate(draft, ev))]


SHOWN = [  # (MRI findings, MRI title, radiograph title, radiograph findings, order)
    ("FINDINGS: A 31 x 18 mm lobulated intramedullary lesion in the posterior malleolus of the "
     "distal tibia, T2 hyperintense with ring-and-arc enhancement. Its low-signal foci "
     "correspond to the matrix seen on the ankle radiographs.", "MRI ANKLE WO/W RT",
     "XR ANKLE 3V RT", "FINDINGS: A lobulated lucent lesion of the posterior malleolus with "
     "chondroid rings-and-arcs matrix.\nIMPRESSION: As above.", "IR BX BONE CT GUIDED RT TIBIA"),
    ("FINDINGS: A 2 cm lesion of the distal left femoral metaphysis with ring-and-arc "
     "enhancement and low-signal foci that may be matrix mineralization.",
     "MRI LEFT KNEE WITHOUT AND WITH CONTRAST", "XR LEFT KNEE 3 VIEWS",
     "FINDINGS: Lucent lesion of the distal femoral metaphysis with internal "
     "rings-and-arcs.", "BONE BIOPSY LEFT DISTAL FEMUR"),
    ("FINDINGS: A 3 cm lesion of the proximal right humeral metaphysis with ring-and-arc "
     "enhancement and low-signal foci that may be matrix mineralization.",
     "MRI RIGHT SHOULDER WITHOUT AND WITH CONTRAST", "XR RIGHT SHOULDER 3 VIEWS",
     "IMPRESSION: Enchondroma of the proximal humerus with ring-and-arcs matrix.",
     "BONE BIOPSY RIGHT HUMERUS"),
    ("FINDINGS: A 2 cm intramedullary lesion of the right distal tibia at the medial malleolus "
     "with ring-and-arc enhancement and low-signal foci that may be matrix mineralization.",
     "MRI RIGHT ANKLE WITHOUT AND WITH CONTRAST", "XR RIGHT ANKLE 2 VIEWS",
     "FINDINGS: Medial malleolar lesion with a rings-and-arcs matrix.",
     "BONE BIOPSY RIGHT TIBIA"),
    ("FINDINGS: A 2 cm lesion of the distal right radial metaphysis with ring-and-arc "
     "enhancement and low-signal foci that may be matrix mineralization.",
     "MRI RIGHT WRIST WITHOUT AND WITH CONTRAST", "XR RIGHT WRIST 3 VIEWS",
     "FINDINGS: Distal radial metaphyseal lesion with a rings-and-arc pattern of matrix.",
     "BONE BIOPSY RIGHT DISTAL RADIUS"),
]


@pytest.mark.parametrize(("mri", "title", "xr_title", "xr", "o"), SHOWN)
def test_a_joint_radiograph_report_stating_rings_and_arcs_answers_the_biopsy(
        mri: str, title: str, xr_title: str, xr: str, o: str) -> None:
    assert _cards(mri, title, xr_title, xr, o) == []


@pytest.mark.parametrize(("mri", "title", "xr_title", "xr", "o"), [
    ("FINDINGS: A 31 x 18 mm lobulated intramedullary lesion in the posterior malleolus of the "
     "distal tibia, T2 hyperintense with low-signal foci that may be matrix mineralization.",
     SHOWN[0][1], SHOWN[0][2], "FINDINGS: A lucent lesion of the posterior "
     "malleolus without matrix mineralization.", SHOWN[0][4]),
    (SHOWN[1][0], SHOWN[1][1], "XR RIGHT KNEE 3 VIEWS", SHOWN[1][3], SHOWN[1][4]),
    (SHOWN[3][0], SHOWN[3][1], SHOWN[3][2], "FINDINGS: No fracture. Normal alignment.",
     SHOWN[3][4]),
])
def test_a_radiograph_report_without_the_matrix_leaves_the_card(
        mri: str, title: str, xr_title: str, xr: str, o: str) -> None:
    assert _cards(mri, title, xr_title, xr, o) == ["bone-lesion-biopsy"]
