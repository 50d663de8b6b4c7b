"""A mineral word in a tumour's phrase is the tumour's also where the nodes follow after a bare
comma (docs/matching-policy.md P2.35a; P2.35 left it open: "gastric cancer with coarse
calcification, perigastric nodes up to 8 mm" made a calcified node). Within the clause, the
comma-separated part holding the mineral word decides: a lesion word there and no node word is the
tumour's; a node word there keeps the nodes' (a station list "level III, IV and V nodes" has no
lesion word, so it stays one phrase)."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text

TUMOUR = [
    "FINDINGS: 4 cm gastric cancer with coarse calcification, perigastric nodes up to 8 mm.",
    "IMPRESSION: Rectal adenocarcinoma with internal calcification, mesorectal nodes up to 6 mm.",
    "FINDINGS: 5 cm cecal mass with calcification, ileocolic lymph nodes measuring up to 9 mm.",
    "IMPRESSION: Mucinous adenocarcinoma of the appendix containing calcification, several small "
    "mesenteric nodes.",
    "IMPRESSION: Calcified sigmoid cancer, pericolic nodes up to 5 mm, no distant metastases.",
    "FINDINGS: Pancreatic head adenocarcinoma with coarse calcification, peripancreatic lymph "
    "nodes not enlarged.",
]


@pytest.mark.parametrize("report", TUMOUR)
def test_the_tumours_mineral_before_a_comma_is_not_the_nodes(report: str) -> None:
    assert [(s.kind, s.mineral) for s in read_text(report).structures] == [("mass", "present")]


@pytest.mark.parametrize(("report", "size"), [
    (TUMOUR[0], 40), (TUMOUR[1], None), (TUMOUR[2], 50), (TUMOUR[5], None),
    ("IMPRESSION: 3 cm rectal adenocarcinoma with internal calcification, mesorectal nodes up "
     "to 6 mm, no extramural venous invasion.", 30),
])
def test_the_nodes_size_is_not_the_tumours(report: str, size: int | None) -> None:
    """P2.35a: the size of the nodes named after a comma is not the tumour's."""
    (found,) = read_text(report).structures
    assert (found.kind, found.size_mm) == ("mass", size)


@pytest.mark.parametrize("report", [
    # guards: the nodes' own part of the clause holds the mineral word
    "FINDINGS: Gastric cancer, perigastric nodes with coarse calcification up to 8 mm.",
    "FINDINGS: Calcified perigastric nodes up to 8 mm, gastric cancer.",
    "IMPRESSION: Calcified right level III, IV and V lymph nodes, recurrent thyroid cancer.",
    "IMPRESSION: Rectal cancer, mesorectal nodes showing calcification.",
    "FINDINGS: A 9 mm rounded mesocolic node shows patchy internal signal loss, consistent with a "
    "mucinous metastasis with calcification.",
])
def test_a_node_part_keeps_its_mineral(report: str) -> None:
    assert [(s.kind, s.mineral) for s in read_text(report).structures] == [("node", "present")]
