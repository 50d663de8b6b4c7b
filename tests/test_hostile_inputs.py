"""Hostile client input (issue 19 §4–8): a 4xx for every bad input, bounded feedback storage,
no terminal escapes from ``cds-service report``, no live links in quoted report text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import cmarkgfm
import pytest
from click.testing import CliRunner
from flask import Flask

from cds_service.storage.report import report_command
from tests.support.cds_auth import close_app, make_app
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
