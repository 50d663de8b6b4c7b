"""The one anatomy table: its checks at load, and the clinical cases it fixed."""

from __future__ import annotations

import copy
import json
import re
from importlib import resources
from typing import Any

import pytest

from cds_service.core import anatomy, rules
from cds_service.core.loader import DataError
from cds_service.core.orders import classify_order
from cds_service.core.reading import read_report

RAW = json.loads(resources.files("cds_service").joinpath("data/anatomy.json").read_text())


def mri(text: str, rid: str = "mri1") -> dict[str, Any]:
    return {"resourceType": "DiagnosticReport", "id": rid, "status": "final",
            "code": {"text": "MRI"}, "effectiveDateTime": "2025-01-10",
            "subject": {"reference": "Patient/p1"}, "conclusion": text}


def order(text: str) -> dict[str, Any]:
    return {"resourceType": "ServiceRequest", "id": "o1", "status": "draft", "intent": "order",
            "subject": {"reference": "Patient/p1"}, "code": {"text": text}}


def fired(report_text: str, order_text: str) -> list[tuple[str, str | None, tuple[str, ...]]]:
    ev = rules.Evidence(reports=(read_report(mri(report_text)),), studies=())
    decisions = rules.evaluate(classify_order(order(order_text)), ev)
    return [(p.lead.rule_id, p.lead.ct_region, tuple(d.rule_id for d in p.also))
            for p in rules.merge(decisions)]


# --- clinical cases (issue 9, "one anatomy") -----------------------------------------------

def test_hamstring_order_gets_the_card_a_thigh_order_gets() -> None:
    report = "Calcified soft tissue mass in the hamstring."
    thigh = fired(report, "CT thigh with contrast")
    assert thigh and thigh[0][0] == "deep-soft-tissue-mass"
    assert thigh[0][1] == "lower-extremity"
    assert fired(report, "CT hamstring with contrast") == thigh


@pytest.mark.parametrize("peer", ["flank", "groin", "thigh"])
def test_chest_wall_mass_reaches_the_deep_mass_card_like_its_peers(peer: str) -> None:
    chest_wall = fired("Calcified chest wall mass.", "Biopsy of chest wall mass")
    peer_cards = fired(f"Calcified {peer} mass.", f"Biopsy of {peer} mass")
    assert [c[0] for c in chest_wall] == [c[0] for c in peer_cards] == ["deep-soft-tissue-mass"]
    assert chest_wall[0][1] == "chest"


@pytest.mark.parametrize("place", ["left psoas muscle", "left iliopsoas", "left iliacus"])
def test_a_psoas_mass_is_a_retroperitoneal_deep_mass_with_its_side(place: str) -> None:
    """The psoas and iliacus are retroperitoneal muscles, paired; a mass in one is a deep
    soft-tissue mass (P1.1, P2.4), imaged by an abdomen and pelvis CT, not a spine CT."""
    (m,) = read_report(mri(f"A 6 cm mass in the {place} contains coarse calcification.")
                       ).findings.mentions
    assert (m.site, m.side) == ("psoas", "left")
    assert anatomy.is_a("psoas", "retroperitoneum") and anatomy.is_a("psoas", rules.DEEP)
    report = f"A 6 cm mass in the {place} contains coarse calcification."
    assert [c[:2] for c in fired(report, "CT GUIDED BX LT PSOAS MASS")] == [
        ("deep-soft-tissue-mass", "abdomen-pelvis")]
    assert fired(report, "CT GUIDED BX RT PSOAS MASS") == []
    assert [c[0] for c in fired(report, "US GUIDED RETROPERITONEAL MASS BIOPSY LEFT")] == [
        "deep-soft-tissue-mass"]


