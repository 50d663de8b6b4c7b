"""Bounds on untrusted JSON, checked where resources are taken from a request or a FHIR server.

**Budgets.** A call reads at most ``CDS_MAX_RESOURCES`` FHIR resources (split fairly between
prefetch keys by ``fair_shares``; the rest skipped and counted) and carries at most
``CDS_MAX_DRAFT_ORDERS`` draft orders (400 above).

**Nesting depth.** A FHIR resource nested deeper than ``MAX_RESOURCE_DEPTH`` containers
(objects and arrays) is invalid: the pipeline checks what it validates and keeps (once per
content: the verdict is kept), the studies it reads and the Observations reports name
(``within_depth``), and skips and counts a deeper one like any other invalid resource, never a
500. Real resources stay far below it (a Bundle in a Bundle with nested extensions is about
20); the limit keeps every reader, the R4 validator and the cache's digest (``orjson.dumps``)
well inside what they handle. The check walks the containers level by level (about 4 us for
a report of ordinary size).
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
