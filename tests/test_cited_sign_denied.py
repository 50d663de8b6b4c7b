"""An MRI sign the report denies ("no blooming", "no signal drop-out") is no statement that the
calcification another study showed is gone (P14.19; unseen18 o2, KUB over a renal mass)."""

from __future__ import annotations

import base64

import pytest

from cds_service.core import rules
from cds_service.core.reading import ReportFindings, read_report, read_text
from tests.test_order_catalog import read

CITED_THEN_SIGN_DENIED = [
    ("KIDNEYS: There is a 4.6 x 4.2 cm solid exophytic mass of the interpolar left kidney. On the "
     "KUB radiograph of 2026-09-14 a curvilinear calcification projects over this mass. No signal "
     "drop-out on opposed-phase images.", "kidney", "XR"),
    ("KIDNEYS: A 4.6 cm solid mass of the left kidney. On the KUB radiograph of 2026-09-14 a "
     "curvilinear calcification projects over this mass. No blooming on the gradient-echo "
     "images.", "kidney", "XR"),
    ("Muscles: A 6 cm intramuscular mass in the right vastus lateralis. The radiographs of "
     "2026-08-01 show ring-and-arc mineralization in this mass. No signal voids within the mass.",
     "thigh", "XR"),
    ("Muscles: A 5 cm mass in the left gluteus maximus. On the ultrasound of 2026-08-01 the mass "
     "contained echogenic foci casting acoustic shadowing. No susceptibility artifact within the "
     "mass.", "buttock", "US"),
    ("Liver: A 5 cm mass in segment 7 of the liver. On the radiograph of 2026-08-01 a "
     "calcification projects over the mass. There are no low-signal foci on all sequences.",
     "liver", "XR"),
]


@pytest.mark.parametrize(("text", "site", "seen_on"), CITED_THEN_SIGN_DENIED)
def test_a_denied_mri_sign_leaves_the_cited_calcification(text: str, site: str,
                                                          seen_on: str) -> None:
    found = read_text(f"FINDINGS:\n{text}\n")
    cited = [m for m in found.mentions if m.seen_on == seen_on and m.concept == "calcification"]
    assert cited and all(m.counts for m in cited)
    assert [(s.site, s.mineral, s.seen_on) for s in found.structures] == [
        (site, "present", seen_on)]


def test_the_mri_denying_calcification_itself_still_outdates_the_cited_one() -> None:
    found = read_text("FINDINGS:\nMuscles: A 5 cm mass in the left gluteus maximus. On the "
                      "ultrasound of 2026-08-01 the mass contained echogenic foci casting "
                      "acoustic shadowing. No calcification is seen within the mass on this "
                      "MRI.\n")
    assert [s.mineral for s in found.structures] == ["absent"]


def _report(text: str) -> ReportFindings:
    return read_report({"resourceType": "DiagnosticReport", "id": "mr1", "status": "final",
                        "code": {"text": "MRI ABDOMEN WITHOUT AND WITH CONTRAST"},
                        "effectiveDateTime": "2026-09-21",
                        "subject": {"reference": "Patient/p1"},
                        "presentedForm": [{"contentType": "text/plain", "data": base64.b64encode(
                            f"EXAM: MRI ABDOMEN\nFINDINGS:\n{text}\n".encode()).decode()}]})


@pytest.mark.parametrize("text", [t for t, site, _ in CITED_THEN_SIGN_DENIED
                                  if site in ("kidney", "liver")])
def test_a_contrast_ct_of_the_mass_gets_its_noncontrast_card(text: str) -> None:
    ev = rules.Evidence(reports=(_report(text),), studies=())
    problems = rules.merge(rules.evaluate(read("CT ABDOMEN W CONTRAST", "74160"), ev))
    assert [p.lead.rule_id for p in problems] == ["contrast-ct-noncontrast-first"]
