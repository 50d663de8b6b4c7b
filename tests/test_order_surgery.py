"""Procedures that act on the lesion, as surgical catalogs name them (docs/matching-policy.md
P18.6): the soft-tissue tumour excisions of every CPT region, catalog abbreviations (EXC),
enucleation and debulking, and the open operations on a tendon, its origin or insertion, or a
bursa (tenotomy, open debridement, bursectomy, a deposit's removal) are surgery on the calcified
mass or deposit of that place and side; a wound's debridement and a percutaneous tenotomy are
not. Each test failed on d8a8ac4 (unseen4 first run: p1, p2)."""

from __future__ import annotations

import pytest

from tests.test_order_arthroscopy import leads, read

SURGERY = [
    # (local text, CPT, CPT descriptor)
    ("EXC TUMOR SOFT TISSUE THIGH SUBFASC 5CM+ RT", None, None),
    (None, "27634", None),                                  # leg, subfascial, 5 cm or more
    (None, "23073", None),                                  # shoulder, subfascial
    (None, "27048", None),                                  # pelvis and hip, subfascial
    (None, "22901", None),                                  # abdominal wall, subfascial
    (None, "28041", None),                                  # foot, subfascial
    (None, "21554", None),                                  # neck or anterior thorax
    ("RADICAL RESECTION STS LEFT FOREARM", "25078", None),
    ("EXC LESION TENDON SHEATH RT INDEX FINGER", "26160", None),
    ("ENUCLEATION OF SCHWANNOMA RIGHT THIGH", None, None),
    ("DEBULKING OF TUMORAL CALCINOSIS RIGHT HIP", None, None),
    ("OPEN DEBRIDEMENT COMMON FLEXOR ORIGIN LT ELBOW", None, None),
    ("TENOTOMY LATERAL EPICONDYLE OPEN RT", None, None),
    (None, "24358", "Tenotomy, elbow, lateral or medial (eg, epicondylitis, tennis elbow, "
                    "golfer's elbow); debridement, soft tissue and/or bone, open"),
    ("DEBRIDEMENT GLUTEUS MEDIUS TENDON INSERTION RT", None, None),
    ("BURSECTOMY TROCHANTERIC LT", None, None),
    (None, "27062", "Excision; trochanteric bursa or calcification"),
    ("OLECRANON BURSECTOMY LEFT", "24105", None),
    ("CALCIFIC DEPOSIT REMOVAL RT SHOULDER", None, None),
    ("MICRODISCECTOMY L4-5 LEFT", "63030", None),
]


@pytest.mark.parametrize(("text", "code", "display"), SURGERY)
def test_catalog_names_of_operations_on_a_lesion_are_surgery(
        text: str | None, code: str | None, display: str | None) -> None:
    assert read(text, code, display).kind == "surgery"


@pytest.mark.parametrize(("text", "code", "kind"), [
    ("DEBRIDEMENT WOUND LEFT LEG", "11042", "other"),
    ("DEBRIDEMENT SUBCUTANEOUS TISSUE LEFT FOOT ULCER", None, "other"),
    ("I&D ABSCESS RIGHT THIGH", None, "other"),
    ("PERCUTANEOUS TENOTOMY RT ELBOW", "24357", "other"),    # under ultrasound: P17.3
    ("MRI LEFT ELBOW S/P TENOTOMY", None, "mri"),
    ("US RIGHT HIP POST BURSECTOMY", None, "ultrasound"),
])
def test_a_wound_debridement_or_a_history_of_the_operation_is_not_surgery(
        text: str, code: str | None, kind: str) -> None:
    assert read(text, code).kind == kind


@pytest.mark.parametrize(("report", "text", "code", "display"), [
    ("MRI RIGHT LEG: A 5.4 cm intramuscular mass in the medial head of the right gastrocnemius "
     "contains coarse peripheral calcification.", None, "27634", None),
    ("MRI CHEST WALL: A 5.5 cm subfascial mass deep to the right serratus anterior at the level "
     "of the seventh rib contains punctate calcification.",
     "EXCISION SOFT TISSUE TUMOR BACK SUBFASCIAL RT", "21933", None),
    ("MRI LEFT ELBOW: Tendons: a 6 mm calcific deposit at the common flexor origin of the left "
     "elbow with surrounding edema.", "OPEN DEBRIDEMENT COMMON FLEXOR ORIGIN LT ELBOW", None,
     None),
    ("MRI RIGHT HIP: Calcific tendinosis of the right gluteus medius insertion at the greater "
     "trochanter with a 9 mm deposit.", None, "27062",
     "Excision; trochanteric bursa or calcification"),
    ("MRI RIGHT HIP: Calcific tendinosis of the right gluteus medius insertion at the greater "
     "trochanter with a 9 mm deposit.", "TROCHANTERIC BURSECTOMY RT", None, None),
    ("MRI LEFT ELBOW: Olecranon bursitis of the left elbow with a 1.5 cm partly calcified "
     "tophus within the bursa.", "OLECRANON BURSECTOMY LEFT", "24105", None),
    ("MRI RIGHT THIGH: A 7 cm calcified intramuscular mass of the right vastus lateralis.",
     "EXC TUMOR SOFT TISSUE THIGH SUBFASC 5CM+ RT", None, None),
])
def test_surgery_on_a_calcified_mass_or_deposit_draws_the_planning_card(
        report: str, text: str | None, code: str | None, display: str | None) -> None:
    assert leads(report, text, code, display) == ["surgical-planning"]


