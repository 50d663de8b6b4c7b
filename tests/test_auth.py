"""JWT authentication of the CDS client and CORS, against a real JWKS endpoint on loopback."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from cds_service.web import auth
from cds_service.web.state import state
from tests.support.cds_auth import (
    ISSUER,
    OTHER_ISSUER,
    SERVICE_IDS,
    JwksServer,
    SigningKey,
    TokenFactory,
    close_app,
    database_url,
    ec_key,
    hmac_token,
    make_app,
    postgres_available,
    rsa_key,
    trusted,
    unsigned_token,
)

BASE = "http://localhost"
SERVICE = SERVICE_IDS[0]
DISCOVERY_URL = f"{BASE}/cds-services"
SERVICE_URL = f"{BASE}/cds-services/{SERVICE}"
FEEDBACK_URL = f"{SERVICE_URL}/feedback"


def hook_body() -> dict[str, Any]:
    order = {
        "resourceType": "ServiceRequest", "id": "sr1", "status": "draft", "intent": "order",
        "subject": {"reference": "Patient/p1"}, "code": {"text": "MRI brain"},
    }
    empty = {"resourceType": "Bundle", "type": "searchset", "entry": []}
    return {
        "hook": "order-select",
        "hookInstance": str(uuid.uuid4()),
        "context": {
            "userId": "Practitioner/1", "patientId": "p1",
            "draftOrders": {"resourceType": "Bundle", "type": "collection",
                            "entry": [{"resource": order}]},
            "selections": ["ServiceRequest/sr1"],
        },
        "prefetch": {"patient": {"resourceType": "Patient", "id": "p1"},
                     "diagnosticReports": empty, "imagingStudies": empty},
    }


def feedback_body() -> dict[str, Any]:
    return {"feedback": [{
        "card": str(uuid.uuid4()), "outcome": "overridden",
        "overrideReason": {"reason": {"system": "urn:test", "code": "ct-already-done"}},
        "outcomeTimestamp": datetime.now(UTC).isoformat(),
    }]}


@pytest.fixture(scope="module")
def keys() -> dict[str, SigningKey]:
    return {"ec": ec_key(), "rsa": rsa_key(), "ec2": ec_key(), "rsa2": rsa_key()}


@pytest.fixture
def jwks(keys: dict[str, SigningKey]) -> Iterator[JwksServer]:
    server = JwksServer([keys["ec"], keys["rsa"]])
    yield server
    server.stop()


@pytest.fixture
def make(tmp_path: Path, jwks: JwksServer) -> Iterator[Any]:
    apps = []

    def factory(**overrides: Any) -> Any:
        config = {
            "database_url": f"sqlite:///{tmp_path / 'cds.db'}",
            "trusted_issuers": trusted(jwks.url),
            "allow_unauthenticated": False,
            "public_base_url": "",
        }
        config.update(overrides)
        app = make_app(config)
        apps.append(app)
        return app

    yield factory
    for app in apps:
        close_app(app)


@pytest.fixture
def client(make: Any) -> Any:
    return make().test_client()


@pytest.fixture
def ec_tokens(keys: dict[str, SigningKey], jwks: JwksServer) -> TokenFactory:
    return TokenFactory(keys["ec"], jwks.url)


@pytest.fixture
def rsa_tokens(keys: dict[str, SigningKey], jwks: JwksServer) -> TokenFactory:
    return TokenFactory(keys["rsa"], jwks.url)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def assert_401(resp: Any) -> None:
    """A 401 names its reason in WWW-Authenticate and in an OperationOutcome (issue 19 §4)."""
    assert resp.status_code == 401
    reason = re.search(r'^Bearer .*error_description="([^"]+)"',
                       resp.headers.get("WWW-Authenticate", ""))
    assert reason, resp.headers
    assert resp.get_json()["issue"][0]["diagnostics"] == f"authentication refused: {reason[1]}"


# -- accepted ----------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["ec", "rsa"])
def test_spec_token_accepted_on_discovery_service_and_feedback(
    client: Any, kind: str, ec_tokens: TokenFactory, rsa_tokens: TokenFactory,
) -> None:
    tokens = ec_tokens if kind == "ec" else rsa_tokens
    resp = client.get("/cds-services", headers=bearer(tokens(DISCOVERY_URL)))
    assert resp.status_code == 200
    assert {s["id"] for s in resp.get_json()["services"]} >= set(SERVICE_IDS)

    resp = client.post(f"/cds-services/{SERVICE}", json=hook_body(),
                       headers=bearer(tokens(SERVICE_URL)))
    assert resp.status_code == 200, resp.get_data(as_text=True)
    assert "cards" in resp.get_json()

    resp = client.post(f"/cds-services/{SERVICE}/feedback", json=feedback_body(),
                       headers=bearer(tokens(FEEDBACK_URL)))
    assert resp.status_code == 200, resp.get_data(as_text=True)


def test_aud_array_and_token_without_jku_accepted(client: Any, ec_tokens: TokenFactory) -> None:
    token = ec_tokens(["https://elsewhere.example/cds-services", DISCOVERY_URL], drop={"jku"})
    assert client.get("/cds-services", headers=bearer(token)).status_code == 200


def test_public_base_url_sets_the_audience(make: Any, ec_tokens: TokenFactory) -> None:
    client = make(public_base_url="https://cds.example.org/imaging/").test_client()
    good = ec_tokens("https://cds.example.org/imaging/cds-services")
    assert client.get("/cds-services", headers=bearer(good)).status_code == 200
    assert_401(client.get("/cds-services", headers=bearer(ec_tokens(DISCOVERY_URL))))


def test_tenant_checked_when_configured(make: Any, jwks: JwksServer,
                                        ec_tokens: TokenFactory) -> None:
    client = make(trusted_issuers=trusted(jwks.url, tenants=["hospital-a"])).test_client()
    ok = ec_tokens(DISCOVERY_URL, claims={"tenant": "hospital-a"})
    assert client.get("/cds-services", headers=bearer(ok)).status_code == 200
    wrong = ec_tokens(DISCOVERY_URL, claims={"tenant": "hospital-b"})
    assert_401(client.get("/cds-services", headers=bearer(wrong)))
    assert_401(client.get("/cds-services", headers=bearer(ec_tokens(DISCOVERY_URL))))


# -- refused -----------------------------------------------------------------------------

def _claims(aud: str = DISCOVERY_URL) -> dict[str, Any]:
    now = int(time.time())
    return {"iss": ISSUER, "aud": aud, "iat": now, "exp": now + 300, "jti": str(uuid.uuid4())}


def refused_cases(keys: dict[str, SigningKey], jwks: JwksServer,
                  ec_t: TokenFactory, rsa_t: TokenFactory) -> dict[str, dict[str, str]]:
    hdr = {"kid": keys["ec"].kid, "typ": "JWT", "jku": jwks.url}
    rsa_hdr = {**hdr, "kid": keys["rsa"].kid}
    p256 = ec_key(curve=ec.SECP256R1(), alg="ES256")
    return {
        "no header": {},
        "basic scheme": {"Authorization": "Basic dXNlcjpwYXNz"},
        "empty bearer": {"Authorization": "Bearer "},
        "malformed": bearer("not.a.jwt"),
        "garbage": bearer("x" * 40),
        "alg none": bearer(unsigned_token(_claims(), {**hdr, "alg": "none"})),
        "alg none no sig": bearer(unsigned_token(_claims(), {**hdr, "alg": "none"})[:-1]),
        "HS256 public-key confusion (EC)": bearer(
            hmac_token(_claims(), hdr, keys["ec"].public_pem, "HS256")),
        "HS384 public-key confusion (RSA)": bearer(
            hmac_token(_claims(), rsa_hdr, keys["rsa"].public_pem, "HS384")),
        "HS256 jwk json as secret": bearer(
            hmac_token(_claims(), hdr, json.dumps(keys["ec"].public_jwk).encode(), "HS256")),
        "RS256": bearer(rsa_t(DISCOVERY_URL, algorithm="RS256")),
        "ES256 P-256": bearer(TokenFactory(p256, jwks.url)(DISCOVERY_URL)),
        "ES384 header on RSA kid": bearer(
            ec_t(DISCOVERY_URL, headers={"kid": keys["rsa"].kid})),
        "signed by another key, same kid": bearer(
            ec_t(DISCOVERY_URL, key=SigningKey(keys["ec"].kid, "ES384", ec_key().private, {}))),
        "untrusted iss": bearer(ec_t(DISCOVERY_URL, claims={"iss": OTHER_ISSUER})),
        "missing iss": bearer(ec_t(DISCOVERY_URL, drop={"iss"})),
        "jku mismatch": bearer(
            ec_t(DISCOVERY_URL, headers={"jku": "https://attacker.example/jwks.json"})),
        "jku same host other path": bearer(
            ec_t(DISCOVERY_URL, headers={"jku": jwks.url.replace("jwks.json", "k.json")})),
        "missing kid": bearer(ec_t(DISCOVERY_URL, drop={"kid"})),
        "unknown kid": bearer(ec_t(DISCOVERY_URL, key=keys["ec2"])),
        "expired": bearer(ec_t(DISCOVERY_URL, claims={"exp": int(time.time()) - 120})),
        "iat in future": bearer(ec_t(DISCOVERY_URL, iat_offset=600)),
        "lifetime over an hour": bearer(
            ec_t(DISCOVERY_URL, claims={"exp": int(time.time()) + 7200})),
        "missing exp": bearer(ec_t(DISCOVERY_URL, drop={"exp"})),
        "missing iat": bearer(ec_t(DISCOVERY_URL, drop={"iat"})),
        "wrong aud": bearer(ec_t("https://other.example/cds-services")),
        "aud of another endpoint": bearer(ec_t(SERVICE_URL)),
        "aud with query": bearer(ec_t(DISCOVERY_URL + "?x=1")),
        "missing aud": bearer(ec_t(DISCOVERY_URL, drop={"aud"})),
        "missing jti": bearer(ec_t(DISCOVERY_URL, drop={"jti"})),
        "non-string jti": bearer(ec_t(DISCOVERY_URL, claims={"jti": 12345})),
        "typ not JWT": bearer(ec_t(DISCOVERY_URL, headers={"typ": "at+jwt"})),
    }


def test_every_failure_mode_is_a_401_with_its_reason(
    client: Any, keys: dict[str, SigningKey], jwks: JwksServer, ec_tokens: TokenFactory,
    rsa_tokens: TokenFactory, caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    cases = refused_cases(keys, jwks, ec_tokens, rsa_tokens)
    for name, headers in cases.items():
        resp = client.get("/cds-services?x=1" if "query" in name else "/cds-services",
                          headers=headers)
        assert resp.status_code == 401, name
        assert_401(resp)
    logged = caplog.text
    for headers in cases.values():
        token = headers.get("Authorization", "").partition(" ")[2]
        if len(token) > 20:
            assert token not in logged
            signature = token.rsplit(".", 1)[-1]
            assert len(signature) < 8 or signature not in logged
    assert "reason=bad-alg" in logged and "reason=replayed-jti" not in logged


def test_reason_codes(keys: dict[str, SigningKey], jwks: JwksServer,
                      ec_tokens: TokenFactory) -> None:
    authn = auth.Authenticator(auth.parse_trusted_issuers(trusted(jwks.url)),
                               claim_jti=lambda *_: True)

    def reason(token: str, aud: str = DISCOVERY_URL) -> str:
        with pytest.raises(auth.AuthError) as info:
            authn.verify(f"Bearer {token}", aud)
        return info.value.reason

    assert reason(hmac_token(_claims(), {"kid": keys["ec"].kid},
                             keys["ec"].public_pem)) == "bad-alg"
    assert reason(ec_tokens(DISCOVERY_URL, claims={"iss": OTHER_ISSUER})) == "untrusted-iss"
    assert reason(ec_tokens(DISCOVERY_URL, headers={"jku": "https://x.example/j"})) == (
        "jku-mismatch")
    assert reason(ec_tokens(DISCOVERY_URL, key=keys["ec2"])) == "unknown-kid"
    assert reason(ec_tokens(DISCOVERY_URL, claims={"exp": int(time.time()) - 120})) == "expired"
    assert reason(ec_tokens(DISCOVERY_URL, iat_offset=600)) == "not-yet-valid"
    assert reason(ec_tokens("https://x.example/")) == "bad-aud"
    assert reason(ec_tokens(DISCOVERY_URL, drop={"jti"})) == "missing-jti"
    assert reason(ec_tokens(DISCOVERY_URL, headers={"kid": keys["rsa"].kid})) == (
        "key-alg-mismatch")
    # integers beyond any date are refused, not a 500 (float() overflows)
    assert reason(ec_tokens(DISCOVERY_URL, claims={"exp": 10**400})) == "lifetime-too-long"
    assert reason(ec_tokens(DISCOVERY_URL, claims={"iat": -(10**400)})) == "lifetime-too-long"
    assert reason(ec_tokens(DISCOVERY_URL, claims={"jti": 12345})) == "invalid-claims"
    for bad in (float("inf"), [1], {"a": 1}, "soon"):  # never a 500
        assert reason(ec_tokens(DISCOVERY_URL, claims={"exp": bad})) == "invalid-claims", bad
    # RFC 7519 §4.1.3: an aud array holds strings; one that holds anything else is refused
    assert reason(ec_tokens(DISCOVERY_URL, claims={"aud": [DISCOVERY_URL, 5]})) == "bad-aud"


def test_claims_are_checked_by_pyjwt_decode(jwks: JwksServer, ec_tokens: TokenFactory,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The registered claims go through ``jwt.decode`` (issue 20: standard parts), with
    the algorithm of the chosen key, this endpoint as audience, the issuer and the leeway."""
    seen: list[dict[str, Any]] = []
    real = auth.jwt.decode

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(auth.jwt, "decode", spy)
    authn = auth.Authenticator(auth.parse_trusted_issuers(trusted(jwks.url)),
                               claim_jti=lambda *_: True)
    assert authn.verify(f"Bearer {ec_tokens(DISCOVERY_URL)}", DISCOVERY_URL).issuer == ISSUER
    assert seen == [{"algorithms": ["ES384"], "audience": DISCOVERY_URL, "issuer": ISSUER,
                     "leeway": 60, "options": {"require": ["iss", "aud", "exp", "iat", "jti"]}}]


