"""Issue 17 in the reader, second round: classes found on the unseen set's first run, the real
corpus and the radiologist's review. Each test failed on main bbeba97."""

from __future__ import annotations

import base64

import pytest

from cds_service.core import anatomy, rules
from cds_service.core.orders import classify_order
from cds_service.core.reading import ReportFindings, read_report, read_text
from tests.test_order_catalog import leads, mri, read


def structures(text: str) -> list[tuple[str, str | None, str | None, str, str | None]]:
    return [(s.kind, s.site, s.side, s.mineral, s.seen_on) for s in read_text(text).structures]


# --- time inside the text (P14.1): "resolved" before the finding it qualifies --------------

@pytest.mark.parametrize("text", [
    "IMPRESSION: Resolved infraspinatus calcific deposit; mild rotator cuff tendinosis.",
    "IMPRESSION: 1. Resolved right supraspinatus calcific tendinosis.",
    "IMPRESSION: Interval completely resolved calcific deposit of the supraspinatus tendon.",
])
def test_resolved_before_the_finding_is_gone(text: str) -> None:
    found = read_text(text)
    assert found.calcification == "absent"
    assert {s.mineral for s in found.structures} == {"absent"}


@pytest.mark.parametrize("text", [
    "IMPRESSION: Partially resolved calcific deposit of the supraspinatus tendon.",
    "FINDINGS: The edema has resolved and calcification persists in the left thigh mass.",
    "FINDINGS: The hematoma resolved, leaving a calcified focus in the left thigh mass.",
])
def test_resolved_of_something_else_or_in_part_leaves_it_present(text: str) -> None:
    assert read_text(text).calcification == "present"


# --- lesion kind (P16.1): a lesion centred in the marrow is inside bone ----------------------

@pytest.mark.parametrize("text", [
    "MRI PELVIS\nFINDINGS: Left iliac wing: A 6.0 cm lobulated lesion centred in the marrow of "
    "the left iliac wing with rings and arcs of low signal.",
    "MRI PELVIS\nFINDINGS: A marrow-replacing lesion of the left iliac wing with chondroid "
    "matrix.",
])
def test_a_lesion_centred_in_the_marrow_is_a_bone_lesion(text: str) -> None:
    assert [s[:4] for s in structures(text)] == [("bone", "pelvis", "left", "possible")]


# --- another modality's sign (P12.1): ultrasound's name for a calcification ----------------

@pytest.mark.parametrize("text", [
    "MRI NECK\nFINDINGS: Parotid glands: In the right parotid gland there is a 2.3 cm mass. On "
    "the ultrasound of 2026-09-18 the lesion contained an echogenic focus with posterior "
    "acoustic shadowing.",
    "MRI NECK\nFINDINGS: Sonographically the right parotid mass held shadowing echogenic foci.",
    "MRI NECK\nFINDINGS: On the prior ultrasound the right parotid mass contained hyperechoic "
    "foci with posterior shadowing.",
    "MRI NECK\nFINDINGS: The ultrasound showed an echogenic focus with twinkling artifact in "
    "the right parotid mass.",
])
def test_an_echogenic_focus_with_acoustic_shadowing_is_ultrasounds_calcification(
        text: str) -> None:
    found = read_text(text)
    assert structures(text) == [("mass", "parotid", "right", "present", "US")]
    assert found.calcification == "not mentioned"  # not the MRI's own statement (P12.2)


def test_an_echogenic_focus_without_shadowing_is_no_calcification() -> None:
    assert structures("MRI ABDOMEN\nFINDINGS: On ultrasound the right renal lesion contained an "
                      "echogenic focus without posterior acoustic shadowing.") == []


# --- P2.2: a sentence naming no structure is about the one before it on its line -----------

def test_a_sentence_naming_no_structure_takes_the_kind_of_the_one_before() -> None:
    text = ("MRI NECK\nFINDINGS: Lymph nodes: A 1.9 cm round left supraclavicular lymph node "
            "without a fatty hilum. On the ultrasound of 2026-08-21 it contained echogenic foci "
            "with posterior acoustic shadowing.")
    assert structures(text) == [("node", "neck", "left", "present", "US")]


def test_a_sentence_referring_back_names_what_the_lesion_reaches_not_the_lesion() -> None:
    text = ("MRI ABDOMEN\nFINDINGS: Right flank: A 7.5 cm heterogeneous suprarenal mass displaces "
            "the right kidney inferiorly. It encases the right renal artery. Internal foci of "
            "low signal on T2 with blooming are consistent with calcification.")
    found = read_text(text)
    assert structures(text) == [("mass", "flank", "right", "present", None)]
    assert all("soft-tissue-mass" in m.contexts for m in found.mentions)


def test_a_paragraph_about_a_bone_lesion_keeps_its_kind() -> None:
    text = ("MRI LOWER EXTREMITY\nFINDINGS: MR: Lesion within the lateral proximal tibia in a "
            "metadiaphyseal location measures 8 cm. Ill-defined borders. Rings and arcs of low "
            "signal are present.")
    assert [s[0] for s in structures(text)] == ["bone"]


# --- P7.4: a sign the report explains --------------------------------------------------------

def test_low_signal_foci_the_sentence_calls_calcification_leave_no_cause_open() -> None:
    found = read_text("MRI CHEST\nFINDINGS: Mediastinum: A 5.4 cm anterior mediastinal mass "
                      "contains cystic components, macroscopic fat and low-signal foci on all "
                      "sequences consistent with calcification.")
    # the calcification rules, not signal-void: the sign (P7.4a) is explained as calcification
    assert {(m.concept, m.differential) for m in found.mentions} <= {
        ("calcification", ("calcification",)), ("signal-void", ("calcification",))}
    assert ("calcification", ("calcification",)) in {(m.concept, m.differential)
                                                      for m in found.mentions}


def test_a_sign_explained_as_hemosiderin_with_calcium_denied_is_no_calcification() -> None:
    text = ("MRI LUMBAR SPINE\nFINDINGS: Paraspinal soft tissues: A 4.6 cm mass within the left "
            "erector spinae is T2 hyperintense with internal foci of low signal on all sequences."
            "\nIMPRESSION: 4.6 cm left paraspinal mass; the internal low-signal foci are "
            "paramagnetic on phase images and represent hemosiderin from prior hemorrhage, with "
            "no calcification.")
    assert {s.mineral for s in read_text(text).structures} == {"absent"}
    denied = text.replace("represent hemosiderin from prior hemorrhage, with no calcification",
                          "are indeterminate, with no definite calcification")
    assert "signal-void" in {s.mineral for s in read_text(denied).structures}


_ILIACUS = ("MRI PELVIS\nFINDINGS: Right iliacus: A 6.1 cm heterogeneous mass expands the right "
            "iliacus muscle, with necrosis. Several punctate foci of low signal along its medial "
            "wall show blooming on GRE.\nIMPRESSION:\n1. 6.1 cm right iliacus mass, suspicious "
            "for soft-tissue sarcoma. {explanation}")


@pytest.mark.parametrize("explanation", [
    "The blooming foci along its medial wall likely represent hemosiderin from prior hemorrhage, "
    "with no calcification.",
    "Its blooming foci represent hemosiderin from prior hemorrhage, with no calcification.",
    "The blooming along its medial wall reflects hemosiderin from prior hemorrhage, with no "
    "calcification.",
    "The blooming reflects prior haemorrhage (hemosiderin); no calcification.",
    "The low-signal foci are paramagnetic on phase images, in keeping with hemosiderin, with no "
    "calcification.",
    "The susceptibility foci within it represent hemosiderin, without calcification.",
])
def test_an_explanation_referring_back_to_the_mass_explains_its_sign(explanation: str) -> None:
    """P7.4 (unseen7 e2 twin, 030): the explaining sentence names the mass only by "its",
    "these", "they" or the sign itself; the reader's antecedent is the mass before it."""
    assert {s.mineral for s in read_text(_ILIACUS.format(explanation=explanation)).structures} \
        == {"absent"}


def test_a_sign_referring_back_left_open_still_counts() -> None:
    text = _ILIACUS.format(explanation="The blooming foci along its medial wall are indeterminate.")
    assert "signal-void" in {s.mineral for s in read_text(text).structures}


# --- P2.2: the tissue a structure was described in goes with it ------------------------------

@pytest.mark.parametrize("text", [
    "MRI LEFT LEG\nFINDINGS: There is a 4.8 cm intramuscular mass in the left medial "
    "gastrocnemius. It is heterogeneously T2 hyperintense. The mineralization described on the "
    "radiographs corresponds to the central portion of the mass.",
    "MRI LEFT LEG\nFINDINGS: There is a 4.8 cm subfascial mass in the left calf. It contains "
    "coarse calcification.",
])
def test_a_sentence_about_the_mass_before_keeps_its_tissue_words(text: str) -> None:
    found = read_text(text)
    assert [("deep-soft-tissue" in m.sentence_sites, m.site, m.side) for m in found.mentions] \
        == [(True, "leg", "left")]  # a deep soft-tissue mass (Mandatory CT Scenarios)


# --- P16.1: reactive bone and a bone-surface lesion -----------------------------------------

def test_new_bone_formation_at_a_bone_lesion_is_reactive_bone_not_its_matrix() -> None:
    assert structures("MRI LEFT LEG\nFINDINGS: MR: Lesion within the lateral proximal tibia in a "
                      "metadiaphyseal location measures 8 cm. Some new bone formation may be "
                      "present.") == []
    assert [s[3] for s in structures(  # of a soft-tissue mass it is the mass's mineral (P7.1)
        "MRI RIGHT THIGH\nFINDINGS: Intramuscular mass of the right vastus lateralis with "
        "peripheral new bone formation.")] == ["ossification"]


@pytest.mark.parametrize("text", [
    "MRI LEFT HAND\nFINDINGS: Plain film examination revealed a 9 mm focal ossific lesion with a "
    "chondroid matrix. The mass was adjacent to the cortical surface of the proximal phalanx and "
    "demonstrated saucerization of the underlying bone.",
    "MRI LEFT HAND\nFINDINGS: A 9 mm lesion with chondroid matrix on the radiograph. It arises "
    "from the cortex with saucerization.",
])
def test_a_lesion_the_next_sentence_puts_on_the_bone_surface_is_a_bone_lesion(text: str) -> None:
    assert {s[0] for s in structures(text)} == {"bone"}


