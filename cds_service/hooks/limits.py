"""Bounds on untrusted JSON: ``within_depth`` (a resource nested deeper than
``MAX_RESOURCE_DEPTH`` containers is invalid: skipped and counted, never a 500; real ones stay
near 20) and ``fair_shares`` (``CDS_MAX_RESOURCES`` split between prefetch keys).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

MAX_RESOURCE_DEPTH = 64


def within_depth(value: Any, limit: int = MAX_RESOURCE_DEPTH) -> bool:
    """Whether ``value`` (parsed JSON) nests at most ``limit`` objects and arrays; a
    resource's own object counts as 1."""
    level = [value] if type(value) in (dict, list) else []
    depth = 0
    while level:
        depth += 1
        if depth > limit:
            return False
        below = []
        for container in level:
            for item in (container.values() if type(container) is dict else container):
                if type(item) is dict or type(item) is list:
                    below.append(item)
        level = below
    return True


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
