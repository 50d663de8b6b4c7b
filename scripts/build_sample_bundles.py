"""Write the scenario bundles in ``sample_bundles/`` and their expected cards.

Each scenario is one patient's record (Patient, prior imaging reports and studies) plus the
draft order(s) a clinician is placing. ``tests/sample_bundle_expectations.json`` states, per
bundle and hook, which rules a clinician reviewer expects to drive a card (empty: the
service must stay silent). Run: ``python scripts/build_sample_bundles.py``.
"""

from __future__ import annotations

import base64
import json
import zlib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "sample_bundles"
EXPECTED = ROOT / "tests" / "sample_bundle_expectations.json"
CPT = "http://www.ama-assn.org/go/cpt"
LOINC = "http://loinc.org"
DICOM = "http://dicom.nema.org/resources/ontology/DCM"
RADIOLOGY = {"coding": [{"system": LOINC, "code": "LP29684-5", "display": "Radiology"}]}

ADULT = "1968-04-12"
CHILD = "2022-06-03"


def patient(pid: str, birth: str, family: str, given: str, gender: str = "female") -> dict:
    return {"resourceType": "Patient", "id": pid, "name": [{"family": family, "given": [given]}],
            "gender": gender, "birthDate": birth}


def report(rid: str, pid: str, title: str, date: str, conclusion: str | None = None, *,
           status: str = "final", presented: str | None = None, html: bool = False,
           study: str | None = None) -> dict:
    res: dict[str, Any] = {
        "resourceType": "DiagnosticReport", "id": rid, "status": status,
        "category": [RADIOLOGY], "code": {"text": title},
        "subject": {"reference": f"Patient/{pid}"},
        "effectiveDateTime": date, "issued": date + "T16:00:00Z",
    }
    if study:
        res["imagingStudy"] = [{"reference": f"ImagingStudy/{study}"}]
    if conclusion:
        res["conclusion"] = conclusion
    if presented:
        ctype = "text/html" if html else "text/plain"
        res["presentedForm"] = [{"contentType": ctype,
                                 "data": base64.b64encode(presented.encode()).decode()}]
    return res


def study(sid: str, pid: str, modality: str, date: str, description: str,
          body_site: tuple[str, str] | None = None) -> dict:
    series: dict[str, Any] = {"uid": f"2.25.{zlib.crc32(sid.encode())}", "number": 1,
                              "modality": {"system": DICOM, "code": modality}}
    if body_site:
        series["bodySite"] = {"system": "http://snomed.info/sct", "code": body_site[0],
                              "display": body_site[1]}
    return {"resourceType": "ImagingStudy", "id": sid, "status": "available",
            "subject": {"reference": f"Patient/{pid}"}, "started": date + "T09:30:00Z",
            "modality": [{"system": DICOM, "code": modality}], "description": description,
            "series": [series]}


def order(oid: str, pid: str, text: str, cpt: str | None = None, *,
          reason: str | None = None) -> dict:
    code: dict[str, Any] = {"text": text}
    if cpt:
        code["coding"] = [{"system": CPT, "code": cpt}]
    res: dict[str, Any] = {"resourceType": "ServiceRequest", "id": oid, "status": "draft",
                           "intent": "order", "code": code,
                           "subject": {"reference": f"Patient/{pid}"},
                           "authoredOn": "2026-11-20"}
    if reason:
        res["reasonCode"] = [{"text": reason}]
    return res


def bundle(*resources: dict) -> dict:
    return {"resourceType": "Bundle", "type": "collection",
            "entry": [{"fullUrl": f"urn:uuid:{r['resourceType'].lower()}-{r['id']}",
                       "resource": r} for r in resources]}


SCENARIOS: dict[str, tuple[dict, dict[str, list[str]]]] = {}


def scenario(name: str, expected: list[str], *resources: dict,
             sign: list[str] | None = None) -> None:
    SCENARIOS[name] = (bundle(*resources), {"order-select": expected,
                                            "order-sign": expected if sign is None else sign})


