"""A biopsy of an organ's tissue has no lesion target (docs/matching-policy.md P15.6, P15.6a):
a random, non-focal or medical biopsy keeps that name beside its code's own descriptor ("Biopsy
of liver, needle; percutaneous"), and an organ biopsy whose reason names a diffuse disease
(transaminitis, drug-induced liver injury, nephrotic syndrome, rejection) and no lesion samples
the parenchyma. A biopsy naming the lesion keeps its card. Each silent case drew
biopsy-calcified-mass on main 62c810f (unseen22 first run, g1 twin)."""

from __future__ import annotations

from typing import Any

import pytest

from cds_service.core import rules
from cds_service.core.orders import classify_order
from cds_service.core.reading import read_report

CPT = "http://www.ama-assn.org/go/cpt"
DESCRIPTOR = {"47000": "Biopsy of liver, needle; percutaneous",
              "50200": "Renal biopsy; percutaneous, by trocar or needle"}
LIVER = ("MRI LIVER: A new 3.2 cm lesion in segment 6 with coarse foci of signal void in its "
         "centre on all sequences, likely calcification, compatible with a mucinous metastasis. "
         "Mild diffuse steatosis.")
KIDNEY = ("MRI ABDOMEN: A 2.8 cm enhancing mass of the lower pole of the left kidney contains "
          "coarse calcification. Normal right kidney.")


def leads(report: str, text: str, code: str, reason: str | None = None) -> list[str]:
    concept = {"coding": [{"system": CPT, "code": code, "display": DESCRIPTOR[code]}],
               "text": text}
    resource: dict[str, Any] = {
        "resourceType": "ServiceRequest", "id": "o1", "status": "draft", "intent": "order",
        "subject": {"reference": "Patient/p1"}, "code": concept}
    if reason:
        resource["reasonCode"] = [{"text": reason}]
    mri = {"resourceType": "DiagnosticReport", "id": "mr1", "status": "final",
           "code": {"text": "MRI"}, "effectiveDateTime": "2026-10-01",
           "subject": {"reference": "Patient/p1"}, "conclusion": report}
    ev = rules.Evidence(reports=(read_report(mri),), studies=())
    return [p.lead.rule_id for p in rules.merge(rules.evaluate(classify_order(resource), ev))]


@pytest.mark.parametrize(("report", "text", "code", "reason"), [
    (LIVER, "US GUIDED RANDOM LIVER BIOPSY (NON-FOCAL)", "47000",
     "Transaminitis on chemotherapy, r/o drug-induced liver injury"),
    (LIVER, "NON-TARGETED LIVER BIOPSY", "47000", "Metastatic gastric cancer on chemotherapy"),
    (LIVER, "LIVER BX, NONFOCAL", "47000", None),
    (LIVER, "PARENCHYMAL LIVER BIOPSY", "47000", "Rising LFTs"),
    (KIDNEY, "MEDICAL RENAL BIOPSY", "50200", "Proteinuria"),
    (KIDNEY, "US GUIDED NATIVE KIDNEY BIOPSY", "50200", None),
])
def test_a_biopsy_named_for_the_tissue_outweighs_the_codes_descriptor(
        report: str, text: str, code: str, reason: str | None) -> None:
    assert leads(report, text, code, reason) == []


@pytest.mark.parametrize(("report", "text", "code", "reason"), [
    (LIVER, "US GUIDED LIVER BIOPSY", "47000",
     "Transaminitis on chemotherapy, r/o drug-induced liver injury"),
    (LIVER, "LIVER BIOPSY", "47000", "Elevated liver enzymes, suspected autoimmune hepatitis"),
    (LIVER, "PERCUTANEOUS LIVER BIOPSY", "47000", "NASH, fibrosis staging"),
    (KIDNEY, "US GUIDED RENAL BIOPSY", "50200", "Nephrotic syndrome"),
    (KIDNEY, "KIDNEY BIOPSY LEFT", "50200", "AKI with rising creatinine, r/o glomerulonephritis"),
])
def test_an_organ_biopsy_for_a_diffuse_disease_has_no_lesion_target(
        report: str, text: str, code: str, reason: str) -> None:
    assert leads(report, text, code, reason) == []


@pytest.mark.parametrize(("report", "text", "code", "reason"), [
    (LIVER, "US GUIDED BIOPSY LIVER LESION SEGMENT 6", "47000", "Transaminitis on chemotherapy"),
    (LIVER, "LIVER BIOPSY", "47000", "New segment 6 lesion, r/o metastasis; transaminitis"),
    (LIVER, "US GUIDED LIVER BIOPSY", "47000", "Rising CEA, new liver metastasis?"),
    (LIVER, "TARGETED LIVER BIOPSY", "47000", "Hepatitis B"),
    (KIDNEY, "US GUIDED RENAL MASS BIOPSY LEFT", "50200", "Proteinuria"),
    (KIDNEY, "RENAL BIOPSY LEFT", "50200", "Left renal tumor; AKI"),
])
def test_a_biopsy_naming_the_lesion_keeps_its_card(
        report: str, text: str, code: str, reason: str) -> None:
    assert leads(report, text, code, reason) == ["biopsy-calcified-mass"]
