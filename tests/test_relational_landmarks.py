"""A structure placed by a relational landmark is named and placed by its own region noun, not
by the muscle, bone, vessel or organ it lies beside (docs/matching-policy.md P2.8a, P4.9g):
"a right retroperitoneal mass lies anterior to the right psoas" is the retroperitoneum's, "a mass
in the right posterior cervical space lies between the levator scapulae and the splenius capitis"
the neck's. Words that put it in the landmark ("within", "arising from", "in the … muscle",
"centered in") still do. Each variant read the landmark as the place on 1ca326c (unseen26 m2:
"right psoas mass (72 mm)" and the generic biopsy card for a calcified retroperitoneal mass)."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text
from tests.test_order_catalog import leads


def sites(text: str) -> set[tuple[str, str | None]]:
    return {(s.site, s.side) for s in read_text("FINDINGS: " + text).structures}


@pytest.mark.parametrize(("text", "site", "side"), [
    ("A 7.2 cm lobulated right retroperitoneal mass lies anterior to the right psoas at the L4 "
     "level, lateral to the inferior vena cava. It contains coarse calcification.",
     "retroperitoneum", "right"),
    ("A 5 cm left retroperitoneal mass lies medial to the left psoas muscle and contains dense "
     "calcification.", "retroperitoneum", "left"),
    ("A 5 cm left retroperitoneal mass lies lateral to the aorta and anterior to the left psoas "
     "and contains coarse calcification.", "retroperitoneum", "left"),
    ("Retroperitoneum: A 6 cm mass lies anterior to the right psoas muscle and contains coarse "
     "calcification.", "retroperitoneum", "right"),
    ("A 4.5 cm mass in the right posterior cervical space lies between the levator scapulae and "
     "the splenius capitis and contains calcification.", "neck", "right"),
    ("A 6 cm presacral mass lies anterior to the sacrum and posterior to the rectum, with coarse "
     "calcification.", "pelvis", None),
])
def test_a_landmark_is_not_the_place(text: str, site: str, side: str | None) -> None:
    assert sites(text) == {(site, side)}


@pytest.mark.parametrize(("text", "site", "side"), [
    ("A 5 cm mass within the right psoas muscle contains coarse calcification.", "psoas", "right"),
    ("A 5 cm mass arising from the right psoas muscle contains coarse calcification.", "psoas",
     "right"),
    ("A 5 cm calcified mass in the left sartorius muscle.", "thigh", "left"),
    ("A 5 cm right psoas mass with coarse calcification lies anterior to the L4 transverse "
     "process.", "psoas", "right"),
    ("A 4 cm mass centered in the right levator scapulae, between the splenius capitis and the "
     "trapezius, contains calcification.", "neck-muscles", "right"),
    # no place of its own: the landmark is all the sentence gives
    ("A 6 cm mass lies anterior to the right psoas muscle and contains coarse calcification.",
     "psoas", "right"),
    ("Left thigh: A 5 cm mass lies deep to the sartorius and contains coarse calcification.",
     "thigh", "left"),
    ("A 4 cm right paraspinal mass lies lateral to the erector spinae and contains calcification.",
     "paraspinal", "right"),
])
def test_words_that_put_it_in_the_landmark_still_do(text: str, site: str, side: str | None
                                                    ) -> None:
    assert sites(text) == {(site, side)}


RETROPERITONEAL = (
    "FINDINGS: Retroperitoneum: A 7.2 cm lobulated right retroperitoneal mass lies anterior to "
    "the right psoas at the L4 level, lateral to the inferior vena cava, which it compresses. It "
    "is heterogeneously T2 hyperintense with central necrosis. It contains coarse calcification, "
    "seen as signal void on all sequences. IMPRESSION: Necrotic right retroperitoneal mass; "
    "leiomyosarcoma is favored.")


def test_the_retroperitoneal_mass_before_its_biopsy_is_a_deep_soft_tissue_mass() -> None:
    # the mass word two sentences back names the lesion "It" refers to (P4.9g, P4.9e)
    assert leads(RETROPERITONEAL, "CT GUIDED BX RIGHT RETROPERITONEAL MASS", "49180",
                 title="MRI ABDOMEN W WO CONTRAST") == ["deep-soft-tissue-mass"]


def test_an_organ_mass_referred_back_to_stays_the_organs() -> None:
    report = ("FINDINGS: Kidneys: A 4 cm right renal mass lies anterior to the right psoas. It is "
              "heterogeneous. It contains coarse calcification.")
    assert leads(report, "CT GUIDED BX RIGHT RENAL MASS", "50200",
                 title="MRI ABDOMEN") == ["biopsy-calcified-mass"]
