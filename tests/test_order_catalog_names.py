"""Order names as real hospital catalogs write them (issue 17 §6; docs/matching-policy.md P17).

Every name below is a procedure description from a public hospital chargemaster (US price
transparency files of 2019, collected in github.com/vsoch/hospital-chargemaster; read whole by
``tests/eval/corpus/catalog.py``, figures in ``tests/eval/corpus/CATALOG.md``): the abbreviated,
truncated names order catalogs built on them show ("CT ABD W/CNT IP", "CHG CT SCAN HEAD COMBO",
"MRI LWR EXT JNT WO+W CNT BL IP"). Each test is one general class of such names.
"""

from __future__ import annotations

import pytest

from cds_service.core.orders import classify_order


def read(text: str):
    return classify_order({"resourceType": "ServiceRequest", "id": "o1", "status": "draft",
                           "intent": "order", "subject": {"reference": "Patient/p1"},
                           "code": {"text": text}})


# --------------------------------------------------------------------------- P17.1 contrast

@pytest.mark.parametrize("text", [
    "CT ABD W/CNT IP", "CT HEAD W/CNTRST", "CT ABD WITH CNTR", "CT MAXILLOFACIAL W/CONTRA",
    "CT FACIAL BONES W/CONTRST", "CT THORACIC SPINE W/CONTR", "HC CT HEAD W/ CONT.",
    "CT LT HIP WITH IV CONT", "CT LOW EXT(BOTH)W/IV CONT", "CT HEAD W/C 15 SL",
    "CT CERVSPINE W/", "CT MAXILLOFACIAL W/", "HC CT SCAN, HEAD/BRAIN; W/CNTRST",
    "CHG CT SCAN OF CHEST CONTRAST", "CT NECK TISSUE CONTRAST", "CT BRAIN IC",
    "CT ABD/PLVS WC(ENTRGRPHY)", "CT ABDOMEN AND PELVIS OC IC", "CT COLONOGRAPHY DIAG WI CONTR",
    "CT VENOGRAM ABDOMEN & PELVIS", "HC CT CCTA",
])
def test_with_contrast_as_catalogs_abbreviate_it(text: str) -> None:
    got = read(text)
    assert (got.kind, got.contrast_stated) == ("ct-contrast", True)


@pytest.mark.parametrize("text", [
    "CT CHEST NO IV CONT(NOD F", "CT LT ANKLE NO IV CONT", "CT ABDOMEN NO IV CONTRAS",
    "CT LOW DOSE FOR LUNG CA", "CT-LOW DOSE-LUNG CANCER SCREENING", "CT LUNG CANCER SCREENING",
    "HC CT THORAX LOW DOSE LUNG SCREEN", "CT HEART W/CALCIUM EVAL SCREENING",
    "CT HEART,CALC SCORE CASH ONLY", "CT CARDIAC SCORING", "CT HEAD NC",
    "HC CT HEAD UNENHANC EXT", "CT THORAX SCREENING", "HC CT CORON SCRNING",
    "CT ABDOMEN ORAL CONTRAST ONLY", "CT PELVIS & ABD ORAL CONT ONLY",   # no IV contrast
    "HC CT FOR RENAL CALCULI", "CT CHEST HIGH RESOLUTION", "CT CHEST HI RESOLUTION",
])
def test_without_contrast_as_catalogs_abbreviate_it(text: str) -> None:
    assert read(text).kind == "ct-noncontrast"


@pytest.mark.parametrize("text", [
    # CDM "combo"/"combined": the without-and-with code of the region (CPT 70470, 74170 ...)
    "CHG CT SCAN HEAD COMBO", "CHG CT SCAN CERV SP COMBO", "CT ABDOMEN, COMBINED",
    "CT ORBIT, COMBINED", "CT L/EXT, COMB, LT", "CT MAXILLOFACIAL COMB", "CT NECK,COMBINED",
    "CT BRAIN WAW IC", "CT ABDOMEN ONLY WAW IC",
    # CPT long descriptors, as a coding display carries them
    "Computed Tomography, Head Or Brain; Without Contrast Material, Followed By Contrast "
    "Material(S) And Further Sections",
    "HC CT SCAN, THORAX; W/O CNTRST , THEN W/CNTRST", "HB CT CHEST W & W/OT CONTRAST",
])
def test_without_and_with_as_catalogs_write_it(text: str) -> None:
    assert read(text).kind == "ct-without-and-with"


