"""Production observability: request ids, JSON logs without PHI, Prometheus ``/metrics``,
``/openapi.json`` (``init_app``).

* **Request id**: the caller's ``X-Request-ID`` when it is a short token (``_REQUEST_ID_OK``),
  else a random one; echoed in the response and stamped on every log line of the request.
* **Logs**: one JSON object per line on stderr (``CDS_LOG_FORMAT=text``: text). Field names that
  could carry PHI or secrets are dropped (``_SENSITIVE``), long values cut, and an exception is
  logged as its type and frames only: its message may quote a value from the request.
* **Metrics**, summed over gunicorn's workers through ``PROMETHEUS_MULTIPROC_DIR`` (``serve``
  sets it); every label value from a closed set (``LABELS``), anything else ``other``:

  ====================================== ===================================================
  ``cds_service_call_seconds``           histogram per service: hook call, body parse to cards
  ``cds_http_requests_total``            counter per endpoint and status code
  ``cds_cards_total``                    counter per service and rule of the cards returned
  ``cds_decisions_total``                counter per service and rule of every rule that fired
  ``cds_invalid_resources_total``        counter per resource type skipped as invalid FHIR R4
  ``cds_fhir_fetch_errors_total``        counter per failure reason of FHIR server queries
  ``cds_decision_log_dropped_total``     counter of decision-log rows dropped
  ``cds_budget_skipped_total``           counter per kind of what a per-call budget skipped
  ``cds_fhir_server_refused_total``      counter of calls whose fhirServer was not listed
  ====================================== ===================================================
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import sys
import traceback
from functools import cache, lru_cache
from http import HTTPStatus
from pathlib import Path
from typing import Any, TextIO

import orjson
from flask import Blueprint, Flask, Response, g, has_request_context, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.utils import floatToGoString

from cds_service.config import Settings
from cds_service.core.rules import RULES
from cds_service.hooks.services import SERVICES
from cds_service.storage.store import Store
from cds_service.web.state import state

OPENAPI_PATH = Path(__file__).with_name("openapi.json")
REQUEST_ID_HEADER = "X-Request-ID"
_REQUEST_ID_OK = re.compile(r"[A-Za-z0-9._-]{1,64}")

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

SERVICE_CALL_SECONDS = Histogram(
    "cds_service_call_seconds", "Hook call time in the service (body parse to cards), seconds",
    ["service"], buckets=LATENCY_BUCKETS,
)
HTTP_REQUESTS = Counter(
    "cds_http_requests", "HTTP requests answered, by endpoint and status", ["endpoint", "status"],
)
CARDS = Counter("cds_cards", "Cards returned, by service and rule", ["service", "rule"])
DECISIONS = Counter("cds_decisions", "Rule decisions, by service and rule", ["service", "rule"])
INVALID_RESOURCES = Counter(
    "cds_invalid_resources", "FHIR resources skipped as invalid R4, by type", ["resource_type"],
)
FHIR_FETCH_ERRORS = Counter(
    "cds_fhir_fetch_errors", "FHIR server queries that failed, by reason", ["reason"],
)

# Every label of every metric, and the closed set its values come from (a value outside it is
# counted as OTHER): a label never takes a value from a request. "endpoint" is the app's own
# routes (Flask endpoint names, "none" when no route matched).
OTHER = "other"
_R4_TYPES = Path(__file__).resolve().parent.parent / "data" / "fhir_r4_resource_types.json"
LABELS: dict[str, frozenset[str]] = {
    "service": frozenset(SERVICES),
    "rule": frozenset(r.id for r in RULES),
    "resource_type": frozenset(json.loads(_R4_TYPES.read_text("utf-8"))["resource_types"]),
    "status": frozenset(str(s.value) for s in HTTPStatus),
    # fhir/client.py's failure reasons, up to " (": "connection failed (X)" is one reason
    "reason": frozenset({
        "deadline exceeded", "timeout", "malformed JSON", "redirect to another origin",
        "too many redirects", "connection failed", "read failed", "response too large",
        "not a FHIR resource", "OperationOutcome returned", "search did not return a Bundle",
        "page did not return a Bundle", "fetch budget exceeded", "unexpected",
        "no allowed address for the FHIR server",
        *(f"status {s.value}" for s in HTTPStatus)}),
    # what a per-call budget skipped (``Outcome.skipped``, ``count("budget_skipped")``)
    "what": frozenset({"draft_orders", "resources", "fhir_pages", "fhir_queries",
                       "report_text_chars", "call_text_chars", "order_text_chars"}),
    "le": frozenset({*(floatToGoString(b) for b in LATENCY_BUCKETS), "+Inf"}),
}


def _label(name: str, value: object) -> str:
    text = str(value)
    return text if name == "endpoint" or text in LABELS[name] else OTHER

# Field names never written to a log line, whatever a caller passes in ``extra``.
_SENSITIVE = re.compile(
    r"patient|token|authori[sz]ation|bearer|jwt|secret|password|comment|text|name|birth|"
    r"address|phone|email|identifier|mrn|ssn|body|resource|sentence|detail|summary|query|url",
    re.IGNORECASE,
)
_ALLOWED = frozenset({"resource_type", "error_type", "exc_type"})
_MAX_STR = 200
_MAX_ITEMS = 50
# LogRecord attributes (and a few formatter ones) that are not ``extra`` fields.
_RECORD_FIELDS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message", "asctime", "request_id", "taskName",
}

log = logging.getLogger(__name__)

bp = Blueprint("observability", __name__)


# -- logs -------------------------------------------------------------------------------


@lru_cache(maxsize=1024)
def _is_sensitive(key: str) -> bool:
    return key not in _ALLOWED and _SENSITIVE.search(key) is not None


def _safe_value(value: Any, depth: int = 0) -> Any:
    """A JSON-ready copy of an ``extra`` value: bounded in length, depth and item count."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return value if len(value) <= _MAX_STR else value[:_MAX_STR] + "…"
    if depth >= 3:
        return type(value).__name__
    if isinstance(value, dict):
        return {str(k)[:_MAX_STR]: _safe_value(v, depth + 1)
                for k, v in list(value.items())[:_MAX_ITEMS] if not _is_sensitive(str(k))}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else list(value)
        return [_safe_value(v, depth + 1) for v in items[:_MAX_ITEMS]]
    return type(value).__name__


