"""The first hour (issue 20 §1, §2, §4, §5): a busy port is one line and exit 2, ready means this
very instance answers, `-h` is help and never a ready line, logs are text on a terminal, the
first install shows progress."""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_first_run import CLI, READY, RUN, Run, free_port

pytestmark = pytest.mark.skipif(not CLI.exists(), reason="needs .venv/bin/cds-service: run "
                                "./scripts/run once (it makes .venv and installs the service)")
BUSY = "is in use (another program, or another cds-service, listens there)"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CDS_")}
    return {**env, "CDS_ALLOW_UNAUTHENTICATED": "1", "CDS_LOG_LEVEL": "WARNING", **extra}


def test_serve_on_a_busy_port_says_so_in_one_line_and_exits_2(tmp_path: Path) -> None:
    with socket.socket() as other:  # another program holds the port
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        started = time.monotonic()
        done = subprocess.run([str(CLI), "serve", "--port", str(port), "--workers", "1"],
                              env=_env(DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}"),
                              capture_output=True, text=True, timeout=60)
        took = time.monotonic() - started
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"Error: port {port} on 127.0.0.1 {BUSY}: stop it or choose another --port"]
    print(f"one-line port error after {took:.2f} s")


def test_a_second_run_on_the_same_port_never_says_ready(tmp_path: Path) -> None:
    port = free_port()
    first = Run(tmp_path, port)
    try:
        assert READY.match(first.ready_line(timeout=240))
        second = Run(tmp_path, port)
        assert second.proc.wait(timeout=60) == 2
        for helper in ("-h", "--help"):  # help while the port is taken: usage, no ready line
            shown = subprocess.run([str(RUN), helper, "--port", str(port)], cwd=tmp_path,
                                   capture_output=True, text=True, timeout=120)
            assert shown.returncode == 0, shown.stderr
            assert "cds-service ready:" not in shown.stdout
            assert "Usage: cds-service serve" in shown.stdout and "--port" in shown.stdout
        # its one line arrived whole before the pipe closed (the reader thread ends with it)
        deadline = time.monotonic() + 10
        while not second.err and time.monotonic() < deadline:
            time.sleep(0.05)
        assert second.out == []
        assert [e.rstrip("\n") for e in second.err][-1:] == [
            f"Error: port {port} on 127.0.0.1 {BUSY}: stop it or choose another --port"]
        assert not any(e.startswith("{") for e in first.err), "scripts/run logs as text"
        assert any("CDS_ALLOW_UNAUTHENTICATED is set" in e for e in first.err)
    finally:
        assert first.stop() == 0


def _first_lines(command: list[str], env: dict[str, str], *, terminal: bool,
                 until: str = "CDS_ALLOW_UNAUTHENTICATED is set") -> str:
    """stderr of ``command`` (on a pseudo-terminal or a pipe) up to ``until`` (by default its
    unauthenticated warning); the server is stopped then."""
    master, slave = pty.openpty() if terminal else os.pipe()
    proc = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=slave, start_new_session=True)
    os.close(slave)
    seen = b""
    try:
        while until.encode() not in seen:
            ready, _, _ = select.select([master], [], [], 120)
            chunk = os.read(master, 65536) if ready else b""
            assert chunk, f"no {until!r}; stderr: {seen[-2000:]!r}"
            seen += chunk
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        os.close(master)
    return seen.decode(errors="replace")


@pytest.mark.parametrize(("terminal", "chosen", "json_lines"), [
    (True, None, False), (False, None, True), (True, "json", True), (False, "text", False)])
def test_logs_are_text_on_a_terminal_and_json_elsewhere_unless_chosen(
        tmp_path: Path, terminal: bool, chosen: str | None, json_lines: bool) -> None:
    env = _env(DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}")
    if chosen:
        env["CDS_LOG_FORMAT"] = chosen
    text = _first_lines([str(CLI), "serve", "--port", str(free_port()), "--workers", "1"],
                        env, terminal=terminal)
    warning = next(line for line in text.splitlines() if "CDS_ALLOW_UNAUTHENTICATED" in line)
    assert warning.startswith("{") is json_lines, warning


