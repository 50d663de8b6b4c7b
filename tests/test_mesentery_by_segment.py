"""Issue 17, unseen32 t2 (P14.23): a mass "in the jejunal mesentery" is the mesentery's, not the
jejunum's: the bowel segment names which mesentery (its parent place word), so a newer report's
"resection of the mesenteric tumour, no residual or recurrent mesenteric mass" reaches the older
report's "3.6 cm mass in the jejunal mesentery" (P14.16): no contrast-CT card. A mass of the
bowel itself ("jejunal mass", "mass in the ileum") stays the bowel's. Written before the engine
change: the variants failed on main 8807314."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text
from tests.test_reading_time import _cards, _report

MESENTERY = [
    "The 3.6 cm mass in the jejunal mesentery is markedly T2 hypointense with coarse central "
    "calcification.",
    "A 3 cm calcified mass in the ileal mesentery.",
    "A 2.8 cm jejunal mesenteric mass with dense calcification.",
    "A 4 cm mass within the mesentery of the jejunum contains coarse calcification.",
    "Calcified soft tissue mass in the mesentery of the ileum, 3.2 cm.",
    "Coarsely calcified 3 cm ileal mesenteric mass.",
]
BOWEL = [
    "A 3 cm calcified jejunal mass.",
    "A calcified mass in the terminal ileum, 2.5 cm.",
]


@pytest.mark.parametrize("text", MESENTERY)
def test_a_mass_in_a_segments_mesentery_is_the_mesenterys(text: str) -> None:
    found = read_text(f"FINDINGS:\n{text}\n")
    assert {s.site for s in found.structures if s.kind == "mass"} == {"mesentery"}


@pytest.mark.parametrize("text", BOWEL)
def test_a_mass_of_the_bowel_itself_stays_the_bowels(text: str) -> None:
    found = read_text(f"FINDINGS:\n{text}\n")
    assert {s.site for s in found.structures if s.kind == "mass"} == {"small-bowel"}


TITLE = "MRI ABDOMEN AND PELVIS WITHOUT AND WITH CONTRAST"
NOW = ("EXAM: " + TITLE + "\nFINDINGS:\nMesentery: Postsurgical changes of segmental jejunal "
       "resection with excision of the mesenteric tumour in April 2026. {}\n"
       "IMPRESSION:\n1. Status post resection of the mesenteric calcifying fibrous tumour; {}\n")


@pytest.mark.parametrize("old", MESENTERY[:4])
def test_a_resected_mesenteric_tumour_reaches_the_older_segments_mesentery_mass(
        old: str) -> None:
    before = _report("mr0", "2025-11-03", TITLE, f"EXAM: {TITLE}\nFINDINGS: {old}\n"
                     "IMPRESSION: Stable calcified mass.\n")
    after = _report("mr1", "2026-11-05", TITLE, NOW.format(
        "No residual or recurrent mesenteric mass.", "no evidence of residual or recurrent "
        "disease."))
    assert _cards("CT A/P W CONT", None, after, before) == []
