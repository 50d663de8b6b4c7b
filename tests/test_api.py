"""The HTTP contract: discovery, service calls (200/400/404/412/413), prefetch and fetch paths."""

from __future__ import annotations

import copy
import uuid

import pytest

from tests.conftest import (
    SELECT_ID,
    SIGN_ID,
    fetching_body,
    fhir_authorization,
    hook_body,
    listing_app,
    record_on,
)
from tests.support.fhir_server import FhirTestServer, Gate

TOKEN = "test-access-token-not-a-secret"


def _outcome(resp) -> dict:
    body = resp.get_json()
    assert body["resourceType"] == "OperationOutcome"
    assert body["issue"][0]["severity"] == "error"
    assert body["issue"][0]["diagnostics"]
    return body


def test_discovery_lists_both_hooks_with_prefetch(client):
    resp = client.get("/cds-services")
    assert resp.status_code == 200
    services = {s["id"]: s for s in resp.get_json()["services"]}
    assert {s["hook"] for s in services.values()} == {"order-select", "order-sign"}
    for s in services.values():
        assert s["description"] and s["title"]
        prefetch = s["prefetch"]
        assert prefetch["patient"] == "Patient/{{context.patientId}}"
        assert prefetch["diagnosticReports"].startswith(
            "DiagnosticReport?patient={{context.patientId}}")
        assert "_sort=-date" in prefetch["diagnosticReports"]
        assert "_count=" in prefetch["diagnosticReports"]
        assert prefetch["imagingStudies"].startswith("ImagingStudy?patient={{context.patientId}}")


def test_positive_biopsy_returns_warning_card(client):
    resp = client.post(f"/cds-services/{SELECT_ID}", json=hook_body(
        "positive-biopsy-thigh-mass.json"))
    assert resp.status_code == 200
    cards = resp.get_json()["cards"]
    assert len(cards) == 1
    card = cards[0]
    assert card["indicator"] == "warning"
    assert len(card["summary"]) < 140
    assert "2026-10-02" in card["detail"]
    assert "internal calcification" in card["detail"]
    assert "noncontrast" in card["detail"].lower()
    assert card["source"]["label"]
    assert card["selectionBehavior"] == "at-most-one"
    suggestion = card["suggestions"][0]
    assert suggestion["isRecommended"] is True and suggestion["uuid"] and suggestion["label"]
    action = suggestion["actions"][0]
    assert action["type"] == "create"
    created = action["resource"]
    assert created["resourceType"] == "ServiceRequest"
    assert created["status"] == "draft"
    assert created["subject"] == {"reference": "Patient/p-thigh"}
    coding = created["code"]["coding"][0]
    assert coding["code"] == "73700" and "without contrast" in coding["display"]
    for reason in card["overrideReasons"]:
        assert reason["display"] and reason["code"] and reason["system"]


def test_positive_contrast_ct_offers_without_and_with(client):
    resp = client.post(f"/cds-services/{SELECT_ID}", json=hook_body(
        "positive-contrast-ct-abdomen.json"))
    card = resp.get_json()["cards"][0]
    first = card["suggestions"][0]
    assert first["isRecommended"] is True
    update = first["actions"][0]
    assert update["type"] == "update"
    assert update["resource"]["id"] == "ct-abd"
    assert update["resource"]["code"]["coding"][0]["code"] == "74170"
    others = [a for s in card["suggestions"][1:] for a in s["actions"]]
    assert any(a["type"] == "create" and a["resource"]["code"]["coding"][0]["code"] == "74150"
               for a in others)
    assert sum(1 for s in card["suggestions"] if s["isRecommended"]) == 1


@pytest.mark.parametrize("bundle", [
    "negated-report-biopsy.json",
    "unrelated-order-lab.json",
    "no-prior-imaging-biopsy.json",
    "entered-in-error-report-biopsy.json",
    "contrast-ct-noncontrast-ct-ordered.json",
])
def test_silent_cases(client, bundle):
    for service, hook in ((SELECT_ID, "order-select"), (SIGN_ID, "order-sign")):
        resp = client.post(f"/cds-services/{service}", json=hook_body(bundle, hook))
        assert resp.status_code == 200
        assert resp.get_json() == {"cards": []}


def test_order_select_only_looks_at_selections(client):
    body = hook_body("sign-biopsy-and-contrast-ct-one-card.json")
    body["context"]["selections"] = ["ServiceRequest/not-in-the-bundle"]
    resp = client.post(f"/cds-services/{SELECT_ID}", json=body)
    assert resp.get_json() == {"cards": []}


