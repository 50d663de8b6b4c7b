"""The masticator space and its muscles lie in the field of a soft-tissue neck CT
(docs/matching-policy.md P4.24, P4.25).

unseen48 k1: a 32 mm calcified intramuscular mass of the right medial pterygoid before "CT SOFT
TISSUE NECK W CONTRAST" (CPT 70491), reason "Masticator space mass", drew no card: the masseter
and pterygoid muscles were the face's only, imaged by a maxillofacial or head CT, so the neck CT
was not about them and its reason's masticator space was read as a place outside its field. The
soft-tissue neck CT runs from the skull base to the thoracic inlet and images the masticator
space (masseter, medial and lateral pterygoids, infratemporal fossa) as it images the
parapharyngeal space. Depth is unchanged: an intramuscular mass there is deep (P17.10), a mass
named in the space only is led by the order's card (P4.9h). Each variant below drew nothing on
ccc3d3c; the guards kept their answer.
"""

from __future__ import annotations

import pytest

from cds_service.core import rules
from cds_service.core.reading import read_report
from tests.test_order_catalog import mri, read


def decisions(report: str, order: str, title: str, **extra: object) -> list[rules.Decision]:
    ev = rules.Evidence(reports=(read_report(mri(report, title)),), studies=())
    return [p.lead for p in rules.merge(rules.evaluate(read(order, **extra), ev))]


def leads(report: str, order: str, title: str = "MRI FACE W WO CONTRAST",
          **extra: object) -> list[str]:
    return [d.rule_id for d in decisions(report, order, title, **extra)]


REASON = {"reasonCode": [{"text": "Masticator space mass"}]}

DEEP = [
    # unseen48 k1's class: the place first, the Impression naming the muscle
    ("FINDINGS: Within the right medial pterygoid muscle there is a 32 mm intramuscular mass "
     "with foci of very low signal on all sequences consistent with calcification.\n"
     "IMPRESSION: 32 mm calcified intramuscular mass of the right medial pterygoid; calcifying "
     "fibrous tumour or sarcoma.", "CT SOFT TISSUE NECK W CONTRAST", "MRI FACE W WO CONTRAST"),
    # the masseter, a neck MRI, a neck CT named without "soft tissue"
    ("IMPRESSION: 4 cm intramuscular venous malformation of the left masseter with "
     "phleboliths.", "CT NECK W CONTRAST", "MRI NECK W WO CONTRAST"),
    # the lateral pterygoid, IV contrast spelled out
    ("FINDINGS: A 3.6 cm heterogeneous intramuscular mass lies within the left lateral "
     "pterygoid muscle and contains coarse calcification.",
     "CT SOFT TISSUE NECK WITH IV CONTRAST", "MRI FACE AND NECK W WO CONTRAST"),
    # the muscle named in the plural, the mass in a list of findings
    ("FINDINGS:\nMASTICATOR SPACE: 2.8 cm intramuscular mass of the right masseter muscle "
     "with chunky calcification; the pterygoid muscles are normal.",
     "CT NECK SOFT TISSUE W CONTRAST", "MRI NECK W WO CONTRAST"),
    # a catalog's short name for the neck CT
    ("IMPRESSION: Calcified 3 cm intramuscular mass of the left medial pterygoid muscle; "
     "synovial sarcoma is in the differential.", "CT STN W CONTRAST",
     "MRI MAXILLOFACIAL W WO CONTRAST"),
]


@pytest.mark.parametrize(("report", "order", "title"), DEEP)
def test_an_intramuscular_masticator_mass_is_the_target_of_a_neck_ct(
        report: str, order: str, title: str) -> None:
    found = decisions(report, order, title, **REASON)
    assert [d.rule_id for d in found] == ["deep-soft-tissue-mass"]
    assert found[0].ct_region == "neck"  # the neck's own noncontrast CT (P17.15)


@pytest.mark.parametrize(("report", "order", "title"), DEEP[:2])
def test_without_a_reason_too(report: str, order: str, title: str) -> None:
    assert leads(report, order, title) == ["deep-soft-tissue-mass"]


@pytest.mark.parametrize("report", [
    # the space named, no muscle holds it: the order's card (P4.9h)
    "FINDINGS: A 4 cm enhancing mass centred in the left masticator space contains coarse "
    "calcification.",
    "IMPRESSION: 5.2 cm slow-flow venous malformation of the left infratemporal fossa with "
    "phleboliths.",
])
def test_a_mass_of_the_space_is_led_by_the_contrast_card(report: str) -> None:
    found = decisions(report, "CT SOFT TISSUE NECK W CONTRAST", "MRI NECK W WO CONTRAST")
    assert [(d.rule_id, d.ct_region) for d in found] == [("contrast-ct-noncontrast-first",
                                                          "neck")]