def test_small_clock_skew_tolerated(client: Any, ec_tokens: TokenFactory) -> None:
    token = ec_tokens(DISCOVERY_URL, iat_offset=30)  # issuer clock 30 s ahead
    assert client.get("/cds-services", headers=bearer(token)).status_code == 200
    late = ec_tokens(DISCOVERY_URL, claims={"exp": int(time.time()) - 30})
    assert client.get("/cds-services", headers=bearer(late)).status_code == 200


def test_default_settings_require_a_token(make: Any) -> None:
    client = make(trusted_issuers="").test_client()
    assert_401(client.get("/cds-services"))
    assert_401(client.post(f"/cds-services/{SERVICE}", json=hook_body()))
    assert_401(client.post(f"/cds-services/{SERVICE}/feedback", json=feedback_body()))


def test_allow_unauthenticated_skips_checks_and_warns(
    make: Any, caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="cds_service.web.auth")
    client = make(allow_unauthenticated=True, trusted_issuers="").test_client()
    assert "CDS_ALLOW_UNAUTHENTICATED" in caplog.text
    assert client.get("/cds-services").status_code == 200


def test_unprotected_paths_need_no_token(client: Any) -> None:
    assert client.get("/health").status_code == 200


def test_bad_trusted_issuers_config_fails_at_start(make: Any) -> None:
    with pytest.raises(ValueError, match="CDS_TRUSTED_ISSUERS"):
        make(trusted_issuers="{not json")
    with pytest.raises(ValueError, match="https"):
        make(trusted_issuers=json.dumps({ISSUER: "http://jwks.example.org/keys"}))
    with pytest.raises(ValueError, match="unknown keys"):
        make(trusted_issuers=json.dumps({ISSUER: {"jwks_url": "https://a.example/j",
                                                  "tenant": ["x"]}}))


