"""Issue 17, unseen27 a1 (P13.12, P13.1): a later ultrasound titled by the tendon whose deposit
the MRI found ("US LEFT ADDUCTOR ORIGIN LIMITED", "US RIGHT PATELLAR TENDON") is the adequate
study of that deposit, whatever region its title names or does not: the MRI before barbotage
is silent. An ultrasound of another tendon, of the other side, before the MRI, or a radiograph
does not answer it. Through the pipeline, with a FHIR bundle as an EHR sends it. Written before
the engine change; the variants failed on main 5d68043."""

from __future__ import annotations

import pytest

from tests.conftest import report_and_study as _report
from tests.eval.full_eval import engine_runner

RUN = engine_runner()



def _rules(mri: tuple[str, str], later: tuple[str, str, str, str] | None,
           order: tuple[str, str, str]) -> list[str]:
    title, findings = mri
    text = (f"EXAM: {title}\nHISTORY: Pain for two months.\nTECHNIQUE: Multiplanar images.\n"
            f"COMPARISON: None.\nFINDINGS:\nTendons: {findings}\nBones: No fracture.\n"
            "IMPRESSION:\n1. Calcific tendinopathy, see findings.\n")
    entries = [{"resourceType": "Patient", "id": "p1", "gender": "female",
                "birthDate": "1965-01-19"}, *_report("mr-1", title, "2026-09-21", text, "MR")]
    if later is not None:
        ltitle, ldate, lmod, ltext = later
        entries += _report("prior-1", ltitle, ldate, f"EXAM: {ltitle}\nFINDINGS: {ltext}\n", lmod)
    code, text_, reason = order
    entries.append({"resourceType": "ServiceRequest", "id": "order-1", "status": "draft",
                    "intent": "order", "subject": {"reference": "Patient/p1"},
                    "code": {"coding": [{"system": "http://www.ama-assn.org/go/cpt",
                                         "code": code}], "text": text_},
                    "reasonCode": [{"text": reason}]})
    bundle = {"resourceType": "Bundle", "type": "collection",
              "entry": [{"resource": r} for r in entries]}
    return [rule for rule, _ in RUN(bundle, "order-select")]


ADDUCTOR = ("MRI PELVIS WITHOUT CONTRAST",
            "At the left adductor longus origin on the anterior pubic body there is a 13 mm ovoid "
            "focus of low signal on all sequences with surrounding edema, consistent with "
            "calcific tendinopathy (hydroxyapatite deposition).")
PELVIS_ORDER = ("72195", "MRI PELVIS WO CONTRAST",
                "Left groin pain, ? calcific tendinopathy of the adductor longus origin")
PATELLAR = ("MRI KNEE RIGHT WITHOUT CONTRAST",
            "The proximal right patellar tendon contains a 9 mm calcific deposit with surrounding "
            "edema.")
QUADRICEPS = ("MRI KNEE RIGHT WITHOUT CONTRAST",
              "The distal right quadriceps tendon contains a 7 mm calcific deposit near its "
              "patellar insertion.")
KNEE_ORDER = ("73721", "MR KNEE RT WO", "Anterior knee pain, ? calcific tendinopathy")
SHADOW = "A {n} mm echogenic focus with posterior acoustic shadowing lies within the tendon."

VARIANTS = [
    (ADDUCTOR, ("US LEFT ADDUCTOR ORIGIN LIMITED", "2026-10-05", "US",
                SHADOW.format(n=12)), PELVIS_ORDER),
    (ADDUCTOR, ("US LT ADDUCTOR LONGUS TENDON", "2026-10-05", "US", SHADOW.format(n=12)),
     PELVIS_ORDER),
    (ADDUCTOR, ("US LEFT COMMON ADDUCTOR ORIGIN", "2026-10-05", "US", "Calcific tendinopathy."),
     PELVIS_ORDER),
    (PATELLAR, ("US RIGHT PATELLAR TENDON", "2026-10-05", "US", SHADOW.format(n=8)),
     KNEE_ORDER),
    (PATELLAR, ("US RT PATELLAR TENDON LIMITED", "2026-10-05", "US", "Calcific tendinopathy."),
     KNEE_ORDER),
    (QUADRICEPS, ("US RIGHT QUADRICEPS TENDON", "2026-10-05", "US", SHADOW.format(n=7)),
     KNEE_ORDER),
]


@pytest.mark.parametrize(("mri", "later", "order"), VARIANTS)
def test_a_later_ultrasound_titled_by_the_tendon_is_the_adequate_study(mri, later, order) -> None:
    assert _rules(mri, later, order) == []


GUARDS = [
    # no later study: the card (the positive)
    (ADDUCTOR, None, PELVIS_ORDER),
    (PATELLAR, None, KNEE_ORDER),
    # the other side, another tendon, before the MRI, a radiograph
    (ADDUCTOR, ("US RIGHT ADDUCTOR ORIGIN LIMITED", "2026-10-05", "US", SHADOW.format(n=12)),
     PELVIS_ORDER),
    (QUADRICEPS, ("US RIGHT PATELLAR TENDON", "2026-10-05", "US", "Normal patellar tendon."),
     KNEE_ORDER),
    (PATELLAR, ("US RIGHT PATELLAR TENDON", "2026-08-05", "US", SHADOW.format(n=8)),
     KNEE_ORDER),
    (ADDUCTOR, ("XR LEFT ADDUCTOR ORIGIN", "2026-10-05", "DX", "Calcific density."),
     PELVIS_ORDER),
]


@pytest.mark.parametrize(("mri", "later", "order"), GUARDS)
def test_another_study_leaves_the_card(mri, later, order) -> None:
    assert _rules(mri, later, order) == ["crystal-deposition"]
