"""A lesion's bodies another study placed at the lesion or the clinical site are that lesion's
(P12.21): "Radiographs of the left femur: phleboliths projecting over the lateral thigh soft
tissues at the site of the palpable mass" before the excision of the vastus lateralis venous
malformation draws the planning card (P12.4: a radiograph is not adequate for a soft-tissue
mass; unseen37 e2). Cited elsewhere, beside the lesion, by a CT, or where the report describes
no lesion, they stay incidental. A generic "lesion" and the diagnosis naming it with the same
size are one lesion (P12.22)."""

from __future__ import annotations

import base64

import pytest

from cds_service.core import rules
from cds_service.core.reading import read_report, read_text
from tests.test_order_catalog import read


def report(exam: str, history: str, comparison: str, findings: str, impression: str) -> str:
    return (f"EXAM: {exam}\nHISTORY: {history}\nTECHNIQUE: Multiplanar multisequence images "
            f"before and after intravenous gadolinium.\nCOMPARISON: {comparison}\nFINDINGS:\n"
            f"{findings}\nIMPRESSION:\n{impression}\n")

THIGH = report(
    "MRI RIGHT THIGH WITHOUT AND WITH CONTRAST",
    "31-year-old woman with an enlarging, intermittently painful anteromedial thigh lump.",
    "XR FEMUR RIGHT 2 VIEWS 2026-10-03: multiple small rounded calcifications with lucent "
    "centres, consistent with phleboliths, at the site of the palpable lump.",
    "Muscles: A 7.5 x 3.0 x 2.8 cm lobulated lesion within the right vastus medialis is "
    "composed of serpiginous T2-hyperintense channels with fluid-fluid levels and slow, "
    "progressive delayed enhancement. No arterial feeders.\nBones: Normal femoral marrow.\n"
    "Joint: No knee effusion.",
    "1. 7.5 cm intramuscular venous malformation of the right vastus medialis.")
FOREARM = report(
    "MRI LEFT FOREARM WITHOUT AND WITH CONTRAST",
    "Soft, compressible volar forearm swelling, worse with dependency.",
    "Left forearm radiographs 2026-09-14.",
    "Muscles: There is a 4.1 x 2.2 x 1.9 cm lobulated T2-hyperintense lesion within the "
    "flexor digitorum superficialis with internal septations and delayed heterogeneous "
    "enhancement. The forearm radiographs of 2026-09-14 show two phleboliths corresponding to "
    "the palpable swelling.\nBones: No marrow abnormality of the radius or ulna.\n"
    "Nerves: Median nerve normal in calibre.",
    "1. 4.1 cm intramuscular venous malformation of the left flexor digitorum superficialis.")
CALF = report(
    "MRI LEFT TIBIA AND FIBULA WITHOUT AND WITH CONTRAST",
    "Calf pain with exercise; a soft mass in the medial calf.",
    "Radiographs of the left tibia and fibula (2026-08-20): two small phleboliths in the "
    "region of the lesion.",
    "Muscles: A 5.4 x 2.6 x 2.4 cm T2-hyperintense lesion with lobulated margins and "
    "fluid-fluid levels lies within the medial head of the left gastrocnemius, enhancing "
    "gradually on delayed images.\nBones: Normal tibia and fibula.\nVessels: Patent popliteal "
    "vessels.",
    "1. 5.4 cm slow-flow vascular malformation of the medial head of the left gastrocnemius.")
ARM = report(
    "MRI RIGHT HUMERUS WITHOUT AND WITH CONTRAST",
    "Anterior upper arm mass, enlarging over 2 years.",
    "None available at this institution.",
    "Soft tissues: A 4.3 x 3.8 x 2.5 cm lobulated mass within the right brachialis is T2 "
    "hyperintense with internal septations and delayed patchy enhancement. On the outside "
    "radiographs of the right humerus dated 2026-07-30, several phleboliths project over the "
    "mass.\nBones: Normal humeral marrow.\nElbow: No effusion.",
    "1. 4.3 cm intramuscular mass of the right brachialis, favouring a venous malformation.")
