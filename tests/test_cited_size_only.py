"""A study cited only for a size is no source of the sentence's mineral (P12.25; unseen38 k2):
"A 2.6 x 2.2 cm hypervascular mass of the pancreatic body (2.3 cm on the outside contrast CT of
September) contains coarse central calcification" is the MRI's own calcification; the CT gave
the earlier size. Read as the CT's, the contrast CT's card before "CT Abd/Pelvis w/ Contrast"
was lost. A study cited for the mineral stays its source ("(calcified on the outside CT)")."""

from __future__ import annotations

import base64

import pytest

from cds_service.core import rules
from cds_service.core.reading import read_report, read_text
from tests.test_order_catalog import read


def _text(finding: str) -> str:
    return ("EXAM: MRI ABD W/WO CONTRAST\nHISTORY: Mass on an outside CT.\nTECHNIQUE: Axial and "
            "coronal T2, in- and opposed-phase T1 and multiphase post-gadolinium images.\n"
            "COMPARISON: Outside CT abdomen and pelvis with contrast 2026-09-18.\nFINDINGS:\n"
            f"{finding}\nLiver: No focal lesion.\nIMPRESSION:\n1. Mass as described.\n")


OWN = [
    "Pancreas: A 2.6 x 2.2 cm hypervascular mass of the pancreatic body (2.3 cm on the outside "
    "contrast CT of September) contains coarse central calcification.",
    "Adrenal: The left adrenal mass, previously 2.3 cm on CT, now measures 2.9 cm and contains "
    "punctate calcification.",
    "Kidneys: The exophytic right renal mass measures 3.4 cm, up from 2.8 cm on the CT of March, "
    "and contains coarse calcification.",
    "Adrenal: The right adrenal mass is unchanged in size from the CT of September and contains "
    "a punctate calcification.",
    "Pancreas: A 4.1 cm cystic mass of the pancreatic tail (3.8 cm on the prior CT) has "
    "peripheral calcification.",
    "Kidneys: The left renal mass measured 2.2 x 2.0 cm on the outside CT and now measures 2.7 cm; "
    "it contains a coarse calcification.",
    "Adrenal: A 3.3 cm left adrenal mass (previously 3.0 cm on CT of 2026-09-18) with a rim of "
    "calcification.",
    "Pancreas: The pancreatic head mass, which measured 1.9 cm on the prior CT, contains dense "
    "calcification.",
]
CITED = [
    "Pancreas: The 2.6 cm pancreatic body mass (calcified on the outside CT) enhances avidly.",
    "Pancreas: A 2.6 cm hypervascular pancreatic body mass. On the CT of September it contains "
    "coarse calcification.",
    "Adrenal: A calcific focus measuring 5 mm on the prior CT lies in the left adrenal mass.",
    "Pancreas: A 2.6 cm pancreatic body mass (2.3 cm and calcified on the outside CT) enhances.",
    "Pancreas: The 2.6 cm mass (2.3 cm on the CT of September) contains coarse calcification, "
    "as shown on the outside CT.",
]


@pytest.mark.parametrize("finding", OWN)
def test_a_study_cited_for_a_size_does_not_own_the_mineral(finding: str) -> None:
    found = [m for m in read_text(_text(finding)).mentions if m.counts]
    assert found and all(m.own and m.seen_on is None for m in found)


@pytest.mark.parametrize("finding", CITED)
def test_a_study_cited_for_the_mineral_stays_its_source(finding: str) -> None:
    found = [m for m in read_text(_text(finding)).mentions if m.counts]
    assert found and all(m.seen_on == "CT" for m in found)


@pytest.mark.parametrize(("case", "rules_expected"), [(0, ["contrast-ct-noncontrast-first"]),
                                                      (1, [])])
def test_the_contrast_ct_card_turns_on_whose_mineral_it_is(case: int,
                                                          rules_expected: list[str]) -> None:
    text = _text([OWN[0], CITED[0]][case])
    report = read_report({"resourceType": "DiagnosticReport", "id": "mr1", "status": "final",
                          "code": {"text": "MRI ABD W/WO CONTRAST"},
                          "effectiveDateTime": "2026-11-17",
                          "subject": {"reference": "Patient/p1"},
                          "presentedForm": [{"contentType": "text/plain", "data":
                                             base64.b64encode(text.encode()).decode()}]})
    ev = rules.Evidence(reports=(report,), studies=())
    order = read("CT Abd/Pelvis w/ Contrast", "74177")
    assert [p.lead.rule_id for p in rules.merge(rules.evaluate(order, ev))] == rules_expected
