"""The card loader refuses bad card content; the markdown quote is safe."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from cds_service.config import DEFAULT_CARDS_DIR
from cds_service.core.card_library import CardContentError, load_library
from cds_service.core.cards import md_quote
from cds_service.core.rules import RULES


@pytest.fixture
def cards_copy(tmp_path: Path) -> Path:
    target = tmp_path / "cards"
    shutil.copytree(DEFAULT_CARDS_DIR, target)
    return target


def test_shipped_cards_load_and_cover_every_rule():
    lib = load_library(DEFAULT_CARDS_DIR)
    assert {r.id for r in RULES} <= set(lib.cards)
    assert all(r.display for r in lib.override_reasons)
    for card in lib.cards.values():
        assert card.guidance


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_unknown_key_is_refused(cards_copy):
    _edit(cards_copy / "signal-void.yaml", "indicator: warning", "indicator: warning\ncolour: red")
    with pytest.raises(CardContentError, match="unknown keys"):
        load_library(cards_copy)


def test_bad_indicator_is_refused(cards_copy):
    _edit(cards_copy / "signal-void.yaml", "indicator: warning", "indicator: hard-stop")
    with pytest.raises(CardContentError, match="indicator"):
        load_library(cards_copy)


def test_unknown_template_variable_is_refused(cards_copy):
    _edit(cards_copy / "signal-void.yaml", "{{ shown }}", "{{ patient_name }}")
    with pytest.raises(CardContentError, match="patient_name"):
        load_library(cards_copy)


def test_long_summary_is_refused(cards_copy):
    _edit(cards_copy / "signal-void.yaml", "can clarify", "can clarify " + "x" * 120)
    with pytest.raises(CardContentError, match="limit"):
        load_library(cards_copy)


def test_missing_card_for_a_rule_is_refused(cards_copy):
    (cards_copy / "signal-void.yaml").unlink()
    with pytest.raises(CardContentError, match="signal-void"):
        load_library(cards_copy)


def test_unknown_suggestion_is_refused(cards_copy):
    _edit(cards_copy / "signal-void.yaml", "suggestions: [", "suggestions: [order-pizza, ")
    with pytest.raises(CardContentError, match="order-pizza"):
        load_library(cards_copy)


def test_md_quote_escapes_markdown_and_flattens_lines():
    assert md_quote("**bold** [link](http://x)\n<script>") == (
        "\\*\\*bold\\*\\* \\[link\\](http\\[:\\]//x) \\<script\\>")  # no live URL


def test_states_names_only_rules(cards_copy):
    _edit(cards_copy / "signal-void.yaml", "states: [contrast-ct-noncontrast-first]",
          "states: [no-such-rule]")
    with pytest.raises(CardContentError, match="states"):
        load_library(cards_copy)



def test_a_question_names_a_known_purpose_and_indicator(cards_copy):
    _edit(cards_copy / "crystal-deposition.yaml", "otherwise: info", "otherwise: quiet")
    with pytest.raises(CardContentError, match="question must map"):
        load_library(cards_copy)


# --------------------------------------------------------------------------- force (P11.5)

_FIRM = re.compile(r"\bdo not proceed\b|\bmandatory\b|\bessential\b", re.I)


@pytest.mark.parametrize("asked", [True, False])
def test_summary_and_detail_agree_in_force_with_the_indicator(asked: bool) -> None:
    """P11.5: a warning card whose text instructs ("Do not proceed to biopsy", "obtain") does not
    soften to "consider" in either summary, a possible finding's included; an info card's text
    never says "mandatory" or "do not proceed"."""
    lib = load_library(DEFAULT_CARDS_DIR)
    for card in lib.cards.values():
        indicator = card.indicator if asked or card.question is None else card.otherwise
        for kind in ("mass", "bone", "joint", "tendon", "node", "heart"):
            values = _values(asked=asked, kind=kind)
            summaries = [t.render(values) for t in (card.summary_affirmed, card.summary_possible)]
            detail = card.detail.render(values | {"evidence": "", "footer": ""})
            if _FIRM.search(detail) or indicator == "warning" and "obtain" in detail.lower():
                assert not any("consider" in s.lower() for s in summaries), (card.id, summaries)
            if indicator == "info":
                assert not _FIRM.search(detail), (
                    card.id)


def _values(**kw: object) -> dict[str, object]:
    from cds_service.core.card_library import VARIABLES
    return {v: "" for v in VARIABLES} | {"shown": "MRI (2026-10-01)", "order": "the order",
                                        "order_kinds": ["biopsy"], "ct": "CT", "age": None} | kw


def _card(reason: str | None, text: str = "FINDINGS: Chondrocalcinosis of the medial and lateral "
                  "menisci of the left knee.", title: str = "MRI LEFT KNEE",
                  order: str = "MRI left knee without contrast") -> dict[str, Any]:
    from cds_service.core import rules
    from cds_service.core.cards import render
    from cds_service.core.orders import classify_order
    from cds_service.core.reading import read_report
    from tests.test_card_names import report

    ev = rules.Evidence(reports=(read_report(report(text, title)),), studies=())
    draft = classify_order({"resourceType": "ServiceRequest", "id": "o1", "status": "draft",
                            "intent": "order", "subject": {"reference": "Patient/p1"},
                            "code": {"text": order},
                            } | ({"reasonCode": [{"text": reason}]} if reason else {}))
    problem = rules.merge(rules.evaluate(draft, ev))[0]
    return render(problem, load_library(DEFAULT_CARDS_DIR), patient_id="p1",
                  new_id=lambda: "id").card.to_json()


def test_the_crystal_card_is_a_warning_only_when_the_order_asks_the_crystal_question() -> None:
    """P4.4, P11.5: "when evaluating for crystal deposition diseases if MRI was performed first"
    is a mandatory scenario: an order asking it (pseudogout) gets a warning that says "evaluate
    it with CT"; an MRI ordered for another question (instability) gets information, worded "if
    the question involves" it."""
    asked = _card("Recurrent effusion, evaluate for pseudogout")
    other = _card("Recurrent patellar instability")
    assert (asked["indicator"], other["indicator"]) == ("warning", "info")
    assert "evaluate it with CT" in asked["summary"] and "If the question" not in asked["detail"]
    assert "evaluate it" not in other["summary"] and "If the question involves" in other["detail"]
    # an MRI ordered for another question is never offered to be replaced by CT (P4.4)
    assert any("Replace the MRI" in x["label"] for x in asked["suggestions"])
    assert not any("Replace the MRI" in x["label"] for x in other["suggestions"])