# -- replay ------------------------------------------------------------------------------

def test_replayed_jti_refused(client: Any, ec_tokens: TokenFactory) -> None:
    token = ec_tokens(DISCOVERY_URL)
    assert client.get("/cds-services", headers=bearer(token)).status_code == 200
    assert_401(client.get("/cds-services", headers=bearer(token)))


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_replay_refused_across_two_app_instances_sharing_a_database(
    kind: str, tmp_path: Path, make: Any, ec_tokens: TokenFactory,
) -> None:
    if kind == "postgresql" and (reason := postgres_available()):
        pytest.skip(reason)
    with database_url(kind, tmp_path) as url:
        first, second = make(database_url=url), make(database_url=url)
        token = ec_tokens(DISCOVERY_URL)
        assert first.test_client().get("/cds-services", headers=bearer(token)).status_code == 200
        assert_401(second.test_client().get("/cds-services", headers=bearer(token)))
        # a fresh token still passes on the second instance
        fresh = ec_tokens(DISCOVERY_URL)
        assert second.test_client().get("/cds-services", headers=bearer(fresh)).status_code == 200
        for app in (first, second):
            close_app(app)


# -- JWKS cache --------------------------------------------------------------------------

def test_unknown_kid_triggers_refetch_then_accepts_rotated_key(
    make: Any, keys: dict[str, SigningKey], jwks: JwksServer, ec_tokens: TokenFactory,
) -> None:
    app = make()
    state(app).auth.jwks.refetch_interval = 0.0
    client = app.test_client()
    assert client.get("/cds-services", headers=bearer(ec_tokens(DISCOVERY_URL))).status_code == 200
    hits = jwks.hits
    rotated = ec_tokens(DISCOVERY_URL, key=keys["ec2"])
    assert_401(client.get("/cds-services", headers=bearer(rotated)))
    assert jwks.hits == hits + 1  # refetched for the unknown kid, still unknown → 401
    jwks.add(keys["ec2"])
    rotated = ec_tokens(DISCOVERY_URL, key=keys["ec2"])
    assert client.get("/cds-services", headers=bearer(rotated)).status_code == 200
    assert jwks.hits == hits + 2


