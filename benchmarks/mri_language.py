"""Ordinary MRI report language: full-length reports as radiologists write them, seeded.

Brain, spine, knee, shoulder, abdomen, pelvis and cardiac MRI reports with EXAM, HISTORY,
TECHNIQUE, COMPARISON, FINDINGS (with the sub-headings each exam uses) and IMPRESSION, of
varied length. The findings use the words a calcification lexicon has to live with: signal
descriptors ("T2 hyperintense", "high T2 signal", "T1 hyperintense fatty marrow", "mixed
signal"), flow voids, susceptibility artefact from hardware, hemosiderin blooming, scores, and
"high", "ring", "void" in ordinary sentences ("high-grade tear", "ring-enhancing", "avoid").
Reports without a calcification finding hold no calcium, mineral or ossification word.

A fraction of the reports (``calcified_fraction``, default one in ten, spread evenly) carries a
real calcification finding, stated in the findings and repeated in the impression.

API (three functions; everything else here is phrase data):

* ``generate(n, seed=0, calcified_fraction=0.1)`` → ``n`` ``Generated`` reports, each of a
  distinct patient (``patient_id`` ``mri-<seed>-<i>``): its ``text``, ``calcified``, the FHIR
  R4 ``report`` (DiagnosticReport, text base64 in ``presentedForm``, linking its study) and
  the matching ``study`` (ImagingStudy, MR, series and body site of the region).
* ``resources(rng, patient_id, i, day, region=None, calcified=False, accession=None)`` → one
  ``(DiagnosticReport, ImagingStudy)`` pair, for a caller that builds its own records (several
  reports of one patient: give each its own ``i``).
* ``report_text(rng, region, calcified=False, accession=None)`` → ``(title, text)``. With
  ``accession`` the second line is ``ACCESSION: <accession>``, padded so the accession starts
  on a 3-byte boundary of the UTF-8 text (its base64 is then a fixed run, as ``stream.py``
  needs to stamp it without decoding).

Same seed, same output (``random.Random`` only; no clock, no hash order).
"""

from __future__ import annotations

import base64
import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from benchmarks import data

REGIONS = ("brain", "spine", "knee", "shoulder", "abdomen", "pelvis", "cardiac")

# region -> (titles, SNOMED body site (code, display), series descriptions)
_EXAMS: dict[str, tuple[tuple[str, ...], tuple[str, str], tuple[str, ...]]] = {
    "brain": (("MRI BRAIN WITHOUT AND WITH CONTRAST", "MRI BRAIN WITHOUT CONTRAST",
               "MRI HEAD WITHOUT AND WITH IV CONTRAST"), ("12738006", "Brain"),
              ("SAG T1", "AX T2 FLAIR", "AX DWI", "AX SWI", "AX T1 POST", "COR T2")),
    "spine": (("MRI LUMBAR SPINE WITHOUT CONTRAST", "MRI THORACOLUMBAR SPINE WITHOUT CONTRAST",
               "MRI LUMBAR SPINE WITHOUT AND WITH CONTRAST"), ("421060004", "Spine"),
              ("SAG T1", "SAG T2", "SAG STIR", "AX T2", "AX T1")),
    "knee": (("MRI {SIDE} KNEE WITHOUT CONTRAST", "MRI {SIDE} KNEE"), ("72696002", "Knee"),
             ("COR PD FS", "SAG PD", "SAG T2 FS", "AX PD FS", "COR T1")),
    "shoulder": (("MRI {SIDE} SHOULDER WITHOUT CONTRAST", "MR ARTHROGRAM {SIDE} SHOULDER"),
                 ("16982005", "Shoulder"), ("COR T2 FS", "SAG T2 FS", "AX PD FS", "COR T1")),
    "abdomen": (("MRI ABDOMEN WITHOUT AND WITH CONTRAST", "MRI LIVER WITHOUT AND WITH CONTRAST",
                 "MRCP"), ("113345001", "Abdomen"),
                ("AX T2 HASTE", "AX IN/OPP PHASE", "AX DWI", "AX T1 VIBE DYNAMIC", "COR T2")),
    "pelvis": (("MRI PELVIS WITHOUT AND WITH CONTRAST", "MRI PROSTATE WITHOUT AND WITH CONTRAST",
                "MRI FEMALE PELVIS"), ("12921003", "Pelvis"),
               ("AX T2", "SAG T2", "AX DWI", "AX T1 DYNAMIC", "COR T2")),
    "cardiac": (("MRI CARDIAC MORPHOLOGY AND FUNCTION WITHOUT AND WITH CONTRAST",
                 "CARDIAC MRI WITH STRESS PERFUSION"), ("80891009", "Heart"),
                ("CINE SSFP SA", "CINE 4CH", "T2 STIR SA", "LGE SA", "T1 MAP")),
}