_PERICARDIUM = ("FINDINGS: Pericardial thickening with calcification along the "
                "atrioventricular groove.")
_CORONARY = ("FINDINGS: Dense calcification of the proximal left anterior descending coronary "
             "artery.")
_INFARCT = ("FINDINGS: Thinned inferior wall with a central focus of signal void, consistent with "
            "a calcified myocardial infarction.")
_THROMBUS = ("FINDINGS: A 2.4 cm laminated apical thrombus with a central focus of signal void "
             "consistent with a calcified thrombus.")
_VALVE = ("FINDINGS: The aortic valve leaflets are thickened and heavily calcified, with "
          "restricted opening.")


@pytest.mark.parametrize(("text", "order", "reason", "indicator"), [
    # the order asks about the calcified structure: a warning
    (_CORONARY, "CTA coronary arteries w contrast", "Chest pain", "warning"),
    (_CORONARY, "CT CORONARY ANGIOGRAM (CCTA)", None, "warning"),
    (_CORONARY, "MRI cardiac stress perfusion w/wo", "Known CAD, recurrent angina", "warning"),
    (_PERICARDIUM, "MRI cardiac w/wo", "Constrictive pericarditis, preoperative", "warning"),
    (_PERICARDIUM, "Cardiac MRI", "Evaluate for constriction", "warning"),
    (_PERICARDIUM, "CT coronary angiogram", "Pre-pericardiectomy coronary assessment", "warning"),
    (_VALVE, "CTA chest abdomen pelvis TAVR protocol", None, "warning"),
    (_VALVE, "CT cardiac w contrast", "Severe aortic stenosis, valve replacement planning",
     "warning"),
    # it asks another question, or none: information
    (_PERICARDIUM, "Cardiac MRI for morphology and function w/wo", None, "info"),
    (_PERICARDIUM, "MRI cardiac w/wo", "History of pericarditis, now dyspnea", "info"),
    (_PERICARDIUM, "CTA coronary arteries w contrast", "Chest pain", "info"),
    (_CORONARY, "MRI cardiac w/wo", "Constrictive pericarditis", "info"),
    (_INFARCT, "CTA coronary arteries w contrast", "Chest pain", "info"),
    (_INFARCT, "CT coronary angiogram", "Ischemic cardiomyopathy, coronary anatomy before "
     "revascularization", "info"),
    (_INFARCT, "Cardiac MRI for morphology and function w/wo", None, "info"),
    (_THROMBUS, "MRI cardiac w/wo", "LV thrombus follow-up on anticoagulation", "info"),
    (_VALVE, "MRI cardiac w/wo", "Dyspnea", "info"),
])
def test_the_cardiovascular_card_is_a_warning_when_the_order_asks_about_the_structure(
        text: str, order: str, reason: str | None, indicator: str) -> None:
    """P11.13 (review round 4, R3): calcified coronary arteries before a coronary CTA or a
    coronary work-up, pericardial calcification before a constriction work-up or a
    pericardiectomy, a calcified valve before TAVR planning or a valve procedure: the order asks
    about the calcified structure, a warning that says "obtain noncontrast CT". A thrombus
    follow-up MRI, a coronary CTA over a calcified infarct, an MRI with no stated question, a
    clause of history: information, worded "if the question involves the calcification", and an
    MRI asking another question is not offered to be replaced."""
    card = _card(reason, text, "MRI CARDIAC WITHOUT AND WITH CONTRAST", order)
    assert card["indicator"] == indicator, card["summary"]
    asked = indicator == "warning"
    assert ("obtain noncontrast CT" in card["summary"]) is asked, card["summary"]
    assert ("The order asks about the calcified" in card["detail"]) is asked
    assert ("If the question involves the calcification" in card["detail"]) is not asked
    if not asked:
        assert not any("Replace the MRI" in x["label"] for x in card["suggestions"])


