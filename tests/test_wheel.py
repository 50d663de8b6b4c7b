"""The wheel carries everything the service needs: built from the checkout, installed into a
fresh virtual environment outside it, and run from another directory.

This is the check that ``pip install .`` (not editable) gives a working service: card YAML,
data tables, migrations, static files, the guidance document and the sample bundles are
package data, and the default database lives outside site-packages. It builds a wheel (about
15 s) and installs it with its dependencies from the pip cache (about 30 s), once per run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = "positive-biopsy-thigh-mass.json"
EXPECTED = json.loads((ROOT / "tests" / "sample_bundle_expectations.json").read_text())


def _run(args: list[str], *, cwd: Path, env: dict[str, str] | None = None,
         timeout: float = 300) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, f"{' '.join(args)}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("wheel")
    started = time.monotonic()
    # Build from a clean copy: an in-tree build would leave build/ behind, and a stale
    # build/ could ship a card that was deleted since.
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "*.egg-info", "__pycache__", "instance", ".hypothesis",
        ".ruff_cache", ".pytest_cache", "*.db", "*.db-*"))
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir",
          str(base / "dist"), str(source)], cwd=base)
    built = time.monotonic()
    (wheel,) = (base / "dist").glob("cds_service-*.whl")
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], cwd=base)
    _run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-compile",
          str(wheel)],
         cwd=base, timeout=600)
    print(f"\nwheel: built in {built - started:.1f} s, installed with dependencies in "
          f"{time.monotonic() - built:.1f} s", file=sys.stderr)
    home = base / "home"
    home.mkdir()
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    return {"venv": venv, "home": home, "cwd": elsewhere}


def _env(home: Path) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items()
            if not k.startswith(("CDS_", "PYTHON")) and k not in ("DATABASE_URL", "VIRTUAL_ENV")}
    return {**keep, "HOME": str(home)}


def _installed_python(installed: dict[str, Path], code: str) -> str:
    return _run([str(installed["venv"] / "bin" / "python"), "-c", code],
                cwd=installed["cwd"], env=_env(installed["home"])).stdout.strip()


def test_the_installed_package_is_the_wheel_and_carries_its_content(
        installed: dict[str, Path]) -> None:
    where = Path(_installed_python(installed, "import cds_service; print(cds_service.__file__)"))
    assert ROOT not in where.parents and installed["venv"] in where.parents
    package = where.parent
    for path in ("bundled/cards/biopsy-calcified-mass.yaml", "bundled/cards/_source.yaml",
                 f"bundled/sample_bundles/{BUNDLE}", "data/anatomy.json",
                 "data/terminology/cpt.csv", "storage/migrations/env.py",
                 "sandbox/static/index.html", "web/openapi.json", "web/guidance.md"):
        assert (package / path).is_file(), path
    assert _installed_python(
        installed, "from cds_service.config import DEFAULT_CARDS_DIR; print(DEFAULT_CARDS_DIR)"
    ) == str(package / "bundled" / "cards")


def test_license_metadata_is_an_spdx_expression_with_its_file(
        installed: dict[str, Path]) -> None:
    meta = _installed_python(installed, "import importlib.metadata as m; "
                             "d = m.distribution('cds-service'); print(d.read_text('METADATA'))")
    assert "License-Expression: LicenseRef-Proprietary" in meta
    assert "License-File: LICENSE" in meta
    assert "\nLicense: " not in meta  # the deprecated free-text field (a TOML table) is gone


def test_try_on_a_sample_bundle_from_another_directory(installed: dict[str, Path]) -> None:
    venv, home, cwd = installed["venv"], installed["home"], installed["cwd"]
    bundle = venv.parent / BUNDLE  # a copy outside both the checkout and the package
    bundle.write_bytes((ROOT / "sample_bundles" / BUNDLE).read_bytes())
    result = _run([str(venv / "bin" / "cds-service"), "try", str(bundle), "--json"],
                  cwd=cwd, env=_env(home))
    response = json.loads(result.stdout)
    assert response["status"] == 200
    cards = response["response"]["cards"]
    assert len(cards) == len(EXPECTED[BUNDLE]["order-select"]) == 1
    assert "CT" in cards[0]["summary"]
    print(f"cds-service try (installed wheel): {cards[0]['summary']}", file=sys.stderr)


def test_default_database_is_outside_site_packages(installed: dict[str, Path]) -> None:
    venv, home, cwd = installed["venv"], installed["home"], installed["cwd"]
    result = _run([str(venv / "bin" / "cds-service"), "init-db"], cwd=cwd, env=_env(home))
    database = home / ".local" / "share" / "cds-service" / "cds_service.db"
    assert str(database) in result.stdout
    assert database.is_file()
    assert not list(venv.rglob("*.db"))
