"""Issue 17, the order side: real catalog names, subsites, order targets and surgery
(docs/matching-policy.md P15, P17, P18). Order-reader tests on catalog strings, then the
decisions they lead to on a calcified structure."""

from __future__ import annotations

from typing import Any

import pytest

from cds_service.core import rules
from cds_service.core.orders import classify_order
from cds_service.core.reading import read_report

CPT = "http://www.ama-assn.org/go/cpt"


def order(text: str | None = None, code: str | None = None, *, display: str | None = None,
          **extra: Any) -> dict[str, Any]:
    concept: dict[str, Any] = {}
    if text is not None:
        concept["text"] = text
    if code is not None:
        concept["coding"] = [{"system": CPT, "code": code}
                             | ({"display": display} if display else {})]
    return {"resourceType": "ServiceRequest", "id": "o1", "status": "draft", "intent": "order",
            "subject": {"reference": "Patient/p1"}, "code": concept, **extra}


def read(text: str | None = None, code: str | None = None, **extra: Any):
    return classify_order(order(text, code, **extra))


def mri(text: str, title: str = "MRI") -> dict[str, Any]:
    return {"resourceType": "DiagnosticReport", "id": "mr1", "status": "final",
            "code": {"text": title}, "effectiveDateTime": "2026-10-01",
            "subject": {"reference": "Patient/p1"}, "conclusion": text}


def leads(report: str, text: str | None = None, code: str | None = None, *,
          title: str = "MRI", **extra: Any) -> list[str]:
    """The leading rule of each card an order draws on one MRI report."""
    ev = rules.Evidence(reports=(read_report(mri(report, title)),), studies=())
    return [p.lead.rule_id for p in rules.merge(rules.evaluate(read(text, code, **extra), ev))]


# --------------------------------------------------------------------------- P17.1 contrast

@pytest.mark.parametrize(("text", "kind"), [
    ("CT Abd w", "ct-contrast"),
    ("CT Chest w Embolus", "ct-contrast"),
    ("CT CHEST C+", "ct-contrast"),
    ("CT ABD PELVIS C+", "ct-contrast"),
    ("CT HEAD C-", "ct-noncontrast"),
    ("CT ABD PELVIS C-", "ct-noncontrast"),
    ("CT CHEST C-/C+", "ct-without-and-with"),
    ("CT HEAD NONCON", "ct-noncontrast"),
    ("CT ABDOMEN NON CON", "ct-noncontrast"),
    ("CT CHEST PE PROTOCOL", "ct-contrast"),
    ("CT ABDOMEN PORTAL VENOUS PHASE", "ct-contrast"),
    ("CT ENTEROGRAPHY", "ct-contrast"),
    ("CT RENAL MASS PROTOCOL", "ct-without-and-with"),
    ("CT ADRENAL PROTOCOL", "ct-without-and-with"),
    ("CT ADRENAL WASHOUT PROTOCOL", "ct-without-and-with"),
    ("CT UROGRAM", "ct-without-and-with"),
    ("CTU ABD/PEL", "ct-without-and-with"),
    ("CT A/P WWO", "ct-without-and-with"),
    ("CT A/P W/O & W", "ct-without-and-with"),
    ("CT CHEST +C", "ct-contrast"),
    ("CT HEAD WOUT CONTRAST", "ct-noncontrast"),
    ("CT ABD W + WO", "ct-without-and-with"),
    ("CT SINUS WO", "ct-noncontrast"),
    ("CT KUB", "ct-noncontrast"),
    ("CT C-SPINE WO", "ct-noncontrast"),
])
def test_contrast_phase_of_catalog_names(text: str, kind: str) -> None:
    got = read(text)
    assert (got.kind, got.contrast_stated) == (kind, True)


@pytest.mark.parametrize("text", ["CT PANCREAS PROTOCOL", "CT TRIPHASIC LIVER", "CT C-SPINE"])
def test_protocols_that_do_not_fix_the_phase_leave_it_unstated(text: str) -> None:
    got = read(text)
    assert (got.kind, got.contrast_stated) == ("ct-contrast", False)


@pytest.mark.parametrize(("text", "kind"), [
    ("PT/CT Bone Skull to Thigh", "other"),
    ("NM/CT Parathyroid SPECT", "other"),
    ("Three views of the right ankle", "radiography"),
    ("Single frontal view of the chest", "radiography"),
    ("US Breast Aspir Cyst Guide Left", "other"),
    ("MR Guide Needle Loc", "other"),
    ("CT Guide Needle Place", "other"),
    ("Mammo Breast Diagnostic Unilateral Post Biopsy Clip", "radiography"),
    ("US Breast Bx Core Guide Left", "biopsy"),  # guided: the biopsy is the procedure
    ("MR Breast Biopsy with Guidance Left", "biopsy"),
    ("Mammo Breast Cyst Aspiration Additional Area with Guidance Left", "other"),
    ("MR Breast Needle Loc with Guidance Right", "other"),
    ("US Needle with Guide", "other"),
    ("CT Head Perfusion", "ct-contrast"),
])
def test_modality_of_catalog_names(text: str, kind: str) -> None:
    assert read(text).kind == kind


# --------------------------------------------------------------------------- P17.2 regions

@pytest.mark.parametrize(("text", "regions"), [
    ("CT CH/ABD/PEL W CONTRAST", {"chest", "abdomen-pelvis"}),
    ("CT C/A/P W CONTRAST", {"chest", "abdomen-pelvis"}),
    ("CT CAP W", {"chest", "abdomen-pelvis"}),
    ("CT Pelv w", {"pelvis"}),
    ("CT Abd/Pelv w", {"abdomen-pelvis"}),
    ("CT ABD PELV W", {"abdomen-pelvis"}),
    ("CTA RUNOFF BILAT LE", {"abdomen-pelvis", "lower-extremity"}),
    ("MRI/LOW EX NOT JNT RT W/O CONTRAST", {"lower-extremity"}),
    ("CT RT UE W CONTRAST", {"upper-extremity"}),
    ("CT Colonography Screening", {"abdomen-pelvis"}),
    ("CT KUB", {"abdomen-pelvis"}),
    ("CT STN W CONTRAST", {"neck"}),
    ("CT FACE W CONTRAST", {"maxillofacial"}),
])
def test_regions_of_catalog_names(text: str, regions: set[str]) -> None:
    assert read(text).regions == regions


