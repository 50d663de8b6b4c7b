"""Scenario pairs for issue 10 (lesion-level matching), written from the guidance before the engine.

Each pair is a positive bundle and a *silent twin* that differs from it only in the decisive
detail: the structure the calcification belongs to, the side, a hypothetical, an addendum, a
co-ordered noncontrast CT, the region an order covers, ossification, text held in an
Observation, and so on. ``docs/matching-policy.md`` states the policy each pair tests (the
``P`` numbers in the comments).

``LESION_SCENARIOS`` has the shape of ``SCENARIOS`` in ``build_sample_bundles.py``:
name -> (bundle, expected rule ids per hook). The expected ids are those of
``cds_service/core/rules.py`` and name the rule that leads each card, in card order (one card
per clinical problem); an empty list means the service must stay silent. ``PAIRS`` lists
(positive, silent twin, decisive detail).

``scripts/build_sample_bundles.py`` writes them into ``sample_bundles/`` with their
expectations in ``tests/sample_bundle_expectations.json`` (the lesion-level engine passes all
of them; ``tests/test_scenarios.py`` checks every bundle and the false-alert figure).
Run ``python scripts/lesion_scenarios.py`` to list the pairs, or
``python scripts/lesion_scenarios.py OUTDIR`` to write the bundles and an expectations file
there (never into the repository's sample folder).
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_sample_bundles import (  # noqa: E402
    ADULT,
    CPT,
    LOINC,
    bundle,
    order,
    patient,
    report,
    study,
)

SNOMED = "http://snomed.info/sct"
SELECT_AND_SIGN = ("order-select", "order-sign")

# Lateralized SNOMED CT body structures for ServiceRequest.bodySite (side carried in the code
# and in the text, as EHRs that require laterality on extremity orders send it).
BODY_SITES: dict[str, tuple[str, str]] = {
    "left thigh": ("61396006", "Structure of left thigh"),
    "right thigh": ("11207009", "Structure of right thigh"),
}

LESION_SCENARIOS: dict[str, tuple[dict, dict[str, list[str]]]] = {}
PAIRS: list[tuple[str, str, str]] = []


# --- small builders on top of build_sample_bundles ------------------------------------------

def sided_order(oid: str, pid: str, text: str, cpt: str | None = None, *,
                body_site: str | None = None, reason: str | None = None) -> dict:
    """A draft order whose side is given by ``bodySite`` (lateralized SNOMED code and text)."""
    res = order(oid, pid, text, cpt, reason=reason)
    if body_site:
        code, display = BODY_SITES[body_site]
        res["bodySite"] = [{"coding": [{"system": SNOMED, "code": code, "display": display}],
                            "text": body_site.capitalize()}]
    return res


def multi_code_order(oid: str, pid: str, text: str, cpts: list[str]) -> dict:
    """A draft order carrying several CPT codes (e.g. a chest plus abdomen-pelvis staging CT)."""
    res = order(oid, pid, text)
    res["code"]["coding"] = [{"system": CPT, "code": c} for c in cpts]
    return res


def observation(oid: str, pid: str, date: str, text: str) -> dict:
    """A narrative Observation, as EHRs that hold report sections in DiagnosticReport.result."""
    return {"resourceType": "Observation", "id": oid, "status": "final",
            "code": {"coding": [{"system": LOINC, "code": "18782-3",
                                 "display": "Radiology Study observation (narrative)"}]},
            "subject": {"reference": f"Patient/{pid}"}, "effectiveDateTime": date,
            "valueString": text}


def report_with_results(rid: str, pid: str, title: str, date: str, results: list[str], *,
                        conclusion: str | None = None, status: str = "final") -> dict:
    """A report whose text is (partly) held in Observations referenced by ``result``."""
    res = report(rid, pid, title, date, conclusion, status=status)
    res["result"] = [{"reference": f"Observation/{r}"} for r in results]
    return res


def text_report(rid: str, pid: str, title: str, date: str, text: str, *,
                status: str = "final", study_id: str | None = None,
                issued: str | None = None) -> dict:
    """A report with a plain-text presentedForm (sections such as ADDENDUM kept as written)."""
    res = report(rid, pid, title, date, status=status, presented=text, study=study_id)
    if issued:
        res["issued"] = issued
    return res


def add(name: str, expected: list[str], *resources: dict) -> None:
    if name in LESION_SCENARIOS:
        raise ValueError(f"duplicate scenario {name}")
    LESION_SCENARIOS[name] = (bundle(*resources), {hook: list(expected)
                                                    for hook in SELECT_AND_SIGN})


def pair(positive: str, expected: list[str], twin: str, detail: str,
         shared: list[dict], pos_only: list[dict], twin_only: list[dict]) -> None:
    """Declare a positive scenario and its silent twin: same ``shared`` resources, one detail."""
    if not expected:
        raise ValueError(f"{positive}: a positive scenario must expect a card")
    add(positive, expected, *copy.deepcopy(shared), *pos_only)
    add(twin, [], *copy.deepcopy(shared), *twin_only)
    PAIRS.append((positive, twin, detail))


def mri(rid: str, pid: str, title: str, date: str, conclusion: str, **kw: Any) -> dict:
    return report(rid, pid, title, date, conclusion, **kw)


# --- incidental structures (P4.1, P2.3) ----------------------------------------------------
p = "p-l-gall"
pair("lesion-incidental-gallstones-pos", ["contrast-ct-noncontrast-first"],
     "lesion-incidental-gallstones-twin",
     "calcification of the adrenal mass vs of gallstones (incidental)",
     [patient(p, ADULT, "Testpatient", "Aino"),
      order("ct-abd", p, "CT abdomen with contrast", "74160",
            reason="Characterize right adrenal mass")],
     [mri("mr-abd", p, "MRI abdomen without and with contrast", "2026-10-03",
          "IMPRESSION: 3.4 cm right adrenal lesion containing punctate calcifications. "
          "Gallbladder unremarkable.")],
     [mri("mr-abd", p, "MRI abdomen without and with contrast", "2026-10-03",
          "IMPRESSION: 3.4 cm right adrenal lesion. The gallbladder contains calcified "
          "stones.")])

p = "p-l-phleb"
pair("lesion-incidental-phleboliths-pos", ["contrast-ct-noncontrast-first"],
     "lesion-incidental-phleboliths-twin",
     "calcification of the adnexal lesion vs pelvic phleboliths (incidental)",
     [patient(p, ADULT, "Testpatient", "Berit"),
      order("ct-pel", p, "CT pelvis with contrast", "72193")],
     [mri("mr-pel", p, "MRI pelvis without and with contrast", "2026-09-22",
          "IMPRESSION: Complex 5 cm left adnexal lesion with calcifications.")],
     [mri("mr-pel", p, "MRI pelvis without and with contrast", "2026-09-22",
          "IMPRESSION: Complex 5 cm left adnexal lesion. Calcified phleboliths in the "
          "pelvis.")])

p = "p-l-gran"
pair("lesion-incidental-granuloma-biopsy-pos", ["biopsy-calcified-mass"],
     "lesion-incidental-granuloma-biopsy-twin",
     "calcified adrenal mass vs calcified splenic granulomas, biopsy of the adrenal mass",
     [patient(p, ADULT, "Testpatient", "Cyrus", "male"),
      order("bx-adr", p, "CT-guided core biopsy of left adrenal mass")],
     [mri("mr-adr", p, "MRI abdomen without and with contrast", "2026-10-09",
          "IMPRESSION: 2.5 cm left adrenal mass with calcification. The spleen is normal.")],
     [mri("mr-adr", p, "MRI abdomen without and with contrast", "2026-10-09",
          "IMPRESSION: 2.5 cm left adrenal mass. Calcified granulomas in the spleen.")])

p = "p-l-vessel"
pair("lesion-incidental-popliteal-artery-pos", ["deep-soft-tissue-mass"],
     "lesion-incidental-popliteal-artery-twin",
     "calcification of the thigh mass vs of the popliteal artery wall on a knee MRI",
     [patient(p, ADULT, "Testpatient", "Dagny"),
      order("bx-thigh", p, "US-guided core needle biopsy, right distal thigh mass", "20206")],
     [mri("mr-knee", p, "MRI right knee without and with contrast", "2026-10-12",
          "IMPRESSION: 3 cm intramuscular mass in the distal right vastus medialis with "
          "internal calcification. The popliteal vessels are normal.")],
     [mri("mr-knee", p, "MRI right knee without and with contrast", "2026-10-12",
          "IMPRESSION: 3 cm intramuscular mass in the distal right vastus medialis. "
          "Atherosclerotic calcification of the popliteal artery wall.")])

p = "p-l-stone"
pair("lesion-incidental-renal-stone-pos", ["contrast-ct-noncontrast-first"],
     "lesion-incidental-renal-stone-twin",
     "calcification of the renal mass vs a calcified stone in the other kidney",
     [patient(p, ADULT, "Testpatient", "Egil", "male"),
      order("ct-abd", p, "CT abdomen with contrast", "74160", reason="Right renal mass")],
     [mri("mr-ren", p, "MRI abdomen without and with contrast", "2026-10-15",
          "IMPRESSION: 4 cm solid right renal lesion with calcification. The left kidney is "
          "normal.")],
     [mri("mr-ren", p, "MRI abdomen without and with contrast", "2026-10-15",
          "IMPRESSION: 4 cm solid right renal lesion. 6 mm calcified stone in the left renal "
          "pelvis.")])

p = "p-l-mac"
pair("lesion-incidental-mac-cardiac-mri-pos", ["cardiovascular-calcification"],
     "lesion-incidental-mac-cardiac-mri-twin",
     "pericardial calcification vs mitral annular calcification (incidental), cardiac MRI",
     [patient(p, "1955-03-02", "Testpatient", "Frida"),
      order("mr-heart", p, "Cardiac MRI for morphology and function without and with "
            "contrast", "75561")],
     [mri("mr-h1", p, "Cardiac MRI with and without contrast", "2026-08-30",
          "IMPRESSION: Pericardial thickening with calcification along the atrioventricular "
          "groove.")],
     [mri("mr-h1", p, "Cardiac MRI with and without contrast", "2026-08-30",
          "IMPRESSION: Mitral annular calcification. Normal pericardium.")])

# --- the cardiovascular rule is for orders that depend on the heart (P4.4) -----------------
p = "p-l-cor"
pair("lesion-cardio-coronary-cta-pos", ["cardiovascular-calcification"],
     "lesion-cardio-chest-ct-nodule-twin",
     "coronary CT angiography vs a contrast chest CT for a lung nodule (same coronary finding)",
     [patient(p, "1952-07-14", "Testpatient", "Gunnar", "male"),
      mri("mr-cor", p, "Cardiac MRI without and with contrast", "2026-09-05",
          "IMPRESSION: Dense calcification of the proximal left anterior descending coronary "
          "artery. Normal left ventricular function.")],
     [order("cta", p, "CT angiography of the coronary arteries", "75574")],
     [order("ct-chest", p, "CT chest with contrast", "71260",
            reason="Follow-up of 8 mm right lower lobe pulmonary nodule")])

# --- laterality (P2.4, P4.3) -----------------------------------------------------------------
p = "p-l-side"
THIGHS = ("IMPRESSION: 1. 6 cm intramuscular mass in the right thigh with coarse "
          "calcification. 2. 3 cm lipoma in the left thigh without calcification.")
pair("lesion-side-biopsy-right-pos", ["deep-soft-tissue-mass"],
     "lesion-side-biopsy-left-lipoma-twin",
     "biopsy of the calcified right thigh mass vs of the left thigh lipoma (side in text)",
     [patient(p, ADULT, "Testpatient", "Hanna"),
      mri("mr-thighs", p, "MRI both thighs without and with contrast", "2026-10-01", THIGHS)],
     [order("bx", p, "Core needle biopsy right thigh mass", "20206")],
     [order("bx", p, "Core needle biopsy left thigh lipoma", "20206")])

p = "p-l-bodysite"
pair("lesion-side-bodysite-right-pos", ["deep-soft-tissue-mass"],
     "lesion-side-bodysite-left-twin",
     "side given only by bodySite (right vs left thigh), order text has no side",
     [patient(p, ADULT, "Testpatient", "Ivar", "male"),
      mri("mr-thighs", p, "MRI both thighs without and with contrast", "2026-10-01", THIGHS)],
     [sided_order("bx", p, "US-guided core needle biopsy, thigh soft tissue mass", "20206",
                  body_site="right thigh")],
     [sided_order("bx", p, "US-guided core needle biopsy, thigh soft tissue mass", "20206",
                  body_site="left thigh")])

p = "p-l-title"
pair("lesion-side-from-report-title-pos", ["deep-soft-tissue-mass"],
     "lesion-side-from-report-title-twin",
     "the report names its side only in the title (left); biopsy left vs right thigh",
     [patient(p, ADULT, "Testpatient", "Jana"),
      text_report("mr-lt", p, "MRI left thigh without contrast", "2026-09-18",
                  "MRI LEFT THIGH WITHOUT CONTRAST\n\nFINDINGS: 4 cm intramuscular lesion in "
                  "the adductor longus containing calcification.\n\nIMPRESSION: Calcified "
                  "intramuscular lesion.")],
     [order("bx", p, "Core needle biopsy left thigh mass", "20206")],
     [order("bx", p, "Core needle biopsy right thigh mass", "20206")])

p = "p-l-noside"
RIGHT_THIGH = ("IMPRESSION: 5 cm intramuscular mass in the right thigh with internal "
               "calcification.")
pair("lesion-side-unknown-order-pos", ["deep-soft-tissue-mass"],
     "lesion-side-opposite-order-twin",
     "order without a side (matches, with a note) vs order for the other side",
     [patient(p, ADULT, "Testpatient", "Kai", "male"),
      mri("mr-rt", p, "MRI right thigh without and with contrast", "2026-10-20", RIGHT_THIGH)],
     [order("bx", p, "Core needle biopsy thigh mass", "20206")],
     [order("bx", p, "Core needle biopsy left thigh mass", "20206")])

p = "p-l-calf"
pair("lesion-side-corrected-by-addendum-pos", ["biopsy-calcified-mass"],
     "lesion-side-corrected-by-addendum-twin",
     "an addendum corrects the side (right -> left); biopsy left vs right calf",
     [patient(p, ADULT, "Testpatient", "Lena"),
      text_report("mr-calf", p, "MRI lower leg without contrast", "2026-10-06",
                  "FINDINGS: 3.5 cm soft tissue mass in the right calf with calcification.\n\n"
                  "ADDENDUM: Correction: the mass is in the LEFT calf, not the right as "
                  "dictated.", status="appended")],
     [order("bx", p, "US-guided biopsy left calf soft tissue mass")],
     [order("bx", p, "US-guided biopsy right calf soft tissue mass")])

p = "p-l-knee"
pair("lesion-side-crystal-knee-pos", ["crystal-deposition"],
     "lesion-side-crystal-knee-twin",
     "chondrocalcinosis of the right knee; MRI of the right vs left knee",
     [patient(p, "1949-05-21", "Testpatient", "Mats", "male"),
      mri("mr-knee", p, "MRI right knee without contrast", "2026-08-25",
          "IMPRESSION: Chondrocalcinosis of the right medial and lateral menisci, suggesting "
          "CPPD.")],
     [order("mr-knee-2", p, "MRI right knee without contrast", "73721",
            reason="Knee pain, evaluate for pseudogout")],
     [order("mr-knee-2", p, "MRI left knee without contrast", "73721",
            reason="Knee pain, evaluate for pseudogout")])

p = "p-l-cuff"
pair("lesion-side-tendon-shoulder-pos", ["crystal-deposition"],
     "lesion-side-tendon-shoulder-twin",
     "calcific tendinosis of the right supraspinatus; MRI of the right vs left shoulder",
     [patient(p, ADULT, "Testpatient", "Nora"),
      mri("mr-sh", p, "MRI right shoulder without contrast", "2026-09-10",
          "IMPRESSION: Calcific tendinosis of the supraspinatus with a 9 mm deposit.")],
     [order("mr-sh-2", p, "MRI right shoulder without contrast", "73221",
            reason="Shoulder pain, calcific tendinitis")],
     [order("mr-sh-2", p, "MRI left shoulder without contrast", "73221",
            reason="Shoulder pain, calcific tendinitis")])

# --- orders in the same draft, judged together (P5) ----------------------------------------
p = "p-l-coside"
pair("lesion-coordered-ct-other-side-pos", ["deep-soft-tissue-mass"],
     "lesion-coordered-ct-same-side-twin",
     "noncontrast CT co-ordered in the draft: left leg (does not satisfy) vs right leg",
     [patient(p, ADULT, "Testpatient", "Olle", "male"),
      mri("mr-rt", p, "MRI right thigh without and with contrast", "2026-10-20", RIGHT_THIGH),
      order("bx", p, "Core needle biopsy right thigh mass", "20206")],
     [order("ct-nc", p, "CT left lower extremity without contrast", "73700")],
     [order("ct-nc", p, "CT right thigh without contrast", "73700")])

p = "p-l-coreg"
ADRENAL = "IMPRESSION: 3 cm left adrenal lesion with punctate calcifications."
pair("lesion-coordered-ct-other-region-pos", ["contrast-ct-noncontrast-first"],
     "lesion-coordered-ct-same-region-twin",
     "noncontrast CT co-ordered in the draft: chest (another region) vs abdomen",
     [patient(p, ADULT, "Testpatient", "Pia"),
      mri("mr-adr", p, "MRI abdomen without and with contrast", "2026-10-02", ADRENAL),
      order("ct-c", p, "CT abdomen with contrast", "74160")],
     [order("ct-nc", p, "CT chest without contrast", "71250")],
     [order("ct-nc", p, "CT abdomen without contrast", "74150")])

p = "p-l-cobx"
FLANK = "IMPRESSION: 5 cm left flank soft tissue mass with coarse calcifications."
pair("lesion-coordered-ct-biopsy-other-region-pos", ["deep-soft-tissue-mass"],
     "lesion-coordered-ct-biopsy-same-region-twin",
     "biopsy with a co-ordered noncontrast CT of the pelvis (wrong region) vs of the abdomen",
     [patient(p, ADULT, "Testpatient", "Rune", "male"),
      mri("mr-fl", p, "MRI abdomen without and with contrast", "2026-10-11", FLANK),
      order("bx", p, "CT-guided biopsy of left flank mass", "49180")],
     [order("ct-nc", p, "CT pelvis without contrast", "72192")],
     [order("ct-nc", p, "CT abdomen without contrast", "74150")])

# --- multi-region orders cover every region (P3.2) ------------------------------------------
RECTAL = ("IMPRESSION: Mid rectal adenocarcinoma, T3b, without calcification. 7 mm "
          "mesorectal lymph node containing a calcified focus, suspicious for metastasis.")
p = "p-l-cap"
pair("lesion-multiregion-text-cap-pos", ["nodal-calcification"],
     "lesion-multiregion-text-chest-only-twin",
     "staging CT of chest, abdomen and pelvis (covers the mesorectum) vs chest only",
     [patient(p, ADULT, "Testpatient", "Sven", "male"),
      mri("mr-rect", p, "MRI pelvis rectal cancer staging", "2026-10-28", RECTAL)],
     [order("ct-stage", p, "CT chest, abdomen and pelvis with contrast")],
     [order("ct-stage", p, "CT chest with contrast")])

p = "p-l-codes"
pair("lesion-multiregion-two-codes-pos", ["nodal-calcification"],
     "lesion-multiregion-one-code-twin",
     "one staging order with two CPT codes (chest + abdomen/pelvis) vs the chest code alone",
     [patient(p, ADULT, "Testpatient", "Tuula"),
      mri("mr-rect", p, "MRI pelvis rectal cancer staging", "2026-10-28", RECTAL)],
     [multi_code_order("ct-stage", p, "Staging CT with contrast", ["71260", "74177"])],
     [multi_code_order("ct-stage", p, "Staging CT with contrast", ["71260"])])

p = "p-l-region"
pair("lesion-region-contrast-ct-of-mass-pos", ["deep-soft-tissue-mass"],
     "lesion-region-contrast-ct-other-region-twin",
     "contrast CT of the leg that holds the calcified mass vs a contrast chest CT",
     [patient(p, ADULT, "Testpatient", "Ulf", "male"),
      mri("mr-rt", p, "MRI right thigh without and with contrast", "2026-10-20", RIGHT_THIGH)],
     [order("ct", p, "CT right lower extremity with contrast", "73701")],
     [order("ct", p, "CT chest with contrast", "71260", reason="Sarcoma staging")])

# --- hypotheticals and indications are not findings (P8) -----------------------------------
p = "p-l-hyp"
pair("lesion-hypothetical-gluteal-pos", ["deep-soft-tissue-mass"],
     "lesion-hypothetical-gluteal-twin",
     "calcification stated vs 'if calcification develops'",
     [patient(p, ADULT, "Testpatient", "Vilma"),
      order("bx", p, "Core needle biopsy right buttock mass", "20206")],
     [mri("mr-glut", p, "MRI pelvis without and with contrast", "2026-09-29",
          "IMPRESSION: 5 cm mass in the right gluteus maximus with internal calcification.")],
     [mri("mr-glut", p, "MRI pelvis without and with contrast", "2026-09-29",
          "IMPRESSION: 5 cm mass in the right gluteus maximus. If calcification develops, "
          "CT would help.")])

p = "p-l-should"
pair("lesion-hypothetical-paraspinal-pos", ["deep-soft-tissue-mass"],
     "lesion-hypothetical-paraspinal-twin",
     "'has become calcified' vs 'should it become calcified'",
     [patient(p, ADULT, "Testpatient", "Walter", "male"),
      order("mr-2", p, "MRI lumbar spine without and with contrast", "72158",
            reason="Characterize right paraspinal mass")],
     [mri("mr-ls", p, "MRI lumbar spine without contrast", "2026-09-03",
          "IMPRESSION: The right paraspinal lesion at L3 has become calcified since 2025.")],
     [mri("mr-ls", p, "MRI lumbar spine without contrast", "2026-09-03",
          "IMPRESSION: Right paraspinal lesion at L3; should it become calcified, CT is "
          "advised.")])

p = "p-l-ind"
pair("lesion-indication-recommend-ct-pos", ["deep-soft-tissue-mass"],
     "lesion-indication-recommend-ct-twin",
     "'mass with calcification; recommend CT' vs 'recommend CT to assess for calcification'",
     [patient(p, ADULT, "Testpatient", "Xenia"),
      order("bx", p, "CT-guided biopsy retroperitoneal mass", "49180")],
     [mri("mr-rp", p, "MRI abdomen without and with contrast", "2026-10-07",
          "IMPRESSION: 6 cm retroperitoneal mass with calcification. Recommend CT prior to "
          "biopsy.")],
     [mri("mr-rp", p, "MRI abdomen without and with contrast", "2026-10-07",
          "IMPRESSION: 6 cm retroperitoneal mass. Recommend CT to assess for calcification "
          "prior to biopsy.")])

p = "p-l-hx"
pair("lesion-indication-history-pos", ["deep-soft-tissue-mass"],
     "lesion-indication-history-twin",
     "calcification stated in FINDINGS vs only asked in the INDICATION",
     [patient(p, ADULT, "Testpatient", "Yngve", "male"),
      order("bx", p, "US-guided core biopsy left groin mass", "20206")],
     [text_report("mr-gr", p, "MRI pelvis without and with contrast", "2026-10-14",
                  "INDICATION: Left groin mass.\n\nFINDINGS: 4 cm left groin mass with "
                  "calcification.\n\nIMPRESSION: Left groin soft tissue mass.")],
     [text_report("mr-gr", p, "MRI pelvis without and with contrast", "2026-10-14",
                  "INDICATION: Left groin mass, calcification on radiograph?\n\nFINDINGS: "
                  "4 cm left groin mass.\n\nIMPRESSION: Left groin soft tissue mass.")])

# --- addenda, amended and preliminary reports (P6) ----------------------------------------
p = "p-l-add"
THIGH_FINDINGS = ("FINDINGS: 5 cm intramuscular mass in the left thigh with peripheral "
                  "calcification.\n\nIMPRESSION: Calcified left thigh mass.")
pair("lesion-addendum-absent-pos", ["deep-soft-tissue-mass"],
     "lesion-addendum-supersedes-twin",
     "no addendum vs an ADDENDUM saying the low signal is hemosiderin, no calcification",
     [patient(p, ADULT, "Testpatient", "Ylva"),
      order("bx", p, "Core needle biopsy left thigh mass", "20206")],
     [text_report("mr-add", p, "MRI left thigh without and with contrast", "2026-10-02",
                  THIGH_FINDINGS)],
     [text_report("mr-add", p, "MRI left thigh without and with contrast", "2026-10-02",
                  THIGH_FINDINGS + "\n\nADDENDUM: On review of the gradient-echo images the "
                  "peripheral low signal is hemosiderin from prior hemorrhage. There is no "
                  "calcification.", status="appended")])

p = "p-l-add2"
pair("lesion-addendum-other-structure-pos", ["deep-soft-tissue-mass"],
     "lesion-addendum-same-structure-twin",
     "the addendum negates calcification of the inguinal nodes vs of the thigh mass",
     [patient(p, ADULT, "Testpatient", "Zara"),
      order("bx", p, "Core needle biopsy left thigh mass", "20206")],
     [text_report("mr-add", p, "MRI left thigh without and with contrast", "2026-10-02",
                  THIGH_FINDINGS + "\n\nADDENDUM: The left inguinal lymph nodes are not "
                  "calcified.", status="appended")],
     [text_report("mr-add", p, "MRI left thigh without and with contrast", "2026-10-02",
                  THIGH_FINDINGS + "\n\nADDENDUM: The left thigh mass is not calcified; the "
                  "peripheral low signal is hemosiderin.", status="appended")])

p = "p-l-amend"
ADRENAL_TEXT = "IMPRESSION: 3 cm right adrenal lesion with punctate calcification."
pair("lesion-amended-final-pos", ["contrast-ct-noncontrast-first"],
     "lesion-amended-withdrawn-twin",
     "final report vs the same report amended: the calcification was chemical-shift artifact",
     [patient(p, ADULT, "Testpatient", "Albin", "male"),
      order("ct", p, "CT abdomen with contrast", "74160")],
     [text_report("mr-am", p, "MRI abdomen without and with contrast", "2026-09-14",
                   ADRENAL_TEXT)],
     [text_report("mr-am", p, "MRI abdomen without and with contrast", "2026-09-14",
                  ADRENAL_TEXT + "\n\nAMENDMENT: The punctate calcification was chemical-shift "
                  "artifact; the right adrenal lesion has no calcification.",
                  status="amended")])

p = "p-l-prelim"
PRELIM = ("PRELIMINARY REPORT\nIMPRESSION: 4 cm left flank soft tissue mass, possibly with "
          "calcification.")
pair("lesion-preliminary-only-pos", ["deep-soft-tissue-mass"],
     "lesion-preliminary-then-final-twin",
     "a preliminary report alone (read, P6.3) vs the final report of the same study, "
     "which withdraws the finding",
     [patient(p, ADULT, "Testpatient", "Britt"),
      study("st-mr", p, "MR", "2026-11-18", "MRI ABDOMEN WO W CONTRAST"),
      text_report("mr-pre", p, "MRI abdomen without and with contrast", "2026-11-18", PRELIM,
                  status="preliminary", study_id="st-mr", issued="2026-11-18T23:10:00Z"),
      order("bx", p, "CT-guided biopsy of left flank mass", "49180")],
     [],
     [text_report("mr-fin", p, "MRI abdomen without and with contrast", "2026-11-18",
                  "FINAL REPORT\nIMPRESSION: 4 cm left flank soft tissue mass. The low-signal "
                  "focus is a flow void in a lumbar artery; no calcification.",
                  study_id="st-mr", issued="2026-11-19T08:40:00Z")])

# --- text held in Observations (DiagnosticReport.result) ----------------------------------
p = "p-l-obs"
pair("lesion-observation-text-pos", ["deep-soft-tissue-mass"],
     "lesion-observation-text-twin",
     "the finding is only in an Observation referenced by result: calcified vs not",
     [patient(p, ADULT, "Testpatient", "Cilla"),
      report_with_results("mr-obs", p, "MRI abdomen without and with contrast", "2026-10-11",
                          ["obs-imp"]),
      order("bx", p, "CT-guided biopsy of left flank mass", "49180")],
     [observation("obs-imp", p, "2026-10-11",
                  "IMPRESSION: 5 cm left flank soft tissue mass with coarse calcifications.")],
     [observation("obs-imp", p, "2026-10-11",
                  "IMPRESSION: 5 cm left flank soft tissue mass without calcification.")])

p = "p-l-obsadd"
pair("lesion-observation-addendum-pos", ["deep-soft-tissue-mass"],
     "lesion-observation-addendum-twin",
     "an addendum held in an Observation: a phone call note vs withdrawing the calcification",
     [patient(p, ADULT, "Testpatient", "Dora"),
      report_with_results("mr-obs", p, "MRI abdomen without and with contrast", "2026-10-11",
                          ["obs-add"], conclusion=FLANK, status="appended"),
      order("bx", p, "CT-guided biopsy of left flank mass", "49180")],
     [observation("obs-add", p, "2026-10-12",
                  "ADDENDUM: Findings were discussed with the referring surgeon by telephone.")],
     [observation("obs-add", p, "2026-10-12",
                  "ADDENDUM: On review, the low-signal foci in the left flank mass are "
                  "hemosiderin. There is no calcification.")])

# --- ossification is its own class (P7.1, P4.5) ---------------------------------------------
p = "p-l-mo"
pair("lesion-ossification-rim-pos", ["ossification-vs-calcification"],
     "lesion-ossification-rim-twin",
     "a peripheral rim of ossification (myositis ossificans) vs peripheral edema (hematoma)",
     [patient(p, ADULT, "Testpatient", "Eero", "male"),
      order("bx", p, "Core needle biopsy left thigh lesion", "20206")],
     [mri("mr-mo", p, "MRI left thigh without and with contrast", "2026-10-16",
          "IMPRESSION: 3 cm lesion in the left vastus intermedius with a peripheral rim of "
          "ossification, compatible with evolving myositis ossificans.")],
     [mri("mr-mo", p, "MRI left thigh without and with contrast", "2026-10-16",
          "IMPRESSION: 3 cm lesion in the left vastus intermedius with peripheral edema, "
          "compatible with an intramuscular hematoma.")])

p = "p-l-mo2"
pair("lesion-ossification-term-alone-pos", ["ossification-vs-calcification"],
     "lesion-ossification-term-alone-twin",
     "'myositis ossificans' (no mineral word) vs 'myositis'",
     [patient(p, ADULT, "Testpatient", "Fanny"),
      order("mr-arm", p, "MRI right upper arm without and with contrast", "73220",
            reason="Characterize right arm mass")],
     [mri("mr-arm0", p, "MRI right humerus without contrast", "2026-10-21",
          "IMPRESSION: 4 cm mass in the right brachialis, myositis ossificans.")],
     [mri("mr-arm0", p, "MRI right humerus without contrast", "2026-10-21",
          "IMPRESSION: 4 cm edematous right brachialis, myositis.")])

# --- chondroid matrix and ring-and-arc are possible calcification (P7.2) --------------------
p = "p-l-chon"
pair("lesion-chondroid-matrix-pos", ["deep-soft-tissue-mass"],
     "lesion-chondroid-matrix-twin",
     "chondroid matrix vs myxoid stroma in the same thigh mass",
     [patient(p, ADULT, "Testpatient", "Greger", "male"),
      order("bx", p, "Core needle biopsy left thigh mass", "20206")],
     [mri("mr-ch", p, "MRI left thigh without and with contrast", "2026-10-04",
          "IMPRESSION: Lobulated 8 cm intramuscular mass in the left thigh with chondroid "
          "matrix.")],
     [mri("mr-ch", p, "MRI left thigh without and with contrast", "2026-10-04",
          "IMPRESSION: Lobulated 8 cm intramuscular mass in the left thigh with myxoid "
          "stroma.")])

p = "p-l-ring"
pair("lesion-ring-and-arc-pos", ["bone-lesion-biopsy"],  # a lesion of bone (P16.4)
     "lesion-ring-and-arc-twin",
     "ring-and-arc low-signal foci vs homogeneous T2 signal in a humeral lesion",
     [patient(p, ADULT, "Testpatient", "Helmi"),
      order("bx", p, "Percutaneous bone biopsy right humerus lesion", "20220")],
     [mri("mr-hum", p, "MRI right humerus without and with contrast", "2026-10-19",
          "IMPRESSION: 2.5 cm lesion in the proximal right humerus with ring-and-arc "
          "low-signal foci.")],
     [mri("mr-hum", p, "MRI right humerus without and with contrast", "2026-10-19",
          "IMPRESSION: 2.5 cm lesion in the proximal right humerus with homogeneous high T2 "
          "signal.")])

# --- bone-mineral wording is not calcification (P7.3) ---------------------------------------
p = "p-l-bone"
pair("lesion-bone-mineral-mass-pos", ["deep-soft-tissue-mass"],
     "lesion-bone-mineral-normal-twin",
     "mineralization within the mass vs normal bone mineralization",
     [patient(p, ADULT, "Testpatient", "Ilse"),
      order("bx", p, "Core needle biopsy right thigh mass", "20206")],
     [mri("mr-bm", p, "MRI right thigh without and with contrast", "2026-10-08",
          "IMPRESSION: Mineralization within the 5 cm soft tissue mass of the right thigh. "
          "The bones are unremarkable.")],
     [mri("mr-bm", p, "MRI right thigh without and with contrast", "2026-10-08",
          "IMPRESSION: Normal bone mineralization. 5 cm soft tissue mass of the right "
          "thigh.")])

# --- signal void inside a mass, signal-void rule only (P7.4) --------------------------------
p = "p-l-void"
pair("lesion-signal-void-blooming-pos", ["signal-void"],
     "lesion-signal-void-hardware-twin",
     "blooming inside the forearm mass vs blooming from the adjacent plate and screws",
     [patient(p, ADULT, "Testpatient", "Jarl", "male"),
      order("mr-2", p, "MRI left forearm without and with contrast", "73220",
            reason="Characterize left forearm mass")],
     [mri("mr-fa", p, "MRI left forearm without contrast", "2026-10-23",
          "IMPRESSION: 3 cm left forearm soft tissue mass with internal foci of blooming on "
          "gradient-echo images.")],
     [mri("mr-fa", p, "MRI left forearm without contrast", "2026-10-23",
          "IMPRESSION: 3 cm left forearm soft tissue mass. Blooming from the adjacent ulnar "
          "plate and screws.")])

p = "p-l-void2"
pair("lesion-signal-void-in-mass-pos", ["signal-void"],
     "lesion-signal-void-flow-void-twin",
     "a signal void within the gluteal mass (signal-void rule only) vs a flow void beside it",
     [patient(p, ADULT, "Testpatient", "Kerstin"),
      order("bx", p, "Core needle biopsy right buttock mass", "20206")],
     [mri("mr-gl", p, "MRI pelvis without and with contrast", "2026-10-26",
          "IMPRESSION: Focal signal void within the 4 cm right gluteal mass.")],
     [mri("mr-gl", p, "MRI pelvis without and with contrast", "2026-10-26",
          "IMPRESSION: 4 cm right gluteal mass. The adjacent focal signal void is a flow void "
          "in the superior gluteal artery.")])

# --- several structures in one report (P2, P4) -------------------------------------------
p = "p-l-node"
pair("lesion-multi-node-biopsy-pos", ["nodal-calcification"],
     "lesion-multi-mass-biopsy-twin",
     "calcified inguinal node and noncalcified groin mass: biopsy of the node vs of the mass",
     [patient(p, ADULT, "Testpatient", "Ludvig", "male"),
      mri("mr-ing", p, "MRI pelvis without and with contrast", "2026-10-17",
          "IMPRESSION: 7 mm right inguinal lymph node with a punctate calcification. 4 cm right "
          "groin mass without calcification.")],
     [order("bx", p, "US-guided needle biopsy right inguinal lymph node", "38505")],
     [order("bx", p, "US-guided core biopsy right groin mass", "20206")])

p = "p-l-adr2"
pair("lesion-multi-adrenal-vs-renal-pos", ["biopsy-calcified-mass"],
     "lesion-multi-adrenal-vs-renal-twin",
     "calcified left adrenal mass and noncalcified left renal mass: biopsy of which",
     [patient(p, ADULT, "Testpatient", "Maja"),
      mri("mr-lr", p, "MRI abdomen without and with contrast", "2026-10-13",
          "IMPRESSION: 3.8 cm left adrenal mass with calcification. 2.5 cm left renal mass, "
          "noncalcified.")],
     [order("bx", p, "CT-guided core biopsy of left adrenal mass")],
     [order("bx", p, "CT-guided core biopsy of left renal mass", "50200")])


# --- the order's reason names its target (P3.1, P4.2) ------------------------------------
p = "p-l-reason"
pair("lesion-order-reason-target-pos", ["contrast-ct-noncontrast-first"],
     "lesion-order-reason-target-twin",
     "contrast CT whose reason names the calcified renal lesion vs the noncalcified adrenal mass",
     [patient(p, ADULT, "Testpatient", "Nils-Erik", "male"),
      mri("mr-ab", p, "MRI abdomen without and with contrast", "2026-10-05",
          "IMPRESSION: 2 cm left renal lesion with punctate calcification. 3 cm left adrenal "
          "mass without calcification, likely adenoma.")],
     [order("ct", p, "CT abdomen with contrast", "74160",
            reason="Characterize left renal lesion")],
     [order("ct", p, "CT abdomen with contrast", "74160",
            reason="Characterize left adrenal mass")])

p = "p-l-nodeside"
pair("lesion-side-node-biopsy-pos", ["nodal-calcification"],
     "lesion-side-node-biopsy-twin",
     "calcified right inguinal node; needle biopsy of the right vs left inguinal node",
     [patient(p, ADULT, "Testpatient", "Oda"),
      mri("mr-ing", p, "MRI pelvis without and with contrast", "2026-10-17",
          "IMPRESSION: 12 mm right inguinal lymph node with a punctate calcification. Left "
          "inguinal nodes are normal.")],
     [order("bx", p, "US-guided needle biopsy right inguinal lymph node", "38505")],
     [order("bx", p, "US-guided needle biopsy left inguinal lymph node", "38505")])

p = "p-l-bilat"
pair("lesion-side-bilateral-knees-pos", ["crystal-deposition"],
     "lesion-side-right-knee-only-twin",
     "chondrocalcinosis of both knees vs of the right knee only; MRI of the left knee",
     [patient(p, "1947-01-09", "Testpatient", "Paavo", "male"),
      order("mr-knee", p, "MRI left knee without contrast", "73721",
            reason="Knee pain, evaluate for pseudogout")],
     [mri("mr-k0", p, "MRI knees without contrast", "2026-08-14",
          "IMPRESSION: Chondrocalcinosis of the menisci of both knees, suggesting CPPD.")],
     [mri("mr-k0", p, "MRI knees without contrast", "2026-08-14",
          "IMPRESSION: Chondrocalcinosis of the menisci of the right knee, suggesting CPPD.")])

p = "p-l-opp"
pair("lesion-signal-void-adrenal-pos", ["signal-void"],
     "lesion-opposed-phase-dropout-twin",
     "a signal void in the adrenal lesion vs signal drop-out on opposed-phase images (fat)",
     [patient(p, ADULT, "Testpatient", "Ragna"),
      order("ct", p, "CT abdomen with contrast", "74160")],
     [mri("mr-adr", p, "MRI abdomen without and with contrast", "2026-10-22",
          "IMPRESSION: 2.8 cm right adrenal lesion with a central focus of signal void on all "
          "sequences.")],
     [mri("mr-adr", p, "MRI abdomen without and with contrast", "2026-10-22",
          "IMPRESSION: 2.8 cm right adrenal lesion with signal drop-out on opposed-phase "
          "images, consistent with a lipid-rich adenoma.")])

p = "p-l-abdpel"
pair("lesion-multiregion-abdomen-pelvis-code-pos", ["contrast-ct-noncontrast-first"],
     "lesion-multiregion-pelvis-code-twin",
     "CT abdomen and pelvis with contrast (covers the adrenal) vs CT pelvis with contrast",
     [patient(p, ADULT, "Testpatient", "Signe"),
      mri("mr-adr", p, "MRI abdomen without and with contrast", "2026-10-02", ADRENAL)],
     [order("ct", p, "CT abdomen and pelvis with contrast", "74177")],
     [order("ct", p, "CT pelvis with contrast", "72193")])


def main(argv: list[str]) -> int:
    """List the pairs, or write bundles and expectations into the directory given."""
    if not argv:
        for pos, twin, detail in PAIRS:
            print(f"{pos}  |  {twin}\n    {detail}")
        print(f"{len(PAIRS)} pairs, {len(LESION_SCENARIOS)} scenarios")
        return 0
    out = Path(argv[0])
    if out.resolve() == (Path(__file__).resolve().parent.parent / "sample_bundles"):
        print("refusing to write into sample_bundles/ (the engine wires these in)")
        return 2
    out.mkdir(parents=True, exist_ok=True)
    expected = {}
    for name, (b, exp) in LESION_SCENARIOS.items():
        (out / f"{name}.json").write_text(json.dumps(b, indent=2) + "\n")
        expected[f"{name}.json"] = exp
    (out / "expectations.json").write_text(json.dumps(expected, indent=2) + "\n")
    print(f"wrote {len(LESION_SCENARIOS)} bundles to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