@pytest.mark.parametrize(("text", "kind", "stated"), [
    # oral contrast named with no IV contrast and no other phase: a CT without IV contrast (CPT:
    # oral contrast alone is not "with contrast"; the chargemaster prices "CT ABD PELVS W/ORL
    # CONTRA" as its "CT ABD&PELVIS NO IV CONT", P17.1)
    ("CT ABD PELVS W/ORL CONTRA", "ct-noncontrast", True),
    ("CT ABD PELVIS W ORAL CONTRAST", "ct-noncontrast", True),
    ("CT PELVIS & ABD ORAL CONT ONLY", "ct-noncontrast", True),  # oral only: no IV contrast
    ("CT ABD PEL W ORAL ONLY", "ct-noncontrast", True),
    ("CT ABDOMEN PELVIS WITH ORAL AND IV CONTRAST", "ct-contrast", True),
    ("CT ABD W IV CONTRAST AND ORAL CONTRAST", "ct-contrast", True),   # the IV phase decides
    ("CT ABD/PELV W&W/O CONTRAS", "ct-without-and-with", True),
])
def test_oral_contrast_is_not_iv_contrast(text: str, kind: str, stated: bool) -> None:
    got = read(text)
    assert (got.kind, got.contrast_stated) == (kind, stated)


# --------------------------------------------------------------------------- P15.1 guided

@pytest.mark.parametrize("text", [
    "CT Treatment Planning Complex", "CT Treatment Planning Simple",       # RadLex Playbook
    "PT/CT Simulation Limited Area", "CT SIM FOR RADIATION PLANNING LT THIGH",
    "CT SIMULATION PELVIS", "CT CHEST RT PLANNING", "MRI PELVIS FOR RADIATION TREATMENT PLANNING",
])
def test_a_radiotherapy_planning_or_simulation_scan_is_no_study(text: str) -> None:
    """A CT or MRI simulation plans radiotherapy of a diagnosed lesion: no study of it, so a
    calcified thigh sarcoma draws no "noncontrast CT first" card on its simulation CT (P17.3);
    a diagnostic CT for surgical planning stays a CT."""
    assert read(text).kind == "other"
    thigh = "MRI LEFT THIGH: a 5.8 cm deep left thigh mass contains dense calcification."
    assert _leads(thigh, text) == []
    assert read("CT CHEST FOR SURGICAL PLANNING").kind == "ct-contrast"


@pytest.mark.parametrize("text", [
    "CT BONE MARROW BIOPSY", "*SC CT BX BONE MARROW RT", "CT-BONE MARROW ASPIRATION & BX SAME SITE",
    "CT-JOINT INJECTION OR ASPIRATION", "HB CT ASPIRATION OF MUSCLE FLUID",
    "CT-PERCUT RENAL CYST ASPIRATION", "ASPIRATE PLEURA W/CT BIL", "XR-HIP ASPIRATION, LEFT",
    "US BREAST CYST ASPIRATION", "HB MRI BREAST CYST ASPIRATION",
    "INJ/ASPIRATE MAJOR JOINT W/US", "HB ARTHROCNT ASPIR&/INJ MAJOR JT/BURSA W/US",
    "CT GUIDED DRAINAGE PELVIS", "CT ABLATION OF LIVER TUMORS", "CRYOABLATION LUNG CT",
    "US PARACENTESIS", "CT INSERT CHEST TUBE", "INJ FACET JNT LS W/CT ADD BIL",
    "SL CT PL/ART ABD/PV EX 3RD ORD", "CT PERICARDIOSTOMY PERC", "HCPF CT INS MARK ABD/PEL INTRV",
])
def test_imaging_named_with_a_procedure_that_samples_no_lesion_is_its_guidance(text: str) -> None:
    """The modality in "CT BONE MARROW BIOPSY" or "US PARACENTESIS" guides a needle: the order
    is the procedure, with no lesion target (P15.1), never a CT or ultrasound of the region."""
    assert read(text).kind == "other"


