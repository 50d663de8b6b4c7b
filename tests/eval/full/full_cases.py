"""Full-length MRI reports of the issue-17 evaluation, labelled from docs/matching-policy.md.

Written before any engine change for issue 17, from the guidance and the policy (P1-P20), never
from the engine's output. ``build_full.py`` turns them into ``reports.jsonl`` (ids ``full-NNN`` in
the order below) and uses them as the MRI reports of the scenario bundles. Each entry has a key (for
the scenarios), a category (issue-17 class tag), the exam title and date, the report text, the
report-level ``label`` and the ``structures`` (tests/eval/README.md defines both).

Text layout: a blank line separates output lines; lines inside a block are joined with a space.
A block that starts with a section heading (``EXAM:``, ``FINDINGS:``...) is preceded by an empty
line, as radiology systems print them. ``variant`` derives a twin report by exact replacements.
"""

from __future__ import annotations

import re
import textwrap

HEADINGS = ("EXAM", "CLINICAL HISTORY", "HISTORY", "INDICATION", "TECHNIQUE", "COMPARISON",
            "FINDINGS", "IMPRESSION", "ADDENDUM", "AMENDMENT")
_HEADING = re.compile(r"^(?:" + "|".join(HEADINGS) + r")\b[^:\n]{0,30}:")

REPORTS: dict[str, dict] = {}


def S(kind: str, site: str, side: str | None, calcification: str, seen_on: str = "MR",
      size_mm: int | None = None) -> dict:
    """One structure of the schema (PLAN.md)."""
    return {"kind": kind, "site": site, "side": side, "calcification": calcification,
            "seen_on": seen_on, "size_mm": size_mm}


def layout(source: str) -> str:
    """The report text from its source (see the module docstring)."""
    blocks = [" ".join(line.strip() for line in block.splitlines() if line.strip())
              for block in re.split(r"\n\s*\n", textwrap.dedent(source).strip())]
    out: list[str] = []
    for block in blocks:
        if out and _HEADING.match(block):
            out.append("")
        out.append(block)
    return "\n".join(out)


def rep(key: str, category: str, title: str, date: str, label: str, structures: list[dict],
        source: str) -> None:
    if key in REPORTS:
        raise ValueError(f"duplicate report {key}")
    REPORTS[key] = {"category": category, "title": title, "date": date, "text": layout(source),
                    "label": label, "structures": structures}


def variant(base: str, key: str, label: str, structures: list[dict],
            replacements: list[tuple[str, str]], *, category: str | None = None,
            date: str | None = None) -> None:
    """A twin of ``base``: the same text with each ``old`` (found exactly once) replaced."""
    row = dict(REPORTS[base])
    text = row["text"]
    for old, new in replacements:
        if text.count(old) != 1:
            raise ValueError(f"{key}: {old!r} occurs {text.count(old)} times in {base}")
        text = text.replace(old, new)
    if key in REPORTS:
        raise ValueError(f"duplicate report {key}")
    REPORTS[key] = dict(row, text=text, label=label, structures=structures,
                        category=category or row["category"], date=date or row["date"])


# ============================================================== other-modality (P12, P20)

rep("om-thigh-ct", "other-modality", "MRI LEFT THIGH WITHOUT AND WITH CONTRAST", "2026-10-01",
    "not mentioned", [S("mass", "thigh", "left", "present", "CT", 62)], """
EXAM: MRI LEFT THIGH WITHOUT AND WITH CONTRAST

HISTORY: 58-year-old woman with a slowly enlarging firm lump of the lateral left thigh over six
months. No trauma.

TECHNIQUE: Multiplanar multisequence MRI of the left thigh: axial T1, axial and coronal STIR,
axial T2 fat-saturated, axial gradient echo, and axial and coronal T1 fat-saturated images
before and after 7 mL gadobutrol.

COMPARISON: Outside CT of the left thigh dated 2026-03-09 (report only; images not available).

FINDINGS:

Soft tissues: There is a 6.2 x 4.8 x 4.1 cm well-circumscribed intramuscular mass within the
mid vastus lateralis. It is isointense to muscle on T1 and heterogeneously T2 hyperintense, with
heterogeneous nodular enhancement and a thin low-signal pseudocapsule. As on the outside CT of
March, the mass contains dense peripheral calcification, seen here as foci of low signal on all
sequences along its lateral margin. Mild feathery edema in the adjacent vastus intermedius. No
invasion of the femoral neurovascular bundle; the superficial femoral artery and vein show
normal flow voids.

Bones: Normal marrow signal of the femur. No periosteal reaction or cortical erosion.

Joints: Small knee joint effusion at the edge of the field of view. Mild tricompartmental
chondrosis.

Lymph nodes: Left inguinal lymph nodes are normal in size and morphology, the largest 8 mm in
short axis.

IMPRESSION:

1. 6.2 cm enhancing intramuscular mass of the left vastus lateralis. Soft-tissue sarcoma cannot
be excluded; tissue sampling is recommended.

2. No osseous involvement.
""")
variant("om-thigh-ct", "om-thigh-mr", "present",
        [S("mass", "thigh", "left", "present", "MR", 62)],
        [("Outside CT of the left thigh dated 2026-03-09 (report only; images not available).",
          "None."),
         ("As on the outside CT of March, the mass contains dense peripheral calcification, seen "
          "here as foci", "The mass contains dense peripheral calcification, seen as foci")])

rep("om-shoulder-us", "other-modality", "MRI RIGHT SHOULDER WITHOUT CONTRAST", "2026-09-14",
    "not mentioned", [S("tendon", "rotator-cuff", "right", "present", "US", 12)], """
EXAM: MRI RIGHT SHOULDER WITHOUT CONTRAST

CLINICAL HISTORY: 47-year-old woman with acute on chronic right shoulder pain, worse at night,
and painful abduction.

TECHNIQUE: Axial PD fat-saturated, coronal oblique T1 and T2 fat-saturated, sagittal oblique T2
fat-saturated and T1 images at 3 T.

COMPARISON: Right shoulder ultrasound 2026-08-02.

FINDINGS:

Rotator cuff: On the ultrasound of 2026-08-02 a 12 mm echogenic focus with posterior acoustic
shadowing was present at the supraspinatus footprint; on MRI there is a corresponding ovoid focus
of low signal with surrounding tendon edema. The infraspinatus, teres minor and subscapularis
tendons are intact. No full-thickness tear.

Subacromial-subdeltoid bursa: Small amount of bursal fluid with mild synovial thickening,
compatible with bursitis.

Biceps and labrum: The long head of the biceps tendon is normally located in the bicipital
groove. Mild degenerative fraying of the superior labrum without a discrete tear.

Acromioclavicular joint: Moderate arthrosis with capsular hypertrophy and a small inferior
osteophyte. Type II acromion.

Bones and muscles: No fracture or marrow replacement. Normal muscle bulk without fatty atrophy.

IMPRESSION:

1. Supraspinatus tendinosis with edema around the deposit shown on the prior ultrasound.

2. Subacromial-subdeltoid bursitis.

3. Moderate acromioclavicular arthrosis.
""")
variant("om-shoulder-us", "om-shoulder-mr", "present",
        [S("tendon", "rotator-cuff", "right", "present", "MR", 12)],
        [("COMPARISON: Right shoulder ultrasound 2026-08-02.", "COMPARISON: None."),
         ("On the ultrasound of 2026-08-02 a 12 mm echogenic focus with posterior acoustic "
          "shadowing was present at the supraspinatus footprint; on MRI there is a corresponding "
          "ovoid focus of low signal with surrounding tendon edema.",
          "There is a 12 mm ovoid focus of low signal on all sequences at the supraspinatus "
          "footprint with surrounding tendon edema, consistent with a calcific deposit."),
         ("Supraspinatus tendinosis with edema around the deposit shown on the prior ultrasound.",
          "Calcific tendinosis of the supraspinatus with a 12 mm deposit.")])

rep("om-renal-us", "other-modality", "MRI ABDOMEN WITHOUT AND WITH CONTRAST", "2026-10-20",
    "not mentioned", [S("mass", "kidney", "right", "present", "US", 24)], """
EXAM: MRI ABDOMEN WITHOUT AND WITH CONTRAST

HISTORY: 63-year-old man with a right renal lesion found on ultrasound for microscopic
hematuria. Creatinine 0.9 mg/dL.

TECHNIQUE: Axial and coronal T2 single-shot, axial T2 fat-saturated, in- and opposed-phase T1,
diffusion-weighted imaging, and dynamic 3D T1 fat-saturated images before and after gadoterate,
with 5-minute delayed images.

COMPARISON: Renal ultrasound 2026-09-28.

FINDINGS:

Kidneys: A 2.4 cm solid lesion arises from the interpolar right kidney. It is mildly T2
hyperintense, restricts diffusion and enhances avidly in the corticomedullary phase with washout.
On the ultrasound of 2026-09-28 the lesion contained an echogenic focus with posterior acoustic
shadowing, in keeping with calcification. No renal vein or IVC thrombus. A 1.1 cm simple cyst in
the left lower pole (Bosniak I). No hydronephrosis.

Liver: Diffuse signal drop on opposed-phase images, in keeping with moderate hepatic steatosis.
No focal lesion.

Gallbladder and bile ducts: Normal. No ductal dilatation.

Pancreas, spleen and adrenal glands: Normal.

Lymph nodes and vessels: No retroperitoneal lymphadenopathy. Normal aortic caliber with normal
flow voids.

Bones: Degenerative disc disease at L4-L5 with type 2 endplate changes.

IMPRESSION:

1. 2.4 cm avidly enhancing solid right renal mass, most consistent with clear cell renal cell
carcinoma. No venous invasion.

2. Bosniak I left renal cyst. Hepatic steatosis.

ADDENDUM: Findings discussed with the referring urologist by telephone on 2026-10-20 at
16:40.
""")
variant("om-renal-us", "om-renal-ct", "not mentioned",
        [S("mass", "kidney", "right", "present", "CT", 24)],
        [("COMPARISON: Renal ultrasound 2026-09-28.",
          "COMPARISON: Outside CT abdomen without contrast 2026-09-28."),
         ("On the ultrasound of 2026-09-28 the lesion contained an echogenic focus with posterior "
          "acoustic shadowing, in keeping with calcification.",
          "On the noncontrast CT of 2026-09-28 the lesion contained a 4 mm calcification.")])

rep("om-cardiac-ct", "other-modality", "CARDIAC MRI WITHOUT AND WITH CONTRAST", "2026-09-08",
    "not mentioned", [S("vessel", "coronary-arteries", None, "present", "CT")], """
EXAM: CARDIAC MRI FOR MORPHOLOGY AND FUNCTION WITHOUT AND WITH CONTRAST

HISTORY: 66-year-old man with exertional chest tightness and an equivocal treadmill test.

TECHNIQUE: Cine SSFP in short-axis and long-axis planes, T2 STIR, first-pass perfusion at rest,
and late gadolinium enhancement imaging after 0.15 mmol/kg gadobutrol.

COMPARISON: Calcium-score CT 2026-06-11.

FINDINGS:

Left ventricle: Normal size. Ejection fraction 54%. Mild hypokinesis of the basal inferior
wall. Myocardial thickness normal.

Late gadolinium enhancement: Subendocardial enhancement of the basal inferior wall involving
less than 25% of the wall thickness, in keeping with a small prior infarct that remains viable.

Perfusion: Matching subendocardial defect in the inferior wall at rest.

Right ventricle: Normal size and function.

Valves: Mild mitral regurgitation. Trileaflet aortic valve without stenosis.

Pericardium: Normal thickness. No effusion.

Coronary arteries: Coronary artery calcification was present on the calcium-score CT of
2026-06-11 (Agatston score 412, predominantly the left anterior descending artery); the
coronary arteries are not assessed on this examination.

Extracardiac: Small bilateral pleural effusions. No mediastinal mass.

IMPRESSION:

1. Small viable subendocardial infarct of the basal inferior wall.

2. Preserved left ventricular function, ejection fraction 54%.
""")
variant("om-cardiac-ct", "om-cardiac-mr", "present",
        [S("vessel", "coronary-arteries", None, "present", "MR")],
        [("COMPARISON: Calcium-score CT 2026-06-11.", "COMPARISON: None."),
         ("Coronary artery calcification was present on the calcium-score CT of 2026-06-11 "
          "(Agatston score 412, predominantly the left anterior descending artery); the coronary "
          "arteries are not assessed on this examination.",
          "Calcified plaque is noted in the proximal left anterior descending artery, seen as a "
          "focal signal void on the bright-blood images.")])

rep("om-brain-ct", "other-modality", "MRI BRAIN WITHOUT AND WITH CONTRAST", "2026-08-19",
    "not mentioned", [S("mass", "brain", "left", "present", "CT", 31)], """
EXAM: MRI BRAIN WITHOUT AND WITH CONTRAST

HISTORY: 41-year-old man with a first generalized seizure.

TECHNIQUE: Sagittal 3D T1, axial T2, FLAIR, diffusion, susceptibility-weighted imaging, and
post-contrast 3D T1 images.

COMPARISON: Head CT 2026-08-17.

FINDINGS:

A 3.1 cm cortical and subcortical mass involves the left superior frontal gyrus. It is T2 and
FLAIR hyperintense with mild mass effect on the frontal horn and patchy faint enhancement. There
is no restricted diffusion. Foci of susceptibility on SWI within the lesion correspond to the
coarse calcifications on the head CT of 2026-08-17.

Elsewhere, scattered punctate FLAIR hyperintensities in the periventricular white matter are
nonspecific, likely mild chronic small vessel disease. A punctate focus of susceptibility in the
right cerebellar hemisphere is a remote microhemorrhage.

The ventricles are normal in size. No midline shift. No extra-axial collection. The major
intracranial flow voids are preserved.

The pineal gland, pituitary gland and orbits are unremarkable. Mild mucosal thickening of the
ethmoid air cells. The mastoid air cells are clear.

IMPRESSION:

1. 3.1 cm left frontal cortical and subcortical mass with faint enhancement; oligodendroglioma is
favored over other low-grade gliomas.

2. Mild chronic small vessel disease.
""")
variant("om-brain-ct", "om-brain-mr", "possible",
        [S("mass", "brain", "left", "possible", "MR", 31)],
        [("COMPARISON: Head CT 2026-08-17.", "COMPARISON: None."),
         ("Foci of susceptibility on SWI within the lesion correspond to the coarse calcifications "
          "on the head CT of 2026-08-17.",
          "Foci of susceptibility on SWI within the lesion likely represent calcification.")])

rep("om-breast-mg", "other-modality", "MRI BILATERAL BREASTS WITHOUT AND WITH CONTRAST",
    "2026-10-12", "not mentioned", [S("mass", "breast", "left", "present", "MG", 34)], """
EXAM: MRI BILATERAL BREASTS WITHOUT AND WITH CONTRAST

HISTORY: 52-year-old woman recalled for left breast calcifications; extent of disease.

TECHNIQUE: Axial T2, axial T1 without fat saturation, dynamic axial T1 fat-saturated images
before and at five time points after gadobutrol, with subtraction and MIP reconstructions.

COMPARISON: Diagnostic mammogram 2026-09-30; screening MRI 2024-10-02.

FINDINGS:

Amount of fibroglandular tissue: heterogeneous. Background parenchymal enhancement: mild and
symmetric.

Left breast: 3.4 cm of clumped segmental non-mass enhancement in the upper outer quadrant at 2
o'clock, 6 cm from the nipple, with persistent kinetics. This corresponds to the segmental fine
pleomorphic calcifications seen on the mammogram of 2026-09-30. No associated mass. The nipple
and skin are normal.

Right breast: No suspicious enhancement. A 6 mm circumscribed T2 bright oval mass with a fatty
hilum in the upper outer quadrant is an intramammary lymph node.

Axillae: No suspicious axillary lymph nodes. Normal fatty hila bilaterally.

Other: Partially imaged liver with a 1 cm simple cyst. No osseous lesion.

IMPRESSION:

1. Left breast: 3.4 cm segmental non-mass enhancement corresponding to the mammographic
calcifications. BI-RADS 4C. Stereotactic or MRI-guided biopsy is recommended.

2. Right breast: BI-RADS 2.
""")

