"""The app's state: one typed object that ``create_app`` builds (``state()`` reads it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, current_app

from cds_service.config import RuleModes, Settings
from cds_service.core.card_library import CardLibrary
from cds_service.fhir.allowlist import FhirAccess
from cds_service.pipeline.run import Outcome
from cds_service.storage.store import Store
from cds_service.web.auth import Authenticator


@dataclass(slots=True)
class AppState:
    settings: Settings
    instance_id: str  # what /health names this instance by (CDS_INSTANCE_ID, else random)
    cards: CardLibrary
    store: Store
    auth: Authenticator
    fhir_access: FhirAccess  # which FHIR servers each caller's token may go to
    observer: Callable[[str, Outcome, float], None]  # hears of each evaluated hook call
    rule_modes: RuleModes  # CDS_RULE_MODES: each rule on, shadow or off (per issuer)


def state(app: Flask | None = None) -> AppState:
    """The state of ``app``, by default of the app answering this request."""
    state: AppState = (app or current_app).extensions["cds"]
    return state