@pytest.mark.parametrize("text", [
    "CT GUIDED BX BONE DEEP", "FNA BX W/CT GDN 1ST LES", "*SC CT BX LUNG OR MEDIASTINUM",
    "US GUIDED CORE BX LT BREAST", "IR BX LIVER",
    # LOINC/RSNA Playbook long names: the modality is the guidance, the biopsy the procedure
    "CT Guidance for biopsy of Liver-- WO contrast",
    "CT Guidance for biopsy of Unspecified body region-- WO contrast",
])
def test_a_guided_lesion_biopsy_stays_a_biopsy(text: str) -> None:
    assert read(text).kind == "biopsy"


@pytest.mark.parametrize(("text", "kind"), [
    ("*SC CT ARTHROGRAM KNEE RT", "ct-contrast"),       # an arthrogram is imaging
    ("CT L-SPINE-POST MYELOGRAM", "ct-contrast"),
    ("CT ABDOMEN W CONTRAST POST DRAINAGE", "ct-contrast"),
])
def test_imaging_studies_stay_imaging(text: str, kind: str) -> None:
    assert read(text).kind == kind


# --------------------------------------------------------------------------- P17.2 region, side

@pytest.mark.parametrize(("text", "region"), [
    ("HC MRI CERV SPINE W/CONTRAST", "cervical-spine"), ("MRI CRVCL SPINE WO+W CNT OP",
                                                          "cervical-spine"),
    ("CHG CT SCAN CERV SP COMBO", "cervical-spine"), ("CT CERVSPINE W/", "cervical-spine"),
    ("CT CERVICAL SP, W/O", "cervical-spine"),
    ("HB MRI THOR SPINE W/O CONTRAST", "thoracic-spine"), ("CT THORSPINE W/", "thoracic-spine"),
    ("CHG CT SCAN DORSAL SP COMBO", "thoracic-spine"), ("MR-T/SPINE WITH CONTR", "thoracic-spine"),
    ("CT LUMSPINE W/", "lumbar-spine"),
    ("MRI LWR EXT JNT WO+W CNT BL IP", "lower-extremity"),
    ("MRI LO.EXTR-NO JNT- W&W/O CONTR", "lower-extremity"),
    ("CT L/EXT, COMB, LT", "lower-extremity"), ("HB MRI EXT LOW WO CONT UNI", "lower-extremity"),
    ("CT EXTREM LT LWR WITH CNTR", "lower-extremity"),
    ("MRI UP.EXTR-ANY JT- W&W/O CONTR", "upper-extremity"),
    ("HC MRI, UPPR XTRMTY, OTHR THN JNT; W/O CNTRST", "upper-extremity"),
    ("MR UPR EXT JOINT IC RT", "upper-extremity"), ("MRI U/EXTRM NON JOINT LT W/O",
                                                    "upper-extremity"),
    ("CT NK SFT TISSUE W/CNT IP", "neck"), ("MRI ORBT/FAC/NCK W/O &W/DYE", "skull-base"),
    ("HB CT EXT UPP W CONTRAST UNI", "upper-extremity"), ("CT EXTREM/LOW W/CONTRAST",
                                                         "lower-extremity"),
    ("OPEN MRI UPR EXTRMTY NON-JOINT W/O CONT", "upper-extremity"),
    ("MRI LW EXT NON JNT W/O CONT BI", "lower-extremity"),
    ("CT MAXILLO 1 PROJ W/O CONT.", "maxillofacial"), ("HC CT MAXIFACIAL W/CONT", "maxillofacial"),
    # a TMJ order is of the maxillofacial region, whose CT images the joint (P11.10)
    ("MRI TEMPOROMANDIBULAR JOI", "maxillofacial"), ("MRI TM JOINTS", "maxillofacial"),
    ("MRI SI JOINTS WO CONTRAST", "pelvis"), ("CT SACROILIAC JOINTS WO", "pelvis"),
    ("CT ENTEROGRAPHY", "abdomen-pelvis"), ("US RT UPPER QUADRANT", "abdomen"),
    ("CT ABD PELVS W/ORL CONTRA", "abdomen-pelvis"), ("CT ABD/PLVS W/WO C URGRM", "abdomen-pelvis"),
])
def test_region_abbreviations(text: str, region: str) -> None:
    assert read(text).region == region


