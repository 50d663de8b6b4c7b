""""Intramedullary" beside the spinal cord is the cord's, not inside a bone; a calcified disc is
named as the disc (docs/matching-policy.md P16.17-P16.19; review round 22, unseen47 p1: "C4-C5:
Left paracentral disc extrusion … consistent with a calcified disc herniation. It flattens the
left ventral cord with a small focus of intramedullary T2 hyperintensity" was named "cervical
spine bone lesion" with a bone lesion's matrix sentences)."""

from __future__ import annotations

import pytest

from cds_service.core.reading.lexicon import find_contexts
from tests.test_card_names import first_card, lesion_line, structures

CERVICAL, THORACIC = "MRI CERVICAL SPINE WO CONTRAST", "MRI THORACIC SPINE WO CONTRAST"
LUMBAR = "MRI LUMBAR SPINE WO CONTRAST"
ACDF = "ANTERIOR CERVICAL DISCECTOMY AND FUSION {}"


def _bone_words(s: str) -> list[str]:
    return [s[a:b] for a, b, cid in find_contexts(s) if cid == "bone-lesion"]


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # the bundle's own words (cervical, the cord's signal in the sentence referring back)
    ("FINDINGS:\nC4-C5: Left paracentral disc extrusion of very low signal on all sequences, "
     "with blooming on gradient-echo images, consistent with a calcified disc herniation. It "
     "flattens the left ventral cord with a small focus of intramedullary T2 hyperintensity. "
     "Moderate left foraminal stenosis.\nC5-C6: Disc osteophyte complex with mild canal "
     "narrowing.\nIMPRESSION:\n1. Calcified left paracentral C4-C5 disc herniation with cord "
     "flattening and focal cord edema.", CERVICAL, ACDF.format("C4-C5"),
     "calcified left C4-C5 disc herniation"),
    # thoracic: a calcified disc with cord signal at its level
    ("FINDINGS:\nT7-T8: Central disc extrusion measuring 8 mm, markedly hypointense with "
     "blooming, consistent with a calcified disc herniation. It indents the cord, with "
     "intramedullary T2 hyperintensity at this level.", THORACIC, "THORACIC DISCECTOMY T7-T8",
     "calcified T7-T8 disc herniation (8 mm)"),
    # the conus
    ("FINDINGS:\nT12-L1: Calcified disc herniation, 6 mm. It abuts the conus medullaris, which "
     "shows a focus of intramedullary T2 hyperintensity.", LUMBAR,
     "THORACOLUMBAR DISCECTOMY T12-L1", "calcified T12-L1 disc herniation (6 mm)"),
    # an intramedullary lesion of the cord (myelomalacia) next to the calcified disc
    ("FINDINGS:\nC5-C6: Calcified disc herniation, 7 mm. It indents the cord, with an "
     "intramedullary lesion of the cord at this level, likely myelomalacia.", CERVICAL,
     ACDF.format("C5-C6"), "calcified C5-C6 disc herniation (7 mm)"),
    # a syrinx above the disc
    ("FINDINGS:\nT6-T7: Calcified disc herniation measuring 8 mm. It compresses the cord; "
     "there is a small syrinx with intramedullary T2 hyperintensity above it.", THORACIC,
     "THORACIC DISCECTOMY T6-T7", "calcified T6-T7 disc herniation (8 mm)"),
    # the cord's signal in the disc's own sentence: the disc, never "intramedullary
    # calcification"
    ("FINDINGS:\nA calcified C5-C6 disc extrusion flattens the cord, with intramedullary T2 "
     "hyperintensity.", CERVICAL, ACDF.format("C5-C6"), "calcified C5-C6 disc herniation"),
    # OPLL with cord edema beside the calcified disc the order treats
    ("FINDINGS:\nC4-C5: Calcified left paracentral disc herniation, 6 mm.\nC3-C5: Segmental "
     "ossification of the posterior longitudinal ligament. It compresses the cord with "
     "intramedullary T2 hyperintensity.", CERVICAL, ACDF.format("C4-C5"),
     "calcified left C4-C5 disc herniation (6 mm)"),
])
def test_a_calcified_disc_beside_the_cord_s_signal_is_the_disc(text: str, title: str,
                                                               order: str, name: str) -> None:
    card = first_card(text, title, order)
    assert lesion_line(card.detail or "") == name
    assert "bone" not in (card.detail or "") and "bone" not in card.summary
    assert all("Radiographs" not in r.display for r in card.override_reasons)


def test_opll_with_cord_edema_is_no_bone_lesion() -> None:
    """OPLL stays the ligament's ossification (P16.6): the cord's edema makes it no bone
    lesion."""
    text = ("FINDINGS:\nC3-C6: Ossification of the posterior longitudinal ligament, dark on all "
            "sequences. It compresses the cord with intramedullary T2 hyperintensity in keeping "
            "with edema.")
    assert all(kind != "bone" for kind, _, _ in structures(text, CERVICAL))


@pytest.mark.parametrize("s", [
    "It flattens the left ventral cord with a small focus of intramedullary T2 hyperintensity.",
    "Intramedullary T2 hyperintensity at the C6-C7 level.",
    "The conus shows intramedullary signal change.",
    "An expansile intramedullary lesion of the cord, likely ependymoma.",
    "A small syrinx with intramedullary T2 hyperintensity above it.",
])
def test_intramedullary_of_the_cord_is_no_bone_word(s: str) -> None:
    assert _bone_words(s) == []


@pytest.mark.parametrize(("s", "words"), [
    ("A 3 cm intramedullary lesion of the proximal humerus with chondroid matrix.",
     "intramedullary"),
    ("Intramedullary lesion in the left femoral diaphysis.", "Intramedullary"),
    ("Expansile intramedullary lesion of the distal femur.", "Expansile intramedullary lesion"),
    # a bone the sentence names keeps its own words though the cord is named too
    ("A lesion of the T8 vertebral body compresses the cord, with intramedullary T2 "
     "hyperintensity.", "lesion of the T8 vertebral body"),
])
def test_intramedullary_of_a_bone_stays_a_bone_word(s: str, words: str) -> None:
    assert words in _bone_words(s)


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # guards: a real intramedullary bone lesion keeps its bone card
    ("FINDINGS:\nAt the distal femur there is an intramedullary lesion with chondroid matrix "
     "and rings-and-arcs calcification, 4 cm.", "MRI LEFT FEMUR",
     "CT guided biopsy left distal femur lesion", "lesion of the left femur (40 mm)"),
    ("FINDINGS:\nA 3 cm intramedullary lesion of the proximal humerus with chondroid matrix "
     "calcification, consistent with enchondroma.", "MRI RIGHT HUMERUS",
     "CT guided biopsy right humerus lesion", "lesion of the right humerus (30 mm)"),
    ("FINDINGS:\n4 cm intramedullary lesion with rings-and-arcs calcification.",
     "MRI RIGHT FEMUR", "CT guided biopsy right femur lesion", "right thigh bone lesion (40 mm)"),
    ("FINDINGS:\nA 2 cm lesion of the T8 vertebral body with chondroid matrix calcification "
     "compresses the cord, with intramedullary T2 hyperintensity.", THORACIC,
     "CT guided biopsy T8 vertebral body lesion", "lesion of the T8 vertebral body (20 mm)"),
])
def test_a_bone_s_intramedullary_lesion_keeps_its_bone_card(text: str, title: str, order: str,
                                                            name: str) -> None:
    card = first_card(text, title, order)
    assert lesion_line(card.detail or "") == name
    assert "bone lesion" in card.summary