_HISTORY = {
    "brain": ["Headache.", "Dizziness and intermittent blurred vision.", "Seizure.",
              "Follow-up of known small vessel disease.", "Memory loss; evaluate for atrophy.",
              "Left-sided weakness, rule out stroke.", "History of migraine, new aura."],
    "spine": ["Low back pain radiating to the left leg.", "Thoracolumbar pain after lifting.",
              "Chronic back pain, failed conservative therapy.", "Bilateral leg paresthesias.",
              "Status post fall, back pain."],
    "knee": ["Twisting injury playing soccer, medial joint line pain.", "Knee pain and locking.",
             "Swelling and instability after a fall.", "Anterior knee pain in a runner."],
    "shoulder": ["Shoulder pain with overhead activity.", "Weakness on abduction after a fall.",
                 "Recurrent anterior dislocation.", "Night pain, limited range of motion."],
    "abdomen": ["Elevated liver enzymes.", "Indeterminate liver lesion on ultrasound.",
                "Right upper quadrant pain.", "Follow-up of pancreatic cyst.",
                "Adrenal nodule on outside imaging."],
    "pelvis": ["Pelvic pain and menorrhagia.", "Elevated PSA of 6.2, prior negative biopsy.",
               "Evaluate for fibroids.", "Perianal fistula.", "Adnexal mass on ultrasound."],
    "cardiac": ["Shortness of breath, evaluate cardiomyopathy.", "Palpitations.",
                "Chest pain, abnormal ECG.", "Follow-up of myocarditis."],
}

_TECHNIQUE = {
    "brain": "Multiplanar multisequence MRI of the brain was performed with T1, T2, FLAIR, "
             "diffusion-weighted, susceptibility-weighted and gradient echo sequences{post}.",
    "spine": "Sagittal T1, T2 and STIR and axial T1 and T2 images were obtained{post}.",
    "knee": "Multiplanar proton density and T2-weighted images with and without fat "
            "saturation were obtained on a 3 T magnet.",
    "shoulder": "Multiplanar T1, proton density and T2-weighted fat-saturated images were "
                "obtained{post}.",
    "abdomen": "T2-weighted, in- and opposed-phase, diffusion-weighted and dynamic "
               "T1-weighted images were obtained{post}.",
    "pelvis": "Small field of view T2-weighted images in three planes, diffusion-weighted "
              "images and dynamic T1-weighted images were obtained{post}.",
    "cardiac": "Cine SSFP, T2-weighted STIR, T1 mapping, first-pass perfusion and late "
               "gadolinium enhancement images were obtained{post}.",
}
_POST = ["", " before and after intravenous gadolinium",
         " after 7 mL of gadobutrol", " without intravenous contrast"]

_COMPARISON = ["None.", "None available.", "MRI from {date}.", "Outside CT from {date}.",
               "Radiographs from {date}.", "Prior examination dated {date}."]

