"""What real CDS clients meet: discovery URLs with a trailing slash, and the shape of the
actions we suggest (checked against what the public CDS Hooks Sandbox sends and reads).

See docs/sandbox-interop.md for the run against the real Sandbox; these tests do not need it.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from cds_service import create_app
from cds_service.web.paths import canonical_path
from tests.conftest import SELECT_ID, hook_body, load_bundle
from tests.support.cds_auth import (
    JwksServer,
    TokenFactory,
    close_app,
    ec_key,
    make_app,
    trusted,
)

CPT = "http://www.ama-assn.org/go/cpt"
SNOMED = "http://snomed.info/sct"
PAMA_RATING = "http://fhir.org/argonaut/Extension/pama-rating"
CONTRAST_CT = "positive-contrast-ct-abdomen.json"


# ---------------------------------------------------------------- discovery URL with a slash

@pytest.mark.parametrize(("path", "canonical"), [
    ("/cds-services", "/cds-services"),
    ("/cds-services/", "/cds-services"),
    ("/cds-services//", "/cds-services"),
    ("/cds-services//x", "/cds-services/x"),
    ("/cds-services//x/feedback/", "/cds-services/x/feedback"),
    ("/health/", "/health/"),
    ("/cds-servicesx/", "/cds-servicesx/"),
    ("//cds-services/", "/cds-services"),
])
def test_canonical_path(path, canonical):
    assert canonical_path(path) == canonical


@pytest.mark.parametrize("path", ["/cds-services/", "/cds-services//"])
def test_discovery_with_trailing_slash_is_the_same_document(client, path):
    plain = client.get("/cds-services")
    resp = client.get(path)
    assert resp.status_code == 200
    assert resp.get_json() == plain.get_json()
    assert [s["id"] for s in resp.get_json()["services"]] == [
        "noncontrast-ct-first-select", "noncontrast-ct-first-sign"]


def test_service_urls_built_from_a_slash_ending_discovery_url_work_without_redirect(app_config):
    """A client appends ``/{id}`` to ``…/cds-services/``: ``…/cds-services//{id}``. A redirect
    would break browser clients (a preflighted CORS request may not be redirected)."""
    origin = {"Origin": "http://127.0.0.1:8081"}
    # Unauthenticated, CORS only for a listed origin (never "*")
    client = create_app({**app_config, "cors_origins": origin["Origin"]}).test_client()
    preflight = client.options(f"/cds-services//{SELECT_ID}", headers={
        **origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"})
    assert preflight.status_code == 204
    assert "authorization" in preflight.headers["Access-Control-Allow-Headers"].lower()

    resp = client.post(f"/cds-services//{SELECT_ID}", json=hook_body(CONTRAST_CT),
                       headers=origin)
    assert resp.status_code == 200, resp.get_data(as_text=True)
    assert resp.headers["Access-Control-Allow-Origin"]
    cards = resp.get_json()["cards"]
    assert len(cards) == 1

    suggestion = cards[0]["suggestions"][0]
    feedback = {"feedback": [{
        "card": cards[0]["uuid"], "outcome": "accepted",
        "acceptedSuggestions": [{"id": suggestion["uuid"]}],
        "outcomeTimestamp": datetime.now(UTC).isoformat(),
    }]}
    stored = client.post(f"/cds-services//{SELECT_ID}/feedback", json=feedback, headers=origin)
    assert stored.status_code == 200, stored.get_data(as_text=True)
    again = client.post(f"/cds-services/{SELECT_ID}/feedback/", json=feedback)
    assert again.status_code == 200


def test_paths_outside_the_service_routes_are_left_alone(client):
    assert client.get("/health").status_code == 200
    assert client.get("/health/").status_code == 404


@pytest.fixture
def secured(tmp_path: Path) -> Iterator[tuple[Any, TokenFactory]]:
    key = ec_key()
    jwks = JwksServer([key])
    app = make_app({"database_url": f"sqlite:///{tmp_path / 'cds.db'}",
                    "trusted_issuers": trusted(jwks.url),
                    "public_base_url": "https://cds.example.org",
                    "patient_hash_key": "test-key"})
    try:
        yield app, TokenFactory(key, jwks.url)
    finally:
        close_app(app)
        jwks.stop()


def test_jwt_aud_is_the_url_as_called(secured):
    """The Sandbox signs ``aud`` with the URL it calls, ``…/cds-services//{id}`` here."""
    app, token = secured
    client = app.test_client()
    base = "https://cds.example.org"

    def auth(aud: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token(aud)}"}

    assert client.get("/cds-services/", headers=auth(f"{base}/cds-services/")).status_code == 200
    called = f"/cds-services//{SELECT_ID}"
    body = hook_body(CONTRAST_CT)
    assert client.post(called, json=body, headers=auth(base + called)).status_code == 200
    # A token for another endpoint is still refused.
    other = f"{base}/cds-services/noncontrast-ct-first-sign"
    assert client.post(called, json=body, headers=auth(other)).status_code == 401


# ---------------------------------------------------------------- action shapes

