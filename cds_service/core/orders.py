"""Order reading: a draft ServiceRequest becomes a `DraftOrder` (kind, CT region, sites, purposes).

Pure core: no Flask, no requests. Terminology lives in data files under
``data/terminology/`` (``cpt.csv``, ``loinc.csv``, ``snomed.csv`` for order codes,
``body_sites.csv`` for ``bodySite`` codes, ``reasons.csv`` for coded reasons, ``systems.csv``
for code-system aliases, ``text_patterns.json`` for free text). Everything is loaded, checked
and compiled once, at import; a bad row stops start-up with a message naming file, line and
value.

Kinds
    ``biopsy`` (biopsy of any kind, FNA, core needle), ``ct-noncontrast``, ``ct-contrast``
    (IV contrast only, CT angiography included), ``ct-without-and-with``, ``mri`` (any contrast),
    ``radiography``, ``ultrasound``, ``other``. Two further values exist only inside the tables:
    ``ct`` (a CT whose contrast is not stated, e.g. LOINC 24627-2 "CT Chest") and ``guidance``
    (imaging guidance for needle placement, CPT 76942 / 77012 / 77021).

Precedence (each attribute is resolved on its own)
    kind
        1. Codings in ``code.coding`` found in the tables. When codings disagree, the more
           specific wins: a definite kind beats ``ct`` (contrast not stated), which beats
           ``guidance``. Among definite kinds: a CT without contrast plus a CT with contrast on
           the same order make ``ct-without-and-with``; otherwise biopsy > ct-without-and-with >
           ct-contrast > ct-noncontrast > mri > ultrasound > radiography.
        2. Text may refine a coding but never contradict it: a ``ct`` coding takes the
           contrast phrase of the text ("CT chest" coded, "w/o contrast" written →
           ct-noncontrast); a ``guidance`` coding becomes ``biopsy`` when the text names a
           biopsy, else ``other``.
        3. No coding known: the text alone (``code.text``, coding displays, ``orderDetail``).
           Imaging named as guidance ("CT-guided", "under US guidance") is not the modality; a
           biopsy word makes the order a biopsy unless a modality is also named and the biopsy
           is only the occasion ("CT chest before biopsy"). Several modalities: the first named.
        A CT whose contrast is stated nowhere is reported as ``ct-contrast`` with
        ``contrast_stated=False``: noncontrast images are not assured, which is what the
        protocol statement of the guidance is about; cards can word it "contrast not stated".
    region
        coding row → ``bodySite`` (codes, then text) → order text → reason text. From text:
        regions covered by another named region are dropped (chest covers cardiac), abdomen
        and pelvis together make ``abdomen-pelvis``, otherwise the first named wins.
    sites
        union of coding rows, ``bodySite`` and order text; reason text only when those name none.
    purposes
        union of coding rows, coded reasons (``reasons.csv``) and patterns over the order text,
        ``bodySite`` text, ``reasonCode`` (text and displays), ``reasonReference.display`` and
        ``note``.

Reference
    ``"ServiceRequest/<id>"`` when the resource has an id, else the ``full_url`` given by the
    caller (e.g. the bundle entry's ``"urn:uuid:…"``), else ``"ServiceRequest"``.

Validation
    Every call validates with ``fhir.resources.R4B`` (the default R5 models reject R4). Unknown
    extensions pass. When the only errors are unknown top-level properties, those are dropped
    and validation is run again. Anything else raises ``errors.InvalidResource`` whose reason
    lists field paths only, never values. ``DraftOrder.resource`` is the raw resource as given.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, get_args

from fhir.resources.R4B.servicerequest import ServiceRequest

from cds_service.core import regions
from cds_service.core.validation import validate_r4
from cds_service.errors import TerminologyError

OrderKind = Literal["biopsy", "ct-noncontrast", "ct-contrast", "ct-without-and-with", "mri",
                    "radiography", "ultrasound", "other"]

ORDER_KINDS: frozenset[str] = frozenset(get_args(OrderKind))
TABLE_KINDS: frozenset[str] = ORDER_KINDS | {"ct", "guidance"}
PURPOSES: frozenset[str] = frozenset(
    {"crystal-deposition", "cardiovascular", "characterize", "mass", "lymph-node"})

_DATA_DIR = "data/terminology"
# Order texts repeat (the same catalogue entries, the same draft order across hook calls):
# text scans are memoised per distinct string.
_TEXT_CACHE_SIZE = 8192
_CODE_FILES = ("cpt.csv", "loinc.csv", "snomed.csv")
_CODE_COLUMNS = ["system", "code", "kind", "region", "sites", "purposes", "display"]

# Conflict order among definite kinds (lower index wins).
_KIND_PRIORITY = ("biopsy", "ct-without-and-with", "ct-contrast", "ct-noncontrast", "mri",
                  "ultrasound", "radiography", "other")
_CT_BY_CONTRAST = {"without": "ct-noncontrast", "with": "ct-contrast",
                   "without-and-with": "ct-without-and-with"}


@dataclass(frozen=True, slots=True)
class DraftOrder:
    reference: str                # "ServiceRequest/<id>", else full_url, else "ServiceRequest"
    kind: OrderKind
    region: str | None            # CT region id (regions.py) or None when unknown
    sites: frozenset[str]         # anatomy site ids named by the order (findings_sites vocabulary)
    purposes: frozenset[str]      # "crystal-deposition", "cardiovascular", "characterize", ...
    display: str                  # what the clinician sees: code.text, else first display
    codes: tuple[tuple[str, str], ...]   # (system, code), system canonicalised
    status: str
    resource: dict                # the raw resource, for update actions
    contrast_stated: bool = True  # False: a CT whose contrast the order does not state


# --------------------------------------------------------------------------- data loading

@dataclass(frozen=True, slots=True)
class CodeEntry:
    system: str
    code: str
    kind: str                     # one of TABLE_KINDS
    region: str | None
    sites: frozenset[str]
    purposes: frozenset[str]
    display: str


@dataclass(frozen=True, slots=True)
class _SiteSpec:
    region: str | None
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class _Patterns:
    blank: re.Pattern[str]
    guidance: re.Pattern[str]
    modality: dict[str, re.Pattern[str]]
    contrast: dict[str, re.Pattern[str]]
    biopsy: re.Pattern[str]
    biopsy_not_procedure: re.Pattern[str]
    sites: dict[str, _SiteSpec]
    regions: dict[str, re.Pattern[str]]
    purposes: dict[str, re.Pattern[str]]


def _read(name: str) -> str:
    return resources.files("cds_service").joinpath(f"{_DATA_DIR}/{name}").read_text("utf-8")


def _rows(name: str, columns: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(_read(name)))
    if reader.fieldnames != columns:
        raise TerminologyError(f"{name}: header must be {','.join(columns)}, "
                               f"got {','.join(reader.fieldnames or [])}")
    for line, row in enumerate(reader, start=2):
        if None in row or any(v is None for v in row.values()):
            raise TerminologyError(f"{name}:{line}: expected {len(columns)} columns")
        yield line, {k: v.strip() for k, v in row.items()}


def _split(value: str) -> frozenset[str]:
    return frozenset(p.strip() for p in value.split(";") if p.strip())


def _compile(patterns: Iterable[str], where: str) -> re.Pattern[str]:
    pats = list(patterns)
    if not pats:
        raise TerminologyError(f"text_patterns.json: {where} has no patterns")
    try:
        return re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE)
    except re.error as exc:
        raise TerminologyError(f"text_patterns.json: {where}: bad pattern ({exc})") from None


def _load_patterns() -> _Patterns:
    raw = json.loads(_read("text_patterns.json"))
    region_ids = regions.all_regions().keys()
    sites: dict[str, _SiteSpec] = {}
    for sid, spec in raw["sites"].items():
        reg = spec.get("region")
        if reg is not None and reg not in region_ids:
            raise TerminologyError(f"text_patterns.json: site {sid}: unknown region {reg!r}")
        sites[sid] = _SiteSpec(reg, _compile(spec["patterns"], f"sites.{sid}"))
    region_pats: dict[str, re.Pattern[str]] = {}
    for rid, pats in raw["regions"].items():
        if rid.startswith("_"):
            continue
        if rid not in region_ids:
            raise TerminologyError(f"text_patterns.json: unknown region {rid!r}")
        region_pats[rid] = _compile(pats, f"regions.{rid}")
    purposes: dict[str, re.Pattern[str]] = {}
    for pid, pats in raw["purposes"].items():
        if pid not in PURPOSES:
            raise TerminologyError(f"text_patterns.json: unknown purpose {pid!r}")
        purposes[pid] = _compile(pats, f"purposes.{pid}")
    modality_kinds = {"ct", "mri", "ultrasound", "radiography"}
    if set(raw["modality"]) != modality_kinds:
        raise TerminologyError(f"text_patterns.json: modality must name exactly "
                               f"{sorted(modality_kinds)}")
    contrast_kinds = set(_CT_BY_CONTRAST)
    if set(raw["contrast"]) != contrast_kinds:
        raise TerminologyError(f"text_patterns.json: contrast must name exactly "
                               f"{sorted(contrast_kinds)}")
    return _Patterns(
        blank=_compile(raw["blank"]["patterns"], "blank"),
        guidance=_compile(raw["guidance"], "guidance"),
        modality={m: _compile(p, f"modality.{m}") for m, p in raw["modality"].items()},
        contrast={c: _compile(p, f"contrast.{c}") for c, p in raw["contrast"].items()},
        biopsy=_compile(raw["biopsy"], "biopsy"),
        biopsy_not_procedure=_compile(raw["biopsy_not_the_procedure"],
                                      "biopsy_not_the_procedure"),
        sites=sites,
        regions=region_pats,
        purposes=purposes,
    )


PATTERNS: _Patterns = _load_patterns()
SITE_IDS: frozenset[str] = frozenset(PATTERNS.sites)


def _check_attrs(where: str, region: str | None, sites: frozenset[str],
                 purposes: frozenset[str]) -> None:
    if region is not None and region not in regions.all_regions():
        raise TerminologyError(f"{where}: unknown region {region!r}")
    if sites - SITE_IDS:
        raise TerminologyError(f"{where}: unknown sites {sorted(sites - SITE_IDS)}")
    if purposes - PURPOSES:
        raise TerminologyError(f"{where}: unknown purposes {sorted(purposes - PURPOSES)}")


def _load_systems() -> dict[str, str]:
    return {row["alias"]: row["system"] for _, row in _rows("systems.csv", ["alias", "system"])}


SYSTEM_ALIASES: dict[str, str] = _load_systems()


def _canonical_system(system: str) -> str:
    return SYSTEM_ALIASES.get(system, system)


def _load_codes() -> dict[tuple[str, str], CodeEntry]:
    out: dict[tuple[str, str], CodeEntry] = {}
    for name in _CODE_FILES:
        for line, row in _rows(name, _CODE_COLUMNS):
            where = f"{name}:{line}"
            if row["kind"] not in TABLE_KINDS:
                raise TerminologyError(f"{where}: unknown kind {row['kind']!r}")
            if not row["code"] or not row["display"]:
                raise TerminologyError(f"{where}: code and display are required")
            entry = CodeEntry(
                system=_canonical_system(row["system"]), code=row["code"], kind=row["kind"],
                region=row["region"] or None, sites=_split(row["sites"]),
                purposes=_split(row["purposes"]), display=row["display"])
            _check_attrs(where, entry.region, entry.sites, entry.purposes)
            key = (entry.system, entry.code)
            if key in out:
                raise TerminologyError(f"{where}: duplicate code {key[0]}|{key[1]}")
            out[key] = entry
    return out


def _load_body_sites() -> dict[tuple[str, str], tuple[str | None, frozenset[str]]]:
    out: dict[tuple[str, str], tuple[str | None, frozenset[str]]] = {}
    for line, row in _rows("body_sites.csv", ["system", "code", "region", "sites", "display"]):
        where = f"body_sites.csv:{line}"
        region, sites = row["region"] or None, _split(row["sites"])
        _check_attrs(where, region, sites, frozenset())
        key = (_canonical_system(row["system"]), row["code"])
        if key in out:
            raise TerminologyError(f"{where}: duplicate code {key[0]}|{key[1]}")
        out[key] = (region, sites)
    return out


def _load_reasons() -> dict[tuple[str, str], frozenset[str]]:
    out: dict[tuple[str, str], frozenset[str]] = {}
    for line, row in _rows("reasons.csv", ["system", "code", "purposes", "display"]):
        where = f"reasons.csv:{line}"
        purposes = _split(row["purposes"])
        if not purposes:
            raise TerminologyError(f"{where}: purposes required")
        _check_attrs(where, None, frozenset(), purposes)
        key = (_canonical_system(row["system"]), row["code"])
        if key in out:
            raise TerminologyError(f"{where}: duplicate code {key[0]}|{key[1]}")
        out[key] = purposes
    return out


CODES: dict[tuple[str, str], CodeEntry] = _load_codes()
BODY_SITES: dict[tuple[str, str], tuple[str | None, frozenset[str]]] = _load_body_sites()
REASONS: dict[tuple[str, str], frozenset[str]] = _load_reasons()


# --------------------------------------------------------------------------- validation

def validate(resource: Any) -> None:
    """Raise `InvalidResource` unless ``resource`` is a valid R4 ServiceRequest (lenient)."""
    validate_r4(resource, ServiceRequest, "ServiceRequest")


# --------------------------------------------------------------------------- reading text

def _blank(text: str, pattern: re.Pattern[str]) -> tuple[str, bool]:
    found = False

    def spaces(m: re.Match[str]) -> str:
        nonlocal found
        found = True
        return " " * len(m.group(0))

    return pattern.sub(spaces, text), found


@lru_cache(maxsize=_TEXT_CACHE_SIZE)
def _contrast(text: str) -> str | None:
    pats = PATTERNS.contrast
    if pats["without-and-with"].search(text):
        return "without-and-with"
    rest, without = _blank(text, pats["without"])
    with_ = pats["with"].search(rest) is not None
    if without and with_:
        return "without-and-with"
    if without:
        return "without"
    return "with" if with_ else None


@lru_cache(maxsize=_TEXT_CACHE_SIZE)
def _text_kind(text: str) -> tuple[str | None, bool]:
    """Kind named by order text (``"ct"`` when contrast is not stated) and whether a biopsy is
    named as the procedure. ``None`` when the text names no modality and no biopsy."""
    if not text:
        return None, False
    text, _ = _blank(text, PATTERNS.blank)
    text, _ = _blank(text, PATTERNS.guidance)
    biopsies = [m.span() for m in PATTERNS.biopsy.finditer(text)]
    first: tuple[int, str] | None = None
    for kind, pattern in PATTERNS.modality.items():
        m = pattern.search(text)
        if m and (first is None or m.start() < first[0]):
            first = (m.start(), kind)
    if biopsies:
        if first is None:
            return "biopsy", True
        occasions = [m.span() for m in PATTERNS.biopsy_not_procedure.finditer(text)]
        if any(not any(s <= b0 and b1 <= e for s, e in occasions) for b0, b1 in biopsies):
            return "biopsy", True
    if first is None:
        return None, bool(biopsies)
    if first[1] == "ct":
        contrast = _contrast(text)
        return (_CT_BY_CONTRAST[contrast] if contrast else "ct"), False
    return first[1], False


@dataclass(frozen=True, slots=True)
class _Anatomy:
    sites: frozenset[str]
    region: str | None


_EMPTY_ANATOMY = _Anatomy(frozenset(), None)


@lru_cache(maxsize=_TEXT_CACHE_SIZE)
def _anatomy(text: str) -> _Anatomy:
    """Sites and CT region named by a text (one scan; cached per distinct text)."""
    if not text:
        return _EMPTY_ANATOMY
    found: dict[str, int] = {}
    sites: set[str] = set()
    for sid, spec in PATTERNS.sites.items():
        m = spec.pattern.search(text)
        if m:
            sites.add(sid)
            if spec.region is not None:
                found[spec.region] = min(m.start(), found.get(spec.region, m.start()))
    for rid, pattern in PATTERNS.regions.items():
        m = pattern.search(text)
        if m:
            found[rid] = min(m.start(), found.get(rid, m.start()))
    region: str | None = None
    if found:
        covered = {r for r in found for o in found if o != r and r in regions.expand(o)}
        kept = {r: p for r, p in found.items() if r not in covered}
        if "abdomen" in kept and "pelvis" in kept:
            kept["abdomen-pelvis"] = min(kept.pop("abdomen"), kept.pop("pelvis"))
        region = min(kept, key=lambda r: kept[r])
    return _Anatomy(frozenset(sites), region)


@lru_cache(maxsize=_TEXT_CACHE_SIZE)
def _purposes(text: str) -> frozenset[str]:
    if not text:
        return frozenset()
    return frozenset(pid for pid, pattern in PATTERNS.purposes.items() if pattern.search(text))


# --------------------------------------------------------------------------- classification

def _concept_parts(concept: Any) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(system, code, display) codings and the texts of a CodeableConcept-like dict."""
    codings: list[tuple[str, str, str]] = []
    texts: list[str] = []
    if not isinstance(concept, dict):
        return codings, texts
    if isinstance(concept.get("text"), str) and concept["text"].strip():
        texts.append(concept["text"])
    for coding in concept.get("coding") or ():
        if not isinstance(coding, dict):
            continue
        display = coding.get("display") if isinstance(coding.get("display"), str) else ""
        if display.strip():
            texts.append(display)
        system, code = coding.get("system"), coding.get("code")
        if isinstance(code, str) and code:
            codings.append((_canonical_system(system if isinstance(system, str) else ""),
                            code, display))
    return codings, texts


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _best_kind(entries: list[CodeEntry]) -> str | None:
    definite = {e.kind for e in entries if e.kind in ORDER_KINDS}
    if definite:
        if {"ct-noncontrast", "ct-contrast"} <= definite:
            return "ct-without-and-with"
        return min(definite, key=_KIND_PRIORITY.index)
    for kind in ("ct", "guidance"):
        if any(e.kind == kind for e in entries):
            return kind
    return None


