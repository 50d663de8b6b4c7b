"""First run: scripts/run installs only when pyproject.toml changed, prints one ready line
whose URLs answer, and stops on TERM; the README's concrete commands work as written."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path
from typing import IO

import pytest
import requests

from tests.conftest import ROOT

RUN = ROOT / "scripts" / "run"
CLI = ROOT / ".venv" / "bin" / "cds-service"
READY = re.compile(r"^cds-service ready: service (\S+) · sandbox (\S+) · docs (\S+), (\S+)$")

pytestmark = pytest.mark.skipif(not CLI.exists(), reason="needs the repository's .venv")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _drain(stream: IO[str], sink: list[str]) -> None:
    """Keep every line of ``stream`` in ``sink`` until it ends, then close it."""
    with stream:
        sink.extend(stream)


class Run:
    """scripts/run in its own process group; stdout and stderr collected by threads."""

    def __init__(self, tmp_path: Path, port: int, *args: str, **environ: str) -> None:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'run.db'}",
               "CDS_LOG_LEVEL": "WARNING"}
        for name in ("CDS_ALLOW_UNAUTHENTICATED", "CDS_SANDBOX", "CDS_PORT", "CDS_HOST",
                     "CDS_LOG_FORMAT", "CDS_INSTANCE_ID"):
            env.pop(name, None)
        self.proc = subprocess.Popen([str(RUN), "--port", str(port), "--workers", "1", *args],
                                     cwd=tmp_path, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True,
                                     env={**env, **environ}, start_new_session=True)
        self.out: list[str] = []
        self.err: list[str] = []
        for stream, sink in ((self.proc.stdout, self.out), (self.proc.stderr, self.err)):
            threading.Thread(target=_drain, args=(stream, sink), daemon=True).start()

    def ready_line(self, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.out:
                return self.out[0].rstrip("\n")
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        pytest.fail(f"no ready line; stderr: {''.join(self.err)[-2000:]}")

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # to scripts/run only: it stops the server
        try:
            return self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
            raise


def test_scripts_run_prints_one_ready_line_and_installs_only_once(tmp_path: Path) -> None:
    port = free_port()
    first = Run(tmp_path, port)
    try:
        line = first.ready_line(timeout=240)  # may install on a fresh checkout
    finally:
        assert first.stop() == 0
    match = READY.match(line)
    assert match, line
    base = f"http://127.0.0.1:{port}"
    assert match.groups() == (f"{base}/cds-services", f"{base}/sandbox", f"{base}/guidance",
                              f"{base}/openapi.json")
    assert len(first.out) == 1  # nothing else on stdout

    second = Run(tmp_path, port)
    try:
        line = second.ready_line(timeout=120)
        for url in READY.match(line).groups():  # type: ignore[union-attr]
            assert requests.get(url, timeout=10).status_code == 200, url
    finally:
        assert second.stop() == 0
    assert not any("installing" in e for e in second.err), "installed again with no change"
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0, "server still listening after TERM"


README_COMMANDS = [
    ".venv/bin/cds-service try sample_bundles/positive-biopsy-thigh-mass.json",
    ".venv/bin/cds-service try sample_bundles/*.json",
]


@pytest.mark.parametrize("command", README_COMMANDS)
def test_readme_commands_work_as_written(command: str) -> None:
    assert f"`{command}`" in (ROOT / "README.md").read_text()
    done = subprocess.run(command, shell=True, cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "CDS_LOG_LEVEL": "ERROR"})
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "[WARNING]" in done.stdout