def test_side_of_catalog_names() -> None:
    assert read("CTA RUNOFF BILAT LE").side == "bilateral"
    assert read("CT RT THIGH W CONTRAST").side == "right"


# --------------------------------------------------------------------------- P17.4 subsites

@pytest.mark.parametrize(("text", "site"), [
    ("US GUIDED FNA LT PAROTID MASS", "parotid"),
    ("US Neck Parotid", "parotid"),
    ("CT PAROTID W", "parotid"),
    ("US Submandibular Gland", "salivary-gland"),
    ("XR Salivary Gland", "salivary-gland"),
    ("CT Orbits w", "orbit"),
    ("CT Sinuses wo", "sinus"),
    ("CT SINUS WO", "sinus"),
    ("CT Larynx w", "larynx"),
    ("CT Temporal Bone wo", "temporal-bone"),
    ("MR Head IAC w", "temporal-bone"),
    ("MR TMJ w/wo", "temporomandibular-joint"),
    ("CT Sella w", "pituitary"),
    ("US PELVIS ADNEXA", "adnexa"),
    ("US Pelvis Ovary Torsion", "adnexa"),
    ("US GUIDED FNA RT THYROID NODULE", "thyroid"),
])
def test_subsites_of_catalog_names(text: str, site: str) -> None:
    assert site in read(text).sites


def test_ovary_is_not_the_uterus() -> None:
    assert "uterus" not in read("US Pelvis Ovary Torsion").sites


PAROTID = "MRI neck: a 1.9 cm mass of the left parotid gland contains a coarse calcification."


def test_parotid_mass_is_the_target_of_a_parotid_or_neck_order_not_a_thyroid_one() -> None:
    assert leads(PAROTID, "US GUIDED FNA LT PAROTID MASS", "10005") == [
        "biopsy-calcified-mass"]
    assert leads(PAROTID, "CT NECK SOFT TISSUE W CONTRAST") == [
        "contrast-ct-noncontrast-first"]
    assert leads(PAROTID, "US GUIDED FNA LEFT THYROID NODULE", "10005") == []


PERICARDIAL = ("MRI HEART: a giant capsulated intrapericardial mass between the left ventricle and "
               "left atrium, with stratified calcific shells inside.")


@pytest.mark.parametrize(("text", "cards"), [
    # a biopsy of the lung or pleura is not about a pericardial mass (P17.4: sibling subsites of
    # the chest); one of the mediastinum, which holds the heart, or naming no place, is
    ("RP Lung Biopsy with Imaging Guidance", []), ("RP Lung Bx w guide", []),
    ("RP Pleural Biopsy with Imaging Guidance", []), ("RP Pleural Bx w Guide", []),
    ("RP Mediastinum Biopsy with Imaging Guidance", ["biopsy-calcified-mass"]),
    ("RP FNA w Guide", ["biopsy-calcified-mass"]),
    # a chest order still covers it
    ("CT CHEST W CONTRAST", ["contrast-ct-noncontrast-first"]),
    ("RP Neck or Chest Biopsy with Imaging Guidance", ["biopsy-calcified-mass"]),
])
def test_the_chest_has_subsites_lung_pleura_mediastinum_heart(text: str, cards: list[str]) -> None:
    assert leads(PERICARDIAL, text) == cards


def test_chest_subsites_are_read_the_same_in_report_and_order() -> None:
    """Lung, pleura and mediastinum are sites of their own, `is_a` the chest; the heart and
    pericardium lie in the mediastinum (P17.4)."""
    def site(text: str) -> set[str]:
        return {m.site for m in read_report(mri(text)).findings.mentions if m.site}
    assert site("A 2 cm right upper lobe mass contains coarse calcification.") == {"lung"}
    assert site("A 5 cm anterior mediastinal mass contains calcification.") == {"mediastinum"}
    assert "lung" in read("RP Lung Bx w guide").sites
    assert "pleura" in read("RP Pleural Bx w Guide").sites
    assert "mediastinum" in read("RP Mediastinum Biopsy with Imaging Guidance").sites
    lung = "A 2 cm right upper lobe mass contains coarse calcification."
    assert leads(lung, "CT GUIDED BIOPSY RIGHT LUNG MASS") == ["biopsy-calcified-mass"]
    assert leads(lung, "RP Mediastinum Biopsy with Imaging Guidance") == []
    assert leads(lung, "CT CHEST W CONTRAST") == ["contrast-ct-noncontrast-first"]


def test_sinus_and_adnexa_are_read_the_same_in_report_and_order() -> None:
    (sinus,) = {m.site for m in read_report(mri(
        "Left maxillary sinus opacified, with a central calcification.")).findings.mentions}
    (adnexa,) = {m.site for m in read_report(mri(
        "A 6 cm left ovarian mass contains a calcification.")).findings.mentions}
    assert sinus in read("CT SINUS WO").sites and adnexa in read("US PELVIS ADNEXA").sites


def test_an_organ_mass_in_the_pelvis_is_not_a_deep_soft_tissue_mass() -> None:
    report = "A 6 cm left ovarian mass contains a calcification."
    assert leads(report, "CT ABD PELVIS C+", title="MRI PELVIS") == [
        "contrast-ct-noncontrast-first"]
    assert leads(report, "CT ABD PELVIS C-", title="MRI PELVIS") == []
    # a presacral soft-tissue mass of the same pelvis stays deep (Mandatory CT Scenarios)
    assert leads("A 4 cm presacral pelvic mass contains calcification.", "CT ABD PELVIS C+",
                 title="MRI PELVIS") == ["deep-soft-tissue-mass"]


def test_multi_region_local_text_covers_the_pelvic_nodes() -> None:
    report = "An 8 mm mesorectal lymph node contains a calcified focus."
    assert leads(report, "CT CH/ABD/PEL W CONTRAST", title="MRI PELVIS") == [
        "nodal-calcification"]
    assert leads(report, "CT CHEST W CONTRAST", title="MRI PELVIS") == []