def test_unknown_kid_refetch_is_rate_limited(keys: dict[str, SigningKey],
                                             jwks: JwksServer, ec_tokens: TokenFactory) -> None:
    now = [1000.0]
    cache = auth.JwksCache(refetch_interval=30.0, clock=lambda: now[0])
    authn = auth.Authenticator(auth.parse_trusted_issuers(trusted(jwks.url)),
                               claim_jti=lambda *_: True, jwks=cache)
    authn.verify("Bearer " + ec_tokens(DISCOVERY_URL), DISCOVERY_URL)
    assert cache.fetches == 1
    for _ in range(5):  # a flood of unknown kids costs one fetch per window
        with pytest.raises(auth.AuthError):
            authn.verify("Bearer " + ec_tokens(DISCOVERY_URL, key=keys["ec2"]), DISCOVERY_URL)
    assert cache.fetches == 1
    now[0] += 31
    with pytest.raises(auth.AuthError):
        authn.verify("Bearer " + ec_tokens(DISCOVERY_URL, key=keys["ec2"]), DISCOVERY_URL)
    assert cache.fetches == 2


def test_jwks_down_cached_keys_still_verify(
    make: Any, keys: dict[str, SigningKey], jwks: JwksServer, ec_tokens: TokenFactory,
    rsa_tokens: TokenFactory,
) -> None:
    app = make()
    authn = state(app).auth
    client = app.test_client()
    assert client.get("/cds-services", headers=bearer(ec_tokens(DISCOVERY_URL))).status_code == 200
    jwks.stop()
    authn.jwks.refetch_interval = 0.0
    authn.jwks.max_age = 0.0  # stale: every request tries to refresh, and fails
    assert client.get("/cds-services", headers=bearer(ec_tokens(DISCOVERY_URL))).status_code == 200
    assert client.get("/cds-services", headers=bearer(rsa_tokens(DISCOVERY_URL))).status_code == 200
    assert_401(client.get("/cds-services",
                               headers=bearer(ec_tokens(DISCOVERY_URL, key=keys["ec2"]))))


