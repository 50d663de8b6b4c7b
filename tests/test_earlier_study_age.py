"""P11.112: an earlier study acknowledged on a card (P11.97) is one of the same work-up, at most a
year before the MRI. On af20e49 a radiograph of any age was quoted as showing the mineral ("The
radiograph of 2018-03-01 …, before this MRI, shows the mineralization …; this MRI suggests it is
in the right gracilis mass"), and the hedge "not stated as certain" was dropped on its word,
though a mineral seen years before says nothing of a mass the MRI finds now."""

from __future__ import annotations

import pytest

from tests.test_node_context import CALF, GRACILIS, SHOULDER, THIGH, _detail

GRACILIS_XR = "FINDINGS: Amorphous soft-tissue mineralization medial to the right proximal femur."
CALF_XR = "FINDINGS: Mineralized soft-tissue mass in the posterior calf."
THIGH_XR = "FINDINGS: Soft-tissue mass of the lateral thigh with peripheral calcification."
SHOULDER_XR = "FINDINGS: Amorphous calcification in the supraspinatus tendon."


@pytest.mark.parametrize(("mri", "prior", "hedged"), [
    (GRACILIS, (GRACILIS_XR, "XR PELVIS AP", "2018-03-01"), True),
    (GRACILIS, (GRACILIS_XR, "XR PELVIS AP", "2025-10-29"), True),
    (CALF, (CALF_XR, "XR TIBIA FIBULA LT 2 VIEWS", "2021-06-15"), True),
    (THIGH, (THIGH_XR, "XR FEMUR RT 2 VIEWS", "2024-01-20"), False),
    (SHOULDER, (SHOULDER_XR, "XR SHOULDER RT 2+ VIEWS", "2019"), True),
    (SHOULDER, (SHOULDER_XR, "XR SHOULDER RT 2+ VIEWS", "2023-05"), True),
])
def test_a_study_more_than_a_year_before_the_mri_is_not_acknowledged(
        mri: tuple[str, str, str], prior: tuple[str, str, str], hedged: bool) -> None:
    detail = _detail(*mri, prior)
    assert "before this MRI" not in detail
    assert ("not stated as certain" in detail) is hedged


@pytest.mark.parametrize(("mri", "prior"), [
    (GRACILIS, (GRACILIS_XR, "XR PELVIS AP", "2025-10-30")),
    (GRACILIS, (GRACILIS_XR, "XR PELVIS AP", "2026-04-02")),
    (CALF, (CALF_XR, "XR TIBIA FIBULA LT 2 VIEWS", "2026-10-12")),
    (SHOULDER, (SHOULDER_XR, "XR SHOULDER RT 2+ VIEWS", "2026-01-15")),
])
def test_a_study_of_the_year_before_the_mri_is_acknowledged(
        mri: tuple[str, str, str], prior: tuple[str, str, str]) -> None:
    detail = _detail(*mri, prior)
    assert f"of {prior[2]} (**{prior[1]}**), before this MRI" in detail
    assert "not stated as certain" not in detail
