"""Trusted issuers of CDS client JWTs: ``CDS_TRUSTED_ISSUERS`` parsed and checked at start-up.

``CDS_TRUSTED_ISSUERS`` is a JSON object, issuer → JWKS URL, or issuer → an object with

    jwks_url      where the issuer's keys are fetched (https; http only on loopback)
    jwks          the issuer's JWKS inline ({"keys": [...]}), for sites that cannot reach it
                  (air-gapped, offline); jwks_url, jwks or both (inline keys first)
    jku           the jku header values accepted for this issuer (default: [jwks_url]); a
                  client may name a public URL the service never fetches
    tenants       the tenants accepted (the token's ``tenant`` claim; without this list the
                  claim is ignored)
    fhir_servers  the FHIR base URLs this issuer's calls may name as ``fhirServer`` (per tenant
                  when ``tenants`` is given: ``{"tenant": ["https://..."]}``), fhir/allowlist.py

Trusting an issuer whose private key is public (the CDS Hooks Sandbox,
``https://sandbox.cds-hooks.org``, as issuer, JWKS or jku) logs a loud warning at start-up:
anyone can sign its tokens.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from cds_service.errors import ConfigError
from cds_service.fhir.allowlist import IssuerServers, parse_issuer_servers

ALLOWED_ALGORITHMS = frozenset({"ES384", "RS384"})
MIN_RSA_BITS = 2048

# Hosts whose signing keys are published (anyone can mint tokens for them): trusted only with
# a loud warning. The public CDS Hooks Sandbox signs with a key kept in its public repository.
PUBLIC_KEY_HOSTS = frozenset({"sandbox.cds-hooks.org"})
ISSUER_KEYS = frozenset({"jwks_url", "jwks", "jku", "tenants", "fhir_servers"})


@dataclass(frozen=True, slots=True)
class TrustedIssuer:
    issuer: str
    jwks_url: str | None
    tenants: frozenset[str] | None = None  # None: tenant not checked
    # jku header values accepted (never fetched); default: the JWKS URL alone
    jku: frozenset[str] = frozenset()
    # Keys given inline ("jwks"), by kid: used before (or instead of) the JWKS URL
    inline_keys: Mapping[str, jwt.PyJWK] = field(default_factory=dict)
    # Where this issuer's calls may have data fetched (fhir/allowlist.py); none by default
    fhir_servers: IssuerServers = field(default_factory=IssuerServers)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_jwks_url(issuer: str, url: str) -> None:
    parts = urlsplit(url)
    if not parts.hostname:
        raise ConfigError(f"CDS_TRUSTED_ISSUERS: JWKS URL of {issuer!r} has no host")
    if parts.scheme == "https":
        return
    if parts.scheme == "http" and _is_loopback(parts.hostname):
        return
    raise ConfigError(f"CDS_TRUSTED_ISSUERS: JWKS URL of {issuer!r} must use https")


def _urls(issuer: str, name: str, raw: Any) -> frozenset[str]:
    if not isinstance(raw, list) or not raw or not all(isinstance(u, str) and u for u in raw):
        raise ConfigError(f"CDS_TRUSTED_ISSUERS[{issuer!r}].{name} must be a list of URLs")
    for url in raw:
        _check_jwks_url(issuer, url)
    return frozenset(raw)


def _inline_keys(issuer: str, raw: Any) -> dict[str, jwt.PyJWK]:
    if not isinstance(raw, dict) or not isinstance(raw.get("keys"), list):
        raise ConfigError(f'CDS_TRUSTED_ISSUERS[{issuer!r}].jwks must be a JWKS: {{"keys": [...]}}')
    keys: dict[str, jwt.PyJWK] = {}
    for i, jwk in enumerate(raw["keys"]):
        key = usable_key(jwk) if isinstance(jwk, dict) else None
        if key is None:
            raise ConfigError(
                f"CDS_TRUSTED_ISSUERS[{issuer!r}].jwks.keys[{i}] is not a usable signing key "
                "(kid, and EC P-384 for ES384 or RSA of 2048+ bits for RS384)")
        keys[jwk["kid"]] = key
    return keys


def publicly_keyed(issuer: TrustedIssuer) -> bool:
    """True when the issuer's signing key is public (its issuer, JWKS or jku names such a
    host): anyone can sign tokens this service would accept."""
    urls = [issuer.issuer, issuer.jwks_url or "", *issuer.jku]
    return any((urlsplit(u).hostname or "").lower() in PUBLIC_KEY_HOSTS for u in urls)


def parse_trusted_issuers(raw: str) -> dict[str, TrustedIssuer]:
    """Parse ``CDS_TRUSTED_ISSUERS``; raise ConfigError naming the faulty entry."""
    if not raw or not raw.strip():
        return {}
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as err:
        raise ConfigError(f"CDS_TRUSTED_ISSUERS is not valid JSON: {err.msg}") from None
    if not isinstance(data, dict):
        raise ConfigError("CDS_TRUSTED_ISSUERS must be a JSON object: issuer -> JWKS URL")
    issuers: dict[str, TrustedIssuer] = {}
    for issuer, entry in data.items():
        tenants: frozenset[str] | None = None
        jku: frozenset[str] | None = None
        inline: dict[str, jwt.PyJWK] = {}
        url: str | None
        if isinstance(entry, str):
            url = entry
        elif isinstance(entry, dict):
            unknown = set(entry) - ISSUER_KEYS
            if unknown:
                raise ConfigError(
                    f"CDS_TRUSTED_ISSUERS[{issuer!r}]: unknown keys {sorted(unknown)}; "
                    f"allowed: {', '.join(sorted(ISSUER_KEYS))}"
                )
            url = entry.get("jwks_url")
            if "jku" in entry:
                jku = _urls(issuer, "jku", entry["jku"])
            if "jwks" in entry:
                inline = _inline_keys(issuer, entry["jwks"])
            raw_tenants = entry.get("tenants")
            if raw_tenants is not None:
                if not isinstance(raw_tenants, list) or not all(
                    isinstance(t, str) and t.isprintable() and t for t in raw_tenants
                ):
                    raise ConfigError(f"CDS_TRUSTED_ISSUERS[{issuer!r}].tenants must be a list "
                                      "of strings (printable)")
                tenants = frozenset(raw_tenants)
        else:
            raise ConfigError(
                f"CDS_TRUSTED_ISSUERS[{issuer!r}] must be a JWKS URL or an object with jwks_url"
                " or jwks"
            )
        if url is None and inline:
            pass  # keys inline only: nothing is ever fetched for this issuer
        elif not isinstance(url, str) or not url:
            raise ConfigError(f"CDS_TRUSTED_ISSUERS[{issuer!r}] needs jwks_url (a URL) or jwks")
        else:
            _check_jwks_url(issuer, url)
        servers = parse_issuer_servers(
            issuer, entry.get("fhir_servers") if isinstance(entry, dict) else None, tenants)
        issuers[issuer] = TrustedIssuer(
            issuer=issuer, jwks_url=url, tenants=tenants,
            jku=jku if jku is not None else frozenset({url} if url else ()),
            inline_keys=inline, fhir_servers=servers)
    return issuers


def usable_key(jwk: Mapping[str, Any]) -> jwt.PyJWK | None:
    """Return the key when it can verify ES384 (P-384) or RS384 (≥2048 bits), else None."""
    if not isinstance(jwk.get("kid"), str) or jwk.get("use", "sig") != "sig":
        return None
    alg = jwk.get("alg")
    if alg is not None and alg not in ALLOWED_ALGORITHMS:
        return None
    try:
        key = jwt.PyJWK(dict(jwk), algorithm=alg or ("ES384" if jwk.get("kty") == "EC" else
                                                     "RS384"))
    except (jwt.PyJWKError, jwt.InvalidKeyError, ValueError, TypeError):
        return None
    public = key.key
    if isinstance(public, ec.EllipticCurvePublicKey):
        return key if isinstance(public.curve, ec.SECP384R1) else None
    if isinstance(public, rsa.RSAPublicKey):
        return key if public.key_size >= MIN_RSA_BITS else None
    return None
