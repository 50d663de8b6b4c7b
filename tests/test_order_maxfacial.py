"""Face and face-subsite catalog names read with their region (P17.14-P17.16; review round 11,
T-order-region-unread, not signed: unseen34 c2, the local name "CT MAXFACIAL C+" was read with no
region, so its reason's "skull base" made the card offer a head CT, CPT 70470, in place of the
maxillofacial CT, 70486-70488). Catalogs write the maxillofacial CT as MAXFACIAL, MAXFAC, MAX
FACIAL, MAX/FACIAL, MIDFACE or NASAL BONES, the sinuses as PNS (outside the US) and the temporal
bone as TEMP BONE. The suggested CT is the region's own code, from the one anatomy table. Each
variant below failed on 9e437b1; the guards held there and hold now."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from cds_service.config import DEFAULT_CARDS_DIR
from cds_service.core import rules
from cds_service.core.card_library import load_library
from cds_service.core.cards import render
from cds_service.core.reading import read_report
from tests.test_order_catalog import mri, read

LIBRARY = load_library(DEFAULT_CARDS_DIR)


def suggested(report: str, title: str, text: str, reason: str | None = None) -> list[str]:
    """The CPT codes each card's suggestions order, leading rule first; [] when no card."""
    extra: dict[str, Any] = {"reasonCode": [{"text": reason}]} if reason else {}
    ev = rules.Evidence(reports=(read_report(mri(report, title)),), studies=())
    n = itertools.count()
    out: list[str] = []
    for problem in rules.merge(rules.evaluate(read(text, None, **extra), ev)):
        card = render(problem, LIBRARY, patient_id="p1", new_id=lambda: str(next(n))).card
        out.append(problem.lead.rule_id)
        out += [c["code"] for s in card.suggestions for a in s.actions
                for c in (a.resource or {}).get("code", {}).get("coding", [])
                if c.get("system") == "http://www.ama-assn.org/go/cpt"]
    return out


# --------------------------------------------------------------------------- P17.14 region

@pytest.mark.parametrize(("text", "kind"), [
    ("CT MAXFACIAL C+", "ct-contrast"),
    ("CT MAXFACIAL WWO", "ct-without-and-with"),
    ("CT MAX FACIAL WO CONTRAST", "ct-noncontrast"),
    ("CT MAXFAC W IV CONTRAST", "ct-contrast"),
    ("CT MAX/FACIAL C-", "ct-noncontrast"),
    ("CT MAX-FAC W/WO", "ct-without-and-with"),
    ("CT MIDFACE W CONTRAST", "ct-contrast"),
    ("CT MID FACE WO", "ct-noncontrast"),
    ("CT NASAL BONES WO", "ct-noncontrast"),
    ("MRI MAXFACIAL W WO", "mri"),
])
def test_maxillofacial_names_read_as_the_maxillofacial_region(text: str, kind: str) -> None:
    got = read(text)
    assert (got.kind, got.region, set(got.regions)) == (kind, "maxillofacial", {"maxillofacial"})


@pytest.mark.parametrize(("text", "region", "site"), [
    ("CT PNS WO", "maxillofacial", "sinus"),           # paranasal sinuses, British catalogs
    ("CT PNS C+", "maxillofacial", "sinus"),
    ("CT TEMP BONE WO", "skull-base", "temporal-bone"),
    ("CT TEMP BONES W/WO", "skull-base", "temporal-bone"),
])
def test_abbreviated_subsites_name_their_site(text: str, region: str, site: str) -> None:
    got = read(text)
    assert (got.region, site in got.sites) == (region, True)


@pytest.mark.parametrize(("text", "region", "sites"), [
    # guards: the names catalogs already spelled keep their reading
    ("CT HEAD C+", "head", {"head"}),
    ("CT HEAD WO CONTRAST", "head", {"head"}),
    ("CT SINUS WO", "maxillofacial", {"sinus"}),
    ("CT MAXILLOFACIAL W CONTRAST", "maxillofacial", set()),
    ("CT FACIAL BONES WO", "maxillofacial", set()),
    ("CT ORBITS C+", "skull-base", {"orbit"}),
    ("CT TEMPORAL BONES/IAC WO", "skull-base", {"temporal-bone"}),
    ("CT TMJ BILAT WO", "maxillofacial", {"temporomandibular-joint"}),
    ("CT NECK SOFT TISSUE W", "neck", {"neck"}),
    ("MRI IAC FACIAL NERVE W WO", "skull-base", {"temporal-bone"}),
    ("CT CHEST MAX INTENSITY PROJECTION C+", "chest", {"chest"}),  # MAX names no face
    ("CT TEMPORAL ARTERY C+", None, {"vessels"}),                   # TEMP names no bone alone
])
def test_guards_keep_their_reading(text: str, region: str | None, sites: set[str]) -> None:
    got = read(text)
    assert (got.region, set(got.sites)) == (region, sites)


