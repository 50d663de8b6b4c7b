"""Card wording, radiologist review round 8 (tests/eval/REVIEW_ROUND8.md, open points): a lymph
node is named by its nodal station, never by the landmark or the section heading around it
(docs/matching-policy.md P11.32); a joint's deposit by the joint or part the report names
(P11.34); the pediatric flank-mass card before a contrast CT, and an infant (P11.35)."""

from __future__ import annotations

import pytest

from cds_service.core import rules
from cds_service.core.cards import render
from cds_service.core.orders import classify_order
from cds_service.core.reading import read_report
from cds_service.hooks.cards import Card
from tests.test_card_names import LIBRARY, card_detail, lesion_line, report

BREAST, PELVIS, ABDOMEN = "MRI BREAST BILATERAL", "MRI PELVIS", "MRI ABDOMEN AND PELVIS"
CT_CHEST, CT_AP = "CT chest with contrast", "CT abdomen and pelvis with contrast"


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # N-node-station: the station named with the node noun, over the space beside it
    ("Internal mammary: A 9 mm right internal mammary node at the second intercostal space shows "
     "mixed signal intensity with patchy internal signal loss.", BREAST, CT_CHEST,
     "right internal mammary lymph node (9 mm)"),
    ("Internal mammary chain: A 7 mm left internal mammary lymph node in the second interspace "
     "contains a punctate calcification.", BREAST, CT_CHEST,
     "left internal mammary lymph node (7 mm)"),
    ("Chest wall: A 11 mm left parasternal lymph node in the third intercostal space contains a "
     "calcified focus.", BREAST, CT_CHEST, "left internal mammary lymph node (11 mm)"),
    # … over the section heading above it
    ("Lung bases and cardiophrenic angle: A right cardiophrenic lymph node measures 13 mm in "
     "short axis and contains punctate foci of low signal on all sequences, likely psammomatous "
     "calcification.", ABDOMEN, CT_CHEST, "right cardiophrenic lymph node (13 mm)"),
    ("Upper abdomen and lung bases: A 14 mm left cardiophrenic node shows coarse calcification.",
     ABDOMEN, CT_CHEST, "left cardiophrenic lymph node (14 mm)"),
    # … a station opening the sentence, over the fascia the node lies above
    ("Nodes: In the sigmoid mesocolon along the superior rectal vessels, above the mesorectal "
     "fascia, a 9 mm rounded node shows mixed signal intensity with patchy internal signal loss, "
     "suspicious for a mucinous metastasis with calcification.", PELVIS, CT_AP,
     "sigmoid mesocolic lymph node (9 mm)"),
    ("A 9 mm node in the transverse mesocolon, inferior to the pancreas, contains calcification.",
     ABDOMEN, CT_AP, "transverse mesocolic lymph node (9 mm)"),
    # an axillary node keeps its level
    ("A 12 mm right level I axillary node contains punctate calcification.", BREAST, CT_CHEST,
     "right level I axillary lymph node (12 mm)"),
    ("A 12 mm left level III axillary lymph node contains calcification.", BREAST, CT_CHEST,
     "left level III axillary lymph node (12 mm)"),
    # guards: stations already named stay as they are
    ("A 14 mm right level III lymph node contains punctate calcification.", "MRI NECK",
     "CT neck with contrast", "right level III lymph node (14 mm)"),
    ("A 7 mm left mesorectal lymph node contains a calcified focus.", PELVIS, CT_AP,
     "left mesorectal lymph node (7 mm)"),
    ("INGUINAL NODES: A 16 mm rounded left superficial inguinal node contains calcification.",
     PELVIS, CT_AP, "left superficial inguinal lymph node (16 mm)"),
    ("Pelvis: Along the right obturator fossa, medial to the external iliac vein, a 12 mm node "
     "contains punctate calcification.", PELVIS, CT_AP, "right obturator lymph node (12 mm)"),
    ("Kidneys: A 12 mm left para-aortic node lies medial to the left kidney and contains a "
     "calcified focus.", ABDOMEN, CT_AP, "left para-aortic lymph node (12 mm)"),
    ("Mediastinum: A 21 mm subcarinal lymph node with calcification.", "MRI CHEST", CT_CHEST,
     "subcarinal lymph node (21 mm)"),
    ("Right level III and IV lymph nodes contain calcification, up to 14 mm.", "MRI NECK",
     "CT neck with contrast", "right level III and IV lymph nodes (14 mm)"),
    ("Mesorectum: A 6 mm node within the mesorectal fat posteriorly has calcification.", PELVIS,
     CT_AP, "mesorectal lymph node (6 mm)"),
    # … and a station another statement gives is no name over the node's own words
    ("Lymph nodes: A 9 mm left internal iliac (lateral pelvic sidewall) lymph node has "
     "heterogeneous mixed signal with patchy areas of signal loss, possibly calcification.\n"
     "IMPRESSION:\n1. Left lateral pelvic sidewall node with mixed signal and patchy signal loss, "
     "possibly calcified, suspicious for metastasis.", PELVIS, CT_AP,
     "left internal iliac lymph node (9 mm)"),
    ("Lymph nodes: The treated portocaval and porta hepatis nodal conglomerate has decreased "
     "from 5.2 cm to 2.4 cm. It now shows patchy internal areas of signal loss, likely "
     "calcification after treatment.\nIMPRESSION:\n1. Treated portocaval nodal conglomerate, "
     "smaller, with patchy signal loss likely representing post-treatment calcification.",
     ABDOMEN, "CT guided core biopsy portocaval lymph node", "portocaval lymph node (24 mm)"),
])
def test_a_node_is_named_by_its_station(text: str, title: str, order: str, name: str) -> None:
    assert lesion_line(card_detail("FINDINGS:\n" + text, title, order)) == name


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # W-region-for-joint: the joint or joint part the report names, never the region
    ("Glenohumeral joint: Destructive cuff-tear arthropathy with a large effusion containing "
     "innumerable small low-signal particles, likely calcium hydroxyapatite crystal aggregates "
     "(Milwaukee shoulder).", "MRI LEFT SHOULDER", "MRI shoulder left without contrast",
     "left glenohumeral joint"),
    ("Acromioclavicular joint: Linear low signal within the intra-articular disc, blooming on "
     "the gradient-echo images, consistent with chondrocalcinosis of the acromioclavicular joint "
     "disc.", "MRI RIGHT SHOULDER", "MRI shoulder right without contrast",
     "right acromioclavicular joint"),
    ("Spinal canal: At C4-C5 and C5-C6 there are nodular deposits within the ligamentum "
     "flavum, up to 8 mm thick, dark on all sequences with blooming on gradient echo, "
     "consistent with calcification of the ligamentum flavum (calcium pyrophosphate "
     "deposition).", "MRI CERVICAL SPINE", "CT cervical spine with contrast",
     "ligamentum flavum at C4-C5 and C5-C6 (8 mm)"),
    ("Shoulder: Large effusion containing innumerable small low-signal particles, likely "
     "calcium hydroxyapatite crystal aggregates, with destruction of the humeral head, in "
     "keeping with Milwaukee shoulder.", "MRI RIGHT SHOULDER",
     "MRI shoulder right without contrast", "right glenohumeral joint"),
    ("Chondrocalcinosis of the AC joint disc with capsular hypertrophy.", "MRI LEFT SHOULDER",
     "MRI shoulder left without contrast", "left acromioclavicular joint"),
    ("Spinal canal: At L4-L5 the ligamentum flavum contains a 6 mm nodular calcification, "
     "consistent with CPPD, narrowing the canal.", "MRI LUMBAR SPINE",
     "CT lumbar spine with contrast", "ligamentum flavum at L4-L5 (6 mm)"),
    ("Extradural mass at T6 and T7 with coarse calcification, 18 mm.", "MRI THORACIC SPINE",
     "CT thoracic spine with contrast", "epidural mass at T6 and T7 (18 mm)"),
    # guards: a joint named by its region where the report names no part, and parts named
    ("Knee: Chondrocalcinosis of the hyaline cartilage of the right knee joint.",
     "MRI RIGHT KNEE", "MRI knee right without contrast", "right knee joint"),
    ("Periarticular calcification at the index MCP joint, in keeping with calcific "
     "periarthritis.", "MRI RIGHT HAND", "MRI hand right without contrast",
     "right index MCP joint"),
    ("Calcification around the dens (crowned dens), consistent with CPPD.", "MRI CERVICAL SPINE",
     "MRI cervical spine without contrast", "atlantoaxial joint (C1-C2)"),
    ("Joint: The right knee joint is distended by synovial proliferation with numerous "
     "intra-articular osteochondral bodies, low in signal on all sequences, consistent with "
     "synovial osteochondromatosis. The menisci are intact.", "MRI RIGHT KNEE",
     "Synovectomy right knee", "right knee synovial osteochondromatosis"),
    ("Tendons: An 11 mm calcific deposit within the supraspinatus tendon near its footprint; "
     "small glenohumeral joint effusion.", "MRI RIGHT SHOULDER",
     "MRI shoulder right without contrast", "right supraspinatus tendon (11 mm)"),
    ("Intradural extramedullary mass at T6 with coarse calcification, 18 mm.",
     "MRI THORACIC SPINE", "CT thoracic spine with contrast",
     "intradural extramedullary mass at T6 (18 mm)"),
])
def test_a_joint_is_named_by_the_part_the_report_names(text: str, title: str, order: str,
                                                        name: str) -> None:
    assert lesion_line(card_detail("FINDINGS:\n" + text, title, order)) == name