def test_a_soft_tissue_mass_the_next_sentence_puts_beside_the_bone_stays_a_mass() -> None:
    assert {s[0] for s in structures(
        "MRI LEFT THIGH\nFINDINGS: An intramuscular mass with coarse calcification. The mass "
        "abuts the cortical surface of the femur.")} == {"mass"}


@pytest.mark.parametrize("text", [
    "FINDINGS: A peripheral curvilinear low-signal rim on all sequences is likely calcification.",
    "FINDINGS: The dark focus in the left thigh mass is probably calcification.",
])
def test_is_likely_before_the_finding_hedges_it(text: str) -> None:
    assert read_text(text).calcification == "possible"  # as "likely calcification" does


# --- whose statement (P12.1), diagnosis names (P8.4), hedges ---------------------------------

@pytest.mark.parametrize(("text", "modality"), [
    ("MRI LEFT THIGH\nFINDINGS: As on the outside CT of 2026-08-14, the mass contains coarse "
     "calcification, which on this MRI corresponds to low-signal foci on all sequences.", "CT"),
    ("MRI BREASTS\nFINDINGS: Left breast: The fine pleomorphic calcifications seen on the "
     "mammogram of 2026-07-30 correspond to 3.1 cm of non-mass enhancement, with persistent "
     "kinetics.", "MG"),
    ("MRI LEFT KNEE\nIMPRESSION: Meniscal chondrocalcinosis as shown on ultrasound.", "US"),
])
def test_the_cited_studys_statement_stays_its_own(text: str, modality: str) -> None:
    found = read_text(text)
    assert found.calcification == "not mentioned"  # the MRI report does not state it (P12.2)
    assert {(m.seen_on, m.own) for m in found.mentions if m.counts} == {(modality, False)}


def test_a_tumour_named_calcifying_is_a_diagnosis_name_not_a_finding() -> None:
    assert read_text("IMPRESSION: The differential includes plantar fibromatosis and, less "
                     "likely, a calcifying aponeurotic fibroma.").calcification == "not mentioned"


def test_a_consideration_is_possible() -> None:
    assert read_text("IMPRESSION: Calcium pyrophosphate deposition arthropathy is a "
                     "consideration.").calcification == "possible"


def test_every_statement_about_a_structure_carries_its_tissue_words() -> None:
    found = read_text(
        "MRI LEFT LEG\nCOMPARISON: Radiographs of the left calf, which show amorphous "
        "mineralization in the posterior calf soft tissues.\nFINDINGS: There is a 4.8 cm "
        "intramuscular mass in the left medial gastrocnemius. The mineralization described on the "
        "radiographs corresponds to the central portion of the mass.")
    assert [("deep-soft-tissue" in m.sentence_sites, m.section) for m in found.mentions] == [
        (True, "COMPARISON"), (True, "FINDINGS")]  # the first statement drives the card (P20.2)


# --- P14.1: a deposit the report says has resolved -----------------------------------------

def test_a_resolved_deposit_is_absent_whatever_the_diagnosis_line_names() -> None:
    text = ("MRI KNEE\nFINDINGS: Radiographs and knee MR from 2002 showing calcific deposits "
            "within the lateral collateral ligament. More recent imaging from 2005 showed "
            "resolution of calcium deposits.\nIMPRESSION:\nHydroxyapatite deposition disease")
    found = read_text(text)
    assert not [m for m in found.mentions if m.counts]
    assert found.calcification == "absent"


def test_a_new_deposit_beside_a_resolved_one_stays() -> None:
    found = read_text("FINDINGS: The calcific deposit in the supraspinatus tendon has resolved. "
                      "New calcific deposit in the infraspinatus tendon.")
    assert [m.term for m in found.mentions if m.counts] == ["calcific"]


# --- P12.1: a paragraph headed by a study's name is that study's ----------------------------

def test_a_paragraph_headed_by_a_modality_is_that_modalitys_statement() -> None:
    found = read_text(
        "MRI LEFT LEG\nFINDINGS:\nPlain film: Ill-defined mineralization in the left calf soft "
        "tissues.\n\nCT: There is a 3 cm mass in the left calf with peripheral calcification. It "
        "has dense\ncalcification.\n\nMR: The left calf mass is T2 bright.\nLiver: Calcified "
        "granuloma.")
    assert [(m.seen_on, m.own) for m in found.mentions] == [
        ("XR", False), ("CT", False), ("CT", False), (None, True)]
    assert found.calcification == "present"  # the MRI's own line: the granuloma (P12.2)


@pytest.mark.parametrize("text", [
    "FINDINGS: Partial resolution of the calcific deposit in the supraspinatus tendon.",
    "FINDINGS: Near-complete resolution of the calcific deposit in the supraspinatus tendon.",
    "FINDINGS: The calcific deposit in the supraspinatus tendon has largely resolved.",
    "FINDINGS: Resolving calcific tendinitis of the supraspinatus.",
    "FINDINGS: The calcific deposit described on the 2021 CT has partially resolved.",
])
def test_resolved_in_part_is_still_there(text: str) -> None:
    assert read_text(text).calcification == "present"  # P14.3, not P14.1


def test_a_venous_malformation_is_a_mass_not_a_vessel_wall() -> None:
    assert [s[0] for s in structures(
        "MRI ORBITS\nIMPRESSION: 1.9 cm right intraconal mass with progressive fill-in "
        "enhancement and a small calcification, most consistent with a cavernous venous "
        "malformation (cavernous hemangioma).")] == ["mass"]  # P19.3


@pytest.mark.parametrize("text", [
    "MRI ABDOMEN\nFINDINGS: Calcified left adrenal mass, previously characterized on CT.",
    "MRI ABDOMEN\nFINDINGS: On CT from an outside institution the left adrenal mass was calcified.",
    "MRI ABDOMEN\nFINDINGS: On CT of 2026-01-02 the left adrenal mass contained calcification.",
])
def test_a_finding_characterized_on_another_study_is_that_studys(text: str) -> None:
    found = read_text(text)
    assert {(m.seen_on, m.own) for m in found.mentions} == {("CT", False)}  # P12.1, P13.2(c)


def test_advice_to_use_ct_cites_no_ct() -> None:
    found = read_text("MRI LEFT THIGH\nFINDINGS: Calcification is better evaluated on CT of "
                      "the thigh.")
    assert {m.seen_on for m in found.mentions} == {None}  # no CT silences it


def test_a_prior_resection_is_history() -> None:
    assert read_text("FINDINGS: Prior resection of a calcified meningioma.").calcification \
        == "not mentioned"  # P14.2
    assert read_text("FINDINGS: Prior resection of a meningioma. A new calcified mass at the "
                     "resection margin.").calcification == "present"


@pytest.mark.parametrize("text", [
    "MRI PELVIS\nFINDINGS: Expansile lesion of the left acetabulum with chondroid matrix.",
    "MRI PELVIS\nFINDINGS: Sacral lesion with chondroid matrix.",
    "MRI LEFT FOOT\nFINDINGS: Lesion in the navicular with calcified matrix.",
    "MRI LEFT FEMUR\nFINDINGS: Osteosarcoma of the left distal femur with osteoid matrix.",
    "MRI RIGHT HIP\nFINDINGS: Lesion of the right femoral neck with calcified matrix.",
])
def test_a_lesion_of_any_named_bone_is_a_bone_lesion(text: str) -> None:
    assert {s[0] for s in structures(text)} == {"bone"}  # P16.1


def test_a_presacral_mass_is_no_bone_lesion() -> None:
    assert {s[0] for s in structures("MRI PELVIS\nFINDINGS: Presacral mass with "
                                     "calcification.")} == {"mass"}


# --- third round (each test failed on main a8eed18) -----------------------------------------

# P7.6: a calculus of the urinary tract, prostate, salivary gland or pancreas is a calcified
# concretion; a gallstone is not (most are not calcified); a denied stone denies no calcium

@pytest.mark.parametrize(("text", "site"), [
    ("MRI PELVIS\nFINDINGS: Prostate: Scattered calculi along the surgical capsule.", "prostate"),
    ("MRI ABDOMEN\nFINDINGS: Kidneys: A 6 mm nonobstructing calculus in the right lower pole.",
     "kidney"),
    ("MRI ABDOMEN\nFINDINGS: A 4 mm calculus in the left renal pelvis, seen as a signal void.",
     "kidney"),
    ("MRI NECK\nFINDINGS: A 7 mm sialolith in the left submandibular duct.", "salivary-gland"),
    ("MRI ABDOMEN\nFINDINGS: Pancreas: Atrophic gland with several pancreatic duct stones.",
     "pancreas"),
    ("MRI ABDOMEN\nFINDINGS: Gallbladder: several small calcified calculi.", "gallbladder"),
])
def test_a_calculus_is_an_incidental_calcification(text: str, site: str) -> None:
    found = read_text(text)
    assert found.calcification == "present"
    assert [(s.kind, s.site, s.mineral) for s in found.structures] == [
        ("incidental", site, "present")]


@pytest.mark.parametrize("text", [
    "FINDINGS: No renal calculi or hydronephrosis.",
    "FINDINGS: Gallbladder: Several small calculi without wall thickening.",
    "FINDINGS: Multiple calculi layering in the gallbladder.",
    "FINDINGS: Cholelithiasis. No choledocholithiasis.",
])
def test_a_gallstone_or_a_denied_stone_is_no_mineral_statement(text: str) -> None:
    found = read_text(text)
    assert (found.calcification, found.mentions) == ("not mentioned", ())


# P7.4, P7.1: an MRI sign the sentence explains as ossification is the ossification's

def test_a_sign_given_ossification_as_its_cause_is_not_calcification() -> None:
    found = read_text("MRI RIGHT THIGH\nFINDINGS: A 5 cm intramuscular lesion of the vastus "
                      "lateralis. A peripheral rim of low signal on all sequences is compatible "
                      "with maturing ossification.")
    assert found.calcification == "not mentioned"
    assert [(s.kind, s.mineral) for s in found.structures] == [("mass", "ossification")]
    assert {m.concept for m in found.mentions} == {"ossification"}
    both = read_text("MRI RIGHT THIGH\nFINDINGS: A 5 cm intramuscular lesion with a rim of low "
                     "signal on all sequences, ossification or calcification.")
    assert both.calcification == "possible"


