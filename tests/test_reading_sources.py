"""Issue 17 in the reader: whose statement (P12), when (P14), calcified bodies (P19), bone lesions
(P16.1) and what is no finding at all (P8.4). Each test failed on main 7caa22f."""

from __future__ import annotations

import base64

import pytest

from cds_service.core.reading import Mention, read_report, read_text


def mentions(text: str) -> tuple[Mention, ...]:
    return read_text(text).mentions


def structures(text: str) -> list[tuple[str, str | None, str | None, str, str | None]]:
    return [(s.kind, s.site, s.side, s.mineral, s.seen_on) for s in read_text(text).structures]


# --- class 1: another modality's statement (P12) ------------------------------------------

@pytest.mark.parametrize(("text", "modality"), [
    ("MRI LEFT THIGH\nFINDINGS: As on the outside CT of March, the mass contains dense "
     "calcification, seen here as foci of low signal on all sequences.", "CT"),
    ("FINDINGS: Comparison radiographs show ring-and-arc mineralization in the right femoral "
     "lesion.", "XR"),
    ("FINDINGS: Sonographically the right kidney lesion contained a calcification.", "US"),
    ("FINDINGS: The left thigh mass contains a calcified focus, which measured 900 HU.", "CT"),
    ("FINDINGS: Low-signal foci in the left groin mass corresponding to the calcification on "
     "the CT.", "CT"),
    ("FINDINGS: This corresponds to the fine pleomorphic calcifications seen on the mammogram "
     "of 2026-09-30.", "MG"),
    ("FINDINGS: Non-contrast CT images demonstrate diffuse calcification throughout the mass.",
     "CT"),
    ("FINDINGS: Radiographically it is a broad-based, densely calcified mass.", "XR"),
    ("FINDINGS: A lesion with central calcific densities is seen on plain radiograph in the "
     "distal right femur.", "XR"),
    ("FINDINGS: CR, CT, and MR demonstrate a lytic lesion in the distal femur with scattered "
     "calcification.", "CT"),
])
def test_a_statement_citing_another_study_is_that_studys(text: str, modality: str) -> None:
    found = read_text(text)
    assert {(m.seen_on, m.own) for m in found.mentions if m.counts} == {(modality, False)}
    assert found.calcification == "not mentioned"  # label: the MRI's own statements (P12.2)
    assert {s.seen_on for s in found.structures} == {modality}


def test_a_comparison_line_stating_what_the_study_showed_is_kept_as_its_statement() -> None:
    found = read_text("COMPARISON: Radiographs left tibia 2026-09-30, which show amorphous "
                      "mineralization in the calf soft tissues.\nFINDINGS: Calf mass.")
    assert [(m.assertion, m.seen_on, m.section) for m in found.mentions] == [
        ("affirmed", "XR", "COMPARISON")]
    assert found.calcification == "not mentioned"
    negated = read_text("COMPARISON: Radiographs left tibia 2026-09-30, which show no "
                        "soft-tissue mineralization.")
    assert [(s.mineral, s.seen_on) for s in negated.structures] == [("absent", "XR")]


@pytest.mark.parametrize("text", [
    "The right thigh mass contains calcification; recommend CT to characterize.",
    "Mineralization within the mass, better evaluated on CT.",
    "On MRI the mass contains calcification.",
    "Calcification in the mass is seen on this MRI and on the radiographs of 2026-05-15.",
    "Extensive pericardial calcification, better appreciated on the prior CT.",
    "ADDENDUM: Review of the prior CT confirms that the mesorectal node is calcified.",
    "The calcification described in this lesion on the 2021 MRI persists.",
])
def test_the_reports_own_statement_stays_its_own(text: str) -> None:
    found = read_text(text)
    assert found.calcification == "present"
    assert all(m.own for m in found.mentions)


def test_a_cited_prior_mri_is_an_mri_but_not_this_reports_statement() -> None:
    found = read_text("The left mesorectal lymph node that contained a calcified focus on the "
                      "baseline MRI of 2026-04-03 now measures 3 mm; no calcification.")
    assert [(m.seen_on, m.own, m.assertion) for m in found.mentions] == [
        ("MR", False, "affirmed"), (None, True, "negated")]
    assert found.calcification == "absent"
    assert [(s.kind, s.mineral, s.seen_on) for s in found.structures] == [
        ("node", "absent", None)]