# Findings: region -> [(sub-heading, [slot, ...])]. A slot is a sentence or a tuple of
# alternatives (one is said); a report says most slots of most sub-headings. Placeholders:
# {side}, {n} (mm), {cm}, {level}, {pct}, {score}.
_FINDINGS: dict[str, list[tuple[str, list[str | tuple[str, ...]]]]] = {
    "brain": [
        ("Brain parenchyma", [
            ("Scattered punctate T2/FLAIR hyperintense foci in the periventricular and "
             "subcortical white matter, nonspecific but most often small vessel ischemic "
             "change, Fazekas grade {score}.",
             "There is a {n} mm focus of high T2 signal in the {side} centrum semiovale "
             "without enhancement.", "The white matter is normal in signal."),
            "No restricted diffusion to suggest acute infarct.",
            ("No mass, mass effect or midline shift.", "No ring-enhancing lesion.",
             "No abnormal enhancement."),
            ("A few foci of hemosiderin blooming on the gradient echo images in the {side} "
             "cerebellar hemisphere, in keeping with chronic microhemorrhages.",
             "No abnormal susceptibility to suggest recent hemorrhage.",
             "Hemosiderin staining with blooming along the {side} frontal convexity from "
             "remote trauma."),
            ("Gray-white matter differentiation is preserved.",
             "Mild generalized volume loss, appropriate for age.",
             "Small chronic lacunar infarct in the {side} thalamus."),
        ]),
        ("Ventricles and extra-axial spaces", [
            ("The ventricles and sulci are normal in size and configuration.",
             "Mild prominence of the lateral ventricles, proportionate to the sulci."),
            "No extra-axial fluid collection.",
            "Cavum septum pellucidum, a normal variant.",
        ]),
        ("Vascular", [
            ("Normal flow voids are present in the major intracranial arteries and dural "
             "venous sinuses.", "The expected arterial flow voids are maintained.",
             "The flow void in the {side} vertebral artery is diminutive, likely "
             "hypoplasia."),
        ]),
        ("Other", [
            "Susceptibility artifact from dental hardware limits evaluation of the skull base "
            "and floor of mouth.",
            ("Mucosal thickening in the {side} maxillary sinus.",
             "The paranasal sinuses are clear."),
            "The orbits are unremarkable.",
            "Partial opacification of the {side} mastoid air cells.",
            ("The pituitary gland is normal in size; the sella is not enlarged.",
             "Small T1 hyperintense focus in the clivus consistent with fatty marrow."),
        ]),
    ],
    "spine": [
        ("Alignment", [
            ("Alignment is normal.", "Mild straightening of the normal lordosis.",
             "Grade 1 anterolisthesis of {level} measuring {n} mm."),
        ]),
        ("Vertebrae and marrow", [
            "Vertebral body heights are maintained.",
            ("Marrow signal is within normal limits.",
             "Modic type 2 endplate changes at {level} with T1 and T2 hyperintense signal.",
             "High STIR signal along the superior endplate of L1 without loss of height."),
            "A {n} mm T1 and T2 hyperintense lesion in the L2 vertebral body is typical of a "
            "hemangioma.",
            "Susceptibility artifact from posterior fusion hardware at L4-5 limits "
            "evaluation of the canal at that level.",
        ]),
        ("Cord and conus", [
            ("The conus medullaris terminates at L1 and is normal in signal.",
             "The cord is normal in caliber and signal."),
            "No intradural mass.", "Normal flow voids in the vertebral arteries.",
        ]),
        ("Levels", [
            "T12-L1 through L2-3: No disc herniation, canal or foraminal stenosis.",
            ("{level}: Disc desiccation and mild disc bulge without stenosis.",
             "{level}: Facet arthropathy and ligamentum flavum thickening; no significant "
             "stenosis."),
            ("{level}: Broad-based disc osteophyte complex with mild central canal narrowing "
             "and moderate {side} foraminal stenosis.",
             "{level}: Small {side} paracentral protrusion with an annular fissure (high "
             "intensity zone) contacting the traversing nerve root."),
            "L5-S1: Mild facet arthropathy. The neural foramina are patent.",
        ]),
        ("Paraspinal soft tissues", [
            ("Paraspinal soft tissues are unremarkable.",
             "Incidental T2 hyperintense renal cysts."),
        ]),
    ],
    "knee": [
        ("Menisci", [
            ("Horizontal oblique tear of the posterior horn of the medial meniscus extending "
             "to the inferior articular surface.", "The menisci are intact.",
             "Intrasubstance high signal in the posterior horn of the medial meniscus "
             "without a surface-reaching tear.",
             "Radial tear at the junction of the body and posterior horn of the lateral "
             "meniscus."),
        ]),
        ("Ligaments", [
            ("The anterior and posterior cruciate ligaments are intact.",
             "High-grade partial-thickness tear of the anterior cruciate ligament; the "
             "posterior cruciate ligament is intact."),
            ("Grade 1 sprain of the medial collateral ligament with periligamentous edema.",
             "The medial collateral ligament is intact."),
            "The lateral collateral ligament complex is intact.",
        ]),
        ("Cartilage", [
            ("High-grade partial-thickness chondral loss of the medial femoral condyle.",
             "Articular cartilage is preserved in the medial and lateral compartments."),
            ("Mild patellar chondromalacia.",
             "Full-thickness fissure of the lateral patellar facet cartilage."),
        ]),
        ("Bone marrow", [
            ("Bone bruise pattern of the lateral femoral condyle and posterolateral tibial "
             "plateau.", "Marrow signal is normal.",
             "Subchondral T2 hyperintense edema-like signal in the medial tibial plateau."),
            "No fracture.",
            "Susceptibility artifact from a prior tibial tunnel screw.",
        ]),
        ("Joint and soft tissues", [
            ("Small joint effusion.", "Moderate joint effusion with synovitis.",
             "No joint effusion."),
            "A {n} mm Baker cyst.", "The extensor mechanism is intact.",
            "Blooming artifact along the synovium on gradient echo images consistent with "
            "hemosiderin deposition from prior hemarthrosis.",
            "The popliteal flow voids are normal.",
        ]),
    ],
    "shoulder": [
        ("Rotator cuff", [
            ("Supraspinatus tendinosis with a high-grade partial-thickness articular surface "
             "tear.", "Full-thickness tear of the supraspinatus with {n} mm of retraction.",
             "Mild supraspinatus tendinosis without tear."),
            "The infraspinatus, teres minor and subscapularis tendons are intact.",
        ]),
        ("Muscles", [
            ("No muscle atrophy or fatty infiltration.",
             "Goutallier grade {score} fatty infiltration of the supraspinatus muscle."),
        ]),
        ("Labrum and biceps", [
            ("Anteroinferior labral tear with a Bankart lesion.", "The labrum is intact.",
             "SLAP tear extending from 10 to 2 o'clock."),
            "The long head of the biceps tendon is in the bicipital groove and intact.",
        ]),
        ("Bones and joints", [
            ("Hill-Sachs impaction of the posterolateral humeral head.",
             "No high-riding humeral head."),
            "Moderate acromioclavicular joint arthropathy with capsular hypertrophy.",
            "Type {score} acromion.",
            ("Small glenohumeral joint effusion.",
             "Fluid in the subacromial-subdeltoid bursa."),
            "Susceptibility artifact from suture anchors in the greater tuberosity.",
        ]),
    ],
    "abdomen": [
        ("Liver", [
            ("Signal loss on opposed-phase images consistent with hepatic steatosis.",
             "The liver is normal in size and signal."),
            ("A {n} mm T2 hyperintense lesion in segment {score} with peripheral nodular "
             "discontinuous enhancement and progressive fill-in, typical of a hemangioma.",
             "Several simple hepatic cysts, the largest {n} mm.",
             "No suspicious hepatic lesion."),
            "The hepatic and portal veins are patent.",
            "No ring enhancement or washout.",
        ]),
        ("Biliary", [
            ("The gallbladder is normal.",
             "Tiny T2 hypointense filling defects in the gallbladder consistent with "
             "cholelithiasis.",
             "Susceptibility artifact from cholecystectomy clips in the gallbladder fossa."),
            "No intrahepatic or extrahepatic biliary dilation.",
        ]),
        ("Pancreas, spleen and adrenals", [
            ("A {n} mm side-branch intraductal papillary mucinous neoplasm in the pancreatic "
             "body, stable.", "The pancreas is normal in signal; the duct is not dilated."),
            "The spleen is normal in size.",
            ("A {n} mm {side} adrenal nodule shows signal loss on opposed-phase images, "
             "consistent with a lipid-rich adenoma.", "The adrenal glands are normal.",
             "The adrenal glands are normal.", "The adrenal glands are unremarkable.",
             "No adrenal nodule.", "The adrenal glands are normal in size and signal."),
        ]),
        ("Kidneys", [
            ("Bilateral simple renal cysts.",
             "A {n} mm T1 hyperintense cyst in the {side} kidney, a hemorrhagic or "
             "proteinaceous cyst."),
            "No hydronephrosis.", "The kidneys enhance symmetrically.",
        ]),
        ("Other", [
            ("No ascites.", "Trace free fluid in the pelvis."),
            "No lymphadenopathy.", "The visualized bowel is unremarkable.",
            "Normal flow voids in the aorta and IVC.",
            ("Small hiatal hernia.", "Degenerative change of the lumbar spine."),
        ]),
    ],
    "pelvis": [
        ("Uterus and ovaries", [
            ("The uterus is enlarged with multiple fibroids, the largest {cm} cm intramural "
             "in the fundus, T2 hypointense and enhancing avidly.",
             "A {n} mm fibroid with high T2 signal suggesting cystic degeneration.",
             "The uterus is normal in size."),
            ("The endometrial stripe measures {n} mm.",
             "The junctional zone is not thickened."),
            ("A {n} mm T1 hyperintense {side} ovarian cyst with T2 shading, an endometrioma.",
             "The ovaries are normal; small follicles bilaterally."),
        ]),
        ("Prostate", [
            "The prostate measures {cm} x {cm} x {cm} cm (volume {n} mL).",
            ("No focal lesion in the peripheral zone (PI-RADS {score}).",
             "Heterogeneous transition zone with encapsulated nodules of benign prostatic "
             "hyperplasia."),
            "The seminal vesicles are normal.",
            "Susceptibility artifact from the {side} hip arthroplasty degrades the images.",
        ]),
        ("Bladder and bowel", [
            ("The bladder is decompressed.", "The urinary bladder is normal."),
            "Diverticulosis of the sigmoid colon.",
            "Transsphincteric fistula at 6 o'clock with a T2 hyperintense tract.",
        ]),
        ("Bones and soft tissues", [
            "No aggressive osseous lesion.", "Mild degenerative change of the hips.",
            "No pelvic lymphadenopathy; the inguinal rings are unremarkable.",
            "Normal flow voids in the iliac vessels.", "No free fluid.",
        ]),
    ],
    "cardiac": [
        ("Left ventricle", [
            ("The left ventricle is normal in size with an ejection fraction of {pct}%.",
             "Mildly dilated left ventricle (LVEDV index {n} mL/m2) with global "
             "hypokinesis, LVEF {pct}%."),
            ("No regional wall motion abnormality.",
             "Hypokinesis of the basal inferior wall."),
            "Left ventricular wall thickness is normal.",
        ]),
        ("Right ventricle", [
            ("The right ventricle is normal in size and function (RVEF {pct}%).",
             "Mildly dilated right ventricle."),
        ]),
        ("Tissue characterization", [
            ("No myocardial edema on T2-weighted images.",
             "Patchy subepicardial enhancement with high T2 signal in the lateral wall."),
            "Native T1 is mildly elevated at 1,0{n} ms (normal below 1,050 ms).",
            ("Mid-wall late gadolinium enhancement in the basal inferolateral segment, a "
             "non-ischemic pattern.", "No late gadolinium enhancement."),
            "Sternal wire susceptibility artifact limits the anterior wall.",
        ]),
        ("Valves and pericardium", [
            ("Mild mitral regurgitation (regurgitant fraction {n}%), with a flow void "
             "across the valve from the regurgitant jet.",
             "No significant valvular regurgitation."),
            "The aortic valve is trileaflet without stenosis.",
            ("The pericardium is normal; no effusion.", "Trace pericardial effusion."),
        ]),
    ],
}