# P13.1 (tendon row: enthesis), P14.3: a deposit at a tendon's insertion is a tendon's, and
# the follow-up statement about it stays the tendon's

def test_calcific_enthesopathy_is_a_tendon_deposit() -> None:
    found = read_text("MRI LEFT ELBOW\nFINDINGS: Triceps: Within the insertional fibers there "
                      "is a 5 mm focus of calcific enthesopathy.")
    assert [(m.kind, "crystal-deposition" in m.contexts) for m in found.mentions] == [
        ("tendon", True)]


@pytest.mark.parametrize(("sentence", "mineral"), [
    ("The calcific focus in the insertional fibers persists.", "present"),
    ("The calcific focus in the insertional fibers is no longer visualized.", "absent"),
    ("The calcific deposit at the insertion has resolved.", "absent"),
])
def test_a_deposit_in_the_insertional_fibers_is_the_tendons(sentence: str, mineral: str) -> None:
    found = read_text("MRI LEFT ELBOW\nFINDINGS: Triceps: Partial tear of the superficial "
                      "fibers. " + sentence)
    assert [(s.kind, s.mineral) for s in found.structures] == [("tendon", mineral)]


def _elbow_mri(date: str, findings: str) -> ReportFindings:
    text = f"MRI LEFT ELBOW WITHOUT CONTRAST\n\nFINDINGS:\nTriceps: {findings}"
    return read_report({"resourceType": "DiagnosticReport", "id": date, "status": "final",
                        "code": {"text": "MRI LEFT ELBOW WITHOUT CONTRAST"},
                        "effectiveDateTime": date, "presentedForm": [{
                            "contentType": "text/plain",
                            "data": base64.b64encode(text.encode()).decode()}]})


@pytest.mark.parametrize(("now", "cards"), [
    ("The calcific focus in the insertional fibers persists, now 7 mm.", ["crystal-deposition"]),
    ("The calcific focus previously seen in the insertional fibers is no longer visualized.", []),
])
def test_a_persisting_enthesis_deposit_keeps_its_card_and_a_gone_one_none(
        now: str, cards: list[str]) -> None:
    before = _elbow_mri("2025-11-03", "Partial tear of the superficial fibers at the olecranon "
                                      "insertion. Within the insertional fibers there is a 5 mm "
                                      "focus of low signal on all sequences, compatible with "
                                      "calcific enthesopathy.")
    after = _elbow_mri("2026-10-12", "The partial tear is slightly larger. " + now)
    order = classify_order({"resourceType": "ServiceRequest", "id": "o1", "status": "draft",
                            "intent": "order", "subject": {"reference": "Patient/p1"},
                            "code": {"text": "MR ELBOW LEFT WO CONTRAST"},
                            "reasonCode": [{"text": "triceps insertion tear, preoperative"}]})
    found = rules.merge(rules.evaluate(order, rules.Evidence(reports=(after, before),
                                                             studies=())))
    assert [p.lead.rule_id for p in found] == cards


# P14.5: a sentence that sets the current study against an earlier one: the part saying "now"
# is the report's own statement, the part citing the earlier study that study's

@pytest.mark.parametrize(("text", "said", "cls"), [
    ("The left thigh mass, calcified on the 2021 CT, now shows no calcification.",
     [("CT", False, "affirmed"), (None, True, "negated")], "absent"),
    ("The left thigh mass was calcified on the 2021 CT and now shows no calcification.",
     [("CT", False, "affirmed"), (None, True, "negated")], "absent"),
    ("The left thigh mass, noncalcified on the 2021 CT, now shows calcification.",
     [("CT", False, "negated"), (None, True, "affirmed")], "present"),
    ("The left thigh mass, previously calcified, now shows no calcification.",
     [(None, True, "historical"), (None, True, "negated")], "absent"),
])
def test_the_part_saying_now_is_the_reports_own_statement(
        text: str, said: list[tuple[str | None, bool, str]], cls: str) -> None:
    found = read_text("MRI LEFT THIGH\nFINDINGS: " + text)
    assert [(m.seen_on, m.own, m.assertion) for m in found.mentions] == said
    assert found.calcification == cls


def test_a_ct_that_showed_none_has_not_shown_what_the_mri_sees_now() -> None:
    assert structures("MRI LEFT THIGH\nFINDINGS: The left thigh mass, noncalcified on the 2021 "
                      "CT, now shows calcification.") == [
        ("mass", "thigh", "left", "present", None)]  # the card is not silenced (P13.3)


@pytest.mark.parametrize("text", [
    "The left thigh mass, calcified on the 2021 CT, now measures 5 cm.",
    "Calcification in the left thigh mass, seen on the 2021 CT, is unchanged.",
])
def test_without_a_second_statement_the_cited_one_stands(text: str) -> None:
    found = read_text("MRI LEFT THIGH\nFINDINGS: " + text)
    assert [s.mineral for s in found.structures] == ["present"]


# P8.5: a remark on how calcification is best imaged is advice, not a finding

@pytest.mark.parametrize("text", [
    "Calcification is better evaluated on CT.",
    "Calcifications are best assessed with noncontrast CT.",
    "Calcification is not well seen on MRI.",
    "CT is more sensitive for calcification.",
    "MRI is limited in the detection of calcification.",
])
def test_a_remark_on_how_calcification_is_imaged_is_no_finding(text: str) -> None:
    found = read_text("MRI LEFT THIGH\nFINDINGS: 6 cm mass in the left thigh. " + text)
    assert (found.calcification, found.structures) == ("not mentioned", ())


@pytest.mark.parametrize("text", [
    "Mineralization within the mass, better evaluated on CT.",
    "Calcifications are better seen on the prior CT.",
    "Calcification is present in the mass; CT is more sensitive for its pattern.",
])
def test_a_finding_beside_the_remark_stays(text: str) -> None:
    assert read_text("MRI LEFT THIGH\nFINDINGS: 6 cm mass in the left thigh. " + text
                     ).calcification == "present"


# P7.8: the skeleton's own ossification (development) is no lesion's mineral

@pytest.mark.parametrize("text", [
    "MRI CERVICAL SPINE\nFINDINGS: Sagittal T2 images show defective ossification of the C5 "
    "and C6 vertebral bodies.",
    "MRI LEFT KNEE\nFINDINGS: Delayed ossification of the distal femoral epiphysis.",
    "MRI PELVIS\nFINDINGS: The secondary ossification centres of the iliac crests are open.",
    "MRI RIGHT ELBOW\nFINDINGS: The hypo-ossified trochlea is normal for age.",
])
def test_the_skeletons_development_is_no_lesion_mineral(text: str) -> None:
    found = read_text(text)
    assert (found.calcification, found.mentions) == ("not mentioned", ())


def test_a_lesions_ossification_stays() -> None:
    assert [s.mineral for s in read_text(
        "MRI LEFT THIGH\nFINDINGS: Intramuscular mass with peripheral ossification."
    ).structures] == ["ossification"]


# P7.4, P7.9: signal voids of a hypervascular tumour the sentence names are its vessels

@pytest.mark.parametrize("text", [
    "MRI NECK\nFINDINGS: A 3 cm enhancing mass at the left carotid bifurcation with multiple "
    "signal voids, a carotid body tumour.",
    "MRI NECK\nFINDINGS: Right jugular foramen mass with serpentine signal voids, consistent "
    "with a glomus jugulare paraganglioma.",
    "MRI BRAIN\nFINDINGS: Cerebellar cystic mass with an enhancing nodule and signal voids, "
    "a hemangioblastoma.",
])
def test_the_voids_of_a_named_hypervascular_tumour_are_its_vessels(text: str) -> None:
    assert read_text(text).structures == ()


def test_voids_in_a_hypervascular_tumour_named_with_calcification_stay() -> None:
    assert read_text("MRI NECK\nFINDINGS: Left carotid body tumour with signal voids, flow or "
                     "calcification.").calcification == "possible"


# P4.10: calcification of the basal ganglia or dentate nuclei is incidental, not a lesion

@pytest.mark.parametrize("text", [
    "MRI BRAIN\nFINDINGS: Bilateral calcifications in the basal ganglia and white matter "
    "signal change.",
    "MRI BRAIN\nFINDINGS: Symmetric basal ganglia and dentate nucleus calcification.",
])
def test_basal_ganglia_calcification_is_incidental(text: str) -> None:
    assert [s.kind for s in read_text(text).structures] == ["incidental"]


def test_a_calcified_mass_in_the_basal_ganglia_stays_a_mass() -> None:
    assert [s.kind for s in read_text("MRI BRAIN\nFINDINGS: A 3 cm calcified mass in the right "
                                      "basal ganglia.").structures] == ["mass"]


# P2.10: a lesion word the sentence denies names no lesion

@pytest.mark.parametrize("text", [
    "MRI ORBITS\nFINDINGS: A hypointense focus in the left globe, considered calcification "
    "without evidence of a mass.",
    "MRI LEFT THIGH\nFINDINGS: Calcification in the left thigh soft tissues, negative for a "
    "tumour.",
])
def test_a_denied_lesion_word_names_no_lesion(text: str) -> None:
    assert [m.lesion for m in read_text(text).mentions] == [None]


def test_an_affirmed_lesion_beside_a_denied_one_stays() -> None:
    assert [(m.lesion, m.kind) for m in read_text(
        "MRI LEFT THIGH\nFINDINGS: Calcified mass in the left thigh; no other mass.").mentions
    ] == [("mass", "mass")]


# P14.3: what a cited study showed is its statement, not history

@pytest.mark.parametrize("text", [
    "MRI ABDOMEN\nFINDINGS: Aortic atherosclerotic calcification was noted on the prior "
    "radiographs.",
    "MRI LEFT THIGH\nFINDINGS: The prior CT showed calcification in the left thigh mass.",
])
def test_a_cited_studys_finding_is_its_statement_not_history(text: str) -> None:
    found = read_text(text)
    assert [(m.assertion, m.own) for m in found.mentions] == [("affirmed", False)]
    assert [s.mineral for s in found.structures] == ["present"]
    assert found.calcification == "not mentioned"  # not this report's own statement (P12.2)


