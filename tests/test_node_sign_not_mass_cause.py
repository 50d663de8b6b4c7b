"""A cause a sentence about a mass gives its sign (a biopsy clip, hardware) is not the cause of a
node's sign elsewhere in the region (P7.4e; unseen20 m1: an internal mammary node's mixed signal
and patchy signal loss beside a breast mass's clip artifact)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cds_service.core.reading import read_text

M1 = next(json.loads(line)["text"] for line in Path(
    "tests/eval/unseen20/reports.jsonl").read_text().splitlines()
    if json.loads(line)["id"] == "unseen20-031")

NODE_BESIDE = [
    M1,
    "EXAM: MRI BREAST\nFINDINGS:\nRight breast: A 2 cm mass containing susceptibility artifact "
    "from the biopsy clip.\nAxillae: A 14 mm right level II axillary node shows patchy internal "
    "signal loss.\n",
    "EXAM: MRI PELVIS RECTAL CANCER PROTOCOL\nFINDINGS:\nRectum: A low rectal tumour with "
    "susceptibility artifact from the endoscopic clip.\nMesorectum: A 6 mm mesorectal node shows "
    "mixed signal intensity.\n",
    "EXAM: MRI NECK\nFINDINGS:\nThyroid: A 2 cm left thyroid mass with blooming from the biopsy "
    "marker clip.\nNodes: A 10 mm left level IV node shows patchy internal signal loss.\n",
    "EXAM: MRI BREAST\nFINDINGS:\nLeft breast: A 15 mm mass at 2 o'clock with susceptibility "
    "artifact from the biopsy clip.\nInternal mammary: A 7 mm left internal mammary node with "
    "patchy internal signal loss.\n",
    "EXAM: MRI PROSTATE\nFINDINGS:\nProstate: A 2 cm left peripheral zone lesion with "
    "susceptibility artifact from the fiducial clips.\nNodes: A 9 mm left obturator node shows "
    "mixed signal intensity.\n",
]
NODE_EXPLAINED = [  # the mass's own sign is still explained by its clip
    "EXAM: MRI BREAST\nFINDINGS:\nRight breast: A 2 cm mass shows internal signal voids. The mass "
    "contains susceptibility artifact from the biopsy clip.\n",
]


@pytest.mark.parametrize("text", NODE_BESIDE)
def test_the_nodes_sign_stays_possible(text: str) -> None:
    found = read_text(text)
    assert found.calcification == "possible"
    assert any(m.kind == "node" and m.counts for m in found.mentions)


@pytest.mark.parametrize("text", NODE_EXPLAINED)
def test_the_mass_sign_its_clip_explains_stays_explained(text: str) -> None:
    assert not any(m.counts for m in read_text(text).mentions)
