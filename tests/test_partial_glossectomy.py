"""An excision named as a partial resection of the tongue (partial glossectomy, hemiglossectomy)
acts on the calcified lesion of the tongue it removes (docs/matching-policy.md P18.12, P18.1):
before it a venous malformation with phleboliths draws surgical-planning (info). Each variant was
silent on 778327e (unseen34 b1 pos: "EXCISION VASCULAR MALFORMATION LEFT TONGUE (PARTIAL
GLOSSECTOMY)", CPT 41120, body site "Tongue, left": the tongue was no place of the anatomy
table, so the order named no target and the malformation was placed in the neck)."""

from __future__ import annotations

from typing import Any

import pytest

from cds_service.core.reading import read_text
from tests.test_order_catalog import leads as catalog_leads

TONGUE_VM = (
    "FINDINGS: Tongue: A lobulated 3.9 x 2.6 cm T2 hyperintense lesion in the left lateral oral "
    "tongue, confined to the left of the median septum. Within it are several round signal "
    "voids on all sequences, typical of phleboliths. IMPRESSION: 3.9 cm left lateral tongue "
    "venous malformation with phleboliths.")
TONGUE_LM = (
    "FINDINGS: Tongue: A lobulated 3.9 x 2.6 cm multicystic lesion in the left lateral oral "
    "tongue with fluid-fluid levels and no signal voids or phleboliths. IMPRESSION: Left tongue "
    "lymphatic malformation.")


def leads(report: str, text: str | None, code: str | None = None, display: str | None = None,
          site: str | None = None) -> list[str]:
    extra: dict[str, Any] = {"bodySite": [{"text": site}]} if site is not None else {}
    return catalog_leads(report, text, code, title="MRI NECK W WO CONTRAST", display=display,
                         **extra)


@pytest.mark.parametrize(("text", "code", "display", "site"), [
    ("EXCISION VASCULAR MALFORMATION LEFT TONGUE (PARTIAL GLOSSECTOMY)", "41120",
     "GLOSSECTOMY <ONE-HALF TONGUE", "Tongue, left"),
    (None, "41120", None, "Tongue, left"),
    ("LEFT HEMIGLOSSECTOMY", None, None, None),
    ("PARTIAL GLOSSECTOMY LT", None, None, None),
    ("EXCISION LESION TONGUE LEFT", None, None, None),
    ("HEMIGLOSSECTOMY", "41130", None, "Left tongue"),
])
def test_a_partial_resection_of_the_tongue_acts_on_its_calcified_lesion(
        text: str | None, code: str | None, display: str | None, site: str | None) -> None:
    assert leads(TONGUE_VM, text, code, display, site) == ["surgical-planning"]


@pytest.mark.parametrize(("report", "text"), [
    (TONGUE_LM, "EXCISION VASCULAR MALFORMATION LEFT TONGUE (PARTIAL GLOSSECTOMY)"),
    (TONGUE_VM, "RIGHT HEMIGLOSSECTOMY"),
])
def test_guards(report: str, text: str) -> None:
    assert leads(report, text) == []


def test_a_tongue_like_extension_is_no_tongue() -> None:
    found = read_text("FINDINGS: A 6 cm mass in the right vastus lateralis contains coarse "
                      "calcification and sends a tongue-like extension into the adductor "
                      "compartment.").structures
    assert [(s.kind, s.site) for s in found] == [("mass", "thigh")]
