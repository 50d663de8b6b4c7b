"""Build the issue-17 full-length evaluation from ``full_cases.py``: reports, bundles, expectations.

    python tests/eval/full/build_full.py          # write reports.jsonl, bundles/, expectations.json
    python tests/eval/full/build_full.py --check  # exit 1 when the committed files differ
    python tests/eval/full/build_full.py --list   # the pairs and their decisive details

Written from the guidance and ``docs/matching-policy.md`` (P1-P20) before any engine change for
issue 17; labels and expected cards never come from the engine. Every scenario is a pair: a
positive bundle and a silent twin that differs from it only in the decisive detail. Bundles are
``<category>--<case>-pos.json`` / ``-twin.json`` (``full_eval.py`` reads the category and the
pairing from the name). Expected ids are the leading rule of each card per hook (as in
``tests/sample_bundle_expectations.json``); an optional ``evidence`` object says what the first
card must name as the source of its evidence (P20).

Bundles are one patient's record, as ``sample_bundles/*.json``: Patient, the MRI report of
``full_cases.py`` (its full text as ``presentedForm``) and its ImagingStudy, several other priors
(MRI, CT, radiograph and ultrasound reports and studies), and draft ServiceRequests coded as
EHRs send them: CPT, LOINC, SNOMED CT, a local catalog code with its text, local text only, and
the shape of the CDS Hooks Sandbox's PAMA screen.
"""

from __future__ import annotations

import copy
import html
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "scripts"))

from build_sample_bundles import CPT, LOINC, bundle, patient, report, study  # noqa: E402
from full_cases import REPORTS  # noqa: E402

SNOMED = "http://snomed.info/sct"
LOCAL = "http://hospital.example.org/fhir/CodeSystem/orderables"
HOOKS = ("order-select", "order-sign")
REPORTS_FILE = HERE / "reports.jsonl"
BUNDLES_DIR = HERE / "bundles"
EXPECTATIONS_FILE = HERE / "expectations.json"

# Lateralized SNOMED CT body structures (ServiceRequest.bodySite).
BODY_SITES = {"left thigh": ("61396006", "Structure of left thigh"),
              "right thigh": ("11207009", "Structure of right thigh")}


# --------------------------------------------------------------------------- reports

def report_rows() -> list[dict]:
    """``reports.jsonl``: ids ``full-NNN`` in the order of ``full_cases.py``."""
    return [{"id": f"full-{i:03d}", "category": r["category"], "title": r["title"],
             "date": r["date"], "text": r["text"], "label": r["label"],
             "structures": r["structures"]}
            for i, r in enumerate(REPORTS.values(), start=1)]


REPORT_IDS = {key: f"full-{i:03d}" for i, key in enumerate(REPORTS, start=1)}


def mri(pid: str, key: str, *, rid: str = "mr", status: str = "final",
        as_html: bool = False) -> list[dict]:
    """The MRI report of ``full_cases.py`` (full text) and its ImagingStudy."""
    r = REPORTS[key]
    sid = f"st-{rid}"
    text = r["text"]
    if as_html:
        paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line)
        text = f"<html><body>{paragraphs}</body></html>"
    res = report(rid, pid, r["title"], r["date"], status=status, presented=text, html=as_html,
                 study=sid)
    return [res, study(sid, pid, "MR", r["date"], r["title"])]


def prior(rid: str, pid: str, modality: str, title: str, date: str, text: str) -> list[dict]:
    """A non-MRI (or unrelated MRI) prior: its report (plain text) and its ImagingStudy."""
    sid = f"st-{rid}"
    body = f"EXAM: {title.upper()}\n\n" + text.strip()
    return [report(rid, pid, title, date, presented=body, study=sid),
            study(sid, pid, modality, date, title.upper())]


def chest_xr(pid: str, date: str) -> list[dict]:
    return prior("xr-chest", pid, "DX", "XR chest PA and lateral", date,
                 "INDICATION: Preoperative evaluation.\n\nFINDINGS: The lungs are clear. No "
                 "pleural "
                 "effusion or pneumothorax. Normal cardiomediastinal silhouette. Mild degenerative "
                 "changes of the thoracic spine.\n\nIMPRESSION: No acute cardiopulmonary "
                 "abnormality.")


def head_ct(pid: str, date: str) -> list[dict]:
    return prior("ct-head", pid, "CT", "CT head without contrast", date,
                 "INDICATION: Fall, head strike.\n\nFINDINGS: No intracranial hemorrhage, mass "
                 "effect or acute infarct. Ventricles normal in size. Paranasal sinuses clear.\n\n"
                 "IMPRESSION: No acute intracranial abnormality.")


def lumbar_xr(pid: str, date: str) -> list[dict]:
    return prior("xr-lspine", pid, "DX", "XR lumbar spine 2-3 views", date,
                 "INDICATION: Low back pain.\n\nFINDINGS: Normal alignment. Mild disc space "
                 "narrowing at L4-L5 and L5-S1 with small anterior osteophytes. No fracture.\n\n"
                 "IMPRESSION: Mild lower lumbar spondylosis.")


def brain_mri(pid: str, date: str) -> list[dict]:
    return prior("mr-brain-old", pid, "MR", "MRI brain without contrast", date,
                 "INDICATION: Headache.\n\nFINDINGS: No mass, hemorrhage or infarct. A few "
                 "punctate "
                 "nonspecific white matter FLAIR hyperintensities. Normal flow voids.\n\n"
                 "IMPRESSION: No acute intracranial abnormality.")


def abdomen_us(pid: str, date: str, findings: str = "Normal liver echotexture. Normal "
               "gallbladder without stones. Normal kidneys without hydronephrosis. Spleen "
               "normal.", impression: str = "Unremarkable abdominal ultrasound.") -> list[dict]:
    return prior("us-abd", pid, "US", "US abdomen complete", date,
                 f"INDICATION: Abdominal discomfort.\n\nFINDINGS: {findings}\n\n"
                 f"IMPRESSION: {impression}")


def echo(pid: str, date: str, findings: str = "Normal left ventricular size and systolic "
         "function, ejection fraction 60%. No regional wall motion abnormality. Normal valves. No "
         "pericardial effusion.", rid: str = "us-echo") -> list[dict]:
    return prior(rid, pid, "US", "Transthoracic echocardiogram", date,
                 f"INDICATION: Dyspnea.\n\nFINDINGS: {findings}\n\nIMPRESSION: See findings.")


# --------------------------------------------------------------------------- orders

def _order(oid: str, pid: str, code: dict, *, reason: str | None = None,
           body_site: str | None = None, intent: str = "order",
           authored: str | None = "2026-11-20") -> dict:
    res: dict[str, Any] = {"resourceType": "ServiceRequest", "id": oid, "status": "draft",
                           "intent": intent, "code": code,
                           "subject": {"reference": f"Patient/{pid}"}}
    if authored:
        res["authoredOn"] = authored
    if reason:
        res["reasonCode"] = [{"text": reason}]
    if body_site:
        code_, display = BODY_SITES[body_site]
        res["bodySite"] = [{"coding": [{"system": SNOMED, "code": code_, "display": display}],
                            "text": body_site.capitalize()}]
    return res