def test_the_first_install_shows_progress(tmp_path: Path) -> None:
    """scripts/run in a copy of the repository whose .venv python stands in for pip: its
    progress lines reach the terminal (pip's --quiet would silence them for 47 s)."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(RUN, tmp_path / "scripts" / "run")
    for name in ("pyproject.toml", "setup.py"):
        shutil.copy(ROOT / name, tmp_path / name)
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").write_text(
        '#!/bin/sh\n[ "$1" = -V ] && { echo "Python 3.11.2"; exit 0; }\n'
        'case " $* " in *" --quiet "*|*" -q "*) exit 0;; esac\n'
        'for p in flask gunicorn sqlalchemy; do echo "Collecting $p"; done\n'
        'echo "Requirement already satisfied: click"\n'
        'echo "Installing collected packages: flask, gunicorn, sqlalchemy"\n')
    (bin_dir / "cds-service").write_text('#!/bin/sh\necho "Usage: cds-service serve"\n')
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    done = subprocess.run([str(tmp_path / "scripts" / "run"), "-h"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Collecting gunicorn" in done.stderr and "Installing collected" in done.stderr
    assert "already satisfied" not in done.stderr


def _cli(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CLI), *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env=_env(CDS_LOG_LEVEL="ERROR",
                                                DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}"))


def test_try_says_where_it_runs_and_where_the_guidance_is(tmp_path: Path) -> None:
    done = _cli("try", "sample_bundles/positive-biopsy-thigh-mass.json", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "[WARNING]" in done.stdout
    said = done.stderr.splitlines()[0]
    assert said.startswith("in-process (no server"), said
    assert Path(said.rsplit(": ", 1)[1]).read_text().startswith("# Calcification on MRI")


def test_try_gives_each_error_one_plain_line(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text('{"resourceType": "Bundle",')
    done = _cli("try", str(tmp_path / "broken.json"), str(tmp_path / "missing.json"),
                "sample_bundles/negated-report-biopsy.json", tmp_path=tmp_path)
    assert done.returncode == 1
    shown = [line for line in done.stdout.splitlines() if line.strip()]
    assert shown[:2] == [f"== {tmp_path / 'broken.json'}: not JSON (unexpected end of data: "
                         "line 1 column 27 (char 26))",
                         f"== {tmp_path / 'missing.json'}: No such file or directory"]
    assert "no cards" in shown[-1] and "HTTP" not in done.stdout
    port = free_port()  # nothing listens there
    for url, line in ((f"http://127.0.0.1:{port}", f"Error: cannot connect to "
                       f"http://127.0.0.1:{port} (is the service running there? "
                       "./scripts/run starts one)"),
                      (f"127.0.0.1:{port}", f"Error: --url '127.0.0.1:{port}' is not an "
                       "http(s) URL, e.g. http://127.0.0.1:8080")):
        done = _cli("try", "--url", url, "sample_bundles/negated-report-biopsy.json",
                    tmp_path=tmp_path)
        assert done.returncode == 1
        assert done.stderr.splitlines()[-1] == line and done.stdout == ""
        assert "Traceback" not in done.stderr and "HTTPConnectionPool" not in done.stderr


@pytest.mark.parametrize("command", [[], ["serve"], ["try"], ["findings"], ["report"],
                                     ["init-db"], ["purge"], ["token"], ["keys"],
                                     ["keys", "new"]])
def test_dash_h_is_help_everywhere(command: list[str]) -> None:
    done = subprocess.run([str(CLI), *command, "-h"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: ")


def test_the_readme_findings_example_runs_as_written_and_help_names_the_formats() -> None:
    readme = (ROOT / "README.md").read_text()
    command = next(line.split("`")[1] for line in readme.splitlines()
                   if "cds-service findings" in line and line.lstrip().startswith("- **"))
    done = subprocess.run(command, shell=True, cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["calcification"] == "present"
    shown = subprocess.run([str(CLI), "findings", "-h"], capture_output=True, text=True,
                           timeout=60).stdout
    assert all(word in shown for word in ('{"id": "r1", "text":', "DiagnosticReport",
                                         '"calcification"', '"mentions"', '"error"'))
