"""A spinal mass keeps the level the report names it at: its line's label, "at the T7 level" or
the foramen it lies in (docs/matching-policy.md P11.89; review rounds 18-19, unseen42 g1 and
unseen43 o2: N-level-missing)."""

from __future__ import annotations

import pytest

from tests.test_card_names import first_card, lesion_line

C, T, L = ("MRI CERVICAL SPINE WWO CONTRAST", "MRI THORACIC SPINE WWO CONTRAST",
           "MRI LUMBAR SPINE WWO CONTRAST")
CT_C, CT_T = "CT CERVICAL SPINE WITH CONTRAST", "CT THORACIC SPINE WITH CONTRAST"


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # unseen43 o2: the line's label and the foramen; the calcification cited from a radiograph
    ("COMPARISON: Cervical spine radiographs 2026-10-02.\nFINDINGS:\nRIGHT C5-C6 FORAMEN: A 3.1 x "
     "1.8 x 1.6 cm dumbbell-shaped extradural mass extends from the right lateral epidural space "
     "through a smoothly expanded right C5-C6 neural foramen into the right paravertebral soft "
     "tissues. It enhances heterogeneously. The cervical spine radiographs of 2026-10-02 showed "
     "a cluster of punctate calcifications at the widened right C5-C6 foramen, at the site of "
     "this mass.\nIMPRESSION:\n1. 3.1 cm dumbbell right C5-C6 extradural and foraminal mass, "
     "most consistent with a schwannoma.", C,
     "Laminectomy Excision Extradural Tumor Cervical C5-C6 Right",
     "right C5-C6 foraminal mass (31 mm)"),
    ("FINDINGS: A 2.4 cm enhancing mass expands the left L4-L5 neural foramen and contains "
     "punctate calcification.", L, "LAMINECTOMY EXCISION TUMOR LUMBAR L4-L5 LEFT",
     "left L4-L5 foraminal mass (24 mm)"),
    ("FINDINGS: A 2.2 cm dumbbell mass extends through the right T10-T11 foramen and contains "
     "coarse calcification.", T, "LAMINECTOMY EXCISION TUMOR THORACIC T10-T11 RIGHT",
     "right T10-T11 foraminal mass (22 mm)"),
    # unseen42 g1's class: "at the T7 level", and a line labelled T7, for a compartment's mass
    ("FINDINGS: At the T7 level, dorsal to the cord, a 1.9 cm intradural extramedullary mass "
     "with dense calcification displaces the cord.", T, CT_T,
     "intradural extramedullary mass at T7 (19 mm)"),
    ("FINDINGS:\nT7: A 1.9 cm dorsal intradural extramedullary mass with dense calcification "
     "displaces the cord.", T, CT_T, "intradural extramedullary mass at T7 (19 mm)"),
    ("FINDINGS:\nT7: A 1.9 cm calcified mass lies dorsal to the cord.", T, CT_T,
     "thoracic spine mass at T7 (19 mm)"),
    # guards: a level already joined to the lesion; two levels named: none; a disc's herniation
    ("FINDINGS: Left L4-L5 juxtafacet synovial cyst, 12 mm, with calcified wall.", L,
     "LUMBAR LAMINECTOMY L4-L5 LEFT", "left juxtafacet synovial cyst at L4-L5 (12 mm)"),
    ("FINDINGS: A 3 cm calcified epidural mass at T6 compresses the cord.", T, CT_T,
     "epidural mass at T6 (30 mm)"),
    ("FINDINGS:\nC5-C6: A 2.0 cm calcified mass abuts the widened right C6-C7 neural foramen.", C,
     CT_C, "cervical spine mass (20 mm)"),
    ("FINDINGS:\nL4-L5: Right foraminal disc extrusion, 8 mm, with low signal on all sequences "
     "and blooming on GRE, likely calcified.", L, "LUMBAR MICRODISCECTOMY L4-L5 RIGHT",
     "calcified right L4-L5 disc herniation (8 mm)"),
])
def test_a_spinal_mass_keeps_the_level_the_report_names(text: str, title: str, order: str,
                                                        name: str) -> None:
    assert lesion_line(first_card(text, title, order).detail) == name
