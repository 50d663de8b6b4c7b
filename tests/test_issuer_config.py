"""Issuer configuration for real clients (issue 13 §3): accepted ``jku`` values apart from the
JWKS URL the keys come from, keys inline for sites that cannot fetch them, a loud warning for
an issuer whose key is public, and the 401's reason in ``WWW-Authenticate``. Real tokens,
a real JWKS endpoint on loopback where keys are fetched."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cds_service.errors import ConfigError
from tests.support.cds_auth import ISSUER, JwksServer, TokenFactory, close_app, ec_key, make_app

SANDBOX = "https://sandbox.cds-hooks.org"
SANDBOX_JKU = f"{SANDBOX}/.well-known/jwks.json"
BASE = "http://cds.test"
DISCOVERY = f"{BASE}/cds-services"


@pytest.fixture
def make(tmp_path: Path) -> Iterator[Any]:
    apps = []

    def factory(issuers: dict[str, Any]) -> Any:
        app = make_app({"database_url": f"sqlite:///{tmp_path / 'cds.db'}",
                        "trusted_issuers": json.dumps(issuers), "public_base_url": BASE})
        apps.append(app)
        return app

    yield factory
    for app in apps:
        close_app(app)


def _discover(app: Any, token: str) -> Any:
    return app.test_client().get("/cds-services", headers={"Authorization": f"Bearer {token}"})


def _reason(resp: Any) -> str:
    assert resp.status_code == 401
    challenge = resp.headers["WWW-Authenticate"]
    assert challenge.startswith('Bearer error="invalid_token", error_description="')
    return challenge.split('error_description="', 1)[1].rstrip('"')


def test_accepted_jku_differs_from_where_keys_are_fetched(make: Any) -> None:
    """The Sandbox's token names its public jku; the keys come from the site's own copy."""
    key = ec_key()
    jwks = JwksServer([key])
    try:
        app = make({SANDBOX: {"jwks_url": jwks.url, "jku": [SANDBOX_JKU]}})
        mint = TokenFactory(key, SANDBOX_JKU, iss=SANDBOX)
        assert _discover(app, mint(DISCOVERY)).status_code == 200
        assert jwks.hits >= 1  # keys from the configured URL; the jku is never fetched
        other = TokenFactory(key, "https://evil.example/jwks.json", iss=SANDBOX)
        assert _reason(_discover(app, other(DISCOVERY))) == "jku-mismatch"
        # With "jku" given, exactly those values are accepted.
        own = TokenFactory(key, jwks.url, iss=SANDBOX)
        assert _reason(_discover(app, own(DISCOVERY))) == "jku-mismatch"
        no_jku = TokenFactory(key, SANDBOX_JKU, iss=SANDBOX, drop={"jku"})
        assert _discover(app, no_jku(DISCOVERY)).status_code == 200
    finally:
        jwks.stop()


def test_without_jku_setting_the_jwks_url_is_the_accepted_jku(make: Any) -> None:
    key = ec_key()
    jwks = JwksServer([key])
    try:
        app = make({ISSUER: jwks.url})
        assert _discover(app, TokenFactory(key, jwks.url)(DISCOVERY)).status_code == 200
        assert _reason(_discover(app, TokenFactory(key, SANDBOX_JKU)(DISCOVERY))) == \
            "jku-mismatch"
    finally:
        jwks.stop()


def test_inline_jwks_for_an_air_gapped_site(make: Any) -> None:
    """No JWKS URL at all: the keys are in the configuration, nothing is fetched."""
    key = ec_key()
    app = make({SANDBOX: {"jwks": {"keys": [key.public_jwk]}, "jku": [SANDBOX_JKU]}})
    mint = TokenFactory(key, SANDBOX_JKU, iss=SANDBOX)
    assert _discover(app, mint(DISCOVERY)).status_code == 200
    stranger = ec_key()
    assert _reason(_discover(app, mint(DISCOVERY, key=stranger))) == "unknown-kid"
    forged = ec_key(kid=key.kid)  # the right kid, another private key
    assert _reason(_discover(app, mint(DISCOVERY, key=forged))) == "bad-signature"


def test_inline_keys_first_then_the_jwks_url(make: Any) -> None:
    inline, fetched = ec_key(), ec_key()
    jwks = JwksServer([fetched])
    try:
        app = make({ISSUER: {"jwks_url": jwks.url, "jwks": {"keys": [inline.public_jwk]}}})
        assert _discover(app, TokenFactory(inline, jwks.url)(DISCOVERY)).status_code == 200
        assert jwks.hits == 0
        assert _discover(app, TokenFactory(fetched, jwks.url)(DISCOVERY)).status_code == 200
        assert jwks.hits == 1
    finally:
        jwks.stop()


@pytest.mark.parametrize(("entry", "message"), [
    ({"jku": [SANDBOX_JKU]}, "needs jwks_url"),
    ({"jwks_url": "https://ehr.example.org/jwks", "jku": SANDBOX_JKU}, "jku must be a list"),
    ({"jwks_url": "https://ehr.example.org/jwks", "jku": ["http://ehr.example.org/j"]},
     "must use https"),
    ({"jwks": {"keys": [{"kty": "oct", "k": "c2VjcmV0", "kid": "h"}]}}, "not a usable"),
    ({"jwks": [{"kid": "x"}]}, "must be a JWKS"),
    ({"jwks_url": "https://ehr.example.org/jwks", "jwk": {}}, "unknown keys"),
])
def test_bad_issuer_entries_stop_start_up(make: Any, entry: dict[str, Any],
                                          message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        make({ISSUER: entry})


def test_trusting_a_publicly_keyed_issuer_warns_loudly(make: Any, caplog: Any) -> None:
    key = ec_key()
    with caplog.at_level(logging.WARNING, logger="cds_service"):
        make({ISSUER: {"jwks": {"keys": [key.public_jwk]}}})
    assert not [r for r in caplog.records if "PUBLIC" in r.getMessage()]
    for issuers in ({SANDBOX: {"jwks": {"keys": [key.public_jwk]}}},
                    {ISSUER: {"jwks": {"keys": [key.public_jwk]}, "jku": [SANDBOX_JKU]}},
                    {ISSUER: "https://sandbox.cds-hooks.org/.well-known/jwks.json"}):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="cds_service"):
            make(issuers)
        loud = [r for r in caplog.records if "PUBLIC" in r.getMessage()]
        assert len(loud) == 1, issuers
        assert loud[0].levelno == logging.WARNING and "!!!" in loud[0].getMessage()