# --------------------------------------------------------------------------- P17.15 the CT

NASAL = ("FINDINGS: A 4.1 cm enhancing mass occupies the right upper nasal cavity at the "
         "cribriform plate and contains scattered coarse calcifications, dark on all sequences.")
ANTRUM = ("FINDINGS: Left maxillary sinus: a 3.4 cm soft-tissue mass fills the antrum and "
          "contains clumped calcification, remodelling the posterolateral wall.")
MASSETER = ("FINDINGS: A 3.2 cm lobulated T2-bright lesion within the left masseter muscle "
            "contains several round signal voids consistent with phleboliths, in keeping with a "
            "venous malformation.")
# within a named muscle is intramuscular: the deep-mass card leads, the CT unchanged (P4.26)
LEADS = {MASSETER: "deep-soft-tissue-mass"}


def lead(report: str) -> str:
    return LEADS.get(report, "contrast-ct-noncontrast-first")


@pytest.mark.parametrize(("report", "title", "text", "reason"), [
    (NASAL, "MRI SINUS FACE W WO CONTRAST", "CT MAXFACIAL C+",
     "Olfactory neuroblastoma, skull base surgery planning"),   # unseen34 c2's class
    (NASAL, "MRI SINUS FACE W WO CONTRAST", "CT MAX FACIAL W CONTRAST", None),
    (ANTRUM, "MRI FACE W WO", "CT MAXFAC W IV CONTRAST", "mass, resection planning"),
    (ANTRUM, "MRI PARANASAL SINUSES W WO", "CT MIDFACE C+", None),
    (ANTRUM, "MRI PARANASAL SINUSES W WO", "CT PNS C+", "? antral carcinoma"),
    (MASSETER, "MRI FACE W WO", "CT MAX/FACIAL W CON", "vascular malformation"),
])
def test_the_suggested_ct_is_the_maxillofacial_ct(report: str, title: str, text: str,
                                                  reason: str | None) -> None:
    """CPT 70488 (maxillofacial without and with) and 70486 (without), never a head CT."""
    assert suggested(report, title, text, reason) == [lead(report), "70488", "70486"]


@pytest.mark.parametrize(("report", "title", "text", "want"), [
    # guards: a head CT stays a head CT (it images the face, P17.2), a sinus or orbit CT its own
    (NASAL, "MRI SINUS FACE W WO CONTRAST", "CT HEAD C+",
     ["contrast-ct-noncontrast-first", "70470", "70450"]),
    (ANTRUM, "MRI FACE W WO", "CT SINUS C+", ["contrast-ct-noncontrast-first", "70488", "70486"]),
    (ANTRUM, "MRI FACE W WO", "CT SINUS WO", []),     # acquires the noncontrast images asked
    (ANTRUM, "MRI FACE W WO", "CT MAXFACIAL C-", []),
    ("FINDINGS: A 1.8 cm intraconal mass of the left orbit contains punctate calcification.",
     "MRI ORBITS W WO", "CT ORBITS C+", ["contrast-ct-noncontrast-first", "70482", "70480"]),
    ("FINDINGS: A 2.2 cm mass in the right parotid gland contains coarse calcification.",
     "MRI NECK W WO", "CT NECK SOFT TISSUE C+",
     ["contrast-ct-noncontrast-first", "70492", "70490"]),
])
def test_guards_keep_their_ct(report: str, title: str, text: str, want: list[str]) -> None:
    assert suggested(report, title, text) == want


# --------------------------------------------------------------------------- P17.16 is_a

@pytest.mark.parametrize(("report", "title"), [
    ("FINDINGS: A 2.2 cm mass in the right parotid gland contains coarse calcification.",
     "MRI NECK W WO"),
    ("FINDINGS: A 2.6 cm mass in the left submandibular gland contains a coarse calcification.",
     "MRI NECK W WO"),
    ("FINDINGS: A 1.8 cm intraconal mass of the left orbit contains punctate calcification.",
     "MRI ORBITS W WO"),
])
def test_a_maxillofacial_ct_is_not_about_a_neck_or_orbit_structure(report: str,
                                                                   title: str) -> None:
    """The parotid and submandibular glands are the neck's, the orbit the skull base's (is_a
    parents of the one anatomy table): a maxillofacial CT is not their target, however its
    name is spelled, as for "CT MAXILLOFACIAL W CONTRAST" before."""
    for text in ("CT MAXILLOFACIAL W CONTRAST", "CT MAXFACIAL C+", "CT MAX FACIAL W CONTRAST"):
        assert suggested(report, title, text) == [], text


