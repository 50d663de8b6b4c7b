"""The lower anterior abdominal wall (a Pfannenstiel or cesarean scar, the suprapubic wall, the
rectus abdominis below the arcuate line) lies below the iliac crests, in the field of a CT of
the pelvis, not of a CT of the abdomen, which ends at the crests (P1.14; unseen50 p2: a
calcified scar endometrioma "within the left rectus abdominis muscle at the lateral end of the
cesarean scar" was offered "CT abdomen without contrast" before its excision). A procedure on
the abdominal wall acts on its lower part too. Kept: the upper rectus abdominis (CT abdomen),
the umbilical hernia twin (silent), a uterine cesarean scar niche (the uterus's). Through the
pipeline, with a FHIR bundle as an EHR sends it; the variants failed on main af20e49."""

from __future__ import annotations

import re

import pytest

from cds_service.core import anatomy
from tests.eval.full_eval import engine_runner
from tests.support.bundles import mri_order_bundle

RUN = engine_runner()
WALL_MRI = "MRI ABDOMINAL WALL WITHOUT AND WITH CONTRAST"
EXCISION = ("22900", "Excision Abdominal Wall Mass")
_LESION = re.compile(r"\*\*(?:Lesion|Finding):\*\* ([^;\n]*)")


def _cards(findings: str, impression: str, order: tuple[str, str], reason: str,
           title: str = WALL_MRI) -> list[tuple[str, str, list[str]]]:
    text = (f"EXAM: {title}\nHISTORY: Painful lump.\nTECHNIQUE: Axial and sagittal T2, axial T1, "
            f"post-contrast fat-suppressed T1.\nFINDINGS:\n{findings}\nBOWEL: Normal.\n"
            f"BONES: Normal.\nIMPRESSION: {impression}")
    bundle = mri_order_bundle(title, text, "2026-10-20", order, reason, "1988-06-21")
    return [(rule, m.group(1) if (m := _LESION.search(card["detail"])) else "",
             [s["label"] for s in card.get("suggestions", [])])
            for rule, card in RUN(bundle, "order-select")]


P2 = ("ABDOMINAL WALL: A 29 mm spiculated mass within the left rectus abdominis muscle at the "
      "lateral end of the cesarean scar, T2 hypointense with small T1 hyperintense hemorrhagic "
      "foci, enhancement and a tiny internal focus of calcification seen as signal void on all "
      "sequences. Separately, a 9 mm fat-containing umbilical hernia.")
P2_IMP = ("1. Left rectus abdominis scar endometriosis with a small calcification. 2. Small "
          "fat-containing umbilical hernia.")
PFANNENSTIEL = ("ABDOMINAL WALL: A 30 mm mass at the left end of the Pfannenstiel incision "
                "contains punctate calcification.")

VARIANTS = [
    ("p2", P2, P2_IMP, EXCISION, "Cesarean scar endometrioma, left rectus",
     "surgical-planning", "Order CT pelvis without contrast first"),
    ("lower-rectus", "ABDOMINAL WALL: A 35 mm mass within the right lower rectus abdominis "
     "contains coarse calcification.", "1. Calcified mass of the right lower rectus abdominis, "
     "desmoid favored.", EXCISION, "Abdominal wall mass", "surgical-planning",
     "Order CT pelvis without contrast first"),
    ("pfannenstiel-ct-pelvis", PFANNENSTIEL, "1. Calcified abdominal wall mass at the "
     "Pfannenstiel incision.", ("72193", "CT PELVIS W CONTRAST"), "Abdominal wall mass",
     "deep-soft-tissue-mass", "Change to CT pelvis without and with contrast"),
    ("arcuate-biopsy", "ABDOMINAL WALL: A 33 mm mass in the right rectus abdominis below the "
     "arcuate line contains coarse calcification.", "1. Calcified right rectus abdominis mass.",
     ("20206", "US GUIDED BIOPSY ABDOMINAL WALL MASS"), "Abdominal wall mass",
     "deep-soft-tissue-mass", "Order CT pelvis without contrast first"),
    ("lower-anterior", "ABDOMINAL WALL: A 40 mm mass in the lower anterior abdominal wall, left "
     "of midline, contains coarse calcification.", "1. Calcified lower anterior abdominal wall "
     "mass.", EXCISION, "Abdominal wall mass", "surgical-planning",
     "Order CT pelvis without contrast first"),
    ("suprapubic", "ABDOMINAL WALL: A 40 mm mass in the suprapubic abdominal wall contains "
     "coarse calcification.", "1. Calcified suprapubic abdominal wall mass, desmoid favored.",
     ("22900", "EXCISION ABDOMINAL WALL TUMOR"), "Abdominal wall mass", "surgical-planning",
     "Order CT pelvis without contrast first"),
]


@pytest.mark.parametrize("case", VARIANTS, ids=[v[0] for v in VARIANTS])
def test_a_lower_abdominal_wall_lesion_is_offered_ct_pelvis(case: tuple) -> None:
    _, findings, impression, order, reason, rule, label = case
    (got, lesion, labels), = _cards(findings, impression, order, reason)
    assert got == rule and label in labels and not any("abdomen" in x for x in labels)
    assert "arcuate" not in lesion and "mass" in lesion


def test_p2_names_the_scar_mass() -> None:
    (_, lesion, _), = _cards(P2, P2_IMP, EXCISION, "Cesarean scar endometrioma, left rectus")
    assert lesion == "left abdominal wall scar mass (29 mm)"


def test_below_the_arcuate_line_is_named_the_lower_rectus_abdominis() -> None:
    _, findings, impression, order, reason, _, _ = VARIANTS[3]
    (_, lesion, _), = _cards(findings, impression, order, reason)
    assert lesion == "right lower rectus abdominis mass (33 mm)"


def test_the_upper_rectus_abdominis_keeps_ct_abdomen() -> None:
    cards = _cards("ABDOMINAL WALL: A 35 mm mass within the upper right rectus abdominis "
                   "contains coarse calcification.", "1. Calcified right rectus abdominis mass.",
                   EXCISION, "Abdominal wall mass")
    assert cards == [("surgical-planning", "right rectus abdominis mass (35 mm)",
                      ["Order CT abdomen without contrast first"])]


def test_the_umbilical_hernia_twin_stays_silent() -> None:
    assert _cards(P2, P2_IMP, ("49591", "Repair Umbilical Hernia"),
                  "Symptomatic umbilical hernia") == []


def test_a_uterine_cesarean_scar_is_the_uterus() -> None:
    assert "lower-abdominal-wall" not in anatomy.sites_in(
        "A cesarean scar niche at the lower uterine segment; no cesarean scar pregnancy.")
    assert "lower-abdominal-wall" in anatomy.sites_in("Mass at the left end of the C-section scar.")