def _sandbox_pama_body(bundle: str, cpt: str, display: str) -> dict[str, Any]:
    """The request the Sandbox's PAMA screen sends (src/components/Pama/pama.jsx
    ``generateContext``): one draft order ``example-request-id``, ``intent: plan``, the CPT
    coding from its list with a display, SNOMED reasons with codings, no Bundle.type."""
    body = hook_body(bundle)
    patient_id = body["context"]["patientId"]
    body["context"]["selections"] = ["ServiceRequest/example-request-id"]
    body["context"]["draftOrders"] = {"resourceType": "Bundle", "entry": [{"resource": {
        "resourceType": "ServiceRequest", "id": "example-request-id", "status": "draft",
        "intent": "plan",
        "code": {"coding": [{"code": cpt, "display": display, "system": CPT}], "text": display},
        "subject": {"reference": f"Patient/{patient_id}"},
        "reasonCode": [{"coding": [{"code": "21522001", "display": "Abdominal pain (finding)",
                                    "system": SNOMED}], "text": "Abdominal pain (finding)"}],
    }}]}
    return body


def _actions(card: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [a for s in card["suggestions"] for a in s["actions"] if a["type"] == kind]


def test_update_is_the_whole_draft_order_with_the_new_code(client):
    body = _sandbox_pama_body(CONTRAST_CT, "74160",
                              "Computed tomography, abdomen; with contrast material(s)")
    draft = body["context"]["draftOrders"]["entry"][0]["resource"]
    cards = client.post(f"/cds-services/{SELECT_ID}", json=body).get_json()["cards"]
    assert len(cards) == 1
    card = cards[0]
    assert card["selectionBehavior"] == "at-most-one"
    assert all(s["uuid"] and s["label"] for s in card["suggestions"])

    [update] = _actions(card, "update")
    assert update["description"]
    updated = update["resource"]
    # Same order (id, subject, intent, reasons), only the code and status changed.
    assert updated["id"] == "example-request-id"
    assert {k: v for k, v in updated.items() if k not in ("code", "status")} == {
        k: v for k, v in draft.items() if k not in ("code", "status")}
    assert updated["status"] == "draft"
    assert updated["code"]["coding"] == [{
        "system": CPT, "code": "74170",
        "display": updated["code"]["text"]}]
    assert "without and with" in updated["code"]["text"]
    assert updated["reasonCode"][0]["coding"][0]["code"] == "21522001"
    assert "resourceId" not in update
    # No appropriateness rating is claimed: this service evaluates no PAMA criteria.
    assert "extension" not in updated

    [create] = _actions(card, "create")
    created = create["resource"]
    assert create["description"]
    assert "id" not in created and "resourceId" not in create
    assert created["resourceType"] == "ServiceRequest" and created["status"] == "draft"
    assert created["intent"] == "plan"  # the draft order's intent
    assert created["code"]["coding"] == [{"system": CPT, "code": "74150",
                                          "display": created["code"]["text"]}]
    assert created["subject"] == draft["subject"]


def test_update_drops_a_rating_given_for_the_old_code_and_keeps_other_extensions(client):
    body = _sandbox_pama_body(CONTRAST_CT, "74160",
                              "Computed tomography, abdomen; with contrast material(s)")
    draft = body["context"]["draftOrders"]["entry"][0]["resource"]
    site_ext = {"url": "https://hospital.example.org/fhir/ext/order-set", "valueString": "abd-1"}
    draft["extension"] = [
        {"url": PAMA_RATING, "valueCodeableConcept": {"coding": [{
            "system": "http://fhir.org/argonaut/CodeSystem/pama-rating", "code": "appropriate"}]}},
        {"url": PAMA_RATING + "-consult-id", "valueUri": f"urn:uuid:{uuid.uuid4()}"},
        copy.deepcopy(site_ext),
    ]
    cards = client.post(f"/cds-services/{SELECT_ID}", json=body).get_json()["cards"]
    [update] = _actions(cards[0], "update")
    assert update["resource"]["extension"] == [site_ext]

    draft["extension"] = draft["extension"][:2]
    cards = client.post(f"/cds-services/{SELECT_ID}", json=body).get_json()["cards"]
    [update] = _actions(cards[0], "update")
    assert "extension" not in update["resource"]


def test_delete_names_the_draft_order_by_resource_id(client):
    # a noncontrast knee MRI asking again about CPPD (a contrast MRI of a mass is kept, P17.17)
    bundle = load_bundle("crystal-deposition-knee-mri-again.json")
    mri = next(e["resource"] for e in bundle["entry"]
               if e["resource"]["resourceType"] == "ServiceRequest")
    cards = client.post(f"/cds-services/{SELECT_ID}",
                        json=hook_body("crystal-deposition-knee-mri-again.json"))
    deletes = [a for c in cards.get_json()["cards"] for a in _actions(c, "delete")]
    assert deletes, "the MRI-again card offers to replace the MRI"
    for action in deletes:
        assert action["resourceId"] == f"ServiceRequest/{mri['id']}"
        assert "resource" not in action and action["description"]
