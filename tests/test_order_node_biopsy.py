"""A node's biopsy by its procedure: an EBUS-TBNA samples the mediastinal or hilar node station
it names (CPT 31652, 31653), and a biopsy naming no place, whose name is none or its code's
descriptor ("first lesion"), for a disease of the lymph nodes (lymphoma) samples the patient's
nodes (docs/matching-policy.md P15.16, P17.26, P4.22). Each positive drew no card on fdfde69
(unseen46 g1: "Bronch EBUS TBNA Subcarinal Node", CPT 31652, over a calcified subcarinal node;
unseen46 m2: CPT 10005 with its descriptor for text, reason SNOMED 118599009 Hodgkin's disease,
over a supraclavicular node with possible calcification)."""

from __future__ import annotations

from typing import Any

import pytest

from cds_service.core import rules
from cds_service.core.orders import classify_order
from cds_service.core.reading import read_report
from tests.test_order_catalog import CPT, mri

SNOMED = "http://snomed.info/sct"
EBUS12 = ("Bronchoscopy with EBUS guided transtracheal/transbronchial sampling, 1 or 2 "
          "mediastinal/hilar lymph node stations")
EBUS3 = ("Bronchoscopy with EBUS guided transtracheal/transbronchial sampling, 3 or more "
         "mediastinal/hilar lymph node stations")
FNA_US = "Fine needle aspiration biopsy, including ultrasound guidance; first lesion"
FNA_CT = "Fine needle aspiration biopsy, including CT guidance; first lesion"
FNA_PLAIN = "Fine needle aspiration biopsy, without imaging guidance; first lesion"
HODGKIN = {"coding": [{"system": SNOMED, "code": "118599009", "display": "Hodgkin's disease"}]}


def cards(report: str, title: str, text: str | None, code: str | None, display: str | None,
          reason: str | dict[str, Any] | None = None) -> list[str]:
    concept: dict[str, Any] = {}
    if code is not None:
        concept["coding"] = [{"system": CPT, "code": code, "display": display}]
    if text is not None:
        concept["text"] = text
    order: dict[str, Any] = {"resourceType": "ServiceRequest", "id": "o1", "status": "draft",
                             "intent": "order", "subject": {"reference": "Patient/p1"},
                             "code": concept}
    if reason is not None:
        order["reasonCode"] = [{"text": reason} if isinstance(reason, str) else reason]
    ev = rules.Evidence(reports=(read_report(mri(report, title)),), studies=())
    return [p.lead.rule_id
            for p in rules.merge(rules.evaluate(classify_order(order), ev))]


# --- EBUS-TBNA: a biopsy of the named mediastinal or hilar node station (P15.16, P17.26) ----

SUBCARINAL = (
    "FINDINGS: A 29 mm spiculated noncalcified mass in the right lower lobe; no calcification "
    "within it. A 19 mm subcarinal lymph node contains a central focus of very low signal on all "
    "sequences with blooming on gradient-echo, consistent with calcification. Right hilar node "
    "11 mm, homogeneous. IMPRESSION: 1. Right lower lobe mass. 2. Calcified subcarinal node.")
PARATRACHEAL = (
    "FINDINGS: A 16 mm right lower paratracheal (station 4R) lymph node with coarse "
    "calcification. No lung mass. IMPRESSION: Calcified right paratracheal node.")
HILAR = (
    "FINDINGS: A 3 cm left upper lobe mass without calcification. A 14 mm left hilar lymph node "
    "with peripheral eggshell calcification. IMPRESSION: Left upper lobe mass; calcified left "
    "hilar node.")
SUBCARINAL_PLAIN = SUBCARINAL.replace(
    "contains a central focus of very low signal on all sequences with blooming on "
    "gradient-echo, consistent with calcification", "is homogeneous, without internal signal "
    "loss; no calcification").replace("Calcified subcarinal node", "Subcarinal node")

EBUS_NODES = [
    (SUBCARINAL, "Bronch EBUS TBNA Subcarinal Node", "31652", EBUS12, "Lung mass, staging"),
    (SUBCARINAL, None, "31652", EBUS12, "Mediastinal lymphadenopathy"),
    (SUBCARINAL, "EBUS-TBNA STATION 7", "31652", EBUS12, None),
    (PARATRACHEAL, "ENDOBRONCHIAL US WITH TRANSBRONCHIAL NEEDLE ASPIRATION, RIGHT PARATRACHEAL "
     "NODE", "31652", EBUS12, "Sarcoidosis versus lymphoma"),
    (HILAR, "EBUS TBNA STATIONS 4L, 7, 11L", "31653", EBUS3, "NSCLC staging"),
    (SUBCARINAL, "EBUS TBNA SUBCARINAL LYMPH NODE", None, None, "Lung mass, staging"),
]


@pytest.mark.parametrize(("report", "text", "code", "display", "reason"), EBUS_NODES)
def test_an_ebus_tbna_is_a_biopsy_of_the_calcified_node(
        report: str, text: str | None, code: str | None, display: str | None,
        reason: str | None) -> None:
    assert cards(report, "MRI CHEST", text, code, display, reason) == ["nodal-calcification"]


