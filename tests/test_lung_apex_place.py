"""The lung apex is the lung's: "superior sulcus", "Pancoast", "right apical", "lung apex" name the
lung (site `lung`), not the heart's apex nor the chest wall a superior sulcus tumour invades; a
calcific density a cited chest radiograph showed in such a mass, restated by the MRI, draws
biopsy-calcified-mass before its lung biopsy (docs/matching-policy.md P12.44). The variants drew
nothing on af20e49 (unseen51 o1: "Right superior sulcus tumor, 48 mm, with chest wall invasion of
the first rib. The calcific density in the mass on the 2026-09-30 chest radiograph is not resolved
by this MRI." before "IR CT GUIDED BX LUNG", CPT 32408)."""

from __future__ import annotations

from typing import Any

import pytest

from cds_service.core.reading import read_report
from tests.test_order_catalog import leads, mri


def _extra(reason: str | None) -> dict[str, Any]:
    return {"reasonCode": [{"text": reason}]} if reason else {}


CITED = ("COMPARISON: Chest radiograph 2026-09-30, which shows a {side} apical opacity with a "
         "faint calcific density projecting over its medial aspect.\n")

APEX = [
    (CITED.format(side="right") + "FINDINGS: A 45 mm mass in the right lung apex with "
     "heterogeneous enhancement.\nIMPRESSION: Right superior sulcus tumor, 45 mm, with chest "
     "wall invasion of the second rib. The calcific density in the mass on the chest radiograph "
     "is not resolved by this MRI.",
     "CT GUIDED BIOPSY RIGHT LUNG MASS", None, None),
    ("FINDINGS: Lobulated mass at the left lung apex invading the first rib.\nIMPRESSION: Left "
     "Pancoast tumor, 5 cm, invading the chest wall. Calcification within the mass on the chest "
     "radiograph of 2026-09-30 is not resolved by MRI.",
     "IR CT GUIDED BX LUNG", "32408", "left apical lung mass"),
    (CITED.format(side="left") + "FINDINGS: The left apical mass measures 38 mm and encases the "
     "lower trunk of the brachial plexus.\nIMPRESSION: Left apical mass, 38 mm; the calcific "
     "density on the chest radiograph is not resolved by this MRI.",
     "PERCUTANEOUS NEEDLE BIOPSY LEFT LUNG", None, None),
    ("FINDINGS: Right superior sulcus mass, 4 cm, with erosion of the posterior first rib. The "
     "chest radiograph of 2026-09-30 showed coarse calcification within this mass.",
     "CT GUIDED CORE BIOPSY RIGHT UPPER LOBE MASS", None, None),
    ("IMPRESSION: A 52 mm mass in the apex of the right lung, extending into the chest wall, "
     "contains calcification on the outside chest radiograph; MRI does not resolve it.",
     "IR CT GUIDED BX LUNG", "32408", "right apical lung mass, tissue diagnosis"),
]


@pytest.mark.parametrize(("report", "text", "code", "reason"), APEX)
def test_a_calcified_lung_apex_mass_before_its_biopsy(
        report: str, text: str, code: str | None, reason: str | None) -> None:
    assert leads(report, text, code, title="MRI BRACHIAL PLEXUS W WO CONTRAST",
                 **_extra(reason)) == ["biopsy-calcified-mass"]


def test_the_superior_sulcus_tumour_is_the_lungs() -> None:
    found = read_report(mri(APEX[0][0], "MRI BRACHIAL PLEXUS")).findings.mentions
    assert {(m.kind, m.site, m.side) for m in found if m.counts} == {("mass", "lung", "right")}


def test_the_orbits_superior_sulcus_is_no_lung() -> None:  # the eyelid's sulcus (review26)
    found = read_report(mri("FINDINGS: Deep left superior sulcus. A 12 mm calcified mass in "
                            "the left superior sulcus region of the orbit.", "MRI ORBITS")
                        ).findings.mentions
    assert all(m.site != "lung" for m in found)


@pytest.mark.parametrize(("report", "text", "code"), [
    # the other side's lung is not the mass's (P4.3)
    (APEX[0][0], "CT GUIDED BIOPSY LEFT LUNG MASS", None),
    # a radiograph that showed no calcification
    ("FINDINGS: Right superior sulcus tumor, 45 mm. The chest radiograph of 2026-09-30 showed "
     "no calcification in the mass.", "IR CT GUIDED BX LUNG", "32408"),
])
def test_near_misses_stay_silent(report: str, text: str, code: str | None) -> None:
    assert leads(report, text, code, title="MRI BRACHIAL PLEXUS") == []


@pytest.mark.parametrize("report", [
    "FINDINGS: Left ventricle: A laminated apical thrombus with calcification.",
    "FINDINGS: Left ventricle: Apical aneurysm with a calcified wall.",
])
def test_the_hearts_apex_stays_the_hearts(report: str) -> None:
    assert leads(report, "CT HEART W CONTRAST", None, title="MRI CARDIAC") == [
        "cardiovascular-calcification"]


STAGED = ("FINDINGS: Right lung apex: A 5 cm superior sulcus mass with coarse calcification.\n"
          "Mediastinum: A 1.6 cm right lower paratracheal (station 4R) node{node}.")


@pytest.mark.parametrize(("node", "reason", "want"), [
    # a node sampled to stage the apical tumour is about the node, not the tumour (P4.32)
    ("", "Right superior sulcus mass, mediastinal staging", []),
    ("", "Right upper lobe mass, staging", []),
    (" with punctate calcification", "Right superior sulcus mass, mediastinal staging",
     ["nodal-calcification"]),
])
def test_a_node_biopsy_staging_the_apical_mass(node: str, reason: str, want: list[str]) -> None:
    assert leads(STAGED.format(node=node), "EBUS-TBNA STATION 4R NODE", "31652",
                 title="MRI CHEST", **_extra(reason)) == want


def test_the_apical_mass_biopsy_for_staging_keeps_its_card() -> None:
    assert leads(STAGED.format(node=""), "CT GUIDED BX LUNG RT APEX", "32405",
                 title="MRI CHEST", **_extra("Right superior sulcus mass, staging")) == [
        "biopsy-calcified-mass"]
