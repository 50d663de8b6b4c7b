"""``cds-service serve``: the production server (gunicorn) with sensible defaults."""

from __future__ import annotations

import os
from typing import Any

import click


def default_workers() -> int:
    return max(2, os.cpu_count() or 1)


def run_gunicorn(options: dict[str, Any]) -> None:
    """Run gunicorn in this process with ``options`` and the app from ``create_app``."""
    from gunicorn.app.base import BaseApplication

    from . import create_app

    class _App(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return create_app()

    _App().run()


@click.command("serve")
@click.option("--host", default=lambda: os.environ.get("CDS_HOST", "127.0.0.1"),
              show_default="CDS_HOST or 127.0.0.1", help="Address to listen on.")
@click.option("--port", type=int, default=lambda: int(os.environ.get("CDS_PORT", "8080")),
              show_default="CDS_PORT or 8080", help="Port to listen on.")
@click.option("--workers", type=int, default=lambda: int(os.environ.get("CDS_WORKERS", "0")),
              help="Worker processes (CDS_WORKERS; default: one per core, at least 2).")
@click.option("--threads", type=int, default=lambda: int(os.environ.get("CDS_THREADS", "4")),
              show_default="CDS_THREADS or 4", help="Threads per worker.")
def serve_command(host: str, port: int, workers: int, threads: int) -> None:
    """Run the service under gunicorn (graceful restart on HUP, timeouts, access log off)."""
    run_gunicorn({
        "bind": f"{host}:{port}",
        "workers": workers or default_workers(),
        "worker_class": "gthread" if threads > 1 else "sync",
        "threads": threads,
        "timeout": 30,
        "graceful_timeout": 20,
        "keepalive": 5,
        "max_requests": 50_000,
        "max_requests_jitter": 5_000,
        "preload_app": False,
        "accesslog": None,
    })
