"""Settings: named defaults, overridden by ``CDS_*`` environment variables or a test dict."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent

DEFAULT_CARDS_DIR = PROJECT_ROOT / "cards"
DEFAULT_DATABASE_URL = "sqlite:///" + str(PROJECT_ROOT / "instance" / "cds_service.db")
DEFAULT_FHIR_CONNECT_TIMEOUT = 2.0
DEFAULT_FHIR_READ_TIMEOUT = 5.0
DEFAULT_FHIR_MAX_PAGES = 5
DEFAULT_FHIR_TOTAL_TIMEOUT = 8.0
DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_FHIR_RESPONSE_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_DRAFT_ORDERS = 100
DEFAULT_MAX_RESOURCES = 5_000


def _as_bool(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    """Every setting the service reads, with its environment variable in the README."""

    allow_unauthenticated: bool = False  # CDS_ALLOW_UNAUTHENTICATED
    trusted_issuers: str = ""  # CDS_TRUSTED_ISSUERS (JSON)
    public_base_url: str = ""  # CDS_PUBLIC_BASE_URL
    database_url: str = DEFAULT_DATABASE_URL  # DATABASE_URL
    patient_hash_key: str = ""  # CDS_PATIENT_HASH_KEY
    cards_dir: str = str(DEFAULT_CARDS_DIR)  # CDS_CARDS_DIR
    terminology_dir: str = ""  # CDS_TERMINOLOGY_DIR (site order-code tables; empty: none)
    shadow: bool = False  # CDS_SHADOW
    sandbox: bool = False  # CDS_SANDBOX
    fhir_connect_timeout: float = DEFAULT_FHIR_CONNECT_TIMEOUT  # CDS_FHIR_CONNECT_TIMEOUT
    fhir_read_timeout: float = DEFAULT_FHIR_READ_TIMEOUT  # CDS_FHIR_READ_TIMEOUT
    fhir_total_timeout: float = DEFAULT_FHIR_TOTAL_TIMEOUT  # CDS_FHIR_TOTAL_TIMEOUT
    fhir_max_pages: int = DEFAULT_FHIR_MAX_PAGES  # CDS_FHIR_MAX_PAGES
    max_fhir_response_bytes: int = DEFAULT_MAX_FHIR_RESPONSE_BYTES  # CDS_MAX_FHIR_RESPONSE_BYTES
    fhir_trust_env: bool = False  # CDS_FHIR_TRUST_ENV (proxies from the environment)
    fhir_servers: str = ""  # CDS_FHIR_SERVERS (unauthenticated mode's FHIR server list)
    fhir_private_networks: str = ""  # CDS_FHIR_PRIVATE_NETWORKS (CIDRs named servers may use)
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES  # CDS_MAX_BODY_BYTES
    max_draft_orders: int = DEFAULT_MAX_DRAFT_ORDERS  # CDS_MAX_DRAFT_ORDERS (400 above)
    max_resources: int = DEFAULT_MAX_RESOURCES  # CDS_MAX_RESOURCES (per call; skipped above)
    cors_origins: str = "*"  # CDS_CORS_ORIGINS
    log_level: str = "INFO"  # CDS_LOG_LEVEL
    control_socket: str = ""  # CDS_CONTROL_SOCKET (cds-service serve; empty: none)
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Read settings from the environment (``CDS_*`` and ``DATABASE_URL``)."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name == "extra":
                continue
            name = "DATABASE_URL" if f.name == "database_url" else "CDS_" + f.name.upper()
            raw = env.get(name)
            if raw is None or raw == "":
                continue
            if f.type in ("bool", bool):
                values[f.name] = _as_bool(raw)
            elif f.type in ("int", int):
                values[f.name] = int(raw)
            elif f.type in ("float", float):
                values[f.name] = float(raw)
            else:
                values[f.name] = raw
        return cls(**values)

    def updated(self, overrides: dict[str, Any] | None) -> Settings:
        """Return a copy with ``overrides`` applied (test configuration)."""
        if not overrides:
            return self
        known = {f.name for f in fields(self)}
        direct = {k: v for k, v in overrides.items() if k in known}
        extra = {k: v for k, v in overrides.items() if k not in known}
        return replace(self, **direct, extra={**self.extra, **extra})