# --- issue 2: the first five -----------------------------------------------------------
p = "p-thigh"
scenario(
    "positive-biopsy-thigh-mass", ["deep-soft-tissue-mass"],
    patient(p, ADULT, "Testpatient", "Alma"),
    report("mr-thigh", p, "MRI left thigh without and with contrast", "2026-10-02",
           "IMPRESSION: 6 cm heterogeneous soft tissue mass in the left thigh with internal "
           "calcification. Recommend tissue sampling."),
    order("bx-thigh", p, "US-guided core needle biopsy, left thigh soft tissue mass", "20206"),
)
p = "p-adrenal"
scenario(
    "positive-contrast-ct-abdomen", ["contrast-ct-noncontrast-first"],
    patient(p, ADULT, "Testpatient", "Bruno", "male"),
    report("mr-abd", p, "MRI abdomen without and with contrast", "2026-09-14",
           "IMPRESSION: 3.1 cm right adrenal lesion with punctate calcifications."),
    order("ct-abd", p, "CT abdomen with contrast", "74160"),
)
p = "p-negated"
scenario(
    "negated-report-biopsy", [],
    patient(p, ADULT, "Testpatient", "Carla"),
    report("mr-neg", p, "MRI right thigh with and without contrast", "2026-08-21",
           "IMPRESSION: 4 cm intramuscular mass in the right thigh. No calcification or "
           "hemorrhage."),
    order("bx-neg", p, "CT-guided core biopsy right thigh mass", "20206"),
)
p = "p-unrelated"
scenario(
    "unrelated-order-lab", [],
    patient(p, ADULT, "Testpatient", "Dario", "male"),
    report("mr-unrel", p, "MRI left flank", "2026-07-30",
           "IMPRESSION: Left flank soft tissue mass with coarse calcifications."),
    order("lab-cbc", p, "Complete blood count with differential", None),
    order("pt-eval", p, "Physical therapy evaluation and treatment", None),
)
p = "p-noprior"
scenario(
    "no-prior-imaging-biopsy", [],
    patient(p, ADULT, "Testpatient", "Elin"),
    order("bx-noprior", p, "Core needle biopsy left groin mass", "20206"),
)