def test_a_cited_statement_gives_way_where_the_report_says_it_is_gone_now() -> None:
    text = ("FINDINGS: The left mesorectal lymph node that contained a calcified focus on the "
            "baseline MRI of 2026-04-03 now measures 3 mm; no calcification.")
    assert [m.counts for m in read_text(text).mentions] == [False, False]
    mri = read_report(_report(text, "MRI pelvis"), validate=False).findings
    assert [(m.seen_on, m.own, m.counts) for m in mri.mentions] == [
        ("MR", False, False), (None, True, False)]


def _report(text: str, title: str) -> dict:
    return {"resourceType": "DiagnosticReport", "id": "r", "status": "final",
            "code": {"text": title}, "effectiveDateTime": "2026-10-01",
            "presentedForm": [{"contentType": "text/plain",
                               "data": base64.b64encode(text.encode()).decode()}]}


def test_a_sentence_naming_no_place_is_about_the_lesion_before_it_on_its_line() -> None:
    text = ("MRI ABDOMEN\nFINDINGS: Kidneys: A 2.4 cm solid lesion arises from the interpolar "
            "right kidney. It is mildly T2 hyperintense. On the ultrasound of 2026-09-28 the "
            "lesion contained an echogenic focus with posterior acoustic shadowing, in keeping "
            "with calcification.\nNo chondrocalcinosis.")  # P2.2
    assert sorted(s[:3] for s in structures(text)) == [("joint", "abdomen", None),
                                                     ("mass", "kidney", "right")]


@pytest.mark.parametrize(("text", "lesion", "size"), [
    ("MRI LEFT THIGH\nFINDINGS: There is a 5.1 cm enhancing intramuscular mass of the left vastus "
     "lateralis. It contains coarse calcification along its posterior wall.", "mass", 51),
    ("FINDINGS: 3 cm right adrenal lesion with calcification.", "lesion", 30),
    ("FINDINGS: Myositis ossificans of the right brachialis.", "myositis ossificans", None),
    ("FINDINGS: Calcified metastases in the liver.", "metastasis", None),
    ("FINDINGS: The 6 cm left adnexal mass contains a 9 mm calcified focus.", "mass", 60),
    ("FINDINGS: A 12 mm ovoid focus of low signal, consistent with a calcific deposit.",
     "deposit", 12),
])
def test_the_lesion_is_named_as_the_report_names_it(text: str, lesion: str,
                                                    size: int | None) -> None:
    assert {(m.lesion, m.size_mm) for m in mentions(text)} == {(lesion, size)}  # P2.2, P2.5


def test_a_node_along_a_vein_lies_where_the_vein_runs() -> None:
    assert [s[:3] for s in structures(
        "MRI LEFT THIGH\nLymph nodes: A 9 mm lymph node in the subcutaneous fat of the mid medial "
        "left thigh, along the great saphenous vein, contains a punctate calcification.")] == [
        ("node", "thigh", "left")]


def test_a_report_citing_its_own_modality_states_it_itself() -> None:
    text = "FINDINGS: Calcified left adrenal mass, unchanged from the prior CT."
    ct = read_report(_report(text, "CT abdomen"), validate=False).findings
    assert ct.calcification == "present"
    assert {(m.seen_on, m.own) for m in ct.mentions} == {(None, True)}
    cited = "FINDINGS: On the outside CT of March the left adrenal mass contained calcification."
    assert read_report(_report(cited, "CT abdomen"), validate=False).findings.calcification \
        == "present"
    assert read_report(_report(cited, "MRI abdomen"), validate=False).findings.calcification \
        == "not mentioned"


# --- class 1 on real captions (P12.5–P12.7): where the modality is named, and how -----------

