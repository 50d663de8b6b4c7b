"""Card wording, radiologist review round 20 (tests/eval/REVIEW_ROUND20.md): a node keeps its
station along the bowel's vessels (P11.94); a metastasis is named as a metastasis, never as a
primary tumour of the organ it lies in (P11.95); a later study of a modality not adequate for
the structure that shows its mineral is acknowledged in one sentence (P11.96)."""

from __future__ import annotations

import pytest

from cds_service.core import rules
from cds_service.core.cards import render
from cds_service.core.orders import classify_order
from cds_service.core.reading import read_report
from tests.test_card_names import LIBRARY, card_detail, lesion_line, report

ABDOMEN, PELVIS = "MRI ABDOMEN AND PELVIS", "MRI PELVIS"
CT_AP = "CT abdomen and pelvis with contrast"


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # N-place-dropped: the node's station along the bowel's vessels
    ("Nodes: Three ileocolic nodes along the ileocolic vessels, up to 1.5 cm, show mixed signal "
     "intensity with patchy internal signal loss, which may reflect calcification or mucin.",
     ABDOMEN, CT_AP, "ileocolic lymph nodes (15 mm)"),
    ("Lymph nodes: A 12 mm ileocolic lymph node contains punctate calcification.", ABDOMEN,
     CT_AP, "ileocolic lymph node (12 mm)"),
    ("Nodes: A 14 mm middle colic node contains coarse calcification.", ABDOMEN, CT_AP,
     "middle colic lymph node (14 mm)"),
    ("Mesentery: A 10 mm pericolic node beside the sigmoid colon contains calcification.",
     PELVIS, CT_AP, "pericolic lymph node (10 mm)"),
    ("Nodes: A 16 mm perigastric node along the lesser curvature shows calcification.",
     ABDOMEN, CT_AP, "perigastric lymph node (16 mm)"),
    ("Nodes: An 11 mm gastroepiploic node along the greater curvature is calcified.",
     ABDOMEN, CT_AP, "gastroepiploic lymph node (11 mm)"),
    # guards: stations already named stay as they are
    ("Nodes: A 9 mm portocaval node contains calcification.", ABDOMEN, CT_AP,
     "portocaval lymph node (9 mm)"),
    ("Pelvis: A 7 mm left mesorectal lymph node contains a calcified focus.", PELVIS, CT_AP,
     "left mesorectal lymph node (7 mm)"),
    ("Nodes: A 12 mm superior mesenteric node contains calcification.", ABDOMEN, CT_AP,
     "superior mesenteric lymph node (12 mm)"),
])
def test_a_bowel_node_keeps_its_station(text: str, title: str, order: str, name: str) -> None:
    assert lesion_line(card_detail("FINDINGS:\n" + text, title, order)) == name


