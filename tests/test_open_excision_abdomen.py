"""An open excision of an intra-abdominal or retroperitoneal tumour is surgery on the mass, also
when its code's descriptor reads "Excision or destruction" (docs/matching-policy.md P18.11,
P18.1): before it a calcified mass the MRI names draws surgical-planning (info), whatever the
mass's origin (a nodal disorder such as unicentric Castleman disease named as a mass). Each
variant was silent on 339c74a (unseen30 p1 pos: "EXCISION LEFT RETROPERITONEAL MASS (OPEN)",
CPT 49204, whose descriptor's "destruction" read as an ablation, kind other)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_order_catalog import leads as catalog_leads

D49203 = ("Excision or destruction, open, intra-abdominal tumors, cysts or endometriomas, 1 or "
          "more peritoneal, mesenteric, or retroperitoneal primary or secondary tumors; largest "
          "tumor 5 cm diameter or less")
D49204 = D49203.replace("5 cm diameter or less", "5.1-10.0 cm diameter")
D49205 = D49203.replace("5 cm diameter or less", "greater than 10.0 cm diameter")


def leads(report: str, text: str | None, code: str | None = None, display: str | None = None,
          reason: str | None = None) -> list[str]:
    extra: dict[str, Any] = {"reasonCode": [{"text": reason}]} if reason is not None else {}
    return catalog_leads(report, text, code, title="MRI ABDOMEN", display=display, **extra)


CASTLEMAN = (
    "FINDINGS: Retroperitoneum: A 6.6 x 4.8 cm well-circumscribed homogeneous mass lies in the "
    "left para-aortic retroperitoneum at the level of the left renal hilum, with intense "
    "arterial enhancement. Central branching foci of low signal on all sequences are consistent "
    "with calcification. IMPRESSION: 6.6 cm hypervascular left para-aortic retroperitoneal mass "
    "with central branching calcification, biopsy-proven unicentric Castleman disease.")
MESENTERIC = (
    "FINDINGS: A 4.1 cm spiculated mass in the small-bowel mesentery contains coarse central "
    "calcification, with tethering of adjacent loops. IMPRESSION: Calcified mesenteric mass, "
    "carcinoid tumour likely.")
RETROPERITONEAL = (
    "FINDINGS: A 12 cm right retroperitoneal mass displaces the right kidney anteriorly and "
    "contains amorphous calcification. IMPRESSION: Calcified right retroperitoneal mass, "
    "liposarcoma versus leiomyosarcoma.")

OPEN_EXCISIONS = [
    (CASTLEMAN, "EXCISION LEFT RETROPERITONEAL MASS (OPEN)", "49204", D49204,
     "Unicentric Castleman disease, left para-aortic"),
    (CASTLEMAN, None, "49204", D49204, None),
    (CASTLEMAN, "EXCISION OR DESTRUCTION RETROPERITONEAL TUMOR 5.1-10 CM", None, None, None),
    (MESENTERIC, "LAPAROTOMY, EXCISION MESENTERIC MASS", "49203", D49203, None),
    (MESENTERIC, None, "49203", None, None),
    (RETROPERITONEAL, "OPEN RESECTION RT RETROPERITONEAL TUMOR", "49205", D49205,
     "Right retroperitoneal sarcoma"),
]


@pytest.mark.parametrize(("report", "text", "code", "display", "reason"), OPEN_EXCISIONS)
def test_an_open_excision_of_the_calcified_mass_draws_the_planning_card(
        report: str, text: str | None, code: str | None, display: str | None,
        reason: str | None) -> None:
    assert leads(report, text, code, display, reason) == ["surgical-planning"]


@pytest.mark.parametrize(("text", "code", "display"), [
    ("IR PREOPERATIVE EMBOLIZATION LEFT RETROPERITONEAL MASS", "37243", None),
    ("CT GUIDED CRYOABLATION LEFT RETROPERITONEAL MASS", None, None),
    ("CT GUIDED RF DESTRUCTION LEFT RETROPERITONEAL TUMOR", None, None),
])
def test_an_embolization_or_ablation_is_no_excision(text: str, code: str | None,
                                                   display: str | None) -> None:
    assert leads(CASTLEMAN, text, code, display) == []