# --- issue 3: every situation, positive and negative ----------------------------------
p = "p-flank"
scenario(
    "deep-mass-flank-biopsy", ["deep-soft-tissue-mass"],
    patient(p, ADULT, "Testpatient", "Farid", "male"),
    report("mr-flank", p, "MRI abdomen", "2026-10-11",
           "IMPRESSION: 5 cm left flank soft tissue mass containing several foci of "
           "calcification.", study="st-mr-flank"),
    study("st-mr-flank", p, "MR", "2026-10-11", "MRI ABDOMEN WO W CONTRAST"),
    order("bx-flank", p, "CT-guided biopsy of left flank mass", "49180"),
)
scenario(
    "deep-mass-flank-ct-done-after-mri", [],
    patient(p, ADULT, "Testpatient", "Farid", "male"),
    report("mr-flank", p, "MRI abdomen", "2026-10-11",
           "IMPRESSION: 5 cm left flank soft tissue mass containing several foci of "
           "calcification.", study="st-mr-flank"),
    study("st-mr-flank", p, "MR", "2026-10-11", "MRI ABDOMEN WO W CONTRAST"),
    study("st-ct-flank", p, "CT", "2026-10-20", "CT ABDOMEN WITHOUT CONTRAST"),
    report("ct-flank", p, "CT abdomen without contrast", "2026-10-20",
           "IMPRESSION: Left flank mass with dense peripheral calcification.",
           study="st-ct-flank"),
    order("bx-flank", p, "CT-guided biopsy of left flank mass", "49180"),
)
p = "p-paraspinal"
scenario(
    "deep-mass-paraspinal-mri-characterize", ["deep-soft-tissue-mass"],
    patient(p, ADULT, "Testpatient", "Greta"),
    report("mr-para", p, "MRI lumbar spine without contrast", "2026-09-03",
           "IMPRESSION: Right paraspinal mass at L3 with internal signal void, likely "
           "calcification."),
    order("mr-para-2", p, "MRI lumbar spine without and with contrast", "72158",
          reason="Characterize right paraspinal mass"),
)
scenario(
    "deep-mass-paraspinal-noncalcified", [],
    patient(p, ADULT, "Testpatient", "Greta"),
    report("mr-para", p, "MRI lumbar spine without contrast", "2026-09-03",
           "IMPRESSION: Right paraspinal mass at L3, noncalcified, likely a nerve sheath "
           "tumor."),
    order("mr-para-2", p, "MRI lumbar spine without and with contrast", "72158",
          reason="Characterize right paraspinal mass"),
)
p = "p-mo"
scenario(
    "myositis-ossificans-vs-sarcoma-forearm", ["ossification-vs-calcification"],
    patient(p, ADULT, "Testpatient", "Hugo", "male"),
    report("mr-arm", p, "MRI right forearm without and with contrast", "2026-10-25",
           "IMPRESSION: Intramuscular lesion of the right forearm with peripheral "
           "mineralization. Myositis ossificans versus parosteal sarcoma; ossification "
           "versus calcification cannot be distinguished on MRI."),
    order("bx-arm", p, "Core needle biopsy right forearm soft tissue lesion", None),
)
scenario(
    "myositis-ossificans-ct-already-done", [],
    patient(p, ADULT, "Testpatient", "Hugo", "male"),
    report("mr-arm", p, "MRI right forearm without and with contrast", "2026-10-25",
           "IMPRESSION: Intramuscular lesion of the right forearm with peripheral "
           "mineralization. Myositis ossificans versus parosteal sarcoma; ossification "
           "versus calcification cannot be distinguished on MRI."),
    study("st-ct-arm", p, "CT", "2026-11-02", "CT RIGHT FOREARM WITHOUT CONTRAST",
          ("102950005", "Forearm")),
    order("bx-arm", p, "Core needle biopsy right forearm soft tissue lesion", None),
)
p = "p-neck"
scenario(
    "biopsy-calcified-neck-mass", ["biopsy-calcified-mass"],
    patient(p, ADULT, "Testpatient", "Ines"),
    report("mr-neck", p, "MRI neck soft tissue with contrast", "2026-10-05",
           "IMPRESSION: 2.8 cm left submandibular mass with small calcified foci."),
    order("fna-neck", p, "Ultrasound-guided fine needle aspiration, left neck mass", "10005"),
)
scenario(
    "biopsy-noncalcified-neck-mass", [],
    patient(p, ADULT, "Testpatient", "Ines"),
    report("mr-neck", p, "MRI neck soft tissue with contrast", "2026-10-05",
           "IMPRESSION: 2.8 cm left submandibular mass without calcification or necrosis."),
    order("fna-neck", p, "Ultrasound-guided fine needle aspiration, left neck mass", "10005"),
)
p = "p-void"
scenario(
    "signal-void-shoulder-mri-characterize", ["signal-void"],
    patient(p, ADULT, "Testpatient", "Jonas", "male"),
    report("mr-sh", p, "MRI right shoulder without contrast", "2026-09-28",
           "IMPRESSION: Focal signal void in the subacromial soft tissues, which may represent "
           "calcification, hemosiderin or air."),
    order("mr-sh-2", p, "MRI right shoulder with contrast", "73222",
          reason="Further characterize subacromial signal void"),
)
scenario(
    "signal-void-shoulder-radiograph-order", [],
    patient(p, ADULT, "Testpatient", "Jonas", "male"),
    report("mr-sh", p, "MRI right shoulder without contrast", "2026-09-28",
           "IMPRESSION: Focal signal void in the subacromial soft tissues, which may represent "
           "calcification, hemosiderin or air."),
    order("xr-sh", p, "XR shoulder complete, minimum 2 views, right", "73030"),
)
p = "p-contrast"
scenario(
    "contrast-ct-possible-calcification-pelvis", ["contrast-ct-noncontrast-first"],
    patient(p, ADULT, "Testpatient", "Karin"),
    report("mr-pel", p, "MRI pelvis without and with contrast", "2026-10-14",
           "IMPRESSION: Complex left adnexal lesion. Calcification cannot be excluded."),
    order("ct-pel", p, "CT pelvis with contrast", "72193"),
)
scenario(
    "contrast-ct-noncontrast-ct-ordered", [],
    patient(p, ADULT, "Testpatient", "Karin"),
    report("mr-pel", p, "MRI pelvis without and with contrast", "2026-10-14",
           "IMPRESSION: Complex left adnexal lesion. Calcification cannot be excluded."),
    order("ct-pel-nc", p, "CT pelvis without contrast", "72192"),
)
scenario(
    "contrast-ct-without-and-with-ordered", [],
    patient(p, ADULT, "Testpatient", "Karin"),
    report("mr-pel", p, "MRI pelvis without and with contrast", "2026-10-14",
           "IMPRESSION: Complex left adnexal lesion. Calcification cannot be excluded."),
    order("ct-pel-wow", p, "CT pelvis without and with contrast", "72194"),
)
p = "p-cppd"
scenario(
    "crystal-deposition-knee-mri-again", ["crystal-deposition"],
    patient(p, "1951-02-17", "Testpatient", "Lars", "male"),
    report("mr-knee", p, "MRI left knee without contrast", "2026-08-12",
           "IMPRESSION: Chondrocalcinosis of the medial and lateral menisci, suggesting "
           "calcium pyrophosphate deposition disease."),
    order("mr-knee-2", p, "MRI left knee without contrast", "73721",
          reason="Knee pain, evaluate for pseudogout"),
)
scenario(
    "crystal-deposition-knee-radiograph-order", [],
    patient(p, "1951-02-17", "Testpatient", "Lars", "male"),
    report("mr-knee", p, "MRI left knee without contrast", "2026-08-12",
           "IMPRESSION: Chondrocalcinosis of the medial and lateral menisci, suggesting "
           "calcium pyrophosphate deposition disease."),
    order("xr-knee", p, "XR knee 3 views left", "73562"),
)
p = "p-heart"
scenario(
    "cardiac-calcified-infarct-cardiac-mri", ["cardiovascular-calcification"],
    patient(p, "1957-11-30", "Testpatient", "Mona"),
    report("mr-heart", p, "Cardiac MRI with and without contrast", "2026-07-19",
           "IMPRESSION: Thinned inferior wall with a central focus of signal void, possibly a "
           "calcified myocardial infarction."),
    order("mr-heart-2", p, "Cardiac MRI for morphology and function without and with "
          "contrast", "75561"),
)
scenario(
    "cardiac-no-calcification-cardiac-mri", [],
    patient(p, "1957-11-30", "Testpatient", "Mona"),
    report("mr-heart", p, "Cardiac MRI with and without contrast", "2026-07-19",
           "IMPRESSION: Normal biventricular size and function. No pericardial thickening or "
           "calcification."),
    order("mr-heart-2", p, "Cardiac MRI for morphology and function without and with "
          "contrast", "75561"),
)
p = "p-child"
scenario(
    "pediatric-flank-mass-biopsy", ["pediatric-flank-mass"],
    patient(p, CHILD, "Testpatient", "Nils", "male"),
    report("mr-child", p, "MRI abdomen without and with contrast", "2026-11-10",
           "IMPRESSION: 7 cm left flank mass arising from the adrenal region with internal "
           "calcifications."),
    order("bx-child", p, "Percutaneous biopsy left flank mass", "49180"),
)
p = "p-adult-flank"
scenario(
    "adult-flank-mass-biopsy-not-pediatric", ["deep-soft-tissue-mass"],
    patient(p, ADULT, "Testpatient", "Olga"),
    report("mr-adult", p, "MRI abdomen without and with contrast", "2026-11-10",
           "IMPRESSION: 7 cm left flank mass arising from the adrenal region with internal "
           "calcifications."),
    order("bx-adult", p, "Percutaneous biopsy left flank mass", "49180"),
)
p = "p-rectal"
scenario(
    "rectal-cancer-mixed-signal-node-fna", ["nodal-calcification"],
    patient(p, ADULT, "Testpatient", "Pavel", "male"),
    report("mr-rect", p, "MRI pelvis rectal cancer staging", "2026-10-30",
           "IMPRESSION: Mid rectal adenocarcinoma, T3. 6 mm mesorectal lymph node with mixed "
           "signal intensity and a focus of signal loss, possibly calcified, suspicious for "
           "metastasis."),
    order("fna-node", p, "Endoscopic ultrasound-guided FNA of mesorectal lymph node", "10009"),
)
scenario(
    "rectal-cancer-nodes-homogeneous", [],
    patient(p, ADULT, "Testpatient", "Pavel", "male"),
    report("mr-rect", p, "MRI pelvis rectal cancer staging", "2026-10-30",
           "IMPRESSION: Mid rectal adenocarcinoma, T3. Mesorectal lymph nodes are small with "
           "homogeneous signal; no calcification."),
    order("fna-node", p, "Endoscopic ultrasound-guided FNA of mesorectal lymph node", "10009"),
)
p = "p-eie"
scenario(
    "entered-in-error-report-biopsy", [],
    patient(p, ADULT, "Testpatient", "Quinn"),
    report("mr-eie", p, "MRI left thigh", "2026-10-02",
           "IMPRESSION: Soft tissue mass in the left thigh with calcification.",
           status="entered-in-error"),
    order("bx-eie", p, "Core needle biopsy left thigh mass", "20206"),
)
p = "p-history"
scenario(
    "history-only-mention-biopsy", [],
    patient(p, ADULT, "Testpatient", "Rosa"),
    report("mr-hist", p, "MRI left thigh", "2026-10-02", presented=(
        "MRI LEFT THIGH WITHOUT AND WITH CONTRAST\n\n"
        "HISTORY: Thigh mass. Evaluate for calcification.\n\n"
        "FINDINGS: 3 cm lipomatous mass in the vastus lateralis. No calcification. No "
        "nodular enhancing component.\n\n"
        "IMPRESSION: Simple intramuscular lipoma.")),
    order("bx-hist", p, "Core needle biopsy left thigh mass", "20206"),
)
p = "p-html"
scenario(
    "html-report-groin-mass-biopsy", ["deep-soft-tissue-mass"],
    patient(p, ADULT, "Testpatient", "Sami", "male"),
    report("mr-groin", p, "MRI pelvis", "2026-09-09", html=True, presented=(
        "<html><body><h2>MRI PELVIS WITHOUT AND WITH CONTRAST</h2>"
        "<p><b>FINDINGS:</b> 4.5 cm enhancing mass in the right groin with several punctate "
        "foci of calcification.</p><p><b>IMPRESSION:</b> Right groin soft tissue mass with "
        "calcifications. Sarcoma is not excluded.</p></body></html>")),
    order("bx-groin", p, "US guided core biopsy right groin mass", "20206"),
)
p = "p-two"
scenario(
    "two-mri-reports-newest-drives", ["deep-soft-tissue-mass"],
    patient(p, ADULT, "Testpatient", "Tove"),
    report("mr-old", p, "MRI right thigh", "2025-12-01",
           "IMPRESSION: Right thigh soft tissue mass, possibly with calcification."),
    report("mr-new", p, "MRI right thigh with contrast", "2026-10-18",
           "IMPRESSION: Enlarging right thigh soft tissue mass with coarse calcification."),
    order("bx-two", p, "Core needle biopsy right thigh mass", "20206"),
)
p = "p-sign"
scenario(
    "sign-biopsy-and-contrast-ct-one-card", ["deep-soft-tissue-mass"],
    patient(p, ADULT, "Testpatient", "Ulla"),
    report("mr-rp", p, "MRI abdomen without and with contrast", "2026-10-07",
           "IMPRESSION: 6 cm retroperitoneal soft tissue mass with internal calcification."),
    order("ct-rp", p, "CT abdomen with contrast", "74160"),
    order("bx-rp", p, "CT-guided biopsy retroperitoneal mass", "49180"),
)
p = "p-ctmod"
scenario(
    "ct-report-calcification-no-mri", [],
    patient(p, ADULT, "Testpatient", "Vera"),
    report("ct-only", p, "CT abdomen without contrast", "2026-10-07",
           "IMPRESSION: Left flank soft tissue mass with coarse calcification."),
    order("bx-ctmod", p, "CT-guided biopsy left flank mass", "49180"),
)


