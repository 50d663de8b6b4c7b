"""The clinical core is pure: nothing in ``cds_service/core`` imports Flask, requests,
SQLAlchemy or prometheus_client (read from the source, so no import order can hide one)."""

from __future__ import annotations

import ast
from pathlib import Path

import cds_service

CORE = Path(cds_service.__file__).parent / "core"
FORBIDDEN = {"flask", "requests", "sqlalchemy", "prometheus_client", "werkzeug", "urllib3",
             "psycopg", "alembic"}
# core may use the package's pure modules only
ALLOWED_PACKAGE_MODULES = ("cds_service.core", "cds_service.errors", "cds_service.hooks.cards")


def _imports(path: Path) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
    return out


def test_core_imports_no_io_framework() -> None:
    found = []
    for path in sorted(CORE.rglob("*.py")):
        for line, module in _imports(path):
            top = module.split(".")[0]
            where = f"{path.relative_to(CORE.parent)}:{line} imports {module}"
            outside = top == "cds_service" and not module.startswith(ALLOWED_PACKAGE_MODULES)
            if top in FORBIDDEN or outside:
                found.append(where)
    assert found == []


def test_no_module_over_500_lines() -> None:
    """A newcomer reads one job per module: none of the package's modules grows past 500 lines."""
    package = Path(cds_service.__file__).parent
    long = [f"{p.relative_to(package)}: {n} lines" for p in sorted(package.rglob("*.py"))
            if (n := len(p.read_text().splitlines())) > 500]
    assert long == []
