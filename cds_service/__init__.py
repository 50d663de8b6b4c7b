"""CDS Hooks service: noncontrast CT first when a prior MRI report mentions calcification."""

from __future__ import annotations

import logging
import secrets
from typing import Any

from flask import Flask

from cds_service.config import RuleModes, Settings

__all__ = ["create_app", "Settings"]


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the Flask app from environment settings, then ``test_config`` overrides."""
    from cds_service import sandbox
    from cds_service.core import site_terminology
    from cds_service.core.card_library import load_library
    from cds_service.core.rules import RULES
    from cds_service.fhir.allowlist import build_access
    from cds_service.pipeline.run import configure_cache
    from cds_service.storage.store import init_db_command, open_store
    from cds_service.web import api, auth, feedback, guidance, observability, paths
    from cds_service.web.state import AppState

    settings = Settings.from_env().updated(test_config).service_checked()
    rule_ids = [r.id for r in RULES]
    modes = RuleModes.parse(settings.rule_modes, rule_ids)  # ConfigError: one line, exit 2
    app = Flask(__name__, static_folder=None)
    app.wsgi_app = paths.CanonicalServicePaths(app.wsgi_app)  # type: ignore[method-assign]  # Flask's way to add WSGI middleware
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    logging.getLogger("cds_service").setLevel(settings.log_level.upper())
    cards = load_library(settings.cards_dir)
    site_terminology.apply(site_terminology.load(settings.terminology_dir)
                           if settings.terminology_dir else None)
    configure_cache(settings.cache_bytes)
    store = open_store(settings)
    app.cli.add_command(init_db_command)
    observability.init_app(app, settings, store)
    authenticator = auth.init_app(app, settings, store)
    app.extensions["cds"] = AppState(
        settings=settings, instance_id=settings.instance_id or secrets.token_hex(8),
        cards=cards, store=store, auth=authenticator,
        fhir_access=build_access(settings, authenticator.issuers),
        observer=observability.observe_call, rule_modes=modes)
    api.register_error_handlers(app)
    app.register_blueprint(api.bp)
    app.register_blueprint(feedback.bp)
    guidance.init_app(app)
    sandbox.init_app(app, settings)
    logging.getLogger(__name__).info("rule modes (CDS_RULE_MODES): %s", modes.describe(rule_ids))
    return app