def test_a_void_called_possibly_calcification_is_a_calcification_mention() -> None:
    called = "Left maxillary sinus concretion with susceptibility on SWI, possibly calcification."
    assert leads(called, "CT MAXILLOFACIAL W CONTRAST", "70487") == [
        "contrast-ct-noncontrast-first"]
    open_cause = "Left maxillary sinus focal signal void, which may represent calcification, " \
                 "hemosiderin or air."
    assert leads(open_cause, "CT MAXILLOFACIAL W CONTRAST", "70487") == ["signal-void"]


@pytest.mark.parametrize("called", [
    "A 5 cm anterior mediastinal mass contains low-signal foci on all sequences consistent "
    "with calcification.",
    "A 5 cm anterior mediastinal mass with dark foci on SWI, compatible with calcification.",
])
def test_a_void_the_report_calls_calcification_outright_is_not_a_signal_void(called: str) -> None:
    """P7.4: the cause is named, so the calcification rules speak for it; a void with the
    cause left open among others still gets the signal-void card."""
    assert leads(called, "CT CHEST W IV CONTRAST", "71260") == ["contrast-ct-noncontrast-first"]
    open_cause = ("A 5 cm anterior mediastinal mass with low-signal foci on all sequences "
                  "representing calcification or hemosiderin.")
    assert leads(open_cause, "CT CHEST W IV CONTRAST", "71260") == ["signal-void"]


# --------------------------------------------------------------------------- P15 order targets

THIGH_MASS = "MRI LEFT THIGH: a 5.8 cm deep left thigh mass contains dense calcification."
THIGH_NODE = ("MRI LEFT THIGH: a 9 mm lymph node in the medial left thigh contains a calcified "
              "focus; a 5 cm left thigh mass beside it has no calcification.")


@pytest.mark.parametrize(("text", "code", "extra"), [
    ("PUNCH BIOPSY SKIN, LEFT ANTERIOR THIGH RASH", "11104", {}),
    ("PUNCH BIOPSY SKIN, LEFT ANTERIOR THIGH RASH", None, {}),
    ("SKIN BX LEFT THIGH", None, {}),
    ("SHAVE BIOPSY LEFT THIGH", None, {}),
    ("BONE MARROW BIOPSY, LEFT POSTERIOR ILIAC CREST", "38221", {}),
    ("BONE MARROW ASPIRATION AND BIOPSY LT ILIAC", None, {}),
    ("ARTHROCENTESIS LT KNEE, SYNOVIAL FLUID CRYSTAL ANALYSIS", "20610", {}),
    ("LEFT KNEE JOINT ASPIRATION", None, {"reasonCode": [{"text": "Pseudogout"}]}),
    ("LUMBAR PUNCTURE, DIAGNOSTIC", "62270", {}),
    ("URIC ACID, SERUM", None, {"reasonCode": [{"text": "Gout, left knee"}]}),
])
def test_orders_without_a_lesion_target(text: str, code: str | None,
                                        extra: dict[str, Any]) -> None:
    assert read(text, code, **extra).kind == "other"


def test_an_order_without_a_lesion_target_never_matches() -> None:
    assert leads(THIGH_MASS, "CORE NEEDLE BX LT THIGH MASS", "20206") == [
        "deep-soft-tissue-mass"]
    assert leads(THIGH_MASS, "PUNCH BIOPSY SKIN, LEFT ANTERIOR THIGH RASH", "11104") == []
    knee = "MRI LEFT KNEE: chondrocalcinosis of the menisci, consistent with CPPD."
    assert leads(knee, "MRI LT KNEE WO", reasonCode=[{"text": "Pseudogout?"}]) == [
        "crystal-deposition"]
    assert leads(knee, "ARTHROCENTESIS LT KNEE, SYNOVIAL FLUID CRYSTAL ANALYSIS", "20610",
                 reasonCode=[{"text": "Pseudogout"}]) == []
    iliac = "MRI PELVIS: a 3 cm lesion of the left iliac wing contains calcification."
    assert leads(iliac, "BONE MARROW BIOPSY, LEFT POSTERIOR ILIAC CREST", "38221") == []


@pytest.mark.parametrize(("text", "kind"), [
    ("US GUIDED CORE LT THIGH MASS", "biopsy"),
    ("ASPIRATION OF LEFT THIGH MASS", "biopsy"),
    ("CT GUIDED ASPIRATION RT PSOAS LESION", "biopsy"),
    ("LEFT KNEE JOINT ASPIRATION", "other"),
    ("CORE DECOMPRESSION LEFT FEMORAL HEAD", "other"),
])
def test_procedure_words_of_catalogs(text: str, kind: str) -> None:
    assert read(text).kind == kind


def test_biopsy_history_words_are_not_the_procedure() -> None:
    assert read("Mammo Breast Diagnostic Unilateral Post Biopsy Clip").kind == "radiography"
    assert read("Post biopsy clip check").kind == "other"
    assert read("CT GUIDED BX RT PSOAS MASS").kind == "biopsy"
    # RadLex Playbook "MR Biopsy Specimen": imaging of a specimen, not a biopsy of any mass (P3.3)
    assert read("MR Biopsy Specimen").kind == read("MR Bx Specimen").kind == "mri"


BRAIN_LESION = "MRI BRAIN: a 2 cm right frontal lesion contains calcification."
FEMUR_LESION = ("MRI RIGHT FEMUR: a 3 cm lesion in the right femoral diaphysis contains "
                "calcification.")
SOFT_TISSUE_MASS = ("MRI LEFT THIGH: a 6 cm soft tissue mass in the left thigh contains "
                    "calcification.")
LIVER_MASS = "MRI ABDOMEN: a 3 cm liver mass contains calcification."


