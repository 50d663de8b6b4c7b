"""Browser sandbox at ``/sandbox`` (``CDS_SANDBOX=1`` only; never in production): the page, its
static files, the sample bundles (``/sandbox/bundles``, ``/sandbox/bundles/<name>``) and
``POST /sandbox/hook-request`` (a bundle → the hook request body). The page calls the real
``/cds-services`` endpoints itself; every answer carries a strict Content-Security-Policy;
bundle contents are never logged. README, *Try it*.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import orjson
from flask import Blueprint, Flask, Response, current_app, request, send_from_directory

from cds_service.config import DEFAULT_SAMPLE_BUNDLES_DIR, Settings
from cds_service.errors import BadRequest, ErrorCode, NotFound
from cds_service.hooks.bundle import BundleError, hook_request_from_bundle, is_draft_order
from cds_service.hooks.request import ORDER_SELECT, ORDER_SIGN

STATIC_DIR = Path(__file__).resolve().parent / "static"
DEFAULT_BUNDLES_DIR = DEFAULT_SAMPLE_BUNDLES_DIR
HOOKS = (ORDER_SELECT, ORDER_SIGN)
MAX_SELECTIONS = 100
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
# A bundle name is one file name in the bundles directory: no separators, no leading dot.
_BUNDLE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,150}\.json$")
_ACRONYMS = {"ct": "CT", "mri": "MRI", "fna": "FNA", "us": "US", "pet": "PET", "html": "HTML",
             "mr": "MR"}

bp = Blueprint("sandbox", __name__, url_prefix="/sandbox",
               static_folder=str(STATIC_DIR), static_url_path="/static")


def _json(payload: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(payload), status=status, mimetype="application/json")


def bundles_dir() -> Path:
    folder: Path = current_app.extensions["cds_sandbox_bundles"]
    return folder


def title_from_name(name: str) -> str:
    """``positive-biopsy-thigh-mass.json`` -> ``Positive biopsy thigh mass``."""
    words = [w for w in re.split(r"[-_\s]+", name.removesuffix(".json")) if w]
    shown = [_ACRONYMS.get(w.lower(), w) for w in words]
    if shown and shown[0] == words[0]:
        shown[0] = shown[0][:1].upper() + shown[0][1:]
    return " ".join(shown)


def order_display(resource: dict[str, Any]) -> str:
    """What a clinician would read for a draft order: code.text, a display, else the code."""
    code = resource.get("code")
    if isinstance(code, dict):
        if isinstance(code.get("text"), str) and code["text"].strip():
            return code["text"]
        codings = [c for c in code.get("coding") or [] if isinstance(c, dict)]
        for coding in codings:
            if isinstance(coding.get("display"), str) and coding["display"].strip():
                return coding["display"]
        for coding in codings:
            if isinstance(coding.get("code"), str):
                return f"code {coding['code']}"
    return f"ServiceRequest/{resource.get('id', '?')}"


def draft_orders(bundle: Any) -> list[dict[str, str]]:
    """The draft ServiceRequests of a bundle, as ``{id, reference, display}``."""
    out: list[dict[str, str]] = []
    if not isinstance(bundle, dict):
        return out
    for entry in bundle.get("entry") or []:
        res = entry.get("resource") if isinstance(entry, dict) else None
        if isinstance(res, dict) and is_draft_order(res) and isinstance(res.get("id"), str):
            out.append({"id": res["id"], "reference": f"ServiceRequest/{res['id']}",
                        "display": order_display(res)})
    return out


def _bundle_path(name: str) -> Path:
    if not _BUNDLE_NAME.match(name) or ".." in name:
        raise BadRequest("bundle name must be a file name like example.json",
                         code=ErrorCode.BUNDLE_NAME)
    base = bundles_dir().resolve()
    path = (base / name).resolve()
    if path.parent != base or not path.is_file():
        raise NotFound("no sample bundle with that name", code=ErrorCode.UNKNOWN_BUNDLE)
    return path


def _load(path: Path) -> Any:
    try:
        return orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None


@bp.after_request
def _security_headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers.setdefault("Cache-Control", "no-store")
    return response


@bp.get("")
def page() -> Response:
    return send_from_directory(STATIC_DIR, "index.html", max_age=0)


@bp.get("/bundles")
def list_bundles() -> Response:
    base = bundles_dir()
    items = []
    paths = sorted(base.glob("*.json")) if base.is_dir() else []
    for path in paths:
        if not _BUNDLE_NAME.match(path.name):
            continue
        bundle = _load(path)
        if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
            continue
        items.append({"name": path.name, "title": title_from_name(path.name),
                      "draftOrders": draft_orders(bundle)})
    return _json({"bundles": items})


@bp.get("/bundles/<path:name>")
def get_bundle(name: str) -> Response:
    path = _bundle_path(name)
    bundle = _load(path)
    if bundle is None:
        raise BadRequest("sample bundle is not valid JSON", code=ErrorCode.BUNDLE_JSON)
    return _json(bundle)


@bp.post("/hook-request")
def hook_request() -> Response:
    try:  # strict JSON: a lone surrogate (valid for Python's json) could not be answered
        body = orjson.loads(request.get_data()) if request.is_json else None
    except orjson.JSONDecodeError:
        body = None
    if not isinstance(body, dict):
        raise BadRequest('body must be a JSON object {"bundle": …, "hook": …, "selections": …}',
                         code=ErrorCode.JSON)
    hook = body.get("hook", ORDER_SELECT)
    if hook not in HOOKS:
        raise BadRequest(f"hook must be one of {', '.join(HOOKS)}", code=ErrorCode.HOOK)
    selections = body.get("selections")
    if selections is not None and (
        not isinstance(selections, list) or len(selections) > MAX_SELECTIONS
        or not all(isinstance(s, str) and s for s in selections)
    ):
        raise BadRequest('selections must be an array of "ServiceRequest/<id>" strings',
                         code=ErrorCode.SELECTIONS)
    bundle = body.get("bundle")
    try:
        hook_body = hook_request_from_bundle(
            bundle, hook=hook, selections=selections if hook == ORDER_SELECT else None)
    except BundleError as exc:
        raise BadRequest(str(exc), code=ErrorCode.BUNDLE) from exc
    if hook == ORDER_SELECT and selections:
        known = {d["reference"] for d in draft_orders(bundle)}
        if any(s not in known for s in selections):
            raise BadRequest("selections must name draft ServiceRequests of the bundle",
                             code=ErrorCode.SELECTIONS)
    return _json(hook_body)


def init_app(app: Flask, settings: Settings) -> None:
    """Register the sandbox only when ``settings.sandbox`` is on."""
    if settings.sandbox:
        configured = settings.extra.get("sample_bundles_dir")
        app.extensions["cds_sandbox_bundles"] = Path(configured or DEFAULT_BUNDLES_DIR)
        app.register_blueprint(bp)
