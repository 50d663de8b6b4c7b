"""CDS Hooks service: noncontrast CT first when a prior MRI report mentions calcification."""

from __future__ import annotations

import logging
import secrets
from typing import Any

from flask import Flask

from cds_service.config import Settings

__all__ = ["create_app", "Settings"]


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the Flask app from environment settings, then ``test_config`` overrides."""
    from cds_service import sandbox
    from cds_service.core import site_terminology
    from cds_service.core.card_library import load_library
    from cds_service.hooks.services import SERVICES
    from cds_service.pipeline.run import configure_cache
    from cds_service.storage import store
    from cds_service.web import api, auth, feedback, guidance, observability, paths

    settings = Settings.from_env().updated(test_config).service_checked()
    app = Flask(__name__, static_folder=None)
    app.wsgi_app = paths.CanonicalServicePaths(app.wsgi_app)  # type: ignore[method-assign]
    app.config["CDS_SETTINGS"] = settings
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.config["CDS_INSTANCE_ID"] = settings.instance_id or secrets.token_hex(8)
    logging.getLogger("cds_service").setLevel(settings.log_level.upper())
    app.extensions["cds_cards"] = load_library(settings.cards_dir)
    site_terminology.apply(site_terminology.load(settings.terminology_dir)
                           if settings.terminology_dir else None)
    configure_cache(settings.cache_bytes)
    app.extensions["cds_services"] = SERVICES
    if "fhir_session_factory" in settings.extra:
        app.extensions["cds_fhir_session_factory"] = settings.extra["fhir_session_factory"]
    store.init_app(app)
    observability.init_app(app)
    auth.init_app(app)
    api.register_error_handlers(app)
    app.register_blueprint(api.bp)
    app.register_blueprint(feedback.bp)
    guidance.init_app(app)
    sandbox.init_app(app)
    return app
