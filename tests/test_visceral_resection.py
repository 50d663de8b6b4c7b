"""Resections that take a calcified visceral mass out with its part of the organ (P18.17: the
stomach, small bowel and colon; P18.18: a distal pancreatectomy, a Whipple and a right or left
hepatectomy; unseen44 first run, p2: a 3.6 cm calcified intramural gastric body mass before "LAP
WEDGE RESECTION GASTRIC TUMOR", CPT 43610, drew no card). They draw surgical-planning (info); the
organ's whole removal, another organ's operation, an incidental gallstone's cholecystectomy, a
history and a CT that already showed the calcification draw none. Each card test failed on
5ed6d6c."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from cds_service.config import DEFAULT_CARDS_DIR
from cds_service.core import rules
from cds_service.core.card_library import load_library
from cds_service.core.cards import render
from cds_service.core.reading import read_report
from tests.test_order_catalog import leads, mri, read

ABD = "MRI ABDOMEN W WO CONTRAST"
PEL = "MRI ABDOMEN AND PELVIS WITHOUT AND WITH CONTRAST"
STOMACH = ("FINDINGS: Stomach: A 3.6 x 2.8 cm intramural mass arises from the greater curvature "
           "of the gastric body, markedly T2 hypointense, with dense coarse calcification. Small "
           "gallstones. IMPRESSION: Calcified intramural gastric body mass; calcifying fibrous "
           "tumour favoured.")
ANTRUM = ("FINDINGS: A 2.9 cm submucosal mass of the gastric antrum contains punctate "
          "calcification, low signal on all sequences, gastrointestinal stromal tumour favoured.")
ILEUM = ("FINDINGS: Small bowel: a 2.4 cm mass in the wall of the distal ileum contains coarse "
         "calcification.")
JEJUNUM = ("FINDINGS: A 3.1 cm mass of a proximal jejunal loop has internal foci of signal void "
           "consistent with calcification.")
SIGMOID = ("FINDINGS: Colon: a 3.2 cm intramural mass of the sigmoid colon contains coarse "
           "calcification.")
CECUM = ("FINDINGS: A 4.0 cm cecal mass contains amorphous calcification, mucinous "
         "adenocarcinoma favoured.")
TAIL = ("FINDINGS: Pancreas: a 3.4 cm mass of the pancreatic tail contains coarse peripheral "
        "calcification, solid pseudopapillary neoplasm favoured.")
HEAD = ("FINDINGS: Pancreas: a 3.0 cm mass of the pancreatic head contains central "
        "calcification.")
LIVER = ("FINDINGS: Liver: a 6.2 cm mass in hepatic segments 7 and 8 contains central coarse "
         "calcification.")


@pytest.mark.parametrize(("report", "title", "text", "code"), [
    (STOMACH, ABD, "LAP WEDGE RESECTION GASTRIC TUMOR", "43610"),   # unseen44 p2
    (STOMACH, ABD, "GASTRIC WEDGE RESECTION", None),
    (STOMACH, ABD, "EXCISION GASTRIC TUMOR", None),
    (STOMACH, ABD, "PARTIAL GASTRECTOMY", None),
    (STOMACH, ABD, "ROBOTIC WEDGE RESECTION OF STOMACH MASS", None),
    (STOMACH, ABD, None, "43611"),
    (ANTRUM, ABD, "DISTAL GASTRECTOMY WITH GASTROJEJUNOSTOMY", "43632"),
    (ANTRUM, ABD, "GASTRECTOMY, PARTIAL, DISTAL; W/ GASTRODUODENOSTOMY", None),
    (ANTRUM, ABD, "LAPAROSCOPIC ANTRECTOMY", None),
    (ILEUM, PEL, "SMALL BOWEL RESECTION", "44120"),
    (ILEUM, PEL, "LAP ILEAL RESECTION", "44202"),
    (JEJUNUM, PEL, "SEGMENTAL JEJUNAL RESECTION", None),
    (JEJUNUM, PEL, "ENTERECTOMY WITH ANASTOMOSIS", None),
    (SIGMOID, PEL, "LAP SIGMOID COLECTOMY", "44204"),
    (SIGMOID, PEL, "SIGMOIDECTOMY W/ END COLOSTOMY (HARTMANN)", "44143"),
    (SIGMOID, PEL, "OPEN PARTIAL COLECTOMY", None),
    (CECUM, PEL, "ROBOTIC RIGHT HEMICOLECTOMY", "44205"),
    (CECUM, PEL, "ILEOCECECTOMY", None),
    (CECUM, PEL, None, "44160"),
    (ILEUM, PEL, None, "44205"),                  # "with removal of terminal ileum"
])
def test_a_resection_of_the_calcified_bowel_or_stomach_mass_draws_the_planning_card(
        report: str, title: str, text: str | None, code: str | None) -> None:
    assert leads(report, text, code, title=title) == ["surgical-planning"]


@pytest.mark.parametrize(("report", "text", "code"), [
    (TAIL, "DISTAL PANCREATECTOMY", "48140"),
    (TAIL, "LAP DISTAL PANCREATECTOMY WITH SPLENECTOMY", None),
    (TAIL, "ROBOTIC SPLEEN-PRESERVING DISTAL PANCREATECTOMY", None),
    (TAIL, None, "48120"),
    (HEAD, "WHIPPLE PROCEDURE", "48150"),
    (HEAD, "PYLORUS-PRESERVING PANCREATICODUODENECTOMY", "48153"),
    (HEAD, "PANCREATODUODENECTOMY (WHIPPLE)", None),
    (LIVER, "RIGHT HEPATECTOMY", "47130"),
    (LIVER, "EXTENDED RIGHT HEPATECTOMY", None),
    (LIVER, "LEFT HEPATIC LOBECTOMY", None),
])
def test_a_partial_pancreatectomy_or_hepatectomy_draws_the_planning_card(
        report: str, text: str | None, code: str | None) -> None:
    assert leads(report, text, code, title=ABD) == ["surgical-planning"]


@pytest.mark.parametrize(("report", "title", "text", "code"), [
    (STOMACH, ABD, "LAPAROSCOPIC CHOLECYSTECTOMY", "47562"),   # the incidental gallstones (P4.1)
    (STOMACH, ABD, "TOTAL GASTRECTOMY", None),                 # the organ's removal (P18.6)
    (STOMACH, ABD, "LAP SLEEVE GASTRECTOMY", None),             # a bariatric operation
    (STOMACH, ABD, "LAP SIGMOID COLECTOMY", "44204"),           # another organ
    (STOMACH, ABD, "SMALL BOWEL RESECTION", "44120"),
    (STOMACH, ABD, "DISTAL PANCREATECTOMY", "48140"),
    (STOMACH, ABD, "MRI ABDOMEN S/P PARTIAL GASTRECTOMY", None),  # an MRI (P11.44 not here)
    (STOMACH, ABD, "ENDOSCOPIC RESECTION GASTRIC SUBEPITHELIAL TUMOR", None),  # P18.9
    (SIGMOID, PEL, "COLONOSCOPIC RESECTION OF SIGMOID LESION", None),
    (ILEUM, PEL, "LAP SIGMOID COLECTOMY", "44204"),             # the colon, not the ileum
    (JEJUNUM, PEL, "RIGHT HEMICOLECTOMY", None),                # the colon, not the jejunum
    (SIGMOID, PEL, "TOTAL ABDOMINAL COLECTOMY", None),          # the organ's removal
    (SIGMOID, PEL, "LAP APPENDECTOMY", None),
    (TAIL, ABD, "TOTAL PANCREATECTOMY", None),
    (HEAD, ABD, "S/P WHIPPLE", None),                           # history, no procedure
    (LIVER, ABD, "HEPATECTOMY", None),                          # a bare hepatectomy (P18.14)
    (LIVER, ABD, "RIGHT UPPER LOBE LOBECTOMY", None),           # a lung's
])
def test_guards_draw_no_planning_card(report: str, title: str, text: str | None,
                                      code: str | None) -> None:
    assert "surgical-planning" not in leads(report, text, code, title=title)


def test_the_gallstones_cholecystectomy_and_the_gastric_resection_are_told_apart() -> None:
    assert read("LAPAROSCOPIC CHOLECYSTECTOMY", "47562").sites == {"gallbladder"}
    assert read("LAP WEDGE RESECTION GASTRIC TUMOR", "43610").sites == {"stomach"}
    assert read("GASTRIC EMPTYING STUDY").sites == frozenset()  # the stomach's words: surgery
    assert read("EGD WITH BIOPSY OF GASTRIC MASS").sites == {  # the scope's reach (P15.18)
        "esophagus", "stomach", "duodenum"}  # P15.20


@pytest.mark.parametrize("text", [
    "CT ABDOMEN PELVIS W CONTRAST s/p sigmoid colectomy",
    "CT ABD W CONTRAST history of gastric resection",
    "CT ABDOMEN W CONTRAST FOR PARTIAL GASTRECTOMY",
])
def test_an_operation_named_as_history_or_occasion_names_no_bowel_target(text: str) -> None:
    # the stomach and bowel words are read in reports only (P2.24): the contrast CT keeps its
    # card on the calcified liver mass of the same abdomen
    assert not read(text).sites & {"stomach", "small-bowel", "colon"}
    assert leads(LIVER, text, title=ABD) == ["contrast-ct-noncontrast-first"]


def _cards(report: str, text: str | None, code: str | None,
           others: tuple[dict[str, Any], ...] = ()) -> list[tuple[str, str, str, list[str]]]:
    reports = (read_report(mri(report, ABD)), *(read_report(o) for o in others))
    ev = rules.Evidence(reports=reports, studies=())
    n = itertools.count()
    out = []
    for p in rules.merge(rules.evaluate(read(text, code), ev)):
        card = render(p, load_library(DEFAULT_CARDS_DIR), patient_id="p1",
                      new_id=lambda: str(next(n))).card
        out.append((p.lead.rule_id, card.indicator, card.detail,
                    [s.label for s in card.suggestions]))
    return out


def test_the_card_is_information_naming_the_gastric_mass_and_the_abdomen_ct() -> None:
    [(rule, indicator, detail, labels)] = _cards(STOMACH, "LAP WEDGE RESECTION GASTRIC TUMOR",
                                                 "43610")
    assert (rule, indicator) == ("surgical-planning", "info")
    assert "gastric greater curvature mass (36 mm)" in detail
    assert labels == ["Order CT abdomen without contrast first"]


def test_a_ct_that_already_showed_the_calcification_silences_it() -> None:
    ct = {"resourceType": "DiagnosticReport", "id": "ct1", "status": "final",
          "code": {"text": "CT ABDOMEN WITHOUT CONTRAST"}, "effectiveDateTime": "2026-10-20",
          "subject": {"reference": "Patient/p1"},
          "conclusion": "A 3.6 cm intramural gastric body mass with dense coarse calcification."}
    assert _cards(STOMACH, "LAP WEDGE RESECTION GASTRIC TUMOR", "43610", (ct,)) == []


@pytest.mark.parametrize(("text", "kind"), [
    ("DISTAL GASTRECTOMY WITH GASTROJEJUNOSTOMY", "surgery"),
    ("SIGMOIDECTOMY W/ END COLOSTOMY (HARTMANN)", "surgery"),
    ("CT GUIDED GASTROSTOMY", "other"),        # a tube under guidance (P15.1)
    ("PERC NEPHROSTOMY LEFT", "other"),
])
def test_an_ostomy_after_with_is_the_resections_reconstruction(text: str, kind: str) -> None:
    assert read(text).kind == kind
