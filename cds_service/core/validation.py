"""Lenient R4 validation with the ``fhir.resources.R4B`` models, shared by every reader.

Real clients send unknown extensions (fine in FHIR) and sometimes unknown top-level
properties: those are dropped and the rest validated once more. Anything else raises
``InvalidResource`` whose reason lists field paths only, never values (values may be PHI),
and sanitises odd property names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from cds_service.errors import InvalidResource

_SAFE_PART = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")


def _path(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif isinstance(part, str):
            name = part if _SAFE_PART.match(part) else "<unnamed>"
            out += f".{name}" if out else name
    return out or "(resource)"


def reason(errors: list[Mapping[str, Any]]) -> str:
    """Summarise validation errors as field paths grouped by kind."""
    groups: dict[str, set[str]] = {}
    for err in errors:
        kind = {"missing": "missing", "extra_forbidden": "unknown"}.get(err.get("type", ""),
                                                                        "invalid")
        groups.setdefault(kind, set()).add(_path(err.get("loc", ())))
    parts = []
    for kind in ("missing", "unknown", "invalid"):
        paths = sorted(groups.get(kind, ()))
        if paths:
            more = f" (+{len(paths) - 10} more)" if len(paths) > 10 else ""
            parts.append(f"{kind}: {', '.join(paths[:10])}{more}")
    return "; ".join(parts) or "validation failed"


def _errors(model: Any, resource: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    try:
        model.model_validate(resource)
    except ValidationError as exc:
        return list(exc.errors(include_url=False, include_input=False, include_context=False))
    except Exception:  # noqa: BLE001 - fhir.resources raises assorted types; never echo values
        return [{"type": "invalid", "loc": ()}]
    return []


def validate_r4(resource: Any, model: Any, resource_type: str) -> None:
    """Raise ``InvalidResource`` unless ``resource`` is a valid R4 ``resource_type``."""
    if not isinstance(resource, Mapping):
        raise InvalidResource(resource_type, "not a JSON object")
    if resource.get("resourceType") != resource_type:
        raise InvalidResource(resource_type, f"resourceType is not {resource_type}")
    errs = _errors(model, resource)
    if not errs:
        return
    unknown_top = {e["loc"][0] for e in errs
                   if e.get("type") == "extra_forbidden" and len(e.get("loc", ())) == 1}
    if unknown_top and len(unknown_top) == len(errs):
        errs = _errors(model, {k: v for k, v in resource.items() if k not in unknown_top})
        if not errs:
            return
    raise InvalidResource(resource_type, reason(errs))