def cpt(oid: str, pid: str, text: str, code: str, **kw: Any) -> dict:
    """A CPT-coded order with the local order name as ``code.text``."""
    return _order(oid, pid, {"coding": [{"system": CPT, "code": code}], "text": text}, **kw)


def loinc(oid: str, pid: str, code: str, display: str, text: str | None = None,
          **kw: Any) -> dict:
    """A LOINC (Radiology Playbook) coded order; ``text``: the local name, when sent."""
    concept: dict[str, Any] = {"coding": [{"system": LOINC, "code": code, "display": display}]}
    if text:
        concept["text"] = text
    return _order(oid, pid, concept, **kw)


def snomed(oid: str, pid: str, code: str, display: str, **kw: Any) -> dict:
    """A SNOMED CT procedure-coded order (coding display only, no local text)."""
    return _order(oid, pid, {"coding": [{"system": SNOMED, "code": code, "display": display}]},
                  **kw)


def local_text(oid: str, pid: str, text: str, **kw: Any) -> dict:
    """An order from a local catalog sent as text only."""
    return _order(oid, pid, {"text": text}, **kw)


def local_code(oid: str, pid: str, code: str, text: str, **kw: Any) -> dict:
    """An order carrying the hospital's own catalog code and its name."""
    return _order(oid, pid, {"coding": [{"system": LOCAL, "code": code, "display": text}],
                             "text": text}, **kw)


def sandbox(pid: str, code: str, display: str) -> dict:
    """The draft order of the CDS Hooks Sandbox's PAMA screen: id, intent plan, CPT coding with a
    display and the same text, SNOMED-coded reason, no authoredOn."""
    res = _order("example-request-id", pid,
                 {"coding": [{"system": CPT, "code": code, "display": display}], "text": display},
                 intent="plan", authored=None)
    res["reasonCode"] = [{"coding": [{"system": SNOMED, "code": "21522001",
                                      "display": "Abdominal pain (finding)"}],
                          "text": "Abdominal pain (finding)"}]
    return res


def order_shape(res: dict) -> str:
    """How an order is coded: the figure the README reports."""
    if res.get("id") == "example-request-id" and res.get("intent") == "plan":
        return "CDS Hooks Sandbox (CPT)"
    systems = {c.get("system") for c in res.get("code", {}).get("coding", [])}
    for system, name in ((CPT, "CPT"), (LOINC, "LOINC"), (SNOMED, "SNOMED CT"),
                         (LOCAL, "local catalog code")):
        if system in systems:
            return name
    return "local text only"


# --------------------------------------------------------------------------- pairs

SCENARIOS: dict[str, tuple[dict, dict]] = {}
PAIRS: list[dict] = []


def pair(category: str, case: str, detail: str, expected: list[str], shared: list[dict],
         pos_only: list[dict], twin_only: list[dict], *, evidence: dict | None = None) -> None:
    """A positive scenario and its silent twin: ``shared`` resources plus one decisive detail."""
    if not expected:
        raise ValueError(f"{case}: a positive scenario must expect a card")
    pos, twin = f"{category}--{case}-pos.json", f"{category}--{case}-twin.json"
    for name in (pos, twin):
        if name in SCENARIOS:
            raise ValueError(f"duplicate scenario {name}")
    pos_exp: dict[str, Any] = {hook: list(expected) for hook in HOOKS}
    if evidence:
        pos_exp["evidence"] = dict(evidence)
    SCENARIOS[pos] = (bundle(*copy.deepcopy(shared), *copy.deepcopy(pos_only)), pos_exp)
    SCENARIOS[twin] = (bundle(*copy.deepcopy(shared), *copy.deepcopy(twin_only)),
                       {hook: [] for hook in HOOKS})
    PAIRS.append({"category": category, "case": case, "positive": pos, "twin": twin,
                  "detail": detail, "expected": list(expected)})


def ev(modality: str, key_or_date: str, section: str) -> dict:
    """An evidence object: the modality, the date of the report that states it, its section."""
    date = REPORTS[key_or_date]["date"] if key_or_date in REPORTS else key_or_date
    return {"modality": modality, "date": date, "section": section}


def xr_report(rid: str, pid: str, title: str, date: str, findings: str,
              impression: str) -> list[dict]:
    return prior(rid, pid, "DX", title, date,
                 f"INDICATION: Pain.\n\nFINDINGS: {findings}\n\nIMPRESSION: {impression}")


def ct_report(rid: str, pid: str, title: str, date: str, findings: str,
              impression: str) -> list[dict]:
    return prior(rid, pid, "CT", title, date,
                 f"TECHNIQUE: Axial images with multiplanar reformats.\n\nFINDINGS: {findings}\n\n"
                 f"IMPRESSION: {impression}")


def us_report(rid: str, pid: str, title: str, date: str, findings: str,
              impression: str) -> list[dict]:
    return prior(rid, pid, "US", title, date,
                 f"TECHNIQUE: Grayscale and color Doppler imaging.\n\nFINDINGS: {findings}\n\n"
                 f"IMPRESSION: {impression}")


def P(pid: str, birth: str, given: str, gender: str = "female") -> dict:
    return patient(pid, birth, "Testpatient", given, gender)


# ============================================================== other-modality (P12)
p = "p17-om-thigh"
pair("other-modality", "thigh-outside-ct-cited",
     "the MRI itself states the mass calcification vs cites it from the outside CT of March",
     ["deep-soft-tissue-mass"],
     [P(p, "1968-02-11", "Aino"), *chest_xr(p, "2026-02-01"),
      *us_report("us-thigh", p, "US left thigh soft tissue", "2026-02-20",
                 "A 6 cm solid hypoechoic mass in the lateral left thigh musculature with internal "
                 "vascularity.", "Solid intramuscular mass; MRI recommended."),
      cpt("bx", p, "US-guided core needle biopsy, left thigh mass", "20206",
          body_site="left thigh")],
     mri(p, "om-thigh-mr"), mri(p, "om-thigh-ct"), evidence=ev("MRI", "om-thigh-mr", "Findings"))

p = "p17-om-shoulder"
pair("other-modality", "shoulder-ultrasound-cited",
     "the calcific deposit stated by the MRI vs cited from the prior shoulder ultrasound",
     ["crystal-deposition"],
     [P(p, "1979-05-03", "Berit"),
      *xr_report("xr-shoulder", p, "XR right shoulder 3 views", "2026-07-20",
                 "Type II acromion. Mild acromioclavicular arthrosis. No fracture or dislocation.",
                 "Mild acromioclavicular arthrosis."),
      *chest_xr(p, "2025-11-04"),
      loinc("mr-2", p, "26270-9", "MR Shoulder - right", "MR ARTHROGRAM SHOULDER RT",
            reason="Calcific tendinitis, persistent pain despite injection")],
     mri(p, "om-shoulder-mr"), mri(p, "om-shoulder-us"))

