"""Bounded in-process caches, so unchanged resources are not read twice.

``Memo`` maps a digest of JSON content to what was read from it; ``Same`` is a key that
matches only the very same object, for caches of results computed from objects that a
``Memo`` hands out (same object, same content). Both are pure and thread-safe enough for
gunicorn's threads: a race at worst computes a value twice.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

import orjson

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")

_ALL: list[Memo[Any]] = []


class Memo(Generic[K]):
    """A bounded map; when full, the older half is forgotten."""

    def __init__(self, max_entries: int = 20_000) -> None:
        self._data: dict[K, Any] = {}
        self._max = max_entries
        self._lock = threading.Lock()
        _ALL.append(self)

    def get(self, key: K, compute: Callable[[], T]) -> T:
        try:
            return self._data[key]
        except KeyError:
            pass
        value = compute()
        with self._lock:
            if len(self._data) >= self._max:
                for old in list(self._data)[: self._max // 2]:
                    self._data.pop(old, None)
            self._data[key] = value
        return value

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


def clear_all() -> None:
    """Forget everything every ``Memo`` holds (tests and benchmarks of the cold path)."""
    for memo in _ALL:
        memo.clear()


def digest(*parts: Any) -> bytes:
    """A key for what is read from ``parts``: the same JSON always gives the same key.

    Keys are not sorted: a client that reorders the keys of an unchanged resource only costs a
    cache miss, never a wrong answer, and serialising without sorting is twice as fast.
    """
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        h.update(orjson.dumps(part))
    return h.digest()


class Same:
    """A dictionary key that matches only the very same object (and keeps it alive)."""

    __slots__ = ("obj",)

    def __init__(self, obj: object) -> None:
        self.obj = obj

    def __hash__(self) -> int:
        return id(self.obj)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and other.obj is self.obj