rep("om-calf-xr", "evidence-source", "MRI LEFT LOWER LEG WITHOUT AND WITH CONTRAST", "2026-10-05",
    "not mentioned", [S("mass", "leg", "left", "present", "XR", 48)], """
EXAM: MRI LEFT TIBIA AND FIBULA WITHOUT AND WITH CONTRAST

HISTORY: 36-year-old man with a painful posterior left calf swelling for three months.

TECHNIQUE: Axial T1, axial and coronal STIR, axial T2 fat-saturated and axial and sagittal T1
fat-saturated post-contrast images of the left lower leg.

COMPARISON: Radiographs left tibia and fibula 2026-09-30, which show amorphous mineralization in
the posterior calf soft tissues.

FINDINGS:

There is a 4.8 x 3.2 x 3.0 cm intramuscular mass in the medial head of the left gastrocnemius.
It is isointense to muscle on T1, heterogeneously T2 hyperintense and enhances heterogeneously,
with surrounding muscle edema. The mineralization described on the radiographs corresponds to the
central portion of the mass. The mass abuts but does not encase the posterior tibial
neurovascular bundle, which shows normal flow voids.

A 2.1 cm popliteal (Baker) cyst without rupture. The Achilles tendon and plantaris are normal.

The tibial and fibular cortices are intact, with no periosteal reaction or marrow edema.

No popliteal lymphadenopathy.

IMPRESSION:

1. 4.8 cm heterogeneously enhancing intramuscular mass of the medial gastrocnemius. Differential
includes soft-tissue sarcoma and, less likely, an evolving hematoma. Image-guided biopsy is
recommended.

2. Small Baker cyst.
""")
variant("om-calf-xr", "om-calf-xr-none", "not mentioned",
        [S("mass", "leg", "left", "absent", "XR", 48)],
        [("which show amorphous mineralization in the posterior calf soft tissues.",
          "which show no soft-tissue mineralization."),
         ("The mineralization described on the radiographs corresponds to the central portion of "
          "the mass.", "The mass is not visible on the radiographs.")])


# ============================================================== adequate-modality (P13)

rep("am-knee-cppd", "adequate-modality", "MRI RIGHT KNEE WITHOUT CONTRAST", "2026-08-25",
    "present", [S("joint", "knee", "right", "present")], """
EXAM: MRI RIGHT KNEE WITHOUT CONTRAST

HISTORY: 74-year-old woman with recurrent painful swelling of the right knee.

TECHNIQUE: Sagittal PD and PD fat-saturated, coronal T1 and PD fat-saturated, axial PD
fat-saturated images at 1.5 T.

COMPARISON: None.

FINDINGS:

Menisci: Horizontal oblique tear of the posterior horn of the medial meniscus extending to the
inferior articular surface. Linear intrasubstance low signal in both menisci, paralleling the
articular surfaces, compatible with chondrocalcinosis. The lateral meniscus is otherwise intact.

Cartilage: Similar thin linear low signal within the hyaline cartilage of both femoral condyles.
Grade 3 chondrosis of the medial femoral condyle and medial tibial plateau. Mild patellofemoral
chondrosis.

Ligaments: The anterior and posterior cruciate ligaments are intact. Grade 1 sprain of the
medial collateral ligament. Lateral supporting structures intact.

Extensor mechanism: Quadriceps and patellar tendons intact.

Joint: Moderate effusion with synovial thickening and debris. A 2.5 cm popliteal cyst.

Bones: Subchondral edema of the medial tibial plateau without fracture. Marginal osteophytes.

IMPRESSION:

1. Chondrocalcinosis of the menisci and hyaline cartilage with synovitis and effusion,
suggesting calcium pyrophosphate deposition disease (CPPD).

2. Posterior horn medial meniscal tear. Medial compartment osteoarthritis.
""")

rep("am-shoulder-study", "adequate-modality", "MRI LEFT SHOULDER WITHOUT CONTRAST", "2026-09-22",
    "present", [S("tendon", "rotator-cuff", "left", "present", "MR", 11)], """
EXAM: MRI LEFT SHOULDER WITHOUT CONTRAST

HISTORY: 51-year-old man, left shoulder pain for four months, no improvement with physical
therapy. Evaluate rotator cuff.

TECHNIQUE: Coronal oblique PD fat-saturated and T1, sagittal oblique T2 fat-saturated, axial PD
fat-saturated images.

COMPARISON: None.

FINDINGS:

Rotator cuff: An 11 mm ovoid calcific deposit within the distal infraspinatus tendon, low signal
on all sequences, with mild surrounding edema. Low-grade articular-sided partial-thickness tear
of the anterior supraspinatus, involving less than 25% of the tendon thickness. Subscapularis and
teres minor intact.

Bursa: Subacromial-subdeltoid bursitis with a small amount of fluid.

Biceps: Mild tendinosis of the intra-articular long head of biceps, normally located.

Labrum and capsule: Intact labrum. The inferior glenohumeral ligament is normal. No capsular
thickening.

Acromioclavicular joint: Mild arthrosis. An os acromiale is present, without edema at the
synchondrosis.

Bones: No fracture or marrow replacement. Small cyst at the greater tuberosity.

IMPRESSION:

1. Calcific tendinosis of the infraspinatus with an 11 mm deposit.

2. Low-grade partial-thickness articular-sided supraspinatus tear. Subacromial-subdeltoid
bursitis.

3. Os acromiale without stress change.
""")

rep("am-thigh-later", "adequate-modality", "MRI RIGHT THIGH WITHOUT AND WITH CONTRAST",
    "2026-09-30", "present", [S("mass", "thigh", "right", "present", "MR", 71)], """
EXAM: MRI RIGHT THIGH WITHOUT AND WITH CONTRAST

HISTORY: 44-year-old man with a palpable medial right thigh mass.

TECHNIQUE: Axial T1, axial and coronal STIR, axial T2 fat-saturated and axial T1 fat-saturated
pre- and post-contrast images, coronal post-contrast T1.

COMPARISON: None.

FINDINGS:

Within the adductor magnus there is a 7.1 x 5.0 x 4.6 cm lobulated intramuscular mass,
heterogeneously T2 hyperintense with enhancing septations and central non-enhancing areas. There
is internal calcification, seen as clustered low-signal foci on T1 and T2 that persist on all
sequences. The mass displaces but does not encase the superficial femoral vessels and the
sciatic nerve, which are separated from it by a fat plane.

No additional soft-tissue lesion. Mild fatty atrophy of the gracilis.

The right femur shows normal marrow signal. No periosteal reaction.

Partially imaged right hip: small effusion and mild degenerative change. Partially imaged knee
unremarkable.

No inguinal lymphadenopathy.

IMPRESSION:

1. 7.1 cm lobulated enhancing mass of the right adductor magnus with internal calcification.
Soft-tissue sarcoma, including synovial sarcoma, is a leading consideration. Biopsy at a sarcoma
center is recommended.

2. No osseous involvement.
""")

rep("am-adrenal-later", "adequate-modality", "MRI ABDOMEN WITHOUT AND WITH CONTRAST",
    "2026-10-09", "present", [S("mass", "adrenal", "left", "present", "MR", 36)], """
EXAM: MRI ABDOMEN WITHOUT AND WITH CONTRAST

HISTORY: 59-year-old woman with an incidental left adrenal mass; biochemical work-up
non-functioning.

TECHNIQUE: Axial and coronal T2, in- and opposed-phase T1, diffusion, and dynamic contrast-enhanced
3D T1 fat-saturated images after gadobutrol.

COMPARISON: None.

FINDINGS:

Adrenal glands: A 3.6 cm left adrenal mass is heterogeneous on T2 with a punctate calcification
along its medial margin. There is no signal loss on opposed-phase images. It enhances
heterogeneously with delayed washout. The right adrenal gland is normal.

Liver: A 1.8 cm lesion in segment 6 is markedly T2 hyperintense with peripheral nodular
discontinuous enhancement and progressive fill-in, typical of a hemangioma. No other lesion.

Kidneys: Several simple cysts bilaterally, the largest 2.2 cm in the right upper pole. No solid
renal mass.

Spleen: Normal. A 1 cm splenule at the hilum.

Pancreas: Normal caliber duct. No mass.

Vessels and nodes: Normal flow voids in the aorta and IVC. No lymphadenopathy.

Bones: No suspicious marrow lesion.

IMPRESSION:

1. 3.6 cm heterogeneous left adrenal mass with punctate calcification and no intracellular lipid:
indeterminate, adrenocortical carcinoma not excluded.

2. Hepatic hemangioma. Simple renal cysts.

ADDENDUM: Correction: the hepatic hemangioma is in segment 7, not segment 6 as dictated.
The remainder of the report is unchanged.
""")

rep("am-pericardium", "adequate-modality", "CARDIAC MRI WITHOUT AND WITH CONTRAST", "2026-08-30",
    "present", [S("heart", "pericardium", None, "present")], """
EXAM: CARDIAC MRI WITHOUT AND WITH CONTRAST

HISTORY: 70-year-old man with dyspnea, peripheral edema and raised jugular venous pressure.
Question constrictive pericarditis.

TECHNIQUE: Cine SSFP short- and long-axis, real-time free-breathing cine, black-blood T1 and T2,
and late gadolinium enhancement images.

COMPARISON: Transthoracic echocardiogram 2026-07-19.

FINDINGS:

Pericardium: Diffuse pericardial thickening up to 6 mm, most pronounced along the
atrioventricular grooves, where there is low-signal calcification on all sequences. Mild
pericardial late enhancement. No effusion.

Ventricular interdependence: Septal bounce on cine imaging and exaggerated respirophasic septal
shift on real-time imaging.

Left ventricle: Normal size, ejection fraction 58%. No myocardial late enhancement.

Right ventricle: Small, tubular, with preserved function.

Atria: Biatrial enlargement. Dilated inferior vena cava and hepatic veins.

Valves: Mild tricuspid regurgitation.

Extracardiac: Small right pleural effusion. Mild ascites in the upper abdomen.

IMPRESSION:

1. Pericardial thickening with calcification along the atrioventricular grooves and physiology of
constriction, consistent with constrictive pericarditis.

2. Preserved biventricular systolic function.
""")


# ============================================================== temporal (P14)

rep("tm-shoulder-gone", "temporal", "MRI RIGHT SHOULDER WITHOUT CONTRAST", "2026-10-14",
    "absent", [S("tendon", "rotator-cuff", "right", "absent")], """
EXAM: MRI RIGHT SHOULDER WITHOUT CONTRAST

HISTORY: 55-year-old woman with persistent lateral right shoulder pain after a subacromial
corticosteroid injection in the spring.

TECHNIQUE: Coronal oblique PD fat-saturated and T1, sagittal oblique T2 fat-saturated and axial
PD fat-saturated images.

COMPARISON: MRI right shoulder 2025-11-03.

FINDINGS:

Rotator cuff: The previously described 9 mm calcific deposit in the distal supraspinatus tendon
is no longer seen; mild residual tendinosis with intermediate signal at the footprint. No partial
or full-thickness tear. Infraspinatus, teres minor and subscapularis intact.

Bursa: Trace fluid in the subacromial-subdeltoid bursa, decreased.

Biceps: The long head of biceps is intact and normally positioned.

Labrum: Degenerative signal in the posterosuperior labrum, unchanged. No paralabral cyst.

Acromioclavicular joint: Moderate arthrosis with a small joint effusion and subchondral cysts
in the distal clavicle.

Glenohumeral joint: Small effusion. Cartilage preserved.

Bones: Normal marrow signal.

IMPRESSION:

1. Mild supraspinatus tendinosis without tear.

2. Moderate acromioclavicular arthrosis, which may be a pain generator.
""")
variant("tm-shoulder-gone", "tm-shoulder-again", "present",
        [S("tendon", "rotator-cuff", "right", "present", "MR", 9)],
        [("The previously described 9 mm calcific deposit in the distal supraspinatus tendon is no "
          "longer seen; mild residual tendinosis",
          "The previously described 9 mm calcific deposit in the distal supraspinatus tendon is "
          "again seen, unchanged in size; mild surrounding tendinosis"),
         ("Mild supraspinatus tendinosis without tear.",
          "Persistent calcific tendinosis of the supraspinatus without tear.")])

rep("tm-thigh-resolved", "temporal", "MRI LEFT THIGH WITHOUT AND WITH CONTRAST", "2026-10-22",
    "absent", [S("mass", "thigh", "left", "absent", "MR", 22)], """
EXAM: MRI LEFT THIGH WITHOUT AND WITH CONTRAST

HISTORY: 33-year-old man, soccer player, follow-up of a left anterior thigh lesion first imaged
after a direct blow in 2021; recent increase in swelling.

TECHNIQUE: Axial T1, axial and coronal STIR, axial T2 fat-saturated, axial gradient echo and
post-contrast T1 fat-saturated images.

COMPARISON: MRI left thigh 2021-06-14.

FINDINGS:

In the intramuscular vastus intermedius there is a 2.2 cm lesion. The calcification described in
this lesion on the 2021 MRI has resolved. The lesion is now a fluid collection with a thin
enhancing wall and a hemosiderin rim that blooms on the gradient-echo images. Mild surrounding
muscle edema. No solid enhancing component.

The quadriceps tendon and the other thigh muscles are normal. No fascial defect.

Femur: Normal marrow signal. No periosteal reaction or stress reaction.

Neurovascular bundle: The superficial femoral artery and vein are patent with normal flow voids.

Partially imaged hip and knee joints are normal.

IMPRESSION:

1. 2.2 cm chronic intramuscular hematoma (seroma) in the vastus intermedius with a hemosiderin
rim; no solid component.

2. No osseous abnormality.
""")
variant("tm-thigh-resolved", "tm-thigh-persists", "present",
        [S("mass", "thigh", "left", "present", "MR", 22)],
        [("The calcification described in this lesion on the 2021 MRI has resolved.",
          "The calcification described in this lesion on the 2021 MRI persists as a peripheral rim "
          "of low signal."),
         ("The lesion is now a fluid collection", "The lesion is otherwise a fluid collection"),
         ("chronic intramuscular hematoma (seroma) in the vastus intermedius with a hemosiderin "
          "rim; no solid component.",
          "chronic intramuscular lesion in the vastus intermedius with persistent peripheral "
          "calcification; no solid component.")])

rep("tm-hip-history", "temporal", "MRI LEFT HIP WITHOUT CONTRAST", "2026-09-02",
    "not mentioned", [], """
EXAM: MRI LEFT HIP WITHOUT CONTRAST

HISTORY: 49-year-old woman. History of calcific tendinitis of the gluteus medius, now
asymptomatic; new anterior groin pain with clicking.

TECHNIQUE: Coronal T1 and STIR of the pelvis, sagittal, axial oblique and coronal PD
fat-saturated images of the left hip.

COMPARISON: Pelvis radiograph 2026-08-10.

FINDINGS:

Labrum: Tear of the anterosuperior labrum at the chondrolabral junction with a 6 mm paralabral
cyst.

Cartilage: Mild chondral thinning of the anterosuperior acetabulum. Femoral head cartilage
preserved.

Osseous morphology: Cam-type morphology of the femoral head-neck junction, alpha angle 62
degrees. No fracture, avascular necrosis or marrow edema.

Tendons: The gluteus medius and minimus tendons show mild tendinosis without tear. Trace fluid in
the trochanteric bursa. The iliopsoas, rectus femoris and hamstring origins are intact.

Joint: Small effusion.

Other: The sacroiliac joints and pubic symphysis are normal. A 2 cm nabothian-type cyst of the
cervix is incidentally noted. No pelvic lymphadenopathy.

IMPRESSION:

1. Anterosuperior labral tear with paralabral cyst.

2. Cam morphology, consistent with femoroacetabular impingement.

3. Mild gluteal tendinosis.
""")
variant("tm-hip-history", "tm-hip-current", "present",
        [S("tendon", "hip", "left", "present", "MR", 8)],
        [("The gluteus medius and minimus tendons show mild tendinosis without tear.",
          "The gluteus medius and minimus tendons show mild tendinosis without tear. An 8 mm "
          "amorphous calcific deposit is present at the gluteus medius insertion, low signal on "
          "all sequences, with surrounding edema."),
         ("3. Mild gluteal tendinosis.",
          "3. Calcific tendinosis of the gluteus medius with an 8 mm deposit.")])