@pytest.mark.parametrize(("sentence", "site"), [
    ("A 7 cm mass within the biceps femoris long head contains calcification.", "thigh"),
    ("A calcified mass in the left semimembranosus.", "thigh"),
    ("A calcified mass of the left gastrocnemius medial head.", "leg"),
    ("A calcified mass of the medial head of the gastrocnemius.", "leg"),
    ("A calcified mass in the left lumbar paraspinal muscles.", "paraspinal"),
    ("A calcified mass in the left quadratus lumborum.", "paraspinal"),
])
def test_muscles_and_muscle_heads_name_their_limb_segment(sentence: str, site: str) -> None:
    """A muscle's "long head" or "medial head" is part of the muscle, never the head (P1.1)."""
    (m,) = read_report(mri(sentence)).findings.mentions
    assert m.site == site


def test_groups_are_is_a_data() -> None:
    for site in ("flank", "paraspinal", "groin", "retroperitoneum", "deep-soft-tissue", "thigh",
                 "pelvis", "buttock", "abdominal-wall", "chest-wall"):
        assert anatomy.is_a(site, rules.DEEP), site
    assert not anatomy.is_a("kidney", rules.DEEP)
    for site in ("heart", "coronary-arteries", "pericardium", "myocardium"):
        assert anatomy.is_a(site, rules.CARDIAC)
    assert anatomy.is_a("rotator-cuff", "tendon") and anatomy.is_a("capsule", "joint")
    assert not anatomy.is_a("thigh", "joint")
    assert anatomy.site_regions("pericardium") == frozenset({"cardiac"})


def test_hip_and_groin_have_one_ct_region_each() -> None:
    hip, groin = anatomy.site("hip"), anatomy.site("groin")
    assert hip is not None and groin is not None
    assert hip.regions == groin.regions == frozenset({"pelvis", "lower-extremity"})
    assert (hip.ct_region, groin.ct_region) == ("lower-extremity", "pelvis")
    assert classify_order(order("MRI hip")).region == "lower-extremity"
    assert classify_order(order("Biopsy groin mass")).region == "pelvis"


def test_region_ct_codes_come_from_the_cpt_table() -> None:
    regions = anatomy.all_regions()
    assert regions["chest"].noncontrast == anatomy.CtCode("71250", "CT chest without contrast")
    assert regions["cardiac"].without_and_with is None  # 75572 is a contrast CT, not wo/w


# --- checks at load ------------------------------------------------------------------------

