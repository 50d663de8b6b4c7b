"""A mineral word in a tumour's phrase is the tumour's, not a node's named beside it
(docs/matching-policy.md P2.35, P1.2, P2.6): "5.4 cm mucinous adenocarcinoma of the cecum with
internal calcification, at least T3; ileocolic nodes not enlarged" is a calcified cecal mass, not a
calcified "cecum lymph node": an adenocarcinoma, a cholangiocarcinoma or a cancer names a mass as
"carcinoma" did, so the calcification's clause names its structure and the nodes of another clause
or of a list after it do not take it. Before a contrast CT of the region, only the contrast-CT
card. Each variant made a calcified node on main 615b58d (unseen30 first run, c1 pos: a second
card, nodal-calcification). Guards: nodes the sentence calls calcified stay calcified nodes ("the
ileocolic nodes contain calcification", "calcified level VI nodes", "a calcified 8 mm ileocolic
node" after "history of colon cancer")."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text
from tests.test_order_catalog import leads

ABDOMEN = "MRI ABDOMEN AND PELVIS WITHOUT AND WITH CONTRAST"

TUMOUR = [
    "IMPRESSION:\n1. 5.4 cm mucinous adenocarcinoma of the cecum with internal calcification, at "
    "least T3; ileocolic nodes not enlarged.",
    "IMPRESSION: Cecal cancer with internal calcification; ileocolic nodes are not enlarged.",
    "FINDINGS: Partly calcified mucinous adenocarcinoma of the ascending colon and several small "
    "pericolic nodes.",
    "IMPRESSION: Mucinous adenocarcinoma of the rectum, T3, with internal calcification, and "
    "mesorectal nodes up to 7 mm.",
    "IMPRESSION: Sigmoid adenocarcinoma with foci of calcification; pericolic nodes up to 6 mm.",
    "IMPRESSION: Pancreatic ductal adenocarcinoma with coarse calcification; peripancreatic nodes "
    "are not enlarged.",
    "IMPRESSION: Calcified gastric cancer; perigastric lymph nodes up to 9 mm.",
    "IMPRESSION: Intrahepatic cholangiocarcinoma with internal calcification; portocaval nodes "
    "not enlarged.",
    "FINDINGS: Mucinous adenocarcinoma of the appendix containing calcification, and a few small "
    "mesenteric nodes.",
]


@pytest.mark.parametrize("report", TUMOUR)
def test_the_tumours_mineral_is_not_the_nodes(report: str) -> None:
    found = read_text(report).structures
    assert [(s.kind, s.mineral) for s in found] == [("mass", "present")]


def test_the_cecal_tumour_draws_the_contrast_card_alone() -> None:
    assert leads(TUMOUR[0], "CT TAP C+", title=ABDOMEN) == ["contrast-ct-noncontrast-first"]


# --- guards ----------------------------------------------------------------------------------

@pytest.mark.parametrize("report", [
    "IMPRESSION: Cecal adenocarcinoma; the ileocolic nodes contain calcification.",
    "IMPRESSION: Calcified ileocolic nodes adjacent to the cecal cancer.",
    "IMPRESSION: Mucinous adenocarcinoma of the cecum; enlarged ileocolic nodes with internal "
    "calcification.",
    "FINDINGS: Cecal adenocarcinoma. Two ileocolic nodes are calcified.",
    "IMPRESSION: Papillary thyroid carcinoma with calcified level VI nodes.",
    "IMPRESSION: Metastatic adenocarcinoma to calcified mesenteric lymph nodes.",
    "IMPRESSION: Rectal cancer with mesorectal nodes showing calcification.",
    "FINDINGS: History of colon cancer. A calcified 8 mm ileocolic node.",
    "FINDINGS: Calcified right level III and IV lymph nodes, recurrent papillary thyroid cancer.",
])
def test_nodes_the_sentence_calls_calcified_stay_calcified_nodes(report: str) -> None:
    assert [(s.kind, s.mineral) for s in read_text(report).structures] == [("node", "present")]