rep("tm-node-gone", "temporal", "MRI PELVIS RECTAL CANCER RESTAGING", "2026-10-28", "absent",
    [S("node", "mesorectum", None, "absent", "MR", 3)], """
EXAM: MRI PELVIS WITHOUT AND WITH CONTRAST, RECTAL CANCER RESTAGING PROTOCOL

HISTORY: 61-year-old man with mid rectal adenocarcinoma, after total neoadjuvant therapy.

TECHNIQUE: High-resolution oblique axial and coronal T2 perpendicular and parallel to the tumor
bed, sagittal T2, axial diffusion (b 800), and post-contrast T1 fat-saturated images. Rectal gel
distension
was declined.

COMPARISON: Baseline staging MRI 2026-04-03.

FINDINGS:

Tumor: At the prior tumor site, 7 cm from the anal verge, there is predominantly low T2 signal
fibrosis with a small area of intermediate signal at 3 o'clock, with mild residual diffusion
restriction. mrTRG 2. The mesorectal fascia is clear by more than 5 mm. No extramural venous
invasion.

Lymph nodes: The left mesorectal lymph node that contained a calcified focus on the baseline MRI
of 2026-04-03 now measures 3 mm; no calcification or mixed signal is seen. No new mesorectal or
lateral pelvic sidewall nodes.

Other: Prostate enlarged, 52 mL, with nodular transition zone. Bladder wall normal. Small
sacral insufficiency fracture on the left, new since baseline, without displacement.

IMPRESSION:

1. Good response of the mid rectal tumor (mrTRG 2) with a small residual intermediate-signal
focus; no EMVI.

2. The previously suspicious left mesorectal node has regressed to 3 mm.

3. Left sacral insufficiency fracture.

ADDENDUM: The sacral insufficiency fracture was communicated to the oncology nurse navigator
on 2026-10-29.
""")
variant("tm-node-gone", "tm-node-still", "present",
        [S("node", "mesorectum", None, "present", "MR", 6)],
        [("now measures 3 mm; no calcification or mixed signal is seen.",
          "now measures 6 mm and still contains a calcified focus."),
         ("2. The previously suspicious left mesorectal node has regressed to 3 mm.",
          "2. Persistent 6 mm left mesorectal node with a calcified focus, suspicious for residual "
          "nodal disease.")])

rep("tm-adrenal-2025", "temporal", "MRI ABDOMEN WITHOUT AND WITH CONTRAST", "2025-05-10",
    "present", [S("mass", "adrenal", "right", "present", "MR", 28)], """
EXAM: MRI ABDOMEN WITHOUT AND WITH CONTRAST

HISTORY: 57-year-old man with an adrenal nodule seen on an outside lumbar spine MRI.

TECHNIQUE: Axial and coronal T2, in- and opposed-phase T1, diffusion, and dynamic post-contrast
3D T1 fat-saturated images.

COMPARISON: Outside MRI lumbar spine 2025-03-22.

FINDINGS:

The right adrenal gland contains a 2.8 cm round lesion, mildly T2 hyperintense, with heterogeneous
arterial enhancement and partial washout. Small regions of signal loss on opposed-phase images
indicate some intracellular lipid. The left adrenal gland is normal.

The liver is normal in size and signal. Two hepatic cysts measure up to 9 mm. The gallbladder is
contracted. No biliary dilatation.

The kidneys enhance symmetrically. No hydronephrosis. A 7 mm T1 hyperintense left renal cyst,
likely hemorrhagic or proteinaceous.

The pancreas and spleen are normal. No ascites. No retroperitoneal adenopathy.

Degenerative changes of the lower thoracic spine.

IMPRESSION:

1. 2.8 cm right adrenal lesion with punctate calcification and only partial loss of signal on
opposed-phase imaging; lipid-poor adenoma is possible but not established. Adrenal protocol
follow-up is suggested.

2. Simple hepatic cysts. Probable hemorrhagic left renal cyst.
""")

rep("tm-adrenal-2026-gone", "temporal", "MRI ABDOMEN WITHOUT AND WITH CONTRAST", "2026-10-02",
    "absent", [S("mass", "adrenal", "right", "absent", "MR", 28)], """
EXAM: MRI ABDOMEN WITHOUT AND WITH CONTRAST, ADRENAL PROTOCOL

HISTORY: 58-year-old man, follow-up of a right adrenal lesion.

TECHNIQUE: Axial and coronal T2, in- and opposed-phase T1, diffusion, and dynamic post-contrast
images with 10-minute delayed imaging.

COMPARISON: MRI abdomen 2025-05-10.

FINDINGS:

Adrenal glands: The right adrenal lesion is unchanged at 2.8 cm. The punctate calcification
described in it in 2025 is no longer visualized. There is mild signal loss on opposed-phase
images, unchanged. Enhancement pattern is similar. The left adrenal gland is normal.

Liver: Two stable hepatic cysts. No new lesion.

Biliary system: Contracted gallbladder. Common bile duct 5 mm.

Kidneys: Unchanged 7 mm T1 hyperintense left renal cyst. No hydronephrosis.

Pancreas and spleen: Normal.

Other: No ascites or adenopathy. The bowel is unremarkable. Degenerative changes of the lower
thoracic spine.

IMPRESSION:

1. Stable 2.8 cm right adrenal lesion over 17 months, with a small amount of intracellular
lipid, favoring an adenoma.

2. Stable hepatic and renal cysts.
""")
variant("tm-adrenal-2026-gone", "tm-adrenal-2026-silent", "not mentioned", [],
        [("The right adrenal lesion is unchanged at 2.8 cm. The punctate calcification "
          "described in "
          "it in 2025 is no longer visualized.",
          "The right adrenal lesion is unchanged at 2.8 cm. Its internal architecture is "
          "similar.")])

rep("tm-pancreas-history", "temporal", "MRI ABDOMEN WITH MRCP WITHOUT AND WITH CONTRAST",
    "2026-07-07", "present", [S("incidental", "gallbladder", None, "present")], """
EXAM: MRI ABDOMEN WITH MRCP WITHOUT AND WITH CONTRAST

HISTORY: 48-year-old woman, status post distal pancreatectomy and splenectomy in 2022 for a
calcified mucinous cystic neoplasm. Surveillance.

TECHNIQUE: Axial and coronal T2, 3D MRCP, in- and opposed-phase T1, diffusion and dynamic
post-contrast images.

COMPARISON: MRI abdomen 2025-07-01.

FINDINGS:

Pancreas: Postsurgical changes of distal pancreatectomy. The remaining pancreatic head and neck
are normal in signal and enhancement. The main pancreatic duct measures 2 mm. No cystic or solid
lesion in the pancreatic remnant. No fluid collection at the resection margin.

Biliary: Several small calcified gallstones in the gallbladder, seen as signal voids on T2 and
the MRCP images, without gallbladder wall thickening. No choledocholithiasis. Common bile duct 6
mm.

Liver: Normal size and contour. A 6 mm T2 bright lesion in segment 4 is a cyst, stable.

Spleen: Surgically absent. A 2 cm splenule in the left upper quadrant.

Kidneys and adrenal glands: Normal.

Other: No ascites or lymphadenopathy.

IMPRESSION:

1. No evidence of recurrence after distal pancreatectomy.

2. Cholelithiasis without cholecystitis.
""")


# ============================================================== order-target (P15)

rep("ot-thigh-node", "order-target", "MRI LEFT THIGH WITHOUT AND WITH CONTRAST", "2026-10-06",
    "present", [S("node", "thigh", "left", "present", "MR", 9),
                S("mass", "thigh", "left", "absent", "MR", 51)], """
EXAM: MRI LEFT THIGH WITHOUT AND WITH CONTRAST

HISTORY: 67-year-old man with a painless enlarging lateral left thigh mass. Remote melanoma of
the left calf excised in 2015.

TECHNIQUE: Axial T1, axial and coronal STIR, axial T2 fat-saturated, axial gradient echo and
post-contrast T1 fat-saturated images of the left thigh.

COMPARISON: None.

FINDINGS:

Mass: A 5.1 x 3.9 x 3.5 cm ovoid intramuscular mass in the distal vastus lateralis is T1
isointense, T2 hyperintense and enhances diffusely, with a small central non-enhancing area. It
contains no calcification or macroscopic fat. Peritumoral edema tracks along the fascia.

Lymph nodes: A 9 mm lymph node in the subcutaneous fat of the mid medial left thigh, along the
great saphenous vein, contains a punctate calcification and has an effaced fatty hilum. The left
inguinal nodes are normal.

Vessels: The superficial femoral artery and vein are patent. Mild atherosclerotic irregularity
of the superficial femoral artery without stenosis.

Bones: Normal femoral marrow. No cortical involvement.

Other: Small knee joint effusion. Mild fatty atrophy of the sartorius.

IMPRESSION:

1. 5.1 cm enhancing intramuscular mass of the left vastus lateralis; sarcoma versus metastasis.

2. 9 mm mid medial thigh lymph node with a punctate calcification and loss of the fatty hilum,
suspicious for an in-transit nodal metastasis.
""")
variant("ot-thigh-node", "ot-thigh-mass", "present",
        [S("node", "thigh", "left", "absent", "MR", 9),
         S("mass", "thigh", "left", "present", "MR", 51)],
        [("It contains no calcification or macroscopic fat.",
          "It contains coarse calcification along its posterior wall and no macroscopic fat."),
         ("contains a punctate calcification and has an effaced fatty hilum.",
          "has an effaced fatty hilum, without calcification."),
         ("1. 5.1 cm enhancing intramuscular mass of the left vastus lateralis; sarcoma versus "
          "metastasis.",
          "1. 5.1 cm enhancing intramuscular mass of the left vastus lateralis with coarse "
          "calcification; sarcoma versus metastasis."),
         ("9 mm mid medial thigh lymph node with a punctate calcification and loss of the fatty "
          "hilum,", "9 mm mid medial thigh lymph node with loss of the fatty hilum,")])

rep("ot-knee-lab", "order-target", "MRI LEFT KNEE WITHOUT CONTRAST", "2026-08-12", "present",
    [S("joint", "knee", "left", "present")], """
EXAM: MRI LEFT KNEE WITHOUT CONTRAST

HISTORY: 71-year-old man with episodes of acute left knee swelling. Prior gout of the first
metatarsophalangeal joint.

TECHNIQUE: Sagittal, coronal and axial PD fat-saturated, sagittal T1 and coronal T1 images.

COMPARISON: None.

FINDINGS:

Menisci: Chondrocalcinosis of the medial and lateral menisci, seen as linear and punctate low
signal within the fibrocartilage. Degenerative signal in the posterior horn of the medial
meniscus without a tear reaching the surface.

Cartilage: Moderate thinning of the lateral femoral condyle cartilage with a focal full-thickness
defect of 8 mm. Patellofemoral chondrosis grade 2.

Ligaments: Cruciate and collateral ligaments intact.

Extensor mechanism: Mild quadriceps tendinosis. Patellar tendon normal.

Joint: Moderate effusion with synovial thickening. No intra-articular body.

Bones: Subchondral cyst formation in the lateral tibial plateau. No fracture or osteonecrosis.

Soft tissues: Prepatellar subcutaneous edema. No soft-tissue mass or tophus.

IMPRESSION:

1. Meniscal chondrocalcinosis with effusion and synovitis, in keeping with calcium pyrophosphate
deposition disease; gout is less likely, with no tophus or erosion.

2. Lateral compartment cartilage loss.
""")

rep("ot-wrist-aspiration", "order-target", "MRI RIGHT WRIST WITHOUT CONTRAST", "2026-09-29",
    "present", [S("joint", "wrist", "right", "present")], """
EXAM: MRI RIGHT WRIST WITHOUT CONTRAST

HISTORY: 78-year-old woman with acute painful swelling of the right wrist; afebrile, CRP 45.

TECHNIQUE: Coronal T1, coronal and axial PD fat-saturated, sagittal T2 fat-saturated images with
a dedicated wrist coil.

COMPARISON: None.

FINDINGS:

Triangular fibrocartilage: Linear low-signal deposits within the triangular fibrocartilage and
the lunotriquetral ligament, compatible with chondrocalcinosis. Degenerative central perforation
of the triangular fibrocartilage.

Ligaments: Scapholunate ligament thinned with a partial tear of the dorsal band. No scapholunate
widening.

Joints: Radiocarpal and midcarpal effusions with synovitis. Scaphotrapeziotrapezoidal
osteoarthritis.

Bones: Subchondral cysts in the lunate. Mild marrow edema of the distal ulna. No fracture.

Tendons: Tenosynovitis of the extensor carpi ulnaris. Flexor tendons normal.

Nerves: The median nerve is mildly flattened in the carpal tunnel without signal change.

IMPRESSION:

1. Chondrocalcinosis of the triangular fibrocartilage with radiocarpal and midcarpal synovitis,
suggestive of acute CPPD arthritis (pseudogout).

2. Partial scapholunate ligament tear. STT osteoarthritis.
""")

rep("ot-skin-punch", "order-target", "MRI LEFT THIGH WITHOUT AND WITH CONTRAST", "2026-09-16",
    "present", [S("mass", "thigh", "left", "present", "MR", 58)], """
EXAM: MRI LEFT THIGH WITHOUT AND WITH CONTRAST

HISTORY: 52-year-old woman with a deep posterior left thigh mass and a new erythematous rash over
the anterior thigh.

TECHNIQUE: Axial T1, axial and coronal STIR, axial T2 fat-saturated and post-contrast T1
fat-saturated images.

COMPARISON: Chest radiograph 2026-09-01.

FINDINGS:

Posterior compartment: A 5.8 cm heterogeneous mass in the long head of the biceps femoris and the
semitendinosus. It is T2 heterogeneous with enhancing solid areas and contains scattered
calcifications, low in signal on all sequences. The sciatic nerve is displaced medially but not
encased.

Anterior compartment and skin: Skin thickening and subcutaneous edema over the anterior thigh with
mild enhancement of the dermis, without a fluid collection or mass. The quadriceps muscles are
normal.

Bones: Normal femoral marrow signal.

Vessels: The femoral and popliteal vessels are patent with normal flow voids.

Lymph nodes: Reactive-appearing left inguinal nodes up to 11 mm with preserved fatty hila.

IMPRESSION:

1. 5.8 cm heterogeneous calcified mass of the posterior compartment of the left thigh, suspicious
for soft-tissue sarcoma.

2. Anterior thigh dermal and subcutaneous edema, nonspecific, possibly dermatitis or cellulitis
without abscess.
""")

rep("ot-lp", "order-target", "MRI LUMBAR SPINE WITHOUT AND WITH CONTRAST", "2026-09-03",
    "present", [S("mass", "psoas", "right", "present", "MR", 43)], """
EXAM: MRI LUMBAR SPINE WITHOUT AND WITH CONTRAST

HISTORY: 60-year-old woman with right lumbar radicular pain and bilateral leg weakness; question
of leptomeningeal disease.

TECHNIQUE: Sagittal T1, T2 and STIR, axial T2 from T12 to S1, and sagittal and axial T1
fat-saturated post-contrast images.

COMPARISON: Lumbar spine radiographs 2026-07-30.

FINDINGS:

Paraspinal soft tissues: A 4.3 cm mass in the right psoas muscle at L3 contains coarse
calcification and heterogeneous enhancement. It abuts the right L3 transverse process without
osseous invasion and displaces the right L3 nerve root laterally.

Alignment: Normal lordosis. Grade 1 anterolisthesis of L4 on L5.

Vertebrae: Type 1 Modic changes at L4-L5. No marrow-replacing lesion.

Discs: L4-L5 disc bulge with facet and ligamentum flavum hypertrophy causing moderate central
canal stenosis. L5-S1 left foraminal protrusion with mild foraminal narrowing.

Conus and cauda equina: Conus terminates at L1. No abnormal enhancement of the nerve roots or
leptomeninges.

Other: Normal aortic caliber with preserved flow voids.

IMPRESSION:

1. 4.3 cm calcified mass of the right psoas at L3; nerve sheath tumor or sarcoma.

2. No leptomeningeal enhancement.

3. L4-L5 degenerative anterolisthesis with moderate canal stenosis.

ADDENDUM: On review with the neuroradiology fellow, the cauda equina nerve roots are smooth;
there is no nodular enhancement. Conclusion unchanged.
""")

