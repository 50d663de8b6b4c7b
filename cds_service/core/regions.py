"""CT body regions: the shared vocabulary between report sites, orders and suggested CT codes."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from cds_service.errors import TerminologyError

CPT_SYSTEM = "http://www.ama-assn.org/go/cpt"


@dataclass(frozen=True, slots=True)
class CtCode:
    cpt: str
    display: str


@dataclass(frozen=True, slots=True)
class Region:
    id: str
    display: str
    covers: frozenset[str]
    noncontrast: CtCode
    without_and_with: CtCode


@cache
def all_regions() -> dict[str, Region]:
    """Load ``data/ct_regions.json`` once."""
    raw = json.loads(resources.files("cds_service").joinpath("data/ct_regions.json").read_text())
    out: dict[str, Region] = {}
    for rid, spec in raw["regions"].items():
        out[rid] = Region(
            id=rid,
            display=spec["display"],
            covers=frozenset(spec["covers"]),
            noncontrast=CtCode(**spec["noncontrast"]),
            without_and_with=CtCode(**spec["without_and_with"]),
        )
    for region in out.values():
        unknown = region.covers - out.keys()
        if unknown:
            raise TerminologyError(
                f"ct_regions.json: region {region.id} covers unknown regions {sorted(unknown)}")
    return out


def region(region_id: str) -> Region:
    return all_regions()[region_id]


@cache
def expand(region_id: str) -> frozenset[str]:
    """The region and every region it covers (abdomen-pelvis → abdomen, pelvis)."""
    reg = all_regions().get(region_id)
    if reg is None:
        return frozenset()
    return frozenset({region_id}) | reg.covers


@lru_cache(maxsize=4096)
def _expand_all(regions: frozenset[str]) -> frozenset[str]:
    return frozenset().union(*(expand(r) for r in regions))


def overlaps(a: Iterable[str], b: Iterable[str]) -> bool:
    """True when any region in ``a`` images any region in ``b`` (either way round)."""
    return not _expand_all(frozenset(a)).isdisjoint(_expand_all(frozenset(b)))