@pytest.mark.parametrize(("text", "label"), [
    (_PERICARDIUM, "Order CT heart without contrast first"),
    (_INFARCT, "Order CT heart without contrast first"),
    (_CORONARY, "Order CT heart without contrast with coronary calcium quantification first"),
])
def test_a_ccta_s_noncontrast_images_are_named_for_the_structure(text: str, label: str) -> None:
    """P11.2 (review round 5, W-cv1): on a coronary CTA the suggested noncontrast acquisition
    (CPT 75571) is named "CT heart without contrast" for the pericardium or an infarct, "with
    coronary calcium quantification" only for the coronary arteries; the code stays 75571."""
    card = _card("Pre-pericardiectomy coronary assessment", text, "MRI CARDIAC",
                 "CT coronary angiogram")
    (suggestion,) = card["suggestions"]
    assert suggestion["label"] == label
    code = suggestion["actions"][0]["resource"]["code"]
    assert code["coding"][0]["code"] == "75571" and code["text"] == label[6:-6]


@pytest.mark.parametrize(("text", "name"), [
    ("FINDINGS: Probable calcified plaque of the proximal left circumflex artery, seen as signal "
     "loss.", "left circumflex artery"),
    (_CORONARY, "left anterior descending artery"),
    ("IMPRESSION: Coronary artery calcification of the LAD and RCA.", "coronary arteries"),
])
def test_a_calcified_coronary_artery_is_named_by_its_branch(text: str, name: str) -> None:
    """P11.16 (review round 5): one branch named is the name ("left circumflex artery", never
    "coronary arteries"); several keep "coronary arteries"."""
    card = _card("Chest pain", text, "MRI CARDIAC", "CTA coronary arteries w contrast")
    assert f"**Finding:** {name};" in card["detail"], card["detail"]


def test_a_calcified_valve_is_named_by_its_valve() -> None:
    """P11.6, P11.13: a heart lesion is named by its part, a valve by the valve, never "heart"."""
    card = _card(None, _VALVE, "MRI CARDIAC", "CTA chest abdomen pelvis TAVR protocol")
    assert "**Finding:** aortic valve;" in card["detail"], card["detail"]


def test_a_question_maps_each_structure_to_a_known_purpose(cards_copy):
    _edit(cards_copy / "cardiovascular-calcification.yaml", "pericardium: pericardial",
          "pericardium: pericarditis")
    with pytest.raises(CardContentError, match="question must map"):
        load_library(cards_copy)


def test_the_ultrasound_is_labelled_as_a_clinician_reads_an_order() -> None:
    """P11.6 (P11: "never by a CPT descriptor"): the suggested ultrasound names the structure and
    its side ("Order ultrasound of the right supraspinatus tendon"); the CPT code carries the
    procedure, its descriptor stays in the coding."""
    card = _card("Shoulder pain, calcific tendinitis", "FINDINGS: A 9 mm calcific deposit "
                         "in the distal supraspinatus tendon.", "MRI RIGHT SHOULDER",
                         "MRI right shoulder without contrast")
    labels = [s["label"] for s in card["suggestions"]]
    assert "Order ultrasound of the right supraspinatus tendon" in labels, labels
    assert not any("extremity" in x and "ultrasound" in x for x in labels)
    us = next(s for s in card["suggestions"] if "ultrasound" in s["label"])
    code = us["actions"][0]["resource"]["code"]
    assert code["text"] == "Ultrasound of the right supraspinatus tendon"
    assert code["coding"][0]["code"] == "76882"


@pytest.mark.parametrize("order", ["Excision of pericardial mass",
                                   "CT guided biopsy pericardial mass"])
def test_a_cardiac_mass_gets_a_chest_ct_not_a_calcium_score(order: str) -> None:
    """P11.2 by the structure, not the organ: the coronary calcium-score CT is for the coronary
    arteries (or a CCTA's own noncontrast images); a calcified pericardial mass before its
    surgery or biopsy gets the noncontrast chest CT (corpus roco-PMC3845733, lead 13:23)."""
    card = _card(None, "FINDINGS: A 5.2 cm intrapericardial mass along the right atrium contains "
                 "coarse calcification.", "MRI CARDIAC", order)
    codes = {a["resource"]["code"]["coding"][0]["code"]
             for s in card["suggestions"] for a in s["actions"] if a["type"] == "create"}
    assert codes == {"71250"}


