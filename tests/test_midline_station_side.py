"""A midline nodal station (subcarinal station 7, precarinal, pretracheal) takes a side only from a
side word that qualifies it, never from the paired station its clause names beside it: never
"right subcarinal" (review round 26, unseen51 m1, a wording point: "right paratracheal (4R …)
and subcarinal (7 …) nodes" was named "right subcarinal lymph node"; docs/matching-policy.md
P11.125, P2.43)."""

from __future__ import annotations

import pytest

from tests.test_card_names import card_detail, lesion_line

MRI = "MRI CHEST W/WO CONTRAST"
EBUS = "EBUS TBNA MEDIASTINAL LYMPH NODES"


@pytest.mark.parametrize(("text", "name"), [
    ("FINDINGS: Enlarged right paratracheal (4R, 15 mm short axis) and subcarinal (7, 19 mm) "
     "lymph nodes with peripheral eggshell calcification.", "subcarinal lymph node (19 mm)"),
    ("FINDINGS: Left hilar and subcarinal lymph nodes, up to 17 mm, with eggshell calcification.",
     "subcarinal lymph nodes (17 mm)"),
    ("FINDINGS: Right hilar, right paratracheal and subcarinal nodes with eggshell calcification, "
     "the largest subcarinal node 24 mm.", "subcarinal lymph nodes (24 mm)"),
    ("FINDINGS: Enlarged left paratracheal and precarinal nodes, the precarinal node measuring "
     "14 mm with peripheral calcification.", "precarinal lymph nodes"),
    ("FINDINGS: Enlarged left lower paratracheal (4L, 12 mm) and subcarinal (7, 21 mm) nodes "
     "with eggshell calcification.", "subcarinal lymph node (21 mm)"),
    ("FINDINGS: A calcified subcarinal node, 26 mm, abutting the right main bronchus.",
     "subcarinal lymph node (26 mm)"),
    ("FINDINGS: Subcarinal lymph node, 23 mm, with eggshell calcification, compressing the left "
     "atrium and right mainstem bronchus.", "subcarinal lymph node (23 mm)"),
])
def test_a_midline_station_takes_no_side_from_its_neighbour(text: str, name: str) -> None:
    assert lesion_line(card_detail(text, MRI, EBUS, "Mediastinal adenopathy")) == name


@pytest.mark.parametrize(("text", "name"), [
    ("FINDINGS: A 21 mm right paratracheal lymph node with eggshell calcification.",
     "right paratracheal lymph node (21 mm)"),
    ("FINDINGS: A 16 mm left hilar lymph node with eggshell calcification.",
     "left hilar lymph node (16 mm)"),
    ("FINDINGS: A 20 mm subcarinal lymph node with eggshell calcification.",
     "subcarinal lymph node (20 mm)"),
])
def test_a_paired_station_keeps_its_side(text: str, name: str) -> None:
    assert lesion_line(card_detail(text, MRI, EBUS, "Mediastinal adenopathy")) == name