@pytest.mark.parametrize(("report", "text", "expected"), [
    (BRAIN_LESION, "CT Guided Bone Biopsy", []),
    (BRAIN_LESION, "US Guided Soft Tissue Biopsy", []),
    (BRAIN_LESION, "Fluoro Biliary Biopsy", []),
    (BRAIN_LESION, "Transcatheter Biopsy", []),
    (BRAIN_LESION, "US Guided Retroperitoneal Biopsy", []),
    (BRAIN_LESION, "US Retro Guide Bx", []),          # RadLex short names (RPID5932,
    (BRAIN_LESION, "RP Soft Tis Bx w Guide", []),     # RPID6088, RPID6493)
    (BRAIN_LESION, "RP Transcath Bx", []),
    (SOFT_TISSUE_MASS, "RP Soft Tis Bx w Guide", ["deep-soft-tissue-mass"]),
    ("MRI ABDOMEN: a 6 cm left retroperitoneal mass contains calcification.",
     "US Retro Guide Bx", ["deep-soft-tissue-mass"]),
    (LIVER_MASS, "CT Guided Bone Biopsy", []),
    (LIVER_MASS, "US Guided Soft Tissue Biopsy", []),
    (SOFT_TISSUE_MASS, "Fluoro Biliary Biopsy", []),
    (FEMUR_LESION, "CT Guided Bone Biopsy", ["bone-lesion-biopsy"]),
    (SOFT_TISSUE_MASS, "US Guided Soft Tissue Biopsy", ["deep-soft-tissue-mass"]),
    (LIVER_MASS, "Fluoro Biliary Biopsy", ["biopsy-calcified-mass"]),
    (BRAIN_LESION, "core needle biopsy", ["biopsy-calcified-mass"]),
    (BRAIN_LESION, "CT-guided biopsy of mass", ["biopsy-calcified-mass"]),
])
def test_a_biopsy_naming_a_tissue_or_system_is_about_it(report: str, text: str,
                                                         expected: list[str]) -> None:
    """P3.3: RadLex Playbook biopsies that name bone, soft tissue, the biliary tree, the
    retroperitoneum or a transcatheter route are not "biopsy of any mass"; one naming no
    target or a mass still is."""
    assert leads(report, text) == expected


def test_a_shared_site_word_is_not_a_shared_structure() -> None:
    """P15.2: the order's lesion word must fit the structure's kind."""
    assert leads(THIGH_NODE, "US GUIDED CORE BX LT THIGH MASS", "20206") == []
    assert leads(THIGH_NODE, "US GUIDED FNA LT THIGH LYMPH NODE", "10005") == [
        "nodal-calcification"]
    assert leads(THIGH_MASS, "US GUIDED FNA LT THIGH LYMPH NODE", "10005") == []


CHEST_WALL = "MRI CHEST WALL: a 5 cm left chest wall mass contains calcification."


@pytest.mark.parametrize(("report", "text"), [
    (CHEST_WALL, "CT CHEST W IV CONTRAST PE PROTOCOL"),
    (CHEST_WALL, "CTA CHEST"),
    (CHEST_WALL, "CT CHEST W CONTRAST"),
    (THIGH_MASS, "CTA RUNOFF BILAT LE"),
    (THIGH_MASS, "CT ANGIOGRAM LEFT LOWER EXTREMITY"),
])
def test_a_protocol_that_names_another_target_is_about_it(report: str, text: str) -> None:
    """P15.4: a CT angiogram or PE protocol is about the vessels, not a mass in its field;
    named for the mass, or a plain contrast CT of the region, it is about the mass."""
    plain = "PE" not in text and "CTA" not in text and "ANGIO" not in text
    assert bool(leads(report, text)) == plain
    assert leads(report, text, reasonCode=[{"text": "Left chest wall and thigh mass"}])


def test_a_region_only_contrast_ct_still_covers_the_calcified_mass() -> None:
    assert leads(THIGH_MASS, "CT LT THIGH W IV CONTRAST") == ["deep-soft-tissue-mass"]


ICD10 = "http://hl7.org/fhir/sid/icd-10-cm"
FEMUR_LESION = ("MRI RIGHT FEMUR: a 5.5 cm intramedullary lesion of the distal right femur with "
                "punctate low-signal foci suggesting chondroid matrix.")
ILIAC_LESION = ("MRI PELVIS: a 3.4 cm intramedullary lesion of the left iliac wing with "
                "low-signal foci suggesting chondroid matrix.")
ARM_MASS = "MRI RIGHT ARM: a 6 cm deep intramuscular right biceps mass with dense calcification."


def icd(code: str, display: str) -> list[dict[str, Any]]:
    return [{"coding": [{"system": ICD10, "code": code, "display": display}]}]


@pytest.mark.parametrize(("report", "cpt", "reason", "lead"), [
    (FEMUR_LESION, "20225", icd("D48.0", "Neoplasm of uncertain behavior of bone and articular "
                                "cartilage"), "bone-lesion-biopsy"),
    (FEMUR_LESION, "20225", icd("D16.9", "Benign neoplasm of bone and articular cartilage, "
                                "unspecified"), "bone-lesion-biopsy"),
    (ILIAC_LESION, "20225", icd("D48.0", "Neoplasm of uncertain behavior of bone and articular "
                                "cartilage"), "bone-lesion-biopsy"),
    (ILIAC_LESION, "20220", icd("C41.9", "Malignant neoplasm of bone and articular cartilage, "
                                "unspecified"), "bone-lesion-biopsy"),
    (THIGH_MASS, "20206", icd("C49.22", "Malignant neoplasm of connective and soft tissue of left "
                              "lower limb, including hip"), "deep-soft-tissue-mass"),
    (THIGH_MASS, "20206", icd("D21.22", "Benign neoplasm of connective and other soft tissue of "
                              "left lower limb, including hip"), "deep-soft-tissue-mass"),
    (ARM_MASS, "20206", icd("C49.11", "Malignant neoplasm of connective and soft tissue of right "
                            "upper limb, including shoulder"), "deep-soft-tissue-mass"),
])
def test_a_coded_reasons_icd10_title_names_no_joint_and_no_hip(report: str, cpt: str,
                                                               reason: list, lead: str) -> None:
    """The CDS Hooks Sandbox (PAMA) shape: a CPT code with no display or text and an ICD-10
    reason. "Bone and articular cartilage" is a tissue class, not a joint; "of lower limb,
    including hip" names the limb, the hip is the code's range (P3.1): a site-less bone or
    soft-tissue biopsy with such a reason is still about the calcified lesion."""
    assert leads(report, None, cpt, reasonCode=reason) == [lead]


def test_an_icd10_title_of_the_other_side_keeps_the_biopsy_silent() -> None:
    assert leads(FEMUR_LESION, None, "20225", reasonCode=icd(
        "C40.22", "Malignant neoplasm of long bones of left lower limb")) == []
    assert leads(THIGH_MASS, None, "20206", reasonCode=icd(
        "C49.21", "Malignant neoplasm of connective and soft tissue of right lower limb, "
        "including hip")) == []