# --- issue 17: bone lesions (P16), adequate modalities (P13), surgery (P18) ----------------
# (committed by hand before; built here so that regenerating keeps them)
p = "p-bone-femur"
FEMUR_MRI = ("FINDINGS: A 5.5 cm lobulated intramedullary lesion in the distal right femoral "
             "metadiaphysis, T1 hypointense and markedly T2 hyperintense, with multiple punctate "
             "and curvilinear low-signal foci on all sequences. No cortical breakthrough or "
             "soft-tissue component.\nIMPRESSION: 5.5 cm intramedullary cartilaginous lesion of "
             "the distal right femur with probable chondroid matrix; enchondroma favoured over "
             "low-grade chondrosarcoma.")
for name, expected, xr in (
    ("bone-lesion-biopsy-femur-matrix-on-mri-only", ["bone-lesion-biopsy"],
     "FINDINGS: A lucent lesion in the distal femoral metadiaphysis with a narrow zone of "
     "transition. No matrix is visible on these views.\nIMPRESSION: Lucent distal femoral "
     "lesion; MRI suggested."),
    ("bone-lesion-biopsy-femur-radiograph-showed-matrix", [],
     "FINDINGS: A lesion in the distal femoral metadiaphysis with ring-and-arc chondroid matrix "
     "mineralization and mild endosteal scalloping.\nIMPRESSION: Chondroid lesion of the "
     "distal femur, likely enchondroma; MRI suggested.")):
    scenario(
        name, expected,
        patient(p, "1977-03-03", "Testpatient", "Ilse"),
        order("bx", p, "Bone biopsy right distal femur lesion", "20225"),
        report("mr-femur", p, "MRI right femur without and with contrast", "2026-10-07",
               FEMUR_MRI, study="st-mr-femur"),
        study("st-mr-femur", p, "MR", "2026-10-07", "MRI RIGHT FEMUR WITHOUT AND WITH CONTRAST"),
        report("xr-femur", p, "XR right femur 2 views", "2026-09-28", xr, study="st-xr-femur"),
        study("st-xr-femur", p, "DX", "2026-09-28", "XR RIGHT FEMUR 2 VIEWS"),
    )
