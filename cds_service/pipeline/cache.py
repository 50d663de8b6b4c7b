"""The pipeline's one cache: per resource, keyed by content digest, bounded in bytes.

Digest of a resource's JSON (with what its reading depends on) → what was read from it
(``ReportFindings``, ``StudyFacts``, ``DraftOrder``, a Patient's birth date, or the
``InvalidResource`` verdict). Keys are content digests, never object identity: equal JSON gives
the same key whatever object holds it. Each entry is charged its measured size (``deep_size``),
and the least recently used entries are dropped when the cache is over its byte bound
(``CDS_CACHE_BYTES``).
"""

from __future__ import annotations

import hashlib
import sys
import threading
from collections import OrderedDict
from enum import Enum
from typing import Any

import orjson

ENTRY_OVERHEAD = 160  # bytes: the key, its slot in the ordered dict, the (value, size) pair

MISSING: Any = object()  # what ``ByteCache.get`` answers for a key it does not hold


def digest(*parts: Any) -> bytes:
    """A key for what is read from ``parts``: the same JSON always gives the same key.

    Keys are not sorted: a client that reorders the keys of an unchanged resource only costs a
    cache miss, never a wrong answer, and serialising without sorting is twice as fast.
    """
    h = hashlib.sha256()  # with the CPU's SHA instructions 1.5x blake2b's speed (43 KB: 21 us)
    for part in parts:
        h.update(orjson.dumps(part))
    return h.digest()[:20]


_ATOMIC = frozenset({str, bytes, int, float, complex})
_CONTAINERS = frozenset({tuple, list, set, frozenset})
_SKIP, _LEAF, _ITEMS, _DICT, _OBJECT = range(5)
# per class: how ``deep_size`` walks its instances, the slot names to follow, and whether its
# instances have a ``__dict__`` (all fixed by the class)
_WALK: dict[type, tuple[int, tuple[str, ...], bool]] = {}


def _walk_of(cls: type, o: Any) -> tuple[int, tuple[str, ...], bool]:
    if o is None or cls is bool or isinstance(o, (type, Enum)):
        how = _SKIP
    elif cls in _ATOMIC:
        how = _LEAF
    elif cls in _CONTAINERS:
        how = _ITEMS
    elif cls is dict:
        how = _DICT
    else:
        how = _OBJECT
    names = tuple(n for c in cls.__mro__ for n in getattr(c, "__slots__", ())
                  if n not in ("__weakref__", "__dict__")) if how == _OBJECT else ()
    got = _WALK[cls] = (how, names, how == _OBJECT and hasattr(o, "__dict__"))
    return got


def deep_size(obj: Any) -> int:
    """Bytes held by ``obj`` and everything it refers to (each object counted once).

    Walks tuples, lists, sets, dicts and slotted or plain objects; objects shared with other
    entries (interned names, the card library) are counted in each, so the figure errs on
    the high side. ``None``, booleans, classes and enum members are not counted.
    """
    seen: set[int] = set()
    add = seen.add
    total = 0
    stack = [obj]
    pop, push, extend = stack.pop, stack.append, stack.extend
    getsizeof = sys.getsizeof
    walks = _WALK
    while stack:
        o = pop()
        cls = type(o)
        walk = walks.get(cls) or _walk_of(cls, o)
        how = walk[0]
        if how == _SKIP:
            continue
        oid = id(o)
        if oid in seen:
            continue
        add(oid)
        total += getsizeof(o)
        if how == _LEAF:
            continue
        if how == _ITEMS:
            extend(o)
        elif how == _DICT:
            extend(o.keys())
            extend(o.values())
        else:
            for name in walk[1]:
                push(getattr(o, name, None))
            if walk[2]:
                push(vars(o))
    return total


class ByteCache:
    """A least-recently-used map whose entries together stay under ``max_bytes``."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._data: OrderedDict[bytes, tuple[Any, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: bytes) -> Any:
        """The value kept for ``key`` (marked recently used), else ``MISSING``."""
        with self._lock:
            got = self._data.get(key)
            if got is None:
                return MISSING
            self._data.move_to_end(key)
            return got[0]

    def put(self, key: bytes, value: Any) -> None:
        """Keep ``value`` under ``key``, charged its measured size."""
        cost = deep_size(value) + len(key) + ENTRY_OVERHEAD
        if cost > self.max_bytes:
            return
        with self._lock:
            old = self._data.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            self._data[key] = (value, cost)
            self._bytes += cost
            while self._bytes > self.max_bytes:
                _, (_, freed) = self._data.popitem(last=False)
                self._bytes -= freed

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._bytes = 0

    @property
    def nbytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._data)