@pytest.mark.parametrize("text", [
    "CT FOOT DUAL ENERGY GOUT PROTOCOL", "DECT FEET URATE", "CT KNEE LT GOUT PROTOCOL",
    "CT BILAT FEET DUAL ENERGY FOR URATE", "DUAL-ENERGY CT RT ANKLE TOPHUS",
    "CT HANDS BILAT URATE DECT",
])
def test_a_dual_energy_ct_for_urate_is_noncontrast(text: str) -> None:
    """A dual-energy CT for urate (gout protocol) is acquired without contrast (P17.1), so a
    calcified tophus on MRI draws no card asking for the CT the order already is."""
    assert read(text).kind == "ct-noncontrast"
    tophus = ("MRI LEFT FOOT: a 1.8 cm deposit at the first MTP joint contains punctate foci of "
              "very low signal, consistent with a partially calcified gouty tophus.")
    assert leads(tophus, text) == []


def test_a_dual_energy_ct_with_contrast_stays_a_contrast_ct() -> None:
    assert read("CT ABD DUAL ENERGY W CONTRAST").kind == "ct-contrast"
    assert read("CT LT FOOT W CONTRAST R/O GOUT").kind == "ct-contrast"


def _card(report: str, resource: dict[str, Any]):
    from cds_service.config import DEFAULT_CARDS_DIR
    from cds_service.core.card_library import load_library
    from cds_service.core.cards import render

    ev = rules.Evidence(reports=(read_report(mri(report)),), studies=())
    problems = rules.merge(rules.evaluate(classify_order(resource), ev))
    assert problems, "no card"
    return render(problems[0], load_library(DEFAULT_CARDS_DIR), patient_id="p1",
                  new_id=lambda: "id").card


ISCHIUM_LESION = ("MRI PELVIS: a 4.6 cm expansile lesion of the left ischium with probable "
                  "chondroid matrix.")
PAROTID_MASS = "MRI NECK: a 2 cm left parotid mass with a focus of calcification."


@pytest.mark.parametrize(("report", "code", "display", "body", "named"), [
    (ISCHIUM_LESION, "20225", "Biopsy, bone, trocar, or needle; deep (eg, vertebral body, femur)",
     "Left ischium", "percutaneous bone biopsy with trocar or needle (deep), left ischium"),
    (ISCHIUM_LESION, "20220", "Biopsy, bone, trocar, or needle; superficial (eg, ilium, sternum, "
     "spinous process, ribs)", "Left ischium",
     "percutaneous bone biopsy with trocar or needle (superficial), left ischium"),
    (THIGH_MASS, "20206", "Biopsy, muscle, percutaneous needle", "Left thigh",
     "percutaneous needle biopsy of muscle, left thigh"),
    (THIGH_MASS, "73701", "Computed tomography, lower extremity; with contrast material(s)",
     "Left thigh", "CT lower extremity with contrast, left thigh"),
    (PAROTID_MASS, "70491", "Computed tomography, soft tissue neck; with contrast material(s)",
     None, "CT soft tissue neck with contrast"),
    (PAROTID_MASS, "70491", "CT soft tissue neck with contrast", None,
     "CT soft tissue neck with contrast"),
    (THIGH_MASS, "73701", "CT lower extremity with contrast", "Left thigh",
     "CT lower extremity with contrast, left thigh"),
    ("MRI ABDOMEN: a 4.1 cm right adrenal mass with coarse calcification.", "74160",
     "CT abdomen with contrast", None, "CT abdomen with contrast"),
    ("MRI PELVIS: a 6 cm presacral mass with coarse calcification.", "72193",
     "Computed tomography, pelvis; with contrast material(s)", None, "CT pelvis with contrast"),
])
def test_a_code_alone_is_named_as_a_clinician_reads_it(report: str, code: str, display: str,
                                                       body: str | None, named: str) -> None:
    """The Sandbox/PAMA shape, a code with its CPT descriptor and no text, is named on the card
    by the code table's words and its body site, not by the billing descriptor (P11.15a)."""
    resource = order(None, None, **({"bodySite": [{"text": body}]} if body else {}))
    resource["code"] = {"coding": [{"system": CPT, "code": code, "display": display}]}
    assert classify_order(resource).display == named
    card = _card(report, resource)
    said = card.detail + " ".join(a.description for s in card.suggestions for a in s.actions)
    assert named in said
    assert display in named or display not in said


def test_an_order_with_text_keeps_its_text() -> None:
    resource = order("BX BONE DEEP LT ISCHIUM", "20225", bodySite=[{"text": "Left ischium"}])
    assert classify_order(resource).display == "BX BONE DEEP LT ISCHIUM"


@pytest.mark.parametrize(("report", "text", "part"), [
    ("MRI ORBITS: a 2 cm left intraconal venous malformation containing phleboliths.",
     "CT ORBITS W CONT", "orbits"),
    ("MRI ORBITS: a 2 cm right lacrimal gland mass of the orbit with coarse calcification.",
     "CT ORBIT W CONTRAST", "orbits"),
    ("MRI SELLA: a 2.4 cm sellar and suprasellar mass with a calcified rim, most consistent "
     "with a craniopharyngioma of the pituitary.", "CT SELLA W CONTRAST", "sella"),
    # a mass of the temporal bone itself with chondroid matrix is a bone lesion (P16.12)
    ("MRI TEMPORAL BONES: a 1.5 cm mass of the left middle ear with coarse calcification.",
     "CT TEMPORAL BONES W CONTRAST", "temporal bones"),
])
def test_a_ct_code_family_is_named_for_the_structures_part(report: str, text: str,
                                                           part: str) -> None:
    """CPT 70480-70482 name "orbit, sella or temporal bone": the card names the part the
    structure is, and keeps the family's code (P11.15a)."""
    card = _card(report, order(text))
    labels = [s.label for s in card.suggestions]
    assert f"Change to CT {part} without and with contrast" in labels
    assert f"Order CT {part} without contrast first" in labels
    assert "orbit, sella or temporal bone" not in card.detail + " ".join(labels)
    codes = {a.resource["code"]["coding"][0]["code"] for s in card.suggestions
             for a in s.actions if a.resource}
    assert codes <= {"70480", "70482"}