p = "p-cppd"
scenario(
    "crystal-deposition-knee-ultrasound-after-mri", [],
    patient(p, "1951-02-17", "Testpatient", "Lars", "male"),
    report("mr-knee", p, "MRI left knee without contrast", "2026-08-12",
           "IMPRESSION: Chondrocalcinosis of the medial and lateral menisci, suggesting calcium "
           "pyrophosphate deposition disease."),
    report("us-knee", p, "US left knee", "2026-09-02",
           "FINDINGS: Echogenic deposits within the meniscal fibrocartilage and the hyaline "
           "cartilage of the medial femoral condyle, without shadowing. Small effusion.\n"
           "IMPRESSION: Findings consistent with calcium pyrophosphate deposition.",
           study="st-us-knee"),
    study("st-us-knee", p, "US", "2026-09-02", "US LEFT KNEE"),
    order("mr-knee-2", p, "MRI left knee without contrast", "73721",
          reason="Knee pain, evaluate for pseudogout"),
)
p = "p17-pr-adrenal"
ADRENAL_MRI = (
    "EXAM: MRI ABDOMEN WITHOUT AND WITH CONTRAST\n\nHISTORY: 52-year-old woman with resistant "
    "hypertension and episodic headaches; right adrenal mass with elevated plasma "
    "metanephrines. Intermittent right upper quadrant pain.\n\nTECHNIQUE: Axial and coronal "
    "T2, in- and opposed-phase T1, diffusion, and dynamic post-contrast T1 fat-saturated "
    "images.\n\nCOMPARISON: None.\n\nFINDINGS:\nAdrenal glands: A 4.1 cm right adrenal mass "
    "is markedly T2 hyperintense (\"light bulb\") with avid heterogeneous enhancement and a "
    "coarse calcification at its inferior margin, dark on all sequences. No signal loss on "
    "opposed-phase images. Left adrenal normal.\nGallbladder: Several calcified gallstones up "
    "to 11 mm, seen as signal voids in the dependent gallbladder; mild wall thickening "
    "without pericholecystic fluid.\nBile ducts: Common bile duct 5 mm without filling "
    "defect.\nLiver: Normal size. Focal fatty sparing near the gallbladder fossa.\nKidneys: "
    "Normal. No hydronephrosis.\nPancreas and spleen: Normal.\nVessels: The right adrenal "
    "vein is not separately seen; the IVC is not invaded.\n\nIMPRESSION:\n1. 4.1 cm right "
    "adrenal mass with marked T2 hyperintensity and coarse calcification; with the "
    "biochemistry, consistent with pheochromocytoma.\n2. Cholelithiasis with mild "
    "gallbladder wall thickening, possibly chronic cholecystitis.")