rep("ot-sfa-wall", "order-target", "MRI RIGHT THIGH WITHOUT AND WITH CONTRAST", "2026-10-10",
    "present", [S("incidental", "vessels", "right", "present"),
                S("mass", "thigh", "right", "absent", "MR", 44)], """
EXAM: MRI RIGHT THIGH WITHOUT AND WITH CONTRAST

HISTORY: 74-year-old man with diabetes and a firm right anterior thigh mass found on examination.

TECHNIQUE: Axial T1, axial and coronal STIR, axial T2 fat-saturated, and axial and coronal
post-contrast T1 fat-saturated images.

COMPARISON: None.

FINDINGS:

Muscles: A 4.4 cm intramuscular mass in the rectus femoris is T2 hyperintense with peripheral
enhancement and a central non-enhancing area, without internal calcification. Diffuse fatty
infiltration of the thigh muscles, most pronounced in the hamstrings.

Vessels: Atherosclerotic calcification of the superficial femoral artery wall, seen as
circumferential low signal with irregular luminal narrowing at the adductor canal; the flow voids
distal to it are preserved.

Bones: Normal femoral marrow. Mild degenerative changes of the partially imaged hip.

Lymph nodes: No inguinal lymphadenopathy.

Skin: Subcutaneous edema of the distal thigh, likely dependent.

IMPRESSION:

1. 4.4 cm peripherally enhancing intramuscular mass of the right rectus femoris; necrotic tumor
versus abscess. Tissue or fluid sampling is suggested.

2. Superficial femoral artery atherosclerosis.
""")
variant("ot-sfa-wall", "ot-sfa-mass", "present",
        [S("mass", "thigh", "right", "present", "MR", 44)],
        [("with peripheral enhancement and a central non-enhancing area, without internal "
          "calcification.",
          "with peripheral enhancement and a central non-enhancing area, with internal "
          "calcification."),
         ("Atherosclerotic calcification of the superficial femoral artery wall, seen as "
          "circumferential low signal with irregular luminal narrowing at the adductor canal; the "
          "flow voids distal to it are preserved.",
          "The superficial femoral artery and vein are patent with normal flow voids."),
         ("2. Superficial femoral artery atherosclerosis.",
          "2. Diffuse fatty infiltration of the thigh muscles.")])

rep("ot-iliac-bone", "order-target", "MRI PELVIS WITHOUT AND WITH CONTRAST", "2026-09-25",
    "possible", [S("bone", "pelvis", "left", "possible", "MR", 34)], """
EXAM: MRI PELVIS WITHOUT AND WITH CONTRAST

HISTORY: 55-year-old man with anemia and left buttock pain. Lesion on outside pelvis radiograph.

TECHNIQUE: Axial and coronal T1, STIR, axial T2 fat-saturated and post-contrast T1
fat-saturated images of the pelvis.

COMPARISON: None available.

FINDINGS:

Bones: A 3.4 cm lobulated intramedullary lesion in the left iliac wing is T1 hypointense and
markedly T2 hyperintense, with low-signal foci suggesting chondroid matrix, and peripheral and
septal enhancement. Endosteal scalloping without cortical breakthrough or soft-tissue component.
The remainder of the bone marrow is diffusely heterogeneous and mildly T1 hypointense, which may
reflect marrow reconversion in the setting of anemia.

Joints: Mild bilateral hip osteoarthritis. Sacroiliac joints normal.

Soft tissues: Gluteal muscles normal. No pelvic mass.

Pelvic organs: Prostate enlarged with a median lobe. Bladder normal. A few sigmoid diverticula.

Lymph nodes: No pelvic or inguinal adenopathy.

IMPRESSION:

1. 3.4 cm lobulated left iliac wing lesion with probable chondroid matrix; enchondroma versus
chondrosarcoma. Given the size and location, chondrosarcoma must be considered.

2. Diffusely heterogeneous marrow, nonspecific, possibly reconversion.
""")


# ============================================================== lesion-kind (P16)

rep("lk-femur-chondroid", "lesion-kind", "MRI RIGHT FEMUR WITHOUT AND WITH CONTRAST", "2026-10-07",
    "possible", [S("bone", "thigh", "right", "possible", "MR", 55)], """
EXAM: MRI RIGHT FEMUR WITHOUT AND WITH CONTRAST

HISTORY: 49-year-old woman with an incidental distal right femoral lesion on a knee radiograph
taken after a fall; mild aching pain at night.

TECHNIQUE: Coronal T1 and STIR of the femur, axial T1, T2 fat-saturated and post-contrast T1
fat-saturated images through the lesion.

COMPARISON: Radiographs right femur 2026-09-28.

FINDINGS:

Lesion: There is a 5.5 cm lobulated intramedullary lesion in the distal right femoral
metadiaphysis. It is T1 hypointense and markedly T2 hyperintense, with multiple punctate and
curvilinear low-signal foci suggesting chondroid matrix, and peripheral and septal
(ring-and-arc) enhancement. Endosteal scalloping involves less than two thirds of the cortical
thickness over 3 cm. No cortical breakthrough, periosteal reaction or soft-tissue component. No
peritumoral marrow edema.

Knee: Small joint effusion. Mild medial compartment chondrosis. Menisci and ligaments
unremarkable on the included images.

Muscles: The quadriceps and hamstrings are normal.

Vessels and nerves: Normal flow voids in the superficial femoral and popliteal vessels.

IMPRESSION:

1. 5.5 cm intramedullary cartilaginous lesion of the distal right femur with probable chondroid
matrix. Enchondroma versus low-grade chondrosarcoma (atypical cartilaginous tumor); the length
of endosteal scalloping is borderline.

2. No aggressive features.
""")

rep("lk-humerus", "lesion-kind", "MRI LEFT HUMERUS WITHOUT AND WITH CONTRAST", "2026-09-19",
    "possible", [S("bone", "arm", "left", "possible", "MR", 38)], """
EXAM: MRI LEFT HUMERUS WITHOUT AND WITH CONTRAST

HISTORY: 62-year-old man with left arm pain for two months. Known prostate cancer treated with
prostatectomy in 2019, PSA undetectable.

TECHNIQUE: Coronal T1 and STIR of the humerus, axial T1, T2 fat-saturated and post-contrast T1
fat-saturated images.

COMPARISON: None.

FINDINGS:

A 3.8 cm intramedullary lesion in the proximal left humeral metaphysis is lobulated, T1
hypointense and T2 hyperintense, with low-signal foci on all sequences that likely represent
mineralized chondroid matrix. Peripheral rim and septal enhancement. Mild endosteal scalloping.
No cortical destruction, periosteal reaction or soft-tissue mass.

No other marrow lesion in the humerus or the included scapula and clavicle.

Shoulder joint: Small glenohumeral effusion. Supraspinatus tendinosis without tear.
Acromioclavicular arthrosis.

Soft tissues: The deltoid, biceps and triceps are normal. The brachial vessels show normal flow
voids. The radial nerve is normal along the spiral groove.

Axilla: No axillary lymphadenopathy.

IMPRESSION:

1. 3.8 cm proximal left humeral intramedullary lesion with likely chondroid matrix and no
aggressive features, most consistent with an enchondroma. A metastasis is considered unlikely.

2. Supraspinatus tendinosis.
""")

rep("lk-vertebra", "lesion-kind", "MRI THORACIC SPINE WITHOUT AND WITH CONTRAST", "2026-10-15",
    "possible", [S("bone", "thoracic-spine", None, "possible", "MR", 26)], """
EXAM: MRI THORACIC SPINE WITHOUT AND WITH CONTRAST

HISTORY: 45-year-old woman with mid back pain; lesion on chest radiograph follow-up.

TECHNIQUE: Sagittal T1, T2 and STIR, axial T2, and sagittal and axial post-contrast T1
fat-saturated images.

COMPARISON: Chest radiograph 2026-09-12.

FINDINGS:

Vertebrae: A 2.6 cm lesion in the right half of the T10 vertebral body is T1 hypointense and T2
hyperintense with ring-and-arc low-signal foci and heterogeneous enhancement. It extends into the
right pedicle without epidural extension or pathologic fracture. A 1.2 cm T1 and T2 bright
lesion in T4 is a typical vertebral hemangioma.

Alignment: Normal kyphosis. No listhesis.

Discs: Mild disc bulges at T6-T7 and T7-T8 without canal stenosis. Small Schmorl node at T11.

Spinal cord: Normal signal and caliber. No cord compression.

Paraspinal soft tissues: Normal. No paraspinal mass.

Other: No pleural effusion; the lung bases are clear. The aorta is of normal caliber.

IMPRESSION:

1. 2.6 cm lesion of the T10 vertebral body and right pedicle with possible chondroid matrix;
chondrosarcoma versus other primary bone tumor. CT-guided biopsy can be considered.

2. T4 vertebral hemangioma.
""")

rep("lk-tibia-matrix", "lesion-kind", "MRI LEFT TIBIA AND FIBULA WITHOUT AND WITH CONTRAST",
    "2026-08-27", "present", [S("bone", "leg", "left", "present", "MR", 31)], """
EXAM: MRI LEFT TIBIA AND FIBULA WITHOUT AND WITH CONTRAST

HISTORY: 24-year-old man with left shin pain and swelling for six weeks, worse with running.

TECHNIQUE: Coronal and sagittal T1 and STIR, axial T1, T2 fat-saturated and post-contrast T1
fat-saturated images.

COMPARISON: None.

FINDINGS:

Bone: A 3.1 cm eccentric lesion in the anterior cortex of the mid left tibial diaphysis expands
the cortex and contains mineralized matrix, dark on all sequences, with thick peripheral
enhancement. There is surrounding marrow edema and a lamellated periosteal reaction. No
soft-tissue mass.

Muscles: Edema in the adjacent tibialis anterior, reactive.

Fibula: Normal.

Joints: The knee and ankle joints at the edges of the field of view are unremarkable.

Vessels: The anterior tibial artery is patent with a normal flow void.

Skin: Mild pretibial subcutaneous edema.

IMPRESSION:

1. 3.1 cm intracortical lesion of the mid left tibia with mineralized matrix and periosteal
reaction. Differential includes osteoid osteoma or osteoblastoma and, less likely, a surface
osteosarcoma. Biopsy is recommended.

2. Reactive edema in the tibialis anterior.
""")
variant("lk-tibia-matrix", "lk-tibia-lytic", "absent",
        [S("bone", "leg", "left", "absent", "MR", 31)],
        [("expands the cortex and contains mineralized matrix, dark on all sequences, with thick "
          "peripheral enhancement.",
          "expands the cortex and is purely lytic, without matrix mineralization, with fluid-fluid "
          "levels and thin septal enhancement."),
         ("3.1 cm intracortical lesion of the mid left tibia with mineralized matrix and "
          "periosteal "
          "reaction. Differential includes osteoid osteoma or osteoblastoma and, less likely, a "
          "surface osteosarcoma.",
          "3.1 cm expansile lytic intracortical lesion of the mid left tibia with fluid-fluid "
          "levels. "
          "Differential includes aneurysmal bone cyst and, less likely, telangiectatic "
          "osteosarcoma.")])

rep("lk-bone-island", "lesion-kind", "MRI LUMBAR SPINE WITHOUT CONTRAST", "2026-06-18",
    "not mentioned", [], """
EXAM: MRI LUMBAR SPINE WITHOUT CONTRAST

HISTORY: 38-year-old man with low back pain and right L5 radicular symptoms after lifting.

TECHNIQUE: Sagittal T1, T2 and STIR, axial T2 from L2 to S1.

COMPARISON: None.

FINDINGS:

Alignment: Normal lumbar lordosis. No listhesis.

Vertebrae: An 8 mm focus of low signal on all sequences in the L3 vertebral body, with spiculated
margins and no surrounding edema, compatible with a bone island. Small typical hemangioma in L1.
No fracture. Normal marrow signal elsewhere.

Conus: Terminates at L1-L2 with normal signal.

L3-L4: Mild disc bulge without stenosis.

L4-L5: Right paracentral disc extrusion with caudal migration, compressing the traversing right
L5 nerve root in the lateral recess. Mild facet arthropathy. Moderate right lateral recess
stenosis.

L5-S1: Disc desiccation with a small central protrusion and an annular fissure (high-intensity
zone). No nerve root contact.

Paraspinal soft tissues: Normal. Normal flow voids in the abdominal aorta.

IMPRESSION:

1. Right paracentral L4-L5 extrusion with caudal migration compressing the right L5 nerve root.

2. L5-S1 annular fissure.

3. L3 bone island; no aggressive osseous lesion.
""")

rep("lk-bone-infarct", "lesion-kind", "MRI RIGHT KNEE WITHOUT CONTRAST", "2026-07-22",
    "not mentioned", [], """
EXAM: MRI RIGHT KNEE WITHOUT CONTRAST

HISTORY: 46-year-old woman with systemic lupus erythematosus on long-term steroids; right knee
pain.

TECHNIQUE: Sagittal PD and PD fat-saturated, coronal T1 and PD fat-saturated, and axial PD
fat-saturated images.

COMPARISON: None.

FINDINGS:

Bones: In the distal femoral metaphysis there is a 4 cm geographic lesion with a serpiginous
low-signal rim and an inner high-signal line on fluid-sensitive images (double-line sign) and
central fat signal, typical of a bone infarct. A similar 1.5 cm lesion in the proximal tibial
metaphysis. No subchondral collapse. The articular surfaces are intact.

Menisci: Intact.

Ligaments: Intact cruciate and collateral ligaments.

Cartilage: Preserved.

Extensor mechanism: Normal.

Joint: Small effusion. No synovitis.

Soft tissues: Small amount of fluid in the pes anserine bursa. The popliteal artery and vein
show normal flow voids. No popliteal cyst. Mild subcutaneous edema over the medial joint line.

IMPRESSION:

1. Metaphyseal bone infarcts of the distal femur and proximal tibia, without epiphyseal
osteonecrosis or collapse. Given steroid use, MRI of the contralateral knee and of both hips
could be considered if symptomatic.

2. Pes anserine bursitis.
""")


# ============================================================== catalog (P17)

rep("ct-adrenal-ap", "catalog", "MRI ABDOMEN WITHOUT AND WITH CONTRAST", "2026-10-02", "present",
    [S("mass", "adrenal", "right", "present", "MR", 31)], """
EXAM: MRI ABDOMEN WITHOUT AND WITH CONTRAST

HISTORY: 64-year-old woman with hypertension and hypokalemia; adrenal mass on ultrasound.

TECHNIQUE: Axial T2 single-shot and fat-saturated, in- and opposed-phase T1, diffusion, and
dynamic post-contrast 3D T1 images after gadoterate.

COMPARISON: Abdominal ultrasound 2026-09-10.

FINDINGS:

Adrenal glands: A 3.1 cm right adrenal lesion contains several punctate calcifications, seen as
foci of low signal that persist on in-phase and opposed-phase images. No signal loss on
opposed-phase imaging. Heterogeneous enhancement. The left adrenal gland is mildly thickened
without a nodule.

Liver: Normal. No focal lesion.

Kidneys: Normal enhancement. A 6 mm cortical cyst in the left kidney.

Pancreas: Normal. A 4 mm side-branch cyst in the uncinate process.

Vessels: The IVC is compressed but not invaded by the adrenal lesion. Normal aortic caliber.

Lymph nodes: No retroperitoneal adenopathy.

Lung bases: Clear.

IMPRESSION:

1. 3.1 cm right adrenal lesion with punctate calcifications and no intracellular lipid; adrenal
cortical carcinoma or pheochromocytoma should be excluded biochemically; adenoma less likely.

2. Small pancreatic side-branch cyst.
""")

