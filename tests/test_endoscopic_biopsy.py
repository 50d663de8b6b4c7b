"""P15.18: an endoscopic biopsy samples the organs its scope reaches (helper `catalog`'s class:
"EGD WITH BIOPSY", CPT 43239, drew biopsy-calcified-mass over a calcified lung mass and a
calcified liver mass, P3.3's "any mass"). The silent variants drew that card on cbda3fb (but
those coded alone, then read as no procedure, or naming their organ);
the guards keep the card over a calcified mass the scope reaches."""

from __future__ import annotations

import pytest

from tests.test_order_catalog import leads, read

LUNG = ("FINDINGS: Esophagus unremarkable. Lungs: a 2.2 cm mass in the right upper lobe with "
        "coarse calcification. IMPRESSION: Calcified right upper lobe mass.")
LIVER = "FINDINGS: A 3.1 cm mass in hepatic segment 6 with coarse calcification."
FIBROID = "FINDINGS: Uterus: a 4 cm intramural fibroid with coarse peripheral calcification."
THYROID = "FINDINGS: A 2.4 cm nodule of the right thyroid lobe with coarse calcification."
ADRENAL = "FINDINGS: A 3.5 cm left adrenal mass with central calcification."
GIST = ("FINDINGS: A 3.8 cm submucosal mass of the gastric body with punctate calcification, "
        "gastrointestinal stromal tumour favoured.")
LEIO = ("FINDINGS: A 4.5 cm intramural mass of the mid esophagus is T2 hypointense with coarse "
        "calcification, leiomyoma favoured.")
ENDOBRONCHIAL = ("FINDINGS: A 1.8 cm endobronchial mass in the right lower lobe bronchus with "
                 "internal calcification, carcinoid favoured.")
BLADDER = "FINDINGS: A 2.6 cm mass of the right bladder wall with dense calcification."
RECTAL = ("FINDINGS: A 5 cm mass of the rectum with internal calcification, mucinous tumour "
          "favoured.")


@pytest.mark.parametrize(("report", "title", "text", "code"), [
    (LUNG, "MRI CHEST", "EGD WITH BIOPSY", "43239"),
    (LUNG, "MRI CHEST", "EGD WITH BIOPSY", None),
    (LIVER, "MRI ABDOMEN", "EGD WITH BIOPSY", "43239"),
    (LIVER, "MRI ABDOMEN", None, "43239"),
    (LIVER, "MRI ABDOMEN", "UPPER ENDOSCOPY WITH BIOPSIES", None),
    (LIVER, "MRI ABDOMEN", "ESOPHAGOGASTRODUODENOSCOPY WITH BIOPSY", None),
    (FIBROID, "MRI PELVIS", "COLONOSCOPY WITH BIOPSY", "45380"),
    (FIBROID, "MRI PELVIS", "FLEXIBLE SIGMOIDOSCOPY WITH BIOPSY", "45331"),
    (LIVER, "MRI ABDOMEN", "COLONOSCOPY WITH BIOPSY", None),
    (THYROID, "MRI NECK", "BRONCHOSCOPY WITH BIOPSY", "31625"),
    (THYROID, "MRI NECK", "BRONCHOSCOPY W TRANSBRONCHIAL BIOPSY", None),
    (ADRENAL, "MRI ABDOMEN", "CYSTOSCOPY WITH BIOPSY", "52204"),
    (ADRENAL, "MRI ABDOMEN", None, "52204"),
    (LUNG, "MRI CHEST", "LARYNGOSCOPY WITH BIOPSY", "31535"),
    (FIBROID, "MRI PELVIS", "CYSTOSCOPY WITH BLADDER BIOPSY", None),
])
def test_an_endoscopic_biopsy_is_not_about_a_mass_its_scope_does_not_reach(
        report: str, title: str, text: str | None, code: str | None) -> None:
    assert leads(report, text, code, title=title) == []


def test_a_reason_outside_the_scope_reach_narrows_nothing() -> None:
    reason = {"reasonCode": [{"text": "Liver mass, search for primary"}]}
    assert leads(LIVER, "COLONOSCOPY WITH BIOPSY", title="MRI ABDOMEN", **reason) == []


@pytest.mark.parametrize(("report", "title", "text", "code"), [
    (GIST, "MRI ABDOMEN", "EGD WITH BIOPSY", "43239"),
    (GIST, "MRI ABDOMEN", None, "43239"),
    (GIST, "MRI ABDOMEN", "EUS FNA", "43242"),
    (LEIO, "MRI CHEST", "EGD WITH BIOPSY", None),
    (LEIO, "MRI CHEST", "EUS GUIDED FNA", "43238"),
    (ENDOBRONCHIAL, "MRI CHEST", "BRONCHOSCOPY WITH BIOPSY", "31625"),
    (LUNG, "MRI CHEST", "BRONCHOSCOPY WITH TRANSBRONCHIAL BIOPSY", "31628"),
    (LUNG, "MRI CHEST", None, "31628"),
    (BLADDER, "MRI PELVIS", "CYSTOSCOPY WITH BIOPSY", "52204"),
    (BLADDER, "MRI PELVIS", "CYSTOURETHROSCOPY WITH BIOPSY", None),
    (RECTAL, "MRI PELVIS", "COLONOSCOPY WITH BIOPSY", "45380"),
    (RECTAL, "MRI PELVIS", "RIGID PROCTOSIGMOIDOSCOPY WITH BIOPSY", "45305"),
])
def test_an_endoscopic_biopsy_of_a_mass_it_reaches_keeps_its_card(
        report: str, title: str, text: str | None, code: str | None) -> None:
    assert leads(report, text, code, title=title) == ["biopsy-calcified-mass"]


@pytest.mark.parametrize(("text", "sites"), [
    ("EGD WITH BIOPSY", {"esophagus", "stomach", "duodenum"}),  # P15.20
    ("EUS FNA", {"esophagus", "stomach", "duodenum", "pancreas"}),
    ("COLONOSCOPY WITH BIOPSY", {"colon", "rectum"}),
    ("BRONCHOSCOPY WITH BIOPSY", {"lung"}),
    ("CYSTOSCOPY WITH BIOPSY", {"bladder"}),
    ("HYSTEROSCOPY WITH BIOPSY", {"uterus"}),
    ("DIRECT LARYNGOSCOPY WITH BIOPSY", {"larynx"}),
    ("NASAL ENDOSCOPY WITH BIOPSY", {"sinus"}),
])
def test_the_scope_names_the_organs_it_reaches(text: str, sites: set[str]) -> None:
    order = read(text)
    assert order.kind == "biopsy" and sites <= order.sites


@pytest.mark.parametrize("text", [
    "EGD",                                     # no biopsy: no lesion target (P15.1)
    "CT ABDOMEN W CONTRAST",                   # imaging: its region, not a scope's reach
    "EBUS TBNA",                               # node stations (P17.26), unchanged
    "CT GUIDED LIVER BIOPSY",                  # no scope
])
def test_orders_without_an_endoscopic_biopsy_reach_nothing_new(text: str) -> None:
    order = read(text)
    assert not {"esophagus", "stomach", "colon", "bladder"} & order.sites
    assert order.kind != "biopsy" or "pancreas" not in order.sites


def test_a_pancreatic_mass_named_by_an_eus_fna_keeps_its_place() -> None:
    assert "pancreas" in read("EUS FNA PANCREATIC HEAD MASS").sites
