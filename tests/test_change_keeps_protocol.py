"""A contrast CT changed to without and with contrast keeps the protocol the order names
(docs/matching-policy.md P11.45; review rounds 8-10, T-protocol-lost: "CT ENTEROGRAPHY W IV
CONTRAST" was offered "Change to CT abdomen and pelvis without and with contrast" (unseen30 b1,
unseen26 b2), "CT LARYNX W CONTRAST" "CT soft tissue neck …" (unseen29 b2), "CT ABDOMEN W/CNTRST
PANC" "CT abdomen …" (unseen32 c2)). The protocols are data (`protocols` of
`data/terminology/text_patterns.json`); the code stays the region's without-and-with code. Each
variant failed on 54f8ff4."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from cds_service.config import DEFAULT_CARDS_DIR
from cds_service.core import rules
from cds_service.core.card_library import load_library
from cds_service.core.cards import render
from cds_service.core.reading import read_report
from tests.test_order_catalog import mri, read

LIBRARY = load_library(DEFAULT_CARDS_DIR)


def change(report: str, text: str, code: str | None = None) -> tuple[str, str, Any, str]:
    """The first suggestion's label, the updated order's text and codes, and the card's text."""
    title = "MRI NECK W WO" if "paraglottic" in report else "MRI CHEST W WO" if (
        "mediastinal" in report) else "MRI ABDOMEN W WO"
    ev = rules.Evidence(reports=(read_report(mri(report, title)),), studies=())
    n = itertools.count()
    [problem] = rules.merge(rules.evaluate(read(text, code), ev))
    card = render(problem, LIBRARY, patient_id="p1", new_id=lambda: str(next(n))).card
    first = card.suggestions[0]
    resource: dict[str, Any] = first.actions[0].resource or {}
    return (first.label, resource["code"]["text"],
            [c["code"] for c in resource["code"]["coding"]], card.detail)


JEJUNUM = ("FINDINGS: A 2.4 cm submucosal mass in the proximal jejunum contains a round "
           "calcification, consistent with a phlebolith in a hemangioma.")
LARYNX = ("FINDINGS: A 2.8 cm left paraglottic submucosal mass contains multiple phleboliths, "
          "consistent with a venous malformation.")
PANCREAS = "FINDINGS: A 3.1 cm cystic mass in the pancreatic tail with peripheral calcification."
LIVER = "FINDINGS: A 4 cm mass in hepatic segment 7 with coarse central calcification."


@pytest.mark.parametrize(("report", "text", "code", "study", "cpt"), [
    (JEJUNUM, "CT ENTEROGRAPHY W IV CONTRAST", "74177",
     "CT enterography without and with contrast", "74178"),
    (JEJUNUM, "CT ABDOMEN ENTEROGRAPHY W IV CONTRAST", None,
     "CT enterography without and with contrast", "74178"),
    (LARYNX, "CT LARYNX W CONTRAST", None, "CT larynx without and with contrast", "70492"),
    (PANCREAS, "CT ABDOMEN W/CNTRST PANC", None,
     "CT abdomen without and with contrast, pancreas protocol", "74170"),
    (PANCREAS, "CT PANCREAS W CONTRAST", None,
     "CT abdomen without and with contrast, pancreas protocol", "74170"),
    (LIVER, "CT LIVER W CONTRAST", None,
     "CT abdomen without and with contrast, liver protocol", "74170"),
])
def test_change_to_keeps_the_protocol(report: str, text: str, code: str | None, study: str,
                                      cpt: str) -> None:
    label, ordered, codes, detail = change(report, text, code)
    assert (label, ordered, codes) == (f"Change to {study}", study, [cpt])
    assert f"change the order to **{study}**" in detail


# ---------------------------------------------------------------------------------- guards

@pytest.mark.parametrize(("report", "text", "study"), [
    (JEJUNUM, "CT ABDOMEN PELVIS W CONTRAST", "CT abdomen and pelvis without and with contrast"),
    (LARYNX, "CT SOFT TISSUE NECK W CONTRAST", "CT soft tissue neck without and with contrast"),
    (PANCREAS, "CT ABDOMEN W CONTRAST", "CT abdomen without and with contrast"),
])
def test_an_order_naming_no_protocol_is_named_by_its_region(report: str, text: str,
                                                            study: str) -> None:
    label, ordered, _, _ = change(report, text)
    assert (label, ordered) == (f"Change to {study}", study)


def test_a_protocol_of_another_region_is_not_taken() -> None:
    """A liver or pancreas word on a chest CT, or the larynx's on an abdominal one, names no
    protocol of the CT it changes; nor does a change naming several regions."""
    from cds_service.core.order_text import protocol_kept
    for text, study in [
        ("CT CHEST W CONTRAST LIVER LESION", "CT chest without and with contrast"),
        ("CT ABDOMEN W CONTRAST LARYNGEAL CA", "CT abdomen without and with contrast"),
        ("CT ENTEROGRAPHY W IV CONTRAST", "CT chest with contrast; abdomen and pelvis without "
         "and with contrast"),
    ]:
        assert protocol_kept(read(text), study) == study
    assert protocol_kept(None, "CT abdomen without and with contrast") == (
        "CT abdomen without and with contrast")


def test_a_body_site_names_no_protocol() -> None:
    """A code sent alone with its body site ("CT abdomen with contrast, liver", P11.15a) asked
    for no liver protocol: the change keeps the code's own name."""
    ev = rules.Evidence(reports=(read_report(mri(LIVER, "MRI ABDOMEN W WO")),), studies=())
    draft = read(None, "74160", bodySite=[{"text": "Liver"}])
    [problem] = rules.merge(rules.evaluate(draft, ev))
    card = render(problem, LIBRARY, patient_id="p1", new_id=lambda: "x").card
    assert card.suggestions[0].label == "Change to CT abdomen without and with contrast"
