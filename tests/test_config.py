"""One Settings: every environment variable read in config.py, listed in the README, checked."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import cds_service
from cds_service.config import Settings
from cds_service.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(cds_service.__file__).parent
CLI = Path(sys.executable).with_name("cds-service")


def test_environment_is_read_only_in_config_py() -> None:
    readers = []
    pattern = re.compile(r"os\.environ(\.get|\[[^\]]*\](?!\s*=))|os\.getenv|\bgetenv\(")
    for path in PACKAGE.rglob("*.py"):
        if path.name == "config.py" and path.parent == PACKAGE:
            continue
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if pattern.search(line):
                readers.append(f"{path.relative_to(PACKAGE)}:{n}")
    assert readers == []


def test_readme_settings_table_lists_exactly_the_variables_read() -> None:
    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Settings (environment variables)", 1)[1].split("\n## ", 1)[0]
    listed = set()
    for line in table.splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            listed.update(re.findall(r"`([A-Z_]+)`", first_cell))
    assert listed == set(Settings.env_names())


def test_values_are_parsed_and_wrong_ones_named() -> None:
    s = Settings.from_env({"CDS_PORT": "9000", "CDS_SANDBOX": "yes", "CDS_LOG_FORMAT": "text",
                           "CDS_FHIR_TOTAL_TIMEOUT": "2.5", "DATABASE_URL": "sqlite://"})
    assert (s.port, s.sandbox, s.json_logs, s.fhir_total_timeout, s.database_url) == (
        9000, True, False, 2.5, "sqlite://")
    for env, needle in [({"CDS_PORT": "eighty"}, "CDS_PORT must be an integer"),
                        ({"CDS_SANDBOX": "maybe"}, "CDS_SANDBOX must be"),
                        ({"CDS_FHIR_READ_TIMEOUT": "soon"}, "CDS_FHIR_READ_TIMEOUT must be a"),
                        ({"CDS_LOG_FORMAT": "xml"}, "CDS_LOG_FORMAT must be one of"),
                        ({"CDS_LOG_LEVEL": "LOUD"}, "CDS_LOG_LEVEL must be one of"),
                        ({"CDS_SHADOW": "1"}, "CDS_SHADOW is replaced by CDS_RULE_MODES")]:
        with pytest.raises(ConfigError, match=needle):
            Settings.from_env(env)


def _run(args: list[str], env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith("CDS_")}
    return subprocess.run([str(CLI), *args], env={**base, **env}, cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(("args", "env", "needle"), [
    (["serve"], {"CDS_PORT": "eighty"}, "CDS_PORT must be an integer"),
    (["serve", "--port", "0"], {"CDS_TRUSTED_ISSUERS": "{not json",
                                "CDS_PUBLIC_BASE_URL": "https://cds.example.org",
                                "CDS_PATIENT_HASH_KEY": "k" * 64},
     "CDS_TRUSTED_ISSUERS is not valid JSON"),
    (["serve"], {}, "CDS_PUBLIC_BASE_URL is required when authentication is on"),
    (["serve"], {"CDS_PUBLIC_BASE_URL": "https://cds.example.org"},
     "CDS_PATIENT_HASH_KEY or CDS_PATIENT_HASH_KEY_FILE is required"),
    (["serve"], {"CDS_PUBLIC_BASE_URL": "https://cds.example.org",
                 "CDS_PATIENT_HASH_KEY_FILE": "/nonexistent/patient-hash.key"},
     "CDS_PATIENT_HASH_KEY_FILE: cannot read /nonexistent/patient-hash.key"),
    (["report"], {"CDS_LOG_FORMAT": "xml"}, "CDS_LOG_FORMAT must be one of"),
    (["init-db"], {"CDS_WORKERS": "many"}, "CDS_WORKERS must be an integer"),
])
def test_configuration_errors_are_one_line_and_exit_2(args: list[str], env: dict[str, str],
                                                       needle: str, tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'cds.db'}", **env}
    result = _run(args, env, tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], result.stderr
