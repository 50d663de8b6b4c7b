"""Hostile client input (issue 19 §4–8): a 4xx for every bad input, bounded feedback storage,
no terminal escapes from ``cds-service report``, no live links in quoted report text."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from typing import Any

import cmarkgfm
import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from flask import Flask

from cds_service.storage.report import report_command
from cds_service.storage.schema import (
    call_table,
    card_table,
    feedback_suggestion_table,
    feedback_table,
)
from cds_service.web.state import state
from tests.support.cds_auth import (
    JwksServer,
    TokenFactory,
    close_app,
    ec_key,
    make_app,
    trusted,
)
from tests.test_feedback import SERVICE, firing_request, issue_card, now_rfc3339

HOSTILE_TEXT = ("\x1b]0;owned\x07\x1b[2J\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\"
                "\rrule-a  99  99  100.0%\x9b31m\x08\u202eok\u2028x")


@pytest.fixture
def app(db_url: str) -> Iterator[Flask]:
    app = make_app({"database_url": db_url, "allow_unauthenticated": True})
    yield app
    close_app(app)


def post_feedback(app: Flask, body: Any) -> Any:
    return app.test_client().post(f"/cds-services/{SERVICE}/feedback", json=body)


def overridden_with(card_uuid: str, system: str, code: str, display: str) -> dict[str, Any]:
    return {"card": card_uuid, "outcome": "overridden", "outcomeTimestamp": now_rfc3339(),
            "overrideReason": {"reason": {"system": system, "code": code, "display": display}}}


# -- §7: cds-service report prints no control characters ---------------------------------


def test_report_text_strips_control_characters(app: Flask, db_url: str) -> None:
    card = issue_card(app)
    resp = post_feedback(app, {"feedback": [overridden_with(
        card["uuid"], "urn:x" + HOSTILE_TEXT, "c" + HOSTILE_TEXT, "CT done" + HOSTILE_TEXT)]})
    assert resp.status_code == 200, resp.get_data(as_text=True)
    result = CliRunner().invoke(report_command, ["--database-url", db_url])
    assert result.exit_code == 0, result.output
    controls = {c for c in result.output if c != "\n" and (ord(c) < 0x20 or 0x7f <= ord(c) < 0xa0
                                                         or c in "\u202e\u2028")}
    assert not controls, sorted(controls)
    assert "override" in result.output and "CT done" in result.output
    # the forged line after a carriage return is not a line of its own
    assert not any(line.startswith("rule-a") for line in result.output.splitlines())


# -- §8: quoted report text makes no link in GitHub-flavoured Markdown ---------------------


def test_quoted_addresses_are_not_links(app: Flask) -> None:
    body = firing_request()
    text = json.dumps(body)
    marker = "with small calcified foci"
    assert marker in text
    body = json.loads(text.replace(marker, marker + ", ask dr.smith@example.org,"
                                   " mailto:x@y.org, MAILTO:a@b.org, xmpp:rad@example.org/desk,"
                                   " https://x.example and www.x.example"))
    resp = app.test_client().post(f"/cds-services/{SERVICE}", json=body)
    assert resp.status_code == 200, resp.get_data(as_text=True)
    details = [c["detail"] for c in resp.get_json()["cards"]]
    assert any("example" in d for d in details), details
    for detail in details:
        html = cmarkgfm.github_flavored_markdown_to_html(detail)
        hrefs = re.findall(r'href="([^"]*)"', html)
        assert all(h.startswith("http") and "example" not in h for h in hrefs), hrefs


# -- §4, §5: a lone surrogate, a NUL, a timestamp out of range: 400 (feedback, sandbox) --------

SURROGATE, NUL = "\ud800", "\x00"


def feedback_rows(app: Flask) -> tuple[int, int]:
    """Rows in cds_feedback and cds_feedback_suggestion."""
    with state(app).store.engine.connect() as conn:
        return tuple(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                     for t in (feedback_table, feedback_suggestion_table))


def accepted_unmatched(suggestions: int = 1) -> dict[str, Any]:
    return {"card": str(uuid.uuid4()), "outcome": "accepted", "outcomeTimestamp": now_rfc3339(),
            "acceptedSuggestions": [{"id": str(uuid.uuid4())} for _ in range(suggestions)]}


def with_text(path: str, text: str) -> dict[str, Any]:
    """An overridden item whose string at ``path`` (dotted, under the item) holds ``text``."""
    item = overridden_with(str(uuid.uuid4()), "urn:o", "ct-done", "CT done")
    item["overrideReason"]["userComment"] = "seen"
    if path == "acceptedSuggestions.0.id":
        item = accepted_unmatched()
    node = item
    *parents, last = path.split(".")
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    node[last] = node[last] + text
    return item


STRING_FIELDS = ["card", "acceptedSuggestions.0.id", "overrideReason.reason.system",
                 "overrideReason.reason.code", "overrideReason.reason.display"]


@pytest.mark.parametrize("path", [*STRING_FIELDS, "overrideReason.userComment"])
def test_lone_surrogate_in_any_feedback_string_is_400(app: Flask, path: str) -> None:
    resp = post_feedback(app, {"feedback": [with_text(path, SURROGATE)]})
    assert resp.status_code == 400, resp.get_data(as_text=True)
    assert resp.get_json()["resourceType"] == "OperationOutcome"
    assert feedback_rows(app) == (0, 0)


@pytest.mark.parametrize("path", STRING_FIELDS)
def test_nul_in_a_feedback_string_is_400_and_the_good_items_are_kept(app: Flask,
                                                                    path: str) -> None:
    good = [overridden_with(str(uuid.uuid4()), "urn:o", "ct-done", "CT done"),
            accepted_unmatched()]
    resp = post_feedback(app, {"feedback": [good[0], with_text(path, NUL), good[1]]})
    assert resp.status_code == 400, resp.get_data(as_text=True)
    issues = resp.get_json()["issue"]
    field = "feedback[1]." + re.sub(r"\.(\d+)", r"[\1]", path)
    assert issues[0]["diagnostics"] == f"{field}: must not contain a NUL character"
    assert issues[-1]["severity"] == "information"
    assert issues[-1]["diagnostics"].startswith("2 stored")
    assert feedback_rows(app) == (2, 1)
    again = post_feedback(app, {"feedback": good})  # the EHR resends the good ones: no new row
    assert again.status_code == 200 and again.get_json()["duplicates"] == 2


@pytest.mark.parametrize("when", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
def test_outcome_timestamp_out_of_range_is_400(app: Flask, when: str) -> None:
    item = {**overridden_with(str(uuid.uuid4()), "urn:o", "c", "d"), "outcomeTimestamp": when}
    resp = post_feedback(app, {"feedback": [item]})
    assert resp.status_code == 400, resp.get_data(as_text=True)
    assert resp.get_json()["issue"][0]["diagnostics"].startswith("feedback[0].outcomeTimestamp")


def test_lone_surrogate_in_a_sandbox_bundle_is_400(tmp_path: Any) -> None:
    from tests.conftest import load_bundle

    app = make_app({"database_url": f"sqlite:///{tmp_path / 'cds.db'}",
                    "allow_unauthenticated": True, "sandbox": True})
    try:
        bundle = load_bundle("biopsy-calcified-neck-mass.json")
        bundle["entry"][0]["resource"]["id"] = "p" + SURROGATE
        for body in ({"bundle": bundle}, {"bundle": bundle, "hook": "order-sign" + SURROGATE},
                     {"bundle": {"resourceType": "Bundle", "type": SURROGATE}}):
            resp = app.test_client().post("/sandbox/hook-request", json=body)
            assert resp.status_code == 400, resp.get_data(as_text=True)
            assert resp.get_json()["resourceType"] == "OperationOutcome"
    finally:
        close_app(app)


# -- §4, §5, §6: claims: jti and tenant ---------------------------------------------------


@pytest.fixture
def signing() -> Iterator[tuple[JwksServer, TokenFactory]]:
    key = ec_key()
    jwks = JwksServer([key])
    yield jwks, TokenFactory(key, jwks.url)
    jwks.stop()


def jwt_app(db_url: str, jwks_url: str, tenants: list[str] | None = None,
            **config: Any) -> Flask:
    return make_app({"database_url": db_url, "trusted_issuers": trusted(jwks_url,
                                                                       tenants=tenants),
                     **config})


def bearer(tokens: TokenFactory, path: str, **claims: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens('http://localhost' + path, claims=claims)}"}


def auth_reason(resp: Any) -> str:
    assert resp.status_code == 401, resp.get_data(as_text=True)
    return re.search(r'error_description="([^"]*)"', resp.headers["WWW-Authenticate"])[1]


def test_bad_jti_and_tenant_claims_are_401_with_their_reason(
        db_url: str, signing: tuple[JwksServer, TokenFactory]) -> None:
    jwks, tokens = signing
    app = jwt_app(db_url, jwks.url, tenants=["north"])
    path = f"/cds-services/{SERVICE}"
    try:
        client = app.test_client()
        for jti in (SURROGATE, "a" + SURROGATE, "a" + NUL + "b", "a\x1bb"):
            resp = client.post(path, json=firing_request(), headers=bearer(tokens, path, jti=jti,
                                                                         tenant="north"))
            assert auth_reason(resp) == "bad-jti"
        for tenant in (SURROGATE, "north" + SURROGATE, "north" + NUL):
            resp = client.post(path, json=firing_request(),
                               headers=bearer(tokens, path, tenant=tenant))
            assert auth_reason(resp) == "bad-tenant"
        ok = client.post(path, json=firing_request(), headers=bearer(tokens, path,
                                                                     tenant="north"))
        assert ok.status_code == 200, ok.get_data(as_text=True)
    finally:
        close_app(app)


def test_a_tenant_claim_is_ignored_when_the_issuer_lists_none(
        db_url: str, signing: tuple[JwksServer, TokenFactory]) -> None:
    """Without a tenant list the claim is never stored (a new tenant per batch cannot reset a
    quota); one holding a NUL or a lone surrogate is refused all the same (it cost the call
    its decision-log row on PostgreSQL)."""
    jwks, tokens = signing
    app = jwt_app(db_url, jwks.url)
    path = f"/cds-services/{SERVICE}"
    try:
        client = app.test_client()
        for tenant in ("t" + NUL, SURROGATE):
            resp = client.post(path, json=firing_request(),
                               headers=bearer(tokens, path, tenant=tenant))
            assert auth_reason(resp) == "bad-tenant"
        resp = client.post(path, json=firing_request(),
                           headers=bearer(tokens, path, tenant="made-up"))
        assert resp.status_code == 200, resp.get_data(as_text=True)
        assert state(app).store.flush(10)
        with state(app).store.engine.connect() as conn:
            assert conn.execute(sa.select(call_table.c.id)).all() != []
            assert conn.execute(sa.select(card_table.c.tenant)).scalars().all() == [None]
    finally:
        close_app(app)


@pytest.mark.parametrize("tenants", [None, ["north", "south"]])
def test_unmatched_quota_is_per_issuer_whatever_the_tenant(
        db_url: str, signing: tuple[JwksServer, TokenFactory], tenants: Any) -> None:
    jwks, tokens = signing
    app = jwt_app(db_url, jwks.url, tenants=tenants, feedback_unmatched_max=3)
    path = f"/cds-services/{SERVICE}/feedback"
    names = tenants or ["a", "b", "c", "d"]
    try:
        client = app.test_client()
        statuses = [client.post(path, json={"feedback": [accepted_unmatched()]},
                                headers=bearer(tokens, path, tenant=names[i % len(names)])
                                ).status_code for i in range(5)]
        assert statuses == [200, 200, 200, 429, 429]
        assert feedback_rows(app)[0] == 3
    finally:
        close_app(app)


def test_feedback_caps_bound_the_rows_one_request_writes(app: Flask) -> None:
    """At most 100 items of at most 10 accepted suggestions: 1,100 rows per request (before:
    1,000 items of 100, 101,000 rows)."""
    over = [post_feedback(app, {"feedback": [accepted_unmatched() for _ in range(101)]}),
            post_feedback(app, {"feedback": [accepted_unmatched(11) for _ in range(100)]})]
    assert [r.status_code for r in over] == [400, 400]
    assert feedback_rows(app) == (0, 0)
    full = post_feedback(app, {"feedback": [accepted_unmatched(10) for _ in range(100)]})
    assert full.status_code == 200, full.get_data(as_text=True)
    assert sum(feedback_rows(app)) == 1_100