CHEST_XR = ("EXAM: XR CHEST PA AND LATERAL\n\nINDICATION: Preoperative evaluation.\n\nFINDINGS: "
            "The lungs are clear. No pleural effusion or pneumothorax. Normal cardiomediastinal "
            "silhouette. Mild degenerative changes of the thoracic spine.\n\nIMPRESSION: No "
            "acute cardiopulmonary abnormality.")
for name, expected, cpt, text in (
        ("surgical-planning-adrenalectomy", ["surgical-planning"], "60650",
         "LAPAROSCOPIC RIGHT ADRENALECTOMY"),
        ("surgical-planning-cholecystectomy-gallstones", [], "47562",
         "LAPAROSCOPIC CHOLECYSTECTOMY")):
    scenario(
        name, expected,
        patient(p, "1974-04-24", "Testpatient", "Signe"),
        report("mr", p, "MRI ABDOMEN WITHOUT AND WITH CONTRAST", "2026-09-15",
               presented=ADRENAL_MRI, study="st-mr"),
        study("st-mr", p, "MR", "2026-09-15", "MRI ABDOMEN WITHOUT AND WITH CONTRAST"),
        report("xr-chest", p, "XR chest PA and lateral", "2026-08-28", presented=CHEST_XR,
               study="st-xr-chest"),
        study("st-xr-chest", p, "DX", "2026-08-28", "XR CHEST PA AND LATERAL"),
        order("sx", p, text, cpt),
    )

def main() -> None:
    # the issue-10 lesion-level pairs (scripts/lesion_scenarios.py) build on the helpers above
    from lesion_scenarios import LESION_SCENARIOS

    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.json"):
        old.unlink()
    expected = {}
    for name, (b, exp) in {**SCENARIOS, **LESION_SCENARIOS}.items():
        (OUT / f"{name}.json").write_text(json.dumps(b, indent=2) + "\n")
        expected[f"{name}.json"] = exp
    EXPECTED.write_text(json.dumps(expected, indent=2) + "\n")
    print(f"wrote {len(SCENARIOS) + len(LESION_SCENARIOS)} bundles to {OUT}")


if __name__ == "__main__":
    main()
