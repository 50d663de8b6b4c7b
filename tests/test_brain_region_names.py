"""A brain mass is named by the lobe, nucleus or part the report names it by, never "brain
mass" (docs/matching-policy.md P11.88; review round 19, unseen43 m1, t1: N-brain-lobe-dropped)."""

from __future__ import annotations

import pytest

from tests.test_card_names import first_card, lesion_line

BRAIN = "MRI BRAIN WWO CONTRAST"
STEREO = "STEREOTACTIC BIOPSY BRAIN LESION"


@pytest.mark.parametrize(("text", "order", "name"), [
    # unseen43 m1: the Impression names it by its nucleus and the septum; the Findings give size
    ("FINDINGS:\nBRAIN: A 3.3 x 2.8 x 2.6 cm infiltrative mass centred in the left caudate head "
     "extends into the anterior limb of the left internal capsule. Within the mass are several "
     "foci of blooming on SWI, possibly calcification.\nIMPRESSION:\n1. Infiltrative left caudate "
     "and septal mass, high-grade glioma favoured over lymphoma; possible calcification within it.",
     STEREO, "left caudate and septal mass (33 mm)"),
    # unseen43 t1: "right frontal" before the lesion word, adjectives between
    ("FINDINGS: A 3.8 cm right frontal solid-cystic mass with rim calcification.", STEREO,
     "right frontal mass (38 mm)"),
    ("FINDINGS: A 2.9 cm left temporal enhancing mass with coarse calcification.", STEREO,
     "left temporal mass (29 mm)"),
    ("FINDINGS: A 2.6 cm calcified left parieto-occipital mass abuts the atrium.", STEREO,
     "left parieto-occipital mass (26 mm)"),
    ("FINDINGS: A 2.1 cm calcified mass centred in the right thalamus.", STEREO,
     "right thalamus mass (21 mm)"),
    ("FINDINGS: A 1.8 cm mass within the left caudate head with calcification.",
     "CT HEAD WITH CONTRAST", "left caudate head mass (18 mm)"),
    ("FINDINGS: A 4.2 cm calcified right frontotemporal mass.", STEREO,
     "right frontotemporal mass (42 mm)"),
    # guards: a place the anatomy table names keeps its name; no region: the organ
    ("FINDINGS: A 2.9 cm calcified mass in the right parietal lobe.", STEREO,
     "right parietal lobe mass (29 mm)"),
    ("FINDINGS: A 2.4 cm calcified mass in the pineal region compresses the tectal plate.",
     STEREO, "pineal region mass (24 mm)"),
    ("FINDINGS: A 2.2 cm calcified right brain mass.", STEREO, "right brain mass (22 mm)"),
])
def test_a_brain_mass_is_named_by_its_lobe_or_part(text: str, order: str, name: str) -> None:
    assert lesion_line(first_card(text, BRAIN, order).detail) == name


def test_a_region_the_mass_only_effaces_is_no_name_of_it() -> None:
    text = "FINDINGS: A 2.2 cm calcified mass, with effacement of the left frontal sulci."
    assert "frontal" not in lesion_line(first_card(text, BRAIN, STEREO).detail)


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # guards outside the brain: a scalp, a forearm, a sinus keep their names
    ("FINDINGS: A 3 cm calcified mass in the left frontal scalp.", BRAIN,
     "EXCISION SCALP MASS LEFT", "left frontal scalp mass (30 mm)"),
    ("FINDINGS: 3 cm left forearm soft tissue mass with internal calcification.",
     "MRI LEFT FOREARM", "Core needle biopsy left forearm mass", "left forearm mass (30 mm)"),
])
def test_a_mass_outside_the_brain_keeps_its_place(text: str, title: str, order: str,
                                                  name: str) -> None:
    assert lesion_line(first_card(text, title, order).detail) == name