@pytest.mark.parametrize(("text", "modality"), [
    # named after the finding, or as a score of it (P12.5)
    ("FINDINGS: Right occipital intracerebral calcifications on preoperative CT.", "CT"),
    ("FINDINGS: Calcifications in the right basal ganglia on CT of the head.", "CT"),
    ("FINDINGS: At CT the left thigh mass contained coarse calcification.", "CT"),
    ("FINDINGS: Coarse calcific foci in the pancreas with a dilated duct (modified computed "
     "tomography score 4).", "CT"),
    ("FINDINGS: The sagittal CT study exhibited calcification of the posterior longitudinal "
     "ligament at C4.", "CT"),
    ("FINDINGS: CT-angiography of the right thigh demonstrates a calcified intramuscular mass.",
     "CT"),
    # CT density words, where the sentence names no MRI (P12.7)
    ("FINDINGS: The hypodense dura lies between the hyperdense ligament and an intradural "
     "calcification.", "CT"),
    ("FINDINGS: A hyperattenuating focus of calcification in the left adrenal mass.", "CT"),
    ("FINDINGS: Coronary artery calcification, Agatston score 412.", "CT"),
])
def test_a_modality_named_after_the_finding_or_by_its_density_words_is_the_source(
        text: str, modality: str) -> None:
    found = read_text(text)
    assert {(m.seen_on, m.own) for m in found.mentions if m.counts} == {(modality, False)}
    assert found.calcification == "not mentioned"


@pytest.mark.parametrize("text", [
    "FINDINGS: Calcification within the mass, which could be further characterized on CT.",
    "FINDINGS: Calcification within the thigh mass, better evaluated on noncontrast CT.",
    "FINDINGS: Calcification in the mass, for follow-up on CT.",
    "FINDINGS: Hypodense foci on T2-weighted images in the thigh mass, likely calcification.",
])
def test_advice_naming_a_study_and_loose_mri_wording_stay_the_reports_own(text: str) -> None:
    found = read_text(text)  # P12.5, P12.7
    assert found.calcification in ("present", "possible")
    assert all(m.own and m.seen_on is None for m in found.mentions)


@pytest.mark.parametrize(("text", "modality"), [
    ("FINDINGS: Axial CT of the neck with IV contrast on hospital day 4. Calcifications of the "
     "longus colli tendon are apparent (arrows).", "CT"),
    ("FINDINGS: Anteroposterior radiograph of the knee showing multiple enchondromas. The distal "
     "femoral metaphysis shows rings and arcs of chondroid calcification.", "XR"),
    ("FINDINGS: Contrast-enhanced axial CT image. The left adrenal mass contains coarse "
     "calcification. It measures 3 cm.", "CT"),
    ("FINDINGS:\nOn the CT of 2026-09-02:\nThe left thigh mass contains coarse calcification.",
     "CT"),
    # a view or image of the study as the subject of a verb of showing
    ("FINDINGS: Unenhanced axial CT image shows a large right sylvian fissure lipoma (white "
     "arrow). Thick linear calcification is seen at its periphery (black arrow).", "CT"),
    ("FINDINGS: Lateral radiograph of the knee shows a joint effusion. Chondrocalcinosis of the "
     "menisci.", "XR"),
])
def test_a_caption_describing_a_study_gives_it_the_rest_of_its_line(text: str,
                                                                     modality: str) -> None:
    found = read_text(text)  # P12.6
    assert {(m.seen_on, m.own) for m in found.mentions if m.counts} == {(modality, False)}
    assert found.calcification == "not mentioned"


@pytest.mark.parametrize("text", [
    # the line ends it
    "FINDINGS: Axial CT of the neck with IV contrast on hospital day 4.\nCalcification of the "
    "longus colli tendon.",
    # a sentence naming the MRI or another study ends it
    "FINDINGS: Axial CT of the neck on hospital day 4. Sagittal T2-weighted image shows "
    "calcification of the longus colli tendon.",
    "FINDINGS: Axial CT of the neck on hospital day 4. Ultrasound was not performed. The longus "
    "colli tendon is calcified.",
    # no caption: a comparison, advice, a guided procedure, a study merely reviewed
    "COMPARISON: CT chest 2026-01-01.\nFINDINGS: The right thigh mass contains calcification.",
    "FINDINGS: Prior CT of the thigh 2026-01-01. The right thigh mass contains calcification.",
    "FINDINGS: CT correlation is recommended. The right thigh mass contains calcification.",
    "FINDINGS: CT-guided biopsy of the thigh in 2025. The right thigh mass contains "
    "calcification.",
    "FINDINGS: Radiographs of the knee were reviewed. Chondrocalcinosis of the menisci.",
    "FINDINGS: Radiographs show a knee effusion. Chondrocalcinosis of the menisci.",
    "FINDINGS: CT of the thigh shows a mass. The right thigh mass contains calcification.",
    "FINDINGS: Prior axial CT image shows a thigh mass. The right thigh mass contains "
    "calcification.",
])
def test_the_reports_own_findings_after_a_study_is_named_stay_its_own(text: str) -> None:
    found = read_text(text)  # P12.6
    assert found.calcification == "present"
    assert all(m.own and m.seen_on is None for m in found.mentions if m.counts)


