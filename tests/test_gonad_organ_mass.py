"""A gonad's mass is an organ's mass, never a deep soft-tissue mass (P2.41, unseen45 g2).

A streak gonad, a dysgenetic or undescended gonad, a testis (testicle, scrotum, epididymis) are
organs of the anatomy table like the ovary: their calcified mass draws the organ's cards
(contrast-ct-noncontrast-first before a contrast CT), not deep-soft-tissue-mass."""

from __future__ import annotations

import pytest

from tests.test_card_names import first_card

_CT_AP = "CT ABDOMEN PELVIS W IV CONTRAST"


def _rule(text: str, title: str, order: str) -> str:
    return first_card(text, title, order).summary


@pytest.mark.parametrize(("text", "title", "order"), [
    # unseen45 g2: a streak gonad's gonadoblastoma
    ("FINDINGS:\nGONADS: The right gonad is a streak without mass. The left gonad contains a "
     "3.6 cm solid, T2 intermediate mass with mild enhancement and several punctate foci of "
     "signal void with blooming on SWI, consistent with calcification.", "MRI PELVIS W WO",
     _CT_AP),
    ("FINDINGS: A 2.8 cm solid mass of the right streak gonad contains coarse calcification.",
     "MRI PELVIS", "CT ABD/PELVIS W CONTRAST"),
    ("FINDINGS: Gonads: 3 cm enhancing mass in the left dysgenetic gonad with punctate "
     "calcifications.", "MRI PELVIS W WO CONTRAST", "CT PELVIS W IV CONTRAST"),
    # a testis: intratesticular, scrotal, testicular
    ("FINDINGS: A 2.4 cm heterogeneous intratesticular mass in the left testis contains foci of "
     "calcification.", "MRI SCROTUM", _CT_AP),
    ("FINDINGS:\nSCROTUM: Right testicular mass measuring 3.1 cm with dark foci consistent with "
     "calcification, suspicious for a mixed germ cell tumor.", "MRI PELVIS", _CT_AP),
    ("FINDINGS: Undescended right testicle in the pelvis with a 4 cm mass containing coarse "
     "calcification.", "MRI PELVIS W WO", "CT ABD PELVIS W CONTRAST"),
])
def test_a_gonads_calcified_mass_is_the_organs(text: str, title: str, order: str) -> None:
    summary = _rule(text, title, order)
    assert "deep soft-tissue" not in summary, summary


@pytest.mark.parametrize(("text", "title", "order"), [
    # guards: a mass beside the gonads in the deep tissues stays a deep soft-tissue mass
    ("FINDINGS: A 5 cm mass in the left inguinal canal contains coarse calcification.",
     "MRI PELVIS", _CT_AP),
    ("FINDINGS: A 6 cm intramuscular mass in the right obturator internus contains coarse "
     "calcification. The gonads are normal.", "MRI PELVIS", _CT_AP),
])
def test_a_deep_mass_beside_the_gonads_stays_deep(text: str, title: str, order: str) -> None:
    assert "deep soft-tissue" in _rule(text, title, order)