def _child_card(order: str, age: int) -> Card:
    """The pediatric flank-mass card an order draws for a child of ``age`` years."""
    text = "FINDINGS: A 7.2 cm heterogeneous right adrenal mass with coarse calcification."
    ev = rules.Evidence(reports=(read_report(report(text, "MRI ABDOMEN")),), studies=(),
                        patient=rules.PatientFacts(age_years=age))
    draft = classify_order({"resourceType": "ServiceRequest", "id": "o1", "status": "draft",
                            "intent": "order", "subject": {"reference": "Patient/p1"},
                            "code": {"text": order}})
    problem = rules.merge(rules.evaluate(draft, ev))[0]
    assert problem.lead.rule_id == "pediatric-flank-mass"
    return render(problem, LIBRARY, patient_id="p1", age=age, new_id=lambda: "id").card


def test_the_pediatric_card_before_a_contrast_ct_asks_for_noncontrast_images() -> None:
    """W-pediatric-contrast (P11.35): before a contrast CT, no "CT is essential before contrast
    CT" nor a biopsy nobody ordered; the step is the change the card recommends."""
    for order in ("CT abdomen with contrast", "CT ABDOMEN W IV CONTRAST PEDS"):
        card = _child_card(order, 3)
        assert card.summary.endswith("this CT needs noncontrast images first"), card.summary
        assert "biopsy" not in card.detail
        assert "change the order to **CT abdomen without and with contrast**" in card.detail
        assert "child (3 years)" in card.detail
    card = _child_card("MRI abdomen without and with contrast to characterize adrenal mass", 4)
    assert "biopsy" not in card.detail and "CT is essential before MRI" in card.summary


