"""Authentication of the CDS client (CDS Hooks 2.0 §security) and CORS for browser clients.

Every request to ``/cds-services`` and below (discovery, service calls, feedback) must carry
``Authorization: Bearer <JWT>``:

    header   alg ES384 or RS384 (never none, HS*, RS256…); kid names a key in the issuer's JWKS;
             jku, when present, is one the issuer accepts: its "jku" list, else its JWKS URL
             (a jku is never fetched: keys come from the configured jwks_url or inline jwks)
    payload  (signature and registered claims by PyJWT's jwt.decode; lifetime, tenant and jti
             by this module) iss allowlisted (CDS_TRUSTED_ISSUERS); aud = this endpoint's URL
             (CDS_PUBLIC_BASE_URL + path, else the request URL without query); exp and iat with
             a 60 s leeway, iat not in the future, lifetime at most one hour; jti printable text
             claimed once in the shared database (a replay is refused on every instance); tenant
             one of the issuer's tenants when it lists them, else ignored (never stored)

Any failure raises ``errors.Unauthorized``: a 401 whose ``WWW-Authenticate`` carries the reason
code as ``error_description`` (what to fix, never a secret), as does its OperationOutcome.
Only that code is logged, never the token. JWKS documents are fetched with ``requests``
through the FHIR transport's deadline (``fhir/transport.fetch_scope``: name lookup, connect,
headers and body all end within ``JWKS_DEADLINE``, so a dripping endpoint holds a request at
most that long), no redirects, a size cap; cached, and refreshed on an unknown ``kid`` at most
once per 30 s per issuer across every worker and restart (``storage/jwks.py``: the interval
and the fetched document live in the database; without one, per process); cached keys keep
verifying while the endpoint is down.

``CDS_TRUSTED_ISSUERS`` is parsed in ``web/issuers.py`` (its format is documented there).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import jwt
import requests
from flask import Flask, Response, g, request

from cds_service.config import Settings
from cds_service.errors import AuthError, ErrorCode, JwksFetchError, Unauthorized
from cds_service.fhir.transport import NO_NETRC, fetch_scope, shared_session_with_env
from cds_service.storage.jwks import JwksStore, SharedJwks
from cds_service.storage.store import Store
from cds_service.web.issuers import (
    ALLOWED_ALGORITHMS,
    TrustedIssuer,
    parse_trusted_issuers,
    publicly_keyed,
    usable_key,
)
from cds_service.web.paths import PATH_AS_CALLED

log = logging.getLogger(__name__)

LEEWAY_SECONDS = 60
MAX_LIFETIME_SECONDS = 3600
MAX_TOKEN_BYTES = 16 * 1024
MAX_JTI_CHARS = 256
REQUIRED_CLAIMS = ("iss", "aud", "exp", "iat", "jti")
CLAIM_ERRORS = ((jwt.InvalidAlgorithmError, "key-alg-mismatch"),  # the key's is another
                (jwt.InvalidSignatureError, "bad-signature"), (jwt.ExpiredSignatureError,
                "expired"), (jwt.ImmatureSignatureError, "not-yet-valid"),
                (jwt.InvalidAudienceError, "bad-aud"))  # other PyJWT errors: invalid-claims
JWKS_DEADLINE = 2.5  # seconds: a whole JWKS fetch (lookup, connect, headers, body) ends by then,
# so a request waiting on it is answered within 3 s
JWKS_MAX_BYTES = 512 * 1024
JWKS_REFETCH_INTERVAL = 30.0  # seconds: at most one fetch per issuer in this window
JWKS_RECHECK = 1.0  # seconds between a worker's looks at the shared JWKS of one issuer
JWKS_POLL = 0.05  # seconds between looks while another worker fetches it
JWKS_MAX_AGE = 3600.0  # seconds: a cached JWKS older than this is refreshed when possible
PROTECTED_PREFIX = "/cds-services"
CORS_ALLOW_HEADERS = "Authorization, Content-Type"
CORS_ALLOW_METHODS = "GET, POST, OPTIONS"
CORS_MAX_AGE = "600"


@dataclass(frozen=True, slots=True)
class ClientIdentity:
    """Who called, once verified; stored at ``flask.g.cds_client``."""

    issuer: str
    tenant: str | None
    jti: str


@dataclass
class _IssuerKeys:
    keys: dict[str, jwt.PyJWK] = field(default_factory=dict)
    fetched_at: float | None = None  # monotonic time the keys were fetched or loaded
    attempted_at: float | None = None  # monotonic time of the last fetch this process tried
    checked_at: float | None = None  # monotonic time of the last refresh
    version: datetime | None = None  # when the shared JWKS these keys came from was fetched
    lock: threading.Lock = field(default_factory=threading.Lock)


class JwksCache:
    """Keys of each trusted issuer by ``kid``, fetched on demand and refreshed sparingly:
    at most once per ``refetch_interval`` per issuer, over every worker sharing ``shared``."""

    def __init__(self, *, shared: JwksStore | None = None,
                 refetch_interval: float = JWKS_REFETCH_INTERVAL,
                 max_age: float = JWKS_MAX_AGE,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._shared = shared
        self.refetch_interval = refetch_interval
        self.max_age = max_age
        self._clock = clock
        self._issuers: dict[str, _IssuerKeys] = {}
        self._lock = threading.Lock()
        self.fetches = 0

    def _entry(self, issuer: str) -> _IssuerKeys:
        with self._lock:
            return self._issuers.setdefault(issuer, _IssuerKeys())

    def get_key(self, issuer: TrustedIssuer, kid: str) -> jwt.PyJWK | None:
        inline = issuer.inline_keys.get(kid)
        if inline is not None or issuer.jwks_url is None:
            return inline
        entry = self._entry(issuer.issuer)
        now = self._clock()
        key = entry.keys.get(kid)
        stale = entry.fetched_at is None or now - entry.fetched_at > self.max_age
        if key is not None and not stale:
            return key
        with entry.lock:
            key = entry.keys.get(kid)
            pause = min(JWKS_RECHECK, self.refetch_interval) if self._shared else (
                self.refetch_interval)
            recently = entry.checked_at is not None and self._clock() - entry.checked_at < pause
            if (key is None or stale) and not recently:
                self._refresh(issuer, entry)
            return entry.keys.get(kid)

    def _refresh(self, issuer: TrustedIssuer, entry: _IssuerKeys) -> None:
        """Take the JWKS another worker fetched when newer; fetch it when this worker may."""
        entry.checked_at = self._clock()
        deadline = time.monotonic() + JWKS_DEADLINE
        shared = self._claim(issuer)
        while shared is not None and shared.pending and time.monotonic() < deadline:
            time.sleep(min(JWKS_POLL, shared.pending))  # another worker is fetching it now
            shared = self._claim(issuer)
        if shared is not None and shared.document and shared.fetched_at != entry.version:
            try:
                self._use(entry, _keys_of(shared.document), shared.fetched_at)
            except ValueError:
                log.warning("jwks store: the shared JWKS of a trusted issuer is unreadable")
        if shared is not None and not shared.may_fetch:
            return
        if shared is None and entry.attempted_at is not None and (
                self._clock() - entry.attempted_at < self.refetch_interval):
            return  # no database to tell: this process's own interval
        entry.attempted_at = self._clock()
        self.fetches += 1
        try:
            assert issuer.jwks_url is not None
            document = _fetch(issuer.jwks_url, deadline)
            keys = _keys_of(document)
        except (requests.RequestException, ValueError) as err:
            log.warning("jwks fetch failed for a trusted issuer (%s); keeping %d cached keys",
                        type(err).__name__, len(entry.keys))
            return
        self._use(entry, keys, self._shared.save(issuer.issuer, document) if self._shared
                  else None)

    def _claim(self, issuer: TrustedIssuer) -> SharedJwks | None:
        return self._shared.claim(issuer.issuer, self.refetch_interval,
                                  JWKS_DEADLINE) if self._shared else None

    def _use(self, entry: _IssuerKeys, keys: dict[str, jwt.PyJWK],
             version: datetime | None) -> None:
        entry.keys, entry.fetched_at, entry.version = keys, self._clock(), version


def _fetch(url: str, deadline: float) -> str:
    """GET the JWKS at ``url``; every socket operation ends by ``deadline`` (monotonic)."""
    left = deadline - time.monotonic()
    with fetch_scope(deadline) as scope:
        try:
            with shared_session_with_env().get(
                url, timeout=(left, left), allow_redirects=False, stream=True, auth=NO_NETRC,
                headers={"Accept": "application/json"},
            ) as resp:
                if resp.status_code != 200:
                    raise JwksFetchError(f"JWKS status {resp.status_code}")
                body = bytearray()
                for chunk in resp.iter_content(64 * 1024):
                    body.extend(chunk)
                    if len(body) > JWKS_MAX_BYTES:
                        raise JwksFetchError("JWKS too large")
        except requests.RequestException:
            if scope.expired:
                raise JwksFetchError("JWKS deadline passed") from None
            raise
        if scope.expired:  # the connection was cut: what arrived is incomplete
            raise JwksFetchError("JWKS deadline passed")
    return body.decode("utf-8")


def _keys_of(document: str) -> dict[str, jwt.PyJWK]:
    """The usable signing keys of a JWKS document, by ``kid``; ValueError when it is none."""
    doc = json.loads(document)
    if not isinstance(doc, dict) or not isinstance(doc.get("keys"), list):
        raise JwksFetchError("JWKS has no keys array")
    keys: dict[str, jwt.PyJWK] = {}
    for jwk in doc["keys"]:
        if isinstance(jwk, dict):
            key = usable_key(jwk)
            if key is not None:
                keys[jwk["kid"]] = key
    return keys


def expected_audience(public_base_url: str) -> str:
    """The URL the token's ``aud`` must name for the current request: the URL as called
    (``/cds-services//x`` when a client appended to a discovery URL ending in ``/``)."""
    as_called = request.environ.get(PATH_AS_CALLED)
    if public_base_url:
        return public_base_url.rstrip("/") + (as_called or request.path)
    if as_called:
        return request.host_url.rstrip("/") + request.script_root + as_called
    return request.base_url


class Authenticator:
    """Verifies a CDS client's bearer JWT against the trusted issuers."""

    def __init__(self, issuers: Mapping[str, TrustedIssuer], *,
                 claim_jti: Callable[[str, str, datetime], bool],
                 jwks: JwksCache | None = None) -> None:
        self.issuers = dict(issuers)
        self.claim_jti = claim_jti
        self.jwks = jwks or JwksCache()

    def verify(self, authorization: str | None, audience: str) -> ClientIdentity:
        """Return the verified client, or raise AuthError with a reason code.

        The token is first parsed unverified (PyJWT's strict JWS parse): the header and the
        unverified ``iss`` choose the key; ``jwt.decode`` with that key then checks the
        signature and the claims (``_check_claims``), and only then are they trusted."""
        token = self._bearer(authorization)
        try:
            parsed = jwt.decode_complete(token, options={"verify_signature": False})
        except (jwt.PyJWTError, ValueError, RecursionError):
            raise AuthError("malformed") from None
        header, claims = parsed["header"], parsed["payload"]
        alg = header.get("alg")
        if alg not in ALLOWED_ALGORITHMS:
            raise AuthError("bad-alg")
        typ = header.get("typ")
        if typ is not None and (not isinstance(typ, str) or typ.upper() != "JWT"):
            raise AuthError("bad-typ")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise AuthError("missing-kid")
        iss = claims.get("iss")
        trusted = self.issuers.get(iss) if isinstance(iss, str) else None
        if trusted is None:
            raise AuthError("untrusted-iss")
        jku = header.get("jku")
        if jku is not None and jku not in trusted.jku:
            raise AuthError("jku-mismatch")
        jwk = self.jwks.get_key(trusted, kid)
        if jwk is None:
            raise AuthError("unknown-kid")
        claims = self._check_claims(token, jwk, alg, trusted.issuer, audience)
        tenant = claims.get("tenant")
        if isinstance(tenant, str) and not tenant.isprintable():  # NUL, a lone surrogate…
            raise AuthError("bad-tenant")
        if trusted.tenants is None:
            tenant = None  # no list to check it against: a caller could name a new one per call
        elif not isinstance(tenant, str) or tenant not in trusted.tenants:
            raise AuthError("bad-tenant")
        jti = claims["jti"]
        if (not isinstance(jti, str) or not jti or len(jti) > MAX_JTI_CHARS
                or not jti.isprintable()):  # no NUL, control character or lone surrogate
            raise AuthError("bad-jti")
        expires_at = datetime.fromtimestamp(float(claims["exp"]) + LEEWAY_SECONDS, UTC)
        if not self.claim_jti(trusted.issuer, jti, expires_at):
            raise AuthError("replayed-jti")
        return ClientIdentity(issuer=trusted.issuer, tenant=tenant, jti=jti)

    @staticmethod
    def _bearer(authorization: str | None) -> str:
        if not authorization:
            raise AuthError("missing-token")
        scheme, _, token = authorization.strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise AuthError("not-bearer")
        if len(token) > MAX_TOKEN_BYTES:
            raise AuthError("token-too-large")
        return token

    @staticmethod
    def _check_claims(token: str, jwk: jwt.PyJWK, alg: str, issuer: str,
                      audience: str) -> dict[str, Any]:
        """The signature and registered claims through PyJWT's ``decode`` (``exp``, ``iat``
        and ``nbf`` with the leeway, ``iat`` not in the future, ``aud`` naming this endpoint,
        ``sub`` and ``jti`` strings), then the lifetime of at most an hour."""
        try:
            claims = jwt.decode(token, jwk, algorithms=[alg], audience=audience,
                                issuer=issuer, leeway=LEEWAY_SECONDS,
                                options={"require": list(REQUIRED_CLAIMS)})
        except jwt.MissingRequiredClaimError as err:
            raise AuthError(f"missing-{err.claim}") from None
        except (jwt.PyJWTError, ValueError, TypeError, OverflowError) as err:
            raise AuthError(next((code for kind, code in CLAIM_ERRORS if isinstance(err, kind)),
                                 "invalid-claims")) from None
        try:
            lifetime = float(claims["exp"]) - float(claims["iat"])
        except OverflowError:  # an integer beyond any date
            raise AuthError("lifetime-too-long") from None
        if lifetime > MAX_LIFETIME_SECONDS:
            raise AuthError("lifetime-too-long")
        return claims


def _is_protected(path: str) -> bool:
    return path == PROTECTED_PREFIX or path.startswith(PROTECTED_PREFIX + "/")


def _cors_origin(allowed: str, origin: str | None, *, unauthenticated: bool = False) -> str | None:
    """The ``Access-Control-Allow-Origin`` to send, or None.

    Without authentication never ``*``: any web page a clinician opens could otherwise drive
    the service from their browser (the built-in sandbox page is same-origin and needs no
    CORS); only origins listed in ``CDS_CORS_ORIGINS`` are echoed then.
    """
    allowed = allowed.strip() or "*"
    if allowed == "*":
        return None if unauthenticated else "*"
    if origin and origin in {o.strip() for o in allowed.split(",") if o.strip()}:
        return origin
    return None


def init_app(app: Flask, settings: Settings, store: Store) -> Authenticator:
    """Register JWT verification for ``/cds-services…`` and CORS headers on every response."""
    issuers = parse_trusted_issuers(settings.trusted_issuers)
    authenticator = Authenticator(issuers, claim_jti=store.replay.claim,
                                  jwks=JwksCache(shared=store.jwks))
    if settings.allow_unauthenticated:
        log.warning(
            "!!! CDS_ALLOW_UNAUTHENTICATED is set: /cds-services accepts requests WITHOUT a "
            "JWT. Use only for local development or the public sandbox, never with PHI. !!!"
        )
    elif not issuers:
        log.warning("CDS_TRUSTED_ISSUERS is empty: every /cds-services request will get 401")
    for trusted in issuers.values():
        if publicly_keyed(trusted):
            log.warning(
                "!!! CDS_TRUSTED_ISSUERS trusts %s, whose signing key is PUBLIC (the CDS Hooks "
                "Sandbox publishes it): ANYONE can sign tokens this service accepts. Use only "
                "for testing with the public Sandbox, never with PHI. !!!", trusted.issuer)

    @app.before_request
    def _authenticate() -> Response | None:
        if not _is_protected(request.path):
            return None
        if request.method == "OPTIONS":
            return Response(status=204)
        if settings.allow_unauthenticated:
            return None
        try:
            g.cds_client = authenticator.verify(
                request.headers.get("Authorization"), expected_audience(settings.public_base_url)
            )
        except AuthError as err:
            log.warning("auth rejected: reason=%s method=%s", err.reason, request.method)
            raise Unauthorized(err.reason, code=ErrorCode.UNAUTHORIZED) from None
        return None

    @app.after_request
    def _cors(response: Response) -> Response:
        if not _is_protected(request.path):
            return response
        origin = _cors_origin(settings.cors_origins, request.headers.get("Origin"),
                              unauthenticated=settings.allow_unauthenticated)
        if origin is not None:
            response.headers["Access-Control-Allow-Origin"] = origin
            if origin != "*":
                response.vary.add("Origin")
        response.headers["Access-Control-Allow-Headers"] = CORS_ALLOW_HEADERS
        response.headers["Access-Control-Allow-Methods"] = CORS_ALLOW_METHODS
        if request.method == "OPTIONS":
            response.headers["Access-Control-Max-Age"] = CORS_MAX_AGE
        return response

    return authenticator
