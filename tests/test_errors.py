"""One error tree: every exception class of the package is in ``errors``, every code a constant."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import cds_service
from cds_service import errors
from cds_service.errors import CdsError, ErrorCode

PACKAGE = Path(cds_service.__file__).parent
# The command line's translation of ConfigError into click's exit (status 2, one line).
CLI_EXIT = {"cds_service.cli.ConfigurationExit"}


def _modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="cds_service."):
        if ".migrations" in info.name:  # Alembic scripts run when imported
            continue
        names.append(info.name)
    return names


def test_every_exception_class_is_defined_in_the_tree() -> None:
    outside = []
    for name in _modules():
        module = importlib.import_module(name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if not issubclass(obj, BaseException) or obj.__module__ != name:
                continue
            qualified = f"{name}.{obj.__name__}"
            if qualified in CLI_EXIT:
                continue
            if name != "cds_service.errors" or not issubclass(obj, CdsError):
                outside.append(qualified)
    assert outside == []


def test_the_tree_is_documented_with_every_class() -> None:
    doc = errors.__doc__ or ""
    for name, obj in inspect.getmembers(errors, inspect.isclass):
        if issubclass(obj, CdsError):
            assert re.search(rf"\b{name}\b", doc), f"{name} missing from the errors docstring"


def test_codes_are_constants_unique_regardless_of_case() -> None:
    values = [c.value for c in ErrorCode]
    assert len({v.lower() for v in values}) == len(values)
    shape = re.compile(r"CDS-(\d{3}|config)(-[a-z0-9]+(-[a-z0-9]+)*|-[a-z]+[A-Za-z]*)?")
    for value in values:
        assert shape.fullmatch(value), value
    for cls in (c for _, c in inspect.getmembers(errors, inspect.isclass)
                if issubclass(c, CdsError)):
        assert isinstance(cls.code, ErrorCode), cls


def test_no_inline_error_codes_outside_errors_py() -> None:
    inline = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "errors.py":
            continue
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"[\"']CDS-\d", line):
                inline.append(f"{path.relative_to(PACKAGE)}:{n}")
    assert inline == []