def test_the_crystal_card_names_no_disease_the_report_does_not() -> None:
    """P11.6 (rules 13:48): a calcified gouty tophus draws the crystal-deposition card (P4.8); its
    text names crystal deposition, not CPPD or pseudogout, which the report does not say."""
    card = _card("Gout flare", "FINDINGS: A lobulated 1.8 cm deposit along the medial first MTP "
                 "joint contains punctate foci of very low signal, consistent with a partially "
                 "calcified gouty tophus.", "MRI LEFT FOREFOOT", "MRI left forefoot with contrast")
    text = card["detail"].split("\n> ", 1)[1]
    assert "crystal deposition" in text and not re.search(r"CPPD|pseudogout", text)


def test_a_node_another_modality_showed_is_not_described_as_mri_signal() -> None:
    """P20, P11.6: the nodal card on a calcification an ultrasound showed (cited in the MRI) says
    so, not "Mixed signal in lymph nodes on MRI"; an MRI finding keeps the MRI wording."""
    cited = _card(None, "FINDINGS:\nLymph nodes: A 1.9 cm round left supraclavicular lymph node "
                  "without a fatty hilum. On the ultrasound of 2026-08-21 it contained echogenic "
                  "foci with posterior acoustic shadowing.", "MRI NECK",
                  "US guided FNA left supraclavicular lymph node")
    assert "here shown by ultrasound" in cited["detail"] and "signal" not in cited["detail"]
    own = _card(None, "FINDINGS: A 14 mm right level III lymph node contains punctate "
                "calcification.", "MRI NECK", "US guided FNA right neck lymph node")
    # a stated calcification is named so, and "rectal cancer" only for a pelvic node (round 4)
    assert "Calcification in a lymph node may indicate" in own["detail"]
    assert "rectal" not in own["detail"] and "Mixed signal" not in own["detail"]
    mixed = _card(None, "FINDINGS: A 6 mm mesorectal lymph node has mixed signal intensity, "
                  "possibly calcification.", "MRI PELVIS", "US guided FNA mesorectal lymph node")
    assert "Mixed signal in lymph nodes on MRI" in mixed["detail"]
    assert "particularly in rectal cancer" in mixed["detail"]


@pytest.mark.parametrize(("reason", "text", "order"), [
    ("Endometrial cancer staging", "FINDINGS: A 1.5 cm right obturator lymph node contains foci "
     "of signal void on all sequences, suggesting calcification.", "CT ABD PELVIS W CONTRAST"),
    ("Prostate cancer staging", "FINDINGS: A 14 mm left external iliac lymph node has mixed "
     "signal intensity, possibly calcification.", "CT PELVIS W CONTRAST"),
    ("Cervical carcinoma", "FINDINGS: A calcified 16 mm right internal iliac lymph node.",
     "CT PELVIS WITH CONTRAST"),
    ("Ovarian cancer, staging", "FINDINGS: A 12 mm left common iliac lymph node with punctate "
     "calcification.", "CT ABDOMEN PELVIS W IV CONTRAST"),
    ("Bladder urothelial carcinoma", "FINDINGS: A 13 mm left obturator lymph node shows central "
     "blooming on the in-phase images, possibly calcification.", "CT ABD PELVIS W CONTRAST"),
    ("Anal canal squamous cell carcinoma", "FINDINGS: A 15 mm right inguinal lymph node with "
     "mixed signal and foci of signal loss, possibly calcification.", "CT PELVIS W CONTRAST"),
])
def test_a_pelvic_node_of_any_primary_is_not_said_to_be_rectal_cancers(
        reason: str, text: str, order: str) -> None:
    """P20.3a: the guidance's "particularly in rectal cancer" is said only of a mesorectal node."""
    card = _card(reason, text, "MRI PELVIS", order)
    assert "may indicate" in card["detail"] and "rectal" not in card["detail"]


def test_a_mesorectal_node_keeps_the_guidances_rectal_cancer_parenthesis() -> None:
    card = _card("Rectal adenocarcinoma staging", "FINDINGS: A 7 mm perirectal lymph node in the "
                 "mesorectum contains a focus of calcification.", "MRI PELVIS",
                 "CT ABD PELVIS W CONTRAST")
    assert "particularly in rectal cancer" in card["detail"]