rep("ct-chest-wall", "catalog", "MRI CHEST WALL WITHOUT AND WITH CONTRAST", "2026-09-12",
    "present", [S("mass", "chest-wall", "left", "present", "MR", 52),
                S("incidental", "lung", "right", "present")], """
EXAM: MRI CHEST WALL WITHOUT AND WITH CONTRAST

HISTORY: 57-year-old man with a hard left lateral chest wall mass, enlarging over one year.

TECHNIQUE: Axial and coronal T1, STIR, axial T2 fat-saturated and post-contrast 3D T1
fat-saturated images of the left chest wall.

COMPARISON: Chest radiograph 2026-08-20.

FINDINGS:

Chest wall: A 5.2 x 4.0 cm lobulated mass within the left serratus anterior at the level of the
sixth rib, heterogeneously T2 hyperintense with coarse internal calcification, dark on all
sequences. Heterogeneous enhancement. It abuts the sixth rib without marrow invasion. Mild
surrounding muscle edema.

Ribs and sternum: No marrow-replacing lesion. Healed right eighth rib fracture.

Axilla: No axillary lymphadenopathy. The axillary artery and vein are patent.

Breast tissue: Mild left gynecomastia.

Lungs and pleura, partially imaged: A 7 mm calcified granuloma in the right lower lobe, seen as a
signal void, corresponds to the known granuloma. No pleural effusion.

IMPRESSION:

1. 5.2 cm calcified mass of the left serratus anterior abutting the sixth rib; chondrosarcoma of
the soft tissues or other sarcoma favored. CT of the chest is recommended for the rib interface
and staging.

2. Healed right rib fracture.
""")

rep("ct-thigh-runoff", "catalog", "MRI RIGHT THIGH WITHOUT AND WITH CONTRAST", "2026-10-13",
    "present", [S("mass", "thigh", "right", "present", "MR", 60)], """
EXAM: MRI RIGHT THIGH WITHOUT AND WITH CONTRAST

HISTORY: 69-year-old man with claudication of both calves and a firm posterior right thigh
mass.

TECHNIQUE: Axial T1, axial and coronal STIR, axial T2 fat-saturated and post-contrast T1
fat-saturated images.

COMPARISON: Ankle-brachial indices 2026-09-02 (0.7 right, 0.8 left).

FINDINGS:

A 6.0 cm lobulated intramuscular mass in the right semimembranosus is heterogeneously T2
hyperintense with enhancing nodular components and contains calcification, seen as clustered
dark foci on all sequences. Mild peritumoral edema. The sciatic nerve is separated from the mass
by fat.

The superficial femoral artery shows segmental luminal irregularity with diminished flow void in
the adductor canal, suggesting stenosis. The femoral vein is patent.

Muscles: Mild fatty atrophy of the hamstrings bilaterally.

Bones: Normal femoral marrow.

Lymph nodes: No inguinal adenopathy.

Hip and knee: Mild degenerative changes.

IMPRESSION:

1. 6.0 cm calcified enhancing mass of the right semimembranosus, suspicious for sarcoma.

2. Probable superficial femoral artery stenosis at the adductor canal, consistent with the
history of claudication; CT angiography may be used for further evaluation.
""")

rep("ct-sinus", "catalog", "MRI FACE AND SINUSES WITHOUT AND WITH CONTRAST", "2026-09-09",
    "possible", [S("mass", "sinus", "left", "possible", "MR", 27)], """
EXAM: MRI ORBITS, FACE AND NECK (SINUSES) WITHOUT AND WITH CONTRAST

HISTORY: 61-year-old woman with chronic left facial pressure and unilateral purulent discharge.

TECHNIQUE: Axial and coronal T1, T2 fat-saturated, diffusion, SWI and post-contrast T1
fat-saturated images of the paranasal sinuses.

COMPARISON: None.

FINDINGS:

Paranasal sinuses: The left maxillary sinus is completely opacified. Within it is a 2.7 cm
central T2 hypointense concretion with susceptibility on SWI, possibly calcification, suggesting
a fungal ball, with peripheral inflammatory mucosal thickening that enhances. The medial wall of
the left maxillary sinus is thickened and sclerotic, without erosion. Mild mucosal thickening of
the left anterior ethmoid cells. A 1.4 cm retention cyst in the right maxillary sinus. The
frontal and sphenoid sinuses are clear.

Orbits: Normal globes, optic nerves and extraocular muscles. No orbital extension.

Nasal cavity: Mild rightward nasal septal deviation. Left middle meatus obstructed.

Skull base and brain, partially imaged: Normal.

Neck: Small reactive level IIa lymph nodes bilaterally. Parotid and submandibular glands normal.

IMPRESSION:

1. Opacified left maxillary sinus with a central concretion showing susceptibility, possibly
calcified, consistent with a fungal ball (mycetoma); no invasive features.

2. Right maxillary retention cyst.
""")

rep("ct-parotid", "catalog", "MRI NECK WITHOUT AND WITH CONTRAST", "2026-10-16", "possible",
    [S("mass", "parotid", "right", "possible", "MR", 28)], """
EXAM: MR NECK SOFT TISSUE WITHOUT AND WITH CONTRAST

HISTORY: 58-year-old man with a slowly growing painless right preauricular lump.

TECHNIQUE: Axial T1, T2 and STIR, coronal STIR, diffusion and post-contrast axial and coronal T1
fat-saturated images from the skull base to the thoracic inlet.

COMPARISON: None.

FINDINGS:

Parotid glands: A 2.8 cm lobulated mass in the superficial lobe of the right parotid gland is
heterogeneously T2 hyperintense with punctate T2 hypointense foci, likely calcification, and
moderate enhancement. No perineural spread along the facial nerve. The left parotid gland is
normal.

Submandibular and sublingual glands: Normal.

Pharynx and larynx: Symmetric. No mucosal lesion.

Lymph nodes: Bilateral level II lymph nodes up to 8 mm short axis with fatty hila, likely
reactive.

Thyroid: A 1.2 cm T2 hyperintense nodule in the left lobe.

Cervical spine: Degenerative disc disease at C5-C6 and C6-C7.

Vessels: Normal flow voids in the carotid and vertebral arteries.

IMPRESSION:

1. 2.8 cm right parotid superficial lobe mass with probable punctate calcifications;
pleomorphic adenoma is favored, although a carcinoma ex pleomorphic adenoma cannot be excluded.

2. 1.2 cm left thyroid nodule; ultrasound is suggested.
""")

rep("ct-parotid-fna", "catalog", "MRI NECK WITHOUT AND WITH CONTRAST", "2026-08-04", "present",
    [S("mass", "parotid", "left", "present", "MR", 19),
     S("mass", "thyroid", "right", "absent", "MR", 23)], """
EXAM: MRI NECK WITHOUT AND WITH CONTRAST

HISTORY: 44-year-old woman with a left parotid lump and a thyroid nodule found on examination.

TECHNIQUE: Axial T1 and T2 fat-saturated, coronal STIR, diffusion with ADC, and post-contrast T1
fat-saturated images.

COMPARISON: Neck ultrasound 2026-07-15.

FINDINGS:

Salivary glands: A 1.9 cm well-defined mass in the deep lobe of the left parotid gland contains
a coarse calcification along its posterior margin, low on all sequences, with avid enhancement
and low ADC values. The stylomandibular tunnel is not widened. The right parotid and both
submandibular glands are normal.

Thyroid: A 2.3 cm predominantly cystic nodule in the right thyroid lobe with a small enhancing
mural component, without calcification. Mild thyroid enlargement.

Lymph nodes: No pathologic cervical lymph nodes.

Aerodigestive tract: Normal nasopharynx, oropharynx and larynx.

Vessels: Patent internal jugular veins and carotid arteries.

Bones: Mild degenerative changes of the cervical spine.

IMPRESSION:

1. 1.9 cm calcified deep lobe left parotid mass with low ADC; a basal cell adenoma or a
low-grade carcinoma should be considered. Fine-needle aspiration is recommended.

2. 2.3 cm mixed cystic right thyroid nodule; ultrasound-guided FNA per ACR TI-RADS.
""")

rep("ct-adnexa", "catalog", "MRI PELVIS WITHOUT AND WITH CONTRAST", "2026-09-21", "possible",
    [S("mass", "adnexa", "left", "possible", "MR", 60)], """
EXAM: MRI PELVIS WITHOUT AND WITH CONTRAST

HISTORY: 34-year-old woman with a left adnexal mass on ultrasound and intermittent pelvic pain.

TECHNIQUE: Sagittal, axial and coronal T2, axial T1 with and without fat saturation, diffusion,
and dynamic post-contrast T1 fat-saturated images.

COMPARISON: Pelvic ultrasound 2026-09-01.

FINDINGS:

Left ovary: A 6.0 cm cystic mass with fat signal that suppresses on fat-saturated images and a
dependent 1.8 cm Rokitansky nodule. Within the nodule there is a 9 mm focus of signal void on all
sequences, likely calcification or a tooth. No solid enhancing component. O-RADS MRI score 2.

Right ovary: Normal, with follicles.

Uterus: Anteverted. A 3.2 cm T2 hypointense intramural fibroid in the posterior fundus. The
endometrium measures 7 mm. Nabothian cysts in the cervix.

Other: Trace free fluid in the pouch of Douglas. No pelvic lymphadenopathy. The bladder and
rectum are normal. Normal flow voids in the iliac vessels.

Bones: Normal marrow signal.

IMPRESSION:

1. 6.0 cm left ovarian mature cystic teratoma (dermoid) with a Rokitansky nodule containing a
probable calcification or tooth. O-RADS MRI 2.

2. Intramural uterine fibroid.
""")

rep("ct-renal-protocol", "catalog", "MRI ABDOMEN WITHOUT AND WITH CONTRAST", "2026-10-18",
    "present", [S("mass", "kidney", "left", "present", "MR", 30)], """
EXAM: MRI ABDOMEN WITHOUT AND WITH CONTRAST

HISTORY: 70-year-old man with a left renal lesion on an outside ultrasound. eGFR 52.

TECHNIQUE: Coronal and axial T2, in- and opposed-phase T1, diffusion and dynamic post-contrast
3D T1 fat-saturated images with subtraction.

COMPARISON: None.

FINDINGS:

Kidneys: A 3.0 cm cystic lesion in the left upper pole has a thick irregular wall with
peripheral curvilinear calcification, dark on all sequences, and two enhancing septa on
subtraction images. Bosniak class III. The right kidney has two simple cysts. No hydronephrosis.
The renal veins are patent.

Adrenals: Normal.

Liver: Mild steatosis. No focal lesion. Patent portal and hepatic veins.

Gallbladder: Normal. No stones.

Pancreas and spleen: Normal.

Retroperitoneum: No adenopathy. The aorta is of normal caliber.

Lung bases: Mild dependent atelectasis.

IMPRESSION:

1. 3.0 cm complex cystic left upper pole renal lesion with peripheral calcification and
enhancing septa, Bosniak III. Urology referral.

2. Simple right renal cysts. Hepatic steatosis.
""")

rep("ct-pancreas-sandbox", "catalog", "MRI ABDOMEN WITH MRCP WITHOUT AND WITH CONTRAST",
    "2026-09-29", "present", [S("mass", "pancreas", None, "present", "MR", 22)], """
EXAM: MRI ABDOMEN WITH MRCP WITHOUT AND WITH CONTRAST

HISTORY: 67-year-old woman with vague epigastric pain; pancreatic lesion on outside ultrasound.

TECHNIQUE: Axial and coronal T2, 3D MRCP, in- and opposed-phase T1, diffusion, and dynamic
contrast-enhanced images.

COMPARISON: None.

FINDINGS:

Pancreas: A 2.2 cm lobulated lesion in the pancreatic head consists of innumerable tiny T2 bright
cysts around a central stellate scar, which contains a coarse calcification, low in signal on
all sequences. The lesion does not communicate with the main duct, which measures 2 mm. No
upstream ductal dilatation or atrophy.

Liver: Two hemangiomas, the largest 1.3 cm in segment 7. No suspicious lesion.

Biliary: No intrahepatic or extrahepatic ductal dilatation. Normal gallbladder.

Spleen, adrenals and kidneys: Normal.

Vessels: The superior mesenteric vein and portal vein are patent. The celiac and superior
mesenteric arteries are patent.

Lymph nodes: No adenopathy.

IMPRESSION:

1. 2.2 cm microcystic pancreatic head lesion with a calcified central scar, most consistent with
a serous cystadenoma.

2. Hepatic hemangiomas.
""")

rep("ct-presacral", "catalog", "MRI PELVIS WITHOUT AND WITH CONTRAST", "2026-10-04", "present",
    [S("mass", "pelvis", None, "present", "MR", 42)], """
EXAM: MRI PELVIS WITHOUT AND WITH CONTRAST

HISTORY: 39-year-old woman with chronic sacrococcygeal pain and constipation.

TECHNIQUE: Sagittal, axial and coronal T2, axial T1, diffusion, and post-contrast T1
fat-saturated images.

COMPARISON: None.

FINDINGS:

Presacral space: A 4.2 cm multilocular retrorectal mass lies between the rectum and the lower
sacrum. Most locules are T2 bright with variable T1 signal; the dominant locule contains a
focus of calcification along its wall, dark on all sequences. Thin enhancing septa without a
solid nodule. The mass displaces the rectum anteriorly without invading it. The sacrum and
coccyx are intact.

Rectum: Normal wall thickness.

Uterus and ovaries: Normal. Follicles in both ovaries.

Bladder: Normal.

Lymph nodes: No pelvic adenopathy.

Bones: Normal marrow signal. Mild degenerative change of the lower lumbar facets.

Vessels: Normal flow voids in the iliac arteries.

IMPRESSION:

1. 4.2 cm multilocular retrorectal cystic mass with mural calcification; tailgut cyst is most
likely. Malignant transformation is rare, but a solid component should be excluded before
surgical planning.

2. No pelvic adenopathy.
""")

rep("ct-thigh-loinc", "catalog", "MRI LEFT THIGH WITHOUT AND WITH CONTRAST", "2026-09-05",
    "present", [S("mass", "thigh", "left", "present", "MR", 40)], """
EXAM: MRI LEFT THIGH WITHOUT AND WITH CONTRAST

HISTORY: 27-year-old woman with an anteromedial left thigh lump, tender after exercise.

TECHNIQUE: Axial T1, axial and coronal STIR, axial T2 fat-saturated and axial post-contrast T1
fat-saturated images.

COMPARISON: None.

FINDINGS:

A 4.0 cm ovoid intramuscular mass in the left sartorius at mid thigh is T1 isointense and T2
hyperintense with avid heterogeneous enhancement and a few internal calcifications, dark on all
sequences. There is a thin rim of edema. The mass is separate from the femoral vessels, which
show normal flow voids.

The other compartments of the thigh are normal. No additional lesion.

Femur: Normal marrow signal and cortex.

Lymph nodes: A few small inguinal lymph nodes with normal morphology.

Hip and knee, partially imaged: Unremarkable.

Skin and subcutaneous fat: Normal.

IMPRESSION:

1. 4.0 cm enhancing intramuscular mass of the left sartorius with internal calcifications.
Differential includes synovial sarcoma and, less likely, an intramuscular hemangioma. CT of the
thigh before biopsy is suggested.
""")