def test_draft_bundle_without_type_and_unknown_extension_is_accepted(client):
    body = hook_body("positive-biopsy-thigh-mass.json")
    body["context"]["draftOrders"].pop("type")
    order = body["context"]["draftOrders"]["entry"][0]["resource"]
    order["extension"] = [{"url": "http://example.org/unknown-ehr-extension",
                           "valueString": "x"}]
    resp = client.post(f"/cds-services/{SELECT_ID}", json=body)
    assert resp.status_code == 200
    assert len(resp.get_json()["cards"]) == 1


def test_invalid_report_is_skipped_not_fatal(client):
    body = hook_body("positive-biopsy-thigh-mass.json")
    reports = body["prefetch"]["diagnosticReports"]["entry"]
    reports.append({"resource": {"resourceType": "DiagnosticReport", "id": "junk",
                                 "status": 12, "code": "not-a-concept"}})
    resp = client.post(f"/cds-services/{SELECT_ID}", json=body)
    assert resp.status_code == 200
    assert len(resp.get_json()["cards"]) == 1


@pytest.mark.parametrize("mutate, field", [
    (lambda b: b.pop("hook"), "hook"),
    (lambda b: b.__setitem__("hook", "order-sign"), "hook"),
    (lambda b: b.pop("hookInstance"), "hookInstance"),
    (lambda b: b["context"].pop("patientId"), "patientId"),
    (lambda b: b["context"].pop("draftOrders"), "draftOrders"),
    (lambda b: b["context"].__setitem__("draftOrders", {"resourceType": "Patient"}),
     "draftOrders"),
    (lambda b: b["context"].pop("selections"), "selections"),
    (lambda b: b["context"].__setitem__("selections", "ServiceRequest/x"), "selections"),
    (lambda b: b.pop("context"), "context"),
    (lambda b: b.__setitem__("prefetch", {"diagnosticReports": [1, 2]}), "prefetch"),
    (lambda b: b.__setitem__("fhirAuthorization", {"access_token": "x",
                                                   "token_type": "Bearer"}), "fhirServer"),
])
def test_bad_requests_get_400_operation_outcome(client, mutate, field):
    body = hook_body("positive-biopsy-thigh-mass.json")
    mutate(body)
    resp = client.post(f"/cds-services/{SELECT_ID}", json=body)
    assert resp.status_code == 400
    assert field in _outcome(resp)["issue"][0]["diagnostics"]


@pytest.mark.parametrize("data, ctype", [
    (b"{not json", "application/json"),
    (b"", "application/json"),
    (b"[1, 2, 3]", "application/json"),
    (b'{"hook": "order-select"}', "text/plain"),
    (b"\xff\xfe\x00", "application/json"),
])
def test_malformed_bodies_get_400(client, data, ctype):
    resp = client.post(f"/cds-services/{SELECT_ID}", data=data, content_type=ctype)
    assert resp.status_code == 400
    _outcome(resp)


def test_unknown_service_is_404_and_wrong_method_405(client):
    resp = client.post("/cds-services/nope", json={})
    assert resp.status_code == 404
    _outcome(resp)
    resp = client.put(f"/cds-services/{SELECT_ID}", json={})
    assert resp.status_code == 405
    _outcome(resp)


def test_oversized_body_is_413(app_config):
    from cds_service import create_app

    small = create_app({**app_config, "max_body_bytes": 1000}).test_client()
    resp = small.post(f"/cds-services/{SELECT_ID}", data=b"{" + b" " * 5000 + b"}",
                      content_type="application/json")
    assert resp.status_code == 413
    _outcome(resp)


def test_missing_prefetch_without_fhir_server_is_412(client):
    body = hook_body("positive-biopsy-thigh-mass.json")
    del body["prefetch"]["diagnosticReports"]
    resp = client.post(f"/cds-services/{SELECT_ID}", json=body)
    assert resp.status_code == 412
    assert "diagnosticReports" in _outcome(resp)["issue"][0]["diagnostics"]


def test_operation_outcome_prefetch_without_server_is_412(client):
    body = hook_body("positive-biopsy-thigh-mass.json")
    body["prefetch"]["imagingStudies"] = {"resourceType": "OperationOutcome", "issue": [
        {"severity": "error", "code": "timeout"}]}
    resp = client.post(f"/cds-services/{SELECT_ID}", json=body)
    assert resp.status_code == 412


def test_null_prefetch_means_no_data(client):
    body = hook_body("positive-biopsy-thigh-mass.json")
    body["prefetch"] = {"patient": None, "diagnosticReports": None, "imagingStudies": None}
    resp = client.post(f"/cds-services/{SELECT_ID}", json=body)
    assert resp.status_code == 200
    assert resp.get_json() == {"cards": []}


def _fetch_body(fhir: FhirTestServer, name: str) -> dict:
    record_on(fhir, name)
    return fetching_body(fhir.url, fhir_authorization(TOKEN), bundle=name)


