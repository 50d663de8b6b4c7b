"""The package's layers, read from the source (every import: module level, function level and
under ``TYPE_CHECKING``, so no import order can hide one).

- The clinical core is pure: nothing in ``cds_service/core`` imports Flask, requests,
  SQLAlchemy or prometheus_client.
- Layers only point down (``LAYERS``), and no two modules import each other, however far round.
- ``docs/ARCHITECTURE.md`` names every file of the package with its job.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import cds_service

PACKAGE = Path(cds_service.__file__).parent
FORBIDDEN = {"flask", "requests", "sqlalchemy", "prometheus_client", "werkzeug", "urllib3",
             "psycopg", "alembic"}
# core may use the package's pure modules only
ALLOWED_PACKAGE_MODULES = ("cds_service.core", "cds_service.errors", "cds_service.hooks.cards")
# Bottom up: a module imports its own layer or a lower one; layers of one rank not each other.
LAYERS = (
    ("cds_service.errors",),  # the one error tree
    ("cds_service.config",),  # Settings: the one reader of the environment
    ("cds_service.hooks",),  # CDS Hooks wire types: request, services, outgoing cards, limits
    ("cds_service.core",),  # the clinical core (pure)
    ("cds_service.fhir", "cds_service.storage"),  # fetching; the database
    ("cds_service.pipeline",),  # a call's run of the core stages, the one cache
    ("cds_service.web", "cds_service.sandbox"),  # HTTP (Flask); the browser sandbox
    ("cds_service",),  # create_app (the package's __init__ only)
    ("cds_service.cli",),  # the cds-service command
)


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path, name: str = "") -> list[tuple[int, str]]:
    """(line, module) of every import anywhere in the file; ``from a import b`` names a.b when
    that is a module of the package."""
    name = name or _name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([node.module] if node.module else []))
            out += [(node.lineno, f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base)
                    for a in node.names]
    return out


def _layer(module: str) -> tuple[int, str] | None:
    """(rank, layer) of a module of the package: the longest layer name it falls under."""
    found = [(rank, layer) for rank, layers in enumerate(LAYERS) for layer in layers
             if module == layer or (layer != "cds_service" and module.startswith(layer + "."))]
    return max(found, key=lambda f: len(f[1])) if found else None


def test_core_imports_no_io_framework() -> None:
    found = []
    for path in sorted((PACKAGE / "core").rglob("*.py")):
        for line, module in _imports(path):
            top = module.split(".")[0]
            where = f"{path.relative_to(PACKAGE)}:{line} imports {module}"
            outside = top == "cds_service" and not module.startswith(ALLOWED_PACKAGE_MODULES)
            if top in FORBIDDEN or outside:
                found.append(where)
    assert found == []


def test_every_module_has_a_layer() -> None:
    assert [m for m in MODULES if _layer(m) is None] == []


def test_layers_only_point_down() -> None:
    """``web`` is imported by no layer below it (storage and fhir report counts through
    callbacks that ``create_app`` wires in), ``hooks`` imports no ``fhir``, and so on."""
    found = []
    for module, path in MODULES.items():
        rank, layer = _layer(module) or (0, "")
        for line, target in _imports(path):
            to = _layer(target)
            if to is None:  # not the package's
                continue
            to_rank, to_layer = to
            if to_rank > rank or (to_rank == rank and to_layer != layer):
                found.append(f"{path.relative_to(PACKAGE)}:{line} ({layer}) imports {target}")
    assert found == []


def test_no_import_cycle() -> None:
    graph = {m: {t for _, t in _imports(p) if t in MODULES and t != m}
             for m, p in MODULES.items()}
    cycles, done = [], set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycles.append(" -> ".join(path[path.index(module):] + [module]))
            return
        if module in done:
            return
        for target in sorted(graph[module]):
            visit(target, path + [module])
        done.add(module)

    for module in graph:
        visit(module, [])
    assert cycles == []


def test_the_fence_sees_every_kind_of_import(tmp_path: Path) -> None:
    """A function-level, a ``TYPE_CHECKING`` and a relative import are all read."""
    source = ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
              "    from cds_service.web.state import AppState\n"
              "def f():\n    import cds_service.pipeline.run\n"
              "from . import context\n")
    path = tmp_path / "probe.py"
    path.write_text(source)
    assert {t for _, t in _imports(path, "cds_service.fhir.probe")} >= {
        "cds_service.web.state", "cds_service.pipeline.run", "cds_service.fhir.context"}


def test_no_module_over_500_lines() -> None:
    """A newcomer reads one job per module: none of the package's modules grows past 500 lines."""
    long = [f"{p.relative_to(PACKAGE)}: {n} lines" for p in sorted(PACKAGE.rglob("*.py"))
            if (n := len(p.read_text().splitlines())) > 500]
    assert long == []


def test_architecture_names_every_file() -> None:
    """Every file of the package (``x/`` for ``x/__init__.py``) has a row in the module or data
    tables of docs/ARCHITECTURE.md, and every row names a file that exists."""
    doc = (PACKAGE.parent / "docs" / "ARCHITECTURE.md").read_text()
    section = doc.split("\n## Modules\n", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"^\| `([^`]+)`", section, re.MULTILINE))
    files = {p.relative_to(PACKAGE).as_posix().removesuffix("__init__.py") or "__init__.py"
             for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert sorted(files - named) == [], "files ARCHITECTURE.md does not name"
    assert sorted(named - files) == [], "rows of ARCHITECTURE.md naming no file"
