"""Card wording, radiologist review round 8 (tests/eval/REVIEW_ROUND8.md, open points): a lymph
node is named by its nodal station, never by the landmark or the section heading around it
(docs/matching-policy.md P11.32)."""

from __future__ import annotations

import pytest

from tests.test_card_names import card_detail, lesion_line

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