# P8.1: an assumption is a hypothetical

@pytest.mark.parametrize("text", [
    "Assuming the outside radiograph showed calcification, a synovial sarcoma of the right "
    "knee is favoured.",
    "Should calcification be confirmed on CT, a chondroid tumour of the thigh is favoured.",
    "Provided that the foci represent calcification, the thigh mass is a hemangioma.",
])
def test_an_assumption_is_no_finding(text: str) -> None:
    found = read_text("MRI\nFINDINGS: " + text)
    assert (found.calcification, found.structures) == ("not mentioned", ())


# P7.10: "mineral" is a calcium word; bone mineral is not

@pytest.mark.parametrize(("text", "cls"), [
    ("MRI RIGHT THIGH\nIMPRESSION: 4 cm right thigh mass with internal signal voids, which "
     "could reflect vessels, hemorrhage or mineral.", "possible"),
    ("MRI RIGHT THIGH\nFINDINGS: Foci of dense mineral within the right thigh mass.", "present"),
    ("MRI RIGHT THIGH\nFINDINGS: Diffuse decrease in bone mineral. Bone mineral density is "
     "reduced.", "not mentioned"),
])
def test_mineral_is_a_calcium_word(text: str, cls: str) -> None:
    assert read_text(text).calcification == cls


# P14.8: a study the statement is set against is not its source; "now" starts the current part

@pytest.mark.parametrize(("text", "cls", "said"), [
    ("The left thigh mass shows no calcification, in contrast to the prior CT, which showed "
     "calcification.", "absent", [(None, True, "negated"), ("CT", False, "affirmed")]),
    ("Unlike the prior CT, the left thigh mass now contains calcification.", "present",
     [(None, True, "affirmed")]),
    ("The previously calcified left inguinal node now measures 8 mm without calcification.",
     "absent", [(None, True, "historical"), (None, True, "negated")]),
    ("The left thigh mass again demonstrates coarse calcification, as on the CT of 2025.",
     "present", [("CT", True, "affirmed")]),
])
def test_which_statement_is_current_when_a_study_is_set_against_it(
        text: str, cls: str, said: list[tuple[str | None, bool, str]]) -> None:
    found = read_text("MRI LEFT THIGH\nFINDINGS: " + text)
    assert [(m.seen_on, m.own, m.assertion) for m in found.mentions] == said
    assert found.calcification == cls


# P8.7: the clinical concern and a frequency statement are not findings

@pytest.mark.parametrize("text", [
    "Left thigh mass. Calcification is typically absent in this entity.",
    "Clinical concern for calcific myonecrosis of the left thigh; none identified.",
])
def test_a_concern_or_a_frequency_is_no_finding(text: str) -> None:
    found = read_text("MRI LEFT THIGH\nFINDINGS: " + text)
    assert (found.calcification, found.structures) == ("not mentioned", ())


# unseen3 first run (each test fails on a8eed18)

@pytest.mark.parametrize(("text", "mineral"), [  # P14.9
    ("The calcific deposit at the origin of the direct head of the rectus femoris described "
     "in March is no longer seen, and the surrounding edema has resolved.", "absent"),
    ("The calcific deposit in the infraspinatus described in 2025 has resolved; residual "
     "tendinosis at its site.", "absent"),
    ("Calcific tendinosis of the supraspinatus with surrounding edema that has resolved.",
     "present"),
])
def test_a_predicate_after_a_long_subject_speaks_for_it(text: str, mineral: str) -> None:
    found = read_text("MRI LEFT HIP\nFINDINGS: Tendons: " + text)
    assert [s.mineral for s in found.structures] == [mineral]


def test_a_tendon_deposit_is_crystal_deposition_at_its_joint() -> None:  # P14.9, P2.11
    found = read_text("MRI LEFT HIP\nFINDINGS: Tendons: The calcific deposit at the origin of "
                      "the direct head of the rectus femoris is again seen, now 6 mm.")
    assert [(m.kind, m.site, "crystal-deposition" in m.contexts) for m in found.mentions] == [
        ("tendon", "hip", True)]


def test_no_mri_feature_specific_for_a_diagnosis_denies_nothing() -> None:  # P8.8
    found = read_text("MRI RIGHT HIP\nIMPRESSION: Moderate degenerative change of the right "
                      "hip; no MRI feature specific for the known CPPD in this joint.")
    assert (found.calcification, found.structures) == ("not mentioned", ())


def test_typical_of_interprets_a_sign() -> None:  # P8.9
    found = read_text("MRI ORBITS\nFINDINGS: A 2 cm intraconal lesion in the right orbit. It "
                      "contains round foci of blooming on SWI, typical of phleboliths.")
    assert found.calcification == "possible"


@pytest.mark.parametrize("text", [  # P8.9
    "Within it, round low-signal foci with blooming are typical of phleboliths.",
    "The peripheral low-signal rim of the mass is characteristic of calcification.",
    "The dark foci on gradient echo within the mass are classic for calcification.",
    "Several round foci within the mass are typical of calcified phleboliths.",
    "The punctate foci of susceptibility in the mass are characteristic of calcification.",
])
def test_a_sign_said_to_be_typical_of_calcium_is_its_possibility(text: str) -> None:
    found = read_text("MRI LEFT THIGH\nFINDINGS: A 4 cm mass in the left thigh. " + text)
    assert found.calcification == "possible"


@pytest.mark.parametrize("text", [  # P8.4, P8.9
    "Calcifications are characteristic of synovial sarcoma.",
    "Calcification is typical of a chondroid tumour.",
])
def test_calcium_said_typical_of_a_disease_is_knowledge(text: str) -> None:
    assert read_text("MRI LEFT THIGH\nFINDINGS: " + text).calcification == "not mentioned"


@pytest.mark.parametrize(("title", "findings", "site"), [  # P2.11
    ("MRI RIGHT SHOULDER", "A 14 mm calcific deposit in the right pectoralis major tendon.",
     "shoulder"),
    ("MRI RIGHT SHOULDER", "Calcific tendinosis of the right latissimus dorsi tendon.",
     "shoulder"),
    ("MRI RIGHT ELBOW", "A 9 mm calcific deposit in the distal triceps tendon.", "elbow"),
    ("MRI RIGHT KNEE", "Calcific tendinosis of the distal semimembranosus tendon.", "knee"),
    ("MRI RIGHT HIP", "A calcific deposit in the gluteus maximus tendon, 8 mm.", "hip"),
])
def test_a_tendons_deposit_on_a_joint_mri_is_the_joints(title: str, findings: str,
                                                        site: str) -> None:
    assert [(m.kind, m.site) for m in read_text(f"{title}\nFINDINGS: {findings}").mentions] == [
        ("tendon", site)]


@pytest.mark.parametrize(("text", "size"), [  # P2.5
    ("The calcific deposit in the supraspinatus tendon is again seen, now 9 mm (previously "
     "14 mm).", 9),
    ("The calcific deposit in the supraspinatus tendon has decreased from 12 mm to 6 mm.", 6),
    ("The calcific deposit in the supraspinatus tendon measured 14 mm on the prior study and "
     "now measures 8 mm.", 8),
    ("The calcific deposit in the supraspinatus tendon now measures 5 mm, previously 11 mm.", 5),
    ("The calcific deposit in the supraspinatus tendon is 7 mm, compared with 10 mm before.", 7),
])
def test_the_earlier_size_a_sentence_names_is_not_the_size(text: str, size: int) -> None:
    found = read_text("MRI RIGHT SHOULDER\nFINDINGS: " + text)
    assert [s.size_mm for s in found.structures] == [size]


def test_the_mris_correlate_of_a_cited_finding_stays_cited() -> None:  # P12.9
    found = read_text(
        "MRI BREASTS\nFINDINGS: Left breast: An 11 mm irregular mass at 2 o'clock. On the "
        "diagnostic mammogram of 2026-10-01 this mass contains a coarse central calcification, "
        "which accounts for the central punctate signal void on this MRI.\nIMPRESSION: 11 mm "
        "left breast mass with the coarse calcification known from mammography.")
    assert {(m.seen_on, m.own) for m in found.mentions} == {("MG", False)}
    assert found.calcification == "not mentioned"


@pytest.mark.parametrize(("text", "seen_on"), [  # P12.10
    ("Axial unenhanced CT scan showing opacification of the left sphenoid sinus; "
     "calcifications are noted.", "CT"),
    ("Radiographs of the left thigh were reviewed; calcification is present in the mass on "
     "this MRI.", None),
])
def test_a_clause_after_a_semicolon_goes_on_with_the_opening_study(
        text: str, seen_on: str | None) -> None:
    assert [m.seen_on for m in read_text("MRI\nFINDINGS: " + text).mentions] == [seen_on]


@pytest.mark.parametrize(("text", "cls"), [  # P14.10
    ("Calcification would be expected in a teratoma; none is seen in this 6 cm left adnexal "
     "mass.", "absent"),
    ("The left thigh mass previously showed calcification; it now shows none.", "absent"),
    ("Comparison: none. No mass.", "not mentioned"),
])
def test_none_denies_the_calcium_word_before_it(text: str, cls: str) -> None:
    assert read_text("MRI\nFINDINGS: " + text).calcification == cls


# unseen4 first run (each test fails on d8a8ac4)
# P4.11: phleboliths, a vessel's calcification or a granuloma beside a node or mass, not in it,
# are incidental; the node or mass they lie beside has no calcification of its own

@pytest.mark.parametrize("text", [
    "Pelvic sidewall: several phleboliths lie adjacent to a 9 mm right external iliac lymph node.",
    "A 1.1 cm left obturator node with adjacent calcified phleboliths in the pelvic venous "
    "plexus.",
    "Small calcified phleboliths are seen near the enlarged right internal iliac nodes.",
    "Atherosclerotic calcification of the left common iliac artery, adjacent to a 15 mm left "
    "common iliac lymph node.",
    "Calcified plaque in the right external iliac artery next to a borderline right external "
    "iliac node.",
    "A calcified right external iliac artery lies beside a 14 mm right external iliac node.",
])
def test_a_calcified_body_beside_a_node_is_not_the_nodes(text: str) -> None:
    found = read_text("MRI PELVIS\nFINDINGS: " + text)
    assert {s.kind for s in found.structures} == {"incidental"}
    assert leads("FINDINGS: " + text, "CT CH/ABD/PEL W CONTRAST", title="MRI PELVIS") == []