p = "p17-om-renal"
pair("other-modality", "renal-ultrasound-vs-ct-cited",
     "the renal mass calcification cited from an ultrasound (not adequate for a mass, card "
     "naming the ultrasound) vs from a noncontrast CT (adequate, silent)",
     ["contrast-ct-noncontrast-first"],
     [P(p, "1963-01-19", "Cyrus", "male"), *chest_xr(p, "2026-03-15"), *lumbar_xr(p, "2025-06-02"),
      local_text("ct", p, "CT ABD W CONTRAST", reason="Right renal mass")],
     [*mri(p, "om-renal-us"),
      *us_report("us-renal", p, "US renal", "2026-09-28",
                 "A 2.4 cm solid interpolar right renal mass with an echogenic focus and posterior "
                 "acoustic shadowing. Left renal cyst.", "Solid right renal mass.")],
     mri(p, "om-renal-ct"), evidence=ev("US", "om-renal-us", "Findings"))

p = "p17-om-cardiac"
pair("other-modality", "coronary-calcium-ct-cited",
     "coronary calcification stated by the cardiac MRI vs cited from the calcium-score CT",
     ["cardiovascular-calcification"],
     [P(p, "1960-04-22", "Dagfinn", "male"), *echo(p, "2026-05-02"), *chest_xr(p, "2026-05-02"),
      cpt("cta", p, "CT ANGIO CORONARY ARTERIES W CONTRAST", "75574",
          reason="Exertional chest tightness")],
     mri(p, "om-cardiac-mr", as_html=True), mri(p, "om-cardiac-ct", as_html=True))

p = "p17-om-brain"
pair("other-modality", "brain-head-ct-cited",
     "susceptibility in the frontal mass read by the MRI as likely calcification vs explained by "
     "the calcifications of the head CT two days earlier",
     ["biopsy-calcified-mass"],
     [P(p, "1985-09-30", "Egil", "male"), *chest_xr(p, "2026-08-18"),
      cpt("bx", p, "STEREOTACTIC BIOPSY LEFT FRONTAL LESION", "61750")],
     mri(p, "om-brain-mr"), mri(p, "om-brain-ct"), evidence=ev("MRI", "om-brain-mr", "Findings"))

# ============================================================== adequate-modality (P13)
p = "p17-am-knee"
pair("adequate-modality", "knee-cppd-ultrasound-side",
     "a later ultrasound showing CPPD deposits of the other knee (left) vs of the same knee",
     ["crystal-deposition"],
     [P(p, "1952-03-08", "Frida"), *mri(p, "am-knee-cppd"),
      *xr_report("xr-knee", p, "XR right knee 3 views", "2026-06-01",
                 "Medial joint space narrowing with marginal osteophytes. No fracture.",
                 "Medial compartment osteoarthritis."),
      loinc("mr-2", p, "36510-6", "MR Knee - right WO contrast", "MRI RT KNEE WO",
            reason="Recurrent knee effusion, evaluate for pseudogout")],
     us_report("us-knee", p, "US left knee", "2026-09-10",
               "Echogenic deposits within the meniscal fibrocartilage and the hyaline cartilage of "
               "the femoral condyle. Small effusion.", "Findings consistent with CPPD."),
     us_report("us-knee", p, "US right knee", "2026-09-10",
               "Echogenic deposits within the meniscal fibrocartilage and the hyaline cartilage of "
               "the femoral condyle. Moderate effusion.", "Findings consistent with CPPD."))

p = "p17-am-shoulder"
pair("adequate-modality", "shoulder-ultrasound-study-date",
     "a shoulder ultrasound study (no report) dated before the MRI vs after it",
     ["crystal-deposition"],
     [P(p, "1975-12-12", "Gunnar", "male"), *mri(p, "am-shoulder-study"),
      *chest_xr(p, "2026-01-10"),
      cpt("mr-2", p, "MR ARTHROGRAM LT SHOULDER", "73222",
          reason="Calcific tendinitis, preoperative planning")],
     [study("st-us-sh", p, "US", "2026-09-01", "US LEFT SHOULDER")],
     [study("st-us-sh", p, "US", "2026-10-03", "US LEFT SHOULDER")])

p = "p17-am-thigh"
pair("adequate-modality", "thigh-later-radiograph-vs-ct",
     "after the MRI, a thigh radiograph (not adequate for a soft-tissue mass) vs a noncontrast "
     "thigh CT", ["deep-soft-tissue-mass"],
     [P(p, "1982-07-07", "Hanna"), *mri(p, "am-thigh-later"), *brain_mri(p, "2024-02-14"),
      cpt("bx", p, "CORE NEEDLE BIOPSY RIGHT THIGH MASS, DEEP", "27324")],
     xr_report("xr-femur", p, "XR right femur 2 views", "2026-10-08",
               "Soft-tissue mass of the medial thigh with coarse calcifications. The femur is "
               "intact.", "Calcified medial thigh soft-tissue mass."),
     ct_report("ct-thigh", p, "CT right thigh without contrast", "2026-10-08",
               "A 7 cm adductor magnus mass with clustered coarse calcifications; no osseous "
               "involvement.", "Calcified adductor mass."))

p = "p17-am-adrenal"
pair("adequate-modality", "adrenal-later-ultrasound-vs-ct",
     "after the MRI, an abdominal ultrasound (not adequate for an adrenal mass) vs a "
     "noncontrast CT", ["biopsy-calcified-mass"],
     [P(p, "1967-06-21", "Ivar", "male"), *mri(p, "am-adrenal-later"), *chest_xr(p, "2025-12-01"),
      cpt("bx", p, "CT GUIDED BX LT ADRENAL MASS", "49180")],
     abdomen_us(p, "2026-10-15", "A 3.6 cm heterogeneous left adrenal mass with echogenic foci. "
                "Hepatic hemangioma. Renal cysts.", "Left adrenal mass."),
     ct_report("ct-abd", p, "CT abdomen without contrast", "2026-10-15",
               "A 3.6 cm left adrenal mass, 38 HU, with a punctate medial calcification.",
               "Indeterminate calcified left adrenal mass."))

p = "p17-am-pericardium"
pair("adequate-modality", "pericardium-later-echo-vs-ct",
     "after the MRI, an echocardiogram (not adequate for calcification) vs a noncontrast chest CT",
     ["cardiovascular-calcification"],
     [P(p, "1956-02-02", "Jana"), *mri(p, "am-pericardium"),
      *echo(p, "2026-07-19", rid="us-echo-0"),
      cpt("mr-2", p, "MRI CARDIAC MORPHOLOGY AND FUNCTION W/WO CONTRAST", "75561",
          reason="Constrictive pericarditis, preoperative")],
     echo(p, "2026-09-10", "Septal bounce and respirophasic variation of mitral inflow. The "
          "pericardium appears thickened and echogenic. Normal ejection fraction."),
     ct_report("ct-chest", p, "CT chest without contrast", "2026-09-10",
               "Thick pericardial calcification along the atrioventricular grooves. Small right "
               "pleural effusion.", "Calcific pericarditis."))