GLUTEAL = report(
    "MRI PELVIS (RIGHT GLUTEAL) WITHOUT AND WITH CONTRAST",
    "Right buttock swelling, painful on sitting.",
    "Ultrasound of the right buttock 2026-10-10: compressible hypoechoic channels with "
    "several phleboliths within the area of concern.",
    "Muscles: A 4.8 x 3.1 x 2.9 cm lesion in the right gluteus maximus is composed of "
    "T2-hyperintense channels and shows slow delayed enhancement. No arterial feeders.\n"
    "Bones: Normal pelvic marrow.\nPelvic organs: Unremarkable.",
    "1. 4.8 cm intramuscular venous malformation of the right gluteus maximus.")
HAND = report(
    "MRI LEFT HAND WITHOUT AND WITH CONTRAST",
    "Compressible thenar swelling.",
    "Left hand radiographs 2026-07-01: small phleboliths in the thenar soft tissues at the "
    "site of the skin marker.",
    "Muscles: A 2.3 x 1.4 x 1.2 cm lobulated T2-hyperintense lesion lies within the left "
    "abductor pollicis brevis and enhances slowly.\nBones: Normal.\nTendons: Intact.",
    "1. 2.3 cm intramuscular venous malformation of the left thenar eminence.")


NO_MASS = report(
    "MRI RIGHT THIGH WITHOUT AND WITH CONTRAST",
    "Palpable anteromedial right thigh mass; evaluate.",
    "XR FEMUR RIGHT 2 VIEWS 2026-10-03: a few small phleboliths at the site of the palpable "
    "lump.",
    "Muscles: No mass or fluid collection at the site of the palpable abnormality, which was "
    "marked with a skin capsule. The quadriceps and adductor muscles are normal in bulk and "
    "signal. Small superficial varicosities.\nBones: Normal femoral marrow.",
    "1. No soft-tissue mass at the site of palpable concern. Superficial varicosities.")
PELVIS = THIGH.replace(
    "XR FEMUR RIGHT 2 VIEWS 2026-10-03: multiple small rounded calcifications with lucent "
    "centres, consistent with phleboliths, at the site of the palpable lump.",
    "XR PELVIS AND RIGHT FEMUR 2026-10-03: scattered phleboliths in the pelvis; no soft-tissue "
    "calcification in the thigh.")
CT = THIGH.replace("XR FEMUR RIGHT 2 VIEWS 2026-10-03",
                   "CT RIGHT THIGH WITHOUT CONTRAST 2026-10-03")
BESIDE = THIGH.replace("at the site of the palpable lump",
                       "adjacent to the site of the palpable lump")
VESSEL = ARM.replace("several phleboliths project over the mass",
                          "vascular calcification projects over the mass")
TWO = THIGH.replace("Bones: Normal femoral marrow.",
                    "A separate 2.1 cm lipoma lies within the right sartorius.\n"
                    "Bones: Normal femoral marrow.").replace(
    "XR FEMUR RIGHT 2 VIEWS 2026-10-03: multiple small rounded calcifications with lucent "
    "centres, consistent with phleboliths, at the site of the palpable lump.",
    "XR FEMUR RIGHT 2 VIEWS 2026-10-03: multiple small phleboliths at the site of the palpable "
    "lump.").replace("1. 7.5 cm intramuscular venous malformation of the right vastus medialis.",
                     "1. 7.5 cm intramuscular venous malformation of the right vastus medialis. "
                     "2. 2.1 cm sartorius lipoma.")
MRI_OWN = CALF.replace(
    "Radiographs of the left tibia and fibula (2026-08-20): two small phleboliths in the "
    "region of the lesion.", "None.").replace(
    "enhancing gradually on delayed images.",
    "enhancing gradually on delayed images. Two phleboliths lie in the region of the lesion.")
