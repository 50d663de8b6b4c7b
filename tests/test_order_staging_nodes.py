"""A calcified node before imaging that covers it: the organ or side a reason naming a malignancy
or its staging names is the primary's, whose nodes are in the field (docs/matching-policy.md
P4.4b). A contrast CT or MRI
of the neck, chest or abdomen "for papillary thyroid carcinoma staging" is about a calcified
retropharyngeal, level VI or contralateral node, as one with no reason is; a biopsy naming the
organ is not about the node (P15.2), and a limb's CT stays on the reason's side. Each card test
failed on fd30147 (unseen18 first run, g1: a calcified right retropharyngeal node before a contrast
neck CT for papillary thyroid carcinoma staging drew no card)."""

from __future__ import annotations

import pytest

from tests.test_order_catalog import leads


def _reason(text: str) -> dict:
    return {"reasonCode": [{"text": text}]}


RETROPHARYNGEAL = ("FINDINGS: LYMPH NODES: A 13 mm right retropharyngeal lymph node, rounded and "
                   "T1 hyperintense, contains punctate foci of signal void on all sequences, "
                   "suggesting microcalcification.")

STAGING = [
    (RETROPHARYNGEAL, "MRI NECK", "CT SOFT TISSUE NECK W CONTRAST", "70491",
     "Papillary thyroid carcinoma staging"),
    (RETROPHARYNGEAL, "MRI NECK", "CT NECK W IV CONTRAST", None,
     "Right thyroid lobe carcinoma, Bethesda VI; nodal staging"),
    ("FINDINGS: A calcified 12 mm right level VI (paratracheal) lymph node.", "MRI NECK",
     "CT NECK W CONTRAST", None, "Medullary thyroid carcinoma"),
    ("FINDINGS: A 15 mm left level III lymph node contains coarse calcification.", "MRI NECK",
     "CT SOFT TISSUE NECK W CONTRAST", "70491", "Papillary carcinoma of the right thyroid lobe"),
    ("FINDINGS: A 2 cm subcarinal lymph node with coarse calcification.", "MRI CHEST",
     "CT CHEST W CONTRAST", "71260", "Right upper lobe lung cancer staging"),
    ("FINDINGS: Mediastinum: an enlarged right paratracheal lymph node shows mixed signal "
     "intensity with foci of signal loss.", "MRI CHEST", "CT CHEST WITH CONTRAST", None,
     "Esophageal adenocarcinoma staging"),
    ("FINDINGS: Left retropharyngeal node, 11 mm, with internal foci of blooming on the "
     "gradient-echo images, possibly calcification.", "MRI NECK", "MRI NECK W WO CONTRAST", None,
     "Thyroid cancer restaging"),
    ("FINDINGS: A 1.5 cm left obturator lymph node contains punctate calcification.",
     "MRI PELVIS", "CT ABD PELVIS W CONTRAST", "74177", "Right ovarian carcinoma staging"),
    # already carded on fd30147, kept: a node whose place is its region's
    ("FINDINGS: A 16 mm left supraclavicular lymph node contains foci of calcification.",
     "MRI NECK", "CT NECK W CONTRAST", None, "Papillary thyroid carcinoma staging"),
    ("FINDINGS: A 2.4 cm mesenteric lymph node with central calcification and surrounding "
     "desmoplastic strands.", "MRI ABDOMEN", "CT ABDOMEN W CONTRAST", "74160",
     "Ileal neuroendocrine tumor staging"),
]


@pytest.mark.parametrize(("report", "title", "text", "code", "reason"), STAGING)
def test_a_calcified_node_in_the_field_of_a_staging_study_draws_the_nodal_card(
        report: str, title: str, text: str, code: str | None, reason: str) -> None:
    assert leads(report, text, code, title=title, **_reason(reason)) == ["nodal-calcification"]


@pytest.mark.parametrize(("report", "title", "text", "reason"), [
    (RETROPHARYNGEAL, "MRI NECK", "US FNA RIGHT THYROID NODULE", "Thyroid nodule"),
    (RETROPHARYNGEAL, "MRI NECK", "CT CHEST W CONTRAST", "Thyroid cancer staging"),
    (RETROPHARYNGEAL, "MRI NECK", "CT NECK WITHOUT CONTRAST", "Thyroid cancer staging"),
    ("FINDINGS: A 1.8 cm calcified right inguinal lymph node.", "MRI PELVIS",
     "CT LOWER EXTREMITY W CONTRAST", "Left thigh sarcoma"),
    # a reason naming no malignancy asks about its organ's lesion, not the nodes (P4.4b, P4.3a)
    (RETROPHARYNGEAL, "MRI NECK", "CT NECK W CONTRAST", "Right thyroid nodule, follow-up"),
    ("FINDINGS: A 2 cm subcarinal lymph node with coarse calcification. A 9 mm right upper lobe "
     "nodule.", "MRI CHEST", "CT CHEST W CONTRAST", "Right upper lobe lung nodule follow-up"),
])
def test_a_node_outside_the_order_or_its_procedure_stays_silent(
        report: str, title: str, text: str, reason: str) -> None:
    assert leads(report, text, title=title, **_reason(reason)) == []
