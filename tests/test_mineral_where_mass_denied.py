"""A mineral with no lesion word, where the MRI denies a soft-tissue mass, is no mass's mineral
(P12.29, P12.30; lead ruling on R-denied-mass): "COMPARISON: Pelvic radiographs 2026-09-01
showing soft-tissue calcification lateral to the left hip" with Findings "No soft-tissue mass"
drew the biopsy card before a soft-tissue biopsy of the hip naming no lesion. No mass card
(biopsy-calcified-mass, deep-soft-tissue-mass) for it; a mineral the text names as a tendon's
stays the tendon's, a lesion the report describes there keeps its mineral, a denial of another
site or side or of "other" masses denies nothing here. Through the pipeline, with a FHIR bundle
as an EHR sends it; every variant failed on main 19513ee."""

from __future__ import annotations

import base64

import pytest

from cds_service.core.reading import read_text
from tests.eval.full_eval import engine_runner

RUN = engine_runner()
DCM = "http://dicom.nema.org/resources/ontology/DCM"


def report(exam: str, history: str, comparison: str, findings: str, impression: str) -> str:
    return (f"EXAM: {exam}\nCLINICAL HISTORY: {history}\nTECHNIQUE: Multiplanar multisequence "
            f"MRI before and after 7 mL gadobutrol.\nCOMPARISON: {comparison}\nFINDINGS:\n"
            f"{findings}\nIMPRESSION:\n{impression}\n")


def cards(text: str, code: str, name: str, reason: str | None = None) -> list[str]:
    title = text.split("\n", 1)[0].removeprefix("EXAM: ")
    mr = {"resourceType": "DiagnosticReport", "id": "mr-1", "status": "final",
          "code": {"text": title}, "subject": {"reference": "Patient/p1"},
          "effectiveDateTime": "2026-11-20", "imagingStudy": [{"reference": "ImagingStudy/st-1"}],
          "presentedForm": [{"contentType": "text/plain",
                             "data": base64.b64encode(text.encode()).decode()}]}
    study = {"resourceType": "ImagingStudy", "id": "st-1", "status": "available",
             "subject": {"reference": "Patient/p1"}, "started": "2026-11-20T09:30:00Z",
             "modality": [{"system": DCM, "code": "MR"}], "description": title}
    draft = {"resourceType": "ServiceRequest", "id": "order-1", "status": "draft",
             "intent": "order", "subject": {"reference": "Patient/p1"},
             "code": {"coding": [{"system": "http://www.ama-assn.org/go/cpt", "code": code}],
                      "text": name}}
    if reason:
        draft["reasonCode"] = [{"text": reason}]
    entries = [{"resourceType": "Patient", "id": "p1", "gender": "female",
                "birthDate": "1968-05-02"}, mr, study, draft]
    bundle = {"resourceType": "Bundle", "type": "collection",
              "entry": [{"resource": r} for r in entries]}
    return [rule for rule, _ in RUN(bundle, "order-select")]


HIP = report(
    "MRI LEFT HIP WITHOUT AND WITH CONTRAST",
    "58-year-old woman with left lateral hip pain and a palpable area of firmness.",
    "Pelvic radiographs 2026-09-01 showing soft-tissue calcification lateral to the left hip.",
    "Soft tissues: No soft-tissue mass. The gluteal muscles are normal in bulk and signal.\n"
    "Joint: Small hip joint effusion. Mild chondral thinning superolaterally. Labrum intact.\n"
    "Bones: No marrow replacing lesion. No fracture.",
    "1. No soft-tissue mass.\n2. Mild left hip chondrosis with a small effusion.")
THIGH = report(
    "MRI RIGHT THIGH WITHOUT AND WITH CONTRAST", "Palpable right thigh fullness after a fall.",
    "Femur radiographs 2026-08-12 showing amorphous calcification in the anterior thigh soft "
    "tissues.",
    "Muscles: No soft-tissue mass or fluid collection. The quadriceps are normal in bulk, with "
    "mild edema of the vastus intermedius.\nBones: Normal femoral marrow.\nVessels: Patent.",
    "1. No soft-tissue mass in the right thigh. Mild vastus intermedius strain.")
ARM = report(
    "MRI LEFT HUMERUS WITHOUT AND WITH CONTRAST", "Firm area in the left upper arm.",
    "Ultrasound left arm 2026-10-02.",
    "Soft tissues: The ultrasound of 2026-10-02 showed an echogenic focus with acoustic "
    "shadowing in the posterior arm subcutaneous fat, consistent with calcification. No mass "
    "is identified on this MRI.\nMuscles: Normal triceps and brachialis.\nBones: Normal.",
    "1. No soft-tissue mass in the left arm.")
OWN = report(
    "MRI PELVIS WITHOUT AND WITH CONTRAST", "Right buttock pain after an intramuscular injection.",
    "None.",
    "Soft tissues: A 6 mm focus of amorphous calcification in the right gluteal subcutaneous "
    "fat. No soft-tissue mass.\nPelvic organs: Unremarkable.\n"
    "Bones: Normal marrow.", "1. No soft-tissue mass of the right buttock.")