def test_round_4_suggestions_carry_the_side_and_a_tendon_gets_ultrasound_first() -> None:
    """P11.8 (review round 4): the label and the text name the limb study with its side ("Order
    CT right lower extremity without contrast first"); a limb tendon deposit is offered the
    ultrasound first, then CT; a chondrocalcinosis keeps CT first."""
    tendon = _card("Shoulder pain, calcific tendinitis", "FINDINGS: A 9 mm calcific deposit in "
                   "the distal supraspinatus tendon.", "MRI RIGHT SHOULDER",
                   "MRI right shoulder without contrast")
    labels = [s["label"] for s in tendon["suggestions"]]
    assert labels[:2] == ["Order ultrasound of the right supraspinatus tendon",
                          "Order CT right upper extremity without contrast first"], labels
    assert "(**CT right upper extremity without contrast**)" in tendon["detail"]
    knee = _card("Knee pain, pseudogout?")
    assert [s["label"] for s in knee["suggestions"]][0] == (
        "Order CT left lower extremity without contrast first")


def test_round_4_text_the_planning_card_and_the_quote() -> None:
    """P11.8: the planning card says nothing about a biopsy nobody ordered; a quote joining the
    sentence describing the lesion shows one ellipsis, not "… …"; a proper noun keeps its
    capital ("left Achilles tendon")."""
    plan = _card(None, "FINDINGS: 4 cm soft tissue mass in the right thigh with coarse "
                 "calcification.", "MRI RIGHT THIGH", "Wide excision right thigh mass")
    assert "biopsy" not in plan["detail"].lower()
    long = ("FINDINGS:\nA 5.0 cm lobulated mass in the left forearm composed of tubular and "
            "saccular channels with fluid-fluid levels, interspersed fat and slow flow, abutting "
            "the radius and the interosseous membrane over a long segment of the forearm. "
            "The lesion contains several round foci of signal void, likely phleboliths.")
    quoted = _card(None, long, "MRI LEFT FOREARM", "CT left forearm with contrast")["detail"]
    assert "… …" not in quoted and "… The lesion contains" in quoted
    achilles = _card("Heel pain", "FINDINGS: A 7 mm calcific deposit at the insertion of the "
                     "Achilles tendon.", "MRI LEFT ANKLE", "MRI left ankle without contrast")
    assert "**Finding:** left Achilles tendon (7 mm)" in achilles["detail"]


def test_a_temporomandibular_joint_gets_a_maxillofacial_ct_not_a_head_ct() -> None:
    """P11.10 (review W8): the CT of the temporomandibular joint is the maxillofacial CT (70486),
    the region the anatomy table gives the joint, never a head CT."""
    card = _card("Jaw pain, CPPD?", "FINDINGS: Clumped low-signal foci in the superior joint space "
                 "of the left temporomandibular joint, consistent with calcium pyrophosphate "
                 "deposition.", "MRI TEMPOROMANDIBULAR JOINTS", "MR TMJ BILATERAL")
    labels = [s["label"] for s in card["suggestions"]]
    assert labels[0] == "Order CT maxillofacial without contrast first", labels
    assert "CT head" not in card["detail"]
    codes = {a["resource"]["code"]["coding"][0]["code"]
             for s in card["suggestions"] for a in s["actions"] if a["type"] == "create"}
    assert codes == {"70486"}


@pytest.mark.parametrize(("order", "label", "codes"), [
    # P11.11 amended (review round 4, open at the end): a C/A/P keeps its chest with contrast
    ("CT C/A/P W CONTRAST", "Change to CT chest with contrast; abdomen and pelvis without and "
     "with contrast", ["71260", "74178"]),
    ("CT abdomen and pelvis with contrast", "Change to CT abdomen and pelvis without and with "
     "contrast", ["74178"]),
])
def test_the_nodal_card_changes_a_contrast_ct_of_the_nodes_region(order: str, label: str,
                                                                   codes: list[str]) -> None:
    """P11.11 (review W3, round 4): on a contrast-only CT the nodal card recommends changing that
    order to without-and-with (as the contrast card does, P11.1), not a second CT; of a CT of
    several regions only the node's region changes, the others keep their contrast code."""
    card = _card("Rectal cancer staging", "FINDINGS: An 8 mm mesorectal lymph node contains a "
                 "calcified focus.", "MRI PELVIS", order)
    first = card["suggestions"][0]
    assert first["label"] == label, [s["label"] for s in card["suggestions"]]
    action = first["actions"][0]
    assert action["type"] == "update"
    assert [c["code"] for c in action["resource"]["code"]["coding"]] == codes
    assert f"**{label.removeprefix('Change to ')}**" in card["detail"]