@pytest.mark.parametrize("text", [
    "A 4.5 cm intramuscular mass in the right vastus lateralis with adjacent phleboliths in the "
    "superficial veins.",
    "A 3 cm mass of the left gluteus medius. Calcified plaque of the left superior gluteal "
    "artery abuts the mass.",
])
def test_a_calcified_body_beside_a_mass_is_not_the_masss(text: str) -> None:
    assert {s.kind for s in read_text("MRI\nFINDINGS: " + text).structures} == {"incidental"}


@pytest.mark.parametrize(("text", "kind"), [
    ("A calcified left obturator node lies adjacent to pelvic phleboliths.", "node"),
    ("Calcified granulomatous subcarinal lymph nodes.", "node"),
    ("The right groin mass contains phleboliths, suggesting a venous malformation.", "mass"),
    ("A 2 cm left obturator node with a calcified focus.", "node"),
])
def test_the_node_or_mass_a_calcium_word_qualifies_keeps_it(text: str, kind: str) -> None:
    assert kind in {s.kind for s in read_text("MRI PELVIS\nFINDINGS: " + text).structures}


# P4.11a: a body held by something the sentence places beside the mass is not the mass's
@pytest.mark.parametrize(("title", "text"), [
    ("MRI PELVIS BLADDER", "A 2.5 cm diverticulum along the right posterolateral wall, beside the "
     "mass, contains two 6 mm calculi, dark on all sequences."),
    ("MRI PELVIS BLADDER", "A bladder diverticulum adjacent to the tumour contains a 7 mm "
     "calculus."),
    ("MRI ABDOMEN", "The left renal pelvis, next to the upper pole mass, contains a 9 mm "
     "calculus."),
    ("MRI PELVIS", "A pelvic sidewall vein lateral to the enlarged node contains several "
     "phleboliths."),
    ("MRI NECK", "The right submandibular duct, near the mass, contains a 4 mm sialolith."),
])
def test_a_body_held_by_a_structure_beside_the_mass_is_not_the_masss(title: str,
                                                                      text: str) -> None:
    kinds = {s.kind: s.mineral for s in read_text(f"{title}\nFINDINGS: {text}").structures}
    assert kinds.get("incidental") == "present" and "mass" not in kinds and "node" not in kinds


@pytest.mark.parametrize("text", [
    "A 3.6 cm bladder mass, adjacent to the diverticulum, contains coarse calcification.",
    "The mass beside the bladder contains phleboliths, suggesting a venous malformation.",
    "The 4 cm mass near the left ureter contains a calcified focus.",
])
def test_a_mass_that_holds_the_calcification_keeps_it_whatever_lies_beside(text: str) -> None:
    assert "mass" in {s.kind for s in read_text("MRI PELVIS\nFINDINGS: " + text).structures}


# --- a denial ends where the reading begins (P8.10, red-team probes) ------------------------

@pytest.mark.parametrize("text", [
    "A 2.2 cm left atrial mass is hypointense on all sequences with blooming and no "
    "enhancement, consistent with a calcified amorphous tumor.",
    "The right thigh mass is hypointense on all sequences without enhancement, compatible with "
    "a densely calcified fibroma.",
    "The segment 7 liver lesion has no solid component and is consistent with a calcified "
    "hydatid cyst.",
    "No internal enhancement or flow in the left thigh mass, in keeping with a calcified "
    "hematoma.",
    "The mass shows no enhancement, representing a calcified thrombus of the aneurysm.",
    "The pelvic mass does not enhance, probably a calcified fibroid.",
])
def test_a_denial_before_a_comma_and_a_reading_does_not_reach_the_reading(text: str) -> None:
    assert read_text("MRI\nFINDINGS: " + text).calcification in {"present", "possible"}


@pytest.mark.parametrize("text", [
    "No foci consistent with calcification in the left thigh mass.",
    "No low-signal foci to suggest calcification within the mass.",
    "No calcification, consistent with a lipoma.",
    "No susceptibility, compatible with absence of calcification.",
    "The mass does not contain foci compatible with calcification.",
])
def test_a_denial_of_what_the_reading_names_still_denies_it(text: str) -> None:
    assert read_text("MRI\nFINDINGS: " + text).calcification == "absent"


# --- depth as reports word it, and the cited mass the report describes (P4.12, red team) ----

@pytest.mark.parametrize("text", [
    "A 4.1 cm calcified mass in Kager's fat pad, deep to the crural fascia.",
    "A 4 cm calcified mass in the anterior left thigh, deep to the fascia lata.",
    "A calcified mass of the left forearm lies beneath the deep fascia.",
    "A calcified mass of the right foot lies deep to the plantar aponeurosis.",
    "A calcified mass in the left calf, deep to the superficial fascia.",
    "A calcified mass of the right arm, located deep to the brachial fascia.",
])
def test_a_mass_deep_to_a_named_fascia_is_in_the_deep_tissues(text: str) -> None:
    [m] = read_text("MRI\nFINDINGS: " + text).mentions
    assert "deep-soft-tissue" in m.sentence_sites


def test_a_cited_mass_takes_the_depth_of_the_reports_description_of_it() -> None:
    found = read_text(
        "MRI LEFT ANKLE\nCOMPARISON: Plain films of the left ankle 2026-09-01 show a calcified "
        "soft-tissue mass posterior to the ankle.\nFINDINGS: There is a 4.1 cm lobulated mass in "
        "Kager's fat pad, deep to the crural fascia, abutting the flexor hallucis longus muscle.")
    [m] = found.mentions
    assert (m.seen_on, m.site, m.side, m.size_mm) == ("XR", "ankle", "left", 41)
    assert "deep-soft-tissue" in m.sentence_sites

# unseen4 first run, reader side (each test fails on main d8a8ac4)

@pytest.mark.parametrize("text", [  # P14.1, P14.9, P14.11
    "The calcific deposit in the supraspinatus tendon has since resorbed.",
    "Interval resorption of the calcific focus in the distal supraspinatus tendon.",
    "Resorbed calcific deposit of the distal supraspinatus tendon.",
    "The supraspinatus calcific deposit has disappeared in the interval.",
    "The calcific focus at the supraspinatus footprint is no longer appreciated.",
    "The calcium deposit seen in the supraspinatus tendon on the prior MRI is now absent.",
    "The calcific deposit within the infraspinatus tendon, described on the prior study, has "
    "resolved.",
    "The calcific deposit in the supraspinatus tendon, which measured 11 mm on the prior "
    "examination, has resolved.",
    "The infraspinatus tendon previously held a calcific deposit, which has since resolved.",
    "Calcific deposit of the subscapularis tendon seen on the prior examination; this is no "
    "longer visualized.",
    "The supraspinatus calcific deposit seen on the March examination has since resolved.",
])
def test_every_way_a_deposit_is_said_gone_is_absent(text: str) -> None:
    found = read_text("MRI RIGHT SHOULDER\nCOMPARISON: MRI right shoulder 2025-03-02.\n"
                      "FINDINGS: Rotator cuff: " + text)
    assert (found.calcification, [s.mineral for s in found.structures]) == ("absent", ["absent"])


@pytest.mark.parametrize("text", [  # P14.3, P14.11
    "New 6 mm calcific deposit in the supraspinatus tendon, not seen on the prior study.",
    "A calcific deposit in the infraspinatus tendon, not present previously, measures 8 mm.",
    "A new calcific deposit in the supraspinatus tendon was not identified on the prior "
    "examination.",
    "The calcific deposit in the supraspinatus tendon has resolved partially.",
    "The calcific deposit in the supraspinatus tendon is partially resorbed.",
    "The previously resolved calcific deposit in the supraspinatus tendon has recurred.",
    "Calcific tendinosis of the supraspinatus with a subacromial bursal effusion, which has "
    "resolved.",
])
def test_a_deposit_said_new_recurrent_or_partly_gone_stays(text: str) -> None:
    found = read_text("MRI RIGHT SHOULDER\nCOMPARISON: MRI right shoulder 2025-03-02.\n"
                      "FINDINGS: Rotator cuff: " + text)
    assert found.calcification == "present"


def _pelvis_mri(date: str, findings: str) -> ReportFindings:
    text = f"MRI PELVIS WITHOUT CONTRAST\n\nFINDINGS:\n{findings}"
    return read_report({"resourceType": "DiagnosticReport", "id": date, "status": "final",
                        "code": {"text": "MRI PELVIS WITHOUT CONTRAST"},
                        "effectiveDateTime": date, "presentedForm": [{
                            "contentType": "text/plain",
                            "data": base64.b64encode(text.encode()).decode()}]})


@pytest.mark.parametrize("described", [  # P2.11
    "At the right common hamstring origin on the ischial tuberosity there is a 10 mm focus of "
    "low signal on all sequences, compatible with calcific tendinopathy.",
    "Calcific tendinosis of the right proximal hamstring tendons at the ischial tuberosity.",
    "A 9 mm calcific deposit at the right ischial tuberosity, at the hamstring tendon origin.",
    "Calcific tendinitis of the right hamstring origin.",
    "Amorphous calcification in the right conjoint hamstring tendon near the ischium.",
])
def test_the_hamstring_origin_is_one_place_whatever_words_name_it(described: str) -> None:
    before = _pelvis_mri("2025-06-02", described)
    assert {(s.kind, s.site, s.side) for s in before.findings.structures} == {
        ("tendon", "buttock", "right")}
    order = classify_order({"resourceType": "ServiceRequest", "id": "o1", "status": "draft",
                            "intent": "order", "subject": {"reference": "Patient/p1"},
                            "code": {"text": "MRI PELVIS WO CONTRAST"},
                            "reasonCode": [{"text": "R proximal hamstring calcific tendinitis"}]})
    for now, cards in (("The calcific deposit at the right hamstring origin has resolved.", []),
                       ("The calcific deposit at the right hamstring origin is again seen.",
                        ["crystal-deposition"])):
        after = _pelvis_mri("2026-06-02", now)
        found = rules.merge(rules.evaluate(order, rules.Evidence(reports=(after, before),
                                                                 studies=())))
        assert [p.lead.rule_id for p in found] == cards


