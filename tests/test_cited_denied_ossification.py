"""A denied diagnosis of ossification does not undo another study's calcification (P12.24;
unseen38 o1): "There is no zonal peripheral rim to suggest myositis ossificans" denies the MRI's
ossification, its own class (P7.1), not the amorphous mineralization the leg radiographs showed
"at the site of the mass"; the biopsy of that mass gets the deep-mass card, the cited radiograph
named, and the lesion is "the mass", never the diagnosis the report argues against (P2.39)."""

from __future__ import annotations

import base64

import pytest

from cds_service.core import rules
from cds_service.core.reading import read_report, read_text
from tests.test_order_catalog import read


def _report(exam: str, comparison: str, findings: str, impression: str) -> str:
    return (f"EXAM: {exam}\nHISTORY: Enlarging firm mass, no trauma.\nTECHNIQUE: Axial T1, "
            "STIR and post-gadolinium fat-saturated T1 images.\n"
            f"COMPARISON: {comparison}\nFINDINGS:\n{findings}\n"
            "Bones: No marrow lesion.\nIMPRESSION:\n"
            f"1. {impression} Recommend image-guided core biopsy.\n")


LEG = _report(
    "MRI LOWER EXTREMITY LEFT W/WO CONTRAST (LEG)", "Left tibia and fibula radiographs 2026-11-03.",
    "Muscles: A lobulated 7.4 x 4.0 x 3.2 cm intramuscular mass replaces the proximal tibialis "
    "anterior of the left leg, with avid nodular enhancement. There is no zonal peripheral rim to "
    "suggest myositis ossificans. On the left tibia and fibula radiographs of 2026-11-03, "
    "amorphous mineralization projects over the anterior soft tissues at the site of the mass.",
    "7.4 cm intramuscular mass of the left tibialis anterior; sarcoma favoured.")
THIGH = _report(
    "MRI RIGHT THIGH WITHOUT AND WITH CONTRAST", "Right femur radiographs 2026-10-02: amorphous "
    "calcification projecting over the posterior thigh at the site of the palpable mass.",
    "Muscles: A 9.1 x 5.2 x 4.8 cm heterogeneous intramuscular mass lies within the right "
    "semimembranosus. No peripheral ossification to suggest myositis ossificans.",
    "9.1 cm intramuscular mass of the right semimembranosus, suspicious for sarcoma.")
ARM = _report(
    "MRI LEFT HUMERUS WITHOUT AND WITH CONTRAST", "Left humerus radiographs 2026-09-12.",
    "Muscles: A 5.6 x 3.1 x 3.0 cm enhancing mass lies within the left brachialis. The humerus "
    "radiographs of 2026-09-12 show faint mineralization at the site of the mass. Myositis "
    "ossificans is unlikely given the absence of trauma.",
    "5.6 cm intramuscular mass of the left brachialis, indeterminate.")
CALF = _report(
    "MRI RIGHT TIBIA AND FIBULA WITHOUT AND WITH CONTRAST", "None.",
    "Muscles: A 6.3 x 3.5 x 3.1 cm intramuscular mass within the right soleus enhances "
    "heterogeneously, without the zonal pattern of myositis ossificans. Outside radiographs of "
    "the right leg dated 2026-08-30 show stippled calcification corresponding to the mass.",
    "6.3 cm intramuscular mass of the right soleus; soft tissue sarcoma not excluded.")
FOREARM = _report(
    "MRI RIGHT FOREARM WITHOUT AND WITH CONTRAST", "Right forearm radiographs 2026-10-20: faint "
    "amorphous mineralization in the volar soft tissues at the site of the palpable mass.",
    "Muscles: A 4.2 x 2.6 x 2.2 cm enhancing intramuscular mass lies within the right flexor "
    "digitorum superficialis. No features of heterotopic ossification.",
    "4.2 cm intramuscular mass of the right flexor digitorum superficialis, indeterminate.")
GLUTEAL = _report(
    "MRI PELVIS (LEFT GLUTEAL) WITHOUT AND WITH CONTRAST", "Left hip radiographs 2026-07-07: "
    "amorphous calcification projecting over the left buttock at the site of the mass.",
    "Muscles: A 7.7 x 5.0 x 4.4 cm heterogeneous intramuscular mass within the left gluteus "
    "maximus enhances avidly. This is not myositis ossificans: there is no mature peripheral rim.",
    "7.7 cm intramuscular mass of the left gluteus maximus, suspicious for sarcoma.")
VARIANTS = [
    ("leg", LEG, "US Guided Core Bx Soft Tissue Leg Lt"),
    ("thigh", THIGH, "US GUIDED CORE BIOPSY RIGHT THIGH MASS"),
    ("arm", ARM, "US GUIDED CORE BIOPSY LEFT UPPER ARM MASS"),
    ("calf", CALF, "US GUIDED CORE BIOPSY RIGHT CALF MASS"),
    ("forearm", FOREARM, "US GUIDED CORE BIOPSY RIGHT FOREARM MASS"),
    ("gluteal", GLUTEAL, "US GUIDED CORE BIOPSY LEFT BUTTOCK MASS"),
]
GUARDS = [  # the MRI denies the calcium itself; a CT showed it; the cited study showed bone
    ("own-calcium-denied", THIGH.replace(
        "No peripheral ossification to suggest myositis ossificans.",
        "No calcification is seen within the mass on this MRI."),
     "US GUIDED CORE BIOPSY RIGHT THIGH MASS"),
    ("ct", THIGH.replace("Right femur radiographs 2026-10-02", "CT right thigh 2026-10-02"),
     "US GUIDED CORE BIOPSY RIGHT THIGH MASS"),
]


def _cards(text: str, order: str) -> list[str]:
    title = text.split("\n", 1)[0].removeprefix("EXAM: ")
    found = read_report({"resourceType": "DiagnosticReport", "id": "mr1", "status": "final",
                         "code": {"text": title}, "effectiveDateTime": "2026-11-09",
                         "subject": {"reference": "Patient/p1"},
                         "presentedForm": [{"contentType": "text/plain", "data":
                                            base64.b64encode(text.encode()).decode()}]})
    ev = rules.Evidence(reports=(found,), studies=())
    return [p.lead.rule_id for p in rules.merge(rules.evaluate(read(order, "20206"), ev))]


@pytest.mark.parametrize(("name", "text", "order"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_a_denied_ossification_leaves_the_cited_calcification(name: str, text: str,
                                                              order: str) -> None:
    masses = [s for s in read_text(text).structures if s.kind == "mass"]
    assert [(s.mineral, s.seen_on) for s in masses] == [("present", "XR")]
    assert _cards(text, order) == ["deep-soft-tissue-mass"]


def test_the_cited_mineral_names_the_mass_not_the_diagnosis_argued_against() -> None:
    cited = [m for m in read_text(LEG).mentions if m.seen_on == "XR"]
    assert [m.lesion for m in cited] == ["mass"]


@pytest.mark.parametrize(("name", "text", "order"), GUARDS, ids=[g[0] for g in GUARDS])
def test_a_denied_calcium_or_a_cited_ct_stays_silent(name: str, text: str, order: str) -> None:
    assert _cards(text, order) == []


def test_features_suggesting_the_diagnosis_keep_its_name() -> None:
    text = LEG.replace("There is no zonal peripheral rim to suggest myositis ossificans.",
                       "There are features to suggest myositis ossificans.")
    named = [m.lesion for m in read_text(text).mentions if m.seen_on == "XR"]
    assert named == ["myositis ossificans"]
