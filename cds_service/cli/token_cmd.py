"""``cds-service token`` and ``cds-service keys new``: test credentials for a secured service,
playing the EHR's part (its key pair and JWKS, a signed JWT per call; ``try --sign-with``
signs with :func:`mint_token`). The ``kid`` defaults to the key's RFC 7638 thumbprint, so
``keys new`` and ``token`` agree on it unasked."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import jwt
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

from cds_service.errors import KeyFileError

DEFAULT_LIFETIME = 300  # seconds; CDS Hooks 2.0 asks for short-lived tokens (5 minutes)
MAX_LIFETIME = 3600  # the service refuses tokens that live longer
MIN_RSA_BITS = 2048
NEW_RSA_BITS = 3072
PRIVATE_NAME = "private.pem"
PUBLIC_NAME = "public.pem"
JWKS_NAME = "jwks.json"


@dataclass(frozen=True, slots=True)
class SigningKey:
    """A private key read from a PEM file, with the algorithm and ``kid`` it signs with."""

    private: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
    alg: str
    kid: str

    def public_jwk(self) -> dict[str, Any]:
        """The public key as a JWK (``kid``, ``alg``, ``use: sig``)."""
        return {**_public_members(self.private.public_key()), "kid": self.kid, "alg": self.alg,
                "use": "sig"}


def _public_members(public: Any) -> dict[str, str]:
    """The JWK members RFC 7638 hashes (PyJWT's JWK of an EC P-384 or an RSA public key)."""
    kind = ECAlgorithm if isinstance(public, ec.EllipticCurvePublicKey) else RSAAlgorithm
    jwk = kind.to_jwk(public, as_dict=True)
    return {k: jwk[k] for k in ("crv", "e", "kty", "n", "x", "y") if k in jwk}


def thumbprint(public: Any) -> str:
    """RFC 7638 JWK thumbprint (SHA-256, base64url): the default ``kid`` of a key."""
    canonical = json.dumps(_public_members(public), sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def load_signing_key(path: Path, kid: str | None = None) -> SigningKey:
    """Read a PEM private key; EC P-384 signs ES384, RSA (2048 bits or more) RS384."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise KeyFileError(f"{path}: cannot read ({err.strerror})") from None
    try:
        private = serialization.load_pem_private_key(data, password=None)
    except TypeError:
        raise KeyFileError(f"{path}: the key is encrypted; give an unencrypted PEM") from None
    except (ValueError, UnsupportedAlgorithm) as err:
        raise KeyFileError(f"{path}: not a PEM private key ({type(err).__name__})") from None
    if isinstance(private, ec.EllipticCurvePrivateKey):
        if not isinstance(private.curve, ec.SECP384R1):
            raise KeyFileError(f"{path}: EC key on {private.curve.name}; ES384 needs P-384 "
                               "(secp384r1)")
        alg = "ES384"
    elif isinstance(private, rsa.RSAPrivateKey):
        if private.key_size < MIN_RSA_BITS:
            raise KeyFileError(f"{path}: RSA key of {private.key_size} bits; RS384 needs at "
                               f"least {MIN_RSA_BITS}")
        alg = "RS384"
    else:
        raise KeyFileError(f"{path}: {type(private).__name__} cannot sign ES384 or RS384; "
                           "use an EC P-384 or an RSA key")
    return SigningKey(private=private, alg=alg, kid=kid or thumbprint(private.public_key()))


def mint_token(key: SigningKey, *, issuer: str, audience: str, tenant: str | None = None,
               lifetime: int = DEFAULT_LIFETIME, jku: str | None = None,
               now: float | None = None) -> str:
    """A CDS Hooks client JWT: ``iss``, ``sub`` (= iss), ``aud``, ``iat``, ``exp``, ``jti``."""
    issued = int(time.time() if now is None else now)
    claims: dict[str, Any] = {"iss": issuer, "sub": issuer, "aud": audience, "iat": issued,
                              "exp": issued + lifetime, "jti": str(uuid.uuid4())}
    if tenant:
        claims["tenant"] = tenant
    headers: dict[str, Any] = {"kid": key.kid, "typ": "JWT"}
    if jku:
        headers["jku"] = jku
    return jwt.encode(claims, key.private, algorithm=key.alg, headers=headers)


def _check_lifetime(_ctx: click.Context, _param: click.Parameter, value: int) -> int:
    if not 1 <= value <= MAX_LIFETIME:
        raise click.BadParameter(f"between 1 and {MAX_LIFETIME} seconds (the service refuses "
                                 "longer-lived tokens)")
    return value


@click.command("token")
@click.option("--key", "key_path", required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="PEM private key (EC P-384 → ES384, RSA → RS384), e.g. from `keys new`.")
@click.option("--issuer", required=True, help="iss: the issuer as configured in "
              "CDS_TRUSTED_ISSUERS.")
@click.option("--audience", required=True, help="aud: the full URL of the service endpoint "
              "called, e.g. https://cds.example.org/cds-services/noncontrast-ct-first-select.")
@click.option("--kid", default=None, help="Key id in the JWKS [default: the key's RFC 7638 "
              "thumbprint, as written by `keys new`].")
@click.option("--tenant", default=None, help="tenant claim, for issuers configured with "
              "tenants.")
@click.option("--jku", default=None, help="jku header: the issuer's JWKS URL (optional).")
@click.option("--lifetime", default=DEFAULT_LIFETIME, show_default=True, type=int,
              callback=_check_lifetime, help="Seconds from iat to exp.")
def token_command(key_path: Path, issuer: str, audience: str, kid: str | None,
                  tenant: str | None, jku: str | None, lifetime: int) -> None:
    """Print a signed CDS Hooks client JWT (one line) for a test call.

    Each run prints a new token: a fresh jti (the service refuses a replayed one) and
    iat = now. Use it as `Authorization: Bearer <token>` within LIFETIME seconds.
    """
    key = load_signing_key(key_path, kid)
    click.echo(mint_token(key, issuer=issuer, audience=audience, tenant=tenant,
                          lifetime=lifetime, jku=jku))


@click.group("keys")
def keys_group() -> None:
    """Test signing keys and their JWKS."""


@keys_group.command("new")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--alg", type=click.Choice(["ES384", "RS384"]), default="ES384",
              show_default=True, help="ES384 writes an EC P-384 key, RS384 an RSA 3072 key.")
@click.option("--kid", default=None, help="Key id [default: RFC 7638 thumbprint].")
@click.option("--force", is_flag=True, help="Overwrite key files already in DIRECTORY.")
def keys_new_command(directory: Path, alg: str, kid: str | None, force: bool) -> None:
    """Write a key pair and its JWKS into DIRECTORY.

    DIRECTORY/private.pem (mode 0600, keep it secret), DIRECTORY/public.pem and
    DIRECTORY/jwks.json (serve it, or point CDS_TRUSTED_ISSUERS at where it is served).
    """
    targets = [directory / n for n in (PRIVATE_NAME, PUBLIC_NAME, JWKS_NAME)]
    existing = [str(p) for p in targets if p.exists()]
    if existing and not force:
        raise click.ClickException(f"{', '.join(existing)} already exist; --force replaces "
                                   "them")
    directory.mkdir(parents=True, exist_ok=True)
    private: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
    if alg == "ES384":
        private = ec.generate_private_key(ec.SECP384R1())
    else:
        private = rsa.generate_private_key(public_exponent=65537, key_size=NEW_RSA_BITS)
    key = SigningKey(private=private, alg=alg, kid=kid or thumbprint(private.public_key()))
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    private_path, public_path, jwks_path = targets
    if private_path.exists():
        private_path.unlink()
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    public_path.write_bytes(private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    jwks_path.write_text(json.dumps({"keys": [key.public_jwk()]}, indent=2) + "\n")
    click.echo(f"wrote {private_path} (secret), {public_path}, {jwks_path}")
    click.echo(f"alg {alg}, kid {key.kid}")
