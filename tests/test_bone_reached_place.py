"""A bone lesion lies where its bone is: the place it only reaches ("centred in the T9 vertebral
body extends into the right lung") is none of its own (docs/matching-policy.md P16.15, P16.12,
P16.13). Each variant placed the bone lesion in the reached lung, pleura, psoas, iliacus or
rotator cuff on 3c4b806, so a lung biopsy drew bone-lesion-biopsy and the vertebral biopsy none."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text
from tests.test_order_catalog import leads

T9 = ("FINDINGS: A 4.2 cm lesion centred in the T9 vertebral body extends into the right lung, "
      "with chondroid matrix mineralization. IMPRESSION: Mineralized T9 vertebral body lesion.")

REACHED = [
    (T9, "thoracic-spine"),
    ("FINDINGS: An expansile lesion centred in the right sixth rib extends into the adjacent "
     "right lung and contains rings and arcs of chondroid calcification.", "chest-wall"),
    ("FINDINGS: A 6 cm lesion expands the left iliac wing and extends into the left iliacus, "
     "with chondroid matrix mineralization.", "pelvis"),
    ("FINDINGS: A lesion arising from the left scapular body extends into the subscapularis and "
     "contains punctate calcification.", "shoulder"),
    ("FINDINGS: A 3 cm lesion centred in the L2 vertebral body extends into the left psoas, with "
     "dense matrix mineralization.", "lumbar-spine"),
    ("FINDINGS: A 4 cm lesion replaces the marrow of the T7 vertebral body and extends into the "
     "right pleural space, with calcified matrix.", "thoracic-spine"),
]


@pytest.mark.parametrize(("text", "site"), REACHED)
def test_a_bone_lesion_is_placed_at_its_bone_not_where_it_reaches(text: str, site: str) -> None:
    bones = [s.site for s in read_text(text).structures if s.kind == "bone"]
    assert bones and set(bones) == {site}


@pytest.mark.parametrize(("text", "site"), [
    # no place reached: unchanged
    ("FINDINGS: A 4.2 cm lesion centred in the T9 vertebral body with chondroid matrix "
     "mineralization.", "thoracic-spine"),
    ("FINDINGS: A 5 cm lesion centred in the S2 sacral segment extends into the presacral space "
     "and contains coarse calcified matrix.", "pelvis"),
    ("FINDINGS: A lesion of the right proximal humeral metaphysis extends into the deltoid and "
     "contains chondroid matrix mineralization.", "arm"),
])
def test_guards_bone(text: str, site: str) -> None:
    assert {s.site for s in read_text(text).structures if s.kind == "bone"} == {site}


def test_a_lung_mass_reaching_a_vertebra_stays_the_lungs() -> None:
    found = read_text("FINDINGS: A 3 cm right lower lobe mass extends into the T9 vertebral body "
                      "and contains calcification.").structures
    assert [(s.kind, s.site) for s in found] == [("mass", "lung")]


@pytest.mark.parametrize(("order", "want"), [
    ("CT GUIDED BX T9 VERTEBRAL BODY LESION", ["bone-lesion-biopsy"]),
    ("CT GUIDED BX RIGHT LUNG MASS", []),
])
def test_the_biopsy_of_the_vertebra_not_of_the_lung_draws_the_bone_card(
        order: str, want: list[str]) -> None:
    assert leads(T9, order, title="MRI THORACIC SPINE") == want
