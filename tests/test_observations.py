"""Report text held in Observations (DiagnosticReport.result): prefetch asks for it with
``_include``, and the fetch path follows ``result`` references it did not get (issue 10)."""

from __future__ import annotations

from tests.conftest import SELECT_ID, fetching_body, fhir_authorization, listing_app, record_on
from tests.support.fhir_server import FhirTestServer

TOKEN = "test-access-token-not-a-secret"


def _fetch_body(fhir: FhirTestServer, name: str) -> dict:
    record_on(fhir, name)
    return fetching_body(fhir.url, fhir_authorization(TOKEN), bundle=name)


def test_prefetch_template_includes_report_results(client):
    services = client.get("/cds-services").get_json()["services"]
    for service in services:
        assert service["prefetch"]["diagnosticReports"].endswith(
            "&_include=DiagnosticReport:result")


def test_fetch_path_follows_result_references(app_config):
    """The finding is only in an Observation the report names in ``result``."""
    with FhirTestServer() as fhir:
        body = _fetch_body(fhir, "lesion-observation-text-pos.json")
        client = listing_app(app_config, fhir.url).test_client()
        resp = client.post(f"/cds-services/{SELECT_ID}", json=body)
        assert resp.status_code == 200
        cards = resp.get_json()["cards"]
        assert len(cards) == 1 and "flank" in cards[0]["detail"]
        followed = [s.path for s in fhir.state.seen if s.path.startswith("/Observation")]
        assert followed == ["/Observation?_id=obs-imp&_count=1"]
        assert all(s.authorization == f"Bearer {TOKEN}" for s in fhir.state.seen)


def test_silent_twin_over_the_fetch_path(app_config):
    with FhirTestServer() as fhir:
        body = _fetch_body(fhir, "lesion-observation-text-twin.json")
        client = listing_app(app_config, fhir.url).test_client()
        resp = client.post(f"/cds-services/{SELECT_ID}", json=body)
        assert resp.status_code == 200 and resp.get_json()["cards"] == []


def test_failed_follow_leaves_the_report_readable(app_config):
    """The server errors only on the Observation search: the call still answers 200."""
    with FhirTestServer() as fhir:
        body = _fetch_body(fhir, "lesion-observation-text-pos.json")
        fhir.state.resources.pop("Observation")  # referenced but not on the server
        client = listing_app(app_config, fhir.url).test_client()
        resp = client.post(f"/cds-services/{SELECT_ID}", json=body)
        assert resp.status_code == 200 and resp.get_json()["cards"] == []
