"""A metastasis said of a node in its own sentence is that node (docs/matching-policy.md P4.16;
unseen42 m1: "Suspicious left external iliac node with mixed signal and patchy signal loss,
possibly calcified metastasis" made a second structure, a left external iliac mass, which drew
contrast-ct-noncontrast-first beside nodal-calcification before "CT ABD & PELVIS W/CONT"). A node
feeds nodal-calcification only (P1.2). Guards: a metastasis of an organ or a bone stays its own
structure, and a node and a separate mass named together keep both. The variants failed on
62b90c3."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text
from tests.test_spine_ct_paraspinal import leads

PELVIS = "MRI PELVIS W/&W/O CONT (BLADDER CANCER STAGING)"
CT_AP = ("CT ABD & PELVIS W/CONT", "74177")


@pytest.mark.parametrize("report", [
    "IMPRESSION: 1. Bladder dome mucinous adenocarcinoma with extravesical extension (T3b). "
    "2. Suspicious left external iliac node with mixed signal and patchy signal loss, possibly "
    "calcified metastasis.",
    "IMPRESSION: Enlarged 1.4 cm left obturator lymph node, a calcified metastatic deposit.",
    "IMPRESSION: Right common iliac node with low signal on all sequences, likely calcified "
    "metastasis from the known rectal primary.",
    "FINDINGS: A 12 mm mesorectal node with heterogeneous signal and signal loss, suspicious for "
    "a calcified metastasis.",
    "IMPRESSION: Left internal iliac lymph node, probably a calcified metastatic lesion.",
])
def test_a_metastasis_said_of_the_node_is_the_node(report: str) -> None:
    assert [k for k, _ in leads(PELVIS, report, *CT_AP)] == ["nodal-calcification"]
    kinds = {m.kind for m in read_text(report).mentions if m.counts}
    assert kinds == {"node"}


@pytest.mark.parametrize(("title", "report", "want"), [
    ("MRI ABDOMEN W/WO CONT", "IMPRESSION: 2.1 cm calcified liver metastasis in segment 6.",
     ["contrast-ct-noncontrast-first"]),
    (PELVIS, "IMPRESSION: Enlarged left obturator lymph node with a calcified metastasis in the "
     "liver.", ["contrast-ct-noncontrast-first"]),
    (PELVIS, "IMPRESSION: 1. Calcified left external iliac node. 2. A separate 3.2 cm calcified "
     "mass within the left obturator internus, sarcoma not excluded.",
     ["deep-soft-tissue-mass", "nodal-calcification"]),
])
def test_guards_another_structure_stays_itself(title: str, report: str, want: list[str]) -> None:
    assert [k for k, _ in leads(title, report, *CT_AP)] == want


def test_a_bone_metastasis_beside_the_node_stays_bone() -> None:
    report = ("IMPRESSION: Enlarged left obturator lymph node, and a calcified metastasis in the "
              "left iliac bone.")
    assert {m.kind for m in read_text(report).mentions if m.counts} == {"bone"}
