"""A lobectomy of the thyroid and a segmentectomy of the liver take the calcified lesion out with
its part of the organ, leaving the organ: surgery on the lesion (P18.14, amends P18.6 as P18.9
did); a ganglion excision of the wrist coded with no text is an excision of the mass there
(P18.15). Each card test failed on 70bbbb6."""

from __future__ import annotations

import pytest

from tests.test_order_catalog import leads

NECK = "MRI NECK WITHOUT AND WITH CONTRAST"
ABDOMEN = "MRI ABDOMEN WITHOUT AND WITH CONTRAST"
WRIST_MRI = "MRI WRIST RIGHT WITHOUT CONTRAST"
THYROID = ("FINDINGS: Thyroid: a 3.1 cm solid nodule of the left thyroid lobe contains coarse "
           "calcification, dark on all sequences.")
LIVER = ("FINDINGS: Liver: a 4.6 cm mass in hepatic segment 6 contains central coarse "
         "calcification.")
WRIST = ("FINDINGS: Dorsal to the scapholunate interval a 2.2 cm lobulated mass contains "
         "punctate calcification.")


@pytest.mark.parametrize(("report", "title", "text", "code"), [
    (THYROID, NECK, None, "60220"),
    (THYROID, NECK, "LEFT THYROID LOBECTOMY", "60220"),
    (THYROID, NECK, "HEMITHYROIDECTOMY LEFT", None),
    (THYROID, NECK, "THYROID LOBECTOMY WITH CONTRALAT SUBTOTAL", "60225"),
    (LIVER, ABDOMEN, None, "47120"),
    (LIVER, ABDOMEN, "LIVER SEGMENTECTOMY VI", None),
    (LIVER, ABDOMEN, "PARTIAL HEPATECTOMY", None),
    (LIVER, ABDOMEN, None, "47122"),
    (WRIST, WRIST_MRI, None, "25111"),
    (WRIST, WRIST_MRI, None, "25112"),
])
def test_a_part_resection_or_ganglion_excision_draws_the_planning_card(
        report: str, title: str, text: str | None, code: str | None) -> None:
    assert leads(report, text, code, title=title) == ["surgical-planning"]


@pytest.mark.parametrize(("report", "title", "text", "code"), [
    (THYROID, NECK, "TOTAL THYROIDECTOMY", "60240"),         # the organ's resection (P18.6)
    (THYROID, NECK, "RIGHT HEMITHYROIDECTOMY", None),        # the other lobe (P4.3)
    (LIVER, ABDOMEN, "LAPAROSCOPIC CHOLECYSTECTOMY", "47562"),  # the gallbladder
    (LIVER, ABDOMEN, "RIGHT UPPER LOBE SEGMENTECTOMY", None),  # a lung's, not the liver's
    (WRIST, WRIST_MRI, None, "25000"),                       # a tendon sheath incision
    ("FINDINGS: A 2.4 cm mass in the right antecubital fossa contains punctate calcification.",
     "MRI ELBOW RIGHT", None, "25111"),                      # a wrist ganglion, not the elbow
])
def test_guards_draw_no_card(report: str, title: str, text: str | None,
                             code: str | None) -> None:
    assert leads(report, text, code, title=title) == []
