"""Tenant-bound feedback, bounded unmatched feedback, future timestamps refused, and
``cds-service purge``: on SQLite and on a real PostgreSQL (schema from the migrations)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from cds_service.cli import main
from cds_service.errors import FeedbackConflict, FeedbackQuotaExceeded
from cds_service.storage.decision_log import IssuedCard
from cds_service.storage.feedback import FeedbackItem
from cds_service.storage.report import build_report
from cds_service.storage.retention import purge
from cds_service.storage.schema import (
    call_table,
    card_table,
    feedback_table,
    suggestion_table,
)
from cds_service.storage.store import Store
from cds_service.web.state import state
from tests.conftest import SELECT_ID
from tests.support.cds_auth import make_app

NORTH = ("https://ehr.example.org", "north")
SOUTH = ("https://ehr.example.org", "south")
OTHER_EHR = ("https://other-ehr.example.org", None)
WHEN = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store(db_url, feedback_unmatched_max=3)
    s.db.migrate()
    yield s
    s.close()


def issue(store: Store, caller: tuple[str, str | None] | None) -> IssuedCard:
    card = IssuedCard(str(uuid.uuid4()), "deep-soft-tissue-mass", "deep-soft-tissue-mass",
                      "warning", ((str(uuid.uuid4()), "Order CT"),))
    issuer, tenant = caller or (None, None)
    store.decision_log.record_call(service_id="svc", hook="order-select",
                                   hook_instance=str(uuid.uuid4()), patient_id="p", cards=[card],
                                   shadow=False, issuer=issuer, tenant=tenant)
    assert store.flush(10)
    return card


def accept(card: IssuedCard) -> FeedbackItem:
    return FeedbackItem(card.card_uuid, "accepted", WHEN, (card.suggestions[0][0],))


def count(store: Store, table: sa.Table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


def test_feedback_from_another_tenant_or_issuer_is_refused_and_not_stored(
        store: Store) -> None:
    card = issue(store, NORTH)
    for caller in (SOUTH, OTHER_EHR, None):
        issuer, tenant = caller or (None, None)
        with pytest.raises(FeedbackConflict, match="not issued to this caller"):
            store.feedback.record("svc", [accept(card)], issuer=issuer, tenant=tenant)
    assert count(store, feedback_table) == 0
    result = store.feedback.record("svc", [accept(card)], issuer=NORTH[0], tenant=NORTH[1])
    assert (result.stored, result.unknown_cards) == (1, 0)
    unauthenticated = issue(store, None)
    assert store.feedback.record("svc", [accept(unauthenticated)]).stored == 1


def test_unmatched_feedback_joins_only_a_card_of_its_own_caller(store: Store) -> None:
    card_uuid = str(uuid.uuid4())
    forged = FeedbackItem(card_uuid, "overridden", WHEN + timedelta(days=300))
    assert store.feedback.record("svc", [forged], issuer=SOUTH[0],
                                 tenant=SOUTH[1]).unknown_cards == 1
    # the card arrives later, issued to north: south's earlier feedback must not count
    card = IssuedCard(card_uuid, "deep-soft-tissue-mass", "deep-soft-tissue-mass", "warning",
                      ((str(uuid.uuid4()), "Order CT"),))
    store.decision_log.record_call(service_id="svc", hook="order-select", hook_instance="h",
                                   patient_id="p", cards=[card], shadow=False, issuer=NORTH[0],
                                   tenant=NORTH[1])
    assert store.flush(10)
    row = next(r for r in build_report(store)["rules"] if r["rule"] == "deep-soft-tissue-mass")
    assert (row["accepted"], row["overridden"]) == (0, 0)
    store.feedback.record("svc", [accept(card)], issuer=NORTH[0], tenant=NORTH[1])
    row = next(r for r in build_report(store)["rules"] if r["rule"] == "deep-soft-tissue-mass")
    assert (row["accepted"], row["overridden"]) == (1, 0)


def test_unmatched_feedback_has_a_quota_per_issuer_and_expires(store: Store) -> None:
    def orphan() -> FeedbackItem:
        return FeedbackItem(str(uuid.uuid4()), "overridden", WHEN)

    store.feedback.record("svc", [orphan(), orphan(), orphan()], issuer=NORTH[0],
                          tenant=NORTH[1])
    with pytest.raises(FeedbackQuotaExceeded):
        store.feedback.record("svc", [orphan()], issuer=NORTH[0], tenant=NORTH[1])
    with pytest.raises(FeedbackQuotaExceeded):  # the issuer's quota, whatever the tenant
        store.feedback.record("svc", [orphan()], issuer=SOUTH[0], tenant=SOUTH[1])
    assert store.feedback.record("svc", [orphan()], issuer=OTHER_EHR[0],
                                 tenant=OTHER_EHR[1]).stored == 1  # another issuer's own quota
    matched = issue(store, NORTH)
    assert store.feedback.record("svc", [accept(matched)], issuer=NORTH[0],
                                 tenant=NORTH[1]).stored == 1  # matched feedback: no quota
    with store.engine.begin() as conn:  # north's orphans were received eight days ago
        conn.execute(sa.update(feedback_table).where(feedback_table.c.tenant == "north")
                     .values(received_at=datetime.now(UTC) - timedelta(days=8)))
    store.feedback.expire_now()
    assert store.feedback.record("svc", [orphan()], issuer=NORTH[0], tenant=NORTH[1]).stored
    with store.engine.connect() as conn:
        kept = conn.execute(sa.select(feedback_table.c.tenant, feedback_table.c.card_uuid)
                            ).all()
    assert sorted(str(t) for t, _ in kept) == ["None", "north", "north"]  # matched one kept
    assert matched.card_uuid in {u for _, u in kept}


def test_purge_deletes_what_is_past_retention(store: Store, db_url: str) -> None:
    old, new = issue(store, NORTH), issue(store, NORTH)
    store.feedback.record("svc", [accept(old), accept(new)], issuer=NORTH[0], tenant=NORTH[1])
    ago = datetime.now(UTC) - timedelta(days=400)
    with store.engine.begin() as conn:
        old_call = sa.select(card_table.c.call_id).where(card_table.c.card_uuid == old.card_uuid)
        conn.execute(sa.update(call_table).where(call_table.c.id.in_(old_call))
                     .values(created_at=ago))
        conn.execute(sa.update(feedback_table).where(feedback_table.c.card_uuid == old.card_uuid)
                     .values(received_at=ago))
    result = purge(store.db, older_than=timedelta(days=365))
    assert (result.calls, result.cards, result.feedback) == (1, 1, 1)
    assert (count(store, call_table), count(store, card_table), count(store, suggestion_table),
            count(store, feedback_table)) == (1, 1, 1, 1)

    runner = CliRunner()
    done = runner.invoke(main, ["purge", "--older-than", "30", "--database-url", db_url])
    assert done.exit_code == 0, done.output
    assert "0 hook calls" in done.output
    refused = runner.invoke(main, ["purge", "--database-url", db_url], env={
        "CDS_RETENTION_DAYS": ""})
    assert refused.exit_code == 2
    assert "--older-than DAYS or CDS_RETENTION_DAYS" in refused.output


def test_outcome_timestamp_in_the_future_is_refused(tmp_path: Path) -> None:
    app = make_app({"allow_unauthenticated": True, "feedback_clock_skew": 60,
                    "database_url": f"sqlite:///{tmp_path / 'cds.db'}"})
    client = app.test_client()

    def post(when: datetime) -> Any:
        return client.post(f"/cds-services/{SELECT_ID}/feedback", json={"feedback": [{
            "card": str(uuid.uuid4()), "outcome": "overridden",
            "outcomeTimestamp": when.isoformat()}]})

    try:
        late = post(datetime.now(UTC) + timedelta(days=365 * 7000))
        assert late.status_code == 400
        assert "outcomeTimestamp: is in the future" in late.get_json()["issue"][0]["diagnostics"]
        assert post(datetime.now(UTC) + timedelta(seconds=30)).status_code == 200  # clock skew
    finally:
        state(app).store.close()


def test_over_http_a_card_issued_to_one_tenant_takes_feedback_only_from_it(
        tmp_path: Path) -> None:
    from tests.conftest import hook_body
    from tests.support.cds_auth import JwksServer, TokenFactory, close_app, ec_key, trusted

    key = ec_key()
    jwks = JwksServer([key])
    tokens = TokenFactory(key, jwks.url)
    app = make_app({"database_url": f"sqlite:///{tmp_path / 'cds.db'}",
                    "trusted_issuers": trusted(jwks.url, tenants=["north", "south"])})
    client = app.test_client()
    url = f"http://localhost/cds-services/{SELECT_ID}"

    def auth(tenant: str, aud: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {tokens(aud, claims={'tenant': tenant})}"}

    try:
        resp = client.post(url, json=hook_body("positive-biopsy-thigh-mass.json"),
                           headers=auth("north", url))
        assert resp.status_code == 200
        card = resp.get_json()["cards"][0]
        assert state(app).store.flush(10)
        feedback = {"feedback": [{
            "card": card["uuid"], "outcome": "accepted",
            "acceptedSuggestions": [{"id": card["suggestions"][0]["uuid"]}],
            "outcomeTimestamp": datetime.now(UTC).isoformat()}]}
        refused = client.post(f"{url}/feedback", json=feedback,
                              headers=auth("south", f"{url}/feedback"))
        assert refused.status_code == 400
        assert "not issued to this caller" in refused.get_json()["issue"][0]["diagnostics"]
        taken = client.post(f"{url}/feedback", json=feedback,
                            headers=auth("north", f"{url}/feedback"))
        assert taken.status_code == 200 and taken.get_json()["stored"] == 1
    finally:
        close_app(app)
        jwks.stop()
