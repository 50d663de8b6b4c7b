"""P1.7: an order naming a muscle whose belly lies at two sites reaches both, from the one
anatomy table's ``spans`` (as a report does, P1.4): "BX RT DELTOID MASS" is about a mass of the
lateral shoulder, "EXCISION MASS LT FCU" one of the ulnar forearm, "CT GUIDED CORE BX LT GLUTEUS
MEDIUS MASS" one of the buttock, "BX RT TRAPEZIUS" one of the posterior neck (P18.16, which
order_text.py once hard-coded). Only for a soft-tissue mass there that its description puts in
no other muscle: never another muscle's mass (a levator scapulae mass beside the trapezius, a
teres minor mass under the deltoid), a joint's, a tendon's or a bone's lesion (P15.9, P1.8)."""

from __future__ import annotations

import pytest

from cds_service.core import anatomy
from cds_service.core.order_text import text_anatomy
from cds_service.core.reading import read_text
from tests.test_cited_at_lesion_site import _cards, report
from tests.test_order_catalog import leads, read

SHOULDER = ("FINDINGS: A 4.6 cm intramuscular mass in the lateral right shoulder soft tissues "
            "contains coarse calcification, dark on all sequences.")
SHOULDER_BACK = ("FINDINGS: There is a 5.0 x 3.1 x 2.2 cm heterogeneous mass in the posterior "
                 "soft tissues of the right shoulder. It contains punctate calcifications.")
FOREARM = ("FINDINGS: A 3.8 cm intramuscular mass in the ulnar aspect of the left forearm contains "
           "punctate calcification.")
FOREARM_VOLAR = ("IMPRESSION: Calcified 3 cm soft-tissue mass of the volar left forearm, "
                 "indeterminate; biopsy suggested.")
BUTTOCK = ("FINDINGS: A 5.5 cm intramuscular mass of the left buttock contains coarse "
           "calcification.")
GLUTEAL = ("FINDINGS: A 6.2 cm heterogeneous deep soft-tissue mass in the left gluteal region "
           "with scattered foci of calcification.")

# each differs from the old order reader, which read "deltoid" as the arm only, "flexor carpi
# ulnaris" as the wrist, "gluteus medius/minimus" as the hip
VARIANTS = [
    ("deltoid-biopsy", SHOULDER, "BX RT DELTOID MASS", ["deep-soft-tissue-mass"]),
    ("deltoid-us-biopsy", SHOULDER_BACK, "US GUIDED CORE BX RIGHT DELTOID MASS",
     ["biopsy-calcified-mass"]),
    ("deltoid-excision", SHOULDER, "EXCISION MASS RT DELTOID", ["surgical-planning"]),
    ("deltoid-ct", SHOULDER, "CT RIGHT DELTOID W CONTRAST", ["deep-soft-tissue-mass"]),
    ("fcu-biopsy", FOREARM, "BX LT FLEXOR CARPI ULNARIS MASS", ["deep-soft-tissue-mass"]),
    ("fcu-excision", FOREARM_VOLAR, "EXCISION MASS LT FCU", ["surgical-planning"]),
    ("gluteus-medius-biopsy", BUTTOCK, "CT GUIDED CORE BX LT GLUTEUS MEDIUS MASS",
     ["deep-soft-tissue-mass"]),
    ("gluteus-minimus-biopsy", GLUTEAL, "BX LT GLUTEUS MINIMUS MASS", ["deep-soft-tissue-mass"]),
    ("gluteus-medius-excision", BUTTOCK, "EXCISION SUBFASCIAL TUMOR LT GLUTEUS MEDIUS",
     ["surgical-planning"]),
]


@pytest.mark.parametrize(("name", "report", "order", "cards"), VARIANTS,
                         ids=[v[0] for v in VARIANTS])
def test_an_order_naming_a_spanning_muscle_reaches_its_other_site(
        name: str, report: str, order: str, cards: list[str]) -> None:
    assert leads(report, order) == cards


@pytest.mark.parametrize(("report", "order"), [
    (SHOULDER, "BX RT SHOULDER MASS"),
    (FOREARM, "BX LT FOREARM MASS"),
    (BUTTOCK, "BX LT BUTTOCK MASS"),
])
def test_the_site_named_itself_is_as_before(report: str, order: str) -> None:
    assert leads(report, order) == ["deep-soft-tissue-mass"]


