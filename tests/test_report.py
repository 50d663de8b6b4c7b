"""``cds-service report``: figures per rule, card and suggestion; shadow apart; --since; --json."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from click.testing import CliRunner

from cds_service.storage.decision_log import IssuedCard
from cds_service.storage.feedback import FeedbackItem
from cds_service.storage.report import build_report, format_report, report_command
from cds_service.storage.schema import card_table
from cds_service.storage.store import Store

T0 = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def issue(store: Store, rule: str, *, shadow: bool = False, label: str = "Order CT") -> IssuedCard:
    card = IssuedCard(str(uuid.uuid4()), rule, f"{rule}-card", "warning",
                      ((str(uuid.uuid4()), label),))
    store.decision_log.record_call(service_id="svc", hook="order-select",
                                   hook_instance=str(uuid.uuid4()), patient_id="p", cards=[card],
                                   shadow=shadow)
    return card


def seed(store: Store) -> dict[str, list[IssuedCard]]:
    a = [issue(store, "rule-a") for _ in range(4)]
    b = [issue(store, "rule-b", label="Order MRI") for _ in range(2)]
    shadow = [issue(store, "rule-a", shadow=True) for _ in range(3)]
    assert store.flush(10)
    store.feedback.record("svc", [
        FeedbackItem(a[0].card_uuid, "accepted", T0, (a[0].suggestions[0][0],)),
        FeedbackItem(a[1].card_uuid, "overridden", T0, (), "urn:o", "ct-done", "CT done"),
        FeedbackItem(a[2].card_uuid, "overridden", T0, (), "urn:o", "ct-done", "CT done"),
        # a revision: overridden first, accepted later → counts once, as accepted
        FeedbackItem(b[0].card_uuid, "overridden", T0, (), None, None, None, True),
        FeedbackItem(b[0].card_uuid, "accepted", T0 + timedelta(minutes=2),
                     (b[0].suggestions[0][0],)),
        FeedbackItem(str(uuid.uuid4()), "overridden", T0),
    ])
    return {"a": a, "b": b, "shadow": shadow}


def test_figures_per_rule_card_and_suggestion(store: Store) -> None:
    seed(store)
    report = build_report(store)
    rules = {(r["rule"], r["shadow"]): r for r in report["rules"]}
    a = rules[("rule-a", False)]
    assert (a["fired"], a["accepted"], a["overridden"], a["no_feedback"]) == (4, 1, 2, 1)
    assert a["acceptance_rate"] == 0.25
    assert a["override_reasons"] == {"urn:o|ct-done (CT done)": 2}
    b = rules[("rule-b", False)]
    assert (b["fired"], b["accepted"], b["overridden"]) == (2, 1, 0)
    shadow = rules[("rule-a", True)]
    assert (shadow["fired"], shadow["accepted"], shadow["acceptance_rate"]) == (3, 0, 0.0)
    suggestions = {(s["rule"], s["shadow"]): s for s in report["suggestions"]}
    assert suggestions[("rule-a", False)]["offered"] == 4
    assert suggestions[("rule-a", False)]["accepted"] == 1
    assert suggestions[("rule-b", False)]["suggestion"] == "Order MRI"
    assert suggestions[("rule-b", False)]["acceptance_rate"] == 0.5
    assert report["unmatched_feedback"] == {"svc": 1}
    text = format_report(report)
    assert "rule-a" in text and "25.0%" in text and "SHADOW" in text
    # one patient, no order recorded, within 30 minutes: one ordering session per rule
    sessions = {(r["rule"], r["shadow"]): r for r in report["sessions"]}
    assert sessions[("rule-a", False)]["sessions"] == 1
    assert sessions[("rule-a", False)]["calls"]["fired"] == 4
    assert "urn:o|ct-done (CT done): 1 session" in text  # the session's latest feedback


def test_since_filters_cards_by_issue_date(store: Store) -> None:
    seed(store)
    with store.engine.begin() as conn:
        conn.execute(sa.update(card_table).where(card_table.c.rule_id == "rule-b")
                     .values(created_at=T0 - timedelta(days=30)))
    report = build_report(store, since=T0 - timedelta(days=1))
    assert {r["rule"] for r in report["rules"]} == {"rule-a"}


def test_cli_json_and_table(store: Store, db_url: str) -> None:
    seed(store)
    runner = CliRunner()
    result = runner.invoke(report_command, ["--json", "--database-url", db_url])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    live = {r["rule"]: r for r in data["rules"] if not r["shadow"]}
    assert live["rule-a"]["acceptance_rate"] == 0.25
    result = runner.invoke(report_command, ["--since", "2000-01-01", "--database-url", db_url])
    assert result.exit_code == 0, result.output
    assert "Rules and cards: per ordering session" in result.output
    assert "rule-b" in result.output
    result = runner.invoke(report_command, ["--since", "2999-01-01", "--json",
                                            "--database-url", db_url])
    assert json.loads(result.output)["rules"] == []


def test_cli_reads_database_url_from_environment(store: Store, db_url: str) -> None:
    seed(store)
    result = CliRunner().invoke(report_command, ["--json"], env={"DATABASE_URL": db_url})
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["rules"]


def test_cli_unreachable_database_is_a_clear_error() -> None:
    result = CliRunner().invoke(
        report_command,
        ["--database-url", "postgresql+psycopg://postgres:secret@127.0.0.1:1/x"])
    assert result.exit_code != 0
    assert "cannot read the decision log" in result.output
    assert "secret" not in result.output