@pytest.mark.parametrize("text", [
    "CT UPPER EXT W/O CNT BIL", "MRI LOWER EXT W/CNT BIL IP", "CR INJ F JNT LS W/CT 1ST BIL",
    "MRI LWR EXT JNT WO+W CNT BL IP", "US VENOUS DOPPLER LE B/L",
])
def test_bilateral_abbreviations(text: str) -> None:
    assert read(text).side == "bilateral"


@pytest.mark.parametrize(("text", "region"), [
    ("CT NECK SPINE W/DYE", "cervical-spine"), ("CT NECK SPINE W/O & W/DYE", "cervical-spine"),
    ("MRI NECK SPINE W/O DYE", "cervical-spine"), ("CT CHEST SPINE W/DYE", "thoracic-spine"),
    ("Ct chest spine w/dye", "thoracic-spine"), ("MRI CHEST SPINE W/O DYE", "thoracic-spine"),
    ("CT HRT W IV CNTRS (PULUN)", "cardiac"), ("CT ANGIO HRT W/WO IV C", "cardiac"),
    ("CT HRT W/O DYE W/CA TEST", "cardiac"),
])
def test_cpt_short_descriptors_name_the_spine_and_the_heart(text: str, region: str) -> None:
    """The CPT short descriptors chargemasters copy ("CT NECK SPINE W/DYE" is 72126, "CT CHEST
    SPINE W/DYE" 72129, "CT HRT W/O DYE W/CA TEST" 75571) name the cervical and thoracic spine
    and the heart, not the neck or the chest (P17.2)."""
    assert read(text).region == region


def test_a_coronary_cta_with_calcium_scoring_acquires_noncontrast_images() -> None:
    """"W CALCIUM", "W/CA TEST": a calcium score, acquired without contrast (P17.1)."""
    assert read("CTA HRT W CONTRAST W CALCIUM").kind == "ct-without-and-with"
    assert read("CT HRT W/O DYE W/CA TEST").kind == "ct-noncontrast"
    assert read("CTA HRT W CONTRAST").kind == "ct-contrast"
    coronary = "CARDIAC MRI: calcification of the proximal LAD."
    assert _leads(coronary, "CTA HRT W CONTRAST W CALCIUM") == []
    assert _leads(coronary, "CT HRT W IV CNTRS (PULUN)") == ["cardiovascular-calcification"]


def test_a_thoracic_spine_ct_named_as_the_chest_spine_covers_its_mass() -> None:
    meningioma = ("MRI THORACIC SPINE: a 1.8 cm intradural extramedullary mass at T6 with "
                  "probable calcification, most consistent with a meningioma.")
    assert _leads(meningioma, "CT CHEST SPINE W/DYE") == ["contrast-ct-noncontrast-first"]
    assert _leads(meningioma, "CT CHEST SPINE W/O & W/DYE") == []


@pytest.mark.parametrize(("text", "side"), [
    ("MRI L KNEE WO", "left"), ("MR ARTHROGRAM R SHOULDER", "right"),
    ("MRI LOW EXT NT JT WO DYE L MRI", "left"), ("MRA,LOWER EXTR PLAIN & CONTR R", "right"),
    ("MRI,BREAST UNILAT PLAIN&CONT R", "right"), ("BX BONE DEEP L FEMUR", "left"),
    ("US FNA R NECK NODE", "right"), ("XR KNEES R&L", "bilateral"),
    # the L of a spine name or level, rule out, ADD'L, the lateral view, a body region: no side
    ("MRI L SPINE WO", None), ("XR L-S SPINE 3V", None), ("MRI T/L SPINE", None),
    ("MICRODISCECTOMY L 4-5", None), ("CT CHEST R/O PE", None), ("XR CHEST PA & L", None),
    ("HB MR FETAL INCLUD PLACENTAL & MATERNAL PELVIC IMAGING, ADD'L", None),
    ("CT ABD/PEL WO/W BY CONTR FOLLWD 1-2 BD R", None),
])
def test_a_side_written_as_one_letter(text: str, side: str | None) -> None:
    """Chargemasters and order catalogs write the side as one capital letter (P17.2)."""
    assert read(text).side == side


