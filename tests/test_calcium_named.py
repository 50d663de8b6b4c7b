"""One definition of 'the sentence names calcium' (P7.4d): a blood diagnosis explains a sign only
where no calcium, mineral or ossification word stands beside it, in every reader that asks."""

from __future__ import annotations

import pytest

from cds_service.core.reading.assertion import diagnoses_blood, names_calcium
from cds_service.core.reading.removed import explained

CALCIUM_BESIDE_BLOOD = [
    "A mineralized cavernoma in the left frontal lobe.",
    "Left frontal cavernoma with mineralization.",
    "A mineralised cavernous malformation in the pons.",
    "Ossified chronic hematoma of the right thigh.",
    "Cavernous angioma with ossific foci in the right temporal lobe.",
    "Mineralizing hemorrhagic metastasis in the right parietal lobe.",
    "Calcified cavernoma of the left cerebellar hemisphere.",
]
BLOOD_ONLY = [
    "A cavernous malformation in the left frontal lobe.",
    "Hemorrhagic metastasis in the right parietal lobe.",
    "Chronic hematoma of the right thigh.",
    "Cavernoma with a rim of hemosiderin in the pons.",
]


@pytest.mark.parametrize("s", CALCIUM_BESIDE_BLOOD)
def test_a_calcium_word_beside_the_blood_lesion_leaves_the_sign_open(s: str) -> None:
    assert names_calcium(s)
    assert not diagnoses_blood(s)


@pytest.mark.parametrize("s", BLOOD_ONLY)
def test_a_blood_lesion_without_calcium_explains_its_signs(s: str) -> None:
    assert not names_calcium(s)
    assert diagnoses_blood(s)


@pytest.mark.parametrize("s", [
    "The blooming foci in the pons reflect hemosiderin within a mineralized cavernoma.",
    "Blooming foci in the left frontal lobe, consistent with hemosiderin and ossific debris.",
    "The previously described blooming foci represent blood products and mineralization.",
])
def test_the_newer_reports_explanation_reads_the_same_calcium_words(s: str) -> None:
    assert names_calcium(s)
    assert explained([s], "brain", None) == frozenset()


@pytest.mark.parametrize("s", [
    "Blooming foci in keeping with hemosiderin within a mineralized cavernoma.",
    "Susceptibility from blood products and ossified debris in the hematoma.",
    "Signal voids from hemosiderin and mineralization in the pons.",
])
def test_a_cause_beside_a_calcium_word_is_not_another_cause(s: str) -> None:
    from cds_service.core.reading.mentions import other_cause
    assert not other_cause(s)
