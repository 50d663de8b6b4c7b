"""More places of the one anatomy table (data/anatomy.json), issue 17 review round 7 and the
sealed sets' first runs: the deep gluteal space is part of the buttock (P2.29), the clavicle and
its radiographs (P2.30), a bone's neck is the bone's (P2.31), named places a radiologist writes
(P2.32)."""

from __future__ import annotations

import pytest

from cds_service.core import anatomy, rules
from cds_service.core.cards import render
from cds_service.core.reading import read_report
from tests.test_anatomy_places import sites
from tests.test_card_names import LIBRARY, card_detail, lesion_line
from tests.test_order_catalog import leads, mri, read
from tests.test_prior_imaging import study

# --------------------------------------------------------------------------- P2.29 deep gluteal

QF = ("FINDINGS:\nDeep gluteal space: A 5.4 x 3.9 cm mass is centred in the right quadratus "
      "femoris muscle between the ischial tuberosity and the lesser trochanter, abutting the "
      "sciatic nerve, and contains several foci of signal void with blooming, consistent with "
      "calcification.")


@pytest.mark.parametrize(("reason", "other"), [
    ("Right deep gluteal mass", "Left deep gluteal mass"),
    ("right gluteal mass", "left gluteal mass"),
    ("RT BUTTOCK MASS", "LT BUTTOCK MASS"),
    ("deep gluteal space mass, right", "deep gluteal space mass, left"),
    ("mass of the right deep gluteal region", "mass of the left deep gluteal region"),
    ("right buttock mass, deep", "left buttock mass, deep"),
])
def test_a_pelvis_ct_for_a_gluteal_mass_is_about_the_quadratus_femoris_mass(
        reason: str, other: str) -> None:
    """A deep gluteal mass is a mass of the buttock (unseen21 c1: Sandbox CPT 72193, reason
    "Right deep gluteal mass")."""
    for text, cards in ((reason, ["deep-soft-tissue-mass"]), (other, [])):
        assert leads(QF, None, "72193", title="MRI PELVIS AND RIGHT HIP",
                     reasonCode=[{"text": text}]) == cards, text


def test_the_deep_gluteal_space_is_part_of_the_buttock() -> None:
    assert anatomy.is_a("deep-gluteal", "buttock")
    assert sites("IMPRESSION: Calcified 3 cm mass of the right deep gluteal space.") == [
        ("mass", "deep-gluteal", "right")]


# --------------------------------------------------------------------------- P2.30 clavicle

def _clavicle_labels(text: str, xr: str | None = None) -> list[str]:
    ev = rules.Evidence(reports=(read_report(mri(text, "MRI RIGHT SHOULDER")),),
                        studies=(study("DX", "2026-09-01", xr),) if xr else ())
    found = rules.merge(rules.evaluate(read("CT GUIDED BONE BIOPSY RIGHT CLAVICLE"), ev))
    assert [p.lead.rule_id for p in found] == ["bone-lesion-biopsy"]
    return [s.label for s in render(found[0], LIBRARY, patient_id="p1",
                                    new_id=lambda: "id").card.suggestions]


CLAVICLES = [
    "FINDINGS: A 2.4 cm lesion of the medial right clavicle has chondroid matrix with rings and "
    "arcs of calcification.",
    "FINDINGS: A 3 cm lesion of the proximal right clavicle has chondroid matrix with rings and "
    "arcs of calcification.",
    "FINDINGS: An expansile lesion of the medial end of the right clavicle has rings and arcs of "
    "calcified chondroid matrix.",
    "FINDINGS: A 2 cm intramedullary lesion of the right clavicular shaft has chondroid matrix "
    "calcification.",
    "FINDINGS: A 2.2 cm lesion of the lateral right clavicle shows calcified chondroid matrix.",
]


@pytest.mark.parametrize("text", CLAVICLES)
def test_a_clavicle_lesion_is_offered_clavicle_radiographs(text: str) -> None:
    assert sites(text, "MRI RIGHT SHOULDER") == [("bone", "clavicle", "right")]
    labels = _clavicle_labels(text)
    assert any("right clavicle radiographs" in label for label in labels), labels
    assert not any("shoulder radiographs" in label for label in labels), labels


@pytest.mark.parametrize("text", CLAVICLES)
def test_clavicle_radiographs_on_record_answer_it(text: str) -> None:
    assert not any("radiographs" in label
                   for label in _clavicle_labels(text, "XR CLAVICLE RIGHT"))


# --------------------------------------------------------------------------- P2.31 bone necks

