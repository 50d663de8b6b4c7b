"""A splenectomy is the organ resection named for a splenic lesion, as an adrenalectomy or a
nephrectomy is (docs/matching-policy.md P18.27): over a calcified splenic mass it draws
surgical-planning (info). The variants drew nothing on af20e49, where a splenectomy was read as
kind `other` (unseen51 p2: a 52 mm splenic mass "with spoke-wheel enhancement and a calcified
central scar; sclerosing angiomatoid nodular transformation favored" before "SPLENECTOMY
LAPAROSCOPIC", CPT 38120)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_order_catalog import leads, read


def _extra(reason: str | None) -> dict[str, Any]:
    return {"reasonCode": [{"text": reason}]} if reason else {}


SANT = ("FINDINGS: Spleen: A 45 mm splenic mass with a central stellate scar and spoke-wheel "
        "enhancement; the scar holds coarse calcification.")

SPLEEN = [
    (SANT, "SPLENECTOMY LAPAROSCOPIC", "38120", "splenic mass, SANT versus lymphoma"),
    ("FINDINGS: Spleen: A 38 mm well-defined splenic lesion, isointense on T1 and mildly T2 "
     "hyperintense, with a focus of coarse calcification, likely hamartoma.",
     None, "38120", None),
    ("FINDINGS: A 7 cm cystic lesion of the spleen with a thick low-signal wall, consistent with "
     "a calcified hydatid cyst wall.", "OPEN SPLENECTOMY", "38100", None),
    ("IMPRESSION: Splenic mass, 4 cm, with central calcification; hemangioma favoured.",
     "LAPAROSCOPIC SPLENECTOMY", None, "splenic mass"),
    ("FINDINGS: Multiple low-signal foci within the 6 cm splenic mass may represent "
     "calcification; lymphoma and angiosarcoma are considered.",
     "ROBOTIC SPLENECTOMY", None, None),
    ("FINDINGS: A 3 cm lesion in the lower pole of the spleen contains calcification.",
     "LAPAROSCOPIC PARTIAL SPLENECTOMY", None, None),
]


@pytest.mark.parametrize(("report", "text", "code", "reason"), SPLEEN)
def test_a_splenectomy_over_a_calcified_splenic_mass(
        report: str, text: str | None, code: str | None, reason: str | None) -> None:
    assert leads(report, text, code, title="MRI ABDOMEN W WO CONTRAST",
                 **_extra(reason)) == ["surgical-planning"]


@pytest.mark.parametrize(("text", "code"), [
    ("SPLENECTOMY LAPAROSCOPIC", "38120"), (None, "38120"), ("OPEN SPLENECTOMY", "38100"),
    ("PARTIAL SPLENECTOMY", "38101"),
])
def test_a_splenectomy_is_surgery_on_the_spleen(text: str | None, code: str) -> None:
    o = read(text, code)
    assert (o.kind, o.sites) == ("surgery", frozenset({"spleen"}))


@pytest.mark.parametrize(("report", "text", "code", "want"), [
    # calcified granulomas are incidental (P4.1)
    ("FINDINGS: Spleen: Several calcified splenic granulomas.", "LAPAROSCOPIC SPLENECTOMY",
     None, []),
    # another organ's calcified mass (P4.2)
    ("FINDINGS: Liver: A 4 cm segment VI mass with coarse calcification.",
     "LAPAROSCOPIC SPLENECTOMY", None, []),
    ("FINDINGS: Left adrenal: A 3 cm mass with coarse calcification.",
     "SPLENECTOMY LAPAROSCOPIC", "38120", []),
])
def test_near_misses(report: str, text: str, code: str | None, want: list[str]) -> None:
    assert leads(report, text, code, title="MRI ABDOMEN W WO CONTRAST") == want


@pytest.mark.parametrize(("text", "kind"), [
    ("CT ABDOMEN W CONTRAST S/P SPLENECTOMY", "ct-contrast"),  # named as history (P18.1)
    ("US GUIDED BIOPSY SPLENIC MASS", "biopsy"),
])
def test_other_orders_naming_the_spleen_keep_their_kind(text: str, kind: str) -> None:
    assert read(text).kind == kind