# --- class 3: time inside the text (P14) ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "The previously described calcific focus in the left thigh mass is no longer seen.",
    "The calcification described in this lesion on the 2021 MRI has resolved.",
    "Interval resolution of the calcific deposit in the supraspinatus tendon.",
    "The mesorectal node calcification described on the prior MRI has resolved.",
])
def test_gone_is_absent(text: str) -> None:
    found = read_text(text)
    assert found.calcification == "absent"
    assert {s.mineral for s in found.structures} == {"absent"}


@pytest.mark.parametrize("text", [
    "The previously described calcific deposit in the supraspinatus tendon is again seen.",
    "Persistent calcific tendinosis of the supraspinatus.",
    "The calcified left thigh mass is unchanged.",
    "The calcification seen on the prior CT persists in the left thigh mass.",
])
def test_still_there_is_present(text: str) -> None:
    assert read_text(text).calcification == "present"


def test_arterial_calcification_is_never_a_mass_whatever_else_the_sentence_names() -> None:
    assert [s[0] for s in structures(
        "MRI LEFT ANKLE\nFINDINGS: Severe osteopenia of the bones of the foot and ankle, as well "
        "as extensive calcifications of the visualized arteries of the foot.")] == ["incidental"]


@pytest.mark.parametrize("text", ["MRI CHEST\nFINDINGS: Dense calcification of the aortic arch.",
                                  "MRI CHEST\nFINDINGS: Dense calcification of the aortic valve "
                                  "and coronary arteries."])
def test_aortic_and_valve_calcification_is_incidental(text: str) -> None:
    assert [s[0] for s in structures(text)] == ["incidental"]  # P15.3


def test_a_sign_the_impression_explains_as_hemosiderin_is_no_calcification() -> None:
    text = ("MRI ABDOMEN\nFINDINGS: Right flank: A 6.0 cm mass in the right flank musculature, "
            "with internal foci of susceptibility on SWI.\nIMPRESSION: 6.0 cm right flank mass "
            "with internal susceptibility on SWI; the phase images indicate paramagnetic foci, in "
            "keeping with hemosiderin.")  # P7.4
    assert read_text(text).calcification == "not mentioned"
    assert not [m for m in mentions(text) if m.counts]
    kept = text.replace("paramagnetic foci, in keeping with hemosiderin", "diamagnetic foci")
    assert read_text(kept).calcification == "possible"


def test_may_be_present_is_possible() -> None:
    assert [m.assertion for m in mentions("Some new bone formation may be present.")] == [
        "possible"]


def test_a_calcific_deposit_of_a_tendon_is_the_tendons() -> None:
    assert structures("The previously described 9 mm calcific deposit in the distal "
                      "supraspinatus tendon is no longer seen.") == [
        ("tendon", "rotator-cuff", None, "absent", None)]
    assert [s[0] for s in structures("An 8 mm calcific deposit at the gluteus medius "
                                     "insertion.")] == ["tendon"]


# --- class 8: calcified bodies named inside a lesion (P19) ---------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("MRI RIGHT THIGH\nFINDINGS: Lobulated venous malformation in the vastus medialis. Several "
     "phleboliths are present within the lesion.", [("mass", "thigh", "right", "present")]),
    ("MRI LEFT FOREARM\nIMPRESSION: Venous malformation of the volar left forearm with "
     "phleboliths.", [("mass", "forearm", "left", "present")]),
    ("MRI RIGHT LEG\nIMPRESSION: Intramuscular venous malformation of the right soleus with "
     "phleboliths or thrombi.", [("mass", "leg", "right", "possible")]),
    ("MRI RIGHT HIP\nFINDINGS: The right hip joint is distended by synovial proliferation with "
     "numerous osteochondral bodies, consistent with synovial osteochondromatosis.",
     [("mass", "hip", "right", "present")]),
    ("MRI RIGHT KNEE\nFINDINGS: The joint recesses are distended by innumerable intra-articular "
     "bodies of uniform size, low in signal on all sequences, with synovial thickening.",
     [("mass", "knee", "right", "possible")]),
    ("MRI LEFT KNEE\nFINDINGS: A 7 mm calcified osteochondral loose body in the intercondylar "
     "notch.", [("incidental", "knee", "left", "present")]),
    ("MRI PELVIS\nFINDINGS: Several phleboliths in the pelvic veins.",
     [("incidental", "pelvis", None, "present")]),
])
def test_calcified_bodies_are_their_lesions_calcification(text: str, expected: list) -> None:
    assert [s[:4] for s in structures(text)] == expected


