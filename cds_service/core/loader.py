"""One loader for the core's data files (``cds_service/data/``): JSON and CSV, checked on load.

Every problem names where it is: ``file:line`` for CSV rows and JSON syntax errors, ``file``
plus the key path (``anatomy.json: sites.thigh.regions``) for JSON content. The core reads
its tables once, at import, so a bad file stops start-up with that message instead of
misreading reports later.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any

from cds_service.errors import DataError

DATA_PACKAGE = "cds_service"
DATA_DIR = "data"


def read_text(name: str) -> str:
    """Return the text of ``data/<name>`` from the package."""
    try:
        return resources.files(DATA_PACKAGE).joinpath(f"{DATA_DIR}/{name}").read_text("utf-8")
    except OSError as exc:
        raise DataError(f"{name}: cannot read: {exc.strerror or exc}") from exc


class Where:
    """A place in a data file: ``file`` plus key path (JSON) or line (CSV), for messages."""

    __slots__ = ("file", "path")

    def __init__(self, file: str, path: str = "") -> None:
        self.file = file
        self.path = path

    def __truediv__(self, key: object) -> Where:
        part = f"[{key}]" if isinstance(key, int) else str(key)
        sep = "" if not self.path or isinstance(key, int) else "."
        return Where(self.file, f"{self.path}{sep}{part}")

    def __str__(self) -> str:
        return f"{self.file}: {self.path}" if self.path else self.file

    def error(self, message: str) -> DataError:
        return DataError(f"{self}: {message}")


def load_json(name: str) -> tuple[dict[str, Any], Where]:
    """Parse ``data/<name>``; the top level must be an object."""
    text = read_text(name)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(f"{name}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from None
    where = Where(name)
    if not isinstance(data, dict):
        raise where.error("top level must be an object")
    return data, where


def check_keys(obj: Any, where: Where, required: Iterable[str],
               optional: Iterable[str] = ()) -> dict[str, Any]:
    """Refuse a non-object, unknown keys and missing keys (``_comment`` is always allowed)."""
    if not isinstance(obj, dict):
        raise where.error("must be an object")
    req, opt = set(required), set(optional)
    unknown = set(obj) - req - opt - {"_comment"}
    if unknown:
        raise where.error(f"unknown keys {sorted(unknown)}")
    missing = req - set(obj)
    if missing:
        raise where.error(f"missing keys {sorted(missing)}")
    return obj


def str_list(obj: Any, where: Where, *, allow_empty: bool = True) -> list[str]:
    """A list of non-empty strings."""
    if not isinstance(obj, list) or not all(isinstance(s, str) and s.strip() for s in obj):
        raise where.error("must be a list of non-empty strings")
    if not obj and not allow_empty:
        raise where.error("must not be empty")
    return list(obj)


def compile_pattern(pattern: str, where: Where, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Compile one regular expression, naming its place when it does not compile."""
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise where.error(f"bad pattern {pattern!r}: {exc}") from None


def compile_any(patterns: Iterable[str], where: Where,
                flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Compile alternatives into one regular expression (at least one)."""
    pats = list(patterns)
    if not pats:
        raise where.error("has no patterns")
    for i, p in enumerate(pats):
        compile_pattern(p, where / i, flags)
    return re.compile("|".join(f"(?:{p})" for p in pats), flags)


def csv_rows(name: str, columns: list[str],
             text: str | None = None) -> Iterator[tuple[str, dict[str, str]]]:
    """Yield (``"file:line"``, row) for each row of ``data/<name>``; the header must match."""
    reader = csv.DictReader(io.StringIO(read_text(name) if text is None else text))
    if reader.fieldnames != columns:
        raise DataError(f"{name}:1: header must be {','.join(columns)}, "
                        f"got {','.join(reader.fieldnames or [])}")
    for row in reader:
        where = f"{name}:{reader.line_num}"
        if None in row or any(v is None for v in row.values()):
            raise DataError(f"{where}: expected {len(columns)} columns")
        yield where, {k: v.strip() for k, v in row.items()}


def split_list(value: str) -> frozenset[str]:
    """Split a ``;``-separated CSV cell."""
    return frozenset(p.strip() for p in value.split(";") if p.strip())