# ============================================================== temporal (P14)
p = "p17-tm-shoulder"
pair("temporal", "shoulder-deposit-no-longer-seen",
     "the 2025 deposit again seen vs no longer seen on the newest MRI",
     ["crystal-deposition"],
     [P(p, "1971-08-14", "Kai", "male"),
      *prior("mr-old", p, "MR", "MRI right shoulder without contrast", "2025-11-03",
             "FINDINGS: A 9 mm calcific deposit in the distal supraspinatus tendon with "
             "surrounding edema. Moderate acromioclavicular arthrosis.\n\nIMPRESSION: Calcific "
             "tendinosis of the supraspinatus."),
      *chest_xr(p, "2025-10-01"),
      cpt("mr-2", p, "MRI RT SHOULDER WO", "73221",
          reason="Recurrent shoulder pain, calcific tendinitis")],
     mri(p, "tm-shoulder-again"), mri(p, "tm-shoulder-gone"))

p = "p17-tm-thigh"
pair("temporal", "thigh-lesion-calcification-resolved",
     "the 2021 calcification persists vs has resolved", ["deep-soft-tissue-mass"],
     [P(p, "1993-03-27", "Lena"),
      *prior("mr-old", p, "MR", "MRI left thigh without and with contrast", "2021-06-14",
             "FINDINGS: A 2.5 cm intramuscular hematoma in the left vastus intermedius with "
             "peripheral calcification.\n\nIMPRESSION: Intramuscular hematoma with peripheral "
             "calcification; follow-up recommended."),
      *head_ct(p, "2023-04-09"),
      cpt("bx", p, "CORE BX LT THIGH LESION", "20206")],
     mri(p, "tm-thigh-persists"), mri(p, "tm-thigh-resolved"))

p = "p17-tm-hip"
pair("temporal", "hip-calcific-tendinitis-history",
     "a current gluteus medius calcific deposit vs only a history of calcific tendinitis",
     ["crystal-deposition"],
     [P(p, "1977-10-01", "Mats", "male"),
      *xr_report("xr-pelvis", p, "XR pelvis AP", "2026-08-10",
                 "Mild narrowing of both hip joints. No fracture.", "Mild hip osteoarthritis."),
      *chest_xr(p, "2024-09-10"),
      cpt("mr-2", p, "MRI LT HIP WO", "73721",
          reason="Hip pain; history of calcific tendinitis")],
     mri(p, "tm-hip-current"), mri(p, "tm-hip-history"))

p = "p17-tm-node"
pair("temporal", "rectal-node-calcification-gone",
     "the mesorectal node still contains a calcified focus vs no longer", ["nodal-calcification"],
     [P(p, "1965-05-05", "Nora"),
      *prior("mr-base", p, "MR", "MRI pelvis rectal cancer staging", "2026-04-03",
             "FINDINGS: Mid rectal tumor, T3c. A 7 mm left mesorectal lymph node with a calcified "
             "focus, suspicious.\n\nIMPRESSION: mrT3c N1 mid rectal cancer."),
      *ct_report("ct-stage", p, "CT chest abdomen pelvis with contrast", "2026-04-10",
                 "No pulmonary or hepatic metastases. Mid rectal wall thickening.",
                 "No distant metastases."),
      local_text("ct", p, "CT C/A/P W CONTRAST", reason="Rectal cancer restaging")],
     mri(p, "tm-node-still", rid="mr-re"), mri(p, "tm-node-gone", rid="mr-re"))

p = "p17-tm-adrenal"
pair("temporal", "adrenal-newer-report",
     "the newer MRI is silent about the calcification (the 2025 statement stays in force) vs "
     "says it is no longer visualized", ["contrast-ct-noncontrast-first"],
     [P(p, "1968-01-30", "Olle", "male"), *mri(p, "tm-adrenal-2025", rid="mr-2025"),
      *lumbar_xr(p, "2025-03-01"),
      cpt("ct", p, "CT ABDOMEN W CONTRAST", "74160", reason="Adrenal lesion follow-up")],
     mri(p, "tm-adrenal-2026-silent", rid="mr-2026"), mri(p, "tm-adrenal-2026-gone", rid="mr-2026"),
     evidence=ev("MRI", "tm-adrenal-2025", "Impression"))

# ============================================================== order-target (P15)
p = "p17-ot-thigh-a"
pair("order-target", "thigh-mass-vs-node-calcified",
     "biopsy of the thigh mass when the mass is calcified vs when only the nearby thigh lymph "
     "node is", ["deep-soft-tissue-mass"],
     [P(p, "1959-11-11", "Pia"), *chest_xr(p, "2026-09-20"),
      cpt("bx", p, "US GUIDED CORE BX LT THIGH MASS", "20206")],
     mri(p, "ot-thigh-mass"), mri(p, "ot-thigh-node"))

p = "p17-ot-thigh-b"
pair("order-target", "thigh-node-fna-vs-inguinal-node",
     "FNA of the calcified mid-thigh lymph node vs of a normal inguinal node",
     ["nodal-calcification"],
     [P(p, "1959-02-17", "Rune", "male"), *mri(p, "ot-thigh-node"), *chest_xr(p, "2026-09-21")],
     [cpt("fna", p, "US GUIDED FNA LT THIGH LYMPH NODE", "10005")],
     [cpt("fna", p, "US GUIDED FNA LT INGUINAL LYMPH NODE", "10005")])

p = "p17-ot-knee"
pair("order-target", "knee-cppd-mri-vs-uric-acid",
     "a knee MRI for pseudogout vs a serum uric acid whose reason is gout",
     ["crystal-deposition"],
     [P(p, "1955-04-04", "Sven", "male"), *mri(p, "ot-knee-lab"),
      *xr_report("xr-foot", p, "XR left foot 3 views", "2025-03-03",
                 "Erosion of the first metatarsal head with an overhanging edge.",
                 "Changes of gout at the first MTP joint.")],
     [loinc("mr-2", p, "36508-0", "MR Knee - left WO contrast", "MRI LT KNEE WO",
            reason="Recurrent effusion, pseudogout?")],
     [loinc("lab", p, "3084-1", "Urate [Mass/volume] in Serum or Plasma", "URIC ACID, SERUM",
            reason="Gout")])