def test_fetch_path_uses_bearer_token_and_overlaps(app_config):
    with FhirTestServer() as fhir:
        fhir.state.gate = Gate(3)  # each query held until all three have arrived
        body = _fetch_body(fhir, "positive-biopsy-thigh-mass.json")
        client = listing_app(app_config, fhir.url).test_client()
        resp = client.post(f"/cds-services/{SELECT_ID}", json=body)
        assert resp.status_code == 200
        assert len(resp.get_json()["cards"]) == 1
        seen = fhir.state.seen
        assert {s.path.split("?")[0] for s in seen} == {
            "/Patient/p-thigh", "/DiagnosticReport", "/ImagingStudy"}
        assert all(s.authorization == f"Bearer {TOKEN}" for s in seen)
        assert fhir.state.gate.opened.is_set(), "fetches ran one after another"


def test_fetch_follows_next_links(app_config):
    with FhirTestServer() as fhir:
        fhir.state.page_size = 1
        body = _fetch_body(fhir, "two-mri-reports-newest-drives.json")
        client = listing_app(app_config, fhir.url).test_client()
        resp = client.post(f"/cds-services/{SELECT_ID}", json=body)
        assert resp.status_code == 200
        paths = [s.path for s in fhir.state.seen if s.path.startswith("/DiagnosticReport")]
        assert len(paths) == 2
        card = resp.get_json()["cards"][0]
        assert "2026-10-18" in card["summary"] and "2025-12-01" in card["detail"]


def test_only_missing_keys_are_fetched(app_config):
    with FhirTestServer() as fhir:
        body = hook_body("positive-biopsy-thigh-mass.json")
        body["fhirServer"] = fhir.url
        record_on(fhir, "positive-biopsy-thigh-mass.json")
        del body["prefetch"]["imagingStudies"]
        body["prefetch"]["patient"] = {"resourceType": "OperationOutcome", "issue": []}
        client = listing_app(app_config, fhir.url).test_client()
        resp = client.post(f"/cds-services/{SELECT_ID}", json=body)
        assert resp.status_code == 200
        fetched = sorted(s.path.split("?")[0] for s in fhir.state.seen)
        assert fetched == ["/ImagingStudy", "/Patient/p-thigh"]
        assert all(s.authorization is None for s in fhir.state.seen)


@pytest.mark.parametrize("mode", ["error500", "malformed"])
def test_fhir_server_failure_is_412(app_config, mode):
    with FhirTestServer() as fhir:
        body = _fetch_body(fhir, "positive-biopsy-thigh-mass.json")
        fhir.state.mode = mode
        client = listing_app(app_config, fhir.url).test_client()
        resp = client.post(f"/cds-services/{SELECT_ID}", json=body)
        assert resp.status_code == 412
        _outcome(resp)


def test_fhir_server_down_is_412(app_config):
    with FhirTestServer() as fhir:
        body = _fetch_body(fhir, "positive-biopsy-thigh-mass.json")
        client = listing_app(app_config, fhir.url).test_client()
    resp = client.post(f"/cds-services/{SELECT_ID}", json=body)
    assert resp.status_code == 412


def test_next_link_to_another_origin_is_not_followed(app_config):
    with FhirTestServer() as fhir:
        body = hook_body("positive-biopsy-thigh-mass.json")
        body["fhirServer"] = fhir.url
        body["fhirAuthorization"] = {"access_token": TOKEN, "token_type": "Bearer"}
        reports = copy.deepcopy(body["prefetch"]["diagnosticReports"])
        reports["link"] = [{"relation": "next",
                            "url": "http://127.0.0.2:9/DiagnosticReport?page=2"}]
        body["prefetch"]["diagnosticReports"] = reports
        client = listing_app(app_config, fhir.url).test_client()
        resp = client.post(f"/cds-services/{SELECT_ID}", json=body)
        assert resp.status_code == 200
        assert len(resp.get_json()["cards"]) == 1


def test_hook_instance_is_free_text_but_required(client):
    body = hook_body("positive-biopsy-thigh-mass.json", hook_instance=str(uuid.uuid4()))
    assert client.post(f"/cds-services/{SELECT_ID}", json=body).status_code == 200
    body["hookInstance"] = ""
    assert client.post(f"/cds-services/{SELECT_ID}", json=body).status_code == 400


def test_invalid_patient_is_skipped_and_age_unknown(client):
    body = hook_body("pediatric-flank-mass-biopsy.json")
    body["prefetch"]["patient"]["birthDate"] = "yesterday"
    resp = client.post(f"/cds-services/{SELECT_ID}", json=body)
    assert resp.status_code == 200
    cards = resp.get_json()["cards"]
    assert len(cards) == 1
    assert "neuroblastoma" not in cards[0]["detail"]
