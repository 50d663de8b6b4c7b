"""A metastasis's primary gives it no kind and no side (docs/matching-policy.md P2.45, after
P2.46): "pulmonary metastases from osteosarcoma of the left femur" are lung nodules, a mass in
the lung, of no side the sentence gives them; the femur and its side are the primary's. A bone
lesion the report places in the bone keeps its kind and side."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text
from tests.test_card_names import card_detail, lesion_line


def _read(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(m.kind, m.site, m.side) for m in read_text(text).mentions if m.counts]


AT_THEIR_OWN_PLACE = [
    ("Calcified pulmonary metastases from osteosarcoma of the left femur.",
     ("mass", "lung", None)),
    ("Multiple calcified pulmonary nodules, in keeping with metastases from osteosarcoma of the "
     "right tibia.", ("mass", "lung", None)),
    ("Densely calcified lung metastases from the known osteosarcoma of the left distal femur.",
     ("mass", "lung", None)),
    ("A 14 mm ossified right lower lobe metastasis from osteosarcoma of the left humerus.",
     ("mass", "lung", "right")),
    ("Calcified left adrenal metastasis from osteosarcoma of the right femur.",
     ("mass", "adrenal", "left")),
    ("Calcified hepatic metastasis from chondrosarcoma of the right iliac bone.",
     ("mass", "liver", None)),
]


@pytest.mark.parametrize(("text", "read"), AT_THEIR_OWN_PLACE)
def test_a_metastasis_takes_no_kind_or_side_from_its_primary(
        text: str, read: tuple[str, str, str | None]) -> None:
    assert _read(text) == [read]


IN_THE_BONE = [
    "Calcified osteosarcoma of the left femur with pulmonary metastases.",
    "Calcified metastasis in the left femur from breast carcinoma.",
    "Mineralized osteosarcoma of the left distal femur.",
]


@pytest.mark.parametrize("text", IN_THE_BONE)
def test_a_lesion_in_the_bone_keeps_its_kind_and_side(text: str) -> None:
    assert _read(text) == [("bone", "thigh", "left")]


def test_the_card_names_the_lung_metastasis() -> None:
    text = ("FINDINGS:\nCalcified pulmonary metastases from osteosarcoma of the left femur, the "
            "largest 14 mm in the right lower lobe.")
    assert lesion_line(card_detail(text, "MRI CHEST W WO CONTRAST", "CT CHEST W CONTRAST")) == (
        "right lower lobe metastasis (14 mm)")


# P2.47: the organ a node's tumour is named by is no station of the node ("papillary thyroid
# carcinoma with calcified cervical nodal metastases": neck nodes, not the thyroid)
NODES_OF_A_PRIMARY = [
    ("Papillary thyroid carcinoma with calcified cervical nodal metastases.", "neck", None),
    ("Papillary thyroid carcinoma with calcified level IV nodal metastases.", "neck", None),
    ("Papillary thyroid carcinoma with calcified left neck nodal metastases.", "neck", "left"),
    ("Papillary thyroid carcinoma with calcified cervical lymph nodes.", "neck", None),
    ("Known medullary thyroid carcinoma with densely calcified right cervical nodal metastases.",
     "neck", "right"),
    ("Medullary thyroid carcinoma with calcified mediastinal nodal metastases.", "mediastinum",
     None),
]


@pytest.mark.parametrize(("text", "site", "side"), NODES_OF_A_PRIMARY)
def test_the_nodes_of_a_primary_lie_at_their_own_station(
        text: str, site: str, side: str | None) -> None:
    assert _read(text) == [("node", site, side)]


KEEP_THE_ORGAN = [
    ("Calcified papillary thyroid carcinoma with cervical nodal metastases.",
     [("mass", "thyroid", None)]),
    ("Calcified node in the left parotid gland.", [("node", "parotid", "left")]),
]


@pytest.mark.parametrize(("text", "read"), KEEP_THE_ORGAN)
def test_a_primary_or_a_node_in_its_organ_keeps_the_organ(
        text: str, read: list[tuple[str, str, str | None]]) -> None:
    assert _read(text) == read


def test_the_card_names_the_neck_node() -> None:
    text = "FINDINGS:\nPapillary thyroid carcinoma with calcified cervical nodal metastases."
    assert lesion_line(card_detail(text, "MRI NECK W WO CONTRAST",
                                   "CT SOFT TISSUE NECK W CONTRAST")) == "cervical lymph node"
