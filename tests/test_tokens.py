"""Test credentials: ``keys new``, ``token`` and ``try --sign-with`` against the real service
on loopback, which trusts the written JWKS served from a real loopback endpoint."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jwt
import pytest
import requests
from click.testing import CliRunner
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from cds_service.cli import main
from cds_service.cli.token_cmd import thumbprint
from tests.conftest import BUNDLES, SELECT_ID, hook_body
from tests.support.cds_auth import JwksServer
from tests.support.live_service import serving_config

ISSUER = "https://ehr.example.org/cds-client"
POSITIVE = str(BUNDLES / "positive-biopsy-thigh-mass.json")
SILENT = str(BUNDLES / "unrelated-order-lab.json")


def cli(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def new_keys(directory: Path, *extra: str) -> dict[str, Any]:
    result = cli("keys", "new", str(directory), *extra)
    assert result.exit_code == 0, result.output
    return json.loads((directory / "jwks.json").read_text())


def public_key_of(jwks: dict[str, Any]) -> Any:
    return jwt.PyJWK(jwks["keys"][0]).key


# -- keys new and token, offline ----------------------------------------------------------

@pytest.mark.parametrize(("alg", "kind"), [("ES384", ec.EllipticCurvePrivateKey),
                                           ("RS384", rsa.RSAPrivateKey)])
def test_keys_new_writes_a_secret_key_and_the_matching_jwks(tmp_path: Path, alg: str,
                                                            kind: type) -> None:
    jwks = new_keys(tmp_path / "keys", "--alg", alg)
    private_path = tmp_path / "keys" / "private.pem"
    assert stat.S_IMODE(os.stat(private_path).st_mode) == 0o600
    private = serialization.load_pem_private_key(private_path.read_bytes(), password=None)
    assert isinstance(private, kind)
    [jwk] = jwks["keys"]
    assert jwk["alg"] == alg and jwk["use"] == "sig"
    assert jwk["kid"] == thumbprint(private.public_key())
    assert "d" not in jwk and "p" not in jwk  # public members only
    public_pem = (tmp_path / "keys" / "public.pem").read_bytes()
    assert serialization.load_pem_public_key(public_pem).public_numbers() == \
        private.public_key().public_numbers()


def test_keys_new_never_overwrites_without_force(tmp_path: Path) -> None:
    first = new_keys(tmp_path)
    again = cli("keys", "new", str(tmp_path))
    assert again.exit_code == 1
    assert "already exist" in again.output
    assert json.loads((tmp_path / "jwks.json").read_text()) == first
    replaced = new_keys(tmp_path, "--force", "--kid", "site-test-2")
    assert replaced["keys"][0]["kid"] == "site-test-2"


@pytest.mark.parametrize("alg", ["ES384", "RS384"])
def test_token_is_signed_with_fresh_jti_and_short_life(tmp_path: Path, alg: str) -> None:
    jwks = new_keys(tmp_path, "--alg", alg)
    aud = "https://cds.example.org/cds-services/noncontrast-ct-first-select"
    args = ("token", "--key", str(tmp_path / "private.pem"), "--issuer", ISSUER,
            "--audience", aud, "--tenant", "north")
    first, second = cli(*args), cli(*args)
    assert first.exit_code == 0 and second.exit_code == 0
    tokens = [first.output.strip(), second.output.strip()]
    claims = [jwt.decode(t, public_key_of(jwks), algorithms=[alg], audience=aud, issuer=ISSUER)
              for t in tokens]
    header = jwt.get_unverified_header(tokens[0])
    assert header["alg"] == alg
    assert header["kid"] == jwks["keys"][0]["kid"]
    assert claims[0]["jti"] != claims[1]["jti"]
    assert claims[0]["exp"] - claims[0]["iat"] == 300
    assert claims[0]["tenant"] == "north"
    assert claims[0]["sub"] == ISSUER


def test_rfc7638_thumbprint_example() -> None:
    # RFC 7638 §3.1: the example RSA key and its thumbprint
    n = ("0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJ"
         "ECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FD"
         "W2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4v"
         "MQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw")
    public = rsa.RSAPublicNumbers(
        65537, int.from_bytes(jwt.utils.base64url_decode(n), "big")).public_key()
    assert thumbprint(public) == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"


def _pem(private: Any) -> bytes:
    return private.private_bytes(serialization.Encoding.PEM,
                                 serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption())


@pytest.mark.parametrize(("make", "message"), [
    (lambda: _pem(ec.generate_private_key(ec.SECP256R1())), "ES384 needs P-384"),
    (lambda: _pem(rsa.generate_private_key(65537, 1024)), "needs at least 2048"),
    (lambda: b"not a key", "not a PEM private key"),
])
def test_token_refuses_keys_that_cannot_sign_es384_or_rs384(tmp_path: Path, make: Any,
                                                            message: str) -> None:
    path = tmp_path / "key.pem"
    path.write_bytes(make())
    result = cli("token", "--key", str(path), "--issuer", ISSUER, "--audience", "x")
    assert result.exit_code == 2  # a configuration error: one line, status 2
    assert str(path) in result.output and message in result.output


def test_token_lifetime_is_capped_at_the_service_limit(tmp_path: Path) -> None:
    new_keys(tmp_path)
    result = cli("token", "--key", str(tmp_path / "private.pem"), "--issuer", ISSUER,
                 "--audience", "x", "--lifetime", "7200")
    assert result.exit_code == 2
    assert "between 1 and 3600" in result.output


# -- against the secured service on loopback ----------------------------------------------

@pytest.fixture
def keydir(tmp_path: Path) -> Path:
    new_keys(tmp_path / "ehr-keys")
    return tmp_path / "ehr-keys"


@pytest.fixture
def jwks_endpoint(keydir: Path) -> Iterator[JwksServer]:
    server = JwksServer()
    server.keys = json.loads((keydir / "jwks.json").read_text())["keys"]
    yield server
    server.stop()


@pytest.fixture
def secured(tmp_path: Path, jwks_endpoint: JwksServer) -> Iterator[str]:
    issuers = {ISSUER: jwks_endpoint.url,
               "https://tenanted.example.org": {"jwks_url": jwks_endpoint.url,
                                                "tenants": ["north"]}}
    with serving_config({"trusted_issuers": json.dumps(issuers), "log_level": "ERROR",
                         "database_url": f"sqlite:///{tmp_path / 'secured.db'}"}) as base:
        yield base


def test_printed_token_authorizes_a_real_call(keydir: Path, secured: str) -> None:
    endpoint = f"{secured}/cds-services/{SELECT_ID}"
    token = cli("token", "--key", str(keydir / "private.pem"), "--issuer", ISSUER,
                "--audience", endpoint).output.strip()
    headers = {"Authorization": f"Bearer {token}"}
    resp = requests.post(endpoint, json=hook_body("positive-biopsy-thigh-mass.json"),
                         headers=headers, timeout=10)
    assert resp.status_code == 200
    assert len(resp.json()["cards"]) == 1
    replay = requests.post(endpoint, json=hook_body("positive-biopsy-thigh-mass.json"),
                           headers=headers, timeout=10)
    assert replay.status_code == 401
    assert 'error_description="replayed-jti"' in replay.headers["WWW-Authenticate"]
    assert replay.json()["issue"][0]["diagnostics"] == "authentication refused: replayed-jti"


def test_try_signs_every_call(keydir: Path, secured: str) -> None:
    result = cli("try", POSITIVE, SILENT, POSITIVE, "--url", secured, "--sign-with",
                 str(keydir / "private.pem"), "--issuer", ISSUER)
    assert result.exit_code == 0, result.output
    assert result.output.count("[WARNING]") == 2
    assert "no cards" in result.output
    assert "HTTP" not in result.output


def test_try_signs_order_sign_calls_with_a_tenant(keydir: Path, secured: str) -> None:
    result = cli("try", POSITIVE, "--hook", "order-sign", "--url", secured, "--sign-with",
                 str(keydir / "private.pem"), "--issuer", "https://tenanted.example.org",
                 "--tenant", "north", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["status"] == 200


@pytest.mark.parametrize(("extra", "reason"), [
    (("--sign-with", "KEY", "--issuer", "https://unknown.example.org"), "untrusted-iss"),
    (("--sign-with", "KEY", "--issuer", ISSUER, "--kid", "not-in-the-jwks"), "unknown-kid"),
    (("--sign-with", "KEY", "--issuer", "https://tenanted.example.org", "--tenant", "south"),
     "bad-tenant"),
    ((), "missing-token"),
])
def test_try_shows_why_the_service_refused(keydir: Path, secured: str, extra: tuple[str, ...],
                                           reason: str) -> None:
    args = [str(keydir / "private.pem") if a == "KEY" else a for a in extra]
    result = cli("try", POSITIVE, "--url", secured, *args)
    assert result.exit_code == 1
    assert "HTTP 401" in result.output
    assert f"authentication refused: {reason}" in result.output


def test_try_signing_options_need_url_and_issuer(keydir: Path) -> None:
    no_url = cli("try", POSITIVE, "--sign-with", str(keydir / "private.pem"), "--issuer", ISSUER)
    assert no_url.exit_code == 2 and "--sign-with needs --url" in no_url.output
    no_iss = cli("try", POSITIVE, "--url", "http://127.0.0.1:9", "--sign-with",
                 str(keydir / "private.pem"))
    assert no_iss.exit_code == 2 and "--sign-with needs --issuer" in no_iss.output
    stray = cli("try", POSITIVE, "--issuer", ISSUER)
    assert stray.exit_code == 2 and "only with --sign-with" in stray.output