@pytest.mark.parametrize("text", [
    "BX MUSCLE PERQ NEEDLE", "BX MUSCLE PERC NEEDLE LT THIGH",
    "BIOPSY, MUSCLE, PERCUTANEOUS NEEDLE", "MUSCLE BIOPSY PERCUTANEOUS NEEDLE L THIGH",
    "BIOPSY MUSCLE NEEDLE LEFT THIGH",
])
def test_a_percutaneous_needle_biopsy_of_muscle_samples_the_mass(text: str) -> None:
    """CPT 20206's descriptor, short ("BX MUSCLE PERQ NEEDLE") or long, written as text: the
    usual name of a soft-tissue mass's needle biopsy, as the code is (P15.6)."""
    assert read(text).kind == "biopsy"
    assert leads(THIGH_MASS, text, reasonCode=[{"text": "left thigh mass"}]) == [
        "deep-soft-tissue-mass"]


@pytest.mark.parametrize("text", ["BIOPSY, MUSCLE", "MUSCLE BIOPSY QUADRICEPS FOR MYOSITIS",
                                  "OPEN MUSCLE BIOPSY LT DELTOID", "BX MUSCLE"])
def test_a_muscle_biopsy_not_by_needle_stays_tissue(text: str) -> None:
    assert read(text).kind == "other"


@pytest.mark.parametrize(("report", "text"), [
    ("MRI RIGHT SHOULDER: a 15 mm calcific deposit in the supraspinatus tendon, calcific "
     "tendinosis.", "REMOVAL OF SHOULDER DEPOSITS RT"),
    ("MRI RIGHT SHOULDER: a 15 mm calcific deposit in the supraspinatus tendon, calcific "
     "tendinosis.", "REMOVAL OF DEPOSITS SUBDELTOID RT"),
    ("MRI RIGHT SHOULDER: a 15 mm calcific deposit in the supraspinatus tendon, calcific "
     "tendinosis.", "OPEN REMOVAL DEPOSIT RT SHOULDER"),
    ("MRI LEFT FOOT: a 1.8 cm deposit at the first MTP joint contains punctate foci of very low "
     "signal, consistent with a partially calcified gouty tophus.", "REMOVAL OF TOPHI LT FOOT"),
    ("MRI LEFT FOOT: a 1.8 cm deposit at the first MTP joint contains punctate foci of very low "
     "signal, consistent with a partially calcified gouty tophus.", "REMOVAL OF TOPHUS LT 1ST MTP"),
])
def test_removal_of_deposits_or_tophi_is_surgery_on_them(report: str, text: str) -> None:
    """CPT 23000 as catalogs shorten it ("REMOVAL OF SHOULDER DEPOSITS") and a tophus's
    removal act on the calcified deposit (P18.1)."""
    assert read(text).kind == "surgery"
    assert leads(report, text) == ["surgical-planning"]


# --------------------------------------------------------------------------- P18 surgery

@pytest.mark.parametrize(("text", "code"), [
    ("WIDE RESECTION OF BIOPSY-PROVEN MYXOID LIPOSARCOMA, LEFT THIGH", "27364"),
    ("WIDE RESECTION OF BIOPSY-PROVEN MYXOID LIPOSARCOMA, LEFT THIGH", None),
    ("EXCISION LEFT THIGH MASS", None),
    ("T6 LAMINECTOMY, RESECTION INTRADURAL EXTRAMEDULLARY TUMOR", "63281"),
    ("REMOVAL OF SUBDELTOID CALCAREOUS DEPOSITS, OPEN, RIGHT", "23000"),
    ("REMOVAL OF SUBDELTOID CALCAREOUS DEPOSITS, OPEN, RIGHT", None),
    ("LAPAROSCOPIC RIGHT ADRENALECTOMY", "60650"),
    ("LAPAROSCOPIC RIGHT ADRENALECTOMY", None),
    ("CURETTAGE AND BONE GRAFTING, BENIGN TUMOR LEFT PROXIMAL FEMUR", "27356"),
    ("LEFT SUPERFICIAL PAROTIDECTOMY", None),
    ("ARTHROSCOPIC SYNOVECTOMY AND LOOSE BODY REMOVAL RIGHT HIP", None),
    ("LAPAROSCOPIC CHOLECYSTECTOMY", "47562"),
])
def test_surgery_is_read_from_codes_and_catalog_names(text: str, code: str | None) -> None:
    assert read(text, code).kind == "surgery"


@pytest.mark.parametrize("text", [
    "Excisional biopsy of groin mass",        # a biopsy (P18.3)
    "MRI LEFT THIGH POST RESECTION",          # imaging after surgery
    "CT CHEST FOR SURGICAL PLANNING",
    "ARTHROSCOPY LEFT KNEE DIAGNOSTIC",       # looks, acts on nothing (P18.5)
    "I&D LEFT KNEE ABSCESS",                  # drainage of pus, no lesion (P15.1)
    "RADIOFREQUENCY ABLATION RIGHT KIDNEY MASS",
])
def test_not_surgery_on_the_lesion(text: str) -> None:
    assert read(text).kind != "surgery"


SURGERY_CASES = [
    ("MRI LEFT THIGH: a 9 cm left adductor mass with peripheral calcifications.",
     "WIDE RESECTION OF BIOPSY-PROVEN MYXOID LIPOSARCOMA, LEFT THIGH", "27364"),
    ("MRI THORACIC SPINE: 1.8 cm intradural extramedullary mass at T6 with probable "
     "calcification, most consistent with a meningioma.",
     "T6 LAMINECTOMY, RESECTION INTRADURAL EXTRAMEDULLARY TUMOR", "63281"),
    ("MRI RIGHT SHOULDER: a 15 mm calcific deposit in the supraspinatus tendon, calcific "
     "tendinosis.", "REMOVAL OF SUBDELTOID CALCAREOUS DEPOSITS, OPEN, RIGHT", "23000"),
    ("MRI ABDOMEN: a 4.1 cm right adrenal mass with coarse calcification.",
     "LAPAROSCOPIC RIGHT ADRENALECTOMY", "60650"),
]