# The impression restates one to three findings, sometimes with one of these after them.
_CLOSING = ["No other significant abnormality.", "Otherwise unremarkable examination.",
            "Recommend clinical correlation.", "Follow-up as clinically indicated.",
            "No acute abnormality otherwise."]

# A real calcification finding per region: (where in the findings, sentence, impression).
_CALCIFIED: dict[str, list[tuple[str, str, str]]] = {
    "brain": [
        ("Brain parenchyma", "A {cm} cm extra-axial mass along the {side} convexity with "
         "internal calcification, consistent with a meningioma.",
         "{side} convexity meningioma with calcification."),
        ("Brain parenchyma", "Coarse calcification in the {side} frontal lobe lesion, "
         "suggesting oligodendroglioma.", "Calcified {side} frontal lesion."),
    ],
    "spine": [
        ("Levels", "{level}: Calcified disc herniation indenting the thecal sac.",
         "Calcified {level} disc herniation; correlate with CT."),
        ("Levels", "T10-11: Ossification of the ligamentum flavum with moderate canal "
         "narrowing.", "Ossified ligamentum flavum at T10-11."),
    ],
    "knee": [
        ("Menisci", "Chondrocalcinosis of both menisci, compatible with CPPD.",
         "Chondrocalcinosis."),
        ("Joint and soft tissues", "A {cm} cm soft tissue mass in the popliteal fossa with "
         "punctate calcifications.", "Popliteal mass with calcification."),
    ],
    "shoulder": [
        ("Rotator cuff", "Calcific tendinitis of the supraspinatus with a {n} mm calcium "
         "deposit.", "Calcific tendinitis of the supraspinatus."),
    ],
    "abdomen": [
        ("Pancreas, spleen and adrenals", "A {cm} cm {side} adrenal mass with internal "
         "calcification and signal voids.", "{side} adrenal mass with calcification."),
        ("Kidneys", "A {cm} cm {side} renal mass with peripheral calcification.",
         "Calcified {side} renal mass."),
    ],
    "pelvis": [
        ("Uterus and ovaries", "A {cm} cm {side} adnexal mass with fat and calcification, "
         "a mature teratoma.", "{side} mature cystic teratoma."),
        ("Uterus and ovaries", "Degenerated fibroid with coarse calcification.",
         "Calcified fibroid."),
    ],
    "cardiac": [
        ("Valves and pericardium", "Mitral annular calcification with mild stenosis.",
         "Mitral annular calcification."),
        ("Valves and pericardium", "Pericardial thickening to {n} mm with calcification, "
         "concerning for constriction.", "Calcific pericarditis."),
    ],
}