rep("ct-rectal-cap", "catalog", "MRI PELVIS RECTAL CANCER STAGING", "2026-10-30", "present",
    [S("node", "mesorectum", None, "present", "MR", 8),
     S("mass", "rectum", None, "absent", "MR", 45)], """
EXAM: MRI PELVIS RECTAL CANCER STAGING PROTOCOL

HISTORY: 58-year-old woman with biopsy-proven low rectal adenocarcinoma. Staging.

TECHNIQUE: Sagittal T2, high-resolution oblique axial and oblique coronal T2, axial diffusion
(b 1000), without intravenous contrast.

COMPARISON: None.

FINDINGS:

Primary tumor: A 4.5 cm semi-annular tumor of the low rectum from 3 to 8 o'clock, lower edge 4
cm from the anal verge, without calcification or mucinous component. Extramural spread of 3 mm
at 5 o'clock (T3b). The mesorectal fascia is clear by 4 mm. The tumor lies above the anorectal
junction; the sphincter complex is not involved. No extramural venous invasion.

Lymph nodes: An 8 mm right posterior mesorectal node with an irregular border contains a
calcified focus, suspicious for metastasis. Two smaller mesorectal nodes with smooth borders. No
lateral pelvic sidewall nodes.

Other: Uterus and ovaries normal for age. Bladder normal. No ascites. Normal flow voids in the
internal iliac vessels.

IMPRESSION:

1. Low rectal adenocarcinoma, mrT3b, MRF clear, EMVI negative.

2. 8 mm mesorectal node with a calcified focus, suspicious for nodal metastasis (mrN1).
""")


# ============================================================== procedure (P18)

rep("pr-thigh-resection", "procedure", "MRI LEFT THIGH WITHOUT AND WITH CONTRAST", "2026-10-19",
    "present", [S("mass", "thigh", "left", "present", "MR", 92)], """
EXAM: MRI LEFT THIGH WITHOUT AND WITH CONTRAST

HISTORY: 46-year-old man with myxoid liposarcoma of the left thigh diagnosed on core biopsy
2026-10-02. Preoperative staging.

TECHNIQUE: Axial T1, axial and coronal STIR, axial T2 fat-saturated, axial diffusion and axial
and coronal post-contrast T1 fat-saturated images of the entire left thigh.

COMPARISON: Ultrasound left thigh 2026-09-20.

FINDINGS:

Tumor: A 9.2 x 6.1 x 5.4 cm multilobulated mass in the adductor compartment, between the
adductor longus and adductor magnus. It is markedly T2 hyperintense with lacy enhancement and
thin septa, with peripheral calcifications along its lateral aspect, dark on all sequences, and
no macroscopic fat. A biopsy tract with mild edema is seen anteriorly.

Neurovascular bundle: The superficial femoral artery and vein are displaced anterolaterally and
contact less than 90 degrees of the tumor circumference; a fat plane is preserved. The sciatic
nerve is uninvolved.

Bone: The tumor abuts the posteromedial femoral cortex over 4 cm without marrow signal change or
cortical erosion.

Other: No skip lesion or second mass in the thigh. No inguinal lymphadenopathy. Small hip joint
effusion.

IMPRESSION:

1. 9.2 cm myxoid adductor compartment tumor with peripheral calcifications, consistent with the
known myxoid liposarcoma; no neurovascular encasement or osseous invasion.

2. Biopsy tract anteriorly, to be included in the resection.
""")

rep("pr-t6-meningioma", "procedure", "MRI THORACIC SPINE WITHOUT AND WITH CONTRAST",
    "2026-08-28", "possible", [S("mass", "thoracic-spine", None, "possible", "MR", 18)], """
EXAM: MRI THORACIC SPINE WITHOUT AND WITH CONTRAST

HISTORY: 68-year-old woman with progressive gait disturbance and bilateral leg numbness.

TECHNIQUE: Sagittal T1, T2 and STIR, axial T2 and gradient echo, and sagittal and axial
post-contrast T1 fat-saturated images.

COMPARISON: None.

FINDINGS:

Spinal canal: A 1.8 cm intradural extramedullary mass at T6, right posterolateral, displaces and
compresses the spinal cord to the left. It has a broad dural base with a dural tail and
homogeneous enhancement, and contains dense low-signal foci on all sequences, likely
calcification. Mild cord edema at T5-T6. No syrinx.

Vertebrae: Normal alignment. Multilevel endplate degeneration. No fracture. A 9 mm vertebral
hemangioma at T9.

Discs: Small central protrusions at T7-T8 and T8-T9 without cord contact.

Paraspinal soft tissues: Normal.

Visualized chest: Mild dependent atelectasis. A 2.3 cm hiatal hernia.

Other: Normal flow voids in the descending thoracic aorta.

IMPRESSION:

1. 1.8 cm intradural extramedullary mass at T6 with probable calcification and cord compression,
most consistent with a meningioma (possibly psammomatous).

2. Mild cord edema at T5-T6.
""")

rep("pr-shoulder-deposit", "procedure", "MRI RIGHT SHOULDER WITHOUT CONTRAST", "2026-09-18",
    "present", [S("tendon", "rotator-cuff", "right", "present", "MR", 15)], """
EXAM: MRI RIGHT SHOULDER WITHOUT CONTRAST

HISTORY: 53-year-old woman with chronic right shoulder pain refractory to two subacromial
injections and physiotherapy; surgical planning.

TECHNIQUE: Coronal oblique PD fat-saturated and T1, sagittal oblique T2 fat-saturated, axial PD
fat-saturated images at 3 T.

COMPARISON: None.

FINDINGS:

Rotator cuff: A 15 mm lobulated calcific deposit within the anterior supraspinatus tendon, 1.5
cm from the footprint, dark on all sequences, with surrounding tendon swelling and edema. No
full-thickness tear. Infraspinatus tendinosis. Subscapularis and teres minor normal.

Bursa: Moderate subacromial-subdeltoid bursitis with synovial thickening.

Biceps: Mild tenosynovitis of the long head of biceps; normally located.

Labrum and cartilage: Intact labrum. Mild glenohumeral chondrosis.

Acromioclavicular joint: Mild arthrosis. Type II acromion with a small anterior spur.

Bones: Mild edema of the greater tuberosity adjacent to the deposit. No fracture.

Muscles: No atrophy.

IMPRESSION:

1. Calcific tendinosis of the supraspinatus with a 15 mm deposit and surrounding inflammation.

2. Subacromial-subdeltoid bursitis. Mild infraspinatus tendinosis.
""")

rep("pr-adrenal-gallbladder", "procedure", "MRI ABDOMEN WITHOUT AND WITH CONTRAST", "2026-09-15",
    "present", [S("mass", "adrenal", "right", "present", "MR", 41),
                S("incidental", "gallbladder", None, "present")], """
EXAM: MRI ABDOMEN WITHOUT AND WITH CONTRAST

HISTORY: 52-year-old woman with resistant hypertension and episodic headaches; right adrenal mass
with elevated plasma metanephrines. Intermittent right upper quadrant pain.

TECHNIQUE: Axial and coronal T2, in- and opposed-phase T1, diffusion, and dynamic post-contrast
T1 fat-saturated images.

COMPARISON: None.

FINDINGS:

Adrenal glands: A 4.1 cm right adrenal mass is markedly T2 hyperintense ("light bulb") with avid
heterogeneous enhancement and a coarse calcification at its inferior margin, dark on all
sequences. No signal loss on opposed-phase images. Left adrenal normal.

Gallbladder: Several calcified gallstones up to 11 mm, seen as signal voids in the dependent
gallbladder; mild wall thickening without pericholecystic fluid.

Bile ducts: Common bile duct 5 mm without filling defect.

Liver: Normal size. Focal fatty sparing near the gallbladder fossa.

Kidneys: Normal. No hydronephrosis.

Pancreas and spleen: Normal.

Vessels: The right adrenal vein is not separately seen; the IVC is not invaded.

IMPRESSION:

1. 4.1 cm right adrenal mass with marked T2 hyperintensity and coarse calcification; with the
biochemistry, consistent with pheochromocytoma.

2. Cholelithiasis with mild gallbladder wall thickening, possibly chronic cholecystitis.
""")

rep("pr-femur-curettage", "procedure", "MRI LEFT FEMUR WITHOUT AND WITH CONTRAST", "2026-08-20",
    "possible", [S("bone", "thigh", "left", "possible", "MR", 47)], """
EXAM: MRI LEFT FEMUR WITHOUT AND WITH CONTRAST

HISTORY: 38-year-old woman with left proximal thigh pain for a year; known lesion on radiographs.
Orthopedic oncology consultation for curettage.

TECHNIQUE: Coronal T1 and STIR of the femur, axial T1, T2 fat-saturated and post-contrast T1
fat-saturated images.

COMPARISON: Radiographs left femur 2026-08-05.

FINDINGS:

A 4.7 cm lobulated intramedullary lesion in the proximal left femoral diaphysis is T1
hypointense and lobular T2 hyperintense, with scattered low-signal foci in a chondroid pattern.
Thin septal enhancement. Mild endosteal scalloping anteriorly. No cortical breach, periosteal
reaction or soft-tissue extension. No marrow edema.

Hip: Normal femoral head and acetabular cartilage. Small effusion. Mild gluteus medius
tendinosis.

Muscles: Normal quadriceps and adductors.

Pelvis, partially imaged: Normal bone marrow. No adenopathy.

Vessels: Normal flow voids in the femoral vessels.

IMPRESSION:

1. 4.7 cm proximal left femoral intramedullary cartilaginous lesion with possible chondroid
matrix; enchondroma favored, atypical cartilaginous tumor not excluded given pain.

2. Mild gluteus medius tendinosis.
""")


# ============================================================== calcified-body (P19)

rep("cb-vm-phleboliths", "calcified-body", "MRI LEFT FOREARM WITHOUT AND WITH CONTRAST",
    "2026-09-26", "present", [S("mass", "forearm", "left", "present", "MR", 50)], """
EXAM: MRI LEFT FOREARM WITHOUT AND WITH CONTRAST

HISTORY: 29-year-old woman with a soft compressible volar forearm swelling since childhood,
painful after exercise.

TECHNIQUE: Axial T1, axial and coronal STIR, axial T2 fat-saturated, axial gradient echo, and
time-resolved and delayed post-contrast T1 fat-saturated images.

COMPARISON: None.

FINDINGS:

Lesion: A 5.0 x 2.4 cm lobulated T2 hyperintense lesion in the subcutaneous fat of the volar
forearm, composed of tubular and saccular channels with fluid-fluid levels. No arterial-phase
enhancement; slow progressive enhancement on delayed images. The lesion contains several round
foci of signal void with blooming on gradient-echo images, typical of phleboliths. There is no
intramuscular extension; the fascia is intact.

Tendons: The flexor tendons are normal.

Nerves: The median and ulnar nerves are normal in size and signal.

Bones: The radius and ulna show normal marrow signal. No periosteal reaction.

Joints: The wrist and elbow joints at the edges of the field are unremarkable.

IMPRESSION:

1. 5.0 cm subcutaneous low-flow venous malformation of the volar left forearm with phleboliths.

2. No muscle, nerve or bone involvement.
""")
variant("cb-vm-phleboliths", "cb-vm-flow", "not mentioned", [],
        [("No arterial-phase enhancement; slow progressive enhancement on delayed images. The "
          "lesion "
          "contains several round foci of signal void with blooming on gradient-echo images, "
          "typical of phleboliths.",
          "Early arterial-phase enhancement of enlarged feeding vessels. The lesion contains "
          "several tubular flow voids on spin-echo images, in enlarged draining veins."),
         ("1. 5.0 cm subcutaneous low-flow venous malformation of the volar left forearm with "
          "phleboliths.",
          "1. 5.0 cm subcutaneous vascular malformation of the volar left forearm with a high-flow "
          "component; arteriovenous malformation should be considered.")])

rep("cb-hip-bodies", "calcified-body", "MRI RIGHT HIP WITHOUT AND WITH CONTRAST", "2026-10-08",
    "present", [S("mass", "hip", "right", "present", "MR", 45)], """
EXAM: MRI RIGHT HIP WITHOUT AND WITH CONTRAST

HISTORY: 42-year-old man with right hip pain, locking and reduced range of motion.

TECHNIQUE: Coronal T1 and STIR of the pelvis, axial oblique, coronal and sagittal PD
fat-saturated images of the right hip, post-contrast T1 fat-saturated images.

COMPARISON: None.

FINDINGS:

Joint: The right hip joint is distended by synovial proliferation, about 4.5 cm in extent along
the femoral neck, with numerous intra-articular osteochondral bodies of similar size, low in signal
on all sequences, consistent with synovial osteochondromatosis. Mild enhancing synovitis. Pressure
erosion of the femoral neck cortex.

Cartilage: Mild thinning of the superior acetabular cartilage.

Labrum: Degenerative signal without a discrete tear.

Bones: No avascular necrosis or fracture. Normal left hip.

Tendons and bursae: The iliopsoas bursa is distended and communicates with the joint. Gluteal
tendons and hamstring origins intact.

Other: No pelvic adenopathy. Normal bladder.

IMPRESSION:

1. Primary synovial osteochondromatosis of the right hip with numerous osteochondral bodies and
femoral neck pressure erosion.

2. Communicating iliopsoas bursal distension.
""")
variant("cb-hip-bodies", "cb-hip-rice", "not mentioned", [],
        [("with numerous intra-articular osteochondral bodies of similar size, low in signal on "
          "all "
          "sequences, consistent with synovial osteochondromatosis.",
          "with numerous small rice bodies, intermediate on T1 and low on T2, consistent with "
          "rice-body synovitis."),
         ("1. Primary synovial osteochondromatosis of the right hip with numerous osteochondral "
          "bodies and femoral neck pressure erosion.",
          "1. Synovitis of the right hip with innumerable rice bodies and femoral neck pressure "
          "erosion; inflammatory arthritis or mycobacterial infection should be considered.")])

rep("cb-hemangioma", "calcified-body", "MRI RIGHT THIGH WITHOUT AND WITH CONTRAST", "2026-08-09",
    "present", [S("mass", "thigh", "right", "present", "MR", 63)], """
EXAM: MRI RIGHT THIGH WITHOUT AND WITH CONTRAST

HISTORY: 31-year-old woman with intermittent swelling and aching of the medial right thigh; the
lump changes in size.

TECHNIQUE: Axial T1, axial and coronal STIR, axial T2 fat-saturated, axial gradient echo and
post-contrast T1 fat-saturated images.

COMPARISON: None.

FINDINGS:

A 6.3 cm ill-defined intramuscular lesion in the right vastus medialis is composed of serpiginous
T2 hyperintense vascular channels interspersed with fat, with progressive enhancement. Several
phleboliths are present within the lesion. Mild edema of the surrounding muscle. The lesion does
not involve the femur or the knee joint.

The superficial femoral artery and vein are patent, with normal flow voids, and are not involved.

The quadriceps tendon and patella are normal. The hamstrings and adductors are normal.

Inguinal lymph nodes are normal.

Partially imaged pelvis: Normal bladder and uterus.

IMPRESSION:

1. 6.3 cm intramuscular hemangioma (venous malformation) of the right vastus medialis.

2. No osseous or articular involvement.
""")
variant("cb-hemangioma", "cb-hemangioma-pelvis", "present",
        [S("mass", "thigh", "right", "absent", "MR", 63),
         S("incidental", "pelvis", None, "present")],
        [("Several phleboliths are present within the lesion.",
          "No phleboliths are present within the lesion."),
         ("Partially imaged pelvis: Normal bladder and uterus.",
          "Partially imaged pelvis: Normal bladder and uterus. Several phleboliths in the pelvic "
          "veins.")])

rep("cb-knee-chondromatosis", "calcified-body", "MRI RIGHT KNEE WITHOUT CONTRAST", "2026-10-03",
    "possible", [S("mass", "knee", "right", "possible", "MR", 60)], """
EXAM: MRI RIGHT KNEE WITHOUT CONTRAST

HISTORY: 39-year-old man with right knee swelling and intermittent locking for a year.

TECHNIQUE: Sagittal PD and PD fat-saturated, coronal T1 and PD fat-saturated, axial PD
fat-saturated and sagittal gradient-echo images.

COMPARISON: None.

FINDINGS:

Joint: The suprapatellar recess and posterior joint recesses are distended by innumerable
intra-articular bodies of uniform size, 3 to 6 mm, low in signal on all sequences, occupying an
area of about 6 cm, with synovial thickening. These are consistent with primary synovial
chondromatosis. No blooming to suggest hemosiderin.

Menisci: Intact.

Ligaments: Intact cruciate and collateral ligaments.

Cartilage: Mild patellofemoral chondral thinning.

Bones: Small pressure erosion of the posterior femoral condyle. No marrow edema.

Extensor mechanism: Normal.

Popliteal fossa: A 2 cm popliteal cyst containing similar bodies. The popliteal vessels show
normal flow voids.

IMPRESSION:

1. Primary synovial chondromatosis of the right knee with innumerable intra-articular bodies,
extending into a popliteal cyst.

2. Small posterior femoral condyle pressure erosion.
""")

