"""A bare thoracic level from T5 to T12 names the thoracic spine, as a bare lumbar or cervical
level names its spine (docs/matching-policy.md P2.38; reading inbox 5: "Mineralized T9 lesion" had
no site). T1 and T2 are MRI sequences ("T2 hyperintense") and T1 to T4 tumour stages ("T3 rectal
cancer"): those stay no place unless a vertebra is named ("T2 vertebral body")."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text


def sites(text: str) -> list[str | None]:
    return [m.site for m in read_text(text).mentions]


@pytest.mark.parametrize("text", [
    "FINDINGS: Mineralized T9 lesion with a sclerotic rim.",
    "FINDINGS: Calcified T11 lesion, likely a bone island.",
    "FINDINGS: A densely calcified focus at T7.",
    "FINDINGS: Partially mineralized lesion at T10 extending into the right pedicle.",
    "FINDINGS: T12 hemangioma with coarse calcification.",
    "FINDINGS: Calcified disc extrusion at T8 indenting the ventral cord.",
])
def test_a_bare_thoracic_level_is_the_thoracic_spine(text: str) -> None:
    assert sites(text) == ["thoracic-spine"]


@pytest.mark.parametrize(("text", "site"), [
    # guards: sequences and stages are no level; named vertebrae and other levels keep theirs
    ("FINDINGS: T2 hyperintense mass with calcification in the right thigh.", "thigh"),
    ("FINDINGS: T3 rectal cancer with internal calcification.", "rectum"),
    ("FINDINGS: Calcified lesion of the T2 vertebral body.", "thoracic-spine"),
    ("FINDINGS: Calcified L2 lesion.", "lumbar-spine"),
])
def test_sequences_and_stages_are_no_level(text: str, site: str) -> None:
    assert sites(text) == [site]