def test_the_reason_and_body_site_name_the_muscle_too() -> None:
    reason = {"reasonCode": [{"text": "Right deltoid mass"}]}
    assert leads(SHOULDER, "US GUIDED CORE BIOPSY SOFT TISSUE", **reason) == [
        "deep-soft-tissue-mass"]
    site = {"bodySite": [{"text": "Left gluteus medius"}]}
    assert leads(BUTTOCK, "CT GUIDED CORE BIOPSY", **site) == ["deep-soft-tissue-mass"]


LEVATOR = "FINDINGS: A 4 cm mass centered in the right levator scapulae contains calcification."
LEVATOR_BESIDE = ("FINDINGS: A 4 cm mass centered in the right levator scapulae, between the "
                  "splenius capitis and the trapezius, contains calcification.")
GUARDS = [
    # another muscle's mass at the spanned site (the old reader carded the levator, P18.16)
    ("levator-trapezius-biopsy", LEVATOR, "BX RT TRAPEZIUS"),
    ("levator-trapezius-mass", LEVATOR_BESIDE, "BX RT TRAPEZIUS MASS"),
    ("levator-trapezius-excision", LEVATOR, "EXCISION MASS RT TRAPEZIUS"),
    ("splenius-trapezius", "FINDINGS: A 4 cm intramuscular mass within the right splenius "
     "capitis contains coarse calcification.", "BX RT TRAPEZIUS"),
    ("scalene-trapezius", "FINDINGS: A 3.6 cm intramuscular mass within the right anterior "
     "scalene contains punctate calcification.", "BX RT TRAPEZIUS MASS"),
    ("teres-minor-deltoid", "FINDINGS: A 4.1 cm intramuscular mass within the right teres minor "
     "contains coarse calcification.", "BX RT DELTOID MASS"),
    ("infraspinatus-deltoid", "FINDINGS: A 4.1 cm intramuscular mass within the right "
     "infraspinatus muscle contains coarse calcification.", "EXCISION MASS RT DELTOID"),
    ("pronator-fcu", "FINDINGS: A 3.8 cm intramuscular mass within the left pronator teres "
     "contains punctate calcification.", "BX LT FLEXOR CARPI ULNARIS MASS"),
    ("gluteus-maximus-medius", "FINDINGS: A 5.5 cm intramuscular mass within the left gluteus "
     "maximus contains coarse calcification.", "CT GUIDED CORE BX LT GLUTEUS MEDIUS MASS"),
    # a joint's, a tendon's or a bone's structure at the spanned site
    ("glenohumeral-deltoid", "FINDINGS: Synovial chondromatosis of the right shoulder joint with "
     "numerous calcified loose bodies.", "BX RT DELTOID MASS"),
    ("glenohumeral-deltoid-ct", "FINDINGS: Synovial chondromatosis of the right shoulder joint "
     "with numerous calcified loose bodies.", "CT RIGHT DELTOID W CONTRAST"),
    ("supraspinatus-deltoid", "FINDINGS: Calcific tendinosis of the right supraspinatus tendon "
     "with a 9 mm calcific deposit near its footprint.", "CT RIGHT DELTOID W CONTRAST"),
    ("ulna-fcu", "FINDINGS: A 2.5 cm lesion of the left ulnar diaphysis with chondroid matrix "
     "and punctate calcification.", "BX LT FLEXOR CARPI ULNARIS MASS"),
    ("ilium-gluteus-medius", "FINDINGS: A 4 cm chondroid lesion of the left supra-acetabular "
     "ilium with ring-and-arc calcification.", "CT GUIDED CORE BX LT GLUTEUS MEDIUS MASS"),
    # the muscle's tendon names the tendon, at the muscle's own site (P15.9)
    ("gluteus-medius-tendon", BUTTOCK, "EXCISION CALCIFIC DEPOSIT LT GLUTEUS MEDIUS TENDON"),
    # the other side
    ("other-side", SHOULDER, "BX LT DELTOID MASS"),
    ("other-side-gluteal", BUTTOCK, "BX RT GLUTEUS MEDIUS MASS"),
    # no spanning muscle: the biceps lies in the arm only
    ("biceps", SHOULDER, "BX RT BICEPS MASS"),
]


@pytest.mark.parametrize(("name", "report", "order"), GUARDS, ids=[g[0] for g in GUARDS])
def test_no_other_muscle_joint_tendon_or_bone_lesion_at_the_spanned_site(
        name: str, report: str, order: str) -> None:
    assert leads(report, order) == []


