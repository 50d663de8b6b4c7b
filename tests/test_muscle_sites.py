"""P2.23: every named skeletal muscle of the neck, trunk, pelvis and limbs is a place of the
anatomy table (data/anatomy.json), with the region a CT of that body part covers.

A calcified intramuscular mass named only by its muscle ("within the right rhomboid major")
takes that muscle's site and side, so a biopsy or a contrast CT of that region draws the
deep soft-tissue mass card (P4.9c), and a CT of another region draws none (P4.2).
"""
from __future__ import annotations

import pytest

from cds_service.core.reading import read_report
from tests.test_order_catalog import leads, mri

CT = {"neck": "CT SOFT TISSUE NECK W CONTRAST", "chest": "CT CHEST W CONTRAST",
      "abdomen": "CT ABDOMEN W CONTRAST", "pelvis": "CT PELVIS W CONTRAST",
      "abdomen-pelvis": "CT ABDOMEN PELVIS W CONTRAST",
      "lumbar-spine": "CT LUMBAR SPINE W CONTRAST",
      "thoracic-spine": "CT THORACIC SPINE W CONTRAST",
      "upper": "CT RIGHT UPPER EXTREMITY W CONTRAST",
      "lower": "CT RIGHT LOWER EXTREMITY W CONTRAST"}
OTHER = {"neck": "pelvis", "chest": "pelvis", "abdomen": "neck", "pelvis": "neck",
         "abdomen-pelvis": "neck", "lumbar-spine": "neck", "thoracic-spine": "pelvis",
         "upper": "lower", "lower": "upper"}

# (muscle words as a report writes them, the site of the table, the region a CT of it is)
MUSCLES = [
    ("rhomboid major", "chest-wall", "chest"),
    ("rhomboid minor", "chest-wall", "chest"),
    ("rhomboids", "chest-wall", "chest"),
    ("subclavius", "chest-wall", "chest"),
    ("serratus posterior superior", "chest-wall", "chest"),
    ("trapezius", "chest-wall", "chest"),
    ("levator scapulae", "neck-muscles", "neck"),
    ("anterior scalene", "neck-muscles", "neck"),
    ("scalenus medius", "neck-muscles", "neck"),
    ("splenius capitis", "neck-muscles", "neck"),
    ("semispinalis capitis", "neck-muscles", "neck"),
    ("SCM", "neck", "neck"),
    ("platysma", "neck", "neck"),
    ("omohyoid", "neck", "neck"),
    ("digastric", "neck", "neck"),
    ("iliocostalis lumborum", "paraspinal", "lumbar-spine"),
    ("longissimus thoracis", "paraspinal", "thoracic-spine"),
    ("multifidi", "paraspinal", "lumbar-spine"),
    ("transversus abdominis", "abdominal-wall", "abdomen"),
    ("psoas minor", "psoas", "abdomen-pelvis"),
    ("levator ani", "pelvis", "pelvis"),
    ("quadratus femoris", "deep-gluteal", "pelvis"),
    ("superior gemellus", "deep-gluteal", "pelvis"),
    ("pectineus", "thigh", "lower"),
    ("adductor minimus", "thigh", "lower"),
    ("VMO", "thigh", "lower"),
    ("vastus medialis obliquus", "thigh", "lower"),
    ("TFL", "thigh", "lower"),
    ("fibularis longus", "leg", "lower"),
    ("peroneus tertius", "leg", "lower"),
    ("popliteus", "leg", "lower"),
    ("plantaris", "leg", "lower"),
    ("abductor hallucis", "foot", "lower"),
    ("quadratus plantae", "foot", "lower"),
    ("flexor digitorum brevis", "foot", "lower"),
    ("abductor pollicis longus", "forearm", "upper"),
    ("APL", "forearm", "upper"),
    ("ECRB", "forearm", "upper"),
    ("FDP", "forearm", "upper"),
    ("extensor carpi ulnaris", "forearm", "upper"),
    ("extensor pollicis brevis", "forearm", "upper"),
    ("palmaris longus", "forearm", "upper"),
    ("anconeus", "forearm", "upper"),
    ("opponens pollicis", "hand", "upper"),
    ("adductor pollicis", "hand", "upper"),
    ("abductor digiti minimi", "hand", "upper"),
    ("second lumbrical", "hand", "upper"),
    ("first dorsal interosseous", "hand", "upper"),
    ("triceps brachii", "arm", "upper"),
]


def report(muscle: str) -> str:
    return (f"FINDINGS: Muscles: A 4.8 x 3.6 x 3.1 cm heterogeneously enhancing intramuscular "
            f"mass lies within the right {muscle}. It contains several coarse calcifications, "
            f"dark on all sequences and blooming on GRE.\nIMPRESSION: 4.8 cm calcified "
            f"intramuscular mass of the right {muscle}, indeterminate; biopsy recommended.")


@pytest.mark.parametrize(("muscle", "site", "region"), MUSCLES)
def test_a_calcified_mass_of_a_named_muscle_takes_its_site(muscle: str, site: str,
                                                           region: str) -> None:
    found = read_report(mri(report(muscle))).findings
    assert site in found.sites
    # the abdominal wall's muscles keep their side too (P2.27)
    assert [(s.site, s.side, s.mineral) for s in found.structures] == [(site, "right", "present")]


@pytest.mark.parametrize(("muscle", "site", "region"), MUSCLES)
def test_a_named_muscle_mass_draws_the_deep_mass_card_before_a_ct_of_its_region(
        muscle: str, site: str, region: str) -> None:
    assert leads(report(muscle), CT[region]) == ["deep-soft-tissue-mass"]


@pytest.mark.parametrize(("muscle", "site", "region"), MUSCLES)
def test_a_named_muscle_mass_is_silent_before_a_ct_of_another_region(
        muscle: str, site: str, region: str) -> None:
    assert leads(report(muscle), CT[OTHER[region]]) == []


@pytest.mark.parametrize(("text", "order"), [
    ("FINDINGS: A 4.6 x 3.2 cm intramuscular mass lies within the right rhomboid major, deep to "
     "the trapezius, between the medial scapular border and the T3-T5 spinous processes. Several "
     "punctate low-signal foci blooming on GRE correspond to calcifications on the thoracic spine "
     "radiographs.", "BX MUSCLE PERC RT RHOMBOID MASS W US GUIDANCE"),
    ("FINDINGS: A 6.6 cm intramuscular mass in the right pectineus contains clustered punctate "
     "calcifications along its lateral margin, dark on all sequences and blooming on GRE.",
     "BX MUSCLE PERC RT PECTINEUS MASS"),
    ("IMPRESSION: Calcified 3 cm mass of the right quadratus femoris, indeterminate.",
     "CT GUIDED CORE BIOPSY RIGHT QUADRATUS FEMORIS MASS"),
    ("IMPRESSION: Calcified 3 cm mass of the right levator scapulae, indeterminate.",
     "US GUIDED CORE BX RT LEVATOR SCAPULAE MASS"),
    ("IMPRESSION: Calcified 3 cm mass within the right trapezius muscle, indeterminate.",
     "US GUIDED CORE BX RIGHT TRAPEZIUS MASS"),
])
def test_a_biopsy_of_the_named_muscle_is_about_its_calcified_mass(text: str, order: str) -> None:
    assert leads(text, order) == ["deep-soft-tissue-mass"]
    assert leads(text, order.replace("RT ", "LT ").replace("RIGHT", "LEFT")) == []
