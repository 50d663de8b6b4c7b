"""A study's technique is no denial (P12.23): "CT of the right thigh without contrast,
2026-10-03: coarse calcification in the mass" states the CT's calcification; its "without"
names the contrast the CT was done without, not a mineral it lacked. Read as a denial, the CT
that showed the calcification was lost and the biopsy card asked for the CT on record. A
"without" denying a finding stays one ("a cyst without contrast enhancement or calcification")."""

from __future__ import annotations

import base64

import pytest

from cds_service.core import rules
from cds_service.core.reading import read_report, read_text
from tests.test_order_catalog import read


def _text(comparison: str, findings: str = "Muscles: A 7.5 x 3.0 x 2.8 cm mass.") -> str:
    return ("EXAM: MRI WITH AND WITHOUT CONTRAST\nHISTORY: Mass.\nTECHNIQUE: Multiplanar images "
            f"without and with intravenous gadolinium.\nCOMPARISON: {comparison}\nFINDINGS:\n"
            f"{findings}\nIMPRESSION:\n1. Mass.\n")


STATED = [
    "CT of the right thigh without contrast, 2026-10-03: coarse calcification in the mass.",
    "Outside CT abdomen and pelvis without IV contrast (2026-09-02): peripheral calcification "
    "in the left adrenal mass.",
    "CT CHEST WITHOUT CONTRAST 2026-08-11: calcified 2.3 cm anterior mediastinal mass.",
    "CT of the neck with and without contrast 2026-09-01: calcification within the left parotid "
    "mass.",
    "Prior CT of the left shoulder without contrast dated 2026-06-01 shows a calcific deposit in "
    "the supraspinatus tendon.",
    "CT pelvis without and with contrast, 2026-07-14: a densely calcified fibroid.",
]
DENIED = [
    "CT thigh 2026-10-03: a cyst without contrast enhancement or calcification.",
    "CT thigh without contrast 2026-10-03: no calcification in the mass.",
    "CT thigh 2026-10-03: mass without contrast-enhancing nodules or calcification.",
    "CT thigh without contrast 2026-10-03: mass without calcification.",
]


@pytest.mark.parametrize("comparison", STATED)
def test_a_cited_studys_technique_does_not_deny_its_finding(comparison: str) -> None:
    found = [m for m in read_text(_text(comparison)).mentions if m.seen_on == "CT"]
    assert found and all(m.assertion == "affirmed" for m in found)


@pytest.mark.parametrize("comparison", DENIED)
def test_a_without_denying_a_finding_still_denies_it(comparison: str) -> None:
    found = [m for m in read_text(_text(comparison)).mentions if m.seen_on == "CT"]
    assert found and all(m.assertion == "negated" for m in found)


def test_the_biopsy_after_a_noncontrast_ct_that_showed_the_calcification_is_silent() -> None:
    text = _text(STATED[0], "Muscles: A 7.5 x 3.0 x 2.8 cm heterogeneous intramuscular mass "
                 "within the right vastus medialis with low-signal foci, possibly calcification.")
    report = read_report({"resourceType": "DiagnosticReport", "id": "mr1", "status": "final",
                          "code": {"text": "MRI RIGHT THIGH WITHOUT AND WITH CONTRAST"},
                          "effectiveDateTime": "2026-11-20",
                          "subject": {"reference": "Patient/p1"},
                          "presentedForm": [{"contentType": "text/plain", "data":
                                             base64.b64encode(text.encode()).decode()}]})
    ev = rules.Evidence(reports=(report,), studies=())
    order = read("US GUIDED CORE BIOPSY RIGHT THIGH MASS", "20206")
    assert [p.lead.rule_id for p in rules.merge(rules.evaluate(order, ev))] == []