rep("cb-knee-oa-body", "calcified-body", "MRI LEFT KNEE WITHOUT CONTRAST", "2026-06-30",
    "present", [S("incidental", "knee", "left", "present", "MR", 7)], """
EXAM: MRI LEFT KNEE WITHOUT CONTRAST

HISTORY: 66-year-old man with chronic left knee pain and occasional catching.

TECHNIQUE: Sagittal PD and PD fat-saturated, coronal T1 and PD fat-saturated and axial PD
fat-saturated images.

COMPARISON: Left knee radiographs 2026-05-12.

FINDINGS:

Menisci: Complex degenerative tear of the body and posterior horn of the medial meniscus with
extrusion of 4 mm. Lateral meniscus intact.

Cartilage: Full-thickness cartilage loss of the medial femoral condyle and medial tibial plateau
with subchondral edema. Grade 2 patellofemoral chondrosis.

Ligaments: Mucoid degeneration of the anterior cruciate ligament; intact. Posterior cruciate and
collateral ligaments intact.

Joint: Moderate effusion. A 7 mm calcified osteochondral loose body in the posterior intercondylar
notch. A 3 cm popliteal cyst.

Bones: Marginal osteophytes in all compartments. No fracture.

Extensor mechanism: Quadriceps tendinosis.

IMPRESSION:

1. Tricompartmental osteoarthritis, most severe medially, with degenerative medial meniscal tear
and extrusion.

2. 7 mm loose body in the intercondylar notch.

3. Moderate effusion and popliteal cyst.
""")

rep("cb-falx-meningioma", "calcified-body", "MRI BRAIN WITHOUT AND WITH CONTRAST", "2026-07-28",
    "possible", [S("mass", "brain", None, "possible", "MR", 24)], """
EXAM: MRI BRAIN WITHOUT AND WITH CONTRAST

HISTORY: 72-year-old woman with headaches and mild memory decline.

TECHNIQUE: Sagittal 3D T1, axial T2, FLAIR, diffusion, SWI and post-contrast 3D T1 images.

COMPARISON: None.

FINDINGS:

Extra-axial: A 2.4 cm dural-based mass arises from the anterior falx cerebri, with homogeneous
enhancement and a dural tail. It is largely T2 hypointense with dense foci of blooming on SWI,
which may reflect psammomatous calcification. Mild mass effect on the medial frontal lobes
without edema.

Brain parenchyma: Confluent periventricular and deep white matter FLAIR hyperintensities
(Fazekas grade 2). An old lacunar infarct in the right putamen. Mild generalized volume loss with
hippocampal volumes preserved for age.

Ventricles: Mildly prominent, in proportion to the sulci.

Vessels: Normal intracranial flow voids.

Sella and pituitary: Partially empty sella.

Orbits, sinuses and mastoids: Bilateral lens replacements. Clear sinuses and mastoid air cells.

IMPRESSION:

1. 2.4 cm anterior falcine meningioma with possible psammomatous calcification; no edema.

2. Moderate chronic small vessel ischemic disease and an old right putaminal lacune.
""")

rep("cb-vm-blooming", "calcified-body", "MRI RIGHT CALF WITHOUT AND WITH CONTRAST", "2026-05-19",
    "possible", [S("mass", "leg", "right", "possible", "MR", 38)], """
EXAM: MRI RIGHT TIBIA AND FIBULA WITHOUT AND WITH CONTRAST

HISTORY: 19-year-old man with right calf pain after sport and a soft mass in the soleus.

TECHNIQUE: Axial T1, axial and coronal STIR, axial T2 fat-saturated, axial gradient echo and
post-contrast T1 fat-saturated images.

COMPARISON: None.

FINDINGS:

A 3.8 cm lobulated lesion within the right soleus is T2 hyperintense with internal septations
and fluid-fluid levels and shows slow patchy enhancement. Foci of blooming on the gradient-echo
images within its dependent part are typical of phleboliths or thrombi. A prominent draining vein
extends to the posterior tibial veins, which are patent.

The gastrocnemius and tibialis posterior muscles are normal. No muscle edema beyond the lesion.

Bones: The tibia and fibula are normal. No periosteal reaction.

Tendons: The Achilles tendon is normal.

Other: No popliteal cyst. Normal popliteal artery flow void.

IMPRESSION:

1. 3.8 cm intramuscular low-flow venous malformation of the right soleus with phleboliths or
thrombi.

2. No osseous involvement.
""")


# ============================================================== evidence-source (P20)

rep("ev-gluteal-addendum", "evidence-source", "MRI PELVIS WITHOUT AND WITH CONTRAST",
    "2026-10-11", "present", [S("mass", "buttock", "left", "present", "MR", 43)], """
EXAM: MRI PELVIS WITHOUT AND WITH CONTRAST

HISTORY: 63-year-old woman with a deep left buttock mass and sciatica.

TECHNIQUE: Axial T1, axial and coronal STIR, axial T2 fat-saturated and post-contrast T1
fat-saturated images of the pelvis and proximal thighs.

COMPARISON: None.

FINDINGS:

Soft tissues: A 4.3 cm heterogeneous mass within the left gluteus maximus, deep to the fascia,
with peripheral low-signal foci and nodular enhancement. It abuts the sciatic nerve at the
greater sciatic notch without encasement.

Bones: Normal marrow signal of the pelvis and proximal femora. Mild degenerative changes of the
sacroiliac joints.

Hips: Mild bilateral osteoarthritis with small effusions.

Pelvic organs: A 2.5 cm subserosal uterine fibroid. Normal ovaries. Normal bladder.

Lymph nodes: No pelvic or inguinal adenopathy.

IMPRESSION:

1. 4.3 cm enhancing mass in the left gluteus maximus abutting the sciatic nerve; soft-tissue
sarcoma cannot be excluded. Tissue sampling is recommended.

ADDENDUM: On review of the gradient-echo images, the peripheral low-signal foci in the left
gluteal mass represent coarse calcification. Discussed with the referring physician on
2026-10-12.
""")
variant("ev-gluteal-addendum", "ev-gluteal-hemosiderin", "absent",
        [S("mass", "buttock", "left", "absent", "MR", 43)],
        [("represent coarse calcification.",
          "represent hemosiderin from prior hemorrhage; there is no calcification.")])

rep("ev-flank-impression", "evidence-source", "MRI ABDOMEN WITHOUT AND WITH CONTRAST",
    "2026-10-24", "present", [S("mass", "flank", "right", "present", "MR", 60)], """
EXAM: MRI ABDOMEN WITHOUT AND WITH CONTRAST

HISTORY: 54-year-old man with a palpable right flank mass and weight loss.

TECHNIQUE: Axial and coronal T2, axial T1 in- and opposed-phase, diffusion, SWI with phase
images, and dynamic post-contrast T1 fat-saturated images.

COMPARISON: None.

FINDINGS:

Right flank: A 6.0 cm heterogeneous mass in the right flank musculature (quadratus lumborum and
posterior abdominal wall), with internal foci of susceptibility on SWI and heterogeneous
enhancement. It abuts the posterior right kidney with a preserved fat plane.

Kidneys: Normal, apart from a 1.5 cm simple cyst in the left kidney.

Liver: A few subcentimeter T2 bright lesions, likely cysts.

Adrenal glands, pancreas and spleen: Normal.

Retroperitoneum: No adenopathy. The IVC and aorta show normal flow voids.

Bones: Normal marrow signal of the lumbar spine and ribs.

IMPRESSION:

1. 6.0 cm right flank mass with internal calcification on SWI (phase images confirm diamagnetic
foci); sarcoma is the main concern. CT-guided biopsy is recommended after CT characterization.

2. Simple left renal cyst.
""")
variant("ev-flank-impression", "ev-flank-hemosiderin", "not mentioned", [],
        [("6.0 cm right flank mass with internal calcification on SWI (phase images confirm "
          "diamagnetic foci); sarcoma is the main concern. CT-guided biopsy is recommended "
          "after CT "
          "characterization.",
          "6.0 cm right flank mass with internal susceptibility on SWI; the phase images indicate "
          "paramagnetic foci, in keeping with hemosiderin. Sarcoma is the main concern; CT-guided "
          "biopsy is recommended.")])


# ============================================================== mixed: ordinary cases

rep("mx-pancreatitis", "mixed", "MRI ABDOMEN WITH MRCP WITHOUT AND WITH CONTRAST", "2026-09-11",
    "present", [S("organ", "pancreas", None, "present")], """
EXAM: MRI ABDOMEN WITH MRCP WITHOUT AND WITH CONTRAST

HISTORY: 51-year-old man with alcohol-related chronic pancreatitis and worsening epigastric
pain.

TECHNIQUE: Axial and coronal T2, 3D MRCP, in- and opposed-phase T1, T1 fat-saturated,
diffusion and dynamic post-contrast images.

COMPARISON: None.

FINDINGS:

Pancreas: Atrophic pancreas with decreased T1 signal and delayed enhancement. Innumerable
punctate parenchymal calcifications throughout the head and body, seen as signal voids on T1 and
T2. The main duct is dilated to 7 mm with a chain-of-lakes appearance and dilated side branches.
A 3.1 cm thin-walled pseudocyst abuts the pancreatic tail.

Biliary: Mild smooth narrowing of the intrapancreatic common bile duct with upstream dilatation
to 9 mm. Normal gallbladder without stones.

Liver: Mild steatosis. No focal lesion.

Vessels: The splenic vein is patent. No pseudoaneurysm.

Spleen, kidneys and adrenals: Normal.

Other: Trace perihepatic fluid.

IMPRESSION:

1. Chronic calcific pancreatitis with main duct dilatation and a 3.1 cm tail pseudocyst.

2. Distal common bile duct stricture with mild upstream biliary dilatation.
""")
variant("mx-pancreatitis", "mx-pancreatitis-gallstones", "present",
        [S("organ", "pancreas", None, "absent"), S("incidental", "gallbladder", None, "present")],
        [("Innumerable punctate parenchymal calcifications throughout the head and body, seen as "
          "signal voids on T1 and T2.", "No parenchymal calcification."),
         ("Normal gallbladder without stones.",
          "Several calcified gallstones, seen as signal voids on T2, without wall thickening."),
         ("1. Chronic calcific pancreatitis", "1. Chronic pancreatitis")])

rep("mx-rectal-mixed", "mixed", "MRI PELVIS RECTAL CANCER STAGING", "2026-10-28", "possible",
    [S("node", "mesorectum", None, "possible", "MR", 6)], """
EXAM: MRI PELVIS RECTAL CANCER STAGING PROTOCOL

HISTORY: 66-year-old man with upper rectal adenocarcinoma on colonoscopy.

TECHNIQUE: Sagittal T2, oblique axial and oblique coronal high-resolution T2, and axial diffusion
images. No intravenous contrast.

COMPARISON: None.

FINDINGS:

Primary tumor: Annular polypoid tumor of the upper rectum, 11 to 15 cm from the anal verge, 5 cm
in length, with extramural spread of 1 mm at 2 o'clock (T3a). The mesorectal fascia is clear by
9 mm. Above the peritoneal reflection anteriorly, without peritoneal involvement. No extramural
venous invasion.

Lymph nodes: A 6 mm mesorectal lymph node at the level of the tumor shows mixed signal intensity
with an irregular border, suspicious. No lateral pelvic sidewall or inguinal adenopathy.

Other: Prostate enlarged with a PI-RADS 2 appearance of the peripheral zone. Seminal vesicles
normal. Small bilateral fat-containing inguinal hernias.

Bones: Degenerative changes of the lower lumbar spine.

IMPRESSION:

1. Upper rectal adenocarcinoma, mrT3a, MRF clear, EMVI negative.

2. One suspicious 6 mm mesorectal node with mixed signal (mrN1).
""")
variant("mx-rectal-mixed", "mx-rectal-benign-node", "not mentioned", [],
        [("shows mixed signal intensity with an irregular border, suspicious.",
          "has homogeneous signal and a smooth border, likely benign."),
         ("2. One suspicious 6 mm mesorectal node with mixed signal (mrN1).",
          "2. No suspicious lymph nodes (mrN0).")])

rep("mx-peds-flank", "mixed", "MRI ABDOMEN WITHOUT AND WITH CONTRAST", "2026-09-03", "present",
    [S("mass", "retroperitoneum", "left", "present", "MR", 71)], """
EXAM: MRI ABDOMEN WITHOUT AND WITH CONTRAST (SEDATION)

HISTORY: 4-year-old girl with a palpable left abdominal mass, irritability and weight loss.

TECHNIQUE: Axial and coronal T2, axial T1, diffusion, and post-contrast T1 fat-saturated images
under general anesthesia.

COMPARISON: Abdominal ultrasound 2026-08-30.

FINDINGS:

Retroperitoneum: A 7.1 cm heterogeneous left suprarenal retroperitoneal mass crosses the midline
behind the aorta and encases the celiac axis and superior mesenteric artery without narrowing
them. It contains internal calcifications, signal void on all sequences, and restricts diffusion.
It displaces the left kidney inferolaterally without a claw sign.

Kidneys: Normal right kidney. The left kidney is displaced but intact.

Liver: No focal lesion.

Lymph nodes: Enlarged left para-aortic lymph nodes up to 1.4 cm.

Bones: Heterogeneous marrow signal in the lumbar vertebral bodies and both iliac bones, concerning
for marrow involvement.

Spinal canal: No intraspinal extension.

IMPRESSION:

1. 7.1 cm left suprarenal retroperitoneal mass with calcifications and vascular encasement, most
consistent with neuroblastoma.

2. Possible marrow involvement; MIBG scintigraphy is suggested.
""")
variant("mx-peds-flank", "mx-peds-flank-wilms", "absent",
        [S("mass", "kidney", "left", "absent", "MR", 71)],
        [("A 7.1 cm heterogeneous left suprarenal retroperitoneal mass crosses the midline behind "
          "the aorta and encases the celiac axis and superior mesenteric artery without narrowing "
          "them. It contains internal calcifications, signal void on all sequences, and restricts "
          "diffusion. It displaces the left kidney inferolaterally without a claw sign.",
          "A 7.1 cm heterogeneous mass arises from the upper pole of the left kidney with a claw "
          "sign, displacing but not encasing the aorta and mesenteric vessels. It contains no "
          "calcification or fat and restricts diffusion."),
         ("Kidneys: Normal right kidney. The left kidney is displaced but intact.",
          "Kidneys: Normal right kidney. The left renal vein and the inferior vena cava are "
          "patent, "
          "without tumor thrombus. The contralateral kidney shows no nephrogenic rest."),
         ("1. 7.1 cm left suprarenal retroperitoneal mass with calcifications and vascular "
          "encasement, most consistent with neuroblastoma.",
          "1. 7.1 cm left renal mass without calcification, most consistent with Wilms tumor.")])