p = "p17-ot-wrist"
pair("order-target", "wrist-cppd-mri-vs-aspiration",
     "a wrist MRI for pseudogout vs an arthrocentesis for crystal analysis",
     ["crystal-deposition"],
     [P(p, "1948-06-06", "Tuula"), *mri(p, "ot-wrist-aspiration"), *chest_xr(p, "2026-02-02")],
     [cpt("mr-2", p, "MRI RT WRIST W/WO", "73223", reason="Acute wrist arthritis: pseudogout?")],
     [cpt("asp", p, "ARTHROCENTESIS RT WRIST, SYNOVIAL FLUID CRYSTAL ANALYSIS", "20605",
          reason="Pseudogout")])

p = "p17-ot-skin"
pair("order-target", "thigh-mass-biopsy-vs-skin-punch",
     "core biopsy of the calcified thigh mass vs punch biopsy of the rash over the same thigh",
     ["deep-soft-tissue-mass"],
     [P(p, "1974-09-09", "Ulf", "male"), *mri(p, "ot-skin-punch"), *chest_xr(p, "2026-09-01")],
     [cpt("bx", p, "CORE NEEDLE BX LT THIGH MASS", "20206")],
     [cpt("bx", p, "PUNCH BIOPSY SKIN, LEFT ANTERIOR THIGH RASH", "11104")])

p = "p17-ot-lp"
pair("order-target", "psoas-mass-biopsy-vs-lumbar-puncture",
     "biopsy of the calcified psoas mass vs a diagnostic lumbar puncture",
     ["deep-soft-tissue-mass"],
     [P(p, "1966-12-24", "Vilma"), *mri(p, "ot-lp"), *lumbar_xr(p, "2026-07-30")],
     [local_text("bx", p, "CT GUIDED BX RT PSOAS MASS")],
     [cpt("lp", p, "LUMBAR PUNCTURE, DIAGNOSTIC", "62270",
          reason="Evaluate for leptomeningeal disease")])

p = "p17-ot-sfa"
pair("order-target", "thigh-mass-vs-artery-wall",
     "the calcification is in the thigh mass vs in the superficial femoral artery wall",
     ["deep-soft-tissue-mass"],
     [P(p, "1952-01-15", "Walter", "male"), *echo(p, "2026-03-03"),
      cpt("ct", p, "CT RT THIGH W IV CONTRAST", "73701", reason="Right thigh mass")],
     mri(p, "ot-sfa-mass"), mri(p, "ot-sfa-wall"), evidence=ev("MRI", "ot-sfa-mass", "Findings"))

p = "p17-ot-iliac"
pair("order-target", "iliac-lesion-biopsy-vs-marrow-biopsy",
     "biopsy of the iliac bone lesion vs bone marrow biopsy of the same iliac crest",
     ["bone-lesion-biopsy"],
     [P(p, "1971-07-19", "Xenia"), *mri(p, "ot-iliac-bone"), *chest_xr(p, "2026-06-30")],
     [cpt("bx", p, "CT GUIDED BIOPSY LT ILIAC BONE LESION", "20225")],
     [cpt("bx", p, "BONE MARROW BIOPSY, LEFT POSTERIOR ILIAC CREST", "38221", reason="Anemia")])

# ============================================================== lesion-kind (P16)
p = "p17-lk-femur"
pair("lesion-kind", "femur-radiograph-matrix",
     "the prior femur radiograph shows no matrix vs shows ring-and-arc chondroid matrix",
     ["bone-lesion-biopsy"],
     [P(p, "1977-03-03", "Ylva"), *mri(p, "lk-femur-chondroid"), *chest_xr(p, "2025-01-20"),
      cpt("bx", p, "BONE BIOPSY RT DISTAL FEMUR LESION", "20225")],
     xr_report("xr-femur", p, "XR right femur 2 views", "2026-09-28",
               "A lucent lesion in the distal femoral metadiaphysis with a narrow zone of "
               "transition. No matrix mineralization is identified.",
               "Lucent distal femoral lesion; MRI suggested."),
     xr_report("xr-femur", p, "XR right femur 2 views", "2026-09-28",
               "A lesion in the distal femoral metadiaphysis with ring-and-arc chondroid matrix "
               "mineralization and mild endosteal scalloping.",
               "Chondroid lesion of the distal femur; MRI suggested."))

p = "p17-lk-humerus"
pair("lesion-kind", "humerus-radiograph-study-date",
     "humerus radiographs (no report) taken before the MRI vs after it", ["bone-lesion-biopsy"],
     [P(p, "1964-04-18", "Zara"), *mri(p, "lk-humerus"), *chest_xr(p, "2026-02-27"),
      cpt("bx", p, "PERC BONE BX LT PROXIMAL HUMERUS", "20220")],
     [study("st-xr-hum", p, "DX", "2026-09-01", "XR LEFT HUMERUS 2 VIEWS")],
     [study("st-xr-hum", p, "DX", "2026-09-24", "XR LEFT HUMERUS 2 VIEWS")])

p = "p17-lk-vertebra"
pair("lesion-kind", "t10-ct-after-mri",
     "no CT of the thoracic spine vs a thoracic spine CT study after the MRI",
     ["bone-lesion-biopsy"],
     [P(p, "1981-10-10", "Albin", "male"), *mri(p, "lk-vertebra"),
      *prior("xr-chest", p, "DX", "XR chest PA and lateral", "2026-09-12",
             "FINDINGS: Lungs clear. Possible lucency of a lower thoracic vertebral body on the "
             "lateral view.\n\nIMPRESSION: Possible T10 lesion; MRI suggested."),
      cpt("bx", p, "CT GUIDED T10 VERTEBRAL BODY BIOPSY", "20225")],
     [], [study("st-ct-tspine", p, "CT", "2026-10-20", "CT THORACIC SPINE WO CONTRAST")])

p = "p17-lk-tibia"
pair("lesion-kind", "tibia-matrix-vs-lytic",
     "a tibial lesion with mineralized matrix vs a purely lytic one", ["bone-lesion-biopsy"],
     [P(p, "2002-05-25", "Britt"), *chest_xr(p, "2026-08-01"),
      cpt("bx", p, "BONE BIOPSY LT TIBIA LESION", "20220")],
     mri(p, "lk-tibia-matrix"), mri(p, "lk-tibia-lytic"))

# ============================================================== catalog (P17)
p = "p17-ct-adrenal"
pair("catalog", "adrenal-ct-ap-w-vs-wwo", "local text CT A/P W CONTRAST vs CT A/P WWO",
     ["contrast-ct-noncontrast-first"],
     [P(p, "1962-02-14", "Cilla"), *mri(p, "ct-adrenal-ap"),
      *abdomen_us(p, "2026-09-10", "A 3 cm solid right adrenal mass. Normal liver and kidneys.",
                  "Right adrenal mass.")],
     [local_text("ct", p, "CT A/P W CONTRAST")], [local_text("ct", p, "CT A/P WWO")])

