"""Issue 17, review round 19, unseen43 e1 (P11.107): a mineral stated with no lesion word takes
the one lesion word the report gives it elsewhere. "LEFT ORBIT: … Along the sheath are linear
foci of very low signal …, likely calcification" with the Impression's "Left optic nerve sheath
meningioma" was named "**Finding:** left orbit": a radiologist writes "left optic nerve sheath
meningioma". The optic nerve sheath and the orbital apex are the orbit's (`anatomy.json`).
Guards: two lesions named there, one of the other side, one denied or left open, or none: the
name stays the place's. The variants failed on main af20e49."""

from __future__ import annotations

import pytest

from cds_service.core import anatomy
from tests.test_card_names import card_detail, lesion_line

ORBITS, CT_ORBITS = "MRI Orbits w/o & w/ Contrast", "CT Orbits w/ Contrast"
ABDOMEN, CT_ABDOMEN = "MRI ABDOMEN W WO", "CT ABDOMEN W CONTRAST"

VARIANTS = [
    ("FINDINGS:\nLEFT ORBIT: Circumferential tubular enhancing thickening of the left optic nerve "
     "sheath over 2.4 cm of the intraorbital segment; the nerve itself is normal. Along the "
     "sheath are linear foci of very low signal on all sequences with blooming on gradient "
     "echo, likely calcification. The lesion reaches the orbital apex.\nRIGHT ORBIT: Normal.\n"
     "IMPRESSION:\n1. Left optic nerve sheath meningioma of the intraorbital segment.", ORBITS,
     CT_ORBITS, "left optic nerve sheath meningioma"),
    ("FINDINGS:\nRIGHT ORBIT: Tram-track enhancement along the right optic nerve sheath. "
     "Punctate calcification along the sheath.\nIMPRESSION:\nRight optic nerve sheath "
     "meningioma.", ORBITS, CT_ORBITS, "right optic nerve sheath meningioma"),
    ("FINDINGS:\nLEFT ORBIT: Intraconal well-circumscribed T2 hyperintense focus with progressive "
     "enhancement. Several foci of signal void within it, consistent with phleboliths and "
     "calcification.\nIMPRESSION:\nLeft intraconal cavernous venous malformation.", ORBITS,
     CT_ORBITS, "left intraconal venous malformation"),
    ("FINDINGS:\nLIVER: Segment 6 shows a peripheral area of nodular enhancement with central "
     "coarse calcification.\nIMPRESSION:\nSegment 6 hepatic hemangioma.", "MRI LIVER W WO",
     CT_ABDOMEN, "hepatic hemangioma"),
    ("FINDINGS:\nRIGHT KIDNEY: Interpolar region of heterogeneous T2 signal with coarse "
     "calcification on all sequences.\nIMPRESSION:\nRight renal angiomyolipoma, fat-poor.",
     ABDOMEN, CT_ABDOMEN, "right renal angiomyolipoma"),
    ("FINDINGS:\nPELVIS: Coarse calcification in the left ovary.\nIMPRESSION:\nLeft ovarian "
     "teratoma.", "MRI PELVIS W WO", "CT PELVIS W CONTRAST", "left ovarian teratoma"),
]


@pytest.mark.parametrize(("text", "title", "order", "name"), VARIANTS)
def test_the_report_names_the_lesion_elsewhere(text: str, title: str, order: str,
                                               name: str) -> None:
    assert lesion_line(card_detail(text, title, order)) == name


_SHEATH = "FINDINGS:\nLEFT ORBIT: Along the sheath are linear foci of calcification.\n"
GUARDS = [
    ("FINDINGS:\nLEFT ORBIT: Along the optic nerve sheath are linear foci of calcification.\n"
     "IMPRESSION:\n1. Left optic nerve sheath meningioma.\n2. Left lacrimal gland pleomorphic "
     "adenoma.", "left optic nerve sheath calcification"),  # two lesions there: which one?
    (_SHEATH + "RIGHT ORBIT: Normal.\nIMPRESSION:\n1. Right optic nerve sheath meningioma.",
     "left orbit calcification"),  # the other side's
    (_SHEATH + "IMPRESSION:\n1. No left optic nerve sheath meningioma.",
     "left orbit calcification"),
    (_SHEATH + "IMPRESSION:\n1. Left optic nerve sheath meningioma versus glioma.",
     "left orbit calcification"),
    (_SHEATH + "IMPRESSION:\n1. Left orbit otherwise normal.", "left orbit calcification"),
]


@pytest.mark.parametrize(("text", "name"), GUARDS)
def test_guards_keep_the_place_as_the_name(text: str, name: str) -> None:
    assert lesion_line(card_detail(text, ORBITS, CT_ORBITS)) == name


def test_the_optic_nerve_sheath_and_the_orbital_apex_are_the_orbit() -> None:
    assert anatomy.find_sites("left optic nerve sheath meningioma")[0][2] == "orbit"
    assert anatomy.sites_in("reaching the orbital apex") == {"orbit"}
    assert anatomy.sites_in("left ventricular apex") != {"orbit"}


def test_a_level_or_segment_tells_lesions_apart() -> None:
    """A calcified T8-T9 disc is no T11 hemangioma (unseen25 p1); a segment 6 mineral is no
    segment 2 hemangioma's."""
    spine = ("FINDINGS:\nAt T8-T9 there is a large disc extrusion. It is dark on all sequences "
             "with blooming on gradient echo, consistent with calcification.\nT11 vertebral "
             "hemangioma.\nIMPRESSION:\nLarge T8-T9 disc herniation. T11 vertebral hemangioma.")
    assert "hemangioma" not in lesion_line(card_detail(
        spine, "MRI THORACIC SPINE WO CONTRAST", "CT THORACIC SPINE W CONTRAST"))
    liver = ("FINDINGS:\nLIVER: Segment 6 shows a peripheral area of nodular enhancement with "
             "central coarse calcification.\nIMPRESSION:\nSegment 2 hepatic hemangioma.")
    assert lesion_line(card_detail(liver, "MRI LIVER W WO", "CT ABDOMEN W CONTRAST")) == (
        "liver calcification")