CT_ABD, CT_CHEST = "CT abdomen with contrast", "CT chest with contrast"


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # N-metastasis-as-primary: a metastasis is named as one, of the tumour the report names
    ("Liver: Three hepatic lesions: 3.1 cm in segment 8, 1.6 cm in segment 5 and 1.1 cm in "
     "segment 3; the two larger contain dense central mineralization.\nIMPRESSION:\n1. Three "
     "hepatic metastases of osteosarcoma, the two larger densely mineralized.", "MRI ABDOMEN",
     CT_ABD, "hepatic metastasis of osteosarcoma (31 mm)"),
    ("Liver: A 3.1 cm calcified osteosarcoma metastasis in segment 8.", "MRI ABDOMEN", CT_ABD,
     "liver metastasis of osteosarcoma (31 mm)"),
    ("Lungs: A 14 mm calcified osteosarcoma metastasis in the right lower lobe.", "MRI CHEST",
     CT_CHEST, "right lower lobe metastasis of osteosarcoma (14 mm)"),
    ("Peritoneum: A 2.6 cm calcified mucinous adenocarcinoma metastasis in the right paracolic "
     "gutter.", "MRI ABDOMEN AND PELVIS", CT_AP,
     "abdominal metastasis of mucinous adenocarcinoma (26 mm)"),
    ("Adrenals: A 3.4 cm calcified left adrenal chondrosarcoma metastasis.", "MRI ABDOMEN",
     CT_ABD, "left adrenal metastasis of chondrosarcoma (34 mm)"),
    # guards: a primary stays named as the report names it; a metastasis named so stays
    ("Liver: A 5.2 cm calcified hepatoblastoma in the right lobe.", "MRI ABDOMEN", CT_ABD,
     "liver hepatoblastoma (52 mm)"),
    ("Thigh: A 6 cm calcified osteosarcoma in the left vastus lateralis; no metastasis.",
     "MRI LEFT THIGH", "CT thigh left with contrast", "left vastus lateralis osteosarcoma (60 mm)"),
    ("Spleen: A 2.2 cm calcified melanoma metastasis.", "MRI ABDOMEN", CT_ABD,
     "spleen metastasis (22 mm)"),
    ("Liver: A 3.8 cm calcified metastasis in segment 7.", "MRI ABDOMEN", CT_ABD,
     "liver metastasis (38 mm)"),
])
def test_a_metastasis_is_named_as_one(text: str, title: str, order: str, name: str) -> None:
    assert lesion_line(card_detail("FINDINGS:\n" + text, title, order)) == name


def _detail(mri: str, title: str, order: str, later: list[tuple[str, str, str]]) -> str:
    """The first card's detail, the MRI of 2026-10-01 and ``later`` reports (text, title, date)
    on record."""
    reports = [read_report(report(mri, title))]
    for i, (text, xr_title, date) in enumerate(later):
        r = report(text, xr_title) | {"id": f"xr{i}", "effectiveDateTime": date}
        reports.append(read_report(r))
    ev = rules.Evidence(reports=tuple(reports), studies=())
    draft = classify_order({"resourceType": "ServiceRequest", "id": "o1", "status": "draft",
                            "intent": "order", "subject": {"reference": "Patient/p1"},
                            "code": {"text": order}})
    problems = rules.merge(rules.evaluate(draft, ev))
    assert problems, "no card"
    return render(problems[0], LIBRARY, patient_id="p1", new_id=lambda: "id").card.detail


SHOULDER = ("FINDINGS:\nBiceps: Within the long head of the biceps tendon in the bicipital groove "
            "there is an 11 mm focus of very low signal on all sequences, consistent with calcific "
            "tendinitis.", "MRI SHOULDER RT WO CONTRAST", "MRI SHOULDER RT WO CONTRAST")
CALF = ("FINDINGS:\nMass: Within the medial head of the left gastrocnemius there is an 8.3 cm "
        "intramuscular mass with dense central mineralization.", "MRI LEFT CALF",
        "RADICAL RESECTION SOFT TISSUE TUMOR LEG LT 5 CM OR GREATER")
HIP = ("FINDINGS:\nTendons: A 9 mm calcific deposit in the left gluteus medius tendon at the "
       "greater trochanter, consistent with calcific tendinitis.", "MRI LEFT HIP",
       "MRI hip left without contrast")
THIGH = ("FINDINGS:\nA 6.2 cm mass within the right vastus lateralis with coarse peripheral "
         "calcification.", "MRI RIGHT THIGH", "CT guided biopsy right thigh mass")
FOREARM = ("FINDINGS:\nA 4.1 cm mass in the left brachioradialis muscle with internal "
           "calcification.", "MRI LEFT FOREARM", "CT upper extremity left with contrast")
ANKLE = ("FINDINGS:\nTendons: A 7 mm calcific deposit in the right Achilles tendon near its "
         "insertion, consistent with calcific tendinopathy.", "MRI RIGHT ANKLE",
         "MRI ankle right without contrast")