def test_jwks_unusable_keys_ignored(jwks: JwksServer, keys: dict[str, SigningKey]) -> None:
    small = rsa_key(bits=1024)
    p256 = ec_key(curve=ec.SECP256R1(), alg="ES256")
    jwks.keys = [small.public_jwk, p256.public_jwk, {"kty": "oct", "kid": "h", "k": "c2VjcmV0"},
                 {**keys["ec"].public_jwk, "use": "enc"}, keys["rsa"].public_jwk]
    cache = auth.JwksCache()
    issuer = auth.parse_trusted_issuers(trusted(jwks.url))[ISSUER]
    assert cache.get_key(issuer, keys["rsa"].kid) is not None
    for kid in (small.kid, p256.kid, "h", keys["ec"].kid):
        assert cache.get_key(issuer, kid) is None


# -- CORS --------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/cds-services", f"/cds-services/{SERVICE}",
                                  f"/cds-services/{SERVICE}/feedback"])
def test_cors_preflight_answered_without_auth(client: Any, path: str) -> None:
    resp = client.options(path, headers={
        "Origin": "https://sandbox.cds-hooks.org",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type",
    })
    assert resp.status_code in (200, 204)
    assert resp.headers["Access-Control-Allow-Origin"] == "*"
    assert "Authorization" in resp.headers["Access-Control-Allow-Headers"]
    assert "Content-Type" in resp.headers["Access-Control-Allow-Headers"]
    assert {"GET", "POST"} <= {m.strip() for m in
                               resp.headers["Access-Control-Allow-Methods"].split(",")}