def test_a_one_letter_side_keeps_the_other_sides_structure_silent() -> None:
    """A left knee's chondrocalcinosis is not the question of an MRI of the right knee, nor a
    right femoral lesion that of a biopsy of the left femur (P4.3, P17.2)."""
    knee = "MRI LEFT KNEE: chondrocalcinosis of the medial and lateral menisci."
    assert _leads(knee, "MRI L KNEE WO") == ["crystal-deposition"]
    assert _leads(knee, "MRI R KNEE WO") == []
    femur = ("MRI RIGHT FEMUR: a 5 cm intramedullary lesion of the distal right femur with "
             "punctate low-signal foci suggesting chondroid matrix.")
    assert _leads(femur, "BX BONE DEEP R FEMUR") == ["bone-lesion-biopsy"]
    assert _leads(femur, "BX BONE DEEP L FEMUR") == []


@pytest.mark.parametrize("title", [
    "MRI L KNEE WO", "MRI LOW EXT JNT WO DYE L MRI", "MRI,LOWR EXTR JT PLAIN&CONTR L",
    "MR KNEE W/O CONTRAST L", "MRI L KNEE W/O DYE",
])
def test_a_one_letter_side_in_a_reports_catalog_title(title: str) -> None:
    """A report's title is the EHR's catalog name, and a finding that names no side takes its
    side (P2.4): the right knee's MRI is not about the left knee's chondrocalcinosis."""
    from cds_service.core import rules
    from cds_service.core.reading import read_report

    for header in (f"EXAM: {title}\n", ""):
        mri = {"resourceType": "DiagnosticReport", "id": "mr1", "status": "final",
               "code": {"text": title}, "effectiveDateTime": "2026-10-01",
               "subject": {"reference": "Patient/p1"},
               "conclusion": header + "FINDINGS: Chondrocalcinosis of the medial and lateral "
                                      "menisci. Moderate effusion."}
        ev = rules.Evidence(reports=(read_report(mri),), studies=())

        def leads(text: str) -> list[str]:
            return [p.lead.rule_id for p in rules.merge(rules.evaluate(read(text), ev))]

        assert leads("MRI LT KNEE WO") == ["crystal-deposition"]
        assert leads("MRI RT KNEE WO") == []


def test_a_without_phrase_outweighs_a_bare_contrast_word() -> None:
    """A trailing "W/" or a bare "CONTRAST" reads as with only when no without phrase is there."""
    assert read("CT HEART W/O CONTRAST W/CALCIUM EVAL").kind == "ct-noncontrast"
    assert read("CT HEAD WOUT CONTRAST").kind == "ct-noncontrast"
    assert read("CT CHEST NON CONTRAST").kind == "ct-noncontrast"
    # high-resolution images beside a contrast series assure no noncontrast one
    assert read("CT THORAX HI RES W/CNT IP").kind == "ct-contrast"


# --------------------------------------------------------------------------- P15.4 purpose

def _leads(report: str, text: str) -> list[str]:
    from cds_service.core import rules
    from cds_service.core.reading import read_report

    mri = {"resourceType": "DiagnosticReport", "id": "mr1", "status": "final",
           "code": {"text": "MRI"}, "effectiveDateTime": "2026-10-01",
           "subject": {"reference": "Patient/p1"}, "conclusion": report}
    ev = rules.Evidence(reports=(read_report(mri),), studies=())
    return [p.lead.rule_id for p in rules.merge(rules.evaluate(read(text), ev))]