@pytest.mark.parametrize(("text", "title", "order", "codes", "part"), [
    ("FINDINGS: A 14 mm left external iliac lymph node shows mixed signal with foci of signal "
     "loss.", "MRI PELVIS", "CT CHEST ABDOMEN PELVIS W IV CONTRAST", ["71260", "74178"],
     "abdomen and pelvis"),
    ("FINDINGS: Right level IV lymph nodes up to 1.5 cm contain punctate calcification.",
     "MRI NECK", "CT NECK AND CHEST WITH CONTRAST", ["70492", "71260"], "neck"),
    ("FINDINGS: A 2 cm subcarinal lymph node contains coarse calcification.", "MRI CHEST",
     "CT C/A/P W CONTRAST", ["71270", "74177"], "chest"),
    ("FINDINGS: A 1.2 cm right inguinal lymph node contains a calcified focus.", "MRI PELVIS",
     "CT CAP WITH CONTRAST", ["71260", "74178"], "abdomen and pelvis"),
    ("FINDINGS: Left supraclavicular nodes up to 1.8 cm with mixed signal intensity and signal "
     "loss, possibly calcification.", "MRI NECK", "CT SOFT TISSUE NECK/CHEST W CONTRAST",
     ["70492", "71260"], "neck"),
])
def test_a_ct_of_several_regions_gets_noncontrast_images_of_the_nodes_region_only(
        text: str, title: str, order: str, codes: list[str], part: str) -> None:
    """P11.11 amended (review round 4: "noncontrast images of the pelvis would do"): a staging CT
    of several regions keeps the regions the node is not in with contrast only."""
    card = _card("Staging", text, title, order)
    action = card["suggestions"][0]["actions"][0]
    assert [c["code"] for c in action["resource"]["code"]["coding"]] == codes
    assert f"noncontrast images of the node's region, changing only the **{part}**" in card[
        "detail"], card["detail"]


def test_the_contrast_card_changes_only_the_masss_region_of_a_ct_of_several() -> None:
    card = _card("Staging", "FINDINGS: A 4 cm left adrenal mass contains coarse calcification.",
                 "MRI ABDOMEN", "CT C/A/P W CONTRAST")
    action = card["suggestions"][0]["actions"][0]
    assert [c["code"] for c in action["resource"]["code"]["coding"]] == ["71260", "74178"]
    assert "change only the **abdomen and pelvis** of the order" in card["detail"]


def test_a_breast_mass_gets_a_diagnostic_mammogram_not_a_chest_ct() -> None:
    """P13.6 (lead 15:05, review R4/R5): mammography is the reference for breast calcification
    (the organ's own reference modality, issue 17 §2): before a breast biopsy the card suggests a
    diagnostic mammogram of that side (CPT 77065), never a chest CT."""
    card = _card("BI-RADS 5 right breast mass", "FINDINGS: Right breast: at 10 o'clock a 1.6 cm "
                 "irregular mass; a few punctate dark foci within the mass may represent "
                 "calcifications.", "MRI BILATERAL BREASTS", "MR GUIDED BIOPSY RIGHT BREAST MASS")
    labels = [s["label"] for s in card["suggestions"]]
    assert labels == ["Order diagnostic mammogram of the right breast first"], labels
    resource = card["suggestions"][0]["actions"][0]["resource"]
    assert resource["code"]["coding"][0]["code"] == "77065"
    assert "CT" not in card["summary"] and "CT chest" not in card["detail"]
    assert "diagnostic mammogram" in card["summary"]


def test_an_unreported_radiograph_of_the_part_is_named_for_review() -> None:
    """P16.7 (review W11): a radiograph study of the bone lesion's part on record with no report
    in the record is named on the bone card, for the matrix to be looked at there first; a
    radiograph with its report is not named."""
    from cds_service.core import rules
    from cds_service.core.cards import render
    from cds_service.core.orders import classify_order
    from cds_service.core.reading import read_report
    from cds_service.core.reading.facts import StudyFacts
    from tests.test_card_names import report

    text = ("FINDINGS: A 3.8 cm intramedullary lesion in the proximal left humeral metaphysis has "
            "low-signal foci that likely represent mineralized chondroid matrix.")
    study = StudyFacts(reference="ImagingStudy/x1", status="available", date="2026-09-01T09:30:00Z",
                       modalities=("DX",), regions=frozenset({"upper-extremity"}),
                       description="XR LEFT HUMERUS 2 VIEWS")
    ev = rules.Evidence(reports=(read_report(report(text, "MRI LEFT HUMERUS")),),
                        studies=(study,))
    draft = classify_order({"resourceType": "ServiceRequest", "id": "o1", "status": "draft",
                            "intent": "order", "subject": {"reference": "Patient/p1"},
                            "code": {"text": "PERC BONE BX LT PROXIMAL HUMERUS"}})
    problem = rules.merge(rules.evaluate(draft, ev))[0]
    detail = render(problem, load_library(DEFAULT_CARDS_DIR), patient_id="p1",
                    new_id=lambda: "id").card.detail
    assert ("**XR LEFT HUMERUS 2 VIEWS, 2026-09-01** has no report in the record: review it for "
            "the matrix first.") in detail


