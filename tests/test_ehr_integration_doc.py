"""docs/ehr-integration.md: every shell block runs, in the order written, as one script
against the real service it starts on loopback (its port 8090 replaced by a free one)."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

DOC = ROOT / "docs" / "ehr-integration.md"
CLI = ROOT / ".venv" / "bin" / "cds-service"
BLOCK = re.compile(r"^```sh\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def shell_blocks() -> list[str]:
    return BLOCK.findall(DOC.read_text())


def test_the_doc_has_the_commands_an_integration_needs() -> None:
    script = "\n".join(shell_blocks())
    for command in ("cds-service keys new", "cds-service token", "cds-service serve",
                    "cds-service try --url", "--sign-with", "cds-service report --html",
                    "CDS_TERMINOLOGY_DIR=", "/feedback"):
        assert command in script, command


@pytest.mark.skipif(not CLI.exists(), reason="needs the repository's .venv")
@pytest.mark.skipif(not Path("/usr/bin/curl").exists(), reason="needs curl")
def test_every_documented_command_runs(tmp_path: Path) -> None:
    port = free_port()
    script = "set -euo pipefail\n" + "\n".join(
        f"echo '>>> block {n}'\n{block}" for n, block in enumerate(shell_blocks(), 1))
    assert "8080" not in script  # scripts/run's port: the guide runs beside it
    script = script.replace("8090", str(port))
    work = tmp_path / "repo"  # the commands' working directory: the repository's layout
    work.mkdir()
    for name in (".venv", "sample_bundles", "docs", "cards", "scripts"):
        (work / name).symlink_to(ROOT / name)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("CDS_") and k != "DATABASE_URL"}
    env["CDS_LOG_LEVEL"] = "WARNING"
    proc = subprocess.Popen(["bash", "-c", script], cwd=work, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=180)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        # the served process, should the script have failed before `kill %1`
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
    assert proc.returncode == 0, f"stdout:\n{out[-3000:]}\nstderr:\n{err[-3000:]}"
    blocks = out.split(">>> block ")
    by_number = {int(b.split("\n", 1)[0]): b.split("\n", 1)[1] for b in blocks[1:]}
    assert '"id":"noncontrast-ct-first-select"' in by_number[3].replace(" ", "")
    assert "[WARNING]" in by_number[4] and "suggestion: Order CT" in by_number[4]
    assert "replayed-jti" in by_number[5]
    assert "[WARNING]" in by_number[6]  # the local order code, read from the site's table
    assert "per ordering session" in by_number[8]
    assert "urn:cds-service:override-reason|ct-already-done" in by_number[8]
    assert "wrote report.html" in err
    assert sorted(p.name for p in work.iterdir()) == sorted(
        [".venv", "sample_bundles", "docs", "cards", "scripts"])  # the last block tidied up
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0, "the example service is still running"