@pytest.mark.parametrize(("text", "purpose"), [
    ("CT Chest w Embolus", "vascular"), ("CT CHEST R/O EMBOLISM", "vascular"),
    ("CT Heart w IV Contrast Congenital Heart Disease", "vascular"), ("CT CARDIAC CHD", "vascular"),
    ("CT Colonography w IV Contrast Diagnostic", "bowel"), ("CT COLONOGRAPHY SCREENING", "bowel"),
    ("CT Abdomen Enterography w IV Contrast", "bowel"), ("CT ABD/PLVS WC(ENTRGRPHY)", "bowel"),
    ("HC CT COLONOSCOPY SCREENING", "bowel"),
    ("CT Small bowel W contrast PO and W contrast IV", "bowel"),     # LOINC 72250-4
    ("CEREBR PERF CT HEAD/W INC POST", "vascular"), ("CT CEREBRAL PERF W/CONTRAST", "vascular"),
    ("CT PULMONARY VEINS", "vascular"), ("CT HEART VESSEL W/CONTRAST", "vascular"),
    ("CT ABD WITH CONTRAST TIPPS", "vascular"), ("HC CT HEART CONGNTL STRXR", "vascular"),
    ("CT HEART EVAL CONG DISEASE CTR", "vascular"), ("CT TRAUMA THOR/ABD/PELVIS W/CONT", "trauma"),
    # the congenital-heart word after the contrast words, or "CONG HRT" (P15.4)
    ("CT HEART W/DYE CONGENITAL", "vascular"),
    ("HB CT HRT CONTRST CARDIAC STRUCT&MORPH CONG HRT D", "vascular"),
    ("CT RT LOWER EXT ARTHROGRA", "arthrogram"),        # truncated, as the chargemaster has it
])
def test_a_protocol_that_studies_another_target_names_it(text: str, purpose: str) -> None:
    assert purpose in read(text).purposes


def test_congestive_heart_failure_is_no_congenital_heart_protocol() -> None:
    assert "vascular" not in read("CT CHEST W CONTRAST CONGESTIVE HEART FAILURE").purposes


def test_a_calcification_outside_the_protocols_target_draws_no_card() -> None:
    """A PE or congenital-heart CT is about the vessels and the heart's anatomy, a colonography
    or enterography about the bowel: a calcified pericardial mass or gallbladder wall in their
    field is not what they ask (P15.4); a contrast CT of the region is."""
    pericardial = "MRI CHEST: a 3 cm pericardial mass with coarse calcification."
    for text in ("CT Chest w Embolus", "CT Heart w IV Contrast Congenital Heart Disease",
                 "CT TRAUMA CHEST W/CONT"):
        assert _leads(pericardial, text) == []
    assert _leads(pericardial, "CT CHEST W CONTRAST")
    gallbladder = "MRI ABDOMEN: a 4 cm gallbladder mass with calcification of its wall."
    for text in ("CT Colonography w IV Contrast Diagnostic",
                 "CT Abdomen Enterography w IV Contrast"):
        assert _leads(gallbladder, text) == []
    assert _leads(gallbladder, "CT ABDOMEN W CONTRAST")


def test_an_arthrogram_is_about_a_joint_not_a_mass_of_the_limb() -> None:
    """A CT arthrogram naming only its limb ("CT RT LOWER EXT ARTHROGRA", truncated as the
    chargemaster writes it) is about a joint: a calcified thigh mass is not its target, a
    calcified mass at the knee is (P15.4)."""
    thigh = "MRI RIGHT THIGH: a 6 cm mass of the right rectus femoris contains ossification."
    assert _leads(thigh, "CT RT LOWER EXT ARTHROGRA") == []
    assert _leads(thigh, "CT LT LOWER EXT ARTHROGRA") == []
    assert _leads(thigh, "CT RT LOWER EXT W CONTRAST")
    knee = ("MRI RIGHT KNEE: synovial chondromatosis of the right knee with numerous calcified "
            "intra-articular bodies.")
    assert _leads(knee, "CT RT LOWER EXT ARTHROGRA")


def test_a_congenital_heart_or_oral_contrast_ct_draws_no_contrast_card() -> None:
    """Chargemaster names whose purpose or phase was misread (real corpus, issue 17)."""
    pericardial = "MRI CHEST: a 3 cm pericardial mass with coarse calcification."
    for text in ("CT HEART W/DYE CONGENITAL", "HB CT HRT CONTRST CARDIAC STRUCT&MORPH CONG HRT D"):
        assert _leads(pericardial, text) == []
    gallbladder = "MRI ABDOMEN: a 4 cm gallbladder mass with calcification of its wall."
    assert _leads(gallbladder, "CT ABD PELVS W/ORL CONTRA") == []
    assert _leads(gallbladder, "CT ABD&PELVIS W/ IV CONT")