def test_the_ultrasound_of_one_side_of_a_bilateral_finding_names_that_side_only() -> None:
    """P11.8 (review W7): both knees affected, the left knee ordered: the ultrasound label orders
    the left knee joint, never "(both sides)", which would read as both knees."""
    card = _card("Knee pain, pseudogout?", "FINDINGS: Chondrocalcinosis of the menisci of both "
                 "knees.", "MRI LEFT KNEE", "MRI left knee without contrast")
    labels = [s["label"] for s in card["suggestions"]]
    assert "Order ultrasound of the menisci of the left knee" in labels, labels  # P11.49
    assert not any("both sides" in x for x in labels)


@pytest.mark.parametrize(("reason", "text", "title", "order", "done"), [
    (None, "FINDINGS: A 3 cm lesion of the distal right femoral metaphysis with rings-and-arcs "
     "chondroid matrix.", "MRI RIGHT FEMUR", "CT GUIDED BIOPSY RIGHT FEMUR LESION",
     "Radiographs or CT"),
    (None, "FINDINGS: A 3 cm lesion of the distal right femoral metaphysis with rings-and-arcs "
     "chondroid matrix.", "MRI RIGHT FEMUR", "CURETTAGE AND BONE GRAFTING RIGHT FEMUR LESION",
     "Radiographs or CT"),
    (None, "FINDINGS: A 6 mm calcific deposit at the common flexor origin of the left elbow.",
     "MRI LEFT ELBOW", "OPEN DEBRIDEMENT COMMON FLEXOR ORIGIN LT ELBOW", "Ultrasound or CT"),
    ("Shoulder pain", "FINDINGS: Calcific tendinosis of the right supraspinatus with a 9 mm "
     "deposit.", "MRI RIGHT SHOULDER", "MRI right shoulder without contrast",
     "CT or ultrasound"),
    ("Knee pain", "FINDINGS: Chondrocalcinosis of the medial and lateral menisci of the left "
     "knee.", "MRI LEFT KNEE", "MRI left knee without contrast", "CT or ultrasound"),
    ("BI-RADS 5", "FINDINGS: Right breast: at 10 o'clock a 1.6 cm irregular mass; a few punctate "
     "dark foci within the mass may represent calcifications.", "MRI BILATERAL BREASTS",
     "MR GUIDED BIOPSY RIGHT BREAST MASS", "Mammography or CT"),
    (None, "FINDINGS: A 6 cm intramuscular mass of the right thigh contains coarse "
     "calcification.", "MRI RIGHT THIGH", "CT GUIDED CORE BIOPSY RIGHT THIGH MASS", "CT"),
])
def test_the_already_done_override_names_the_studies_the_card_recommends(
        reason: str | None, text: str, title: str, order: str, done: str) -> None:
    """Review round 4 (observations): "CT already done" on a card that recommends radiographs
    reads "Radiographs or CT already done"; each card names the studies it recommends
    (``override_reasons`` of the card's YAML; the code stays ``ct-already-done``)."""
    card = _card(reason, text, title, order)
    [already] = [r for r in card["overrideReasons"] if r["code"] == "ct-already-done"]
    assert already["display"] == f"{done} already done (elsewhere or not in this record)"
    assert len(card["overrideReasons"]) == len(load_library(DEFAULT_CARDS_DIR).override_reasons)


def test_a_card_may_not_reword_an_unknown_override_reason(tmp_path: Path) -> None:
    shutil.copytree(DEFAULT_CARDS_DIR, tmp_path / "cards")
    path = tmp_path / "cards" / "bone-lesion-biopsy.yaml"
    path.write_text(path.read_text().replace("ct-already-done:", "xr-done:"))
    with pytest.raises(CardContentError, match="unknown codes"):
        load_library(tmp_path / "cards")


@pytest.mark.parametrize(("reason", "report", "title", "order"), [
    ("Olecranon bursitis, gout vs septic bursitis", "FINDINGS: The olecranon bursa is distended "
     "by a lobulated mass with punctate calcifications, low signal on all sequences.\n"
     "IMPRESSION: Tophaceous gout of the olecranon bursa with punctate calcification.",
     "MRI RIGHT ELBOW", "CT elbow right with IV contrast"),
    ("Calcific periarthritis 2nd MCP, follow-up", "FINDINGS: Along the radial collateral ligament "
     "of the second metacarpophalangeal joint there is a 4 mm amorphous focus of low signal on "
     "all sequences, consistent with a calcific deposit.", "MRI RIGHT HAND",
     "MRI right hand without contrast"),
    ("Shoulder pain, calcific tendinitis", "FINDINGS: A 9 mm calcific deposit in the distal "
     "supraspinatus tendon.", "MRI RIGHT SHOULDER", "MRI right shoulder without contrast"),
])
def test_round_5_the_crystal_summary_calls_no_bursa_or_ligament_a_tendon(
        reason: str, report: str, title: str, order: str) -> None:
    """P11.6 (review round 5, unseen6 m1 and t2): a bursal tophus and a collateral-ligament
    deposit were summarized "Calcific tendon deposit on MRI"; the summary says "Calcific deposit"
    for every structure of the tendon kind (tendon, bursa, sheath, periarticular ligament)."""
    card = _card(reason, report, title, order)
    assert card["summary"].startswith("Calcific deposit on MRI"), card["summary"]
    assert "tendon deposit" not in card["summary"]