@pytest.mark.parametrize(("report", "text", "code"), [
    ("MRI LEFT ELBOW: Tendons: a 6 mm calcific deposit at the common flexor origin of the left "
     "elbow with surrounding edema.", "OPEN DEBRIDEMENT COMMON FLEXOR ORIGIN RT ELBOW", None),
    ("MRI RIGHT THIGH: A 7 cm calcified intramuscular mass of the right vastus lateralis.",
     None, "27634"),                                        # the leg, not the thigh
    ("MRI LEFT LEG: A 4 cm calcified intramuscular mass of the left soleus.",
     "DEBRIDEMENT WOUND LEFT LEG", "11042"),
])
def test_another_side_place_or_operation_draws_none(report: str, text: str | None,
                                                    code: str | None) -> None:
    assert leads(report, text, code) == []


def test_the_planning_ct_is_of_the_masss_region_not_the_codes_other_place() -> None:
    """"Soft tissue of back or flank" names the flank too: a chest wall mass's CT is a chest CT."""
    from cds_service.core import rules
    from cds_service.core.reading import read_report
    mri = {"resourceType": "DiagnosticReport", "id": "mr1", "status": "final",
           "code": {"text": "MRI"}, "effectiveDateTime": "2026-10-01",
           "subject": {"reference": "Patient/p1"},
           "conclusion": "A 5.5 cm subfascial mass deep to the right serratus anterior at the "
                         "level of the seventh rib contains punctate calcification."}
    ev = rules.Evidence(reports=(read_report(mri),), studies=())
    order = read("EXC TUMOR SOFT TISSUE BACK SUBFASC >=5CM RT", "21933",
                 "Excision, tumor, soft tissue of back or flank, subfascial (eg, intramuscular); "
                 "5 cm or greater")
    [problem] = rules.merge(rules.evaluate(order, ev))
    assert problem.lead.ct_region == "chest"


# --- P18.8: the muscles of the upper back are the back's (unseen15 p2) -----------------------

TRAPEZIUS = ("FINDINGS: A 6.8 cm encapsulated fatty mass lies within the right trapezius muscle "
             "at the level of the scapular spine, with a 1.2 cm cluster of dystrophic "
             "calcification. IMPRESSION: Intramuscular lipoma of the right trapezius with "
             "dystrophic calcification.")
RHOMBOID = ("FINDINGS: A 4.6 cm intramuscular mass of the left rhomboid major deep to the "
            "trapezius contains coarse calcification.")


@pytest.mark.parametrize(("report", "text", "code"), [
    (TRAPEZIUS, "EXCISION MASS RT TRAPEZIUS", "21933"),
    (TRAPEZIUS, "EXCISION MASS RT TRAPEZIUS", None),
    (TRAPEZIUS, None, "21933"),
    (TRAPEZIUS, "EXCISION LIPOMA RIGHT TRAPEZIUS", None),
    (RHOMBOID, "EXCISION LEFT RHOMBOID MASS", "21933"),
    (RHOMBOID, "RADICAL RESECTION TUMOR BACK LT", "21936"),
])
def test_excision_of_a_calcified_upper_back_muscle_mass_draws_the_planning_card(
        report: str, text: str | None, code: str | None) -> None:
    assert leads(report, text, code) == ["surgical-planning"]


@pytest.mark.parametrize(("report", "text", "code"), [
    (TRAPEZIUS, "EXCISION MASS LT TRAPEZIUS", "21933"),              # the other side
    (TRAPEZIUS, "TRIGGER POINT INJECTION RT TRAPEZIUS", "20552"),
    (RHOMBOID, "EXCISION RIGHT RHOMBOID MASS", None),
])
def test_another_side_or_an_injection_draws_none(report: str, text: str | None,
                                                 code: str | None) -> None:
    assert leads(report, text, code) == []