_LEVELS = ["T10-11", "T11-12", "L2-3", "L3-4", "L4-5", "L5-S1"]


def _values(rng: random.Random) -> dict[str, Any]:
    return {"side": rng.choice(["left", "right"]), "n": rng.randint(3, 40),
            "level": rng.choice(_LEVELS), "cm": f"{rng.randint(1, 9)}.{rng.randint(0, 9)}",
            "pct": rng.randint(30, 65), "score": rng.randint(1, 3)}


def _fill(rng: random.Random, template: str, values: dict[str, Any] | None = None) -> str:
    out = template.format(**(values or _values(rng)))
    return out[0].upper() + out[1:]


def _say(rng: random.Random, slots: list[str | tuple[str, ...]]) -> list[str]:
    """Most slots of a sub-heading, one alternative each, in their order."""
    return [_fill(rng, slot if isinstance(slot, str) else rng.choice(slot))
            for slot in slots if rng.random() < 0.85]


def report_text(rng: random.Random, region: str, calcified: bool = False,
                accession: str | None = None) -> tuple[str, str]:
    """One report of ``region`` (one of ``REGIONS``): its title and full text."""
    titles, _, _ = _EXAMS[region]
    side = rng.choice(["LEFT", "RIGHT"])
    title = rng.choice(titles).replace("{SIDE}", side)
    groups = [(name, said) for name, slots in _FINDINGS[region]
              if rng.random() < 0.9 and (said := _say(rng, slots))] or [("", ["Unremarkable."])]
    every = [s for _, sentences in groups for s in sentences]
    impressions = rng.sample(every, min(len(every), rng.randint(1, 3)))
    if rng.random() < 0.4:
        impressions.append(rng.choice(_CLOSING))
    if calcified:
        where, finding, stated = rng.choice(_CALCIFIED[region])
        values = _values(rng)  # the impression restates the finding: same side and size
        finding, stated = _fill(rng, finding, values), _fill(rng, stated, values)
        if where not in [name for name, _ in groups]:
            groups.append((where, []))
        sentences = groups[[name for name, _ in groups].index(where)][1]
        sentences.insert(rng.randint(0, len(sentences)), finding)
        impressions.insert(0, stated)
    date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 900))
    head = f"EXAM: {title}\n"
    if accession is not None:
        head += "ACCESSION: " + " " * ((-len(head.encode()) - 11) % 3) + accession + "\n"
    inline = rng.random() < 0.5  # "Liver: ..." on one line, or the heading on its own line
    findings = "\n".join(
        (f"{name}: " if inline else f"{name}:\n") + " ".join(sentences) if name
        else " ".join(sentences) for name, sentences in groups)
    numbered = "\n".join(f"{i}. {s}" for i, s in enumerate(impressions, 1))
    who = f"{rng.randint(18, 90)}-year-old {rng.choice(['man', 'woman'])}. "
    text = (head + f"HISTORY: {who}{rng.choice(_HISTORY[region])}\n"
            f"TECHNIQUE: {_TECHNIQUE[region].format(post=rng.choice(_POST))}\n"
            f"COMPARISON: {rng.choice(_COMPARISON).format(date=date.strftime('%m/%d/%Y'))}\n"
            f"FINDINGS:\n{findings}\n\nIMPRESSION:\n{numbered}\n")
    if rng.random() < 0.2:
        text += "\nElectronically signed by the attending radiologist.\n"
    return title, text