@pytest.mark.parametrize(("report", "text", "code", "display", "reason"), [
    # the twin: a CT-guided core biopsy of the noncalcified lung mass
    (SUBCARINAL, "CT Guided Core Bx Lung Rt", "32408",
     "Core needle biopsy, lung or mediastinum, percutaneous, including imaging guidance",
     "Lung mass"),
    # a homogeneous node
    (SUBCARINAL_PLAIN, "Bronch EBUS TBNA Subcarinal Node", "31652", EBUS12, "Lung mass, staging"),
    (SUBCARINAL_PLAIN, None, "31653", EBUS3, None),
    # a bronchoscopy that samples nothing
    (SUBCARINAL, "BRONCHOSCOPY WITH BAL RIGHT LOWER LOBE", None, None, "Lung mass"),
])
def test_guards_stay_silent(report: str, text: str | None, code: str | None,
                            display: str | None, reason: str | None) -> None:
    assert cards(report, "MRI CHEST", text, code, display, reason) == []


# --- a biopsy naming no place, for a nodal disease: the patient's nodes (P4.22) ---------------

SUPRACLAVICULAR = (
    "FINDINGS: LYMPH NODES: A 23 mm left supraclavicular (level IV) node, T2 heterogeneous, with "
    "mixed signal intensity and patchy internal signal loss on gradient-echo that may reflect "
    "calcification. Smaller level III node 9 mm. THYROID: Normal size; a 6 mm T2 hyperintense "
    "cystic nodule in the left lobe. IMPRESSION: Enlarged left supraclavicular node with "
    "possible calcification: treated lymphoma versus recurrence.")
AXILLARY = ("FINDINGS: A 2.2 cm right axillary lymph node with dense calcification. IMPRESSION: "
            "Calcified right axillary node.")
PARAAORTIC = ("FINDINGS: A 3 cm left para-aortic lymph node with foci of calcification. Liver and "
              "spleen normal. IMPRESSION: Calcified left para-aortic node.")
CERVICAL = ("FINDINGS: A 2.5 cm right level II lymph node with coarse calcification. "
            "IMPRESSION: Calcified right level II node.")
HOMOGENEOUS = SUPRACLAVICULAR.replace(
    "T2 heterogeneous, with mixed signal intensity and patchy internal signal loss on "
    "gradient-echo that may reflect calcification", "T2 homogeneous, without internal signal "
    "loss; no calcification").replace("with possible calcification", "without calcification")
THYROID_CALCIFIED = (
    "FINDINGS: A 2 cm left thyroid nodule with coarse calcification. A 12 mm left "
    "supraclavicular node, homogeneous. IMPRESSION: Calcified left thyroid nodule.")

NODAL_REASONS = [
    (SUPRACLAVICULAR, "MRI NECK", FNA_US, "10005", FNA_US, HODGKIN),
    (SUPRACLAVICULAR, "MRI NECK", None, "10005", FNA_US, "Hodgkin lymphoma, new neck fullness"),
    (AXILLARY, "MRI CHEST", None, "10005", FNA_US, "Non-Hodgkin lymphoma"),
    (PARAAORTIC, "MRI ABDOMEN", FNA_CT, "10009", FNA_CT, "Follicular lymphoma, restaging"),
    (CERVICAL, "MRI NECK", None, "10021", FNA_PLAIN, "Castleman disease"),
    (AXILLARY, "MRI CHEST", "US GUIDED FNA", None, None, "NHL"),
]


@pytest.mark.parametrize(("report", "title", "text", "code", "display", "reason"),
                         NODAL_REASONS)
def test_a_biopsy_naming_no_place_for_a_nodal_disease_is_of_the_nodes(
        report: str, title: str, text: str | None, code: str | None, display: str | None,
        reason: str | dict[str, Any]) -> None:
    assert cards(report, title, text, code, display, reason) == ["nodal-calcification"]


@pytest.mark.parametrize(("report", "text", "code", "display", "reason"), [
    # the twin: a homogeneous node
    (HOMOGENEOUS, FNA_US, "10005", FNA_US, HODGKIN),
    # an FNA of the thyroid with a lymphoma reason
    (SUPRACLAVICULAR, "US FNA LEFT THYROID NODULE", "10005", FNA_US, HODGKIN),
    (SUPRACLAVICULAR, "US FNA THYROID", "10005", FNA_US, "Hodgkin lymphoma"),
    (SUPRACLAVICULAR, FNA_US, "10005", FNA_US, "Primary thyroid lymphoma"),
    # no nodal disease: the descriptor's lesion, and the node is no lesion
    (SUPRACLAVICULAR, FNA_US, "10005", FNA_US, "Thyroid nodule"),
    # the nodes' biopsy is not the calcified thyroid nodule's
    (THYROID_CALCIFIED, FNA_US, "10005", FNA_US, HODGKIN),
])
def test_nodal_guards_stay_silent(report: str, text: str | None, code: str | None,
                                  display: str | None, reason: str | dict[str, Any]) -> None:
    assert cards(report, "MRI NECK", text, code, display, reason) == []


def test_a_lesion_the_order_or_reason_names_keeps_its_card() -> None:
    assert cards(THYROID_CALCIFIED, "MRI NECK", "US FNA LEFT THYROID NODULE", "10005", FNA_US,
                 HODGKIN) == ["biopsy-calcified-mass"]
    assert cards(THYROID_CALCIFIED, "MRI NECK", FNA_US, "10005", FNA_US,
                 "Hodgkin lymphoma; calcified left thyroid nodule") == ["biopsy-calcified-mass"]