def _exception_fields(exc_info: Any) -> dict[str, Any]:
    """Exception type and frames (file, line, function): never the message or locals."""
    exc_type, _exc, tb = exc_info
    frames = [f"{Path(f.filename).name}:{f.lineno}:{f.name}"
              for f in traceback.extract_tb(tb)[-12:]]
    return {"exc_type": getattr(exc_type, "__name__", str(exc_type)), "exc_frames": frames}


def _timestamp(created: float) -> str:
    """``2026-12-01T12:50:53.832Z`` (UTC, milliseconds)."""
    return dt.datetime.fromtimestamp(created, dt.UTC).isoformat(
        timespec="milliseconds").removesuffix("+00:00") + "Z"


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message, request id and safe extras."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": _timestamp(record.created),
            "level": record.levelname,
            "logger": record.name,
            "msg": _safe_value(record.getMessage()),
            "pid": record.process,
        }
        request_id = getattr(record, "request_id", None)
        if request_id:
            out["request_id"] = request_id
        for key, value in record.__dict__.items():
            if key in _RECORD_FIELDS or key.startswith("_") or _is_sensitive(key):
                continue
            out[key] = _safe_value(value)
        if record.exc_info and record.exc_info[0] is not None:
            out.update(_exception_fields(record.exc_info))
        return orjson.dumps(out, default=str).decode()


