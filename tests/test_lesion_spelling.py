"""P4.9e: a lesion word in British spelling names the same lesion (unseen23 b2)."""
from __future__ import annotations

import pytest

from tests.test_order_catalog import leads


@pytest.mark.parametrize(("report", "title", "order", "reason"), [
    ("FINDINGS: A 4.1 cm lobulated lesion lies within the flexor digitorum superficialis "
     "muscle belly, in keeping with an intramuscular haemangioma. Several foci of blooming on "
     "the gradient-echo images lie within its dependent part, typical of phleboliths.\n"
     "IMPRESSION: 4.1 cm intramuscular haemangioma of the right flexor digitorum "
     "superficialis, with blooming foci typical of phleboliths.", "MRI RIGHT FOREARM",
     "MRI R FOREARM W+WO CONTRAST",
     "Characterisation of intramuscular forearm lesion ? haemangioma vs sarcoma"),
    ("IMPRESSION: Intramuscular haemangioma of the left vastus lateralis containing "
     "phleboliths.", "MRI LEFT THIGH", "MRI LEFT THIGH WITHOUT AND WITH CONTRAST",
     "Further evaluation of thigh lesion"),
    ("FINDINGS: Right gastrocnemius: a 5 cm intramuscular haemangioma with calcified "
     "phleboliths.", "MRI RIGHT LEG", "MRI RIGHT TIBIA AND FIBULA W WO CONTRAST",
     "characterise calf mass"),
    ("IMPRESSION: Intramuscular haemangiomas of the left gluteus maximus, with coarse "
     "calcification.", "MRI PELVIS", "MRI PELVIS W WO CONTRAST",
     "Characterization of buttock lesion; ? sarcoma"),
    ("IMPRESSION: 3 cm intramuscular haemangioma of the right brachialis, with phleboliths.",
     "MRI RIGHT ARM",
     "MRI RIGHT HUMERUS W AND WO CONTRAST", "Further characterisation of arm mass"),
])
def test_a_british_haemangioma_is_a_deep_soft_tissue_mass(report: str, title: str,
                                                            order: str, reason: str) -> None:
    assert leads(report, order, title=title, reasonCode=[{"text": reason}]) == [
        "deep-soft-tissue-mass"]


def test_haemosiderin_blooming_in_a_haemangioma_stays_silent() -> None:
    report = ("FINDINGS: An intramuscular haemangioma of the flexor digitorum superficialis. "
              "Several foci of blooming lie within its dependent part, in keeping with "
              "haemosiderin from prior haemorrhage; no phleboliths or calcification.")
    assert leads(report, "MRI R FOREARM W+WO CONTRAST", title="MRI RIGHT FOREARM",
                 reasonCode=[{"text": "Characterisation of forearm lesion"}]) == []