@pytest.mark.parametrize(("paragraph", "seen_on"), [  # P12.12
    ("26 Jan: NON-CONTRAST Head CT (after worsening weakness)\n-two new foci of calcification "
     "in the right sylvian fissure, not present on previous exams", "CT"),
    ("2026-09-01: CT thigh without contrast:\nDense calcification in the left thigh mass.", "CT"),
    ("Sep 1, 2026: outside radiographs of the left thigh (reviewed)\n- amorphous mineralization "
     "in the left thigh soft tissues", "XR"),
    ("12/03/2025: Ultrasound of the left thigh\n- echogenic focus with posterior acoustic "
     "shadowing within the mass", "US"),
    ("3 March 2026: CT chest\n- coarse calcification in the anterior mediastinal mass", "CT"),
    ("14-Feb-2026: XR right knee 3 views\n- calcification of both menisci", "XR"),
    ("Oct 2: MRI\n- a 5 cm mass in the left thigh with internal calcification", None),
])
def test_a_line_of_a_date_and_a_study_heads_that_studys_findings(
        paragraph: str, seen_on: str | None) -> None:
    found = read_text("MRI\nFINDINGS:\n" + paragraph)
    assert {m.seen_on for m in found.mentions} == {seen_on}


@pytest.mark.parametrize(("text", "seen_on"), [  # P12.13
    ("On the noncontrast phase of the CT of 2026-09-14 the mural nodule of the right adnexal "
     "mass held a dense 5 mm calcification; no correlate is seen on this examination.", "CT"),
    ("On the bone windows of the CT, the left thigh mass contained coarse calcification.",
     "CT"),
    ("In the coronal reformats of the CT of March there was a calcified focus in the left "
     "thigh mass.", "CT"),
    ("On the lateral view of the knee radiographs a calcified body lay in the suprapatellar "
     "recess.", "XR"),
    ("On the delayed images of the CT urogram the right renal mass had a rim of "
     "calcification.", "CT"),
    ("On the arterial phase of her CT dated 2026-01-02 the pancreatic mass had central "
     "calcification.", "CT"),
    ("On the post-contrast images of the left thigh mass there is a focus of calcification.",
     None),
])
def test_a_phase_view_or_window_of_a_study_names_that_study(text: str, seen_on: str | None,
                                                            ) -> None:
    found = read_text("MRI\nFINDINGS: " + text)
    assert [m.seen_on for m in found.mentions] == [seen_on]
    assert found.calcification == ("present" if seen_on is None else "not mentioned")


@pytest.mark.parametrize(("findings", "impression"), [  # P12.14
    ("A 4.1 cm lesion in the medullary cavity of the right proximal humerus with rings and "
     "arcs of low signal, corresponding to the chondroid matrix mineralization seen on the "
     "radiographs.",
     "4.1 cm chondroid lesion of the right proximal humerus with mineralized matrix."),
    ("A 5 cm mass in the left vastus lateralis. The outside CT showed coarse calcification "
     "in this mass.",
     "5 cm left vastus lateralis mass with coarse calcification."),
    ("A 3 cm mass in the right gluteus maximus. Radiographs of the right hip show amorphous "
     "mineralization in the mass.",
     "3 cm right gluteal mass with internal mineralization."),
    ("A 2.4 cm nodule in the left lobe of the thyroid. On the ultrasound of 2026-08-01 the "
     "nodule contained an echogenic focus with shadowing.",
     "2.4 cm left thyroid nodule with a calcification."),
    ("A 6 cm mass in the left rectus femoris. As shown on the prior CT, it contains "
     "peripheral calcification.",
     "6 cm left rectus femoris mass with peripheral calcification."),
])
def test_an_impression_summing_up_a_cited_finding_is_the_cited_studys(
        findings: str, impression: str) -> None:
    found = read_text(f"MRI\nFINDINGS: {findings}\nIMPRESSION: {impression}")
    assert found.calcification == "not mentioned"
    assert [s.seen_on for s in found.structures if s.mineral == "present"] != [None]


def test_an_impression_the_mri_stated_itself_stays_its_own() -> None:  # P12.14
    found = read_text("MRI\nFINDINGS: A 5 cm mass in the left vastus lateralis with coarse "
                      "calcification, as on the outside CT.\nA second focus of calcification "
                      "in this mass is seen on this MRI.\nIMPRESSION: 5 cm left vastus "
                      "lateralis mass with coarse calcification.")
    assert found.calcification == "present"
# --- the structure the term qualifies, a spine segment's discs, an artery's aneurysm --------
# (P2.15, P15.3, red-team probes)

@pytest.mark.parametrize(("text", "kinds"), [
    ("A 2.2 cm mobile mass attached to the posterior mitral annulus, consistent with a "
     "calcified amorphous tumor.", ["mass"]),
    ("A calcified amorphous tumor arises from the mitral annulus.", ["mass"]),
    ("A densely calcified myxoma is attached to the interatrial septum near the mitral "
     "annulus.", ["mass"]),
    ("A calcified fibroid lies beside several pelvic phleboliths.", ["mass", "incidental"]),
    ("A heavily calcified meningioma abuts the calcified vertebral artery.",
     ["mass", "incidental"]),
    ("Moderate mitral annular calcification.", ["incidental"]),
    ("A small calcified loose body is present in the posterior recess of the knee.",
     ["incidental"]),
    ("The left thigh mass lies beside the calcified superficial femoral artery.",
     ["incidental"]),
    # the term is the body's own word, the lesion word after it names that body (P16.6; ROCO
    # caption, real corpus: read as a bone lesion after P2.14)
    ("Hyperintense Signal (Reflecting Fat Signal) Within Ventral OPLL Mass on the Axial MR "
     "Indicative of Active Bone Marrow Production. This axial MR demonstrates a central, ventral "
     "OPLL mass containing a high signal indicative of active bone marrow production (fat) "
     "within the OPLL.", ["incidental"]),
    ("A 3 cm OPLL mass compresses the cord at C4.", ["incidental"]),
])
def test_a_lesion_the_term_qualifies_is_no_incidental_body_named_beside_it(
        text: str, kinds: list[str]) -> None:
    assert [s[0] for s in structures("MRI\nFINDINGS: " + text)] == kinds


@pytest.mark.parametrize("text", [
    "Calcified thoracic disc herniation at T7-8 indenting the cord.",
    "A calcified thoracic disc extrusion indents the ventral cord.",
    "A calcified intradural mass compresses the thoracic cord.",
    "Calcified mass in the thoracic spinal canal at T6.",
    "A calcified thoracic disk protrusion flattens the cord.",
])
def test_a_thoracic_disc_or_cord_is_the_thoracic_spines(text: str) -> None:
    assert [s[1] for s in structures("MRI\nFINDINGS: " + text)] == ["thoracic-spine"]


@pytest.mark.parametrize("text", [
    "A calcified thoracic aortic aneurysm.",
    "A calcified popliteal artery aneurysm.",
    "A partially thrombosed calcified aneurysm of the left internal iliac artery.",
    "A 3 cm left popliteal artery aneurysm with calcified mural thrombus.",
    "A calcified aneurysm of the right superficial femoral artery.",
])
def test_an_arterys_calcified_aneurysm_is_the_vessel_never_a_mass(text: str) -> None:
    assert [s[0] for s in structures("MRI\nFINDINGS: " + text)] == ["vessel"]



@pytest.mark.parametrize(("text", "site"), [  # P2.9
    ("MRI BRAIN\nFINDINGS:\nVentricles: A 3 cm mass lies in the atrium of the right lateral "
     "ventricle. It contains coarse calcification.", "brain"),
    ("MRI BRAIN\nFINDINGS:\nVentricular system: A calcified nodule along the wall of the "
     "atrium.", "brain"),
    ("MRI HEAD WITHOUT AND WITH CONTRAST\nFINDINGS:\nVentricles: Calcified mass in the atria of "
     "the lateral ventricles.", "brain"),
    ("MRI BRAIN\nFINDINGS: A 2 cm calcified mass within the ventricle near the foramen of "
     "Monro.", "brain"),
    ("MRI BRAIN\nFINDINGS:\nVentricles: There is a calcified intraventricular mass in the "
     "atrium.", "brain"),
    ("MRI HEART\nFINDINGS:\nVentricles: A calcified mass in the ventricle.", "heart"),
    ("CARDIAC MRI\nFINDINGS: A calcified thrombus in the atrium.", "heart"),
])
def test_a_ventricle_or_atrium_is_the_organ_the_exam_images(text: str, site: str) -> None:
    assert {m.site for m in read_text(text).mentions} == {site}


def _mri(title: str, findings: str) -> ReportFindings:
    text = f"{title}\n\nFINDINGS:\n{findings}"
    return read_report({"resourceType": "DiagnosticReport", "id": "mr", "status": "final",
                        "code": {"text": title}, "effectiveDateTime": "2026-10-01",
                        "presentedForm": [{"contentType": "text/plain",
                                           "data": base64.b64encode(text.encode()).decode()}]})


DEEP, CONTRAST = "deep-soft-tissue-mass", "contrast-ct-noncontrast-first"


@pytest.mark.parametrize(("title", "findings", "side", "lead"), [  # P17.10
    # in or within a named muscle of mastication: intramuscular, the deep-mass card (P4.26)
    ("MRI FACE WITHOUT AND WITH CONTRAST", "A 3 cm venous malformation in the right masseter "
     "muscle containing phleboliths.", "right", DEEP),
    ("MRI NECK WITHOUT AND WITH CONTRAST", "Masticator space: 2.5 cm mass in the left medial "
     "pterygoid muscle with coarse calcification.", "left", DEEP),
    ("MRI NECK WITHOUT AND WITH CONTRAST", "A calcified mass in the left buccal space.", "left",
     CONTRAST),
    ("MRI MAXILLOFACIAL WITHOUT AND WITH CONTRAST", "Right infratemporal fossa: 3 cm mass with "
     "internal calcifications.", "right", CONTRAST),
    ("MRI FACE WITHOUT CONTRAST", "A 2 cm calcified nodule in the subcutaneous fat of the left "
     "cheek.", "left", CONTRAST),
    ("MRI BRAIN WITHOUT AND WITH CONTRAST", "Incidental 1.5 cm mass in the left temporalis "
     "muscle with calcification.", "left", DEEP),
])
def test_a_mass_of_the_face_is_the_faces_and_its_contrast_ct_gets_the_card(
        title: str, findings: str, side: str, lead: str) -> None:
    report = _mri(title, findings)  # the face's, or its masticator space's (P4.24)
    assert {(s.kind, anatomy.is_a(s.site, "face"), s.side) for s in report.findings.structures
            } == {("mass", True, side)}
    order = classify_order({"resourceType": "ServiceRequest", "id": "o1", "status": "draft",
                            "intent": "order", "subject": {"reference": "Patient/p1"},
                            "code": {"text": "CT MAXILLOFACIAL W CONTRAST"}})
    found = rules.merge(rules.evaluate(order, rules.Evidence(reports=(report,), studies=())))
    assert [p.lead.rule_id for p in found] == [lead]