@pytest.mark.parametrize(("report", "text", "code"), SURGERY_CASES)
def test_surgery_on_a_calcified_structure_gets_the_planning_card(report: str, text: str,
                                                                 code: str) -> None:
    assert leads(report, text, code) == ["surgical-planning"]


def test_surgery_on_another_structure_or_side_is_silent() -> None:
    adrenal = ("MRI ABDOMEN: a 4.1 cm right adrenal mass with coarse calcification. Several "
               "calcified gallstones.")
    assert leads(adrenal, "LAPAROSCOPIC CHOLECYSTECTOMY", "47562") == []
    assert leads(adrenal, "LAPAROSCOPIC LEFT ADRENALECTOMY", "60650") == []
    # a CT of the region after the MRI characterized it (P10); an ossified mass alone is not
    # for this card (P18.2)
    thigh, text, code = SURGERY_CASES[0]
    ct = {**mri("A 9 cm adductor mass with peripheral calcifications.",
                "CT LEFT THIGH WITHOUT CONTRAST"), "id": "ct1", "effectiveDateTime": "2026-10-26"}
    mr_only = rules.Evidence(reports=(read_report(mri(thigh)),), studies=())
    with_ct = rules.Evidence(reports=(read_report(ct), read_report(mri(thigh))), studies=())
    assert rules.evaluate(read(text, code), mr_only)
    assert not rules.evaluate(read(text, code), with_ct)
    assert leads("MRI LEFT THIGH: a 5 cm left thigh mass with peripheral ossification.",
                 text, code) == []


@pytest.mark.parametrize(("report", "text"), [
    ("MRI ABDOMEN: a 3.4 cm left renal mass with peripheral calcification.",
     "ROBOTIC PARTIAL NEPHRECTOMY LT"),
    ("MRI ABDOMEN: a 3.4 cm left renal mass with peripheral calcification.",
     "NEPHRECTOMY PARTIAL LAPAROSCOPIC LEFT"),
    ("MRI ABDOMEN: a 4.1 cm right adrenal mass with coarse calcification.",
     "LAPAROSCOPIC RIGHT ADRENALECTOMY"),
    ("MRI NECK: a 2 cm right parotid mass with a focus of calcification.",
     "SUPERFICIAL PAROTIDECTOMY RT"),
    ("MRI THORACIC SPINE: a 2.6 cm lesion of the T10 vertebral body with ring-and-arc "
     "chondroid matrix.", "T10 CORPECTOMY AND FUSION"),
    ("MRI THORACIC SPINE: a 2.6 cm lesion of the T10 vertebral body with ring-and-arc "
     "chondroid matrix.", "T9-10 VERTEBRECTOMY"),
])
def test_an_organ_resection_or_a_spine_operation_names_its_place(report: str, text: str) -> None:
    """The organ an -ectomy is named for, and a thoracic level, are the operation's place in
    order text alone, without a code (P18.1, P17.2): a text-only partial nephrectomy of a
    calcified renal mass, or a T10 corpectomy of a matrix lesion, is planned on CT."""
    assert leads(report, text) == ["surgical-planning"]


@pytest.mark.parametrize(("report", "text"), [
    ("MRI ABDOMEN: a 3.4 cm left renal mass with peripheral calcification.",
     "ROBOTIC PARTIAL NEPHRECTOMY RT"),
    ("MRI ABDOMEN: a 4.1 cm right adrenal mass with coarse calcification.",
     "LAPAROSCOPIC SPLENECTOMY"),
    ("MRI NECK: a 2 cm right parotid mass with a focus of calcification.",
     "TOTAL THYROIDECTOMY"),
    ("MRI THORACIC SPINE: a 2.6 cm lesion of the T10 vertebral body with ring-and-arc "
     "chondroid matrix.", "L4-5 LAMINECTOMY"),
])
def test_an_organ_resection_of_another_organ_level_or_side_is_silent(report: str,
                                                                      text: str) -> None:
    assert leads(report, text) == []


@pytest.mark.parametrize("text", ["FREE T4", "T3 UPTAKE", "CT C/A/P W, RECTAL CA T3 N1"])
def test_a_hormone_or_a_tumour_stage_is_no_thoracic_level(text: str) -> None:
    assert "thoracic-spine" not in read(text).target_sites


def test_a_card_never_invents_a_mass() -> None:
    """P15.3: the lesion line names what the report names; no lesion word, no "mass"."""
    from cds_service.config import DEFAULT_CARDS_DIR
    from cds_service.core.card_library import load_library
    from cds_service.core.cards import render

    report = ("MRI LEFT ANKLE: radiographs show osteopenia of the foot and ankle as well as "
              "extensive calcifications along the medial ankle.")
    ev = rules.Evidence(reports=(read_report(mri(report)),), studies=())
    problems = rules.merge(rules.evaluate(read("CT LEFT ANKLE W CONTRAST"), ev))
    assert problems
    card = render(problems[0], load_library(DEFAULT_CARDS_DIR), patient_id="p1",
                  new_id=lambda: "id").card
    assert "**Finding:** left ankle calcification" in card.detail
    assert "mass" not in card.detail.lower() and "lesion" not in card.detail.lower()


@pytest.mark.parametrize(("system", "code", "kind", "region", "site"), [
    ("http://loinc.org", "36174-1", "ct-contrast", "lower-extremity", "thigh"),
    ("http://loinc.org", "36529-6", "ct-noncontrast", "maxillofacial", "sinus"),
    ("http://loinc.org", "36235-0", "ct-contrast", "neck", "neck"),
    ("http://snomed.info/sct", "432370003", "ct-contrast", "abdomen-pelvis", "pelvis"),
    ("http://snomed.info/sct", "16457501000119100", "ct-noncontrast", "abdomen-pelvis", "pelvis"),
])
def test_playbook_and_snomed_codes_without_text(system: str, code: str, kind: str, region: str,
                                                site: str) -> None:
    got = classify_order({**order(), "code": {"coding": [{"system": system, "code": code}]}})
    assert (got.kind, got.region) == (kind, region) and site in got.sites


