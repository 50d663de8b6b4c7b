"""Settings: every environment variable the service reads, with its default, in one place.

``Settings.from_env()`` is the only reader of the environment in the package (a test checks
that no other module reads ``os.environ``). Each field's variable is ``CDS_<FIELD>`` unless
``ENV_NAMES`` says otherwise; the README's settings table lists every one. A value that cannot
be read (``CDS_PORT=eighty``) or a combination that cannot work raises ``ConfigError`` naming
the variable, which ``cds-service`` prints as one line before exiting with status 2.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cds_service.errors import ConfigError

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
# The content the repository keeps at its top level, as a wheel carries it (see setup.py).
BUNDLED_DIR = PACKAGE_DIR / "bundled"
# A checkout (or an editable install of one): the repository's own folders are the source.
IN_CHECKOUT = (PROJECT_ROOT / "pyproject.toml").is_file()


def content_dir(name: str) -> Path:
    """``cards`` or ``sample_bundles``: the wheel's bundled copy, else the repository's."""
    bundled = BUNDLED_DIR / name
    return bundled if bundled.is_dir() else PROJECT_ROOT / name


def default_database_path() -> Path:
    """SQLite file used without ``DATABASE_URL``: ``instance/`` in a checkout, else a per-user
    data directory (never inside site-packages, which may be read-only or shared)."""
    if IN_CHECKOUT:
        return PROJECT_ROOT / "instance" / "cds_service.db"
    return Path.home() / ".local" / "share" / "cds-service" / "cds_service.db"


DEFAULT_CARDS_DIR = content_dir("cards")
DEFAULT_SAMPLE_BUNDLES_DIR = content_dir("sample_bundles")
DEFAULT_MAX_FHIR_RESPONSE_BYTES = 20 * 1024 * 1024
# Bytes fetched per hook call, every query and page together (fhir/client.py says why 32 MiB)
DEFAULT_MAX_FHIR_CALL_BYTES = 32 * 1024 * 1024
DEFAULT_MAX_DRAFT_ORDERS = 100
DEFAULT_MAX_RESOURCES = 5_000
DEFAULT_MAX_CALL_TEXT_CHARS = 2_000_000
DEFAULT_CACHE_BYTES = 64 * 1024 * 1024  # what was read per resource (pipeline/cache.py)
# cds-service serve (gunicorn); the reasons for each are in cli/serve.py
DEFAULT_THREADS = 1
DEFAULT_WORKER_TIMEOUT = 30
DEFAULT_GRACEFUL_TIMEOUT = 20
DEFAULT_MAX_REQUESTS = 50_000

LOG_FORMATS = ("json", "text")
RULE_MODES = ("on", "shadow", "off")  # shown; computed and logged, not shown; not run
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")

# Fields whose variable is not CDS_<FIELD>.
ENV_NAMES = {
    "database_url": "DATABASE_URL",
    "prometheus_multiproc_dir": "PROMETHEUS_MULTIPROC_DIR",
}
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


def env_name(field_name: str) -> str:
    return ENV_NAMES.get(field_name, "CDS_" + field_name.upper())


def _parse(name: str, kind: Any, raw: str) -> Any:
    if kind in ("bool", bool):
        value = raw.strip().lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise ConfigError(f"{name} must be 1/0, true/false, yes/no or on/off, not {raw!r}")
    try:
        if kind in ("int", int):
            return int(raw)
        if kind in ("float", float):
            return float(raw)
    except ValueError:
        what = "an integer" if kind in ("int", int) else "a number"
        raise ConfigError(f"{name} must be {what}, not {raw!r}") from None
    return raw


@dataclass(frozen=True)
class Settings:
    """Every setting the service reads, with its environment variable in the README."""

    allow_unauthenticated: bool = False  # CDS_ALLOW_UNAUTHENTICATED
    trusted_issuers: str = ""  # CDS_TRUSTED_ISSUERS (JSON)
    public_base_url: str = ""  # CDS_PUBLIC_BASE_URL
    database_url: str = "sqlite:///" + str(default_database_path())  # DATABASE_URL
    patient_hash_key: str = ""  # CDS_PATIENT_HASH_KEY
    patient_hash_key_file: str = ""  # CDS_PATIENT_HASH_KEY_FILE (the key in a file instead)
    jti_local_fallback: bool = False  # CDS_JTI_LOCAL_FALLBACK (database down: per-process jti)
    retention_days: int = 0  # CDS_RETENTION_DAYS (cds-service purge default; 0: none)
    feedback_clock_skew: float = 300.0  # s an outcomeTimestamp may be ahead of our clock
    feedback_unmatched_max: int = 10_000  # unmatched feedback rows kept per issuer
    feedback_unmatched_ttl_hours: float = 168.0  # a week: unmatched feedback then deleted
    cards_dir: str = str(DEFAULT_CARDS_DIR)  # CDS_CARDS_DIR
    terminology_dir: str = ""  # CDS_TERMINOLOGY_DIR (site order-code tables; empty: none)
    rule_modes: str = ""  # CDS_RULE_MODES (JSON: rule id or "*" -> mode; RuleModes says how)
    sandbox: bool = False  # CDS_SANDBOX
    fhir_connect_timeout: float = 2.0  # CDS_FHIR_CONNECT_TIMEOUT
    fhir_read_timeout: float = 5.0  # CDS_FHIR_READ_TIMEOUT
    fhir_total_timeout: float = 8.0  # CDS_FHIR_TOTAL_TIMEOUT
    fhir_max_pages: int = 5  # CDS_FHIR_MAX_PAGES
    max_fhir_response_bytes: int = DEFAULT_MAX_FHIR_RESPONSE_BYTES  # CDS_MAX_FHIR_RESPONSE_BYTES
    max_fhir_call_bytes: int = DEFAULT_MAX_FHIR_CALL_BYTES  # CDS_MAX_FHIR_CALL_BYTES (per call)
    fhir_trust_env: bool = False  # CDS_FHIR_TRUST_ENV (proxies from the environment)
    fhir_servers: str = ""  # CDS_FHIR_SERVERS (unauthenticated mode's FHIR server list)
    fhir_private_networks: str = ""  # CDS_FHIR_PRIVATE_NETWORKS (CIDRs named servers may use)
    max_body_bytes: int = 10 * 1024 * 1024  # CDS_MAX_BODY_BYTES
    max_draft_orders: int = DEFAULT_MAX_DRAFT_ORDERS  # CDS_MAX_DRAFT_ORDERS (400 above)
    max_resources: int = DEFAULT_MAX_RESOURCES  # CDS_MAX_RESOURCES (per call; skipped above)
    max_call_text_chars: int = DEFAULT_MAX_CALL_TEXT_CHARS  # report text read per call
    cache_bytes: int = DEFAULT_CACHE_BYTES  # CDS_CACHE_BYTES (the per-resource cache's bound)
    cors_origins: str = "*"  # CDS_CORS_ORIGINS
    log_level: str = "INFO"  # CDS_LOG_LEVEL
    log_format: str = ""  # CDS_LOG_FORMAT: json | text (empty: text on a terminal, else json)
    # cds-service serve (its command-line options override these)
    host: str = "127.0.0.1"  # CDS_HOST
    port: int = 8080  # CDS_PORT
    workers: int = 0  # CDS_WORKERS (0: one per core, at least 2)
    threads: int = DEFAULT_THREADS  # CDS_THREADS
    worker_timeout: int = DEFAULT_WORKER_TIMEOUT  # CDS_WORKER_TIMEOUT
    graceful_timeout: int = DEFAULT_GRACEFUL_TIMEOUT  # CDS_GRACEFUL_TIMEOUT
    max_requests: int = DEFAULT_MAX_REQUESTS  # CDS_MAX_REQUESTS
    control_socket: str = ""  # CDS_CONTROL_SOCKET (empty: no control socket)
    instance_id: str = ""  # CDS_INSTANCE_ID (/health's instance; empty: random per start)
    prometheus_multiproc_dir: str = ""  # PROMETHEUS_MULTIPROC_DIR (serve makes one if unset)
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read settings from the environment; ``ConfigError`` names a value that is wrong."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name == "extra":
                continue
            name = env_name(f.name)
            raw = env.get(name)
            if raw is None or raw == "":
                continue
            values[f.name] = _parse(name, f.type, raw)
        if env.get("CDS_SHADOW"):  # replaced: a pilot must not go live by an unread setting
            raise ConfigError('CDS_SHADOW is replaced by CDS_RULE_MODES=\'{"*": "shadow"}\'')
        return cls(**values).checked()

    @classmethod
    def env_names(cls) -> list[str]:
        """Every environment variable read (the README's settings table lists each)."""
        return [env_name(f.name) for f in fields(cls) if f.name != "extra"]

    def checked(self) -> Settings:
        """Return self, or raise ``ConfigError`` for a value outside its allowed set."""
        if self.log_format.strip().lower() not in (*LOG_FORMATS, ""):
            raise ConfigError(f"CDS_LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, "
                              f"not {self.log_format!r}")
        if self.log_level.strip().upper() not in LOG_LEVELS:
            raise ConfigError(f"CDS_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, "
                              f"not {self.log_level!r}")
        if self.cache_bytes < 0:
            raise ConfigError(f"CDS_CACHE_BYTES must be 0 or more, not {self.cache_bytes}")
        return self

    def service_checked(self) -> Settings:
        """Return self, or raise ``ConfigError`` when the service must not start like this.

        With authentication on, the JWT ``aud`` is checked against ``CDS_PUBLIC_BASE_URL``
        (never against the caller's Host header), and the patient-hash key must come from
        outside the database: a key stored beside the hashes would make them reversible.
        """
        if self.public_base_url:
            parts = urlsplit(self.public_base_url)
            if parts.scheme not in ("http", "https") or not parts.hostname or parts.query:
                raise ConfigError("CDS_PUBLIC_BASE_URL must be an absolute http(s) URL without "
                                  f"a query, not {self.public_base_url!r}")
        if self.patient_hash_key and self.patient_hash_key_file:
            raise ConfigError("set CDS_PATIENT_HASH_KEY or CDS_PATIENT_HASH_KEY_FILE, not both")
        if self.allow_unauthenticated:
            return self
        if not self.public_base_url:
            raise ConfigError("CDS_PUBLIC_BASE_URL is required when authentication is on: the "
                              "JWT aud must name the URL the EHR calls (development only: "
                              "CDS_ALLOW_UNAUTHENTICATED=1)")
        if not (self.patient_hash_key or self.patient_hash_key_file):
            raise ConfigError("CDS_PATIENT_HASH_KEY or CDS_PATIENT_HASH_KEY_FILE is required "
                              "when authentication is on: a key kept in the database beside "
                              "the hashes would make patient pseudonyms reversible")
        self.hash_key()
        return self

    def hash_key(self) -> str:
        """The patient-hash key: ``CDS_PATIENT_HASH_KEY``, else the contents of
        ``CDS_PATIENT_HASH_KEY_FILE`` (surrounding whitespace dropped), else "" (the service
        then generates one and keeps it in the database: development only)."""
        if self.patient_hash_key:
            return self.patient_hash_key
        if not self.patient_hash_key_file:
            return ""
        name = "CDS_PATIENT_HASH_KEY_FILE"
        try:
            key = Path(self.patient_hash_key_file).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as err:
            reason = getattr(err, "strerror", None) or type(err).__name__
            raise ConfigError(f"{name}: cannot read {self.patient_hash_key_file} "
                              f"({reason})") from None
        if not key:
            raise ConfigError(f"{name}: {self.patient_hash_key_file} is empty "
                              "(make one with: openssl rand -hex 32 > FILE)")
        return key

    @property
    def json_logs(self) -> bool:
        """JSON log lines: as CDS_LOG_FORMAT says, else unless stderr is a terminal."""
        chosen = self.log_format.strip().lower()
        return chosen == "json" if chosen else not sys.stderr.isatty()

    def updated(self, overrides: dict[str, Any] | None) -> Settings:
        """Return a copy with ``overrides`` applied (test configuration)."""
        if not overrides:
            return self
        known = {f.name for f in fields(self)}
        direct = {k: v for k, v in overrides.items() if k in known}
        extra = {k: v for k, v in overrides.items() if k not in known}
        return replace(self, **direct, extra={**self.extra, **extra}).checked()


@dataclass(frozen=True)
class RuleModes:
    """``CDS_RULE_MODES``: each rule's mode (``on``, ``shadow``, ``off``), optionally per issuer.

    A JSON object from a rule id, or ``"*"`` for every rule not named, to a mode, or to
    ``{"default": mode, "issuers": {"<JWT iss>": mode}}``; unnamed rules are ``on``.
    ``{"*": "shadow"}`` pilots every rule; ``{"signal-void": "off", "surgical-planning":
    {"default": "shadow", "issuers": {"https://ehr.example.org": "on"}}}`` turns one rule off
    and shows another to one EHR only.
    """

    table: dict[str, tuple[str | None, dict[str, str]]]  # key -> (default, by issuer)

    @classmethod
    def parse(cls, raw: str, rule_ids: list[str]) -> RuleModes:
        """``ConfigError`` naming the unknown rule id or mode, or the JSON fault."""
        name = "CDS_RULE_MODES"
        try:
            given = json.loads(raw or "{}")
        except ValueError as err:
            raise ConfigError(f"{name} is not JSON ({err})") from None
        if not isinstance(given, dict):
            raise ConfigError(f"{name} must be a JSON object of rule id -> mode")
        table: dict[str, tuple[str | None, dict[str, str]]] = {}
        for rule, value in given.items():
            if rule != "*" and rule not in rule_ids:
                raise ConfigError(f"{name}: unknown rule {rule!r} (rules: "
                                  f"{', '.join(rule_ids)}, or * for every other)")
            spec = value if isinstance(value, dict) else {"default": value}
            issuers = spec.get("issuers") or {}
            if not isinstance(issuers, dict) or set(spec) - {"default", "issuers"} or any(
                    m is not None and m not in RULE_MODES
                    for m in (spec.get("default"), *issuers.values())):
                raise ConfigError(f"{name}: {rule!r} must be one of {', '.join(RULE_MODES)}"
                                  ' or {"default": mode, "issuers": {iss: mode}}, not '
                                  f"{json.dumps(value)}")
            table[rule] = (spec.get("default"), dict(issuers))
        return cls(table)

    def mode(self, rule_id: str, issuer: str | None = None) -> str:
        for key in (rule_id, "*"):
            default, by_issuer = self.table.get(key, (None, {}))
            chosen = by_issuer.get(issuer or "") or default
            if chosen:
                return chosen
        return "on"

    def describe(self, rule_ids: list[str]) -> str:
        """One short line: the mode most rules have, then each rule with another (and where an
        issuer has its own), e.g. ``signal-void: off; the others: on``."""
        issuers = sorted({i for _, by in self.table.values() for i in by})
        said = {r: self.mode(r) + "".join(f", {i}: {self.mode(r, i)}" for i in issuers
                                          if self.mode(r, i) != self.mode(r))
                for r in rule_ids}
        common = Counter(said.values()).most_common(1)[0][0]
        others = [f"{r}: {d}" for r, d in said.items() if d != common]
        return "; ".join([*others, f"{'the others' if others else 'every rule'}: {common}"])