def test_cors_headers_on_success_and_401(client: Any, ec_tokens: TokenFactory) -> None:
    origin = {"Origin": "https://sandbox.cds-hooks.org"}
    ok = client.get("/cds-services", headers={**origin, **bearer(ec_tokens(DISCOVERY_URL))})
    assert ok.headers["Access-Control-Allow-Origin"] == "*"
    denied = client.get("/cds-services", headers=origin)
    assert denied.status_code == 401
    assert denied.headers["Access-Control-Allow-Origin"] == "*"


def test_cors_origin_allowlist(make: Any) -> None:
    client = make(cors_origins="https://sandbox.cds-hooks.org, https://ehr.example.org",
                  allow_unauthenticated=True).test_client()
    resp = client.options("/cds-services", headers={"Origin": "https://ehr.example.org"})
    assert resp.headers["Access-Control-Allow-Origin"] == "https://ehr.example.org"
    assert "Origin" in resp.headers["Vary"]
    resp = client.options("/cds-services", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in resp.headers


def test_jti_expiry_passed_to_store(jwks: JwksServer, ec_tokens: TokenFactory) -> None:
    claimed: list[tuple[str, str, datetime]] = []
    authn = auth.Authenticator(
        auth.parse_trusted_issuers(trusted(jwks.url)),
        claim_jti=lambda iss, jti, exp: claimed.append((iss, jti, exp)) or True,
    )
    token = ec_tokens(DISCOVERY_URL, claims={"jti": "abc"})
    identity = authn.verify("Bearer " + token, DISCOVERY_URL)
    assert identity.issuer == ISSUER and identity.jti == "abc"
    (iss, jti, exp), = claimed
    assert (iss, jti) == (ISSUER, "abc")
    assert datetime.now(UTC) + timedelta(seconds=300) < exp < datetime.now(UTC) + timedelta(
        seconds=420)
