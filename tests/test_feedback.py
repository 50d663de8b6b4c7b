"""Feedback endpoint: validation, idempotence, durability, the join to issued cards."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from cds_service.storage.report import build_report
from cds_service.web.feedback import parse_timestamp
from cds_service.web.state import state
from tests.support.cds_auth import (
    SERVICE_IDS,
    JwksServer,
    TokenFactory,
    close_app,
    database_url,
    ec_key,
    make_app,
    postgres_available,
    trusted,
)
from tests.test_store import DEAD_PG, dump_text

SERVICE = SERVICE_IDS[0]
BUNDLES = Path(__file__).resolve().parent.parent / "sample_bundles"
FIRING_BUNDLE = "biopsy-calcified-neck-mass.json"


def now_rfc3339() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def firing_request() -> dict[str, Any]:
    from cds_service.hooks.bundle import hook_request_from_bundle

    return hook_request_from_bundle(json.loads((BUNDLES / FIRING_BUNDLE).read_text()))


def issue_card(app: Flask, headers: dict[str, str] | None = None) -> dict[str, Any]:
    """Issue a card through the service endpoint; wait until the decision log has it."""
    resp = app.test_client().post(f"/cds-services/{SERVICE}", json=firing_request(),
                                  headers=headers or {})
    assert resp.status_code == 200, resp.get_data(as_text=True)
    cards = resp.get_json()["cards"]
    assert cards, "the firing scenario returned no card"
    assert state(app).store.flush(10)
    card = cards[0]
    return {"uuid": card["uuid"], "suggestions": [s["uuid"] for s in card["suggestions"]]}


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    app = make_app({"database_url": f"sqlite:///{tmp_path / 'cds.db'}",
                    "allow_unauthenticated": True})
    yield app
    close_app(app)


@pytest.fixture
def client(app: Flask) -> Any:
    return app.test_client()


def post(client: Any, body: Any, service: str = SERVICE, **kwargs: Any) -> Any:
    return client.post(f"/cds-services/{service}/feedback", json=body, **kwargs)


def accepted(card: dict[str, Any], ts: str | None = None) -> dict[str, Any]:
    return {"card": card["uuid"], "outcome": "accepted",
            "acceptedSuggestions": [{"id": card["suggestions"][0]}],
            "outcomeTimestamp": ts or now_rfc3339()}


def overridden(card_uuid: str, code: str = "ct-already-done",
               ts: str | None = None) -> dict[str, Any]:
    return {"card": card_uuid, "outcome": "overridden",
            "overrideReason": {"reason": {"system": "urn:cds-service:override", "code": code,
                                          "display": "CT already done"}},
            "outcomeTimestamp": ts or now_rfc3339()}


def test_feedback_right_after_the_card_meets_it(app: Flask, client: Any) -> None:
    """The card's decision-log row may still be queued (written every 0.25 s): feedback
    sent at once writes this worker's queue first, so it is matched, not counted unknown."""
    resp = client.post(f"/cds-services/{SERVICE}", json=firing_request())
    card = resp.get_json()["cards"][0]  # no flush here: the row may not be written yet
    item = {"card": card["uuid"], "outcome": "accepted",
            "acceptedSuggestions": [{"id": card["suggestions"][0]["uuid"]}],
            "outcomeTimestamp": now_rfc3339()}
    got = post(client, {"feedback": [item]})
    assert got.status_code == 200, got.get_data(as_text=True)
    assert got.get_json() == {"stored": 1, "duplicates": 0, "unknownCards": 0}


def test_round_trip_card_feedback_report(app: Flask, client: Any) -> None:
    card = issue_card(app)
    resp = post(client, {"feedback": [accepted(card)]})
    assert resp.status_code == 200, resp.get_data(as_text=True)
    assert resp.get_json() == {"stored": 1, "duplicates": 0, "unknownCards": 0}
    second = issue_card(app)
    assert post(client, {"feedback": [overridden(second["uuid"])]}).status_code == 200
    report = build_report(state(app).store)
    rows = [r for r in report["rules"] if r["service"] == SERVICE and not r["shadow"]]
    assert sum(r["fired"] for r in rows) >= 2
    assert sum(r["accepted"] for r in rows) == 1
    assert sum(r["overridden"] for r in rows) == 1
    reasons = {k: v for r in rows for k, v in r["override_reasons"].items()}
    assert reasons == {"urn:cds-service:override|ct-already-done (CT already done)": 1}
    assert sum(s["accepted"] for s in report["suggestions"]) == 1


