"""Cranial and orbital operations on a calcified structure (docs/matching-policy.md P18.20,
P18.21, P18.22): a craniotomy or burr-hole evacuation of a calcified chronic subdural hematoma, a
craniotomy or skull-base resection of a calcified tumour, an endoscopic endonasal resection of a
calcified sellar mass, and an orbitotomy with removal of an orbital lesion holding phleboliths draw
surgical-planning (info) when no CT showed the calcification. Each card variant was silent on
251a1ac (unseen48 first run, p1: "CRANIOTOMY EVACUATION SUBDURAL HEMATOMA", CPT 61312, read as
kind other and the subdural collection placed nowhere; p2: "ORBITOTOMY LATERAL W REMOVAL OF
LESION", CPT 67420, kind other). Guards: an endoscopic sinus operation, a dacryocystorhinostomy,
an aneurysm clipping beside a physiologic pineal calcification, a shunt, an orbital decompression
and the other side stay silent."""

from __future__ import annotations

from typing import Any

import pytest

from cds_service.core import rules
from cds_service.core.card_names import side_note
from cds_service.core.orders import classify_order
from cds_service.core.reading import read_report, read_text
from tests.test_order_catalog import leads as catalog_leads
from tests.test_order_catalog import mri
from tests.test_order_catalog import order as order_resource

SDH = (
    "FINDINGS: EXTRA-AXIAL: A 14 mm right convexity subdural collection has thick enhancing "
    "membranes with peripheral curvilinear low signal and blooming on SWI, with diamagnetic "
    "phase, consistent with calcification of the membranes. Mass effect with 5 mm leftward "
    "midline shift. PARANASAL SINUSES: Extensive mucosal thickening of the ethmoid and maxillary "
    "sinuses with bilateral polyps, consistent with chronic rhinosinusitis with nasal polyps. "
    "IMPRESSION: 1. Calcified chronic right subdural hematoma with mass effect and 5 mm midline "
    "shift. 2. Chronic rhinosinusitis with nasal polyps.")
ORBIT_VM = (
    "FINDINGS: ORBITS: A 23 mm ovoid well-circumscribed right intraconal lesion is T2 "
    "hyperintense with progressive patchy fill-in enhancement on dynamic images. A 3 mm round "
    "signal void within it is consistent with a phlebolith. The optic nerve is displaced "
    "medially. LACRIMAL DRAINAGE: The left lacrimal sac is distended with fluid, consistent with "
    "nasolacrimal duct obstruction; no mass. IMPRESSION: 1. 23 mm right intraconal cavernous "
    "venous malformation with a phlebolith, displacing the optic nerve. 2. Left nasolacrimal duct "
    "obstruction.")
MENINGIOMA = (
    "FINDINGS: A 32 mm extra-axial dural-based mass along the right frontal convexity is "
    "T2 hypointense with dense internal low signal on all sequences and blooming on SWI, "
    "consistent with calcification. IMPRESSION: Calcified right frontal convexity meningioma.")
CRANIOPHARYNGIOMA = (
    "FINDINGS: A 26 mm lobulated suprasellar mass has cystic and solid components, with "
    "peripheral rim-like signal void on T2 and SWI suggesting calcification. IMPRESSION: "
    "Suprasellar mass with possible calcification, favoring adamantinomatous craniopharyngioma.")
PINEAL = (
    "FINDINGS: A 6 mm saccular aneurysm arises from the right middle cerebral artery "
    "bifurcation. Physiologic pineal calcification. IMPRESSION: 6 mm right MCA bifurcation "
    "aneurysm.")


def leads(report: str, text: str | None, code: str | None = None, *,
          reason: str | None = None, title: str = "MRI BRAIN W WO CONTRAST") -> list[str]:
    extra: dict[str, Any] = {"reasonCode": [{"text": reason}]} if reason else {}
    return catalog_leads(report, text, code, title=title, **extra)


@pytest.mark.parametrize(("text", "code", "reason"), [
    ("CRANIOTOMY EVACUATION SUBDURAL HEMATOMA", "61312", "Chronic subdural hematoma"),
    (None, "61312", None),
    ("BURR HOLE EVACUATION CHRONIC SUBDURAL HEMATOMA", "61154", None),
    ("BURR HOLE DRAINAGE OF CHRONIC SUBDURAL HEMATOMA", None, None),
    ("RIGHT CRANIOTOMY FOR EVACUATION OF CHRONIC SDH", None, None),
    ("EVACUATION OF RIGHT SUBDURAL HEMATOMA", None, None),
    ("CRANIOTOMY, SUBDURAL HEMATOMA", None, "Calcified chronic subdural hematoma"),
])
def test_a_calcified_chronic_subdural_hematoma_before_its_evacuation(
        text: str | None, code: str | None, reason: str | None) -> None:
    assert leads(SDH, text, code, reason=reason) == ["surgical-planning"]