p = "p17-ct-chestwall"
pair("catalog", "chest-wall-ct-vs-pe-protocol",
     "a contrast chest CT for the chest-wall mass vs a PE-protocol CT for dyspnea",
     ["deep-soft-tissue-mass"],
     [P(p, "1969-11-30", "Dora"), *mri(p, "ct-chest-wall"),
      *xr_report("xr-chest", p, "XR chest PA and lateral", "2026-08-20",
                 "Left lateral chest wall soft-tissue density. A 7 mm calcified granuloma in the "
                 "right lower lobe. No effusion.", "Left chest wall mass; MRI suggested.")],
     [cpt("ct", p, "CT CHEST W IV CONTRAST", "71260", reason="Left chest wall mass, staging")],
     [local_text("ct", p, "CT CHEST W IV CONTRAST PE PROTOCOL",
                 reason="Acute dyspnea, tachycardia, elevated D-dimer")])

p = "p17-ct-runoff"
pair("catalog", "thigh-ct-vs-cta-runoff",
     "a contrast CT of the right thigh (LOINC) vs a CTA runoff for claudication",
     ["deep-soft-tissue-mass"],
     [P(p, "1957-08-08", "Eero", "male"), *mri(p, "ct-thigh-runoff"), *echo(p, "2026-06-06")],
     [loinc("ct", p, "36176-6", "CT Thigh - right W contrast IV", "CT RT THIGH W CONTRAST")],
     [local_text("ct", p, "CTA RUNOFF BILAT LE", reason="Bilateral calf claudication")])

p = "p17-ct-sinus"
pair("catalog", "sinus-ct-w-vs-wo",
     "a contrast maxillofacial CT vs CT SINUS WO (LOINC 36529-6)",
     ["contrast-ct-noncontrast-first"],
     [P(p, "1965-06-16", "Fanny"), *mri(p, "ct-sinus", as_html=True), *brain_mri(p, "2023-05-05")],
     [cpt("ct", p, "CT MAXILLOFACIAL W CONTRAST", "70487")],
     [loinc("ct", p, "36529-6", "CT Sinuses WO contrast", "CT SINUS WO")])

p = "p17-ct-parotid"
pair("catalog", "parotid-ct-neck-w-vs-wo",
     "CT NECK SOFT TISSUE W CONTRAST (LOINC 36235-0) vs CT NECK SOFT TISSUE WO (CPT 70490)",
     ["contrast-ct-noncontrast-first"],
     [P(p, "1968-03-21", "Greger", "male"), *mri(p, "ct-parotid"), *chest_xr(p, "2025-12-12")],
     [loinc("ct", p, "36235-0", "CT Neck W contrast IV", "CT NECK SOFT TISSUE W CONTRAST")],
     [cpt("ct", p, "CT NECK SOFT TISSUE WO", "70490")])

p = "p17-ct-parotid-fna"
pair("catalog", "parotid-fna-vs-thyroid-fna",
     "FNA of the calcified left parotid mass vs of the non-calcified right thyroid nodule",
     ["biopsy-calcified-mass"],
     [P(p, "1982-01-01", "Helmi"), *mri(p, "ct-parotid-fna"),
      *us_report("us-neck", p, "US neck", "2026-07-15",
                 "A 1.8 cm solid hypoechoic nodule in the deep left parotid. A 2.3 cm mixed cystic "
                 "and solid right thyroid nodule.", "Left parotid nodule; right thyroid nodule.")],
     [cpt("fna", p, "US GUIDED FNA LT PAROTID MASS", "10005")],
     [cpt("fna", p, "US GUIDED FNA RT THYROID NODULE", "10005")])

p = "p17-ct-adnexa"
pair("catalog", "adnexa-ct-c-plus-vs-c-minus", "CT ABD PELVIS C+ vs CT ABD PELVIS C-",
     ["contrast-ct-noncontrast-first"],
     [P(p, "1992-07-12", "Ilse"), *mri(p, "ct-adnexa"),
      *us_report("us-pelvis", p, "US pelvis transvaginal", "2026-09-01",
                 "A 6 cm complex left adnexal cyst with an echogenic nodule. Uterine fibroid.",
                 "Left adnexal lesion, likely dermoid.")],
     [local_text("ct", p, "CT ABD PELVIS C+", reason="Left adnexal mass, pelvic pain")],
     [local_text("ct", p, "CT ABD PELVIS C-", reason="Left adnexal mass, pelvic pain")])

p = "p17-ct-renal"
pair("catalog", "renal-portal-venous-vs-renal-mass-protocol",
     "a portal-venous contrast CT vs a renal mass protocol CT (includes a noncontrast phase)",
     ["contrast-ct-noncontrast-first"],
     [P(p, "1956-10-10", "Jarl", "male"), *mri(p, "ct-renal-protocol"), *chest_xr(p, "2026-04-04")],
     [local_text("ct", p, "CT ABDOMEN W CONTRAST PORTAL VENOUS PHASE")],
     [local_text("ct", p, "CT RENAL MASS PROTOCOL")])

p = "p17-ct-pancreas"
pair("catalog", "pancreas-sandbox-74160-vs-74170",
     "the Sandbox's CPT 74160 (with contrast) vs 74170 (without, then with)",
     ["contrast-ct-noncontrast-first"],
     [P(p, "1959-09-19", "Kerstin"), *mri(p, "ct-pancreas-sandbox"), *echo(p, "2026-01-15")],
     [sandbox(p, "74160", "Computed tomography, abdomen; with contrast material(s)")],
     [sandbox(p, "74170", "Computed tomography, abdomen; without contrast material, followed "
              "by contrast material(s) and further sections")])

p = "p17-ct-presacral"
pair("catalog", "presacral-snomed-w-vs-wo",
     "SNOMED CT 432370003 (CT abdomen and pelvis with contrast) vs 16457501000119100 (without)",
     ["contrast-ct-noncontrast-first"],  # a tailgut cyst is no soft-tissue mass (P4.9c)
     [P(p, "1987-04-04", "Ludvig", "male"), *mri(p, "ct-presacral"), *lumbar_xr(p, "2026-05-05")],
     [snomed("ct", p, "432370003",
             "Computed tomography of abdomen and pelvis with contrast (procedure)")],
     [snomed("ct", p, "16457501000119100",
             "Computed tomography of abdomen and pelvis without contrast (procedure)")])

p = "p17-ct-loinc"
pair("catalog", "thigh-loinc-left-vs-right",
     "LOINC 36174-1 CT Thigh - left W contrast IV vs 36176-6 CT Thigh - right (coding only)",
     ["deep-soft-tissue-mass"],
     [P(p, "1999-02-02", "Maja"), *mri(p, "ct-thigh-loinc"), *chest_xr(p, "2026-08-08")],
     [loinc("ct", p, "36174-1", "CT Thigh - left W contrast IV")],
     [loinc("ct", p, "36176-6", "CT Thigh - right W contrast IV")])