def test_blooming_typical_of_phleboliths_names_calcification_as_its_cause() -> None:
    found = read_text("MRI LEFT FOREARM\nFINDINGS: The lesion contains round foci of signal void "
                      "with blooming, typical of phleboliths.")
    assert {m.differential for m in found.mentions if m.concept == "signal-void"} == {
        ("calcification",)}


@pytest.mark.parametrize("text", [
    "MRI RIGHT HIP\nFINDINGS: Synovitis with innumerable rice bodies, low on T2.",
    "MRI RIGHT FOREARM\nFINDINGS: The lesion contains several tubular flow voids in enlarged "
    "draining veins.",
    "MRI LEFT KNEE\nFINDINGS: Non-mineralized chondral bodies in the suprapatellar recess.",
])
def test_not_calcified_bodies(text: str) -> None:
    assert read_text(text).calcification in ("not mentioned", "absent")
    assert not [s for s in read_text(text).structures if s.mineral in ("present", "possible")]


# --- bone lesions (P16.1) ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("MRI RIGHT FEMUR\nFINDINGS: A 5.5 cm lobulated intramedullary lesion in the distal right "
     "femoral metadiaphysis. It shows low-signal foci suggesting chondroid matrix, and "
     "peripheral and septal enhancement.", ("bone", "thigh", "right", "possible")),
    ("FINDINGS: A 2.6 cm lesion in the T10 vertebral body with ring-and-arc low-signal foci.",
     ("bone", "thoracic-spine", None, "possible")),
    ("MRI LEFT TIBIA\nFINDINGS: An intracortical lesion of the mid left tibia contains "
     "mineralized matrix.", ("bone", "leg", "left", "present")),
    ("FINDINGS: Enchondroma of the left humerus with chondroid matrix.",
     ("bone", "arm", "left", "possible")),
    ("MRI LEFT HUMERUS\nFINDINGS: Intramedullary popcorn-like calcifications in the left "
     "humeral shaft.", ("bone", "arm", "left", "present")),
    ("MRI LEFT FEMUR\nFINDINGS: A broad-based, juxtacortical, densely calcified mass.",
     ("bone", "thigh", "left", "present")),
    ("MRI RIGHT HUMERUS\nIMPRESSION: 2.5 cm lesion in the proximal right humerus with "
     "ring-and-arc low-signal foci.", ("bone", "arm", "right", "possible")),
    ("MRI RIGHT SHOULDER\nFINDINGS: The right scapular lesion contains chondroid matrix.",
     ("bone", "shoulder", "right", "possible")),
    ("MRI RIGHT THIGH\nFINDINGS: Intramuscular mass of the vastus lateralis adjacent to the "
     "femoral diaphysis, with coarse calcification.", ("mass", "thigh", "right", "present")),
])
def test_a_lesion_inside_bone_is_of_kind_bone(text: str, expected: tuple) -> None:
    assert [s[:4] for s in structures(text)] == [expected]


@pytest.mark.parametrize("text", [
    "BONES: Normal marrow signal and mineralization of the femur.",
    "A small bone island in the femoral neck.",
])
def test_bone_mineral_is_not_lesion_mineral(text: str) -> None:
    assert read_text(text).structures == ()


# --- class 0: diagnosis names, differential lists, generic knowledge (P8.4) ----------------

