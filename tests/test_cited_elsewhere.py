"""A cited study's lesion named by the place around it (the axilla, the popliteal fossa, the
neck, the groin) is the lesion the MRI names by its muscle or organ, when the report describes one
such lesion there whose size agrees or which it says is the one seen (P12.17; unseen12 e1)."""

from __future__ import annotations

import base64

import pytest

from cds_service.core import rules
from cds_service.core.reading import read_report, read_text
from tests.test_order_catalog import read


def _text(comparison: str, findings: str) -> str:
    return (f"EXAM: MRI WITH AND WITHOUT CONTRAST\nHISTORY: Palpable mass.\n"
            f"COMPARISON: {comparison}\nFINDINGS:\n{findings}\n"
            "Bones: Normal marrow signal.\nIMPRESSION:\n1. Intramuscular mass. Biopsy "
            "recommended.\n")


LINKED = [
    ("Right axillary ultrasound 2026-11-07: 4 cm hypoechoic intramuscular mass with several "
     "echogenic foci casting acoustic shadowing.",
     "Mass: A 4.3 x 3.1 cm intramuscular mass in the teres major is T1 isointense and T2 "
     "heterogeneous.", "shoulder", "right"),
    ("Ultrasound of the left popliteal fossa 2026-10-01: 5 cm solid mass with echogenic foci "
     "casting acoustic shadows.",
     "Muscles: A 5.2 x 3.0 cm mass in the medial head of the left gastrocnemius enhances "
     "heterogeneously.", "leg", "left"),
    ("Neck ultrasound 2026-09-01: 3 cm solid mass with echogenic foci casting acoustic "
     "shadowing.",
     "Parotid: A 3.2 cm mass in the superficial lobe of the left parotid gland is T2 "
     "hyperintense.", "parotid", "left"),
    ("Ultrasound of the right axilla 2026-11-07: hypoechoic mass with echogenic foci casting "
     "acoustic shadowing.",
     "Mass: A 4.3 cm intramuscular mass in the right teres major, corresponding to the mass seen "
     "on the ultrasound.", "shoulder", "right"),
    ("Right flank ultrasound 2026-08-01: 5 cm solid mass with echogenic foci casting acoustic "
     "shadowing.",
     "Muscles: A 5.3 cm intramuscular mass in the right quadratus lumborum enhances.",
     "paraspinal", "right"),
    ("Ultrasound of the right groin 2026-08-01: 3.5 cm hypoechoic mass with echogenic foci "
     "casting acoustic shadows.",
     "Muscles: A 3.6 cm intramuscular mass in the right pectineus enhances avidly.",
     "thigh", "right"),
]
APART = [
    ("Right axillary ultrasound 2026-11-07: 1.5 cm hypoechoic mass with echogenic foci casting "
     "acoustic shadowing.",
     "Mass: A 4.3 x 3.1 cm intramuscular mass in the teres major is T1 isointense."),
    ("Right axillary ultrasound 2026-11-07: 4 cm hypoechoic mass with echogenic foci casting "
     "acoustic shadowing.",
     "Mass: A 4.3 cm intramuscular mass in the teres major is T1 isointense. A 4.1 cm mass in the "
     "right deltoid is T2 bright."),
    ("Left axillary ultrasound 2026-11-07: 4 cm hypoechoic mass with echogenic foci casting "
     "acoustic shadowing.",
     "Mass: A 4.3 cm intramuscular mass in the right teres major is T1 isointense."),
    ("Right axillary ultrasound 2026-11-07: hypoechoic mass with echogenic foci casting "
     "acoustic shadowing.",
     "Mass: A 4.3 cm intramuscular mass in the right teres major is T1 isointense."),
]


@pytest.mark.parametrize(("comparison", "findings", "site", "side"), LINKED)
def test_the_cited_lesion_is_the_one_the_mri_names_by_its_place(
        comparison: str, findings: str, site: str, side: str) -> None:
    cited = [m for m in read_text(_text(comparison, findings)).mentions if m.seen_on]
    assert [(m.site, m.side) for m in cited] == [(site, side)]
    assert cited[0].described and cited[0].described in findings


@pytest.mark.parametrize(("comparison", "findings"), APART)
def test_a_lesion_of_another_size_side_or_place_unsaid_stays_apart(
        comparison: str, findings: str) -> None:
    cited = [m for m in read_text(_text(comparison, findings)).mentions if m.seen_on]
    assert cited and all(m.described is None for m in cited)


def _cards(text: str, order: str, code: str) -> list[str]:
    report = read_report({"resourceType": "DiagnosticReport", "id": "mr1", "status": "final",
                          "code": {"text": "MRI WITH AND WITHOUT CONTRAST"},
                          "effectiveDateTime": "2026-11-20",
                          "subject": {"reference": "Patient/p1"},
                          "presentedForm": [{"contentType": "text/plain", "data":
                                             base64.b64encode(text.encode()).decode()}]})
    ev = rules.Evidence(reports=(report,), studies=())
    return [p.lead.rule_id for p in rules.merge(rules.evaluate(read(order, code), ev))]


@pytest.mark.parametrize(("case", "order"), [
    (0, "BIOPSY MUSCLE PERCUTANEOUS NEEDLE RT TERES MAJOR"),
    (3, "US GUIDED CORE BIOPSY RIGHT TERES MAJOR MASS"),
    (5, "US GUIDED CORE BIOPSY RIGHT PECTINEUS MASS"),
])
def test_the_biopsy_of_the_muscle_mass_gets_the_ultrasound_card(case: int, order: str) -> None:
    comparison, findings, *_ = LINKED[case]
    assert _cards(_text(comparison, findings), order, "20206") == ["deep-soft-tissue-mass"]


def test_an_ultrasound_lesion_of_another_size_draws_no_card_for_the_muscle_mass() -> None:
    comparison, findings = APART[0]
    assert _cards(_text(comparison, findings), "BIOPSY MUSCLE PERCUTANEOUS NEEDLE RT TERES MAJOR",
                  "20206") == []


def test_a_cited_statement_placed_by_its_line_stays_with_that_places_lesion() -> None:
    text = ("EXAM: MRI BRAIN WITHOUT AND WITH CONTRAST\nFINDINGS:\nPosterior fossa: A 4.1 x 3.6 cm "
            "heterogeneous mass fills the fourth ventricle. Foci of susceptibility within its "
            "inferior aspect on SWI correspond to the coarse calcification seen on the outside CT "
            "of 2026-10-30.\nIMPRESSION:\n1. 4.1 cm fourth ventricular mass extending through the "
            "left foramen of Luschka, most compatible with ependymoma.\n")
    assert [(s.site, s.side) for s in read_text(text).structures] == [("posterior-fossa", None)]
