"""``cds-service try`` prints cards readably, as JSON, and exits usefully for scripts."""

from __future__ import annotations

import json

from click.testing import CliRunner

from cds_service.cli import main
from tests.conftest import BUNDLES


def _run(*args: str):
    return CliRunner().invoke(main, ["try", *args], catch_exceptions=False)


def test_positive_bundle_prints_the_card():
    result = _run(str(BUNDLES / "positive-biopsy-thigh-mass.json"))
    assert result.exit_code == 0
    assert "[WARNING]" in result.output
    assert "suggestion: Order CT left lower extremity without contrast first" in result.output
    # issue 10 §7: the suggested CT carries the side of the mass in its label (P11.8) and text
    assert ("create ServiceRequest: CT lower extremity without contrast, left [73700]"
            in result.output)
    assert "override reasons:" in result.output


def test_negative_bundle_prints_silence():
    result = _run(str(BUNDLES / "negated-report-biopsy.json"), "--hook", "order-sign")
    assert result.exit_code == 0
    assert "no cards" in result.output


def test_json_output_for_many_bundles():
    result = _run(str(BUNDLES / "positive-contrast-ct-abdomen.json"),
                  str(BUNDLES / "unrelated-order-lab.json"), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [r["status"] for r in data] == [200, 200]
    assert len(data[0]["response"]["cards"]) == 1
    assert data[1]["response"]["cards"] == []


def test_not_a_bundle_fails_with_status_1(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"resourceType": "Patient"}')
    result = _run(str(bad))
    assert result.exit_code == 1
    assert "not a FHIR Bundle" in result.output
