"""P15.19: random (non-targeted, step, four-quadrant) mucosal biopsies of the bowel, stomach
or oesophagus sample tissue, with or without a scope word ("RANDOM COLON BIOPSIES" drew
biopsy-calcified-mass over a calcified sigmoid mass on af20e49, while "COLONOSCOPY WITH RANDOM
BIOPSIES" was silent). P15.20: an upper endoscopy reaches the duodenum, not the jejunum or
ileum (on af20e49 "EGD WITH BIOPSY" drew the card over a calcified ileal or jejunal mass, the
anatomy table having no duodenum). Guards keep the card where the biopsy aims at the mass or
the scope reaches it."""

from __future__ import annotations

import pytest

from tests.test_order_catalog import leads

SIGMOID = ("FINDINGS: A 4.5 cm mass of the sigmoid colon with internal calcification, mucinous "
           "adenocarcinoma favoured. IMPRESSION: Calcified sigmoid colon mass.")
GASTRIC = ("FINDINGS: A 3.8 cm submucosal mass of the gastric body with punctate calcification, "
           "gastrointestinal stromal tumour favoured.")
ESOPH = ("FINDINGS: A 4.5 cm intramural mass of the mid esophagus is T2 hypointense with coarse "
         "calcification, leiomyoma favoured.")
RECTAL = ("FINDINGS: A 5 cm mass of the rectum with internal calcification, mucinous tumour "
          "favoured.")


@pytest.mark.parametrize(("report", "title", "text", "code"), [
    (SIGMOID, "MRI PELVIS", "RANDOM COLON BIOPSIES", None),
    (SIGMOID, "MRI PELVIS", "RANDOM COLON BIOPSIES", "45380"),
    (SIGMOID, "MRI PELVIS", "COLON BIOPSIES, RANDOM", None),
    (SIGMOID, "MRI PELVIS", "RANDOM COLONIC BIOPSIES FOR MICROSCOPIC COLITIS", None),
    (SIGMOID, "MRI PELVIS", "NON-TARGETED COLON BX", None),
    (SIGMOID, "MRI PELVIS", "STEP BIOPSIES OF THE COLON", None),
    (RECTAL, "MRI PELVIS", "RANDOM RECTAL BIOPSIES", "45305"),
    (GASTRIC, "MRI ABDOMEN", "RANDOM GASTRIC BIOPSIES", "43239"),
    (GASTRIC, "MRI ABDOMEN", "EGD WITH RANDOM GASTRIC BIOPSIES", None),
    (ESOPH, "MRI CHEST", "FOUR-QUADRANT ESOPHAGEAL BIOPSIES", "43239"),
    (ESOPH, "MRI CHEST", "RANDOM ESOPHAGEAL BIOPSIES FOR EOSINOPHILIC ESOPHAGITIS", None),
])
def test_random_mucosal_biopsies_sample_tissue(
        report: str, title: str, text: str | None, code: str | None) -> None:
    assert leads(report, text, code, title=title) == []


@pytest.mark.parametrize(("report", "title", "text", "code"), [
    (SIGMOID, "MRI PELVIS", "COLON BIOPSY", None),
    (SIGMOID, "MRI PELVIS", "COLONOSCOPY WITH BIOPSY OF SIGMOID MASS", "45380"),
    (SIGMOID, "MRI PELVIS", "BIOPSY SIGMOID MASS", None),
    (SIGMOID, "MRI PELVIS", "COLONOSCOPY WITH RANDOM BIOPSIES AND BIOPSY OF SIGMOID MASS",
     "45380"),
    (GASTRIC, "MRI ABDOMEN", "EGD WITH BIOPSY", "43239"),
    (RECTAL, "MRI PELVIS", "RECTAL BIOPSY", "45305"),
])
def test_a_biopsy_that_may_aim_at_the_mass_keeps_its_card(
        report: str, title: str, text: str | None, code: str | None) -> None:
    assert leads(report, text, code, title=title) == ["biopsy-calcified-mass"]


JEJUNUM = ("FINDINGS: A 3.2 cm mass of the mid jejunum with coarse internal calcification, "
           "carcinoid favoured. IMPRESSION: Calcified jejunal mass.")
ILEUM = ("FINDINGS: A 2.5 cm mass of the distal ileum with central calcification and mesenteric "
         "tethering. IMPRESSION: Calcified ileal mass, carcinoid favoured.")
SMALL_BOWEL = ("FINDINGS: A 3 cm small bowel mass in the left lower quadrant with dense "
               "calcification.")
DUODENUM = ("FINDINGS: A 2.8 cm submucosal mass of the second part of the duodenum with punctate "
            "calcification. IMPRESSION: Calcified duodenal mass.")
DUODENAL_BULB = ("FINDINGS: A 2 cm mass in the duodenal bulb with a calcified focus, "
                 "gastrointestinal stromal tumour favoured.")


@pytest.mark.parametrize(("report", "text", "code"), [
    (JEJUNUM, "EGD WITH BIOPSY", "43239"),
    (JEJUNUM, "ESOPHAGOGASTRODUODENOSCOPY WITH BIOPSY", None),
    (ILEUM, "EGD WITH BIOPSY", None),
    (ILEUM, None, "43239"),
    (ILEUM, "EUS FNA", "43242"),
    (SMALL_BOWEL, "UPPER ENDOSCOPY WITH BIOPSIES", None),
    (ILEUM, "GASTROSCOPY WITH BIOPSY", None),
])
def test_an_upper_endoscopy_does_not_reach_the_jejunum_or_ileum(
        report: str, text: str | None, code: str | None) -> None:
    assert leads(report, text, code, title="MRI ABDOMEN") == []


@pytest.mark.parametrize(("report", "text", "code"), [
    (DUODENUM, "EGD WITH BIOPSY", "43239"),
    (DUODENUM, None, "43239"),
    (DUODENUM, "EUS FNA", "43242"),
    (DUODENAL_BULB, "UPPER ENDOSCOPY WITH BIOPSIES", None),
    (JEJUNUM, "CT GUIDED BIOPSY JEJUNAL MASS", None),
    (JEJUNUM, "BIOPSY SMALL BOWEL MASS", None),
])
def test_a_biopsy_reaching_the_small_bowel_mass_keeps_its_card(
        report: str, text: str | None, code: str | None) -> None:
    assert leads(report, text, code, title="MRI ABDOMEN") == ["biopsy-calcified-mass"]