def test_repeats_are_idempotent(app: Flask, client: Any) -> None:
    card = issue_card(app)
    item = accepted(card, ts="2026-11-25T08:00:00Z")
    assert post(client, {"feedback": [item, item]}).get_json()["duplicates"] == 1
    resp = post(client, {"feedback": [{**item, "outcomeTimestamp": "2026-11-25T09:00:00+01:00"}]})
    assert resp.status_code == 200
    assert resp.get_json() == {"stored": 0, "duplicates": 1, "unknownCards": 0}


def test_unknown_card_stored_as_unmatched_and_acknowledged(app: Flask, client: Any) -> None:
    orphan = str(uuid.uuid4())
    resp = post(client, {"feedback": [overridden(orphan)]})
    assert resp.status_code == 200
    assert resp.get_json()["unknownCards"] == 1
    assert build_report(state(app).store)["unmatched_feedback"] == {SERVICE: 1}


def test_unknown_service_is_404_operation_outcome(client: Any) -> None:
    resp = post(client, {"feedback": [overridden(str(uuid.uuid4()))]}, service="nope")
    assert resp.status_code == 404
    assert resp.get_json()["resourceType"] == "OperationOutcome"


BAD = [
    ("not an object", ["x"], "body"),
    ("no feedback", {}, "feedback"),
    ("empty feedback", {"feedback": []}, "feedback"),
    ("item not object", {"feedback": ["x"]}, "feedback[0]"),
    ("no card", {"feedback": [{"outcome": "overridden",
                               "outcomeTimestamp": "2026-11-25T08:00:00Z"}]},
     "feedback[0].card"),
    ("bad outcome", {"feedback": [{"card": "c", "outcome": "ignored",
                                   "outcomeTimestamp": "2026-11-25T08:00:00Z"}]},
     "feedback[0].outcome"),
    ("no timestamp", {"feedback": [{"card": "c", "outcome": "overridden"}]},
     "feedback[0].outcomeTimestamp"),
    ("timestamp without offset", {"feedback": [{"card": "c", "outcome": "overridden",
                                                "outcomeTimestamp": "2026-11-25T08:00:00"}]},
     "feedback[0].outcomeTimestamp"),
    ("date only", {"feedback": [{"card": "c", "outcome": "overridden",
                                 "outcomeTimestamp": "2026-11-25"}]},
     "feedback[0].outcomeTimestamp"),
    ("impossible date", {"feedback": [{"card": "c", "outcome": "overridden",
                                       "outcomeTimestamp": "2026-13-45T08:00:00Z"}]},
     "feedback[0].outcomeTimestamp"),
    ("accepted without suggestions", {"feedback": [{"card": "c", "outcome": "accepted",
                                                    "outcomeTimestamp": "2026-11-25T08:00:00Z"}]},
     "feedback[0].acceptedSuggestions"),
    ("suggestion without id", {"feedback": [{"card": "c", "outcome": "accepted",
                                             "acceptedSuggestions": [{}],
                                             "outcomeTimestamp": "2026-11-25T08:00:00Z"}]},
     "feedback[0].acceptedSuggestions[0].id"),
    ("overridden with suggestions", {"feedback": [{
        "card": "c", "outcome": "overridden", "acceptedSuggestions": [{"id": "s"}],
        "outcomeTimestamp": "2026-11-25T08:00:00Z"}]}, "feedback[0].acceptedSuggestions"),
    ("reason on accepted", {"feedback": [{
        "card": "c", "outcome": "accepted", "acceptedSuggestions": [{"id": "s"}],
        "overrideReason": {"userComment": "x"}, "outcomeTimestamp": "2026-11-25T08:00:00Z"}]},
     "feedback[0].overrideReason"),
    ("empty reason", {"feedback": [{"card": "c", "outcome": "overridden", "overrideReason": {},
                                    "outcomeTimestamp": "2026-11-25T08:00:00Z"}]},
     "feedback[0].overrideReason"),
    ("coding without code", {"feedback": [{
        "card": "c", "outcome": "overridden", "overrideReason": {"reason": {"system": "s"}},
        "outcomeTimestamp": "2026-11-25T08:00:00Z"}]}, "feedback[0].overrideReason.reason.code"),
    ("comment not string", {"feedback": [{
        "card": "c", "outcome": "overridden", "overrideReason": {"userComment": 3},
        "outcomeTimestamp": "2026-11-25T08:00:00Z"}]}, "feedback[0].overrideReason.userComment"),
]