p = "p17-ct-rectal"
pair("catalog", "rectal-local-code-cap-vs-chest",
     "a local catalog CT CH/ABD/PEL W CONTRAST (covers the mesorectum) vs CT CHEST W CONTRAST",
     ["nodal-calcification"],
     [P(p, "1968-08-18", "Nils-Erik", "male"), *mri(p, "ct-rectal-cap"),
      *chest_xr(p, "2026-10-01")],
     [local_code("ct", p, "IMG-CT-0412", "CT CH/ABD/PEL W CONTRAST")],
     [local_code("ct", p, "IMG-CT-0117", "CT CHEST W CONTRAST")])

# ============================================================== procedure (P18)
p = "p17-pr-thigh"
pair("procedure", "thigh-resection-ct-after-mri",
     "wide resection with no CT vs with a noncontrast thigh CT after the MRI",
     ["surgical-planning"],
     [P(p, "1980-05-05", "Oda"), *mri(p, "pr-thigh-resection"),
      *us_report("us-thigh", p, "US left thigh soft tissue", "2026-09-20",
                 "A 9 cm lobulated hypoechoic mass in the medial left thigh.", "Solid mass."),
      cpt("sx", p, "WIDE RESECTION OF BIOPSY-PROVEN MYXOID LIPOSARCOMA, LEFT THIGH", "27364")],
     [], ct_report("ct-thigh", p, "CT left thigh without contrast", "2026-10-26",
                   "A 9 cm low-attenuation adductor mass with peripheral calcifications; intact "
                   "femoral cortex.", "Known myxoid liposarcoma."))

p = "p17-pr-spine"
pair("procedure", "t6-meningioma-ct-after-mri",
     "laminectomy for the calcified T6 meningioma with no CT vs with a thoracic spine CT",
     ["surgical-planning"],
     [P(p, "1958-12-12", "Paavo", "male"), *mri(p, "pr-t6-meningioma"), *chest_xr(p, "2026-08-01"),
      cpt("sx", p, "T6 LAMINECTOMY, RESECTION INTRADURAL EXTRAMEDULLARY TUMOR", "63281")],
     [], ct_report("ct-tspine", p, "CT thoracic spine without contrast", "2026-09-04",
                   "A densely calcified intradural mass at T6 on the right. No bone erosion.",
                   "Calcified T6 meningioma."))

p = "p17-pr-shoulder"
pair("procedure", "shoulder-deposit-removal-ultrasound-after",
     "removal of the calcific deposit with no ultrasound or CT vs with a shoulder ultrasound "
     "after the MRI showing it", ["surgical-planning"],
     [P(p, "1973-03-13", "Ragna"), *mri(p, "pr-shoulder-deposit"), *chest_xr(p, "2025-09-09"),
      cpt("sx", p, "REMOVAL OF SUBDELTOID CALCAREOUS DEPOSITS, OPEN, RIGHT", "23000",
          reason="Calcific tendinitis of the supraspinatus")],
     [], us_report("us-shoulder", p, "US right shoulder", "2026-09-25",
                   "A 15 mm hyperechoic calcific deposit with acoustic shadowing in the anterior "
                   "supraspinatus tendon.", "Calcific tendinosis."))

p = "p17-pr-adrenal"
pair("procedure", "adrenalectomy-vs-cholecystectomy",
     "adrenalectomy (the calcified adrenal mass) vs cholecystectomy (incidental gallstones)",
     ["surgical-planning"],
     [P(p, "1974-04-24", "Signe"), *mri(p, "pr-adrenal-gallbladder"), *chest_xr(p, "2026-08-28")],
     [cpt("sx", p, "LAPAROSCOPIC RIGHT ADRENALECTOMY", "60650")],
     [cpt("sx", p, "LAPAROSCOPIC CHOLECYSTECTOMY", "47562")])

p = "p17-pr-femur"
pair("procedure", "femur-curettage-radiograph-matrix",
     "curettage when the prior radiograph shows no matrix vs shows chondroid matrix",
     ["surgical-planning"],
     [P(p, "1988-09-09", "Tove"), *mri(p, "pr-femur-curettage"), *brain_mri(p, "2022-01-11"),
      cpt("sx", p, "CURETTAGE AND BONE GRAFTING, BENIGN TUMOR LEFT PROXIMAL FEMUR", "27356")],
     xr_report("xr-femur", p, "XR left femur 2 views", "2026-08-05",
               "A geographic lucent lesion of the proximal femoral diaphysis. No mineralized "
               "matrix "
               "is identified.", "Lucent proximal femoral lesion."),
     xr_report("xr-femur", p, "XR left femur 2 views", "2026-08-05",
               "A lesion of the proximal femoral diaphysis with rings-and-arcs chondroid matrix.",
               "Chondroid lesion, likely enchondroma."))

# ============================================================== calcified-body (P19)
p = "p17-cb-forearm"
pair("calcified-body", "forearm-phleboliths-vs-flow-voids",
     "the malformation contains phleboliths (named by their MRI sign) vs flow voids",
     ["contrast-ct-noncontrast-first"],
     [P(p, "1997-01-21", "Ulla"), *chest_xr(p, "2026-03-03"),
      cpt("ct", p, "CT LT FOREARM W CONTRAST", "73201", reason="Vascular malformation")],
     mri(p, "cb-vm-phleboliths"), mri(p, "cb-vm-flow"))

p = "p17-cb-hip"
pair("calcified-body", "hip-osteochondral-vs-rice-bodies",
     "synovial biopsy of a hip with osteochondral bodies vs with rice bodies",
     ["biopsy-calcified-mass"],
     [P(p, "1984-06-30", "Viktor", "male"), *lumbar_xr(p, "2025-10-10"),
      local_text("bx", p, "IR SYNOVIAL BIOPSY RT HIP")],
     mri(p, "cb-hip-bodies"), mri(p, "cb-hip-rice"))

p = "p17-cb-thigh"
pair("calcified-body", "thigh-phleboliths-in-lesion-vs-pelvis",
     "phleboliths within the thigh lesion vs in the pelvic veins only", ["deep-soft-tissue-mass"],
     [P(p, "1995-05-15", "Wilma"), *chest_xr(p, "2026-05-05"),
      cpt("bx", p, "CORE BX RT THIGH MASS", "20206")],
     mri(p, "cb-hemangioma"), mri(p, "cb-hemangioma-pelvis"),
     evidence=ev("MRI", "cb-hemangioma", "Findings"))

p = "p17-cb-knee"
pair("calcified-body", "knee-chondromatosis-surgery-ct-after",
     "loose-body removal with no CT vs with a knee CT after the MRI", ["surgical-planning"],
     [P(p, "1987-11-11", "Yngve", "male"), *mri(p, "cb-knee-chondromatosis"),
      *chest_xr(p, "2026-02-14"),
      cpt("sx", p, "ARTHROSCOPY RT KNEE, LOOSE BODY REMOVAL AND SYNOVECTOMY", "29874")],
     [], ct_report("ct-knee", p, "CT right knee without contrast", "2026-10-10",
                   "Innumerable calcified intra-articular bodies in the suprapatellar and "
                   "posterior "
                   "recesses.", "Synovial chondromatosis."))

