"""Issue 17 §7 on the heart (docs/matching-policy.md P18.7): a pericardiectomy and a valve
replacement or repair act on the calcified pericardium or valve, as surgical catalogs and CPT
name them; before them the planning card (info) offers a noncontrast chest CT. An operation on
the other cardiac structure, a cardiac study named as history, or a calcified pericardium or
valve an adequate study already showed, draws none. Each positive test failed on 548be90 (red-team
probe: the operations were read as kind "other")."""

from __future__ import annotations

from typing import Any

import pytest

from cds_service.core import rules
from cds_service.core.reading import read_report
from tests.test_order_catalog import mri, read

PERICARDIUM = ("FINDINGS: Pericardium: diffuse pericardial thickening up to 6 mm with low signal "
               "foci on all sequences suggesting calcification, most marked over the right "
               "atrioventricular groove. IMPRESSION: Calcific constrictive pericarditis.")
VALVE = ("FINDINGS: Valves: the aortic valve is trileaflet with heavy leaflet calcification and "
         "restricted opening; peak velocity 4.3 m/s. IMPRESSION: Severe calcific aortic "
         "stenosis.")
MITRAL = ("FINDINGS: The mitral valve leaflets are thickened and calcified with commissural "
          "fusion. IMPRESSION: Rheumatic mitral stenosis with calcified mitral valve leaflets.")


def decisions(report: str, text: str | None, code: str | None = None,
              **extra: Any) -> list[tuple[str, str | None]]:
    ev = rules.Evidence(reports=(read_report(mri(report, "MRI CARDIAC W WO")),), studies=())
    return [(p.lead.rule_id, p.lead.ct_region)
            for p in rules.merge(rules.evaluate(read(text, code, **extra), ev))]


@pytest.mark.parametrize(("text", "code"), [
    ("PERICARDIECTOMY", None),
    ("RADICAL PERICARDIECTOMY VIA MEDIAN STERNOTOMY", None),
    ("Pericardiectomy, complete", None),
    (None, "33030"),
    (None, "33031"),
    ("AORTIC VALVE REPLACEMENT", None),
    ("SURGICAL AORTIC VALVE REPLACEMENT (SAVR)", None),
    ("TAVR", None),
    ("TRANSCATHETER AORTIC VALVE REPLACEMENT", "33361"),
    ("MITRAL VALVE REPLACEMENT", None),
    ("MITRAL VALVE REPAIR", "33426"),
    ("Replacement, aortic valve, open, with cardiopulmonary bypass", "33405"),
])
def test_pericardiectomy_and_valve_operations_are_surgery_on_the_heart(
        text: str | None, code: str | None) -> None:
    got = read(text, code)
    assert got.kind == "surgery"
    assert got.sites & {"pericardium", "heart"}


@pytest.mark.parametrize(("report", "text", "code"), [
    (PERICARDIUM, "PERICARDIECTOMY", None),
    (PERICARDIUM, None, "33031"),
    (PERICARDIUM, "RADICAL PERICARDIECTOMY VIA MEDIAN STERNOTOMY", None),
    (VALVE, "AORTIC VALVE REPLACEMENT", None),
    (VALVE, "TAVR", None),
    (VALVE, None, "33405"),
    (MITRAL, "MITRAL VALVE REPLACEMENT", None),
])
def test_an_operation_on_the_calcified_pericardium_or_valve_draws_the_planning_card(
        report: str, text: str | None, code: str | None) -> None:
    assert decisions(report, text, code) == [("surgical-planning", "chest")]


@pytest.mark.parametrize(("report", "text", "code"), [
    (VALVE, "PERICARDIECTOMY", None),                 # the valve is calcified, not the pericardium
    (PERICARDIUM, "AORTIC VALVE REPLACEMENT", None),  # the pericardium, not the valve
    (PERICARDIUM, "MITRAL VALVE REPAIR", "33426"),
    (VALVE, "ECHO TRANSTHORACIC S/P AORTIC VALVE REPLACEMENT", None),
    (VALVE, "CORONARY ARTERY BYPASS GRAFT X3", None),  # cardiac surgery on no calcified structure
    (PERICARDIUM, "PERICARDIOCENTESIS", None),          # a drainage, no operation on it (P15.1)
])
def test_an_operation_on_another_cardiac_structure_draws_none(
        report: str, text: str | None, code: str | None) -> None:
    assert decisions(report, text, code) == []


def test_a_chest_ct_after_the_mri_answers_the_pericardium() -> None:
    ct = {"resourceType": "DiagnosticReport", "id": "ct1", "status": "final",
          "code": {"text": "CT CHEST WITHOUT CONTRAST"}, "effectiveDateTime": "2026-10-10",
          "subject": {"reference": "Patient/p1"},
          "conclusion": "Dense pericardial calcification over the right ventricle."}
    ev = rules.Evidence(reports=(read_report(mri(PERICARDIUM, "MRI CARDIAC W WO")),
                                 read_report(ct)), studies=())
    assert rules.evaluate(read("PERICARDIECTOMY"), ev) == []


def test_a_cardiac_mri_before_the_operation_keeps_the_cardiovascular_card() -> None:
    assert [r for r, _ in decisions(PERICARDIUM, "MRI CARDIAC W WO",
                                    reasonCode=[{"text": "pre-pericardiectomy planning"}])] \
        == ["cardiovascular-calcification"]
