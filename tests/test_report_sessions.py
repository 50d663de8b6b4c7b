"""The report by ordering session (patient + order + rule within a window) with per-call
figures beside, from real hook calls; and ``report --html``: a self-contained page with
charts, opened in headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from cds_service.storage.decision_log import CallRecord, IssuedCard
from cds_service.storage.feedback import FeedbackItem
from cds_service.storage.report import build_report, report_command
from cds_service.storage.report_html import render_html
from cds_service.storage.schema import card_table
from cds_service.storage.store import Store
from cds_service.web.state import state
from tests.conftest import ROOT, SELECT_ID, SIGN_ID, hook_body
from tests.support.cds_auth import make_app

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
SCREENSHOT = ROOT / "docs" / "report.png"


def call(store: Store, *, patient: str, order: str, rule: str, at: datetime,
         service: str = SELECT_ID, shadow: bool = False) -> IssuedCard:
    """One hook call that issued one card of ``rule`` about ``order``, logged at ``at``
    (written as the decision log's writer thread writes it, without waiting for it)."""
    card = IssuedCard(str(uuid.uuid4()), rule, rule, "warning",
                      ((str(uuid.uuid4()), "Order CT first"),), order=order)
    store.decision_log.write_batch([CallRecord(
        created_at=at, service_id=service, hook="order-select",
        hook_instance=str(uuid.uuid4()), patient_id=patient, cards=(card,), shadow=shadow)])
    return card


def accept(card: IssuedCard, at: datetime) -> FeedbackItem:
    return FeedbackItem(card.card_uuid, "accepted", at, (card.suggestions[0][0],))


def override(card: IssuedCard, at: datetime, code: str = "ct-done",
             display: str = "CT already done") -> FeedbackItem:
    return FeedbackItem(card.card_uuid, "overridden", at, (), "urn:reasons", code, display)


BIOPSY = "http://www.ama-assn.org/go/cpt|20206"
CT = "http://www.ama-assn.org/go/cpt|74160"


def test_each_ordering_session_counts_once(store: Store) -> None:
    m = timedelta(minutes=1)
    # patient 1, biopsy: order-select twice, then order-sign: one session, accepted at sign
    s1 = [call(store, patient="p1", order=BIOPSY, rule="biopsy", at=T0),
          call(store, patient="p1", order=BIOPSY, rule="biopsy", at=T0 + 2 * m),
          call(store, patient="p1", order=BIOPSY, rule="biopsy", at=T0 + 6 * m,
               service=SIGN_ID)]
    # patient 1, another order in the same minutes: its own session, overridden
    s2 = call(store, patient="p1", order=CT, rule="biopsy", at=T0 + 3 * m)
    # patient 2, same order: its own session, no feedback
    for k in range(2):
        call(store, patient="p2", order=BIOPSY, rule="biopsy", at=T0 + k * m)
    # patient 1 orders the biopsy again three hours later: a new session, overridden then
    # accepted (the latest feedback decides)
    s4 = call(store, patient="p1", order=BIOPSY, rule="biopsy", at=T0 + 180 * m)
    store.feedback.record(SIGN_ID, [accept(s1[2], T0 + 7 * m)])  # accepted at order-sign
    store.feedback.record(SELECT_ID, [
        override(s1[0], T0 + 1 * m, "not-now", "Not now"),
        override(s2, T0 + 4 * m),
        override(s4, T0 + 181 * m),
        accept(s4, T0 + 182 * m),
    ])
    report = build_report(store)
    [row] = report["sessions"]
    assert (row["sessions"], row["accepted"], row["overridden"], row["no_feedback"]) == \
        (4, 2, 1, 1)
    assert row["acceptance_rate"] == 0.5
    assert row["override_reasons"] == {"urn:reasons|ct-done (CT already done)": 1}
    # per call beside: 7 cards, 2 accepted (s1[2], s4), 2 overridden (s1[0], s2)
    assert row["calls"] == {"fired": 7, "accepted": 2, "overridden": 2,
                            "acceptance_rate": round(2 / 7, 4)}
    assert [(t["day"], t["sessions"], t["accepted"]) for t in report["timeline"]] == \
        [("2026-11-20", 4, 2)]
    # a wider window joins the biopsy ordered again after three hours to the first session
    wide = build_report(store, session_window=timedelta(hours=4))
    assert wide["sessions"][0]["sessions"] == 3
    assert wide["sessions"][0]["accepted"] == 1  # the latest feedback of the joined cards


def test_cards_logged_before_orders_were_recorded_group_by_patient_and_rule(
        store: Store) -> None:
    for k in range(3):
        call(store, patient="p1", order="", rule="biopsy", at=T0 + timedelta(minutes=k))
    [row] = build_report(store)["sessions"]
    assert (row["sessions"], row["calls"]["fired"]) == (1, 3)


def test_real_calls_record_the_order_and_the_patient_pseudonymously(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'calls.db'}"
    app = make_app({"allow_unauthenticated": True, "log_level": "ERROR", "database_url": db})
    client = app.test_client()
    for service, hook in ((SELECT_ID, "order-select"), (SELECT_ID, "order-select"),
                          (SIGN_ID, "order-sign")):
        resp = client.post(f"/cds-services/{service}",
                           json=hook_body("positive-biopsy-thigh-mass.json", hook=hook))
        assert len(resp.get_json()["cards"]) == 1
    store = state(app).store
    assert store.flush(10)
    with store.engine.connect() as conn:
        keys = conn.execute(sa.select(card_table.c.order_key)).scalars().all()
    assert len(keys) == 3 and len(set(keys)) == 1
    assert "20206" not in keys[0] and len(keys[0]) == 64  # a keyed hash, not the code
    report = build_report(store)
    assert [(r["sessions"], r["calls"]["fired"]) for r in report["sessions"]] == [(1, 3)]
    store.close()


# -- HTML -----------------------------------------------------------------------------------

RULES = {"biopsy-calcified-mass": 0.7, "contrast-ct-noncontrast-first": 0.45,
         "deep-soft-tissue-mass": 0.6, "crystal-deposition": 0.3}
REASONS = [("ct-already-done", "CT already done elsewhere"),
           ("not-clinically-relevant", "Calcification not relevant to this order"),
           ("patient-declined", "Patient declined CT"),
           ("urgent", "Urgent: no time for CT first")]


def seed_weeks(store: Store, days: int = 14) -> None:
    """Two weeks of ordering sessions, 2–3 calls each, acceptance drifting per rule."""
    feedback: list[FeedbackItem] = []
    n = 0
    for day in range(days):
        for r, (rule, base) in enumerate(RULES.items()):
            for k in range(2 + (day + r) % 3):
                n += 1
                at = T0 + timedelta(days=day, hours=k, minutes=r * 7)
                cards = [call(store, patient=f"p{n}", order=BIOPSY, rule=rule,
                              at=at + timedelta(minutes=2 * c)) for c in range(2 + n % 2)]
                score = (base + 0.02 * day + 0.13 * ((n * 7) % 5 - 2)) % 1.0
                if score > 0.45:
                    feedback.append(accept(cards[-1], at + timedelta(minutes=5)))
                elif score > 0.12:
                    code, display = REASONS[n % len(REASONS)]
                    feedback.append(override(cards[0], at + timedelta(minutes=1), code,
                                             display))
    for start in range(0, len(feedback), 50):
        store.feedback.record(SELECT_ID, feedback[start:start + 50])


def test_html_page_is_self_contained_and_escaped(store: Store, tmp_path: Path) -> None:
    call(store, patient="p1", order=BIOPSY, rule="<script>alert(1)</script>", at=T0)
    page = render_html(build_report(store))
    assert "<script>" not in page and "&lt;script&gt;" in page
    for needle in ("<link", "src=", "@import", "url(", "<script"):
        assert needle not in page, needle
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "default-src 'none'" in page


def test_report_html_in_chromium(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    db_url = f"sqlite:///{tmp_path / 'weeks.db'}"  # the figures are tested on both databases
    store = Store(db_url)
    store.db.migrate()
    seed_weeks(store)
    store.close()
    out = tmp_path / "report.html"
    result = CliRunner().invoke(report_command, ["--database-url", db_url, "--html", str(out),
                                                 "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    live_sessions = sum(r["sessions"] for r in report["sessions"] if not r["shadow"])
    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                     args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("request", lambda r: None if r.url == out.as_uri()
                    else problems.append("request: " + r.url))
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.goto(out.as_uri())
            assert page.title().startswith("CDS report")
            tiles = page.locator(".tile").all_inner_texts()
            assert f"ordering sessions\n{live_sessions}" in tiles
            acceptance = page.get_by_role("img", name="Acceptance per rule over time")
            assert acceptance.is_visible()
            assert acceptance.locator("polyline").count() == len(RULES)
            assert acceptance.locator("circle").count() == 14 * len(RULES)
            reasons = page.get_by_role("img", name="Override reasons")
            assert reasons.is_visible()
            assert reasons.locator("rect").count() == len(REASONS)
            box = acceptance.bounding_box()
            assert box is not None and box["width"] > 800 and box["height"] > 200
            shot = tmp_path / "report.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 20_000
            if os.environ.get("CDS_UPDATE_SCREENSHOTS") == "1":
                shutil.copyfile(shot, SCREENSHOT)
        finally:
            browser.close()
    assert problems == []


def test_cli_session_window_option(store: Store, db_url: str) -> None:
    for k in (0, 20, 50):
        call(store, patient="p1", order=BIOPSY, rule="biopsy", at=T0 + timedelta(minutes=k))
    runner = CliRunner()
    narrow = runner.invoke(report_command, ["--database-url", db_url, "--json",
                                            "--session-window", "10"])
    wide = runner.invoke(report_command, ["--database-url", db_url, "--json",
                                          "--session-window", "60"])
    assert json.loads(narrow.output)["sessions"][0]["sessions"] == 3
    assert json.loads(wide.output)["sessions"][0]["sessions"] == 1
    assert "per ordering session" in runner.invoke(
        report_command, ["--database-url", db_url]).output


def test_code_only_override_reasons_get_the_cards_words(store: Store, db_url: str) -> None:
    card = call(store, patient="p1", order=BIOPSY, rule="biopsy", at=T0)
    store.feedback.record(SELECT_ID, [FeedbackItem(
        card.card_uuid, "overridden", T0, (), "urn:cds-service:override-reason",
        "ct-already-done", None)])
    result = CliRunner().invoke(report_command, ["--database-url", db_url, "--json"])
    [row] = json.loads(result.output)["sessions"]
    assert row["override_reasons"] == {
        "urn:cds-service:override-reason|ct-already-done "
        "(CT already done (elsewhere or not in this record))": 1}
    plain = build_report(store)  # without the cards' reasons: the code alone
    assert plain["sessions"][0]["override_reasons"] == {
        "urn:cds-service:override-reason|ct-already-done": 1}