def test_an_infant_is_named_so() -> None:
    """"child (0 years)" for an infant (P11.35): an infant; one year is singular."""
    card = _child_card("CT guided biopsy right adrenal mass", 0)
    assert card.summary.startswith("Infant with calcified flank mass")
    assert "an **infant with a flank mass" in card.detail and "0 years" not in card.detail
    assert "child (1 year)" in _child_card("CT guided biopsy right adrenal mass", 1).detail
    # guard: a biopsy keeps "precedes biopsy" and the noncontrast CT before it
    card = _child_card("CT guided biopsy right adrenal mass", 6)
    assert "child (6 years)" in card.detail and "precedes\nbiopsy" in card.detail
    assert card.summary.endswith("CT is essential before biopsy")


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # "Finding: both renal": a finding with no lesion word is named by the organ's noun
    ("Kidneys: The medullary pyramids are diffusely T2 hypointense bilaterally, with low signal "
     "on all sequences, consistent with medullary nephrocalcinosis.\nIMPRESSION:\n1. Bilateral "
     "medullary nephrocalcinosis in keeping with distal renal tubular acidosis.", ABDOMEN,
     CT_AP, "kidney"),
    ("Kidneys: Both kidneys show diffuse medullary low signal on all sequences, consistent with "
     "nephrocalcinosis.", ABDOMEN, "CT abdomen with contrast", "both kidneys"),
    ("Kidneys: Both kidneys show punctate medullary foci of low signal on all sequences, likely "
     "nephrocalcinosis.", ABDOMEN, CT_AP, "both kidneys"),
    ("Kidneys: Diffuse medullary low signal on all sequences in the right kidney, consistent "
     "with nephrocalcinosis.", ABDOMEN, "CT abdomen with contrast", "right kidney"),
    ("Kidneys: Faint medullary low signal on all sequences in the left kidney, possibly early "
     "nephrocalcinosis.", ABDOMEN, "CT abdomen with contrast", "left kidney"),
    ("Breasts: Both breasts show scattered foci of low signal on all sequences, likely benign "
     "calcifications.", BREAST, CT_CHEST, "both breasts"),
    # guards: a lesion or a mineral noun keeps the organ's adjective
    ("2 cm solid right renal lesion with punctate calcification.", ABDOMEN,
     "CT abdomen with contrast", "right renal lesion (20 mm)"),
    ("Kidneys: Medullary nephrocalcinosis in both kidneys.", ABDOMEN, "CT abdomen with contrast",
     "both renal calcifications"),
    ("Coarse calcifications throughout the pancreas, consistent with chronic calcific "
     "pancreatitis.", ABDOMEN, "CT abdomen with contrast", "pancreas"),
    ("Chondrocalcinosis of the menisci of both knees, suggesting CPPD.", "MRI BILATERAL KNEES",
     "MRI knee without contrast", "menisci of both knees"),  # P11.49
])
def test_a_finding_with_no_lesion_word_is_named_by_the_organ(text: str, title: str, order: str,
                                                             name: str) -> None:
    assert lesion_line(card_detail("FINDINGS:\n" + text, title, order)) == name