@pytest.mark.parametrize("text", [
    "IMPRESSION: Tophaceous gout of the first MTP joint.\nDifferential diagnosis:\n>> Pseudogout"
    "\n>> Calcified chondroma",
    "FINDINGS: Lytic lesion of the proximal tibia.\nDDx: enchondroma, calcified chondroma, "
    "chondrosarcoma.",
    "DIAGNOSIS: Pseudogout",
    "IMPRESSION: Non-ossifying fibroma (strongly favored).",
    "Meningiomas often contain calcifications.",
    "Chondroblastoma - usually skeletally immature, centered on the epiphysis, usually has a "
    "sclerotic margin and often contains calcifications.",
    "Calcification is typical of a chondroid tumour.",
])
def test_diagnosis_names_and_generic_knowledge_are_not_findings(text: str) -> None:
    found = read_text(text)
    assert found.calcification == "not mentioned" and found.structures == ()


def test_a_finding_beside_a_differential_list_is_kept() -> None:
    found = read_text("FINDINGS: Small chunk of calcification in the rim of the right temporal "
                      "lobe lesion.\nDifferential diagnosis:\n>> Abscess (because of "
                      "calcification)")
    assert found.calcification == "present"
    assert [m.section for m in found.mentions if m.counts] == ["FINDINGS"]


@pytest.mark.parametrize(("text", "modality"), [
    # ROCO captions (real corpus, issue 17): the caption names its own study and its finding
    ("FINDINGS: Lateral right ankle radiograph with evidence of calcified loose bodies (arrow) "
     "posterior to the talotibial joint. Small loose bodies are also seen anteriorly to the "
     "joint (arrow head).", "XR"),
    ("FINDINGS: Axial CT of the pelvis with a coarsely calcified mass in the left adnexa "
     "(arrow).", "CT"),
    ("FINDINGS: Frontal chest radiograph demonstrating a calcified nodule in the right upper "
     "lobe.", "XR"),
    ("FINDINGS: Coronal CT reconstruction with evidence of calcification within the right "
     "thigh mass.", "CT"),
])
def test_a_caption_naming_its_own_study_and_finding_is_that_studys(text: str,
                                                                   modality: str) -> None:
    """P12.15: a sentence that names its own radiograph or CT and the finding on it ("<view>
    radiograph with evidence of …") is that study's statement, not the MRI's."""
    found = read_text(text)
    assert {(m.seen_on, m.own) for m in found.mentions if m.counts} == {(modality, False)}
    assert found.calcification == "not mentioned"


def test_the_card_on_a_captioned_radiograph_finding_names_the_radiograph() -> None:
    """P12.15, P20.1: the card says the finding is the radiograph's, cited in the MRI."""
    from tests.test_card_names import card_detail
    text = ("FINDINGS:\nLateral right ankle radiograph with evidence of calcified loose bodies "
            "(arrow) posterior to the talotibial joint.\nSagittal MRI of the ankle (fat-saturated "
            "T2-weighted) illustrates two distinct low signal intensity nodules with surrounding "
            "effusion posterior to the talo-tibial joint.")
    detail = card_detail(text, "MRI ANKLE WITHOUT CONTRAST", "CT ANKLE RIGHT W/CONTRAST")
    assert detail.startswith("**Radiograph**, cited in MRI ANKLE WITHOUT CONTRAST")


def test_a_card_on_a_statement_a_caption_attributes_quotes_the_caption() -> None:
    """P12.6, P20.1: the card names the captioned study and quotes the caption before the
    statement, so the quote says where the finding was seen."""
    from tests.test_card_names import card_detail
    text = ("FINDINGS: Anteroposterior radiograph of the left thigh. A 6 cm calcified "
            "intramuscular mass in the left thigh (arrow).")
    assert [m.caption for m in mentions(text)] == ["Anteroposterior radiograph of the left thigh."]
    detail = card_detail(text, "MRI LEFT THIGH", "US guided core biopsy left thigh mass")
    assert detail.startswith("**Radiograph**, cited in MRI LEFT THIGH")
    quoted = next(x for x in detail.splitlines() if x.startswith("> "))
    assert quoted.startswith("> Anteroposterior radiograph of the left thigh. … A 6 cm calcified")


# --- the abbreviations reports use for the studies they cite (P12.1, red-team probes) -------