# --- a thyroid lobe has a side; pericardial plaques are the pericardium's (P2.17) -----------

@pytest.mark.parametrize(("text", "side"), [
    ("In the right thyroid lobe there is a 2.4 cm solid nodule with coarse calcifications.",
     "right"),
    ("A calcified nodule in the left thyroid lobe.", "left"),
    ("A 2 cm calcified left thyroid nodule.", "left"),
    ("Coarse calcification in a 3 cm right thyroid lobe nodule.", "right"),
    ("The left thyroid lobe is replaced by a calcified mass.", "left"),
])
def test_a_thyroid_lobes_nodule_keeps_its_side(text: str, side: str) -> None:
    assert [(s.site, s.side) for s in read_text("MRI NECK\nFINDINGS: " + text).structures] == [
        ("thyroid", side)]


def test_a_calcified_thyroid_nodule_of_one_lobe_is_not_the_other_lobes_fna() -> None:
    report = ("FINDINGS: In the right thyroid lobe there is a 2.4 cm solid nodule with coarse "
              "calcifications. In the left thyroid lobe there is a 1.6 cm solid nodule without "
              "signal voids.")
    assert leads(report, "US GUIDED FNA RIGHT THYROID NODULE", "10005",
                 title="MRI NECK") == ["biopsy-calcified-mass"]
    assert leads(report, "US GUIDED FNA LEFT THYROID NODULE", "10005", title="MRI NECK") == []


@pytest.mark.parametrize("text", [
    "Calcified pericardial plaques along the right atrioventricular groove.",
    "Linear calcified plaques of the pericardium over the right ventricle.",
    "Pericardial thickening with calcified plaques.",
])
def test_calcified_pericardial_plaques_are_the_pericardiums(text: str) -> None:
    assert [s[:2] for s in structures("CARDIAC MRI\nFINDINGS: " + text)] == [
        ("heart", "pericardium")]


# --- an incidental place word that places a lesion; basal ganglia mineralization (P2.18) ---

@pytest.mark.parametrize(("text", "kind"), [
    ("A 2.8 cm pineal region mass with coarse central calcification, consistent with a "
     "germinoma engulfing the pineal calcification.", "mass"),
    ("A pineal region mass with peripheral calcification, likely pineocytoma.", "mass"),
    ("A lobulated choroid plexus papilloma in the atrium of the left lateral ventricle with "
     "internal calcification.", "mass"),
    ("A mitral annular mass with calcification.", "mass"),
    ("A choroid plexus tumor with coarse calcification in the fourth ventricle.", "mass"),
    ("Physiologic pineal calcification.", "incidental"),
    ("Calcified choroid plexus glomus bilaterally.", "incidental"),
    ("Bilateral basal ganglia mineralization.", "incidental"),
    ("Mineralization of the globi pallidi.", "incidental"),
    ("Calcified granuloma nodule in the right lower lobe.", "incidental"),
])
def test_a_lesion_placed_by_an_incidental_place_word_is_a_mass(text: str, kind: str) -> None:
    assert [s[0] for s in structures("MRI BRAIN\nFINDINGS: " + text)] == [kind]

@pytest.mark.parametrize("findings", [  # P2.11
    "The calcific deposit at the pectoralis major insertion is again seen.",
    "Calcific tendinitis at the humeral insertion of the latissimus dorsi tendon.",
    "A 10 mm calcific focus in the pectoralis major tendon at its humeral insertion.",
    "Amorphous calcification at the latissimus dorsi insertion, consistent with calcific "
    "tendinitis.",
    "Calcific deposit in the insertional fibers of the pectoralis major.",
])
def test_a_deposit_at_an_insertion_on_a_joint_mri_is_the_joints(findings: str) -> None:
    report = _mri("MRI RIGHT SHOULDER WITHOUT CONTRAST", findings)
    assert {(s.kind, s.site, s.side) for s in report.findings.structures} == {
        ("tendon", "shoulder", "right")}


@pytest.mark.parametrize(("now", "cards"), [  # P2.11, P14.4
    ("Pectoralis major: The calcific deposit at the pectoralis major insertion described in "
     "March has since resorbed.", []),
    ("Pectoralis major: Interval resolution of the calcific deposit at the pectoralis major "
     "insertion.", []),
    ("Pectoralis major: The calcific deposit at the pectoralis major insertion is again "
     "demonstrated, now 9 mm.", ["crystal-deposition"]),
])
def test_a_later_report_speaks_for_an_insertion_deposit_named_by_its_bone(
        now: str, cards: list[str]) -> None:
    before = _mri("MRI RIGHT SHOULDER WITHOUT CONTRAST",
                  "Pectoralis major: At the humeral insertion of the pectoralis major tendon "
                  "there is a 12 mm focus of low signal on all sequences, consistent with a "
                  "calcific deposit, with erosion of the lateral lip of the bicipital groove.")
    after = read_report({"resourceType": "DiagnosticReport", "id": "mr2", "status": "final",
                         "code": {"text": "MRI RIGHT SHOULDER WITHOUT CONTRAST"},
                         "effectiveDateTime": "2026-11-01", "presentedForm": [{
                             "contentType": "text/plain", "data": base64.b64encode(
                                 f"MRI RIGHT SHOULDER\n\nFINDINGS:\n{now}".encode()).decode()}]})
    order = classify_order({"resourceType": "ServiceRequest", "id": "o1", "status": "draft",
                            "intent": "order", "subject": {"reference": "Patient/p1"},
                            "code": {"text": "MRI SHOULDER RT WO CONTRAST"},
                            "reasonCode": [{"text": "pectoralis major calcific tendinitis"}]})
    found = rules.merge(rules.evaluate(order, rules.Evidence(reports=(after, before),
                                                             studies=())))
    assert [p.lead.rule_id for p in found] == cards

# --- "unlikely" denies; British spellings of hemosiderin explain a sign (P8.11) -------------

@pytest.mark.parametrize("text", [
    "Calcification within the left thigh mass is considered unlikely.",
    "Calcification within the left thigh mass is felt to be unlikely given the absence of "
    "blooming.",
    "It is unlikely that the low-signal foci in the left thigh mass represent calcification.",
    "Low-signal foci in the left thigh mass are unlikely to represent calcification.",
    "Calcification is not a feature of the left thigh mass.",
])
def test_unlikely_calcification_is_denied(text: str) -> None:
    assert read_text("MRI\nFINDINGS: " + text).calcification == "absent"


@pytest.mark.parametrize("text", [
    "The calcified left thigh mass is unlikely to be malignant.",
    "The left thigh mass contains coarse calcification, and sarcoma is considered unlikely.",
    "The left thigh mass contains coarse calcification; malignancy is unlikely.",
    "The left thigh mass contains calcification, which is not a feature of lipoma.",
])
def test_unlikely_of_something_else_leaves_the_calcification(text: str) -> None:
    assert read_text("MRI\nFINDINGS: " + text).calcification == "present"


@pytest.mark.parametrize("text", [
    "Blooming foci within the left thigh mass in keeping with haemosiderin.",
    "Blooming foci within the left thigh mass, in keeping with haemosiderin deposition.",
    "Blooming foci within the left thigh mass consistent with haemosiderin.",
    "Susceptibility foci within the left thigh mass represent haemorrhagic products.",
    "Foci of blooming in the left thigh mass due to haemosiderin.",
])
def test_a_sign_explained_as_haemosiderin_is_no_calcification(text: str) -> None:
    assert read_text("MRI\nFINDINGS: " + text).calcification == "not mentioned"


# --- "no new calcification" denies only a new one (P8.12, red-team probes) ------------------

@pytest.mark.parametrize("text", [
    "No new calcification in the left thigh mass.",
    "No evidence of new or enlarging calcification in the left thigh mass.",
    "No additional calcification in the left thigh mass.",
    "No other calcification apart from that in the left thigh mass.",
    "No new or increased calcification in the supraspinatus tendon.",
])
def test_no_new_calcification_is_no_statement_about_the_known_one(text: str) -> None:
    assert read_text("MRI\nFINDINGS: " + text).calcification == "not mentioned"


@pytest.mark.parametrize(("text", "cls"), [
    ("No calcification other than the known calcified left thigh mass.", "present"),
    ("No interval change in the calcification of the left thigh mass.", "present"),
    ("No calcification in the left thigh mass.", "absent"),
    ("No new mass. The left thigh mass is calcified.", "present"),
])
def test_a_denial_without_new_or_other_still_denies(text: str, cls: str) -> None:
    assert read_text("MRI\nFINDINGS: " + text).calcification == cls


def test_a_newer_reports_no_new_calcification_leaves_the_older_calcified_mass() -> None:
    old = {**mri("FINDINGS: A 4 cm left thigh mass with coarse calcification.", "MRI LEFT THIGH"),
           "id": "old", "effectiveDateTime": "2025-10-01"}
    new = {**mri("FINDINGS: The left thigh mass is unchanged in size. No new calcification in "
                 "the left thigh mass.", "MRI LEFT THIGH"), "id": "new",
           "effectiveDateTime": "2026-10-01"}
    ev = rules.Evidence(reports=(read_report(old), read_report(new)), studies=())
    assert [p.lead.rule_id for p in rules.merge(rules.evaluate(
        read("US GUIDED CORE BX LEFT THIGH MASS", "20206"), ev))] == ["deep-soft-tissue-mass"]