def _reference(resource: dict, full_url: str | None) -> str:
    rid = resource.get("id")
    if isinstance(rid, str) and rid:
        return f"ServiceRequest/{rid}"
    if full_url:
        return full_url
    return "ServiceRequest"


def classify_order(resource: dict, *, full_url: str | None = None) -> DraftOrder:
    """Validate a draft ServiceRequest (R4, lenient) and read what it orders.

    Raises `errors.InvalidResource` when the resource is not a valid R4 ServiceRequest.
    """
    validate(resource)
    return _classify(resource, full_url)


def _classify(resource: dict, full_url: str | None) -> DraftOrder:
    code_codings, code_texts = _concept_parts(resource.get("code"))
    order_texts = list(code_texts)
    for detail in _list(resource.get("orderDetail")):
        order_texts.extend(_concept_parts(detail)[1])
    entries = [e for e in (CODES.get((s, c)) for s, c, _ in code_codings) if e is not None]
    entries.sort(key=lambda e: (0 if e.kind in ORDER_KINDS else 1,
                                _KIND_PRIORITY.index(e.kind) if e.kind in ORDER_KINDS else 0))
    order_text = " ; ".join(order_texts)

    # kind
    coded = _best_kind(entries)
    text_kind, text_biopsy = _text_kind(order_text)
    if coded in ORDER_KINDS:
        kind = coded
    elif coded == "ct":
        contrast = _contrast(order_text) if order_text else None
        kind = _CT_BY_CONTRAST[contrast] if contrast else "ct"
    elif coded == "guidance":
        kind = "biopsy" if text_biopsy else "other"
    else:
        kind = text_kind or "other"
    contrast_stated = kind != "ct"
    if kind == "ct":
        kind = "ct-contrast"

    # body site
    site_region: str | None = None
    sites: set[str] = set()
    site_texts: list[str] = []
    for concept in _list(resource.get("bodySite")):
        codings, texts = _concept_parts(concept)
        site_texts.extend(texts)
        for system, code, _ in codings:
            hit = BODY_SITES.get((system, code))
            if hit:
                site_region = site_region or hit[0]
                sites |= hit[1]
    site_text = " ; ".join(site_texts)

    # reasons and notes
    reason_texts: list[str] = []
    purposes: set[str] = set()
    for concept in _list(resource.get("reasonCode")):
        codings, texts = _concept_parts(concept)
        reason_texts.extend(texts)
        for system, code, _ in codings:
            purposes |= REASONS.get((system, code), frozenset())
    for ref in _list(resource.get("reasonReference")):
        if isinstance(ref, dict) and isinstance(ref.get("display"), str):
            reason_texts.append(ref["display"])
    note_texts = [n["text"] for n in _list(resource.get("note"))
                  if isinstance(n, dict) and isinstance(n.get("text"), str)]
    reason_text = " ; ".join(reason_texts + note_texts)

    # region: coding → bodySite → order text → reason text
    site_anat, order_anat = _anatomy(site_text), _anatomy(order_text)
    region = next((e.region for e in entries if e.region), None)
    region = region or site_region or site_anat.region or order_anat.region

    for e in entries:
        sites |= e.sites
        purposes |= e.purposes
    sites |= site_anat.sites | order_anat.sites
    if reason_text and (region is None or not sites):
        reason_anat = _anatomy(reason_text)
        region = region or reason_anat.region
        if not sites:
            sites |= reason_anat.sites
    purposes |= _purposes(order_text) | _purposes(site_text) | _purposes(reason_text)

    display = code_texts[0] if code_texts else ""
    if not display and entries:
        display = entries[0].display
    if not display and code_codings:
        display = code_codings[0][1]

    status = resource.get("status")
    return DraftOrder(
        reference=_reference(resource, full_url),
        kind=kind,  # type: ignore[arg-type]
        region=region,
        sites=frozenset(sites),
        purposes=frozenset(purposes),
        display=display,
        codes=tuple((s, c) for s, c, _ in code_codings),
        status=status if isinstance(status, str) else "",
        resource=resource,
        contrast_stated=contrast_stated,
    )
