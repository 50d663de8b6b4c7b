"""Issue 17, unseen50 first run, g1 (P2.48): an enhancement phase is no place. "A 74 mm
lobulated mass in segments 7 and 8 … with heterogeneous arterial enhancement and a central …
scar containing coarse calcification" was named "arterial mass (74 mm)": the word "arterial" of
the enhancement pattern was read as the site `vessels`. "Arterial enhancement", "arterial
hyperenhancement", "venous washout", "portal venous images", "early arterial filling" say when the
lesion enhances, not where it lies: a radiologist writes "liver mass (74 mm)". Guards: a vessel
named as a place ("encasing the superficial femoral artery"), vascular calcification and a
venous malformation stay as they were. The variants failed on main af20e49."""

from __future__ import annotations

import pytest

from cds_service.core import anatomy
from tests.test_card_names import card_detail, lesion_line

LIVER = "MRI LIVER WITHOUT AND WITH CONTRAST"
ABDOMEN = "MRI ABDOMEN W WO CONTRAST"
BIOPSY = "US Guided Biopsy Liver"
CT = "CT A/P W CONTRAST"

VARIANTS = [
    ("FINDINGS:\nLIVER: A 74 mm lobulated mass in segments 7 and 8, mildly T2 hyperintense, with "
     "heterogeneous arterial enhancement and a central T2 hypointense stellate scar containing "
     "coarse calcification seen as signal void on all sequences. No capsule.", LIVER, BIOPSY,
     "liver mass (74 mm)"),
    ("FINDINGS:\nA 4.1 cm mass in the right hepatic lobe shows avid arterial hyperenhancement "
     "and venous washout and contains a focus of coarse calcification.", ABDOMEN, CT,
     "right hepatic mass (41 mm)"),
    ("FINDINGS:\nLiver: A 3.2 cm lesion in segment 4 with arterial-phase hyperenhancement, "
     "washout on the portal venous images and punctate calcification.", ABDOMEN, BIOPSY,
     "liver lesion (32 mm)"),
    ("FINDINGS:\nPancreas: A 2.6 cm mass in the pancreatic tail with early arterial enhancement "
     "contains coarse calcification.", ABDOMEN, CT, "pancreatic tail mass (26 mm)"),
    ("FINDINGS:\nA 3.8 cm mass in the left kidney with heterogeneous arterial enhancement and "
     "venous wash-out contains dense calcification.", "MRI ABDOMEN", CT,
     "left renal mass (38 mm)"),
    ("FINDINGS:\nLiver: A 5 cm lesion with late arterial enhancing rim and central calcification."
     , LIVER, BIOPSY, "liver lesion (50 mm)"),
]


@pytest.mark.parametrize(("text", "title", "order", "name"), VARIANTS)
def test_an_enhancement_phase_names_no_place(text: str, title: str, order: str,
                                             name: str) -> None:
    assert lesion_line(card_detail(text, title, order)) == name


GUARDS = [
    ("FINDINGS:\nA 4.2 cm mass in the left thigh encasing the superficial femoral artery "
     "contains chunky calcification.", "MRI THIGH LEFT W WO", "US GUIDED CORE BX LT THIGH MASS",
     "left thigh mass (42 mm)"),
    ("FINDINGS:\nLiver: A 2.4 cm lesion in segment 6 contains coarse calcification.", ABDOMEN,
     BIOPSY, "liver lesion (24 mm)"),
]


@pytest.mark.parametrize(("text", "title", "order", "name"), GUARDS)
def test_guards_keep_the_places_named(text: str, title: str, order: str, name: str) -> None:
    assert lesion_line(card_detail(text, title, order)) == name


def test_the_phase_words_hide_only_the_vessel_word() -> None:
    assert anatomy.sites_in("heterogeneous arterial enhancement") == set()
    assert anatomy.sites_in("arterial hyperenhancement and venous washout") == set()
    assert anatomy.sites_in("washout on the portal venous images") == set()
    assert anatomy.sites_in("no early arterial filling") == set()
    # a vessel named as a vessel stays the vessels
    assert anatomy.sites_in("calcified plaque of the superficial femoral artery") == {"vessels"}
    assert anatomy.sites_in("arterial wall calcification") == {"vessels"}
    assert anatomy.sites_in("portal venous thrombosis") == {"vessels"}
    assert anatomy.sites_in("venous malformation of the liver") == {"liver"}