# ============================================================== evidence-source (P20)
p = "p17-ev-gluteal"
pair("evidence-source", "gluteal-addendum",
     "the addendum says the peripheral low-signal foci are calcification vs hemosiderin",
     ["deep-soft-tissue-mass"],
     [P(p, "1963-10-10", "Zelma"), *chest_xr(p, "2026-09-30"),
      cpt("bx", p, "CORE BX LT GLUTEAL MASS", "20206")],
     mri(p, "ev-gluteal-addendum", status="appended"),
     mri(p, "ev-gluteal-hemosiderin", status="appended"),
     evidence=ev("MRI", "ev-gluteal-addendum", "Addendum"))

p = "p17-ev-calf"
pair("evidence-source", "calf-radiograph-comparison",
     "the comparison radiographs show mineralization in the calf mass vs show none",
     ["deep-soft-tissue-mass"],
     [P(p, "1990-08-08", "Anton", "male"), *head_ct(p, "2025-02-02"),
      local_text("bx", p, "US GUIDED CORE BX LT CALF MASS")],
     mri(p, "om-calf-xr"), mri(p, "om-calf-xr-none"), evidence=ev("XR", "om-calf-xr", "Comparison"))

p = "p17-ev-flank"
pair("evidence-source", "flank-impression",
     "the impression calls the SWI foci calcification vs hemosiderin", ["deep-soft-tissue-mass"],
     [P(p, "1972-02-29", "Bodil"), *chest_xr(p, "2026-10-01"),
      cpt("bx", p, "CT GUIDED BX RT FLANK MASS", "21925")],
     mri(p, "ev-flank-impression"), mri(p, "ev-flank-hemosiderin"),
     evidence=ev("MRI", "ev-flank-impression", "Impression"))

# ============================================================== mixed
p = "p17-mx-pancreas"
pair("mixed", "pancreatitis-calcifications-vs-gallstones",
     "parenchymal calcifications of chronic pancreatitis vs only calcified gallstones",
     ["contrast-ct-noncontrast-first"],
     [P(p, "1975-07-07", "Carl", "male"), *chest_xr(p, "2026-04-04"),
      cpt("ct", p, "CT ABDOMEN W IV CONTRAST", "74160",
          reason="Chronic pancreatitis, pseudocyst")],
     mri(p, "mx-pancreatitis"), mri(p, "mx-pancreatitis-gallstones"))

p = "p17-mx-rectal"
pair("mixed", "rectal-mixed-signal-node",
     "a mesorectal node with mixed signal vs with homogeneous signal", ["nodal-calcification"],
     [P(p, "1960-10-20", "Dag", "male"), *chest_xr(p, "2026-10-15"),
      snomed("ct", p, "1148700003", "Computed tomography of thorax, abdomen and pelvis with "
             "intravenous contrast (procedure)")],
     mri(p, "mx-rectal-mixed"), mri(p, "mx-rectal-benign-node"))

p = "p17-mx-peds"
pair("mixed", "pediatric-neuroblastoma-vs-wilms",
     "a calcified suprarenal mass in a child vs a non-calcified renal mass",
     ["pediatric-flank-mass"],
     [P(p, "2022-04-11", "Elsa"),
      *abdomen_us(p, "2026-08-30", "A 7 cm solid left upper quadrant mass.", "Left upper quadrant "
                  "mass; MRI recommended."),
      cpt("bx", p, "CT GUIDED BX LT RETROPERITONEAL MASS", "49180")],
     mri(p, "mx-peds-flank"), mri(p, "mx-peds-flank-wilms"))

p = "p17-mx-arm"
pair("mixed", "arm-myositis-ossificans-vs-hematoma",
     "a peripheral rim of ossification or calcification vs a hemosiderin rim",
     ["ossification-vs-calcification"],
     [P(p, "2004-03-03", "Frans", "male"), *chest_xr(p, "2025-06-06"),
      cpt("bx", p, "CORE BX RT BRACHIALIS LESION", "20206")],
     mri(p, "mx-myositis"), mri(p, "mx-myositis-hematoma"))

p = "p17-mx-popliteal"
pair("mixed", "popliteal-signal-void-vs-flow-void",
     "a central signal void in the popliteal mass vs a flow void beside it", ["signal-void"],
     [P(p, "1969-09-17", "Gerd"), *chest_xr(p, "2026-01-01"),
      cpt("mr-2", p, "MRI RT KNEE W/WO CONTRAST", "73723",
          reason="Characterize popliteal fossa mass")],
     mri(p, "mx-popliteal-void"), mri(p, "mx-popliteal-flow"))

p = "p17-mx-coronary"
pair("mixed", "coronary-cta-vs-nodule-ct",
     "coronary CT angiography vs a contrast chest CT for the lung nodule (same coronary finding)",
     ["cardiovascular-calcification"],
     [P(p, "1955-05-25", "Harald", "male"), *mri(p, "mx-coronary"), *echo(p, "2026-07-02")],
     [cpt("ct", p, "CTA CORONARY ARTERIES W CONTRAST", "75574", reason="Atypical chest pain")],
     [cpt("ct", p, "CT CHEST W CONTRAST", "71260",
          reason="Follow-up of 8 mm right lower lobe nodule")])


# --------------------------------------------------------------------------- output

def _dump(obj: Any) -> str:
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"


def outputs() -> dict[Path, str]:
    """Every file this script writes, with its content."""
    files = {REPORTS_FILE: "".join(json.dumps(r, ensure_ascii=False) + "\n"
                                   for r in report_rows()),
             EXPECTATIONS_FILE: _dump({name: exp for name, (_, exp) in sorted(SCENARIOS.items())})}
    for name, (b, _) in SCENARIOS.items():
        files[BUNDLES_DIR / name] = _dump(b)
    return files


def main(argv: list[str]) -> int:
    if "--list" in argv:
        for p_ in PAIRS:
            print(f"{p_['positive']}  |  {p_['twin']}\n    {p_['detail']}")
        print(f"{len(PAIRS)} pairs, {len(SCENARIOS)} bundles, {len(REPORTS)} reports")
        return 0
    files = outputs()
    if "--check" in argv:
        stale = [str(f.relative_to(ROOT)) for f, text in files.items()
                 if not f.exists() or f.read_text() != text]
        extra = sorted(str(f.relative_to(ROOT)) for f in BUNDLES_DIR.glob("*.json")
                       if f not in files)
        for f in stale + extra:
            print(f"differs from build_full.py: {f}")
        return 1 if stale or extra else 0
    BUNDLES_DIR.mkdir(exist_ok=True)
    for f in BUNDLES_DIR.glob("*.json"):
        if f not in files:
            f.unlink()
    for f, text in files.items():
        f.write_text(text)
    print(f"wrote {len(REPORTS)} reports, {len(SCENARIOS)} bundles ({len(PAIRS)} pairs)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