EXC = "EXCISION SOFT TISSUE TUMOR THIGH SUBFASCIAL 5 CM OR GREATER RIGHT"
VARIANTS = [
    ("thigh-lump", THIGH, "EXCISION SOFT TISSUE TUMOR THIGH SUBFASCIAL 5 CM OR GREATER RIGHT",
     "27339"),
    ("forearm-swelling", FOREARM, "EXCISION TUMOR SOFT TISSUE FOREARM SUBFASCIAL LEFT", "25071"),
    ("calf-region", CALF, "US GUIDED CORE BIOPSY LEFT CALF MASS", "20206"),
    ("arm-over", ARM, "EXCISION SOFT TISSUE TUMOR UPPER ARM SUBFASCIAL RIGHT", "24076"),
    ("gluteal-area", GLUTEAL, "EXCISION TUMOR SOFT TISSUE PELVIS/HIP SUBFASCIAL RIGHT", "27048"),
    ("hand-marker", HAND, "EXCISION VASCULAR MALFORMATION LEFT HAND SUBFASCIAL", "26113"),
]
GUARDS = [
    ("no-mass-excision", NO_MASS, EXC, "27339"),
    ("no-mass-biopsy", NO_MASS, "US GUIDED CORE BIOPSY RIGHT THIGH", "20206"),
    ("pelvis", PELVIS, EXC, "27339"),
    ("ct", CT, EXC, "27339"),
    ("beside", BESIDE, EXC, "27339"),
    ("vessel", VESSEL, "EXCISION SOFT TISSUE TUMOR UPPER ARM SUBFASCIAL RIGHT", "24076"),
    ("two-lesions", TWO, EXC, "27339"),
    ("mri-own", MRI_OWN, "US GUIDED CORE BIOPSY LEFT CALF MASS", "20206"),
]


def _cards(text: str, order: str, code: str) -> list[str]:
    title = text.split("\n", 1)[0].removeprefix("EXAM: ")
    found = read_report({"resourceType": "DiagnosticReport", "id": "mr1", "status": "final",
                         "code": {"text": title}, "effectiveDateTime": "2026-11-20",
                         "subject": {"reference": "Patient/p1"},
                         "presentedForm": [{"contentType": "text/plain", "data":
                                            base64.b64encode(text.encode()).decode()}]})
    ev = rules.Evidence(reports=(found,), studies=())
    return [p.lead.rule_id for p in rules.merge(rules.evaluate(read(order, code), ev))]


@pytest.mark.parametrize(("name", "text", "order", "code"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_bodies_placed_at_the_lesion_are_its_mineral(name: str, text: str, order: str,
                                                     code: str) -> None:
    cited = [m for m in read_text(text).mentions if m.seen_on in ("XR", "US") and m.counts]
    assert cited and all(m.kind == "mass" and m.described for m in cited)
    expected = ["biopsy-calcified-mass"] if "BIOPSY" in order else ["surgical-planning"]
    assert _cards(text, order, code) == expected


@pytest.mark.parametrize(("name", "text", "order", "code"), GUARDS, ids=[g[0] for g in GUARDS])
def test_bodies_elsewhere_beside_on_ct_or_without_a_lesion_stay_silent(
        name: str, text: str, order: str, code: str) -> None:
    assert _cards(text, order, code) == []


def test_bodies_at_the_site_where_no_lesion_is_described_stay_incidental() -> None:
    cited = [m for m in read_text(NO_MASS).mentions if m.seen_on == "XR"]
    assert cited and all(m.kind == "incidental" for m in cited)


def test_a_lesion_and_its_diagnosis_of_one_size_are_one_lesion() -> None:
    cited = [m for m in read_text(THIGH).mentions if m.seen_on == "XR" and m.counts]
    assert {(m.lesion, m.size_mm, m.site, m.side) for m in cited} == {
        ("malformation", 75, "thigh", "right")}
