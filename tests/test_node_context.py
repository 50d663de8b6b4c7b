"""Review round 22 (P11.92, P11.97). N-lymphoma-node-as-metastasis: a calcified node of a
patient with lymphoma or granulomatous disease, whose record names no carcinoma, is not called a
sign of metastasis; the card names the context and the question (recurrence) and keeps CT to
measure it. A node of a carcinoma (rectal cancer, papillary thyroid carcinoma), or of no context,
keeps the guidance's words. T-prior-radiograph-unacknowledged: a radiograph before the MRI that
states the mineral is acknowledged in its own words, and the "not stated as certain" hedge goes.
The variants failed on main ba9ca4c (unseen47 g2 and k2 are the review's examples, written here
in other words)."""

from __future__ import annotations

import pytest

from cds_service.core import rules
from cds_service.core.cards import render
from cds_service.core.orders import classify_order
from cds_service.core.reading import read_report
from tests.test_card_names import LIBRARY, first_card, report

NECK = "MRI NECK WITHOUT AND WITH CONTRAST"
FNA = "US GUIDED FNA RIGHT NECK LYMPH NODE"
NODE = ("FINDINGS:\nLymph nodes: A 15 mm right level III lymph node contains coarse signal void "
        "on all sequences, compatible with calcification.")


@pytest.mark.parametrize(("text", "title", "order", "reason", "said", "treated"), [
    (f"HISTORY: Hodgkin lymphoma, treated with ABVD in 2023.\n{NODE}\nIMPRESSION: Calcified "
     "right level III node; FNA suggested to exclude recurrence.", NECK, FNA, None,
     "Hodgkin lymphoma", True),
    (f"{NODE}\nIMPRESSION: Calcified right level III node in a patient with treated DLBCL; "
     "FNA suggested to exclude recurrence.", NECK, FNA, None,
     "Calcified right level III node in a patient with treated DLBCL", True),
    (NODE, NECK, FNA, "Neck node; hx follicular lymphoma after R-CHOP",
     "hx follicular lymphoma after R-CHOP", True),
    ("CLINICAL INDICATION: Non-Hodgkin lymphoma, surveillance.\nFINDINGS: A 2 cm left inguinal "
     "lymph node with dense central calcification.", "MRI PELVIS WITHOUT AND WITH CONTRAST",
     "US GUIDED CORE BIOPSY LEFT INGUINAL LYMPH NODE", None, "Non-Hodgkin lymphoma", False),
    ("HISTORY: Mantle cell lymphoma, status post chemotherapy.\nFINDINGS: A 17 mm left "
     "axillary lymph node contains coarse calcification.", "MRI LEFT SHOULDER WITH CONTRAST",
     "US GUIDED FNA LEFT AXILLARY LYMPH NODE", None, "Mantle cell lymphoma", True),
])
def test_a_lymphoma_node_is_not_called_metastasis(text: str, title: str, order: str,
                                                  reason: str | None, said: str,
                                                  treated: bool) -> None:
    card = first_card(text, title, order, reason)
    assert "lymphoma: CT can measure it" in card.summary and "metastasis" not in card.summary
    assert "**metastasis**" not in card.detail and "may indicate" not in card.detail
    assert f'The record names lymphoma ("{said}") and no carcinoma' in card.detail
    assert ("the question is recurrence" in card.detail) is treated
    assert "CT shows the" in card.detail


@pytest.mark.parametrize(("text", "reason", "said"), [
    (f"HISTORY: Sarcoidosis.\n{NODE}", None, "Sarcoidosis"),
    (f"HISTORY: Treated pulmonary tuberculosis in 2019.\n{NODE}", None,
     "Treated pulmonary tuberculosis in 2019"),
    (NODE, "Neck node; prior histoplasmosis", "prior histoplasmosis"),
    (f"INDICATION: Known granulomatous disease, neck fullness.\n{NODE}", None,
     "Known granulomatous disease"),
    (f"HISTORY: Coccidioidomycosis.\n{NODE}", None, "Coccidioidomycosis"),
])
def test_a_granulomatous_node_is_not_called_metastasis(text: str, reason: str | None,
                                                       said: str) -> None:
    card = first_card(text, NECK, FNA, reason)
    assert "granulomatous disease on record" in card.summary
    assert "**metastasis**" not in card.detail and "may indicate" not in card.detail
    assert f'The record names granulomatous disease ("{said}") and no carcinoma' in card.detail


@pytest.mark.parametrize(("text", "title", "order", "reason"), [
    # guards: a carcinoma's node, a primary or metastasis named beside lymphoma, no context
    ("HISTORY: Rectal cancer, staging.\nFINDINGS: An 8 mm mesorectal lymph node contains a "
     "calcified focus.", "MRI PELVIS RECTAL PROTOCOL", "US guided FNA mesorectal lymph node",
     None),
    (f"HISTORY: Papillary thyroid carcinoma, status post thyroidectomy.\n{NODE}", NECK, FNA,
     None),
    (f"HISTORY: Hodgkin lymphoma in 2010. Now papillary thyroid carcinoma.\n{NODE}", NECK, FNA,
     None),
    (NODE, NECK, FNA, "Neck node; hx sarcoidosis and melanoma"),
    (f"{NODE}\nIMPRESSION: Calcified right level III node: lymphoma versus metastasis.", NECK,
     FNA, None),
    (NODE, NECK, FNA, None),
])
def test_a_carcinoma_s_node_keeps_metastasis(text: str, title: str, order: str,
                                             reason: str | None) -> None:
    card = first_card(text, title, order, reason)
    assert "may indicate metastasis" in card.summary and "**metastasis**" in card.detail
    assert "The record names" not in card.detail


