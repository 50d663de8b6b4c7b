"""Shared fixtures: an app with the sandbox defaults, its client, scenario bundles; the
``system`` mark of the test lanes (tests/support/lanes.py)."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cds_service import create_app
from cds_service.hooks.bundle import hook_request_from_bundle
from cds_service.storage.store import Store
from tests.support.cds_auth import database_url, postgres_available
from tests.support.lanes import mark_system

ROOT = Path(__file__).resolve().parent.parent
BUNDLES = ROOT / "sample_bundles"
SELECT_ID = "noncontrast-ct-first-select"
SIGN_ID = "noncontrast-ct-first-sign"


@pytest.hookimpl(tryfirst=True)  # before ``-m`` deselects by mark
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    mark_system(items)


@pytest.fixture
def app_config(tmp_path: Path) -> dict[str, Any]:
    return {"allow_unauthenticated": True, "database_url": f"sqlite:///{tmp_path / 'cds.db'}"}


@pytest.fixture
def app(app_config: dict[str, Any]):
    return create_app(app_config)


@pytest.fixture
def client(app):
    return app.test_client()


def listing_app(app_config: dict[str, Any], *fhir_urls: str, **overrides: Any):
    """An app whose FHIR server list (CDS_FHIR_SERVERS) holds ``fhir_urls``: the only servers
    it fetches from without authentication."""
    return create_app({**app_config, "fhir_servers": " ".join(fhir_urls), **overrides})


def load_bundle(name: str) -> dict[str, Any]:
    return json.loads((BUNDLES / name).read_text())


def hook_body(name: str, hook: str = "order-select", **kwargs: Any) -> dict[str, Any]:
    return hook_request_from_bundle(load_bundle(name), hook=hook, **kwargs)


FETCH_BUNDLE = "positive-biopsy-thigh-mass.json"


def record_on(fhir: Any, bundle: str = FETCH_BUNDLE) -> None:
    """Put a scenario's record (everything but its draft orders) on a test FHIR server."""
    for entry in load_bundle(bundle)["entry"]:
        if entry["resource"]["resourceType"] != "ServiceRequest":
            fhir.state.add(entry["resource"])


def fetching_body(url: str, authorization: dict[str, Any] | None = None,
                  bundle: str = FETCH_BUNDLE) -> dict[str, Any]:
    """A scenario's hook request without prefetch: the service fetches from ``url``."""
    body = hook_body(bundle)
    body.pop("prefetch", None)
    body["fhirServer"] = url
    if authorization is not None:
        body["fhirAuthorization"] = authorization
    return body


def fhir_authorization(token: str) -> dict[str, Any]:
    """A hook request's ``fhirAuthorization`` as an EHR sends it."""
    return {"access_token": token, "token_type": "Bearer", "expires_in": 300,
            "scope": "patient/*.read", "subject": "cds-service"}


def metric(client: Any, name: str) -> float:
    """A /metrics value: the line ``name`` (labels may be part of it), else the sum over
    every label set of ``name``; 0 when absent."""
    text = client.get("/metrics").get_data(as_text=True)
    return sum(float(line.split()[-1]) for line in text.splitlines()
               if line.startswith(name + " ") or line.startswith(name + "{"))


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database of each kind: a SQLite file, and a schema in the real PostgreSQL."""
    if request.param == "postgresql" and (reason := postgres_available()):
        pytest.skip(reason)
    with database_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """A migrated store on each kind of database (``db_url``), closed after the test."""
    s = Store(db_url)
    s.db.migrate()
    yield s
    s.close()


DCM = "http://dicom.nema.org/resources/ontology/DCM"


def report_and_study(rid: str, title: str, date: str, text: str,
                     modality: str) -> list[dict[str, Any]]:
    """A final DiagnosticReport (plain-text presentedForm) and its ImagingStudy, patient p1."""
    study = {"resourceType": "ImagingStudy", "id": f"st-{rid}", "status": "available",
             "subject": {"reference": "Patient/p1"}, "started": f"{date}T09:30:00Z",
             "modality": [{"system": DCM, "code": modality}], "description": title}
    report = {"resourceType": "DiagnosticReport", "id": rid, "status": "final",
              "code": {"text": title}, "subject": {"reference": "Patient/p1"},
              "effectiveDateTime": date, "imagingStudy": [{"reference": f"ImagingStudy/st-{rid}"}],
              "presentedForm": [{"contentType": "text/plain",
                                 "data": base64.b64encode(text.encode()).decode()}]}
    return [report, study]
