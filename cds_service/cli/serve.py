"""``cds-service serve``: the production server (gunicorn) with sensible defaults.

Defaults, each for a measured or stated reason (see ``benchmarks/README.md``):

* **workers = cores** (at least 2): the hook call is CPU-bound Python, so more processes than
  cores only add context switches; two give a spare while one restarts.
* **buffering sync workers** (``cli/worker.py``): gunicorn's sync code behind a loop that
  reads each request whole first (header and body deadlines, the body limit), so slow clients
  hold no worker; one thread answers calls (the call is CPU-bound: sync had 1.3 times the
  throughput of 4 gthread threads, ``benchmarks/README.md``), ``--threads 4`` where EHRs send
  no prefetch (a call waiting on the FHIR server then holds one thread). A quick shutdown (INT,
  QUIT) finishes the call being answered and answers new work 503. The measurements behind the
  choice: ``docs/ARCHITECTURE.md``, "Server and worker model".
* **one instance id**: ``CDS_INSTANCE_ID``, else a random one set here before the workers
  start, so ``/health`` names the same instance from every worker (preloaded or not).
* **timeout 30 s** (a worker stuck longer is killed and replaced; the FHIR deadline is 8 s),
  **graceful_timeout 20 s** (HUP or TERM lets calls in flight finish).
* **max_requests 50,000 ± 5,000**: workers are recycled now and then, staggered.
* **preload_app**: the app (card library, terminology, migrations) is built once in the master
  before forking, so a worker killed with ``kill -9`` is back in milliseconds and a broken
  configuration stops the server at start-up instead of looping worker boots.
* **Prometheus multiprocess**: ``PROMETHEUS_MULTIPROC_DIR`` is set (a fresh temporary
  directory unless given) before the app is imported, so ``/metrics`` adds up every worker;
  a dead worker's gauges are marked on exit. Only the process that created the directory (the
  master) removes it, when the master itself exits: a worker leaving after ``max_requests``
  or on ``kill -HUP`` runs the same stack on its way out and must leave it alone.
* **No shared control socket**: gunicorn (25+) opens a control socket at one per-user path
  (``~/.gunicorn/gunicorn.ctl``), shared by every instance of the user. It is off unless
  ``CDS_CONTROL_SOCKET`` names a path for this instance.
* **Every log line JSON**: gunicorn's own lines (boot, workers, signals) through
  ``JsonGunicornLogger``, other libraries' and ``warnings`` through one root handler.
* Access log off (the service logs one JSON line per hook call, without PHI); ``worker_tmp_dir``
  on ``/dev/shm`` when present, so worker heartbeats never wait on a slow disk.
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
)

DEFAULT_TIMEOUT = DEFAULT_WORKER_TIMEOUT
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
    """A metrics directory this process made: removed only by this very process."""

    path: str
    owner_pid: int

    def remove_if_owner(self) -> bool:
        """Remove the directory when called in the process that made it; True if removed.

        Gunicorn forks workers from inside ``run_gunicorn``; a worker that exits (recycled,
        HUP, timeout) unwinds through the same ``finally`` with its own pid, and removing the
        directory there broke ``/metrics`` and every request of the remaining workers.
        """
        if os.getpid() != self.owner_pid:
            return False
        shutil.rmtree(self.path, ignore_errors=True)
        return True


def prepare_multiprocess_metrics(given: str | None = None) -> MetricsDir | None:
    """Point prometheus_client at a clean per-server directory; the directory if we made it.

    Must run before ``prometheus_client`` is first imported in this process.
    """
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


def _json_logs() -> bool:
    try:
        return Settings.from_env().json_logs
    except ValueError:
        return True


class JsonGunicornLogger(glogging.Logger):  # type: ignore[misc]
    """Gunicorn's own log lines (boot, worker start/exit, signals, errors) as JSON objects,
    like every other line the server writes (``CDS_LOG_FORMAT=text`` keeps gunicorn's)."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        if not _json_logs():
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
    threads: int = DEFAULT_THREADS, timeout: int = DEFAULT_TIMEOUT,
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

    class _App(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return app_factory()

    try:
        _App().run()
    finally:
        if created is not None:
            created.remove_if_owner()


def _or(value: Any, default: Any) -> Any:
    return default if value is None else value


def check_port_free(host: str, port: int) -> None:
    """``ConfigError`` (one line, exit 2) when ``host:port`` cannot be listened on: gunicorn
    itself retries a busy port for 5 s and then exits 1 after a dozen log lines."""
    from cds_service.errors import ConfigError

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        with socket.socket(infos[0][0], socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn binds
            probe.bind(infos[0][4])
    except OSError as err:
        why = ("is in use (another program, or another cds-service, listens there): stop it "
               "or choose another --port") if err.errno == errno.EADDRINUSE else (
            f"cannot be listened on ({err.strerror or err})")
        raise ConfigError(f"port {port} on {host} {why}") from None


@click.command("serve")
@click.option("--host", default=None, show_default="CDS_HOST or 127.0.0.1",
              help="Address to listen on.")
@click.option("--port", type=int, default=None, show_default="CDS_PORT or 8080",
              help="Port to listen on.")
@click.option("--workers", type=int, default=None,
              help="Worker processes (CDS_WORKERS; default: one per core, at least 2).")
@click.option("--threads", type=int, default=None,
              show_default=f"CDS_THREADS or {DEFAULT_THREADS}",
              help="Threads per worker (gthread); 1 gives sync workers.")
@click.option("--timeout", type=int, default=None,
              show_default=f"CDS_WORKER_TIMEOUT or {DEFAULT_WORKER_TIMEOUT}",
              help="Seconds before a silent worker is killed and replaced.")
@click.option("--graceful-timeout", type=int, default=None,
              show_default=f"CDS_GRACEFUL_TIMEOUT or {DEFAULT_GRACEFUL_TIMEOUT}",
              help="Seconds calls in flight get to finish on HUP/TERM.")
@click.option("--max-requests", type=int, default=None,
              show_default=f"CDS_MAX_REQUESTS or {DEFAULT_MAX_REQUESTS}",
              help="Recycle a worker after this many requests (0: never).")
@click.option("--preload/--no-preload", default=True, show_default=True,
              help="Build the app once in the master before forking workers.")
@click.option("--control-socket", default=None, show_default="CDS_CONTROL_SOCKET or none",
              help="Path of this instance's gunicorn control socket (default: none).")
def serve_command(host: str | None, port: int | None, workers: int | None,
                  threads: int | None, timeout: int | None, graceful_timeout: int | None,
                  max_requests: int | None, preload: bool, control_socket: str | None) -> None:
    """Run the service under gunicorn (graceful restart on HUP, timeouts, access log off)."""
    # ConfigError: one line, exit 2, before gunicorn starts
    settings = Settings.from_env().service_checked()
    host, port = _or(host, settings.host), _or(port, settings.port)
    check_port_free(host, port)
    if not settings.instance_id:  # one id for every worker of this server (/health)
        os.environ["CDS_INSTANCE_ID"] = secrets.token_hex(8)
    run_gunicorn(gunicorn_options(
        host=host, port=port, workers=_or(workers, settings.workers),
        threads=_or(threads, settings.threads),
        timeout=_or(timeout, settings.worker_timeout),
        graceful_timeout=_or(graceful_timeout, settings.graceful_timeout),
        max_requests=_or(max_requests, settings.max_requests), preload=preload,
        control_socket=_or(control_socket, settings.control_socket),
    ))