LEG = report(
    "MRI LEFT TIBIA AND FIBULA WITHOUT AND WITH CONTRAST", "Left calf swelling.",
    "XR TIBIA/FIBULA LEFT 2026-07-07: punctate calcifications in the posterior calf soft "
    "tissues.",
    "Muscles: The gastrocnemius and soleus are normal in bulk and signal. There is no "
    "soft-tissue mass.\nBones: Normal tibia and fibula.",
    "1. No soft-tissue mass. Normal MRI of the left calf.")
VARIANTS = [
    ("hip-comparison", HIP, "20206", "BIOPSY SOFT TISSUE LEFT HIP", None),
    ("hip-ct-guided", HIP, "20206", "CT GUIDED BIOPSY", "left hip calcification"),
    ("thigh-xr", THIGH, "20206", "US GUIDED CORE BIOPSY RIGHT THIGH SOFT TISSUE", None),
    ("arm-us", ARM, "20206", "US GUIDED CORE BIOPSY LEFT ARM", None),
    ("own-gluteal", OWN, "20206", "CT GUIDED BIOPSY RIGHT BUTTOCK", None),
    ("leg-xr", LEG, "20206", "IR BIOPSY SOFT TISSUE LEFT CALF", None),
]


@pytest.mark.parametrize(("name", "text", "code", "order", "reason"), VARIANTS,
                         ids=[v[0] for v in VARIANTS])
def test_no_mass_card_for_a_mineral_where_the_mri_denies_a_mass(
        name: str, text: str, code: str, order: str, reason: str | None) -> None:
    minerals = [m for m in read_text(text).mentions if m.concept == "calcification" and m.counts]
    assert minerals and all(m.kind != "mass" or m.unmassed for m in minerals)
    assert cards(text, code, order, reason) == []


# a lesion the report describes there keeps the mineral (P12.26's guards)
DESCRIBED = THIGH.replace(
    "No soft-tissue mass or fluid collection.",
    "A 4.8 x 3.1 x 2.6 cm heterogeneous enhancing mass lies within the right vastus "
    "intermedius.").replace("1. No soft-tissue mass in the right thigh.",
                            "1. 4.8 cm intramuscular mass of the right vastus intermedius.")
# a denial of masses other than the one described denies nothing of it
OTHER = DESCRIBED.replace("Bones: Normal femoral marrow.",
                          "No other soft-tissue mass.\nBones: Normal femoral marrow.")
# the denial is of the other side: the mineral's own side is not denied
OTHER_SIDE = report(
    "MRI BILATERAL THIGHS WITHOUT AND WITH CONTRAST", "Right thigh firmness.",
    "Femur radiographs 2026-08-12 showing amorphous calcification in the right anterior thigh "
    "soft tissues.",
    "Muscles: No mass in the left thigh. Mild edema of the right vastus intermedius.\n"
    "Bones: Normal femoral marrow.", "1. Mild right vastus intermedius strain.")
# a tendon's deposit the text names stays the tendon's (crystal deposition)
TENDON = report(
    "MRI LEFT SHOULDER WITHOUT CONTRAST", "Acute left shoulder pain.",
    "Shoulder radiographs 2026-09-10.",
    "Rotator cuff: Calcific deposit within the distal supraspinatus tendon, 9 mm, with "
    "surrounding bursal edema. No soft-tissue mass.\nBones: Normal.",
    "1. Calcific tendinitis of the supraspinatus. No soft-tissue mass.")
GUARDS = [
    ("described", DESCRIBED, "20206", "US GUIDED CORE BIOPSY RIGHT THIGH SOFT TISSUE", None,
     ["deep-soft-tissue-mass"]),
    ("no-other-mass", OTHER, "20206", "US GUIDED CORE BIOPSY RIGHT THIGH SOFT TISSUE", None,
     ["deep-soft-tissue-mass"]),
    ("other-side", OTHER_SIDE, "20206", "CT GUIDED BIOPSY RIGHT THIGH SOFT TISSUE", None,
     ["biopsy-calcified-mass"]),
    ("tendon", TENDON, "20610", "US GUIDED LEFT SHOULDER BARBOTAGE", "calcific tendinitis",
     None),
]


@pytest.mark.parametrize(("name", "text", "code", "order", "reason", "expected"), GUARDS,
                         ids=[g[0] for g in GUARDS])
def test_a_described_lesion_another_side_or_a_tendon_keep_their_reading(
        name: str, text: str, code: str, order: str, reason: str | None,
        expected: list[str] | None) -> None:
    if expected is None:  # the tendon: its kind, whatever the order draws
        assert {m.kind for m in read_text(text).mentions if m.concept == "calcification"} == {
            "tendon"}
    else:
        assert cards(text, code, order, reason) == expected