@pytest.mark.parametrize(("mri", "later", "said"), [
    # T-later-study-unacknowledged: a later radiograph shows it; the card says so, keeps its advice
    (SHOULDER, ("FINDINGS: Amorphous calcification projecting over the bicipital groove.\n"
                "IMPRESSION: Calcific deposit near the bicipital groove.",
                "XR SHOULDER RT 2+ VIEWS", "2026-10-28"),
     "The radiograph of 2026-10-28 (**XR SHOULDER RT 2+ VIEWS**), after this MRI, shows the "
     "deposit too; ultrasound or CT characterizes it, the radiograph does not."),
    (CALF, ("FINDINGS: Mineralized soft-tissue mass in the posterior calf. Tibia and fibula "
            "intact.\nIMPRESSION: Mineralized calf mass.", "XR TIBIA FIBULA LT 2 VIEWS",
            "2026-11-12"),
     "The radiograph of 2026-11-12 (**XR TIBIA FIBULA LT 2 VIEWS**), after this MRI, shows the "
     "mineralization too; CT characterizes it, the radiograph does not."),
    (HIP, ("FINDINGS: Globular calcification lateral to the left greater trochanter.",
           "XR HIP LT 2 VIEWS", "2026-10-09"),
     "The radiograph of 2026-10-09 (**XR HIP LT 2 VIEWS**), after this MRI, shows the deposit "
     "too; ultrasound or CT characterizes it, the radiograph does not."),
    (THIGH, ("FINDINGS: Soft-tissue mass of the lateral thigh with peripheral calcification. "
             "Femur intact.", "XR FEMUR RT 2 VIEWS", "2026-10-20"),
     "The radiograph of 2026-10-20 (**XR FEMUR RT 2 VIEWS**), after this MRI, shows the "
     "mineralization too; CT characterizes it, the radiograph does not."),
    (FOREARM, ("FINDINGS: Calcified soft-tissue mass of the radial forearm. Radius and ulna "
               "intact.", "XR FOREARM LT 2 VIEWS", "2026-10-15"),
     "The radiograph of 2026-10-15 (**XR FOREARM LT 2 VIEWS**), after this MRI, shows the "
     "mineralization too; CT characterizes it, the radiograph does not."),
    (ANKLE, ("FINDINGS: Calcification at the Achilles insertion.", "XR ANKLE RT 3 VIEWS",
             "2026-11-02"),
     "The radiograph of 2026-11-02 (**XR ANKLE RT 3 VIEWS**), after this MRI, shows the deposit "
     "too; ultrasound or CT characterizes it, the radiograph does not."),
])
def test_a_later_radiograph_showing_it_is_acknowledged(
        mri: tuple[str, str, str], later: tuple[str, str, str], said: str) -> None:
    assert said in _detail(mri[0], mri[1], mri[2], [later]).replace("\n", " ")


@pytest.mark.parametrize(("mri", "later"), [
    # guards: a radiograph before the MRI, of the other side, of another region, or silent on
    # the mineral, is not said to show it
    (SHOULDER, ("IMPRESSION: Calcific deposit near the bicipital groove.",
                "XR SHOULDER RT 2+ VIEWS", "2026-09-20")),
    (SHOULDER, ("IMPRESSION: Calcific deposit near the bicipital groove.",
                "XR SHOULDER LT 2+ VIEWS", "2026-10-28")),
    (CALF, ("FINDINGS: Clear lungs.\nIMPRESSION: No acute cardiopulmonary abnormality.",
            "XR CHEST 2 VIEWS", "2026-11-12")),
    (CALF, ("FINDINGS: Soft-tissue swelling of the posterior calf. Tibia and fibula intact; no "
            "calcification.", "XR TIBIA FIBULA LT 2 VIEWS", "2026-11-12")),
    (THIGH, ("FINDINGS: Degenerative change of the right knee. Chondrocalcinosis.",
             "XR KNEE RT 2 VIEWS", "2026-10-20")),
])
def test_no_later_radiograph_is_acknowledged(mri: tuple[str, str, str],
                                             later: tuple[str, str, str]) -> None:
    assert "after this MRI" not in _detail(mri[0], mri[1], mri[2], [later])
