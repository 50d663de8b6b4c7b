"""Test lanes: the ``system`` mark, set on every test that starts a server or a process or
uses a database, so ``pytest -m "not system"`` is the fast lane for development.

No test marks itself. A test is a system test when its own code, a helper it calls (any
function or class of ``tests``, followed through every call) or one of its fixtures uses a
server module (``http.server``, ``socketserver``, ``werkzeug.serving``, ``socket.
create_server``), ``subprocess``, a browser (``playwright``) or a database: the service app
(``create_app`` opens its database and migrates it), ``cds_service.storage`` or a PostgreSQL
schema. What is left is the clinical core, the reader, the data and the pure helpers. A new
test that starts one of them is in the system lane without anyone remembering to say so.
"""

from __future__ import annotations

import inspect
import sys
from types import CodeType
from typing import Any

import pytest

SYSTEM_MODULES = ("subprocess", "http.server", "socketserver", "werkzeug.serving", "playwright",
                  "cds_service.storage")
# Names that are enough on their own, also when imported inside a function:
# socket.create_server (a listener), the app factory (its database), a PostgreSQL schema
SYSTEM_NAMES = frozenset({"create_server", "create_app", "postgres_schema"})


def _names(code: CodeType) -> set[str]:
    """Every global and attribute name ``code`` and the functions nested in it use."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, CodeType):
            names |= _names(const)
    return names


def _module_of(obj: Any) -> str:
    return obj.__name__ if inspect.ismodule(obj) else getattr(obj, "__module__", None) or ""


def _in(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _reaches_system(obj: Any, seen: set[int]) -> bool:
    """Whether ``obj`` (a function or class of ``tests``) reaches a system module or helper."""
    if id(obj) in seen:
        return False
    seen.add(id(obj))
    if inspect.isclass(obj):
        if any(_in(_module_of(base), SYSTEM_MODULES) for base in obj.__mro__):
            return True  # a server class (an http.server subclass)
        return any(_reaches_system(m.fget if isinstance(m, property) else m, seen)
                   for m in vars(obj).values()
                   if inspect.isfunction(m) or isinstance(m, property))
    func = inspect.unwrap(obj)
    if not inspect.isfunction(func):
        return False
    names = _names(func.__code__)
    if names & SYSTEM_NAMES or any(_in(name, SYSTEM_MODULES) for name in names):
        return True  # also what is imported inside the function
    for name in names:
        target = func.__globals__.get(name)
        if target is None:
            continue
        if _in(_module_of(target), SYSTEM_MODULES):
            return True
        if _in(_module_of(target), ("tests",)) and not inspect.ismodule(target) and (
                _reaches_system(target, seen)):
            return True
    return False


def _fixture(item: pytest.Function, name: str) -> Any:
    """The function defining fixture ``name``: in the test's module, else the conftest."""
    for module in (item.module, sys.modules.get("tests.conftest")):
        found = getattr(module, name, None)
        if found is not None:
            return found
    return None


def is_system(item: pytest.Item) -> bool:
    if not isinstance(item, pytest.Function):
        return False
    seen: set[int] = set()
    return _reaches_system(item.function, seen) or any(
        _reaches_system(fixture, seen) for name in item.fixturenames
        if (fixture := _fixture(item, name)) is not None)


def mark_system(items: list[pytest.Item]) -> None:
    """Add the ``system`` mark to every system test among ``items``."""
    for item in items:
        if is_system(item):
            item.add_marker(pytest.mark.system)