def test_a_sinus_ct_is_changed_into_a_sinus_ct_not_a_head_ct() -> None:
    """The suggested study keeps the order's own region: face and sinuses (CPT 70486-70488),
    orbits, sella and temporal bones (70480-70482), not a head CT."""
    from cds_service.config import DEFAULT_CARDS_DIR
    from cds_service.core.card_library import load_library
    from cds_service.core.cards import render

    report = "MRI SINUSES: left maxillary sinus opacified, with a central calcified concretion."
    ev = rules.Evidence(reports=(read_report(mri(report)),), studies=())
    problems = rules.merge(rules.evaluate(read("CT MAXILLOFACIAL W CONTRAST", "70487"), ev))
    card = render(problems[0], load_library(DEFAULT_CARDS_DIR), patient_id="p1",
                  new_id=lambda: "id").card
    codes = [a.resource["code"]["coding"][0]["code"] for s in card.suggestions
             for a in s.actions if a.resource]
    assert codes == ["70488", "70486"]
    assert not rules.evaluate(read("CT HEAD W CONTRAST", "70460"), ev)  # about the brain (P4.2)
    assert read("CT Orbits w").region == read("CT Sella wo").region == "skull-base"
    assert read("CT SINUS WO").region == "maxillofacial"


def test_a_biopsy_of_a_sinus_mass_suggests_a_sinus_ct() -> None:
    report = "MRI SINUSES: left maxillary sinus mass with a central calcification."
    ev = rules.Evidence(reports=(read_report(mri(report)),), studies=())
    (problem,) = rules.merge(rules.evaluate(read("CORE NEEDLE BIOPSY", "10005"), ev))
    assert problem.lead.ct_region == "maxillofacial"


# --------------------------------------------------------------------------- RadLex sweep (corpus)

BRAIN = "A right temporal lobe mass with a calcified rim."


@pytest.mark.parametrize(("text", "kind", "purpose"), [
    ("CT Head Angio w IV Contrast", "ct-contrast", "vascular"),   # RadLex word order (P15.4)
    ("MR Lower Extremity Angio", "mri", "vascular"),
    ("MRA HEAD", "mri", "vascular"),
    ("CT Head w IV Contrast Perfusion", "ct-contrast", "vascular"),  # about perfusion
    ("RP Muscle Biopsy with Imaging Guidance", "other", None),      # myopathy work-up (P15.1)
])
def test_radlex_names_that_are_about_something_else(text: str, kind: str,
                                                    purpose: str | None) -> None:
    got = read(text)
    assert got.kind == kind and (purpose is None or purpose in got.purposes)
    assert leads(BRAIN, text, title="MRI BRAIN WITHOUT CONTRAST") == []


def test_a_face_ct_does_not_image_a_brain_lesion() -> None:
    """P4.2: an order that names only a region matches a structure whose site it images."""
    title = "MRI BRAIN WITHOUT CONTRAST"
    assert leads(BRAIN, "CT Head w IV Contrast", title=title) == [
        "contrast-ct-noncontrast-first"]
    assert leads(BRAIN, "CT Maxillofacial w IV Contrast", title=title) == []



@pytest.mark.parametrize("lesion", [BRAIN, "A fourth ventricle mass with coarse calcification."])
@pytest.mark.parametrize("text", ["CT Sella w IV Contrast", "CT PITUITARY W CONTRAST",
                                  "BIOPSY PITUITARY LESION"])
def test_a_sella_order_is_not_about_a_brain_lesion_elsewhere(lesion: str, text: str) -> None:
    """P4.2: the pituitary is part of the intracranial contents (`is_a` brain), but an order
    naming the sella is about a lesion of the brain only where its region images it."""
    title = "MRI BRAIN WITHOUT CONTRAST"
    assert leads(lesion, text, title=title) == []
    assert leads(lesion, "CT Head w IV Contrast", title=title) == [
        "contrast-ct-noncontrast-first"]
    sellar = "A suprasellar mass with calcification, likely craniopharyngioma."
    assert leads(sellar, text, title=title) != []
    assert leads(sellar, "CT Head w IV Contrast", title=title) == [
        "contrast-ct-noncontrast-first"]


# --- biopsies of tissue, not of a lesion (P15.6, red-team probes) ---------------------------

@pytest.mark.parametrize(("text", "code"), [
    ("BIOPSY, MUSCLE", "20200"),
    ("BIOPSY, MUSCLE DEEP", "20205"),
    ("NERVE BIOPSY SURAL LEFT", None),
    ("BIOPSY, NERVE", "64795"),
    ("TEMPORAL ARTERY BIOPSY RIGHT", "37609"),
    ("US GUIDED RANDOM LIVER BIOPSY (NON-FOCAL)", "47000"),
    ("LIVER BIOPSY RANDOM", "47000"),
    ("RENAL BIOPSY NATIVE", "50200"),
    ("MEDICAL RENAL BIOPSY", None),
    ("ENDOMETRIAL BIOPSY", "58100"),
])
def test_a_biopsy_of_tissue_not_of_a_lesion_has_no_lesion_target(text: str,
                                                                   code: str | None) -> None:
    assert read(text, code).kind == "other"


@pytest.mark.parametrize(("text", "code"), [
    ("US GUIDED BIOPSY LIVER LESION SEGMENT 7", "47000"),
    ("US GUIDED RENAL MASS BIOPSY", "50200"),
    ("PERC NEEDLE BIOPSY OF MUSCLE", "20206"),  # the code's own name, used for mass biopsies
    ("BIOPSY OF NERVE SHEATH TUMOR LEFT THIGH", None),
])
def test_a_biopsy_naming_a_lesion_or_by_its_code_stays_a_biopsy(text: str,
                                                                 code: str | None) -> None:
    assert read(text, code).kind == "biopsy"


def test_a_random_liver_biopsy_is_not_about_the_calcified_liver_lesion() -> None:
    liver = ("MRI ABDOMEN: a 5.2 cm segment 7 liver lesion with a calcified wall and daughter "
             "cysts, consistent with a hydatid cyst. Hepatic steatosis.")
    assert leads(liver, "US GUIDED BIOPSY LIVER LESION SEGMENT 7", "47000") == [
        "biopsy-calcified-mass"]
    assert leads(liver, "US GUIDED RANDOM LIVER BIOPSY (NON-FOCAL)", "47000",
                 reasonCode=[{"text": "Suspected NASH, fibrosis staging"}]) == []