def _study(patient_id: str, i: int, day: dt.date, region: str,
           rng: random.Random) -> dict[str, Any]:
    titles, (code, display), series = _EXAMS[region]
    chosen = rng.sample(series, min(len(series), rng.randint(3, 5)))
    mr = {"system": "http://dicom.nema.org/resources/ontology/DCM", "code": "MR"}
    return {
        "resourceType": "ImagingStudy", "id": f"is-{patient_id}-{i}", "status": "available",
        "subject": {"reference": f"Patient/{patient_id}"},
        "started": f"{day.isoformat()}T14:00:00Z", "modality": [mr],
        "description": f"MRI {display.lower()}", "numberOfSeries": len(chosen),
        "series": [{"uid": f"2.25.{rng.getrandbits(64)}", "number": n + 1, "modality": mr,
                    "description": desc, "numberOfInstances": rng.randint(20, 200),
                    "bodySite": {"system": "http://snomed.info/sct", "code": code,
                                 "display": display}}
                   for n, desc in enumerate(chosen)],
    }


def resources(rng: random.Random, patient_id: str, i: int, day: dt.date,
              region: str | None = None, calcified: bool = False,
              accession: str | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """One MRI DiagnosticReport (``data.report_resource``'s shape, id ``dr-<patient>-<i>``)
    and the ImagingStudy it links (``is-<patient>-<i>``, MR, the region's body site)."""
    region = region or rng.choice(REGIONS)
    title, text = report_text(rng, region, calcified, accession)
    conclusion = text.split("IMPRESSION:\n", 1)[1].strip() if rng.random() < 0.3 else None
    report = data.report_resource(patient_id, i, day, modality="MR", title=title, text=text,
                                  conclusion=conclusion)
    return report, _study(patient_id, i, day, region, rng)


@dataclass(frozen=True)
class Generated:
    patient_id: str
    region: str
    text: str
    calcified: bool  # carries a real calcification finding
    report: dict[str, Any]
    study: dict[str, Any]


def generate(n: int, seed: int = 0, calcified_fraction: float = 0.1) -> list[Generated]:
    """``n`` reports of distinct patients; ``calcified_fraction`` of them (spread evenly:
    report ``i`` when ``floor((i + 1) f) > floor(i f)``) carry a calcification finding."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        calcified = int((i + 1) * calcified_fraction) > int(i * calcified_fraction)
        region = REGIONS[rng.randrange(len(REGIONS))]
        patient_id = f"mri-{seed}-{i}"
        day = dt.date(2026, 11, 1) - dt.timedelta(days=rng.randint(0, 900))
        report, study = resources(rng, patient_id, 0, day, region, calcified)
        text = base64.b64decode(report["presentedForm"][0]["data"]).decode()
        out.append(Generated(patient_id, region, text, calcified, report, study))
    return out
