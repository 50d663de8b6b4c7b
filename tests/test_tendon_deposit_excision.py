"""An excision or debridement of a tendon's, tendon sheath's, capsule's or bursa's calcified
deposit (a tophus) is surgery on it (docs/matching-policy.md P18.13): the catalogs' "excision of
lesion of tendon sheath or capsule" (CPT 25110, 26160, 27630, 28090) names a lesion, yet the
lesion it takes out is the tendon's or the joint's, not only a mass. Each card test failed on
8807314 (unseen31 first run, p2: a calcified gouty tophus of the Achilles tendon and
retrocalcaneal bursa before "EXCISION TOPHUS RT ACHILLES TENDON AND RETROCALCANEAL BURSA", CPT
27630, drew no card); the guards drew none before and draw none now."""

from __future__ import annotations

import pytest

from tests.test_order_catalog import leads

ACHILLES = ("FINDINGS: Achilles tendon and retrocalcaneal bursa: A 3.4 x 2.0 x 1.8 cm lobulated "
            "mass of intermediate-to-low T1 and T2 signal infiltrates the distal Achilles tendon "
            "fibres and fills the retrocalcaneal bursa, with foci of very low signal on all "
            "sequences consistent with calcified tophaceous deposits.\nIMPRESSION: Large "
            "calcified tophus of the right distal Achilles tendon and retrocalcaneal bursa.")
ANKLE = "MRI ANKLE RIGHT WITHOUT CONTRAST"
WRIST = ("FINDINGS: Tendons: A 2.2 cm calcified tophus within the right extensor carpi ulnaris "
         "tendon sheath at the level of the ulnar styloid.\nIMPRESSION: Calcified ECU tophus.")
FINGER = ("FINDINGS: A 14 mm calcified tophaceous deposit along the flexor tendon sheath of the "
          "left index finger at the PIP joint, eroding the middle phalanx base.")
FOOT = ("FINDINGS: Tendons: A 1.8 cm tophus with dense calcification along the right extensor "
        "hallucis longus tendon over the first metatarsal head.\nIMPRESSION: Calcified tophus "
        "of the extensor hallucis longus tendon.")

EXCISIONS = [
    (ACHILLES, "EXCISION TOPHUS RT ACHILLES TENDON AND RETROCALCANEAL BURSA", "27630", ANKLE),
    (ACHILLES, None, "27630", ANKLE),
    (ACHILLES, "DEBRIDEMENT GOUTY TOPHUS RIGHT ACHILLES TENDON", "27630", ANKLE),
    (WRIST, "EXC TENDON SHEATH LESION RT WRIST ECU TOPHUS", "25110", "MRI WRIST RIGHT"),
    (FINGER, "EXCISION TOPHUS LT INDEX FINGER FLEXOR SHEATH", "26160", "MRI FINGER LEFT"),
    (FOOT, "EXCISION TOPHUS RT EHL TENDON FIRST MTP", "28090", "MRI FOOT RIGHT"),
]


@pytest.mark.parametrize(("report", "text", "code", "title"), EXCISIONS)
def test_excising_a_tendons_calcified_deposit_draws_the_planning_card(
        report: str, text: str | None, code: str, title: str) -> None:
    assert leads(report, text, code, title=title) == ["surgical-planning"]


@pytest.mark.parametrize(("report", "text", "code", "title"), [
    # the twin: an aspiration of the bursa takes nothing out (P15.1)
    (ACHILLES, "US GUIDED ASPIRATION RT RETROCALCANEAL BURSA", "20611", ANKLE),
    # the other side (P4.3)
    (ACHILLES, "EXCISION TOPHUS LT ACHILLES TENDON", "27630", ANKLE),
    # another region: a wrist's tendon sheath lesion is not the ankle's deposit
    (ACHILLES, "EXCISION GANGLION CYST RT WRIST", "25111", ANKLE),
    (WRIST, "EXCISION TOPHUS RT ACHILLES TENDON", "27630", "MRI WRIST RIGHT"),
    # a joint's diffuse crystal deposition is no deposit the operation takes out (P18.2)
    ("FINDINGS: Chondrocalcinosis of the triangular fibrocartilage and the wrist joint "
     "capsule, in keeping with CPPD.", "EXC TENDON SHEATH LESION RT WRIST", "25110",
     "MRI WRIST RIGHT"),
])
def test_an_aspiration_another_side_or_place_or_diffuse_deposition_draw_no_planning_card(
        report: str, text: str, code: str, title: str) -> None:
    assert "surgical-planning" not in leads(report, text, code, title=title)
