"""Test helpers for auth, store, feedback and report: keys, a loopback JWKS server, tokens,
fresh databases (SQLite file or a private PostgreSQL schema), and the app under test."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from flask import Flask

from cds_service.web.state import state

PG_BASE_URL = os.environ.get(
    "CDS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
ISSUER = "https://ehr.example.org/fhir"
OTHER_ISSUER = "https://other-ehr.example.org/fhir"


@dataclass
class SigningKey:
    kid: str
    alg: str
    private: Any
    public_jwk: dict[str, Any]

    @property
    def public_pem(self) -> bytes:
        return self.private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )


def _jwk(public: Any, kid: str, alg: str) -> dict[str, Any]:
    algo = jwt.algorithms.ECAlgorithm if alg.startswith("ES") else jwt.algorithms.RSAAlgorithm
    data = json.loads(algo.to_jwk(public))
    data.update({"kid": kid, "alg": alg, "use": "sig"})
    return data


def ec_key(kid: str | None = None, curve: ec.EllipticCurve | None = None,
           alg: str = "ES384") -> SigningKey:
    kid = kid or f"ec-{uuid.uuid4().hex[:8]}"
    private = ec.generate_private_key(curve or ec.SECP384R1())
    return SigningKey(kid, alg, private, _jwk(private.public_key(), kid, alg))


def rsa_key(kid: str | None = None, bits: int = 2048, alg: str = "RS384") -> SigningKey:
    kid = kid or f"rsa-{uuid.uuid4().hex[:8]}"
    private = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    return SigningKey(kid, alg, private, _jwk(private.public_key(), kid, alg))


class JwksServer:
    """A real JWKS endpoint on 127.0.0.1 (threaded http.server, port chosen by the OS)."""

    def __init__(self, keys: list[SigningKey] | None = None) -> None:
        self.keys: list[dict[str, Any]] = [k.public_jwk for k in keys or []]
        self.hits = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                server.hits += 1
                if self.path != "/jwks.json":
                    self.send_error(404)
                    return
                body = json.dumps({"keys": server.keys}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args: Any) -> None:
                return

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/jwks.json"
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,),
                                        daemon=True)
        self._thread.start()
        self.running = True

    def add(self, key: SigningKey) -> None:
        self.keys.append(key.public_jwk)

    def stop(self) -> None:
        if self.running:
            self._httpd.shutdown()
            self._httpd.server_close()
            self.running = False


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@dataclass
class TokenFactory:
    """Mints CDS Hooks client JWTs; every claim and header can be overridden or dropped."""

    key: SigningKey
    jwks_url: str
    iss: str = ISSUER
    lifetime: int = 300
    drop: set[str] = field(default_factory=set)

    def __call__(self, aud: str | list[str], *, key: SigningKey | None = None,
                 headers: dict[str, Any] | None = None, claims: dict[str, Any] | None = None,
                 drop: set[str] | None = None, algorithm: str | None = None,
                 iat_offset: int = 0) -> str:
        key = key or self.key
        now = int(time.time()) + iat_offset
        payload: dict[str, Any] = {
            "iss": self.iss, "aud": aud, "iat": now, "exp": now + self.lifetime,
            "jti": str(uuid.uuid4()),
        }
        payload.update(claims or {})
        hdr: dict[str, Any] = {"kid": key.kid, "jku": self.jwks_url, "typ": "JWT"}
        hdr.update(headers or {})
        for name in (drop or set()) | self.drop:
            payload.pop(name, None)
            hdr.pop(name, None)
        return jwt.encode(payload, key.private, algorithm=algorithm or key.alg, headers=hdr)


def unsigned_token(payload: dict[str, Any], header: dict[str, Any]) -> str:
    """A token with ``alg: none`` (no signature), built by hand as an attacker would."""
    return (b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(payload).encode())
            + ".")


def hmac_token(payload: dict[str, Any], header: dict[str, Any], secret: bytes,
               alg: str = "HS256") -> str:
    """An HMAC token signed with ``secret`` (e.g. the issuer's public key PEM)."""
    import hashlib
    import hmac as hmac_mod

    header = {**header, "alg": alg}
    signing_input = (b64url(json.dumps(header).encode()) + "."
                     + b64url(json.dumps(payload).encode()))
    digest = {"HS256": hashlib.sha256, "HS384": hashlib.sha384}[alg]
    sig = hmac_mod.new(secret, signing_input.encode(), digest).digest()
    return signing_input + "." + b64url(sig)


def trusted(jwks_url: str, *, issuer: str = ISSUER, tenants: list[str] | None = None) -> str:
    entry: Any = jwks_url if tenants is None else {"jwks_url": jwks_url, "tenants": tenants}
    return json.dumps({issuer: entry})


# -- databases ---------------------------------------------------------------------------

def postgres_available() -> str | None:
    """Return None when the PostgreSQL test server answers, else the reason it does not."""
    import sqlalchemy as sa

    try:
        engine = sa.create_engine(PG_BASE_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        engine.dispose()
    except Exception as err:
        return (f"PostgreSQL at {PG_BASE_URL} unreachable ({type(err).__name__}: {err}); "
                "scripts/test installs and starts it, or set CDS_TEST_POSTGRES_URL")
    return None


@contextlib.contextmanager
def postgres_schema() -> Iterator[str]:
    """A fresh schema for one test; yields a DATABASE_URL whose search_path is that schema."""
    import sqlalchemy as sa

    name = f"cds_test_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(PG_BASE_URL)
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{name}"'))
    try:
        sep = "&" if "?" in PG_BASE_URL else "?"
        yield f"{PG_BASE_URL}{sep}options=-csearch_path%3D{name}"
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{name}" CASCADE'))
        engine.dispose()


@contextlib.contextmanager
def database_url(kind: str, tmp_path: Path) -> Iterator[str]:
    """Yield a fresh database URL: ``sqlite`` (a file under tmp_path) or ``postgresql``."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'db' / 'cds.db'}"
        return
    with postgres_schema() as url:
        yield url


# -- the app under test ------------------------------------------------------------------

SERVICE_IDS = ("noncontrast-ct-first-select", "noncontrast-ct-first-sign")


TEST_BASE_URL = "http://localhost"  # Flask's test client calls this origin
TEST_HASH_KEY = "test-patient-hash-key-0123456789abcdef"


def make_app(config: dict[str, Any]) -> Flask:
    """Build the app under test with ``create_app(test_config=config)``.

    With authentication on, the service refuses to start without ``CDS_PUBLIC_BASE_URL`` and a
    patient-hash key from outside the database; unless the test gives its own, the test
    client's origin and a test key are used.
    """
    from cds_service import create_app

    if not config.get("allow_unauthenticated"):
        config = {**config}
        config["public_base_url"] = config.get("public_base_url") or TEST_BASE_URL
        if not config.get("patient_hash_key_file"):
            config.setdefault("patient_hash_key", TEST_HASH_KEY)
    return create_app(test_config=config)


def close_app(app: Flask) -> None:
    state(app).store.close()
