"""A structure at a place on the midline takes no side from its line, an earlier sentence or
the history; it keeps a side only when its own clause states one (docs/matching-policy.md
P2.43)."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text


def structures(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(s.kind, s.site, s.side) for s in read_text(text).structures]


@pytest.mark.parametrize(("text", "site"), [
    ("EXAM: MRI Chest\nHISTORY: Right lower lobe mass; staging before EBUS.\nFINDINGS:\n"
     "A 19 mm subcarinal lymph node contains a central focus of calcification.", "mediastinum"),
    ("EXAM: CT Chest with contrast\nHISTORY: Left upper lobe nodule, staging.\nFINDINGS:\n"
     "A 15 mm precarinal lymph node with coarse calcification.", "mediastinum"),
    ("EXAM: MRI Chest\nHISTORY: Right breast mass.\nFINDINGS:\n"
     "Calcified pretracheal lymph node, 12 mm.", "mediastinum"),
    ("EXAM: CT Chest\nHISTORY: Right breast mass.\nFINDINGS:\n"
     "A 2 cm lytic lesion of the sternum with chondroid matrix calcification.", "chest-wall"),
    ("EXAM: CT Chest\nHISTORY: Left breast mass, new chest wall pain.\nFINDINGS:\n"
     "Expansile lesion of the manubrium with internal calcification, 3 cm.", "chest-wall"),
    ("EXAM: CT Chest\nHISTORY: Left lower lobe mass.\nIMPRESSION: Calcified subcarinal node, "
     "sarcoid sequela versus nodal disease.", "mediastinum"),
])
def test_a_midline_place_takes_no_side_from_the_history(text: str, site: str) -> None:
    """The subcarinal, precarinal and pretracheal stations and the sternum are midline: the
    history's "right lower lobe mass" gives the node no side ("right subcarinal" is no station,
    P2.43)."""
    found = structures(text)
    assert found[-1][1:] == (site, None)


@pytest.mark.parametrize(("text", "site", "side"), [
    ("EXAM: CT Chest\nHISTORY: Right lower lobe mass.\nFINDINGS:\n"
     "A 19 mm right paratracheal lymph node contains calcification.", "mediastinum", "right"),
    ("EXAM: CT Chest\nHISTORY: Left lower lobe mass.\nFINDINGS:\n"
     "A 14 mm right hilar lymph node with coarse calcification.", "chest", "right"),
    ("EXAM: CT Chest\nHISTORY: Right lower lobe mass.\nFINDINGS:\n"
     "A 19 mm paratracheal lymph node contains calcification.", "mediastinum", "right"),
    ("EXAM: CT Chest\nHISTORY: Right breast mass.\nFINDINGS:\n"
     "A 2 cm lesion of the left sternal body with chondroid matrix calcification.",
     "chest-wall", "left"),
    ("EXAM: CT Chest\nHISTORY: Right breast mass.\nFINDINGS:\n"
     "A calcified mass of the right pectoralis major, 3 cm.", "chest-wall", "right"),
])
def test_a_paired_place_or_a_stated_side_keeps_its_side(text: str, site: str, side: str) -> None:
    """Guards: a station of one side (paratracheal, hilar) keeps the side its clause states or
    its line carries; a midline place keeps a side its own clause states (P2.43, P2.2)."""
    found = structures(text)
    assert found[-1][1:] == (site, side)