rep("mx-myositis", "mixed", "MRI RIGHT ARM WITHOUT AND WITH CONTRAST", "2026-10-25", "possible",
    [S("mass", "arm", "right", "ossification", "MR", 34)], """
EXAM: MRI RIGHT HUMERUS WITHOUT AND WITH CONTRAST

HISTORY: 22-year-old man with a painful firm anterior right arm swelling four weeks after a
rugby injury.

TECHNIQUE: Axial T1, axial and coronal STIR, axial T2 fat-saturated, axial gradient echo and
post-contrast T1 fat-saturated images.

COMPARISON: None.

FINDINGS:

Muscle: A 3.4 cm intramuscular lesion in the right brachialis has a central T2 hyperintense
enhancing core and a peripheral rim of low signal on all sequences; ossification versus
calcification cannot be distinguished on MRI. Extensive surrounding muscle edema.

Bone: The adjacent anterior humeral cortex is intact with mild periosteal edema but no
periosteal reaction or marrow invasion.

Neurovascular: The brachial artery and median nerve are separate from the lesion.

Elbow: Small effusion.

Other muscles: Biceps and triceps normal.

IMPRESSION:

1. 3.4 cm brachialis lesion with a peripheral rim of low signal, most consistent with evolving
myositis ossificans; a parosteal or soft-tissue osteosarcoma is less likely. CT would show the
zonal pattern.

2. Reactive muscle edema.
""")
variant("mx-myositis", "mx-myositis-hematoma", "not mentioned", [],
        [("has a central T2 hyperintense enhancing core and a peripheral rim of low signal on all "
          "sequences; ossification versus calcification cannot be distinguished on MRI.",
          "is a central T1 hyperintense fluid collection with a peripheral hemosiderin rim that "
          "blooms on gradient-echo images and a thin enhancing wall."),
         ("1. 3.4 cm brachialis lesion with a peripheral rim of low signal, most consistent with "
          "evolving myositis ossificans; a parosteal or soft-tissue osteosarcoma is less likely. "
          "CT would show the zonal pattern.",
          "1. 3.4 cm subacute intramuscular hematoma of the brachialis, in keeping with the recent "
          "injury; no solid enhancing component. Follow-up MRI to resolution in six to eight "
          "weeks is suggested.")])

rep("mx-popliteal-void", "mixed", "MRI RIGHT KNEE WITHOUT AND WITH CONTRAST", "2026-09-17",
    "possible", [S("mass", "knee", "right", "signal-void", "MR", 35)], """
EXAM: MRI RIGHT KNEE WITHOUT AND WITH CONTRAST

HISTORY: 57-year-old woman with a firm mass behind the right knee; not a Baker cyst on
ultrasound.

TECHNIQUE: Sagittal PD and PD fat-saturated, coronal T1 and PD fat-saturated, axial T2
fat-saturated and post-contrast T1 fat-saturated images.

COMPARISON: Ultrasound right popliteal fossa 2026-09-01.

FINDINGS:

Popliteal fossa: A 3.5 cm solid mass in the popliteal fossa lies between the medial head of the
gastrocnemius and the semimembranosus, with heterogeneous T2 signal and avid enhancement, and a
central focus of signal void on all sequences. The popliteal artery and vein are displaced
laterally but patent; the tibial nerve is separate.

Joint: Small effusion. No popliteal cyst.

Menisci and ligaments: Intact. Mild medial meniscal degeneration.

Cartilage: Mild patellofemoral chondrosis.

Bones: Normal marrow signal.

IMPRESSION:

1. 3.5 cm enhancing solid popliteal fossa mass with a central signal void; nerve sheath tumor or
sarcoma. Further characterization is suggested.

2. Mild patellofemoral chondrosis.
""")
variant("mx-popliteal-void", "mx-popliteal-flow", "not mentioned", [],
        [("with heterogeneous T2 signal and avid enhancement, and a central focus of signal "
          "void on "
          "all sequences.",
          "with heterogeneous T2 signal and avid enhancement; the adjacent focal signal void is a "
          "flow void in a geniculate artery branch."),
         ("solid popliteal fossa mass with a central signal void;", "solid popliteal fossa mass;")])

rep("mx-coronary", "mixed", "CARDIAC MRI WITHOUT AND WITH CONTRAST", "2026-09-05", "present",
    [S("vessel", "coronary-arteries", None, "present")], """
EXAM: CARDIAC MRI FOR STRUCTURE AND FUNCTION WITHOUT AND WITH CONTRAST

HISTORY: 71-year-old man with atypical chest pain and a right lower lobe nodule under
surveillance.

TECHNIQUE: Cine SSFP, T2 STIR, native T1 mapping, and late gadolinium enhancement images.

COMPARISON: Echocardiogram 2026-07-02.

FINDINGS:

Left ventricle: Normal size and wall thickness. Ejection fraction 61%. No regional wall motion
abnormality. Native T1 values normal.

Late enhancement: None.

Right ventricle: Normal.

Valves: Trileaflet aortic valve with mild thickening; no stenosis. Trace mitral regurgitation.

Coronary arteries: Dense calcification of the proximal left anterior descending and right
coronary arteries, seen as signal void on the bright-blood images.

Pericardium: Normal. No effusion.

Aorta: Ascending aorta 38 mm.

Extracardiac: The 8 mm right lower lobe nodule is partially imaged.

IMPRESSION:

1. Normal biventricular size and function without infarct or fibrosis.

2. Coronary artery calcification of the LAD and RCA; CT calcium scoring or CT coronary
angiography would quantify it.

3. Mildly dilated ascending aorta.
""")

rep("mx-prostate", "mixed", "MRI PROSTATE WITHOUT AND WITH CONTRAST", "2026-08-14", "present",
    [S("incidental", "prostate", None, "present")], """
EXAM: MRI PROSTATE WITHOUT AND WITH CONTRAST (MULTIPARAMETRIC)

HISTORY: 64-year-old man with PSA 7.8 ng/mL and a negative prior systematic biopsy.

TECHNIQUE: Axial, sagittal and coronal T2, diffusion (b 50, 800, 1400) with ADC, and dynamic
contrast-enhanced images at 3 T.

COMPARISON: None.

FINDINGS:

Prostate volume: 48 mL. PSA density 0.16.

Peripheral zone: A 1.3 cm lesion in the left posterolateral peripheral zone at the mid gland is
T2 hypointense and lenticular, markedly hypointense on ADC and hyperintense at high b-value, with
early focal enhancement. PI-RADS 4. Contact with the capsule without bulge or extraprostatic
extension.

Transition zone: Nodular benign prostatic hyperplasia. Coarse calcifications between the
transition and peripheral zones, seen as signal voids, consistent with corpora amylacea.

Seminal vesicles: Normal.

Neurovascular bundles: Symmetric.

Lymph nodes: No pelvic adenopathy.

Bones: No suspicious marrow lesion.

Bladder: Mild trabeculation.

IMPRESSION:

1. PI-RADS 4 lesion of the left mid-gland peripheral zone; targeted biopsy is recommended.

2. Benign prostatic hyperplasia.
""")

rep("mx-liver-negative", "mixed", "MRI LIVER WITHOUT AND WITH CONTRAST", "2026-06-09", "absent",
    [S("mass", "liver", None, "absent", "MR", 52)], """
EXAM: MRI LIVER WITHOUT AND WITH CONTRAST

HISTORY: 45-year-old woman with a liver lesion on ultrasound; no known malignancy.

TECHNIQUE: Axial and coronal T2, in- and opposed-phase T1, diffusion, and dynamic post-contrast
images after gadoxetate with 20-minute hepatobiliary phase.

COMPARISON: Ultrasound abdomen 2026-05-20.

FINDINGS:

Liver: A 5.2 cm lobulated lesion in segment 4a is slightly T2 hyperintense with a central T2
bright scar, isointense on the hepatobiliary phase with a hypointense scar, and homogeneous
arterial enhancement. There is no calcification, capsule, ring enhancement or washout. Two small
cysts in segment
7. No steatosis.

Biliary: Normal.

Gallbladder: Normal.

Pancreas, spleen, kidneys and adrenals: Normal.

Vessels: Patent portal and hepatic veins. Replaced right hepatic artery arising from the
superior mesenteric artery, relevant if surgery is ever considered.

Lymph nodes: A few normal portocaval nodes.

IMPRESSION:

1. 5.2 cm segment 4a lesion with a central scar and hepatobiliary-phase retention, diagnostic of
focal nodular hyperplasia. No follow-up needed.

2. Simple hepatic cysts.
""")

rep("mx-brain-ring", "mixed", "MRI BRAIN WITHOUT AND WITH CONTRAST", "2026-07-03",
    "not mentioned", [], """
EXAM: MRI BRAIN WITHOUT AND WITH CONTRAST

HISTORY: 59-year-old man with new left arm weakness and a history of lung adenocarcinoma.

TECHNIQUE: Sagittal 3D T1, axial T2, FLAIR, diffusion, SWI and post-contrast 3D T1 images.

COMPARISON: Head CT 2026-07-01.

FINDINGS:

A 2.2 cm ring-enhancing lesion at the right frontoparietal gray-white junction with thick
irregular enhancement and extensive surrounding vasogenic edema. Central necrosis without
restricted diffusion. A small amount of blood product along its wall blooms on SWI, in keeping
with hemorrhage. Two further punctate enhancing lesions in the left cerebellar hemisphere and the
left occipital lobe.

Mild mass effect on the right lateral ventricle with 3 mm leftward midline shift. No
hydrocephalus.

The major intracranial flow voids are preserved. No venous sinus thrombosis.

Mild chronic small vessel changes. No acute infarct.

Orbits and sinuses: Normal.

IMPRESSION:

1. Three enhancing intra-axial lesions, the largest 2.2 cm in the right frontoparietal lobe with
hemorrhage and vasogenic edema, consistent with metastases in this patient with lung cancer.

2. 3 mm midline shift; no hydrocephalus.
""")


# ============================================================== further rows (report level only)

rep("am-crowned-dens", "adequate-modality", "MRI CERVICAL SPINE WITHOUT CONTRAST", "2026-07-14",
    "present", [S("joint", "cervical-spine", None, "present")], """
EXAM: MRI CERVICAL SPINE WITHOUT CONTRAST

HISTORY: 79-year-old woman with acute neck pain, fever and raised inflammatory markers;
meningitis was excluded.

TECHNIQUE: Sagittal T1, T2 and STIR, axial T2 and gradient echo images from the skull base to
T2.

COMPARISON: None.

FINDINGS:

Craniocervical junction: Periodontoid soft-tissue thickening behind the dens, 7 mm, with
curvilinear low-signal deposits around the tip of the dens and in the transverse ligament on all
sequences, a crowned-dens appearance, compatible with calcium pyrophosphate deposition. Mild
edema of the dens without erosion or fracture. No epidural collection.

Alignment: Mild degenerative anterolisthesis of C4 on C5.

Discs and canal: Multilevel disc osteophyte complexes from C4 to C7 with mild canal narrowing and
moderate left foraminal narrowing at C5-C6. No cord compression.

Spinal cord: Normal signal.

Prevertebral soft tissues: Mild prevertebral edema at C1-C2, reactive.

Vessels: Normal vertebral artery flow voids.

IMPRESSION:

1. Crowned dens with periodontoid deposits, consistent with CPPD (crowned dens syndrome), which
explains the acute neck pain and fever.

2. Multilevel cervical spondylosis, moderate left C5-C6 foraminal narrowing.
""")

rep("am-elbow-us", "adequate-modality", "MRI RIGHT ELBOW WITHOUT CONTRAST", "2026-06-24",
    "not mentioned", [S("tendon", "elbow", "right", "present", "US", 6)], """
EXAM: MRI RIGHT ELBOW WITHOUT CONTRAST

HISTORY: 45-year-old man with lateral right elbow pain for eight months despite two injections.

TECHNIQUE: Axial PD fat-saturated and T1, coronal PD fat-saturated and T1, sagittal T2
fat-saturated images.

COMPARISON: Ultrasound right elbow 2026-05-30.

FINDINGS:

Common extensor origin: Thickened and intermediate in signal with a partial-thickness tear of the
deep fibers of the extensor carpi radialis brevis, about 40% of the thickness. The 6 mm calcific
deposit at the enthesis described on the ultrasound of 2026-05-30 is seen as a small focus of
low signal.

Lateral ulnar collateral ligament: Intact.

Common flexor origin and ulnar collateral ligament: Normal.

Biceps and triceps tendons: Intact.

Joint: No effusion or loose body. Cartilage preserved.

Nerves: The ulnar nerve in the cubital tunnel is normal. The radial nerve branches are normal.

Bones: Mild edema of the lateral epicondyle. No fracture.

IMPRESSION:

1. Lateral epicondylitis with a partial-thickness tear of the common extensor origin, with the
enthesis deposit described on ultrasound.

2. Lateral epicondyle edema.
""")

rep("am-knee-no-cppd", "adequate-modality", "MRI LEFT KNEE WITHOUT CONTRAST", "2026-05-06",
    "absent", [S("joint", "knee", "left", "absent")], """
EXAM: MRI LEFT KNEE WITHOUT CONTRAST

HISTORY: 68-year-old woman with an acute hot swollen left knee; evaluate for crystal arthropathy
or septic arthritis. Aspiration pending.

TECHNIQUE: Sagittal, coronal and axial PD fat-saturated, sagittal and coronal T1 images.

COMPARISON: None.

FINDINGS:

Joint: Large effusion with thickened synovium and layering debris. No intra-articular body.
No fat-fluid level to suggest an occult fracture.

Menisci: Degenerative signal in the posterior horn of the medial meniscus without a surfacing
tear. No chondrocalcinosis of the menisci or hyaline cartilage.

Cartilage: Moderate medial compartment chondral thinning.

Ligaments: Intact.

Bones: Mild subchondral edema of the medial tibial plateau. No erosion or osteomyelitis.

Soft tissues: Diffuse subcutaneous edema around the knee, most marked medially. A 3 cm popliteal
cyst with a ruptured
inferior margin and fluid tracking along the medial gastrocnemius.

IMPRESSION:

1. Large effusion with synovitis and debris; septic arthritis cannot be excluded by imaging, and
aspiration is recommended. No chondrocalcinosis.

2. Ruptured popliteal cyst.
""")

rep("pr-osteochondroma", "procedure", "MRI RIGHT TIBIA AND FIBULA WITHOUT CONTRAST", "2026-07-09",
    "absent", [S("bone", "leg", "right", "absent", "MR", 46)], """
EXAM: MRI RIGHT TIBIA AND FIBULA WITHOUT CONTRAST

HISTORY: 17-year-old boy with a hard lump at the medial proximal right leg, painful with sports.
Planned excision.

TECHNIQUE: Coronal and sagittal T1 and STIR, axial T1 and T2 fat-saturated images.

COMPARISON: Radiographs right knee 2026-06-20.

FINDINGS:

Bone: A 4.6 cm sessile osteochondroma arises from the medial proximal tibial metaphysis, pointing
away from the joint, with corticomedullary continuity with the tibia. The cartilage cap measures
4 mm, is uniform, and is not mineralized. No soft-tissue mass.

Bursa: An adventitial bursa over the osteochondroma contains a small amount of fluid.

Pes anserine tendons: Displaced posteriorly, with mild tendinosis.

Nerves and vessels: The popliteal vessels and the tibial nerve are not compressed.

Knee: Open physes. Small effusion. Menisci and ligaments intact on the included images.

Other bones: No additional exostosis in the imaged field.

IMPRESSION:

1. 4.6 cm sessile osteochondroma of the medial proximal right tibia with a 4 mm cartilage cap and
an overlying bursitis; no features of malignant transformation.

2. Pes anserine tendinosis from mass effect.
""")

rep("ot-lipoma", "order-target", "MRI LEFT SHOULDER AND UPPER ARM WITHOUT CONTRAST", "2026-06-02",
    "absent", [S("mass", "arm", "left", "absent", "MR", 83)], """
EXAM: MRI LEFT UPPER ARM WITHOUT CONTRAST

HISTORY: 56-year-old man with a soft enlarging mass over the left deltoid; excision planned.

TECHNIQUE: Axial and coronal T1, axial T2 fat-saturated and coronal STIR images, with fat
suppression and chemical-shift imaging.

COMPARISON: Radiographs left shoulder 2026-05-15.

FINDINGS:

Soft tissues: An 8.3 x 3.0 cm encapsulated lesion deep to the deltoid, between the deltoid and
the humerus, follows subcutaneous fat on all sequences, with complete suppression on
fat-saturated images and a few thin septa under 2 mm. There is no nodular or enhancing component
and no calcification on MRI or on the radiographs of 2026-05-15. The axillary nerve and posterior
circumflex vessels run along its inferior margin.

Rotator cuff: Mild supraspinatus tendinosis without tear.

Acromioclavicular joint: Mild arthrosis.

Bones: Normal humeral marrow. No periosteal reaction.

IMPRESSION:

1. 8.3 cm deep (subdeltoid) lipoma without atypical features; no findings to suggest an atypical
lipomatous tumor.

2. Mild supraspinatus tendinosis.
""")