def test_the_maxillofacial_ct_keeps_its_own_region() -> None:
    found = decisions("IMPRESSION: 4 cm intramuscular venous malformation of the left masseter "
                      "with phleboliths.", "CT MAXILLOFACIAL W CONTRAST", "MRI FACE")
    assert [(d.rule_id, d.ct_region) for d in found] == [("deep-soft-tissue-mass",
                                                          "maxillofacial")]


@pytest.mark.parametrize("report", [
    "IMPRESSION: 3.9 cm intramuscular hemangioma of the right temporalis with phleboliths.",
    "FINDINGS: A 2.4 cm intramuscular mass of the left buccinator contains punctate "
    "calcification.",
])
def test_an_intramuscular_mass_of_the_temporalis_or_buccinator_is_deep(report: str) -> None:
    assert leads(report, "CT MAXILLOFACIAL W CONTRAST") == ["deep-soft-tissue-mass"]


# --- guards ---------------------------------------------------------------------------------

def test_the_temporalis_in_the_temporal_fossa_is_not_in_a_neck_cts_field() -> None:
    report = "IMPRESSION: 3.9 cm intramuscular hemangioma of the right temporalis with phleboliths."
    assert leads(report, "CT SOFT TISSUE NECK W CONTRAST", "MRI FACE") == []
    assert leads(report, "CT MAXILLOFACIAL W CONTRAST", "MRI FACE") == ["deep-soft-tissue-mass"]


def test_a_ramus_lesion_displacing_the_pterygoid_is_bone() -> None:  # the k1 twin
    report = ("FINDINGS: An expansile 32 mm lesion of the right mandibular ramus shows rings and "
              "arcs of low signal consistent with chondroid matrix mineralization. The medial "
              "pterygoid muscle is displaced but not invaded.\nIMPRESSION: Expansile chondroid "
              "lesion of the right mandibular ramus; chondrosarcoma is the main concern.")
    assert leads(report, "CT SOFT TISSUE NECK W CONTRAST", **REASON) == []


@pytest.mark.parametrize("order", ["CT SOFT TISSUE NECK W CONTRAST", "CT MAXILLOFACIAL W CONTRAST"])
def test_tonsilloliths_beside_a_masseter_malformation_without_phleboliths(order: str) -> None:
    report = ("FINDINGS: A 36 mm intramuscular lesion in the right masseter is markedly T2 "
              "hyperintense. No phleboliths or signal voids within it. Small calcified "
              "tonsilloliths in the left palatine tonsil, incidental.\nIMPRESSION: 36 mm "
              "intramuscular venous malformation of the right masseter without phleboliths.")
    assert leads(report, order) == []


def test_a_parotid_mass_beside_the_masseter_stays_the_parotids() -> None:  # P17.4
    report = ("FINDINGS: A 2.1 cm mass in the deep lobe of the left parotid gland with coarse "
              "calcification abuts the masseter.")
    ev = rules.Evidence(reports=(read_report(mri(report, "MRI NECK")),), studies=())
    assert {s.site for s in ev.reports[0].findings.structures} == {"parotid"}
    assert leads(report, "CT SOFT TISSUE NECK W CONTRAST", "MRI NECK") == [
        "contrast-ct-noncontrast-first"]


def test_a_subcutaneous_cheek_nodule_over_the_masseter_stays_superficial() -> None:
    report = ("FINDINGS: A 1.6 cm subcutaneous nodule of the right cheek with internal "
              "calcification, superficial to the masseter.")
    ev = rules.Evidence(reports=(read_report(mri(report, "MRI FACE")),), studies=())
    assert {s.site for s in ev.reports[0].findings.structures} == {"face"}
    assert leads(report, "US GUIDED CORE BIOPSY RIGHT CHEEK NODULE") == ["biopsy-calcified-mass"]
    assert leads(report, "CT MAXILLOFACIAL W CONTRAST") == ["contrast-ct-noncontrast-first"]


def test_a_masticator_mass_is_not_the_target_of_a_chest_or_head_ct() -> None:
    report = ("IMPRESSION: 4 cm intramuscular venous malformation of the left masseter with "
              "phleboliths.")
    assert leads(report, "CT CHEST W CONTRAST") == []
    assert leads(report, "CT ORBITS W CONTRAST") == []