@pytest.mark.parametrize(("text", "modality"), [
    ("On the NCCT of 2026-09-02 the locules of the right hip mass contained dense amorphous "
     "calcification.", "CT"),
    ("On the CECT of 2026-09-02 the left thigh mass contained coarse calcification.", "CT"),
    ("CT (2026-09-02) demonstrated coarse calcification within the left thigh mass.", "CT"),
    ("Outside CT (09/02/2026) showed a calcified mass in the right thigh.", "CT"),
    ("The CXR of 2026-09-02 showed a calcified mass in the left upper lobe.", "XR"),
    ("Prior KUB demonstrates a calcified mass in the right upper quadrant.", "XR"),
    ("Chest films of 2026-09-01 show a calcified anterior mediastinal mass.", "XR"),
    ("Echocardiography showed a calcified mass on the posterior mitral leaflet.", "US"),
    ("The TTE of 2026-09-25 showed a calcified left atrial mass.", "US"),
    ("On tomosynthesis the left breast mass contains coarse calcifications.", "MG"),
    ("On DBT of 2026-09-01 the left breast mass contains coarse calcifications.", "MG"),
    ("The Panorex of 2026-09-01 showed a calcified mass at the angle of the mandible.", "XR"),
    ("On the OPG the mandibular lesion contained calcification.", "XR"),
    ("On the CBCT the maxillary sinus mass contained calcification.", "CT"),
    ("SPECT/CT showed a calcified mass in the left thigh.", "NM"),
    ("Barium esophagram showed a calcified mass in the posterior mediastinum.", "XR"),
])
def test_a_study_cited_by_its_abbreviation_or_with_its_date_in_brackets_is_the_source(
        text: str, modality: str) -> None:
    found = read_text("MRI\nFINDINGS: " + text)
    assert [m.seen_on for m in found.mentions] == [modality]
    assert found.calcification == "not mentioned"


@pytest.mark.parametrize("text", [
    "Fast spin echo images show calcification in the left thigh mass.",
    "Gradient echo images show blooming foci in the mass, consistent with calcification.",
    "The left thigh mass is calcified. CT (with contrast) is recommended.",
])
def test_mri_echo_sequences_and_advice_in_brackets_cite_no_study(text: str) -> None:
    assert read_text("MRI\nFINDINGS: " + text).calcification in {"present", "possible"}


@pytest.mark.parametrize(("title", "modality"), [
    ("NCCT ABDOMEN PELVIS", "CT"), ("CECT CHEST", "CT"), ("CXR PA AND LATERAL", "DX"),
    ("KUB", "DX"), ("TTE COMPLETE", "US"),
])
def test_a_reports_title_abbreviation_names_its_modality(title: str, modality: str) -> None:
    resource = {"resourceType": "DiagnosticReport", "id": "r1", "status": "final",
                "code": {"text": title}, "subject": {"reference": "Patient/p"},
                "effectiveDateTime": "2026-09-02",
                "presentedForm": [{"contentType": "text/plain", "data": base64.b64encode(
                    b"FINDINGS: Calcified granuloma.").decode()}]}
    assert read_report(resource).modality == modality


# --- the MRI cannot show the cited study's finding (P14.12; unseen8 003/004, o2) --------------

_SFT = ("EXAM: MRI CHEST WITHOUT AND WITH CONTRAST\nFINDINGS:\nPleura: A 7.2 cm well-circumscribed "
        "mass arises from the posterior costal pleura of the right lower hemithorax. {study} the "
        "mass contained faint curvilinear calcification along its inferior margin, {phrase}.")


@pytest.mark.parametrize("phrase", [
    "not resolved on this MRI", "not seen on this MRI", "which is not seen on this MRI",
    "not well resolved on MRI", "below the resolution of this MRI", "occult on this MRI",
    "not visible on the current MRI", "inconspicuous at MRI"])
@pytest.mark.parametrize(("study", "modality"), [
    ("On the chest radiograph of 2026-09-12", "XR"),
    ("On the outside chest CT of 2026-09-20, reviewed on disk,", "CT")])
def test_a_finding_the_mri_cannot_show_stays_the_cited_studys(
        phrase: str, study: str, modality: str) -> None:
    found = [m for m in mentions(_SFT.format(study=study, phrase=phrase))
             if m.concept == "calcification"]
    assert [(m.assertion, m.seen_on) for m in found] == [("affirmed", modality)]


def test_a_cited_finding_denied_before_the_mri_phrase_stays_denied() -> None:
    text = _SFT.format(study="On the outside chest CT of 2026-09-20", phrase="not seen on this MRI")
    found = [m for m in mentions(text.replace("contained faint", "contained no"))
             if m.concept == "calcification"]
    assert all(m.assertion != "affirmed" for m in found)