# --- P8.13: a calcium word that only says what a denied sign would have meant is denied ------

THIGH = "MRI RIGHT THIGH WITHOUT AND WITH CONTRAST"


@pytest.mark.parametrize("text", [
    "FINDINGS: No signal void, which would suggest calcification, in the right external iliac "
    "node.",
    "FINDINGS: Intramuscular mass of the right thigh without signal void, which would suggest "
    "calcification.",
    "FINDINGS: No areas of signal loss, which could represent calcification, are identified in "
    "the intramuscular mass.",
    "FINDINGS: The 5 cm intramuscular mass of the right thigh has no blooming, which would be "
    "typical of calcification.",
    "FINDINGS: Intramuscular mass of the right thigh. No dark foci on all sequences, which "
    "might indicate calcification.",
    "FINDINGS: Intramuscular mass of the right thigh without susceptibility artifact, as would "
    "be expected with calcification.",
])
def test_a_denied_sign_with_a_conditional_explanation_is_no_calcification(text: str) -> None:
    found = read_text(f"{THIGH}\n{text}")
    assert found.calcification in ("absent", "not mentioned")
    assert not [m for m in found.mentions if m.counts and m.assertion != "negated"]
    assert leads(text, "CT GUIDED CORE BIOPSY RIGHT THIGH MASS", title=THIGH) == []


@pytest.mark.parametrize("text", [
    "FINDINGS: Intramuscular mass of the right thigh with a signal void, which would suggest "
    "calcification.",
    "FINDINGS: Intramuscular mass of the right thigh with foci of blooming, which could "
    "represent calcification.",
    "FINDINGS: The intramuscular mass of the right thigh contains signal voids, which suggest "
    "calcification; no surrounding edema.",
])
def test_an_affirmed_sign_with_its_explanation_is_still_carded(text: str) -> None:
    assert read_text(f"{THIGH}\n{text}").calcification in ("present", "possible")
    assert leads(text, "CT GUIDED CORE BIOPSY RIGHT THIGH MASS", title=THIGH) == [
        "deep-soft-tissue-mass"]


# --- P8.14: a calcification named as what could cause the symptoms is hedged ----------------

@pytest.mark.parametrize("text", [
    "IMPRESSION: Possible labral chondrocalcinosis; CPPD arthropathy could contribute.",
    "IMPRESSION: Moderate osteoarthritis. CPPD arthropathy may contribute to the symptoms.",
    "IMPRESSION: Calcium pyrophosphate deposition disease might be contributing to the "
    "effusion.",
    "IMPRESSION: Hydroxyapatite deposition disease could also play a role in the acute "
    "symptoms.",
    "IMPRESSION: Large effusion of the right knee; pseudogout could account for it.",
    "IMPRESSION: Recurrent effusions of the left knee. CPPD could explain them.",
])
def test_a_calcification_offered_as_a_possible_cause_is_possible(text: str) -> None:
    assert read_text(text).calcification == "possible"


@pytest.mark.parametrize("text", [
    "IMPRESSION: Chondrocalcinosis of the lateral meniscus, which may contribute to the pain.",
    "IMPRESSION: Calcific tendinitis of the supraspinatus is present and could account for "
    "the acute pain.",
    "IMPRESSION: Dense calcification of the medial meniscus that could contribute to symptoms.",
    "FINDINGS: Coarse calcification in the left thigh mass. IMPRESSION: The calcified mass "
    "could account for the palpable abnormality.",
    "IMPRESSION: Calcific tendinitis of the supraspinatus. This could account for the pain.",
    "IMPRESSION: Calcific tendinitis of the supraspinatus could account for the acute pain.",
    "IMPRESSION: Meniscal chondrocalcinosis could explain the recurrent effusions.",
])
def test_a_seen_calcification_whose_part_in_the_symptoms_is_hedged_stays_present(
        text: str) -> None:
    assert read_text(text).calcification == "present"


# --- P7.11: British spellings of mineralisation, and their denials ---------------------------

@pytest.mark.parametrize(("text", "cls"), [
    ("Innumerable 3-6 mm intra-articular bodies isointense to cartilage (T2 bright), "
     "non-mineralised, with no low-signal foci.", "absent"),
    ("IMPRESSION: Primary synovial chondromatosis, non-mineralised stage, of the right hip.",
     "absent"),
    ("Innumerable unmineralised intra-articular bodies distend the right hip joint.", "absent"),
    ("Non-ossified, non-mineralised cartilaginous bodies in the right hip joint.", "absent"),
    ("The intra-articular bodies of the right hip are not mineralised.", "absent"),
    ("The bones are normally mineralised.", "not mentioned"),
    ("Well mineralised bones without a focal lesion.", "not mentioned"),
    ("Partly mineralised intra-articular bodies in the right hip joint.", "present"),
    ("Synovial chondromatosis of the right hip with mineralised bodies.", "present"),
])
def test_british_mineralisation_and_its_denials(text: str, cls: str) -> None:
    assert read_text("MRI RIGHT HIP\nFINDINGS: " + text).calcification == cls


# --- P19.1a: phleboliths the report calls incidental, or names in another clause, are not the
# vascular lesion's

@pytest.mark.parametrize("text", [
    "IMPRESSION: 3.4 cm bladder wall hemangioma; incidental pelvic phleboliths.",
    "IMPRESSION: Bladder hemangioma, with incidental phleboliths in the pelvic sidewall veins.",
    "IMPRESSION: Left vastus lateralis venous malformation; incidental pelvic phleboliths.",
    "IMPRESSION: Hemangioma of the posterior bladder wall. Incidental phleboliths in the pelvis.",
    "IMPRESSION: Intramuscular hemangioma of the left gluteus maximus; incidental phleboliths "
    "along the pelvic sidewall.",
])
def test_incidental_phleboliths_beside_a_vascular_lesion_are_not_its(text: str) -> None:
    kinds = {s.kind: s.mineral for s in read_text("MRI PELVIS\nFINDINGS: " + text).structures}
    assert kinds == {"incidental": "present"}


@pytest.mark.parametrize("text", [
    "IMPRESSION: 3.4 cm bladder wall hemangioma containing phleboliths.",
    "IMPRESSION: Venous malformation of the left vastus lateralis with phleboliths.",
    "IMPRESSION: Hemangioma of the posterior bladder wall; several phleboliths within it.",
])
def test_phleboliths_of_a_vascular_lesion_stay_its(text: str) -> None:
    assert "mass" in {s.kind for s in read_text("MRI PELVIS\nFINDINGS: " + text).structures}


# --- P8.15: "argues against calcification" denies it -------------------------------------

@pytest.mark.parametrize("text", [
    "FINDINGS: Intramuscular mass of the right thigh. There is no blooming on the gradient-echo "
    "images, which argues against calcification.",
    "FINDINGS: Intramuscular mass of the right thigh; the absence of signal void on all "
    "sequences argues against calcification.",
    "FINDINGS: Intramuscular mass of the right thigh with homogeneous signal, arguing against "
    "calcification or hemorrhage.",
    "FINDINGS: Intramuscular mass of the right thigh. Its uniform enhancement speaks against "
    "calcification.",
    "FINDINGS: Intramuscular mass of the right thigh; the lack of susceptibility artifact "
    "militates against calcification.",
])
def test_argues_against_calcification_denies_it(text: str) -> None:
    found = read_text(f"{THIGH}\n{text}")
    assert found.calcification in ("absent", "not mentioned")
    assert leads(text, "CT GUIDED CORE BIOPSY RIGHT THIGH MASS", title=THIGH) == []


def test_a_sign_argued_for_calcification_is_still_carded() -> None:
    text = ("FINDINGS: The intramuscular mass of the right thigh contains signal voids on all "
            "sequences, which argues for calcification.")
    assert leads(text, "CT GUIDED CORE BIOPSY RIGHT THIGH MASS", title=THIGH) == [
        "deep-soft-tissue-mass"]


# --- P7.4c: a blood-holding lesion the report diagnoses explains its MRI signs --------------

_CAVERNOMA = ("MRI BRAIN WITHOUT CONTRAST\nFINDINGS: Multiple axial MR images demonstrate a "
              "lesion in the right cerebellar hemisphere which has a dark outer margin on all "
              "sequences. The T2 bright signal within this lesion shows a characteristic popcorn "
              "like configuration. Axial GRE image demonstrates magnetic susceptibility "
              "blooming.\nIMPRESSION:\n{impression}")


@pytest.mark.parametrize("impression", [
    "Cavernous Malformation (preferred name)\nDifferential diagnosis:\n• Cavernous Malformation "
    "(a.k.a. Cavernous Angioma, Cavernous Hemangioma, Cavernoma)\n• Hemorrhagic Metastasis",
    "Right cerebellar cavernoma.",
    "Findings are typical of a cavernous angioma of the right cerebellar hemisphere.",
    "Right cerebellar cavernous malformation with a complete hemosiderin rim.",
    "Hemorrhagic metastasis is the main consideration; a cavernous malformation is less likely.",
    "Subacute right cerebellar hematoma.",
    "Lesion containing blood products of different ages.",
])
def test_a_diagnosed_blood_holding_lesion_explains_its_signs(impression: str) -> None:
    """P7.4c (MedPix MPX2532): blooming and a dark rim on all sequences are the hemosiderin of
    the cavernous malformation (or hemorrhagic metastasis) the report diagnoses: no card."""
    found = read_text(_CAVERNOMA.format(impression=impression))
    assert {s.mineral for s in found.structures} <= {"absent", "not mentioned"}


@pytest.mark.parametrize("impression", [
    "Right cerebellar lesion; the dark rim may reflect calcification or hemosiderin.",
    "Cavernous malformation favored; calcification cannot be excluded.",
    "Calcified cavernoma of the right cerebellar hemisphere.",
    "Cavernous malformation versus calcified metastasis.",
    "Right cerebellar lesion of uncertain nature.",
    "No hematoma. Indeterminate right cerebellar lesion.",
    "The lesion is not a cavernous malformation; the blooming may represent calcification.",
])
def test_a_report_keeping_calcification_in_play_keeps_its_card(impression: str) -> None:
    found = read_text(_CAVERNOMA.format(impression=impression))
    assert {s.mineral for s in found.structures} - {"absent", "not mentioned"}
