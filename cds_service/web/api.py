"""HTTP surface: discovery, service calls, health; errors as OperationOutcome."""

from __future__ import annotations

import logging
import time
from typing import Any

import orjson
from flask import Blueprint, Flask, Response, g, request
from werkzeug.exceptions import HTTPException

from cds_service.config import Settings
from cds_service.core.cards import RenderedCard
from cds_service.errors import (
    BadRequest,
    CdsError,
    ErrorCode,
    NotFound,
    Unauthorized,
    code_for_status,
    operation_outcome,
)
from cds_service.fhir.context import FetchLimits, gather
from cds_service.fhir.transport import shared_session, shared_session_with_env
from cds_service.hooks.request import parse_hook_request
from cds_service.hooks.services import SERVICES
from cds_service.pipeline import run as services
from cds_service.storage.decision_log import IssuedCard
from cds_service.web import guidance, observability
from cds_service.web.state import state

log = logging.getLogger(__name__)

bp = Blueprint("cds", __name__)

def json_response(payload: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(payload), status=status, mimetype="application/json")


def fetch_limits(s: Settings) -> FetchLimits:
    return FetchLimits(connect_timeout=s.fhir_connect_timeout, read_timeout=s.fhir_read_timeout,
                       total_timeout=s.fhir_total_timeout, max_pages=s.fhir_max_pages,
                       max_bytes=s.max_fhir_response_bytes, max_resources=s.max_resources,
                       max_call_bytes=s.max_fhir_call_bytes)


@bp.get("/cds-services")
def discovery() -> Response:
    return json_response({"services": [s.discovery() for s in SERVICES.values()]})


def _decode_body() -> Any:
    if not request.mimetype or "json" not in request.mimetype:
        raise BadRequest("Content-Type must be application/json", code=ErrorCode.CONTENT_TYPE)
    raw = request.get_data(cache=False)
    if not raw:
        raise BadRequest("request body is empty", code=ErrorCode.EMPTY_BODY)
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise BadRequest("request body is not valid JSON", code=ErrorCode.JSON) from exc


@bp.post("/cds-services/<service_id>")
def call_service(service_id: str) -> Response:
    spec = SERVICES.get(service_id)
    if spec is None:
        raise NotFound(f"no CDS service with id {service_id}", code=ErrorCode.UNKNOWN_SERVICE)
    started = time.perf_counter()
    app = state()
    settings = app.settings
    client = g.get("cds_client")
    hook_request = parse_hook_request(_decode_body(), expected_hook=spec.hook,
                                      max_draft_orders=settings.max_draft_orders)
    # fhirServer must be on the caller's list, else it gets no request and no token
    vetted, address_check, not_listed = app.fhir_access.vet(hook_request, client)
    if not_listed:
        observability.count("fhir_server_refused")
    ctx = gather(vetted, spec.prefetch, fetch_limits(settings),
                 session_factory=settings.extra.get(
                     "fhir_session_factory",
                     shared_session_with_env if settings.fhir_trust_env else shared_session),
                 address_check=address_check, no_server_reason=not_listed,
                 on_failure=observability.count_fetch_failure)
    issuer = client.issuer if client else None
    outcome = services.run(vetted, ctx, app.cards, max_text_chars=settings.max_call_text_chars,
                           guidance_url=guidance.guidance_url(settings.public_base_url),
                           mode=lambda rule_id: app.rule_modes.mode(rule_id, issuer))
    app.store.decision_log.record_call(
        service_id=spec.id, hook=spec.hook, hook_instance=vetted.hook_instance,
        patient_id=vetted.patient_id, shadow=bool(outcome.shadow) and not outcome.cards,
        cards=[issued(c) for c in outcome.cards] + [issued(c, True) for c in outcome.shadow],
        issuer=issuer, tenant=client.tenant if client else None,  # feedback: this caller's
    )
    app.observer(spec.id, outcome, time.perf_counter() - started)
    log.info("hook call", extra={
        "service": spec.id, "hook_instance": vetted.hook_instance,
        "cards": len(outcome.cards), "rules": sorted(set(outcome.fired)),
        "sources": dict(ctx.sources), "shadow": len(outcome.shadow),
        "skipped": dict(outcome.skipped),  # counts left out by a per-call budget, never data
        "ms": round((time.perf_counter() - started) * 1000, 2),
    })
    return json_response({"cards": [c.card.to_json() for c in outcome.cards]})


def issued(rendered: RenderedCard, shadow: bool = False) -> IssuedCard:
    """The decision-log row of a card, read from the typed card."""
    card = rendered.card
    return IssuedCard(
        card_uuid=card.uuid, rule_id=rendered.rule_id, card_id=rendered.card_id,
        indicator=card.indicator.value,
        suggestions=tuple((s.uuid, s.label) for s in card.suggestions),
        order=rendered.order, shadow=shadow,
    )


@bp.get("/health")
def health() -> Response:
    """200 while the service answers: ``status`` "degraded" while its database takes no
    write (one answer from every worker), ``instance`` this server's id (CDS_INSTANCE_ID)."""
    app = state()
    return json_response({**app.store.health(), "instance": app.instance_id})


def register_error_handlers(app: Flask) -> None:
    """Every error leaves as an OperationOutcome; never a raw 500 page."""

    @app.errorhandler(CdsError)
    def _cds_error(exc: CdsError) -> Response:
        if exc.status >= 500:
            log.error("service error", extra={"code": exc.code})
        resp = json_response(exc.to_operation_outcome(), exc.status)
        if isinstance(exc, Unauthorized):
            # RFC 6750 §3: the reason code (never a secret) tells an integrator what to fix
            resp.headers["WWW-Authenticate"] = (
                f'Bearer error="invalid_token", error_description="{exc.message}"')
        return resp

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response:
        code = {404: "not-found", 405: "not-supported", 413: "too-costly"}.get(
            exc.code or 500, "processing")
        status = exc.code or 500
        resp = json_response(operation_outcome(exc.description or exc.name, code=code,
                                               detail_code=code_for_status(status)), status)
        valid = getattr(exc, "valid_methods", None)
        if status == 405 and valid:
            resp.headers["Allow"] = ", ".join(valid)
        return resp

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        log.exception("unhandled error", extra={"error_type": type(exc).__name__})
        return json_response(operation_outcome("internal error", code="exception",
                                               detail_code=ErrorCode.INTERNAL), 500)
