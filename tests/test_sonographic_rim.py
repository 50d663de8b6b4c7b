"""Ultrasound's rim or wall calcification, cited in an MRI report (P12.32-P12.34; issue 17,
unseen47 o1): "On the ultrasound of 2026-09-22 the cyst wall showed an echogenic rim with
posterior acoustic shadowing" is calcification of the cyst's wall as a sonographer words it; only
an echogenic focus with shadowing was read before, so the contrast-only CT of the abdomen drew no
card. An echogenic rim, wall, crescent or curvilinear/peripheral line reads as calcification only
with its shadow; without one (an echogenic wall alone, echogenic debris, posterior acoustic
enhancement) it is none, and dirty shadowing or a shadow from gas is gas, not calcium. Denials
and hedges act as on every term. Through the reader and through the pipeline with a FHIR bundle
as an EHR sends it; the variants failed on main 251a1ac (but "a calcified rim", read before)."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text
from tests.eval.full_eval import engine_runner
from tests.support.bundles import mri_order_bundle

RUN = engine_runner()
MRI = "MRI ABDOMEN W WO CONTRAST"
CT_CONTRAST = ("74160", "CT ABD W CONTRAST")

CYST = ("SPLEEN: Unilocular cystic lesion in the lower pole of the spleen measuring 6.4 x 5.8 cm, "
        "T2 hyperintense, with a thin wall and no enhancing nodule or septation.")
IMPRESSION = ("1. 6.4 cm lower pole splenic cyst with a thin nonenhancing wall, most consistent "
              "with a post-traumatic pseudocyst.\n2. Simple hepatic cysts.")


def _report(cited: str, comparison: str = "Abdominal ultrasound 2026-09-22.") -> str:
    return (f"EXAM: {MRI}\nHISTORY: Splenic cyst found on ultrasound. Left upper quadrant "
            f"fullness.\nTECHNIQUE: Multiplanar multisequence MRI of the abdomen before and "
            f"after intravenous gadolinium.\nCOMPARISON: {comparison}\nFINDINGS:\n{CYST} "
            f"{cited} Findings favor a post-traumatic splenic pseudocyst.\nLIVER: Two "
            f"subcentimeter T2 bright simple cysts in segment 7. Hepatic veins patent with "
            f"normal flow voids.\nOTHER: No ascites or adenopathy.\nIMPRESSION:\n{IMPRESSION}\n")


def _rules(cited: str, comparison: str = "Abdominal ultrasound 2026-09-22.") -> list[str]:
    bundle = mri_order_bundle(MRI, _report(cited, comparison), "2026-10-14", CT_CONTRAST,
                              "Splenic cyst", "1968-04-09")
    return [rule for rule, _ in RUN(bundle, "order-select")]


def _cited(text: str) -> list[tuple[str, str | None]]:
    return [(m.assertion, m.seen_on) for m in read_text(text).mentions
            if m.concept == "calcification" and m.counts]


VARIANTS = [
    "On the ultrasound of 2026-09-22 the cyst wall showed an echogenic rim with posterior "
    "acoustic shadowing.",
    "On the ultrasound of 2026-09-22 the cyst wall showed a shadowing echogenic crescent.",
    "The ultrasound of 2026-09-22 showed a curvilinear echogenic wall with dense posterior "
    "shadowing.",
    "Sonographically the cyst had a peripheral echogenic line with posterior acoustic shadowing.",
    "On the ultrasound of 2026-09-22 the cyst wall was thick and echogenic with posterior "
    "acoustic shadowing.",
    "On the ultrasound of 2026-09-22 there was posterior acoustic shadowing from the echogenic "
    "rim of the cyst.",
    "On the ultrasound of 2026-09-22 the cyst had an echogenic, shadowing rim.",
    "On the ultrasound of 2026-09-22 the cyst had a hyperechoic peripheral rim casting a dense "
    "acoustic shadow.",
    "The ultrasound of 2026-09-22 showed a calcified rim.",
]

GUARDS = [
    "On the ultrasound of 2026-09-22 the cyst wall showed an echogenic rim without shadowing.",
    "On the ultrasound of 2026-09-22 the cyst had an echogenic wall with posterior acoustic "
    "enhancement.",
    "On the ultrasound of 2026-09-22 the cyst contained echogenic debris, with posterior "
    "acoustic enhancement.",
    "On the ultrasound of 2026-09-22 the cyst wall was echogenic, with no shadowing.",
    "On the ultrasound of 2026-09-22 the cyst had a thin echogenic wall and a fluid level.",
    "On the ultrasound of 2026-09-22 the cyst showed an echogenic wall with dirty shadowing.",
    "On the ultrasound of 2026-09-22 the cyst showed an echogenic rim with shadowing from "
    "adjacent bowel gas.",
    "On the ultrasound of 2026-09-22 there was no echogenic rim or acoustic shadowing.",
    "On the ultrasound of 2026-09-22 the cyst had an echogenic line with shadowing.",
]


@pytest.mark.parametrize("cited", VARIANTS)
def test_a_shadowing_echogenic_rim_on_ultrasound_is_its_calcification(cited: str) -> None:
    assert _cited(_report(cited)) == [("affirmed", "US")]
    assert read_text(_report(cited)).calcification == "not mentioned"  # the MRI's own (P12.2)
    assert _rules(cited) == ["contrast-ct-noncontrast-first"]


def test_the_comparison_lines_shadowing_rim_is_the_ultrasounds() -> None:
    comparison = ("Ultrasound abdomen 2026-09-22: 6 cm splenic cyst with a hyperechoic rim "
                  "casting a dense acoustic shadow.")
    assert _cited(_report("", comparison)) == [("affirmed", "US")]
    assert _rules("", comparison) == ["contrast-ct-noncontrast-first"]


@pytest.mark.parametrize("cited", GUARDS)
def test_an_echogenic_rim_without_shadowing_or_with_gas_is_no_calcification(cited: str) -> None:
    assert all(a == "negated" for a, _ in _cited(_report(cited)))
    assert _rules(cited) == []


def test_an_outside_noncontrast_ct_beside_the_ultrasound_characterized_it() -> None:
    cited = ("On the ultrasound of 2026-09-22 the cyst wall showed an echogenic rim with "
             "posterior acoustic shadowing. On the outside noncontrast CT of 2026-09-30 the cyst "
             "wall contains curvilinear peripheral calcification.")
    comparison = ("Abdominal ultrasound 2026-09-22. Outside noncontrast CT abdomen 2026-09-30 "
                  "(report available).")
    assert _rules(cited, comparison) == []


@pytest.mark.parametrize(("text", "assertion"), [
    ("FINDINGS: The ultrasound of 2026-09-22 showed no shadowing echogenic rim.", "negated"),
    ("FINDINGS: The ultrasound of 2026-09-22 showed no echogenic rim with posterior acoustic "
     "shadowing.", "negated"),
    ("FINDINGS: The ultrasound of 2026-09-22 showed a possible echogenic rim with posterior "
     "acoustic shadowing in the splenic cyst.", "possible"),
    ("FINDINGS: On the ultrasound of 2026-09-22 the splenic cyst may have had a shadowing "
     "echogenic wall.", "possible"),
])
def test_denials_and_hedges_act_as_on_every_term(text: str, assertion: str) -> None:
    assert [(m.assertion, m.seen_on) for m in read_text(text).mentions
            if m.concept == "calcification"] == [(assertion, "US")]


@pytest.mark.parametrize("text", [
    "COMPARISON: Ultrasound 2026-08-01: emphysematous cholecystitis with an echogenic "
    "gallbladder wall and shadowing.",
    "COMPARISON: Ultrasound 2026-08-01: echogenic foci of gas with shadowing in the wall.",
    "COMPARISON: Ultrasound 2026-08-01: echogenic foci in the gallbladder wall with dirty "
    "posterior acoustic shadowing.",
])
def test_a_shadow_from_gas_is_no_calcification(text: str) -> None:
    assert _cited(text) == []