@pytest.mark.parametrize(("report", "title", "order", "name"), [
    ("FINDINGS: At the direct head of the right rectus femoris origin on the anterior inferior "
     "iliac spine there is a 14 mm amorphous focus of very low signal on all sequences, "
     "consistent with a calcific deposit.", "MRI RIGHT HIP", "MRI right hip without contrast",
     "right rectus femoris tendon origin"),
    ("FINDINGS: At the flexor carpi ulnaris insertion on the pisiform there is an 8 mm focus of "
     "low signal on all sequences, consistent with a calcific deposit.", "MRI RIGHT WRIST",
     "MRI right wrist without contrast", "right flexor carpi ulnaris tendon"),
    ("FINDINGS: At the humeral insertion of the pectoralis major tendon there is a 14 mm "
     "amorphous focus of low signal on all sequences, consistent with a calcific deposit, with "
     "erosion of the underlying lateral lip of the bicipital groove.",
     "MRI RIGHT SHOULDER", "MRI right shoulder without contrast", "right pectoralis major tendon"),
    ("FINDINGS: The common extensor origin at the lateral epicondyle contains a 7 mm calcific "
     "deposit.", "MRI RIGHT ELBOW", "MRI right elbow without contrast",
     "right common extensor tendon origin"),
    ("FINDINGS: At the femoral origin of the popliteus tendon there is a 7 mm calcific deposit.",
     "MRI LEFT KNEE", "MRI left knee without contrast", "left popliteus tendon"),
])
def test_round_5_a_tendon_deposit_is_named_by_its_tendon(
        report: str, title: str, order: str, name: str) -> None:
    """P11.6 (review round 5, unseen4 a1/p2/t3, unseen6 a2/t1): a deposit of a tendon the anatomy
    table has no site for took its region or its bone as the tendon's name ("right hip tendon",
    "right pisiform tendon", "right bicipital groove tendon", which reads as the biceps); the
    lesion line and the ultrasound label name the tendon (`parts.tendon` of cards/_source.yaml)."""
    card = _card("Calcific tendinitis, assess the deposit", report, title, order)
    assert f"**Finding:** {name} (" in card["detail"], card["detail"]
    labels = [s["label"] for s in card["suggestions"]]
    assert f"Order ultrasound of the {name}" in labels, labels


def test_round_5_the_adnexa_is_worded_adnexal() -> None:
    """P11.6 `places` (review round 5, unseen4 o2, unseen5 t2): the lesion line read "left adnexa
    nodule"; the bare organ noun is worded as its adjective, as "renal" and "ovarian" are."""
    card = _card(None, "FINDINGS:\nLeft adnexa: A 1.4 cm nodule along the dependent wall contains "
                 "a focus of signal void on all sequences, compatible with calcification.",
                 "MRI PELVIS", "CT abdomen and pelvis with contrast")
    assert "**Lesion:** left adnexal nodule (14 mm)" in card["detail"], card["detail"]


@pytest.mark.parametrize("text", [
    "FINDINGS: A 2 cm left axillary lymph node contains coarse calcification.",
    "FINDINGS: Left breast: an enlarged intramammary lymph node at 3 o'clock contains a "
    "calcified focus.",
    "FINDINGS: Level I left axillary nodes up to 1.8 cm with mixed signal and signal loss, "
    "possibly calcification.",
    "FINDINGS: Right axillary lymphadenopathy with calcified nodes up to 2.2 cm.",
    "COMPARISON: The diagnostic mammogram of 2026-09-10 showed coarse calcifications within an "
    "enlarged left axillary lymph node.\nFINDINGS: The left axillary lymph node measures 2.1 cm.",
])
def test_the_nodal_card_never_offers_a_mammogram(text: str) -> None:
    """Review round 5 T1 (P13.6, P20.3): a calcified axillary or intramammary node's card asks
    for CT to measure the calcification; a mammogram is the breast mass's reference, and for a
    node it is at best the study that already showed it."""
    card = _card("Breast cancer staging", text, "MRI BILATERAL BREASTS", "CT CHEST W IV CONTRAST")
    labels = [s["label"] for s in card["suggestions"]]
    assert labels and not any("mammogram" in x for x in labels), labels
