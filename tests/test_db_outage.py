"""The database goes away under a running service (a loopback TCP proxy in front of the test
PostgreSQL is cut; the shared server is never stopped): JWT replay protection fails closed
(503 with an OperationOutcome) unless ``CDS_JTI_LOCAL_FALLBACK`` chooses the process-local
cache, ``/health`` keeps answering and says "degraded", and all of it recovers."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from cds_service.storage import database
from cds_service.web.state import state
from tests.support.cds_auth import (
    TEST_BASE_URL,
    JwksServer,
    TokenFactory,
    close_app,
    ec_key,
    make_app,
    postgres_available,
    postgres_schema,
    trusted,
)
from tests.support.tcp_proxy import TcpProxy

DISCOVERY = f"{TEST_BASE_URL}/cds-services"

pytestmark = pytest.mark.skipif(bool(postgres_available()), reason="needs PostgreSQL on "
                                "loopback: scripts/test installs and starts it")


@pytest.fixture
def proxied_url() -> Iterator[tuple[str, TcpProxy]]:
    with postgres_schema() as url:
        parsed = make_url(url)
        proxy = TcpProxy((parsed.host or "127.0.0.1", parsed.port or 5432))
        try:
            yield parsed.set(port=proxy.port).render_as_string(hide_password=False), proxy
        finally:
            proxy.close()


@pytest.fixture
def tokens() -> Iterator[TokenFactory]:
    key = ec_key()
    jwks = JwksServer([key])
    yield TokenFactory(key, jwks.url)
    jwks.stop()


def _app(url: str, tokens: TokenFactory, monkeypatch: pytest.MonkeyPatch,
         **extra: Any) -> Any:
    monkeypatch.setattr(database, "HEALTH_RECHECK", 0.0)
    app = make_app({"database_url": url, "trusted_issuers": trusted(tokens.jwks_url), **extra})
    state(app).store.replay.down_hold = 0.2  # retry the database soon after
    return app


def _get(client: Any, token: str) -> Any:
    return client.get("/cds-services", headers={"Authorization": f"Bearer {token}"})


def _health(client: Any) -> dict[str, Any]:
    """/health without its ``instance`` id."""
    answer = client.get("/health").get_json()
    assert answer.pop("instance")
    return answer


def _until(predicate: Any, seconds: float = 60.0) -> bool:  # the limit ends a failing test
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_replay_protection_fails_closed_and_health_says_degraded(
        proxied_url: tuple[str, TcpProxy], tokens: TokenFactory,
        monkeypatch: pytest.MonkeyPatch) -> None:
    url, proxy = proxied_url
    app = _app(url, tokens, monkeypatch)
    client = app.test_client()
    try:
        assert _get(client, tokens(DISCOVERY)).status_code == 200
        assert _health(client) == {"status": "ok", "database": "ok"}

        proxy.down()
        refused = _get(client, tokens(DISCOVERY))
        assert refused.status_code == 503
        outcome = refused.get_json()
        assert outcome["resourceType"] == "OperationOutcome"
        assert outcome["issue"][0]["details"]["coding"][0]["code"] == "CDS-503-replay-store"
        assert client.get("/health").status_code == 200
        assert _health(client) == {"status": "degraded", "database": "unavailable",
                                   "replayProtection": "unavailable"}

        proxy.up()
        token = tokens(DISCOVERY)
        assert _until(lambda: _get(client, tokens(DISCOVERY)).status_code == 200)
        assert _get(client, token).status_code == 200
        assert _get(client, token).status_code == 401  # replay refused by the database again
        assert _until(lambda: client.get("/health").get_json()["status"] == "ok")
    finally:
        close_app(app)


def test_local_fallback_only_when_chosen(proxied_url: tuple[str, TcpProxy],
                                         tokens: TokenFactory,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    url, proxy = proxied_url
    app = _app(url, tokens, monkeypatch, jti_local_fallback=True)
    client = app.test_client()
    try:
        assert _get(client, tokens(DISCOVERY)).status_code == 200
        proxy.down()
        token = tokens(DISCOVERY)
        assert _get(client, token).status_code == 200  # answered from the process cache
        assert _get(client, token).status_code == 401  # a replay within the process: refused
        assert _health(client) == {
            "status": "degraded", "database": "unavailable", "replayProtection": "process-local"}
    finally:
        proxy.up()
        close_app(app)


def test_key_file_outside_the_database_keys_the_patient_hash(tmp_path: Path,
                                                             tokens: TokenFactory) -> None:
    import hashlib
    import hmac

    key_file = tmp_path / "patient-hash.key"
    key_file.write_text("0123456789abcdef" * 4 + "\n")
    app = make_app({"database_url": f"sqlite:///{tmp_path / 'cds.db'}",
                    "trusted_issuers": trusted(tokens.jwks_url),
                    "patient_hash_key_file": str(key_file)})
    try:
        expected = hmac.new(("0123456789abcdef" * 4).encode(), b"p1", hashlib.sha256)
        assert state(app).store.db.patient_hash("p1") == expected.hexdigest()
    finally:
        close_app(app)