@pytest.mark.parametrize(("text", "title", "site"), [
    ("FINDINGS: A 7 mm osteoid osteoma of the dorsal talar neck with a calcified nidus.",
     "MRI RIGHT ANKLE", "ankle"),
    ("FINDINGS: A 7 mm osteoid osteoma of the neck of the talus with a calcified nidus.",
     "MRI RIGHT ANKLE", "ankle"),
    ("FINDINGS: A 9 mm osteoid osteoma of the right radial neck with a calcified nidus.",
     "MRI", "elbow"),
    ("FINDINGS: A 2 cm chondroid lesion of the surgical neck of the right humerus with "
     "calcified matrix.", "MRI", "arm"),
    ("FINDINGS: A 1.5 cm lesion of the right scapular neck with calcified chondroid matrix.",
     "MRI", "shoulder"),
    ("FINDINGS: A 1 cm lesion of the left fifth metatarsal neck with calcified matrix.", "MRI",
     "foot"),
    ("FINDINGS: A 2 cm lesion of the neck of the right seventh rib with calcified matrix.",
     "MRI", "chest-wall"),
])
def test_a_bone_s_neck_is_the_bone_s_place_not_the_neck(text: str, title: str,
                                                        site: str) -> None:
    found = sites(text, title)
    assert found and {s for _, s, _ in found} == {site}, found


@pytest.mark.parametrize("text", [
    "FINDINGS: Mild cam morphology of the femoral head-neck junction, with a punctate "
    "calcification of the labrum.",
    "FINDINGS: A calcified stone lodged in the gallbladder neck.",
])
def test_a_part_named_neck_is_no_neck_structure(text: str) -> None:
    assert "neck" not in {s for _, s, _ in sites(text)}


# --------------------------------------------------------------------------- P2.32 places

@pytest.mark.parametrize(("text", "title", "order", "name"), [
    ("FINDINGS: A 12 mm right epitrochlear lymph node contains punctate calcification.",
     "MRI RIGHT ELBOW", "US GUIDED FNA RIGHT EPITROCHLEAR NODE",
     "right epitrochlear lymph node (12 mm)"),
    ("FINDINGS: A 2.1 cm left inferior parathyroid mass contains coarse calcification.",
     "MRI NECK", "US GUIDED FNA LEFT PARATHYROID MASS",
     "left inferior parathyroid mass (21 mm)"),
    ("FINDINGS: A 3.4 cm calcified urachal mass at the bladder dome.", "MRI PELVIS",
     "CT PELVIS W CONTRAST", "urachal mass (34 mm)"),
    ("FINDINGS: A 2.3 cm portacaval lymph node contains coarse calcification.", "MRI ABDOMEN",
     "CT ABDOMEN W CONTRAST", "portacaval lymph node (23 mm)"),
    ("FINDINGS: Chondrocalcinosis of the pubic symphysis with linear calcification of the "
     "fibrocartilage.", "MRI PELVIS", "CT PELVIS W CONTRAST", "pubic symphysis joint"),
])
def test_a_named_place_names_the_card(text: str, title: str, order: str, name: str) -> None:
    assert lesion_line(card_detail(text, title, order)) == name


def test_a_fat_pad_beside_a_tendon_deposit_does_not_name_it() -> None:
    """Hoffa's fat pad and the suprapatellar recess stay words of the knee, no places of their own:
    "edema in Hoffa's fat pad" beside a patellar tendon deposit must not name it (unseen17 p2),
    and a joint's recess is no name (P11)."""
    text = ("FINDINGS:\nPatellar tendon: An 11 mm calcific deposit, dark on all sequences, lies "
            "within the deep proximal fibers, with surrounding edema in Hoffa's fat pad, "
            "consistent with calcific tendinosis.")
    order = "OPEN DEBRIDEMENT PATELLAR TENDON LT KNEE, EXCISION CALCIFIC DEPOSIT"
    name = lesion_line(card_detail(text, "MRI LEFT KNEE", order))
    assert "hoffa" not in name.lower() and "patellar tendon" in name, name


@pytest.mark.parametrize(("site", "parent"), [
    ("parathyroid", "neck"), ("urachus", "bladder"), ("porta-hepatis", "abdomen"),
    ("pubic-symphysis", "pelvis"), ("clavicle", "shoulder")])
def test_a_named_place_is_part_of_its_region(site: str, parent: str) -> None:
    assert anatomy.is_a(site, parent)


# --------------------------------------------------------------------------- P2.33 cervix

@pytest.mark.parametrize("text", [
    "FINDINGS:\nCervix: A 3.1 cm cervical mass contains coarse calcification.",
    "FINDINGS:\nUterus and cervix: The cervical lesion measures 2.8 cm and contains punctate "
    "calcifications.",
    "FINDINGS:\nCERVIX: A 2 cm cervical mass with peripheral calcification.",
    "FINDINGS:\nUterine cervix: A 2.4 cm cervical tumour contains stippled calcification.",
    "FINDINGS:\nUterus: A 3 cm calcified cervical mass distorts the canal.",
])
def test_cervical_under_a_cervix_or_uterus_heading_is_the_uterine_cervix(text: str) -> None:
    assert [s[1] for s in sites(text, "MRI PELVIS")] == ["uterus"]


@pytest.mark.parametrize(("text", "title"), [
    ("FINDINGS:\nLymph nodes: A calcified right cervical node.", "MRI NECK"),
    ("FINDINGS:\nLymph nodes: A calcified right cervical node.", "MRI PELVIS"),
    ("FINDINGS: A calcified right cervical lymph node.", "MRI NECK"),
])
def test_cervical_elsewhere_stays_the_neck(text: str, title: str) -> None:
    assert [s[1] for s in sites(text, title)] == ["neck"]
