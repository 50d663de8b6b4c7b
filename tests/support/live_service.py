"""The service on a real loopback port (werkzeug, threaded), for tests that speak HTTP to it."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

from flask import Flask
from werkzeug.serving import make_server

from tests.support.cds_auth import close_app, make_app


@contextlib.contextmanager
def serving(app: Flask) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 (port chosen by the OS); yield its base URL; stop it after."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        close_app(app)


@contextlib.contextmanager
def serving_config(config: dict[str, Any]) -> Iterator[str]:
    """Like ``serving``, for an app built from ``config`` whose ``public_base_url`` is the
    address it is served at (the port is chosen first; authentication needs the URL)."""
    server = make_server("127.0.0.1", 0, Flask("placeholder"), threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    app = make_app({**config, "public_base_url": base})
    server.app = app
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        close_app(app)
