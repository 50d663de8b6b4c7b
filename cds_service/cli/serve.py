"""``cds-service serve``: the production server, gunicorn with our worker and these defaults.

Workers = cores (at least 2), ``cli/worker.py`` buffering sync workers, one instance id for
every worker (``CDS_INSTANCE_ID``, else random), timeout 30 s / graceful 20 s, recycling after
50,000 ± 5,000 requests, preload, Prometheus multiprocess, no shared control socket, JSON
gunicorn logs (text on a terminal), a busy port refused in one line. Each default's reason:
docs/ARCHITECTURE.md, "Server and worker model".
"""

from __future__ import annotations

import errno
import gc
import os
import secrets
import shutil
import socket
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from gunicorn import glogging

from cds_service.config import (
    DEFAULT_GRACEFUL_TIMEOUT,
    DEFAULT_MAX_REQUESTS,
    DEFAULT_THREADS,
    DEFAULT_WORKER_TIMEOUT,
    Settings,
    env_name,
)
from cds_service.errors import ConfigError

DEFAULT_MAX_REQUESTS_JITTER = 5_000
SHM_DIR = "/dev/shm"  # noqa: S108 - gunicorn makes its heartbeat files there with mkstemp


def default_workers() -> int:
    """One worker per core available to this process, at least 2."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(2, cores)


@dataclass(frozen=True, slots=True)
class MetricsDir:
    """A metrics directory this process made: removed only by this very process (a worker
    leaving unwinds through ``run_gunicorn``'s ``finally`` too, with its own pid)."""

    path: str
    owner_pid: int

    def remove_if_owner(self) -> bool:
        if os.getpid() != self.owner_pid:
            return False
        shutil.rmtree(self.path, ignore_errors=True)
        return True


def prepare_multiprocess_metrics(given: str | None = None) -> MetricsDir | None:
    """Point prometheus_client (not yet imported) at a clean per-server directory; the
    directory if we made it."""
    if given is None:
        given = Settings.from_env().prometheus_multiproc_dir
    if given:
        path = Path(given)
        path.mkdir(parents=True, exist_ok=True)
        for stale in path.glob("*.db"):
            stale.unlink(missing_ok=True)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = given  # prometheus_client reads it
        return None
    created = tempfile.mkdtemp(prefix="cds-prometheus-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = created
    return MetricsDir(created, os.getpid())


class JsonGunicornLogger(glogging.Logger):
    """Gunicorn's own log lines (boot, worker start/exit, signals, errors) as JSON objects,
    like every other line the server writes (``CDS_LOG_FORMAT=text`` keeps gunicorn's)."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        if not Settings.from_env().json_logs:  # serve checked the settings before
            return
        from cds_service.web.observability import JsonFormatter, configure_process_logging

        for logger in (self.error_log, self.access_log):
            for handler in logger.handlers:
                handler.setFormatter(JsonFormatter())
        configure_process_logging(json_format=True)


def _pre_fork(_server: Any, _worker: Any) -> None:
    # The preloaded app (models, terminology, card library) is long-lived: move it out of the
    # cyclic collector's reach so workers neither rescan it on every full collection nor
    # un-share its copy-on-write pages (measured: half the cost of a 5,000-report call).
    gc.freeze()


def _child_exit(_server: Any, worker: Any) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def gunicorn_options(
    *, host: str = "127.0.0.1", port: int = 8080, workers: int = 0,
    threads: int = DEFAULT_THREADS, timeout: int = DEFAULT_WORKER_TIMEOUT,
    graceful_timeout: int = DEFAULT_GRACEFUL_TIMEOUT,
    max_requests: int = DEFAULT_MAX_REQUESTS, preload: bool = True,
    worker_class: str | None = None, control_socket: str = "",
) -> dict[str, Any]:
    """The gunicorn settings ``cds-service serve`` uses (also used by the benchmarks)."""
    options: dict[str, Any] = {
        "bind": f"{host}:{port}",
        "workers": workers or default_workers(),
        "worker_class": worker_class or "cds_service.cli.worker.BufferingWorker",
        "threads": max(1, threads),
        "timeout": timeout,
        "graceful_timeout": graceful_timeout,
        "max_requests": max_requests,
        "max_requests_jitter": min(DEFAULT_MAX_REQUESTS_JITTER, max_requests // 10),
        "preload_app": preload,
        "accesslog": None,
        "logger_class": JsonGunicornLogger,
        "child_exit": _child_exit,
        "pre_fork": _pre_fork,
    }
    if control_socket:
        options["control_socket"] = str(Path(control_socket).resolve())
    else:
        options["control_socket_disable"] = True
    if os.path.isdir(SHM_DIR):
        options["worker_tmp_dir"] = SHM_DIR
    return options


def run_gunicorn(options: dict[str, Any], app_factory: Callable[[], Any] | None = None) -> None:
    """Run gunicorn in this process with ``options`` and the app from ``app_factory``."""
    created = prepare_multiprocess_metrics()
    from gunicorn.app.base import BaseApplication

    if app_factory is None:
        from cds_service import create_app

        app_factory = create_app
    factory = app_factory

    class _App(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return factory()

    try:
        _App().run()
    finally:
        if created is not None:
            created.remove_if_owner()


def check_port_free(host: str, port: int) -> None:
    """``ConfigError`` (one line, exit 2) unless ``host:port`` can be listened on (gunicorn
    would retry a busy port for 5 s, then exit 1 after a dozen log lines)."""
    try:
        family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                      flags=socket.AI_PASSIVE)[0]
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn binds
            probe.bind(address)
    except OSError as err:
        raise ConfigError(f"port {port} on {host} " + (
            "is in use (another program, or another cds-service, listens there): stop it "
            "or choose another --port" if err.errno == errno.EADDRINUSE else
            f"cannot be listened on ({err.strerror or err})")) from None


# option, the Settings field it overrides (CDS_<FIELD>), help
OPTIONS = [("--host", "host", "Address to listen on."),
           ("--port", "port", "Port to listen on."),
           ("--workers", "workers", "Worker processes (0: one per core, at least 2)."),
           ("--threads", "threads", "Threads per worker that answer calls."),
           ("--timeout", "worker_timeout", "Seconds before a silent worker is replaced."),
           ("--graceful-timeout", "graceful_timeout", "Seconds calls in flight get to finish "
            "on HUP/TERM."),
           ("--max-requests", "max_requests", "Recycle a worker after this many requests "
            "(0: never)."),
           ("--control-socket", "control_socket", "Path of this instance's gunicorn control "
            "socket.")]


def _with_options(command: Callable[..., None]) -> Callable[..., None]:
    for flag, name, text in reversed(OPTIONS):
        default = getattr(Settings, name)
        command = click.option(flag, name, type=type(default), default=None, help=text,
                               show_default=f"{env_name(name)} or {default or 'none'}")(command)
    return command


@click.command("serve")
@_with_options
@click.option("--preload/--no-preload", default=True, show_default=True,
              help="Build the app once in the master before forking workers.")
def serve_command(preload: bool, **given: Any) -> None:
    """Run the service under gunicorn (graceful restart on HUP, timeouts, access log off)."""
    # ConfigError: one line, exit 2, before gunicorn starts
    settings = Settings.from_env().service_checked()
    chosen = {name: getattr(settings, name) if given[name] is None else given[name]
              for _, name, _ in OPTIONS}
    check_port_free(chosen["host"], chosen["port"])
    if not settings.instance_id:  # one id for every worker of this server (/health)
        os.environ["CDS_INSTANCE_ID"] = secrets.token_hex(8)
    run_gunicorn(gunicorn_options(timeout=chosen.pop("worker_timeout"), preload=preload,
                                  **chosen))
