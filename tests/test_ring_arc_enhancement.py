"""P7.14 (unseen52 first run, k1 twin; unseen49 report 015): "ring-and-arc enhancement" is the
contrast pattern of a cartilage tumour's septa, not its matrix: no calcification statement, so a
bone lesion whose only mineral is one a radiograph showed is no MRI mention. Kept: rings and arcs
of low signal, ring-and-arc calcifications, chondroid matrix beside the enhancement."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text

LESION = "FINDINGS: A 4 cm lobulated intramedullary lesion of the distal right femur"


@pytest.mark.parametrize("tail", [
    ", T2 hyperintense with ring-and-arc enhancement.",
    " with ring and arc enhancement and endosteal scalloping.",
    " with rings and arcs of enhancement after contrast.",
    " that enhances in a ring-and-arc pattern.",
    " with a ring-and-arc pattern of septal enhancement.",
    ", with rings-and-arcs enhancement.",
])
def test_ring_and_arc_enhancement_is_no_mineral(tail: str) -> None:
    assert read_text(LESION + tail).mentions == ()


@pytest.mark.parametrize(("tail", "assertion"), [
    (" with rings and arcs of low signal and septal enhancement.", "possible"),
    (" with ring-and-arc chondroid matrix and ring-and-arc enhancement.", "possible"),
    (" with ring-and-arc calcifications and ring-and-arc enhancement.", "affirmed"),
    (" with chondroid rings-and-arcs matrix.", "possible"),
])
def test_the_matrix_beside_the_enhancement_stays(tail: str, assertion: str) -> None:
    mentions = read_text(LESION + tail).mentions
    assert mentions and assertion in {m.assertion for m in mentions}
