"""A mineral the report places away from the lesion is not the lesion's (P12.28, P1.6): "a focus
of calcification in the right gluteus maximus, remote from the mass" drew the deep-mass card
before the biopsy of a right gluteus MINIMUS mass (the lead's probe). "Remote from", "separate
from", "distant to", "away from", "not associated with" the lesion, or another named muscle than
the lesion's, make the mineral incidental, for the report's own statement and for another
study's cited one alike. "At the margin of the mass", "within the mass", "abutting the mass",
"not separate from the mass" and a statement referring to the mass ("It extends into …") keep
the card. Through the pipeline, with a FHIR bundle as an EHR sends it; every variant failed on
main ee27c51."""

from __future__ import annotations

from typing import Any

import pytest

from cds_service.core.reading import read_text
from tests.test_cited_outside_radiograph_gluteal import _rules

PELVIS = "MRI PELVIS WITHOUT AND WITH CONTRAST"
THIGH = "MRI RIGHT THIGH WITHOUT AND WITH CONTRAST"
MINIMUS = ("Muscles: Within the right gluteus minimus there is a 5.8 x 4.2 x 3.9 cm "
           "intramuscular mass, T2 hyperintense with heterogeneous enhancement and a "
           "peripheral rim of edema. ")
MINIMUS_IMP = ("1. 5.8 cm intramuscular mass of the right gluteus minimus; sarcoma not "
               "excluded. Tissue sampling recommended.")
VASTUS = ("Muscles: A 6.4 x 3.9 x 3.1 cm heterogeneous enhancing mass lies within the right "
          "vastus lateralis, T2 hyperintense with internal septations. ")
VASTUS_IMP = "1. 6.4 cm intramuscular mass of the right vastus lateralis, indeterminate."
IR = ("20206", "IR BIOPSY SOFT TISSUE")
CT_BX = ("20206", "CT GUIDED BIOPSY RIGHT GLUTEUS MINIMUS MASS")
EXCISION = ("27048", "EXCISION TUMOR SOFT TISSUE PELVIS/HIP SUBFASCIAL RIGHT")
THIGH_BX = ("20206", "US GUIDED CORE BIOPSY RIGHT THIGH MASS")

VARIANTS = [
    ("remote", PELVIS, MINIMUS + "A 7 mm focus of calcification lies in the right gluteus "
     "maximus, remote from the mass, likely dystrophic.", MINIMUS_IMP, IR, "Right buttock mass"),
    ("separate", PELVIS, MINIMUS + "A 6 mm focus of calcification in the right gluteus maximus, "
     "separate from the mass.", MINIMUS_IMP, EXCISION, "Right buttock mass"),
    ("distant", PELVIS, MINIMUS + "Punctate calcification is noted in the subcutaneous fat, "
     "distant to the mass.", MINIMUS_IMP, CT_BX, "Right gluteus minimus mass"),
    ("not-associated", PELVIS, MINIMUS + "Small calcification in the right gluteus maximus, not "
     "associated with the mass, likely post-injection.", MINIMUS_IMP, IR, "Right buttock mass"),
    ("cited-remote", PELVIS, MINIMUS + "Pelvic radiographs of 2026-10-01 show calcification in "
     "the right gluteus maximus, remote from the mass.", MINIMUS_IMP, CT_BX,
     "Right gluteus minimus mass"),
    ("cited-other-muscle", PELVIS, MINIMUS + "Pelvic radiographs of 2026-10-01 show amorphous "
     "calcification in the right gluteus maximus.", MINIMUS_IMP, CT_BX,
     "Right gluteus minimus mass"),
    ("other-muscle", PELVIS, MINIMUS + "There is a small focus of calcification in the right "
     "gluteus maximus.", MINIMUS_IMP, IR, "Right buttock mass"),
    ("thigh-away", THIGH, VASTUS + "A 4 mm calcific focus lies in the vastus medialis away from "
     "the mass, likely sequela of prior trauma.", VASTUS_IMP, THIGH_BX, "Right thigh mass"),
]
GUARDS = [
    ("margin", PELVIS, MINIMUS + "A small focus of calcification lies at the margin of the "
     "mass.", MINIMUS_IMP, CT_BX, "Right gluteus minimus mass", ["deep-soft-tissue-mass"]),
    ("within", PELVIS, MINIMUS + "A small focus of calcification lies within the mass.",
     MINIMUS_IMP, EXCISION, "Right hip mass", ["surgical-planning"]),
    ("abutting", PELVIS, MINIMUS + "A small focus of calcification abutting the mass.",
     MINIMUS_IMP, CT_BX, "Right gluteus minimus mass", ["deep-soft-tissue-mass"]),
    ("abutting-maximus", PELVIS, MINIMUS + "A small focus of calcification in the right gluteus "
     "maximus abutting the mass.", MINIMUS_IMP, IR, "Right buttock mass",
     ["deep-soft-tissue-mass"]),
    ("not-separate", PELVIS, MINIMUS + "A coarse calcification in the right gluteus maximus is "
     "not separate from the mass.", MINIMUS_IMP, IR, "Right buttock mass",
     ["deep-soft-tissue-mass"]),
    ("refers", PELVIS, MINIMUS + "It extends into the right gluteus maximus, where it contains "
     "coarse calcification.", MINIMUS_IMP, IR, "Right buttock mass", ["deep-soft-tissue-mass"]),
    ("thigh-within", THIGH, VASTUS + "Coarse calcification is present within the mass.",
     VASTUS_IMP, THIGH_BX, "Right thigh mass", ["deep-soft-tissue-mass"]),
]


def _minerals(findings: str, impression: str) -> list[Any]:
    text = f"EXAM: MRI\nFINDINGS:\n{findings}\nIMPRESSION:\n{impression}\n"
    return [m for m in read_text(text).mentions if m.concept == "calcification"]


@pytest.mark.parametrize("case", VARIANTS, ids=[v[0] for v in VARIANTS])
def test_a_mineral_away_from_the_lesion_is_not_its(case: tuple[Any, ...]) -> None:
    _, title, findings, impression, order, reason = case
    assert all(m.kind == "incidental" for m in _minerals(findings, impression))
    assert _rules(title, findings, impression, order, reason) == []


@pytest.mark.parametrize("case", GUARDS, ids=[g[0] for g in GUARDS])
def test_a_mineral_at_or_in_the_lesion_keeps_its_card(case: tuple[Any, ...]) -> None:
    _, title, findings, impression, order, reason, expected = case
    assert _rules(title, findings, impression, order, reason) == expected