class RequestIdFilter(logging.Filter):
    """Stamps ``request_id`` on records made inside a Flask request."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id") and has_request_context():
            record.request_id = g.get("request_id")
        return True


def count_fetch_failure(reason: str) -> None:
    """The ``on_failure`` hook ``fhir.context.gather`` calls for each failed query."""
    try:
        _child(FHIR_FETCH_ERRORS, reason=str(reason).split(" (", 1)[0]).inc()
    except OSError as exc:
        _metrics_failure(exc)


_HANDLER_MARK = "_cds_observability"


def configure_logging(stream: TextIO | None = None, *, json_format: bool = True) -> None:
    """Put one JSON (or text, ``CDS_LOG_FORMAT=text``) handler on the ``cds_service`` logger;
    idempotent."""
    _install_handler(logging.getLogger("cds_service"), stream, RequestIdFilter(),
                     JsonFormatter() if json_format else logging.Formatter(
                         "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
                         defaults={"request_id": "-"}))


def _install_handler(logger: logging.Logger, stream: TextIO | None, log_filter: logging.Filter,
                     formatter: logging.Formatter) -> None:
    """Put one stream handler of ours on ``logger``, replacing the one put there before."""
    for handler in list(logger.handlers):
        if getattr(handler, _HANDLER_MARK, False):
            logger.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    setattr(handler, _HANDLER_MARK, True)
    handler.addFilter(log_filter)
    handler.setFormatter(formatter)
    logger.addHandler(handler)


class _NotOurs(logging.Filter):
    """Passes records of every logger except ``cds_service…`` (which has its own handler)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name == "cds_service" or record.name.startswith("cds_service."))