@pytest.mark.parametrize(("report", "text", "code"), [
    (MENINGIOMA, "RIGHT FRONTAL CRANIOTOMY FOR RESECTION OF MENINGIOMA", None),
    (MENINGIOMA, "CRANIOTOMY EXCISION MENINGIOMA SUPRATENTORIAL", "61512"),
    (MENINGIOMA, "CRANIOTOMY W/ RESECTION TUMOR BRAIN", None),
    (CRANIOPHARYNGIOMA, "ENDOSCOPIC ENDONASAL TRANSSPHENOIDAL RESECTION SUPRASELLAR MASS", None),
    (CRANIOPHARYNGIOMA, "NEUROENDOSCOPY W EXCISION PITUITARY TUMOR", "62165"),
    (CRANIOPHARYNGIOMA, "RESECTION NEOPLASM PARASELLAR SKULL BASE INTRADURAL", "61608"),
])
def test_a_calcified_intracranial_tumour_before_its_resection(
        report: str, text: str, code: str | None) -> None:
    assert leads(report, text, code) == ["surgical-planning"]


@pytest.mark.parametrize(("text", "code", "reason"), [
    ("ORBITOTOMY LATERAL W REMOVAL OF LESION", "67420", "Right orbital mass, proptosis"),
    (None, "67420", None),
    ("ORBITOTOMY W/O BONE FLAP W REMOVAL OF LESION RIGHT", "67412", None),
    ("RIGHT LATERAL ORBITOTOMY FOR EXCISION OF CAVERNOUS VENOUS MALFORMATION", None, None),
    ("EXCISION RIGHT ORBITAL MASS", None, None),
    ("RIGHT ORBITOTOMY, INTRACONAL TUMOR", None, None),
])
def test_an_orbital_lesion_with_a_phlebolith_before_its_removal(
        text: str | None, code: str | None, reason: str | None) -> None:
    assert leads(ORBIT_VM, text, code, reason=reason, title="MRI ORBITS W WO CONTRAST") == [
        "surgical-planning"]


@pytest.mark.parametrize(("report", "text", "code", "reason"), [
    # the twins: an operation on another structure of the same head
    (SDH, "NASAL/SINUS ENDOSCOPY TOTAL ETHMOIDECTOMY", "31255",
     "Chronic rhinosinusitis with nasal polyps"),
    (SDH, "FUNCTIONAL ENDOSCOPIC SINUS SURGERY", None, "Chronic rhinosinusitis"),
    (ORBIT_VM, "DACRYOCYSTORHINOSTOMY", "68720", "Left nasolacrimal duct obstruction"),
    # physiologic calcification is no lesion; a clipping takes nothing out
    (PINEAL, "RIGHT PTERIONAL CRANIOTOMY FOR ANEURYSM CLIPPING", "61700", "MCA aneurysm"),
    (PINEAL, "CRANIOTOMY FOR RESECTION OF TUMOR", None, None),
    # a shunt, an orbital decompression or a foreign body's removal is not surgery on the lesion
    (SDH, "VENTRICULOPERITONEAL SHUNT PLACEMENT", "62223", "Hydrocephalus"),
    (MENINGIOMA, "VP SHUNT INSERTION", None, None),
    (ORBIT_VM, "ORBITOTOMY FOR DECOMPRESSION RIGHT", None, "Thyroid eye disease"),
    (ORBIT_VM, "ORBITOTOMY WITH REMOVAL OF FOREIGN BODY RIGHT", None, None),
    (MENINGIOMA, "DECOMPRESSIVE CRANIECTOMY", None, "Malignant MCA infarct"),
    # the other side
    (ORBIT_VM, "LEFT LATERAL ORBITOTOMY W REMOVAL OF LESION", None, None),
    (SDH, "LEFT BURR HOLE EVACUATION SUBDURAL HEMATOMA", None, None),
])
def test_guards(report: str, text: str, code: str | None, reason: str | None) -> None:
    assert leads(report, text, code, reason=reason) == []


@pytest.mark.parametrize(("text", "site"), [
    ("FINDINGS: Calcified chronic right subdural hematoma with mass effect.", "brain"),
    ("FINDINGS: A 14 mm right convexity subdural collection with calcified membranes.", "brain"),
    ("FINDINGS: Bilateral calcified subdural hygromas over the frontal convexities.", "brain"),
    # a subdural word is the head's only in the head: a spinal level or a spine exam keeps its
    # place (the subdural words are diagnoses of the brain's regions, P1.9)
    ("FINDINGS: A calcified subdural hematoma at T6-T7 compresses the cord.", "thoracic-spine"),
    ("FINDINGS: Lumbar spine: calcified subdural collection at L2 posterior to the cauda "
     "equina.", "lumbar-spine"),
])
def test_a_subdural_collection_is_intracranial_in_the_head_only(text: str, site: str) -> None:
    assert [s.site for s in read_text(text).structures] == [site]


def test_the_side_note_names_no_right_brain() -> None:
    order = classify_order(order_resource("CRANIOTOMY EVACUATION SUBDURAL HEMATOMA", "61312"))
    ev = rules.Evidence(reports=(read_report(mri(SDH, "MRI BRAIN")),), studies=())
    (card,) = rules.merge(rules.evaluate(order, ev))
    note = side_note(card.lead.citations, order.side)
    assert note == "The order does not state a side; the finding is on the right."