# --- ultrasound's calcification as sonographers word it, cited in the Comparison line (P12.1a) ---

@pytest.mark.parametrize("text", [
    "COMPARISON: Ultrasound left groin 2026-10-29: 3.6 cm hypoechoic mass in the left inguinal "
    "canal with internal echogenic foci casting acoustic shadows.\nFINDINGS: Groin mass.",
    "COMPARISON: Ultrasound right thigh 2026-09-02, which showed a solid mass containing "
    "echogenic foci that cast posterior acoustic shadows.\nFINDINGS: Thigh mass.",
    "COMPARISON: Ultrasound of the left shoulder 2026-08-11: hyperechoic foci with dense "
    "posterior acoustic shadow in the soft-tissue mass.\nFINDINGS: Shoulder mass.",
    "COMPARISON: Outside ultrasound 2026-07-19 demonstrated a heterogeneous mass with several "
    "echogenic, shadowing foci.\nFINDINGS: Calf mass.",
    "COMPARISON: Ultrasound right flank 2026-10-01: solid mass with brightly echogenic foci "
    "that shadow.\nFINDINGS: Flank mass.",
    "COMPARISON: Ultrasound 2026-06-30 of the left axilla: 2 cm mass with echogenic foci "
    "which cast clean acoustic shadows.\nFINDINGS: Axillary mass.",
])
def test_sonographic_shadowing_in_the_comparison_line_is_the_ultrasounds_calcification(
        text: str) -> None:
    found = read_text(text)
    assert [(m.assertion, m.seen_on, m.section) for m in found.mentions if m.counts] == [
        ("affirmed", "US", "COMPARISON")]
    assert found.calcification == "not mentioned"  # the MRI's own label (P12.2)
    assert [(s.mineral, s.seen_on) for s in found.structures] == [("present", "US")]


@pytest.mark.parametrize("text", [
    "COMPARISON: Ultrasound left groin 2026-10-29: 3.6 cm hypoechoic mass in the left inguinal "
    "canal with internal vascularity, no echogenic foci or acoustic shadowing.",
    "COMPARISON: Ultrasound right thigh 2026-09-02: solid mass without echogenic foci or "
    "posterior acoustic shadows.",
    "COMPARISON: Ultrasound 2026-06-30: homogeneous hypoechoic mass; no shadowing echogenic "
    "foci.",
    "COMPARISON: Ultrasound of the right calf 2026-05-05: hypoechoic mass with posterior "
    "acoustic enhancement.",
    "COMPARISON: Ultrasound 2026-04-04: echogenic fat in the mass, no acoustic shadows.",
])
def test_sonographic_shadowing_denied_or_absent_is_no_calcification(text: str) -> None:
    found = read_text(text)
    assert all(s.mineral == "absent" for s in found.structures)
    assert not [m for m in found.mentions if m.counts and m.assertion != "negated"]


# --- P2.8a: a mass "lies within" its place; a vertebral level only locates it ----------------

@pytest.mark.parametrize(("text", "site"), [
    ("Paraspinal muscles: A 4.4 x 3.1 cm well-circumscribed mass lies within the right "
     "quadratus lumborum at L2-L3, heterogeneously T2 hyperintense with peripheral enhancement, "
     "and contains coarse low-signal foci with blooming on GRE, consistent with calcification.",
     "paraspinal"),
    ("A 3 cm mass lies in the right psoas at L3, and contains coarse calcification.", "psoas"),
    ("A 5 cm mass is located within the right erector spinae at T10-T11, with dense "
     "calcification.", "paraspinal"),
    ("A 4 cm mass situated in the right iliopsoas at L4, T2 hyperintense, and containing "
     "punctate calcification.", "psoas"),
    ("A 2.5 cm mass sits within the right multifidus at L5-S1 and shows foci of calcification.",
     "paraspinal"),
])
def test_a_mass_lying_within_a_muscle_at_a_spinal_level_is_the_muscles(text: str,
                                                                       site: str) -> None:
    found = read_text(f"MRI LUMBAR SPINE WITHOUT AND WITH CONTRAST\nFINDINGS: {text}")
    assert {(s.kind, s.site, s.side) for s in found.structures if s.mineral == "present"} == {
        ("mass", site, "right")}
