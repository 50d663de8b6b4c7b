"""CDS_RULE_MODES (issue 20, "What a CMIO needs"): each rule on, shadow (logged, not shown) or
off, per issuer where given; checked at start-up, printed there and in the report, which
recommends a change for a rule accepted in under 20 % of at least 30 ordering sessions."""

from __future__ import annotations

import json
import subprocess
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from cds_service.storage.decision_log import IssuedCard
from cds_service.storage.feedback import FeedbackItem
from cds_service.storage.report import build_report, report_command
from cds_service.storage.store import Store
from cds_service.web.state import state
from tests.conftest import SELECT_ID, hook_body
from tests.support.cds_auth import make_app
from tests.support.live_service import serving, serving_config
from tests.test_first_hour import CLI, _env, _first_lines, free_port
from tests.test_tokens import cli, new_keys

FIRING = "positive-biopsy-thigh-mass.json"  # fires deep-soft-tissue-mass (lead), biopsy-…
LEAD, OTHER = "deep-soft-tissue-mass", "biopsy-calcified-mass"


@pytest.mark.parametrize(("modes", "shown", "logged"), [
    ({}, 1, {(LEAD, False)}),
    ({LEAD: "shadow"}, 1, {(OTHER, False), (LEAD, True)}),
    ({LEAD: "off"}, 1, {(OTHER, False)}),
    ({"*": "shadow"}, 0, {(LEAD, True)}),  # what CDS_SHADOW=1 was
    ({"*": "off", LEAD: {"default": "shadow"}}, 0, {(LEAD, True)}),
])
def test_each_rule_is_shown_logged_apart_or_not_run(
        tmp_path: Path, modes: dict[str, object], shown: int,
        logged: set[tuple[str, bool]]) -> None:
    app = make_app({"database_url": f"sqlite:///{tmp_path / 'cds.db'}", "log_level": "ERROR",
                    "allow_unauthenticated": True, "rule_modes": json.dumps(modes)})
    store = state(app).store
    with serving(app) as base:
        resp = requests.post(f"{base}/cds-services/{SELECT_ID}", json=hook_body(FIRING),
                             timeout=30)
        assert resp.status_code == 200, resp.text
        assert len(resp.json()["cards"]) == shown
        assert store.flush(10)
        report = build_report(store)
    assert {(r["rule"], r["shadow"]) for r in report["sessions"]} == logged


def test_a_rule_shown_to_one_issuer_only(tmp_path: Path) -> None:
    jwks = new_keys(tmp_path / "keys")
    issuers = {iss: {"jwks": jwks} for iss in ("https://a.example.org", "https://b.example.org")}
    modes = {"*": {"default": "shadow", "issuers": {"https://a.example.org": "on"}}}
    with serving_config({"trusted_issuers": json.dumps(issuers), "log_level": "ERROR",
                         "rule_modes": json.dumps(modes),
                         "database_url": f"sqlite:///{tmp_path / 'cds.db'}"}) as base:
        endpoint = f"{base}/cds-services/{SELECT_ID}"
        shown = {}
        for iss in issuers:
            token = cli("token", "--key", str(tmp_path / "keys" / "private.pem"), "--issuer",
                        iss, "--audience", endpoint).output.strip()
            resp = requests.post(endpoint, json=hook_body(FIRING), timeout=30,
                                 headers={"Authorization": f"Bearer {token}"})
            assert resp.status_code == 200, resp.text
            shown[iss] = len(resp.json()["cards"])
    assert shown == {"https://a.example.org": 1, "https://b.example.org": 0}


@pytest.mark.parametrize(("modes", "line"), [
    ('{"no-such-rule": "on"}', "Error: CDS_RULE_MODES: unknown rule 'no-such-rule' (rules: "),
    (f'{{"{LEAD}": "hide"}}', f"Error: CDS_RULE_MODES: '{LEAD}' must be one of on, shadow, "
                              "off"),
    ("{on}", "Error: CDS_RULE_MODES is not JSON"),
])
def test_a_wrong_setting_stops_serve_with_one_line(tmp_path: Path, modes: str,
                                                   line: str) -> None:
    done = subprocess.run([str(CLI), "serve", "--port", str(free_port()), "--workers", "1"],
                          env=_env(CDS_RULE_MODES=modes,
                                   DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}"),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1 and done.stderr.startswith(line), done.stderr


def test_the_modes_are_printed_at_start_up(tmp_path: Path) -> None:
    modes = {"*": "shadow", LEAD: {"default": "on", "issuers": {"https://a.example": "off"}}}
    text = _first_lines([str(CLI), "serve", "--port", str(free_port()), "--workers", "1"],
                        _env(CDS_RULE_MODES=json.dumps(modes), CDS_LOG_LEVEL="INFO",
                             CDS_LOG_FORMAT="text",
                             DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}"), terminal=False,
                        until="the others: shadow\n")
    line = next(x for x in text.splitlines() if "rule modes (CDS_RULE_MODES): " in x)
    assert line.endswith(f"{LEAD}: on, https://a.example: off; the others: shadow"), line


def _sessions(store: Store, rule: str, n: int, accepted: int) -> None:
    """``n`` ordering sessions of ``rule`` (one patient each), ``accepted`` of them accepted."""
    cards = [IssuedCard(str(uuid.uuid4()), rule, rule, "warning",
                        ((str(uuid.uuid4()), "Order CT"),)) for _ in range(n)]
    for card in cards:
        store.decision_log.record_call(service_id="svc", hook="order-select", shadow=False,
                                       cards=[card], hook_instance=str(uuid.uuid4()),
                                       patient_id=str(uuid.uuid4()))
    assert store.flush(10)
    store.feedback.record("svc", [FeedbackItem(c.card_uuid, "accepted", datetime.now(UTC),
                                               (c.suggestions[0][0],)) for c in cards[:accepted]])


def test_the_report_prints_the_modes_and_recommends_a_change(store: Store, db_url: str,
                                                             tmp_path: Path) -> None:
    _sessions(store, "rarely-accepted", 30, 5)  # 17 % of 30: recommended
    _sessions(store, "accepted-enough", 30, 6)  # 20 %
    _sessions(store, "too-few-yet", 29, 0)
    page = tmp_path / "report.html"
    result = CliRunner().invoke(report_command, ["--database-url", db_url, "--html", str(page)],
                                env={"CDS_RULE_MODES": json.dumps({LEAD: "shadow"})})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert f"Rule modes (CDS_RULE_MODES): {LEAD}: shadow; the others: on" in lines
    assert [x for x in lines if x.startswith("Recommended: ")] == [
        "Recommended: rarely-accepted: 17% of 30 ordering sessions accepted (0 overridden, 25 "
        "without feedback), under 20 %: review the rule and its card with the clinical lead, "
        """or set it to shadow: CDS_RULE_MODES='{"rarely-accepted": "shadow"}'"""]
    html = page.read_text()
    assert f"rule modes: {LEAD}: shadow; the others: on" in html
    assert "<b>Recommended:</b> rarely-accepted: 17% of 30" in html
    result = CliRunner().invoke(report_command, ["--database-url", db_url, "--json"])
    assert len(json.loads(result.stdout)["recommendations"]) == 1