def test_the_trapezius_order_keeps_the_neck_as_before() -> None:
    neck = ("FINDINGS: A 4 cm mass in the right posterior neck soft tissues contains coarse "
            "calcification.")
    assert leads(neck, "BX RT TRAPEZIUS MASS") == ["biopsy-calcified-mass"]
    upper = ("FINDINGS: A 4.2 cm intramuscular mass lies within the right upper trapezius and "
             "contains coarse calcification.")
    assert leads(upper, "BX RT TRAPEZIUS") == ["deep-soft-tissue-mass"]
    chest = "FINDINGS: A 4.2 cm calcified intramuscular mass lies within the right trapezius."
    assert leads(chest, "BX RT TRAPEZIUS MASS") == ["deep-soft-tissue-mass"]
    assert leads(chest, "CT SOFT TISSUE NECK W CONTRAST") == []


def test_the_order_reads_spans_from_the_one_table() -> None:
    assert anatomy.spanned_by("Trapezius  Muscle") == {"neck-muscles"}
    assert anatomy.spanned_by("deltoid") == {"shoulder"}
    assert anatomy.spanned_by("biceps") == frozenset()
    for text, sites, spanned in [
        ("BX RT TRAPEZIUS MASS", {"chest-wall", "neck-muscles"}, {"neck-muscles"}),
        ("BX RT DELTOID MASS", {"arm", "shoulder"}, {"shoulder"}),
        ("EXCISION MASS LT FCU", {"wrist", "forearm"}, {"forearm"}),
        ("BX RT SHOULDER DELTOID MASS", {"arm", "shoulder"}, set()),  # named itself
        ("INJECTION LT GLUTEUS MEDIUS TENDON", {"hip", "tendon"}, set()),  # the tendon's
        ("CT CHEST W CONTRAST", {"chest"}, set()),
    ]:
        found = text_anatomy(text)
        assert (found.sites, found.spanned) == (sites, spanned), text
    assert read("BX RT DELTOID MASS").spanned == {"shoulder"}
    assert read("BX RT DELTOID MASS", bodySite=[{"text": "Right shoulder"}]).spanned == set()
    assert read("BX RT DELTOID MASS", "23076").spanned == set()  # the code names the shoulder


def test_a_trapezius_lesion_takes_the_cited_neck_muscles_bodies() -> None:
    """The report side of ``spans`` (P1.4) for the trapezius (P1.7): phleboliths a cited neck
    ultrasound places in the posterior neck muscles at the lump are the trapezius lesion's."""
    text = report(
        "MRI RIGHT SHOULDER WITHOUT AND WITH CONTRAST", "Soft lump over the right upper back.",
        "Ultrasound of the right neck 2026-09-01: compressible channels with several phleboliths "
        "in the right posterior neck muscles at the site of the palpable lump.",
        "Muscles: A 5.1 x 3.2 x 2.6 cm lobulated T2-hyperintense lesion with fluid-fluid levels "
        "lies within the right trapezius, with slow delayed enhancement.\nBones: Normal.",
        "1. 5.1 cm intramuscular venous malformation of the right trapezius.")
    cited = [m for m in read_text(text).mentions if m.seen_on == "US" and m.counts]
    assert [(m.site, m.kind, m.size_mm) for m in cited] == [("chest-wall", "mass", 51)]
    assert _cards(text, "EXCISION MASS RT TRAPEZIUS", "21933") == ["surgical-planning"]
    assert _cards(text, "EXCISION MASS LT TRAPEZIUS", "21933") == []


LEVATOR_MASS = ("FINDINGS: Within the right levator scapulae there is a 4.4 x 3.0 x 2.6 cm "
                "intramuscular mass, T2 hyperintense with heterogeneous enhancement. ")


def test_the_neck_muscles_are_muscles_by_name() -> None:
    """The neck's own muscles are ``muscle`` words (P1.8): a mineral in the splenius capitis
    beside a levator scapulae mass is that muscle's (P1.6); one the mass carries into it is the
    mass's; a scalene mass keeps its own biopsy."""
    other = LEVATOR_MASS + "There is a small focus of calcification in the right splenius capitis."
    assert [(m.site, m.kind) for m in read_text(other).mentions] == [
        ("neck-muscles", "incidental")]
    assert leads(other, "US GUIDED CORE BX RIGHT LEVATOR SCAPULAE MASS") == []
    into = LEVATOR_MASS + ("It extends into the right splenius capitis, where it contains coarse "
                           "calcification.")
    assert leads(into, "US GUIDED CORE BX RIGHT LEVATOR SCAPULAE MASS") == [
        "deep-soft-tissue-mass"]
    scalene = ("FINDINGS: A 3.6 cm intramuscular mass within the right anterior scalene contains "
               "punctate calcification.")
    assert leads(scalene, "BX RT SCALENE MASS") == ["deep-soft-tissue-mass"]