def changed(path: list[str], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(RAW)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return data


@pytest.mark.parametrize(("path", "value", "message"), [
    (["regions", "cardiac", "without_and_with"], "75572",
     r"regions.cardiac.without_and_with: CPT 75572 is ct-contrast of cardiac in "
     r"terminology/cpt.csv:\d+"),
    (["regions", "chest", "noncontrast"], "99999", "CPT 99999 is not in terminology/cpt.csv"),
    (["sites", "thigh", "regions"], ["thighs"], r"sites.thigh.regions: unknown CT regions"),
    (["sites", "thigh", "is_a"], ["legg"], r"sites.thigh.is_a: unknown sites \['legg'\]"),
    (["sites", "thigh", "ct_region"], "chest", r"sites.thigh.ct_region: 'chest' is not one"),
    (["sites", "thigh", "colour"], "red", r"sites.thigh: unknown keys \['colour'\]"),
    (["sites", "knee", "snomed"], ["68367000"], "code 68367000 is also given to"),
    (["sites", "thigh", "order_patterns"], ["(unclosed"], "bad pattern"),
    (["radiographs", "thigh"], "73700", r"radiographs.thigh: not a site, or CPT 73700"),
    (["radiographs", "thigh"], "73060", r"radiographs.thigh: not a site, or CPT 73060"),
    (["radiographs", "thighs"], "73552", r"radiographs.thighs: not a site"),
    (["shared_parts"], ["lower pole", "elbow pole"], r"shared_parts: not site synonyms"),
])
def test_bad_anatomy_is_refused_with_its_key_path(path: list[str], value: Any,
                                                  message: str) -> None:
    with pytest.raises(DataError, match=message):
        anatomy.load(changed(path, value))


def test_is_a_cycle_is_refused() -> None:
    data = changed(["sites", "lower-limb", "is_a"], ["thigh"])
    with pytest.raises(DataError, match="is_a cycle"):
        anatomy.load(data)


def test_rules_name_only_known_groups() -> None:
    with pytest.raises(DataError, match="no site or group"):
        anatomy.require(["deep-sites"])


def test_suggested_ct_names_read_as_orders_not_cpt_descriptors() -> None:
    """A suggested study is named as an order catalog names it ("CT maxillofacial without and
    with contrast"), never a CPT descriptor ("facial bones CT before and after contrast",
    "CT of orbit / sella / posterior fossa / ear"; radiologist review, issue 17)."""
    for region in anatomy.all_regions().values():
        codes = [(region.noncontrast, "without contrast")]
        if region.without_and_with is not None:
            codes.append((region.without_and_with, "without and with contrast"))
        for code, phase in codes:
            assert code.display.startswith("CT ") and phase in code.display, code
            assert "/" not in code.display and "before and after" not in code.display, code


def test_the_forearm_is_not_the_upper_arm() -> None:
    """A radius or forearm lesion is the forearm's: its radiographs are of the forearm (73090),
    not the humerus; an order for the upper arm is about another structure (P2.8, P16.2)."""
    found = read_report(mri("Expansile lesion of the left radius with chondroid matrix "
                            "mineralization.")).findings.structures
    assert [(s.kind, s.site, s.side) for s in found] == [("bone", "forearm", "left")]
    code = anatomy.radiograph("forearm")
    assert code is not None and code.cpt == "73090"
    report = "A 3 cm left forearm soft tissue mass with internal calcification."
    assert [c[0] for c in fired(report, "Core needle biopsy left forearm mass")] == [
        "biopsy-calcified-mass"]
    assert fired(report, "Excision of left upper arm soft tissue mass") == []


@pytest.mark.parametrize(("title", "region"), [
    ("MRI THORACIC SPINE WITHOUT AND WITH CONTRAST", "thoracic-spine"),
    ("MRI LUMBAR SPINE AND PARASPINAL SOFT TISSUES", "lumbar-spine"),
])
def test_a_paraspinal_mass_gets_a_ct_of_the_spine_segment_its_mri_imaged(
        title: str, region: str) -> None:
    """A paraspinal mass has no one CT region; the suggested CT is that of the segment the MRI
    imaged (it shows the mass beside the vertebrae), never an abdomen CT for a thoracic mass; a
    psoas mass keeps its abdomen-pelvis CT (P2.7, P2.8)."""
    def region_for(text: str) -> str | None:
        report = {**mri(text), "code": {"text": title}}
        ev = rules.Evidence(reports=(read_report(report),), studies=())
        problems = rules.merge(rules.evaluate(
            classify_order(order("CT GUIDED CORE BX RT PARASPINAL MASS")), ev))
        return problems[0].lead.ct_region

    assert region_for("Right paraspinal mass contains coarse calcification.") == region
    assert region_for("A 4 cm mass in the right psoas contains coarse calcification.") == \
        "abdomen-pelvis"


def test_aorta_iliac_in_an_order_is_the_vessels_not_the_iliac_bone() -> None:
    """"US Aorta Iliac Doppler" images the aorta and iliac arteries (P2.8, P17.2)."""
    assert classify_order(order("US Aorta Iliac Doppler")).sites == frozenset({"vessels"})


# --------------------------------------------------------------------------- P13.2: MG → breast

MAMMOGRAM_TITLES = ["MG DIAGNOSTIC LEFT", "MAMMO DX LT", "DIGITAL DIAGNOSTIC MAMMOGRAM W CAD",
                    "MG SPOT MAG LT", "MAMMOGRAM DIAGNOSTIC LEFT WITH SPOT MAGNIFICATION",
                    "TOMO LT", "SCREENING MAMMOGRAPHY BILATERAL"]


@pytest.mark.parametrize("title", MAMMOGRAM_TITLES)
def test_a_mammogram_shows_the_breast_whatever_its_title_names(title: str) -> None:
    """A mammogram is a study of the breast: its modality (MG) or exam word names the organ
    a catalog title leaves out, so a diagnostic mammogram answers a breast mass (P13.2)."""
    from cds_service.core.reading import read_study
    breast = anatomy.site_regions("breast")
    study = {"resourceType": "ImagingStudy", "id": "s1", "status": "available",
             "subject": {"reference": "Patient/p1"}, "started": "2026-11-10",
             "modality": [{"system": "http://dicom.nema.org/resources/ontology/DCM",
                           "code": "MG"}], "description": title}
    assert read_study(study, validate=False).regions == breast
    mg = {"resourceType": "DiagnosticReport", "id": "mg1", "status": "final",
          "code": {"text": title}, "category": [{"text": "Mammography"}],
          "effectiveDateTime": "2026-11-10", "subject": {"reference": "Patient/p1"},
          "conclusion": "The 14 mm spiculated mass at 10 o'clock contains a coarse central "
                        "calcification."}
    assert read_report(mg).regions == breast


def test_a_modality_names_no_organ_it_does_not_image() -> None:
    """Only a one-organ modality implies its site: a CT or MRI titled without one stays
    without region; the table's modalities are checked at load."""
    from cds_service.core.reading.report import modality_sites
    assert modality_sites(["CT", "MR", None]) == frozenset()
    assert modality_sites(["mg"]) == {"breast"}
    raw = copy.deepcopy(RAW)
    raw["sites"]["breast"]["modalities"] = "MG"
    with pytest.raises(DataError, match="modalities"):
        anatomy.load(raw)


# --------------------------------------------------------------------------- P17.4a: part words

# The catalog words of each region that has parts, one or more for every order pattern of the
# region, with the part (site) each names: a word of a part must be a site word too, so that a
# multi-part order ("CT ORBT/SELLA/POST FOSSA") names every part it covers, not only the parts
# the site table happens to spell. None: a place of the region that is no part of it.
PART_WORDS = {"skull-base": {
    "orbit": "orbit", "orbits": "orbit", "ORBT": "orbit", "ORB": "orbit", "sella": "pituitary",
    "pituitary": "pituitary", "temporal bone": "temporal-bone", "temporal bones": "temporal-bone",
    "IAC": "temporal-bone", "IACs": "temporal-bone", "internal auditory": "temporal-bone",
    "mastoid": "temporal-bone", "mastoids": "temporal-bone", "TEMP BONE": "temporal-bone",
    "posterior fossa": "posterior-fossa", "POST FOSSA": "posterior-fossa"}}


def test_every_region_part_word_of_order_text_is_a_site_word() -> None:
    with_parts = {rid for rid, spec in RAW["regions"].items() if spec.get("parts")}
    assert set(PART_WORDS) == with_parts
    for rid, words in PART_WORDS.items():
        assert {s for s in words.values() if s} == set(RAW["regions"][rid]["parts"])
        for pattern in RAW["regions"][rid]["order_patterns"]:  # a new pattern needs its word
            assert any(re.search(pattern, w, re.I) for w in words), pattern
        for word, site in words.items():
            found = classify_order(order(f"CT {word} W CONTRAST"))
            assert found.region == rid and found.sites == ({site} if site else set()), word


@pytest.mark.parametrize(("text", "site"), [
    ("CT ORBT/SELLA/POST FOSSA W/CONTRA", "orbit"),
    ("CT ORBT W CONTRA", "orbit"),
    ("MR SELLA/ORBT W WO", "orbit"),
    ("CT ORBT/SELLA/IAC W CONTRAST", "orbit"),
    ("CT INTERNAL AUDITORY/SELLA W CONTRAST", "temporal-bone"),
    ("CT IAC/ORB W CONTRAST", "orbit"),
])
def test_a_multi_part_catalog_name_names_each_part(text: str, site: str) -> None:
    """P17.4: an order for the orbits, sella and posterior fossa is about each of them, so an
    optic nerve sheath mass is in its field (unseen8 catalog c2)."""
    assert site in classify_order(order(text)).sites
