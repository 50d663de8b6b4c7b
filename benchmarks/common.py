"""What every benchmark part shares: the machine and its load, the in-process app, and the
gunicorn server each HTTP run talks to."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import platform
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIG_BODY = 64 * 1024 * 1024
ISSUER = "https://ehr.example.org/fhir"
# With authentication on the service refuses to start without a patient-hash key kept outside
# the database; every service run of a benchmark gets the same one, with JWT or without.
BENCH_HASH_KEY = "benchmark-patient-hash-key-not-a-secret"


# -- the machine ----------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem_gb = None
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    return {"nproc": os.cpu_count(), "cpu_model": model, "mem_gb": mem_gb,
            "python": platform.python_version(), "platform": platform.platform(),
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}


def _cpu_times() -> tuple[int, int]:
    """(idle, total) jiffies of every core since boot."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return idle, sum(fields[:8])


def load_now(sample: float = 1.0) -> dict[str, Any]:
    """Load averages, and the share of the cores that sat idle over the next ``sample``
    seconds (what else is running, before a part starts)."""
    one, five, fifteen = os.getloadavg()
    out: dict[str, Any] = {"at": dt.datetime.now(dt.UTC).strftime("%H:%M:%S"),
                           "loadavg": [round(one, 2), round(five, 2), round(fifteen, 2)]}
    if sample > 0:
        with contextlib.suppress(OSError, ValueError, IndexError):
            idle0, total0 = _cpu_times()
            time.sleep(sample)
            idle1, total1 = _cpu_times()
            if total1 > total0:
                out["idle_pct"] = round(100 * (idle1 - idle0) / (total1 - total0), 1)
    return out


def load_text(load: dict[str, Any]) -> str:
    text = f"{load['at']} UTC load average {' '.join(str(x) for x in load['loadavg'])}"
    if "idle_pct" in load:
        text += f", cores {load['idle_pct']:.0f}% idle"
    return text


def rss_mb(pid: int | str = "self") -> float:
    pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def say(line: str) -> None:
    """One progress line, on stdout (flushed), so ``… | tee run.log`` keeps everything."""
    print(line, flush=True)


# -- the app in-process -----------------------------------------------------------------------


def quiet_logs() -> None:
    """Keep the service's JSON log lines (one per call) out of the benchmark's output."""
    from cds_service.web import observability

    observability.configure_logging(open(os.devnull, "w"))  # noqa: SIM115 - lives all run


def make_app(tmp: str, **extra: Any) -> Any:
    from cds_service import create_app

    config = {"allow_unauthenticated": True, "database_url": f"sqlite:///{tmp}/bench.db",
              "max_body_bytes": BIG_BODY, "patient_hash_key": BENCH_HASH_KEY, **extra}
    app = create_app(config)
    quiet_logs()
    logging.getLogger("cds_service").setLevel("INFO")
    return app


# -- gunicorn ---------------------------------------------------------------------------------


class ServerFailed(RuntimeError):
    """A benchmark server did not come up; the message ends with its log's last lines."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log_tail(path: Path, lines: int = 12) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no log)"
    kept = [ln[:300] for ln in text.splitlines() if ln.strip()][-lines:]
    return "\n    ".join(kept) or "(empty log)"


@contextlib.contextmanager
def gunicorn(kind: str, env: dict[str, str], workers: int, threads: int,
             log_path: Path, *, public_base_url: bool = False,
             start_timeout: float = 60.0) -> Iterator[int]:
    """A gunicorn subprocess (``benchmarks.server``) on a free loopback port, stopped on exit.

    Raises ``ServerFailed`` (with the end of its log) when it exits or does not answer
    ``/health`` within ``start_timeout`` seconds."""
    port = free_port()
    if public_base_url:  # the JWT ``aud`` names this port
        env = {**env, "CDS_PUBLIC_BASE_URL": f"http://127.0.0.1:{port}"}
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log_file:
        log_file.write(f"=== {kind} on port {port}\n".encode())
        log_file.flush()
        proc = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.server", kind, str(port), str(workers),
             str(threads)], cwd=ROOT, env={**os.environ, **env}, stdout=log_file,
            stderr=log_file)
        try:
            deadline = time.monotonic() + start_timeout
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1):
                        break
                except OSError:
                    if proc.poll() is not None:
                        raise ServerFailed(
                            f"gunicorn ({kind}) exited with {proc.returncode} before answering;"
                            f" {log_path}:\n    {log_tail(log_path)}") from None
                    if time.monotonic() > deadline:
                        raise ServerFailed(
                            f"gunicorn ({kind}) did not answer /health in {start_timeout:.0f} s;"
                            f" {log_path}:\n    {log_tail(log_path)}") from None
                    time.sleep(0.2)
            yield port
        finally:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
