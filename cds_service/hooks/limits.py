"""Bounds on untrusted JSON, checked where resources are taken from a request or a FHIR server.

**Budgets.** A call reads at most ``CDS_MAX_RESOURCES`` FHIR resources (split fairly between
prefetch keys by ``fair_shares``; the rest skipped and counted) and carries at most
``CDS_MAX_DRAFT_ORDERS`` draft orders (400 above).

**Nesting depth.** A FHIR resource nested deeper than ``MAX_RESOURCE_DEPTH`` containers
(objects and arrays) is invalid: it is skipped and counted like any other invalid resource,
never a 500. Real resources stay far below it (a Bundle in a Bundle with nested extensions is
about 20); the limit exists because the per-resource caches key on ``orjson.dumps``, which
refuses anything deeper than 254 levels, and the JSON parser accepts up to 1,024.

The check runs in C: the resources are serialised once inside a chain of
``orjson_limit - MAX_RESOURCE_DEPTH`` wrapper arrays, so the serialiser's own depth limit is
exactly ours (about 1.3 ms per MB, the cost of one ``orjson.dumps``; a walk in Python was
15 times slower). Only when that fails is each resource tried alone, to find the deep ones.
The wrapper chain is built once per thread and emptied after each check (building its ~190
arrays on every check cost more than serialising a 20-report record).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import Any

import orjson

MAX_RESOURCE_DEPTH = 64


def _orjson_depth_limit() -> int:
    """The deepest nesting ``orjson.dumps`` accepts (254 today), found by probing once."""
    def nested(depth: int) -> list[Any]:
        value: list[Any] = []
        for _ in range(depth - 1):
            value = [value]
        return value

    lo, hi = 1, 4096
    while lo < hi:  # largest depth that serialises
        mid = (lo + hi + 1) // 2
        try:
            orjson.dumps(nested(mid))
        except orjson.JSONEncodeError:
            hi = mid - 1
        else:
            lo = mid
    return lo


_ORJSON_LIMIT = _orjson_depth_limit()


class _Chains(threading.local):
    """Per thread and depth limit, the wrapper arrays built once: ``(outer, hole)``."""

    def __init__(self) -> None:
        self.by_limit: dict[int, tuple[list[Any], list[Any]]] = {}


_CHAINS = _Chains()


def _chain(limit: int) -> tuple[list[Any], list[Any]]:
    """Wrapper arrays around an empty ``hole`` such that an item put in ``hole`` deeper than
    ``limit`` makes orjson refuse ``outer`` (``hole`` counts as the items' own list)."""
    chain = _CHAINS.by_limit.get(limit)
    if chain is None:
        hole: list[Any] = []
        outer = hole
        for _ in range(_ORJSON_LIMIT - limit - 1):
            outer = [outer]
        chain = _CHAINS.by_limit[limit] = (outer, hole)
    return chain


def _fits(items: list[Any], limit: int) -> bool:
    outer, hole = _chain(limit)
    hole[:] = items  # the chain is this thread's; orjson calls no Python code meanwhile
    try:
        orjson.dumps(outer)
    except orjson.JSONEncodeError:
        return False
    finally:
        hole.clear()
    return True


def split_by_depth(
    resources: Sequence[Any], limit: int = MAX_RESOURCE_DEPTH,
) -> tuple[list[Any], list[Any]]:
    """``(kept, too_deep)``: the resources nested at most ``limit`` levels, and the others.

    A resource's depth counts its own object as 1. Order is kept.
    """
    items = list(resources)
    if not items or _fits(items, limit):
        return items, []
    kept: list[Any] = []
    deep: list[Any] = []
    for res in items:
        (kept if _fits([res], limit) else deep).append(res)
    return kept, deep


def fair_shares(sizes: Mapping[str, int], cap: int) -> dict[str, int]:
    """How many of each key's items to keep so that at most ``cap`` are kept in all.

    Every key gets an equal share; what a small key does not need goes to the larger ones.
    """
    out: dict[str, int] = {}
    left = max(cap, 0)
    by_size = sorted(sizes, key=lambda k: sizes[k])
    for i, key in enumerate(by_size):
        out[key] = min(sizes[key], left // (len(by_size) - i))
        left -= out[key]
    return out


def resource_type_of(resource: Any) -> str:
    """The ``resourceType`` for counting, or ``"unknown"`` (never a value from elsewhere)."""
    rtype = resource.get("resourceType") if isinstance(resource, dict) else None
    return rtype if isinstance(rtype, str) and rtype.isalnum() and len(rtype) <= 64 else "unknown"