@pytest.mark.parametrize(("text", "kind", "regions"), [
    # contrast-enhanced / non-enhanced CT as catalogs outside the US abbreviate it (P17.10)
    ("CECT ABDOMEN PANCREATIC PHASE", "ct-contrast", {"abdomen"}),
    ("NCCT ABDOMEN", "ct-noncontrast", {"abdomen"}), ("NECT HEAD", "ct-noncontrast", {"head"}),
    # thorax-abdomen-pelvis and abdomen-pelvis after "CT", "ABDO", tibia/fibula
    ("CT TAP C+ (THORAX ABDO PELVIS)", "ct-contrast", {"chest", "abdomen-pelvis"}),
    ("CT TAP NON CONTRAST", "ct-noncontrast", {"chest", "abdomen-pelvis"}),
    ("CTAP W", "ct-contrast", {"abdomen-pelvis"}), ("CT AP C+", "ct-contrast", {"abdomen-pelvis"}),
    ("CT ABDO PELVIS WITH CONTRAST", "ct-contrast", {"abdomen-pelvis"}),
    ("CT TIB/FIB LT W CONT", "ct-contrast", {"lower-extremity"}),
    # not a region: a spinal tap, a radiograph's AP view
    ("LUMBAR PUNCTURE/SPINAL TAP", "other", {"lumbar-spine"}),
    ("XR CHEST AP", "radiography", {"chest"}),
])
def test_abbreviations_of_catalogs_outside_the_us(text: str, kind: str, regions: set[str]) -> None:
    got = read(text)
    assert (got.kind, set(got.regions)) == (kind, regions)


def test_a_tap_or_cect_order_covers_the_calcified_mass() -> None:
    retroperitoneal = ("MRI ABDOMEN: a 7 cm left retroperitoneal mass with coarse calcification.")
    assert _leads(retroperitoneal, "CT TAP C+ (THORAX ABDO PELVIS)")
    pancreatic = "MRI ABDOMEN: a 3 cm cystic mass of the pancreatic tail with a calcified rim."
    assert _leads(pancreatic, "CECT ABDOMEN PANCREATIC PHASE")
    assert _leads(pancreatic, "NCCT ABDOMEN") == []


def test_a_perforation_is_not_a_perfusion() -> None:
    assert "vascular" not in read("CT ABDOMEN W CONTRAST R/O BOWEL PERF").purposes


def test_a_colonography_or_enterography_is_about_a_mass_of_the_bowel_or_mesentery() -> None:
    """P15.4: the bowel purpose is the bowel and its mesentery, so a calcified mesenteric or
    small-bowel mass in an enterography's field is its target; another organ's is not."""
    mesenteric = ("MRI ENTEROGRAPHY: a 2.8 cm spiculated mass in the small-bowel mesentery with a "
                  "central focus of signal void on all sequences, consistent with calcification.")
    assert _leads(mesenteric, "CT ENTEROGRAPHY ABD/PEL") == ["contrast-ct-noncontrast-first"]
    assert _leads(mesenteric, "CT Colonography w IV Contrast Diagnostic") == [
        "contrast-ct-noncontrast-first"]
    kidney = "MRI ABDOMEN: a 3 cm right renal mass with coarse calcification."
    assert _leads(kidney, "CT ENTEROGRAPHY ABD/PEL") == []
    assert _leads(kidney, "CT ABD/PEL W CONTRAST") == ["contrast-ct-noncontrast-first"]


@pytest.mark.parametrize("text", ["Mr angio spine w/o&w/dye", "Ext lw non-jnt MRI lt wo con"])
def test_sentence_case_catalog_names_read_the_modality(text: str) -> None:
    """Sentence-case charge names ("Mr angio spine"): "Mr" without a period is MR."""
    assert read(text).kind == "mri"