def configure_process_logging(stream: TextIO | None = None, *, json_format: bool = True,
                              level: str = "WARNING") -> None:
    """Every other logger of the process (libraries, ``warnings``) on one JSON handler too.

    ``cds-service serve`` calls it in the master before forking: with it and the gunicorn
    logger class (``cli/serve.py``), every line the server writes is one JSON object.
    Idempotent.
    """
    root = logging.getLogger()
    _install_handler(root, stream, _NotOurs(), JsonFormatter() if json_format else
                     logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    if root.level == logging.NOTSET or root.level > logging.getLevelName(level.upper()):
        root.setLevel(level.upper())
    logging.captureWarnings(True)


# -- metrics ----------------------------------------------------------------------------

# Counters incremented through ``count`` (by name, from api.py and the callbacks wired here):
#   decision_log_dropped   decision-log rows dropped (queue full, or the database refused them)
#   budget_skipped{what}   items skipped by a per-call budget (draft orders, resources, bytes…)
#   fhir_server_refused    calls whose fhirServer was not on the caller's list (not contacted)
COUNTERS: dict[str, Counter] = {
    "decision_log_dropped": Counter(
        "cds_decision_log_dropped", "Decision-log rows dropped (queue full or write refused)"),
    "budget_skipped": Counter(
        "cds_budget_skipped", "Items skipped by a per-call budget, by what was skipped",
        ["what"]),
    "fhir_server_refused": Counter(
        "cds_fhir_server_refused",
        "Calls whose fhirServer is not on the caller's list (nothing requested from it)"),
}

_metrics_failed = False


def count(name: str, amount: float = 1, **labels: str) -> None:
    """Add ``amount`` to the counter ``name`` of ``COUNTERS``; never raises.

    ``count("budget_skipped", 3, what="draft_orders")``. Storage and the FHIR step report to
    callbacks that ``init_app`` and ``create_app`` wire to this (they never import web).
    """
    if amount <= 0:
        return
    try:
        counter = COUNTERS[name]
        (_child(counter, **labels) if labels else counter).inc(amount)
    except (KeyError, ValueError) as exc:
        log.error("metrics: no counter %s with these labels", name,
                  extra={"error_type": type(exc).__name__})
    except OSError as exc:
        _metrics_failure(exc)


def _metrics_failure(exc: BaseException) -> None:
    """A metrics write failed (e.g. the multiprocess directory is gone): log once, go on.

    Metrics are never worth a failed call: the request is answered either way.
    """
    global _metrics_failed
    if not _metrics_failed:
        _metrics_failed = True
        log.error("metrics write failed; requests are answered without metrics",
                  extra={"error_type": type(exc).__name__})


def _child(metric: Any, **labels: object) -> Any:
    """``metric.labels(...)`` with each value from its declared set (``LABELS``)."""
    return metric.labels(*(_label(name, value) for name, value in labels.items()))


def observe_call(service_id: str, outcome: Any, seconds: float) -> None:
    """The ``AppState.observer`` api.py calls after each evaluated hook call."""
    try:
        _child(SERVICE_CALL_SECONDS, service=service_id).observe(seconds)
        for card in outcome.cards:
            _child(CARDS, service=service_id, rule=card.rule_id).inc()
        for rule_id in outcome.fired:
            _child(DECISIONS, service=service_id, rule=rule_id).inc()
        for resource_type, invalid in outcome.invalid.items():
            _child(INVALID_RESOURCES, resource_type=resource_type).inc(invalid)
    except OSError as exc:
        _metrics_failure(exc)
    for what, skipped in getattr(outcome, "skipped", {}).items():
        count("budget_skipped", skipped, what=what)


def _settled_files(path: str) -> list[str]:
    """The workers' sample files that can be read: a worker being born creates its file
    empty and sizes it an instant later; reading it in between raised (``/metrics`` 500 while
    workers are recycled), and it holds no sample yet anyway."""
    files = []
    for file in Path(path).glob("*.db"):
        try:
            if file.stat().st_size >= 8:
                files.append(str(file))
        except OSError:  # a dead worker's live gauge file removed meanwhile
            continue
    return files


def metrics_text(multiproc_dir: str = "") -> bytes:
    """Prometheus exposition of this process, or of every worker in multiprocess mode
    (``multiproc_dir``: the settings' ``PROMETHEUS_MULTIPROC_DIR``)."""
    if multiproc_dir:
        from prometheus_client import multiprocess

        class _Settled(multiprocess.MultiProcessCollector):
            def collect(self) -> Any:
                return self.merge(_settled_files(multiproc_dir), accumulate=True)

        registry = CollectorRegistry()
        _Settled(registry, path=multiproc_dir)
        return generate_latest(registry)
    return generate_latest()


@bp.get("/metrics")
def metrics() -> Response:
    multiproc_dir = state().settings.prometheus_multiproc_dir
    return Response(metrics_text(multiproc_dir), mimetype=CONTENT_TYPE_LATEST.split(";")[0],
                    headers={"Content-Type": CONTENT_TYPE_LATEST})


@cache
def _openapi_bytes() -> bytes:
    return OPENAPI_PATH.read_bytes()


@bp.get("/openapi.json")
def openapi() -> Response:
    return Response(_openapi_bytes(), mimetype="application/json")


def _request_id() -> str:
    given = request.headers.get(REQUEST_ID_HEADER, "")
    if _REQUEST_ID_OK.fullmatch(given):
        return given
    return os.urandom(16).hex()  # 128 random bits, as uuid4().hex at a fifth of its cost


def init_app(app: Flask, settings: Settings, store: Store) -> None:
    """Register request ids, JSON logging, /metrics and /openapi.json; count dropped rows."""
    configure_logging(json_format=settings.json_logs)
    store.decision_log.on_dropped = lambda rows: count("decision_log_dropped", rows)
    app.register_blueprint(bp)

    @app.before_request
    def _start() -> None:
        g.request_id = _request_id()

    @app.after_request
    def _finish(response: Response) -> Response:
        request_id = g.get("request_id")
        if request_id:
            response.headers[REQUEST_ID_HEADER] = request_id
        if request.endpoint != "observability.metrics":
            try:
                _child(HTTP_REQUESTS, endpoint=request.endpoint or "none",
                       status=response.status_code).inc()
            except OSError as exc:
                _metrics_failure(exc)
        return response