def _detail(mri: str, title: str, order: str, prior: tuple[str, str, str]) -> str:
    """The first card's detail, the MRI of 2026-10-30 and a ``prior`` (text, title, date)."""
    reports = (read_report(report(mri, title) | {"effectiveDateTime": "2026-10-30"}),
               read_report(report(prior[0], prior[1]) | {"id": "xr0",
                                                         "effectiveDateTime": prior[2]}))
    draft = classify_order({"resourceType": "ServiceRequest", "id": "o1", "status": "draft",
                            "intent": "order", "subject": {"reference": "Patient/p1"},
                            "code": {"text": order}})
    problems = rules.merge(rules.evaluate(draft, rules.Evidence(reports=reports, studies=())))
    assert problems, "no card"
    card = render(problems[0], LIBRARY, patient_id="p1", new_id=lambda: "id").card
    return card.detail.replace("\n", " ")


GRACILIS = ("FINDINGS:\nIntramuscular mass in the proximal right gracilis measuring 5.5 x 3.0 x "
            "4.4 cm. Internal low-signal foci on all sequences may represent mineralization.",
            "MRI PELVIS THIGH RT W WO CONTRAST", "CT GUIDED BX RT MEDIAL THIGH LESION")
CALF = ("FINDINGS:\nA 6 cm mass in the left medial gastrocnemius with internal foci of low "
        "signal, possibly mineralization.", "MRI LEFT CALF", "US guided core biopsy left calf mass")
THIGH = ("FINDINGS:\nA 6.2 cm mass within the right vastus lateralis with coarse peripheral "
         "calcification.", "MRI RIGHT THIGH", "CT guided biopsy right thigh mass")
SHOULDER = ("FINDINGS:\nWithin the supraspinatus tendon there is a 9 mm focus of low signal, "
            "possibly calcific tendinitis.", "MRI SHOULDER RT WO CONTRAST",
            "MRI SHOULDER RT WO CONTRAST")


@pytest.mark.parametrize(("mri", "prior", "said", "possible"), [
    (GRACILIS, ("FINDINGS: Amorphous soft-tissue mineralization medial to the right proximal "
                "femur.", "XR PELVIS AP", "2026-10-21"),
     'The radiograph of 2026-10-21 (**XR PELVIS AP**), before this MRI, shows the '
     'mineralization ("Amorphous soft-tissue mineralization medial to the right proximal '
     'femur"); this MRI suggests it is in the right gracilis mass; CT characterizes it', True),
    (CALF, ("FINDINGS: Mineralized soft-tissue mass in the posterior calf.",
            "XR TIBIA FIBULA LT 2 VIEWS", "2026-10-12"),
     "The radiograph of 2026-10-12 (**XR TIBIA FIBULA LT 2 VIEWS**), before this MRI, shows the "
     'mineralization ("Mineralized soft-tissue mass in the posterior calf"); this MRI suggests',
     True),
    (THIGH, ("FINDINGS: Soft-tissue mass of the lateral thigh with peripheral calcification.",
             "XR FEMUR RT 2 VIEWS", "2026-10-20"),
     "The radiograph of 2026-10-20 (**XR FEMUR RT 2 VIEWS**), before this MRI, shows the "
     'mineralization ("Soft-tissue mass of the lateral thigh with peripheral calcification"); '
     "CT characterizes it, the radiograph does not.", False),
    (SHOULDER, ("FINDINGS: Amorphous calcification in the supraspinatus tendon.",
                "XR SHOULDER RT 2+ VIEWS", "2026-10-02"),
     "The radiograph of 2026-10-02 (**XR SHOULDER RT 2+ VIEWS**), before this MRI, shows the "
     "deposit", True),
    (GRACILIS, ("IMPRESSION: Right medial thigh soft-tissue calcification; MRI recommended.",
                "XR HIP RT 2 VIEWS", "2026-09-30"),
     "The radiograph of 2026-09-30 (**XR HIP RT 2 VIEWS**), before this MRI, shows the "
     "mineralization", True),
])
def test_an_earlier_radiograph_stating_it_is_acknowledged(
        mri: tuple[str, str, str], prior: tuple[str, str, str], said: str,
        possible: bool) -> None:
    detail = _detail(*mri, prior)
    assert said in detail
    assert "not stated as certain" not in detail
    assert "noncontrast CT" in detail or "CT" in detail


@pytest.mark.parametrize(("mri", "prior"), [
    # guards: the other side, another region, silent on the mineral, an adequate CT (silent)
    (GRACILIS, ("FINDINGS: Soft-tissue mineralization medial to the left proximal femur.",
                "XR FEMUR LT 2 VIEWS", "2026-10-21")),
    (CALF, ("FINDINGS: Clear lungs.", "XR CHEST 2 VIEWS", "2026-10-12")),
    (CALF, ("FINDINGS: Soft-tissue swelling of the posterior calf; no calcification.",
            "XR TIBIA FIBULA LT 2 VIEWS", "2026-10-12")),
])
def test_an_earlier_radiograph_not_stating_it_is_not_acknowledged(
        mri: tuple[str, str, str], prior: tuple[str, str, str]) -> None:
    detail = _detail(*mri, prior)
    assert "before this MRI" not in detail and "not stated as certain" in detail