@pytest.mark.parametrize(("report", "text"), [
    (NASAL, "CT FACE C+"),
    (ANTRUM, "CT FACE W IV CONTRAST"),
    (ANTRUM, "CT Face W contrast IV"),            # the LOINC Playbook's long-name pattern
    (ANTRUM, "CT OF THE FACE WITH CONTRAST"),
])
def test_a_face_ct_is_the_maxillofacial_ct_and_images_the_sinuses(report: str, text: str) -> None:
    """"CT FACE" is the maxillofacial CT (CPT 70486-70488) as "CT MAXILLOFACIAL" and "CT FACIAL
    BONES" are: the region, whose field holds the sinuses, not the site `face` (the face's soft
    tissues and jaw bones), which is a sibling of the sinus under the head (P17.16)."""
    assert suggested(report, "MRI SINUS FACE W WO", text) == [
        "contrast-ct-noncontrast-first", "70488", "70486"]


@pytest.mark.parametrize(("text", "site"), [
    ("US FACE", "face"),                                      # guards: not the face CT
    ("EXCISION SUBCUTANEOUS MASS LEFT FACE", "face"),
    ("CT MANDIBLE C+", "face"),
    ("CT FACE/SINUS C+", "sinus"),
])
def test_other_face_orders_keep_their_site(text: str, site: str) -> None:
    assert site in read(text).sites


def test_a_mandible_ct_is_not_about_a_sinus_mass() -> None:
    """Guard: the mandible is the face's (a sibling of the sinus): its CT stays silent."""
    assert suggested(ANTRUM, "MRI FACE W WO", "CT MANDIBLE C+") == []
    assert suggested(MASSETER, "MRI FACE W WO", "CT FACE C+") == [
        lead(MASSETER), "70488", "70486"]


# ------------------------------------------------- P17.15 a name of two head regions, one changed

ORBIT = "FINDINGS: A 1.8 cm intraconal mass of the left orbit contains punctate calcification."


@pytest.mark.parametrize(("report", "text", "want"), [
    # the structure's own region is changed, the other keeps its contrast code, and the
    # noncontrast CT is of the structure's region (was: both changed, and "CT maxillofacial
    # without contrast first" for an orbital mass, or a skull-base CT for a masseter mass)
    (ORBIT, "CT FACE/ORBITS W CONTRAST", ["70487", "70482", "70480"]),
    (ORBIT, "CT SINUS/ORBITS C+", ["70487", "70482", "70480"]),
    (ANTRUM, "CT SINUS/ORBITS C+", ["70488", "70481", "70486"]),
    (MASSETER, "CT ORBIT/FACE C+", ["70488", "70481", "70486"]),
    (ORBIT, "CT ORBITS/FACIAL BONES C+", ["70487", "70482", "70480"]),
])
def test_a_two_region_head_ct_changes_the_structure_s_region(report: str, text: str,
                                                             want: list[str]) -> None:
    assert suggested(report, "MRI FACE AND ORBITS W WO", text) == [lead(report), *want]


def test_a_head_and_neck_ct_still_changes_the_head() -> None:
    """Guard: a head CT images the face (P17.2): a sinus mass on "CT HEAD/NECK C+" changes the
    head, the neck keeps its contrast code."""
    assert suggested(ANTRUM, "MRI FACE W WO", "CT HEAD/NECK C+") == [
        "contrast-ct-noncontrast-first", "70470", "70491", "70450"]


# ---------------------------------------------- P17.14 head-and-neck subsites, navigation CTs

@pytest.mark.parametrize(("text", "region"), [
    ("CT NASOPHARYNX C+", "neck"),
    ("CT OROPHARYNX W CONTRAST", "neck"),
    ("CT HYPOPHARYNX/LARYNX WWO", "neck"),
    ("CT ORAL CAVITY W CONTRAST", "neck"),
    ("CT NOSE WO", "maxillofacial"),
])
def test_pharynx_oral_cavity_and_nose_names_read_with_their_region(text: str,
                                                                   region: str) -> None:
    assert read(text).region == region


def test_a_nasopharyngeal_ct_is_about_a_nasopharyngeal_mass() -> None:
    report = "FINDINGS: A 3.8 cm mass of the left nasopharynx contains coarse calcification."
    assert suggested(report, "MRI NECK W WO", "CT NASOPHARYNX C+") == [
        "contrast-ct-noncontrast-first", "70492", "70490"]


@pytest.mark.parametrize(("text", "kind"), [
    # a navigation (image-guided surgery) CT acquires thin noncontrast images (StealthStation,
    # LandmarX); read so where no other phase is stated
    ("CT SINUS STEALTH", "ct-noncontrast"),
    ("CT MAXILLOFACIAL STEALTH", "ct-noncontrast"),
    ("CT SINUS LANDMARX", "ct-noncontrast"),
    ("CT SINUS NAVIGATION PROTOCOL", "ct-noncontrast"),
    ("CT HEAD STEALTH W CONTRAST", "ct-contrast"),        # guard: a phase stated decides
])
def test_a_navigation_ct_is_noncontrast(text: str, kind: str) -> None:
    assert read(text).kind == kind


def test_no_contrast_card_before_a_sinus_navigation_ct() -> None:
    assert suggested(ANTRUM, "MRI FACE W WO", "CT SINUS STEALTH") == []
