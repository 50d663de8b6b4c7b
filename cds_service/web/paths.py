"""One route per endpoint: ``/cds-services`` paths as clients really write them.

A discovery URL configured with a trailing slash (``https://host/cds-services/``) is common in
EHR set-ups, and clients then build service URLs by appending ``/{id}`` to it, which gives
``/cds-services//{id}`` and ``/cds-services//{id}/feedback``. Werkzeug answers the first with
404 and the others with a 308 redirect, which a browser client cannot follow: a CORS request
that needs a preflight is not allowed to be redirected. This WSGI middleware routes such
paths as their canonical form (repeated slashes collapsed, a trailing slash dropped) without a
redirect, and keeps the path as called in ``environ[PATH_AS_CALLED]``: the JWT ``aud`` names
the URL the client called (see ``web.auth.expected_audience``).

Only paths under ``/cds-services`` are touched; everything else routes as Werkzeug does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

PREFIX = "/cds-services"
PATH_AS_CALLED = "cds_service.path_as_called"
_SLASHES = re.compile(r"/{2,}")

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def canonical_path(path: str) -> str:
    """``/cds-services//x/`` -> ``/cds-services/x``; paths outside ``/cds-services`` as given."""
    collapsed = _SLASHES.sub("/", path)
    if collapsed != PREFIX and not collapsed.startswith(PREFIX + "/"):
        return path
    return collapsed.rstrip("/") or "/"


class CanonicalServicePaths:
    """Wrap ``app.wsgi_app``: route ``/cds-services`` paths by their canonical form."""

    def __init__(self, wsgi_app: WsgiApp) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict[str, Any],
                 start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or ""
        canonical = canonical_path(path)
        if canonical != path:
            environ[PATH_AS_CALLED] = path
            environ["PATH_INFO"] = canonical
        return self.wsgi_app(environ, start_response)