@pytest.mark.parametrize(("name", "body", "field"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_400_naming_the_field(client: Any, name: str, body: Any,
                                           field: str) -> None:
    resp = post(client, body)
    assert resp.status_code == 400, name
    outcome = resp.get_json()
    assert outcome["resourceType"] == "OperationOutcome"
    assert outcome["issue"][0]["diagnostics"].startswith(field + ":")


def test_non_json_body_is_400(client: Any) -> None:
    resp = client.post(f"/cds-services/{SERVICE}/feedback", data="feedback",
                       content_type="text/plain")
    assert resp.status_code == 400


def test_bad_item_is_refused_and_the_good_ones_stored(app: Flask, client: Any) -> None:
    good = overridden(str(uuid.uuid4()))
    resp = post(client, {"feedback": [good, {"card": "x"}]})
    assert resp.status_code == 400
    issues = resp.get_json()["issue"]
    assert issues[0]["diagnostics"].startswith("feedback[1].outcome:")
    assert issues[-1]["diagnostics"] == "1 stored, 0 duplicates, 1 refused of 2 items"
    assert build_report(state(app).store)["unmatched_feedback"] == {SERVICE: 1}


def test_card_of_another_service_and_foreign_suggestion_are_400(app: Flask, client: Any) -> None:
    card = issue_card(app)
    resp = post(client, {"feedback": [overridden(card["uuid"])]}, service=SERVICE_IDS[1])
    assert resp.status_code == 400
    assert resp.get_json()["issue"][0]["diagnostics"].startswith("feedback[0].card:")
    bad = {**accepted(card), "acceptedSuggestions": [{"id": "not-this-cards"}]}
    resp = post(client, {"feedback": [bad]})
    assert resp.status_code == 400
    assert "acceptedSuggestions[0].id" in resp.get_json()["issue"][0]["diagnostics"]


def test_user_comment_not_stored(app: Flask, client: Any) -> None:
    item = overridden(str(uuid.uuid4()))
    item["overrideReason"]["userComment"] = "Mr Johnathan Smithfield had CT at St Elsewhere"
    assert post(client, {"feedback": [item]}).status_code == 200
    assert "Smithfield" not in dump_text(state(app).store.engine)


def test_database_down_is_503_so_the_ehr_retries(tmp_path: Path) -> None:
    app = make_app({"database_url": DEAD_PG, "allow_unauthenticated": True})
    try:
        resp = post(app.test_client(), {"feedback": [overridden(str(uuid.uuid4()))]})
        assert resp.status_code == 503
        assert resp.get_json()["resourceType"] == "OperationOutcome"
    finally:
        close_app(app)


def test_feedback_from_two_instances_lands_in_one_postgresql(tmp_path: Path) -> None:
    if reason := postgres_available():
        pytest.skip(reason)
    key = ec_key()
    jwks = JwksServer([key])
    tokens = TokenFactory(key, jwks.url)
    aud = f"http://localhost/cds-services/{SERVICE}"
    with database_url("postgresql", tmp_path) as url:
        config = {"database_url": url, "trusted_issuers": trusted(jwks.url),
                  "allow_unauthenticated": False}
        first, second = make_app(config), make_app(config)
        try:
            card_a = issue_card(first, {"Authorization": f"Bearer {tokens(aud)}"})
            card_b = issue_card(second, {"Authorization": f"Bearer {tokens(aud)}"})
            for app, card in ((second, card_a), (first, card_b)):
                resp = app.test_client().post(
                    f"/cds-services/{SERVICE}/feedback", json={"feedback": [accepted(card)]},
                    headers={"Authorization": f"Bearer {tokens(aud + '/feedback')}"})
                assert resp.status_code == 200, resp.get_data(as_text=True)
                assert resp.get_json()["unknownCards"] == 0
            report = build_report(state(first).store)
            assert sum(r["accepted"] for r in report["rules"]) == 2
        finally:
            close_app(first)
            close_app(second)
            jwks.stop()


def test_shadow_mode_logs_cards_but_returns_none(tmp_path: Path) -> None:
    app = make_app({"database_url": f"sqlite:///{tmp_path / 'cds.db'}",
                    "allow_unauthenticated": True, "rule_modes": '{"*": "shadow"}'})
    try:
        resp = app.test_client().post(f"/cds-services/{SERVICE}", json=firing_request())
        assert resp.status_code == 200
        assert resp.get_json() == {"cards": []}
        assert state(app).store.flush(10)
        report = build_report(state(app).store)
        assert report["rules"] and all(r["shadow"] for r in report["rules"])
        assert sum(r["fired"] for r in report["rules"]) >= 1
    finally:
        close_app(app)


@pytest.mark.parametrize(("text", "utc"), [
    ("2026-11-25T09:00:00+01:00", "2026-11-25T08:00:00+00:00"),
    ("2026-11-25t09:00:00.123456789z", "2026-11-25T09:00:00.123456+00:00"),  # digits cut
    ("2026-11-25 09:00:00-02:30", "2026-11-25T11:30:00+00:00"),
])
def test_outcome_timestamps_read_as_rfc_3339(text: str, utc: str) -> None:
    assert parse_timestamp(text, "t").isoformat() == utc
