"""A hedged appositive goes on into what it is "in keeping with" (P8.16; unseen21-031):
"…, likely calcium hydroxyapatite crystal aggregates, in keeping with hydroxyapatite crystal
arthropathy" is possible throughout, not affirmed after the second comma."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text

HEDGED = [
    "Innumerable small low-signal particles on all sequences, likely calcium hydroxyapatite "
    "crystal aggregates, in keeping with hydroxyapatite crystal arthropathy (Milwaukee shoulder).",
    "Low-signal foci in the subacromial bursa, probably calcific debris, consistent with calcific "
    "bursitis.",
    "Dark foci in the supraspinatus tendon, possibly calcium deposits, compatible with calcific "
    "tendinosis.",
    "Amorphous foci at the supraspinatus footprint, most likely small deposits, in keeping with "
    "calcific tendinitis.",
    "A focus of low signal in the infraspinatus, presumably a calcium deposit, representing "
    "calcific tendinopathy.",
    "Clustered dark foci in the joint, suspected crystal aggregates, and consistent with "
    "calcium pyrophosphate deposition.",
]
STATED = [
    "Innumerable small low-signal particles, in keeping with calcium hydroxyapatite crystal "
    "deposition.",
    "Coarse calcification in the mass, likely dystrophic, in keeping with a chronic hematoma.",
    "The mass is likely a lipoma, and there is coarse calcification consistent with fat necrosis.",
    "A 2 cm mass, likely a schwannoma. Coarse calcification, in keeping with an ancient "
    "schwannoma.",
]


def _read(s: str) -> str:
    return read_text(f"EXAM: MRI RIGHT SHOULDER\nFINDINGS:\n{s}\n").calcification


@pytest.mark.parametrize("s", HEDGED)
def test_what_a_hedged_appositive_is_in_keeping_with_is_possible(s: str) -> None:
    assert _read(s) == "possible"


@pytest.mark.parametrize("s", STATED)
def test_a_stated_finding_stays_present(s: str) -> None:
    assert _read(s) == "present"
