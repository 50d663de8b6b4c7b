"""Validate a CDS Hooks request body into a typed ``HookRequest``: lenient in what real
clients send, strict about what the service needs; a problem is a ``BadRequest`` naming the
field, never its value. ``context.patientId`` must be a FHIR id (it goes into queries) and
``hookInstance`` a UUID (kept lower case: it is logged and stored).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from cds_service.config import DEFAULT_MAX_DRAFT_ORDERS
from cds_service.errors import BadRequest, ErrorCode

ORDER_SELECT = "order-select"
ORDER_SIGN = "order-sign"

FHIR_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")
_UUID = re.compile(r"(?:urn:uuid:)?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                   r"[0-9a-fA-F]{4}-[0-9a-fA-F]{12})")


@dataclass(frozen=True, slots=True)
class DraftEntry:
    resource: dict[str, Any]
    full_url: str | None


@dataclass(frozen=True, slots=True)
class HookRequest:
    hook: str
    hook_instance: str
    patient_id: str
    draft_entries: tuple[DraftEntry, ...]
    selections: frozenset[str]  # a set: membership is asked once per draft order
    prefetch: dict[str, Any]
    fhir_server: str | None = None
    access_token: str | None = field(default=None, repr=False)
    user_id: str | None = None
    encounter_id: str | None = None

    @property
    def context_tokens(self) -> dict[str, str]:
        """Values for ``{{context.*}}`` prefetch tokens."""
        tokens = {"patientId": self.patient_id}
        if self.user_id:
            tokens["userId"] = self.user_id
        if self.encounter_id:
            tokens["encounterId"] = self.encounter_id
        return tokens


def _require_object(value: Any, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadRequest(f"{name} must be a JSON object", code=ErrorCode.NOT_OBJECT)
    return value


def _optional_str(obj: dict[str, Any], key: str, name: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise BadRequest(f"{name} must be a non-empty string", code=ErrorCode.NOT_STRING)
    return value


def _required_str(obj: dict[str, Any], key: str, name: str) -> str:
    value = _optional_str(obj, key, name)
    if value is None:
        raise BadRequest(f"{name} is required", code=ErrorCode.MISSING)
    return value


def _fhir_server(body: dict[str, Any]) -> str | None:
    server = _optional_str(body, "fhirServer", "fhirServer")
    if server is None:
        return None
    parts = urlsplit(server)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BadRequest("fhirServer must be an absolute http(s) URL", code=ErrorCode.FHIR_SERVER)
    return server.rstrip("/")


def _access_token(body: dict[str, Any], fhir_server: str | None) -> str | None:
    auth = body.get("fhirAuthorization")
    if auth is None:
        return None
    auth = _require_object(auth, "fhirAuthorization")
    token = _required_str(auth, "access_token", "fhirAuthorization.access_token")
    token_type = auth.get("token_type", "Bearer")
    if not isinstance(token_type, str) or token_type.lower() != "bearer":
        raise BadRequest("fhirAuthorization.token_type must be Bearer", code=ErrorCode.TOKEN_TYPE)
    if fhir_server is None:
        raise BadRequest("fhirServer is required when fhirAuthorization is sent",
                         code=ErrorCode.FHIR_SERVER)
    return token


def _patient_id(context: dict[str, Any]) -> str:
    patient_id = _required_str(context, "patientId", "context.patientId")
    if not FHIR_ID.fullmatch(patient_id):
        raise BadRequest("context.patientId must be a FHIR id: 1-64 of A-Z a-z 0-9 - .",
                         code=ErrorCode.PATIENT_ID)
    return patient_id


def hook_instance_of(body: dict[str, Any]) -> str:
    """The request's ``hookInstance``, checked (a UUID, normalised); 400 otherwise."""
    raw = _required_str(body, "hookInstance", "hookInstance")
    match = _UUID.fullmatch(raw)
    if match is None:
        raise BadRequest("hookInstance must be a UUID", code=ErrorCode.HOOK_INSTANCE)
    return str(uuid.UUID(match.group(1)))


def _draft_entries(context: dict[str, Any], max_items: int) -> tuple[DraftEntry, ...]:
    if "draftOrders" not in context:
        raise BadRequest("context.draftOrders is required", code=ErrorCode.DRAFT_ORDERS)
    bundle = _require_object(context["draftOrders"], "context.draftOrders")
    if bundle.get("resourceType") != "Bundle":
        raise BadRequest("context.draftOrders must be a FHIR Bundle", code=ErrorCode.DRAFT_ORDERS)
    entries = bundle.get("entry", [])
    if not isinstance(entries, list):
        raise BadRequest("context.draftOrders.entry must be an array", code=ErrorCode.DRAFT_ORDERS)
    if len(entries) > max_items:
        raise BadRequest(f"context.draftOrders has more than {max_items} entries "
                         "(CDS_MAX_DRAFT_ORDERS)", code=ErrorCode.TOO_MANY_ORDERS)
    out: list[DraftEntry] = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("resource"), dict):
            raise BadRequest(f"context.draftOrders.entry[{i}].resource must be a FHIR resource",
                             code=ErrorCode.DRAFT_ORDERS)
        full_url = entry.get("fullUrl")
        out.append(DraftEntry(entry["resource"], full_url if isinstance(full_url, str) else None))
    return tuple(out)


def _selections(context: dict[str, Any], hook: str, max_items: int) -> frozenset[str]:
    raw = context.get("selections")
    if raw is None:
        if hook == ORDER_SELECT:
            raise BadRequest("context.selections is required for order-select",
                             code=ErrorCode.SELECTIONS)
        return frozenset()
    if not isinstance(raw, list) or not all(isinstance(s, str) and s for s in raw):
        raise BadRequest("context.selections must be an array of references",
                         code=ErrorCode.SELECTIONS)
    if len(raw) > max_items:
        raise BadRequest(f"context.selections has more than {max_items} references "
                         "(CDS_MAX_DRAFT_ORDERS)", code=ErrorCode.TOO_MANY_ORDERS)
    return frozenset(raw)


def parse_hook_request(
    body: Any, *, expected_hook: str, max_draft_orders: int = DEFAULT_MAX_DRAFT_ORDERS,
) -> HookRequest:
    """Validate ``body`` (decoded JSON) for a service on ``expected_hook``.

    More than ``max_draft_orders`` draft orders (or selections) is a 400: the cards for such
    a call could not be read, and its cost grows with every order.
    """
    body = _require_object(body, "request body")
    hook = _required_str(body, "hook", "hook")
    if hook != expected_hook:
        raise BadRequest(f"hook must be {expected_hook} for this service", code=ErrorCode.HOOK)
    hook_instance = hook_instance_of(body)
    fhir_server = _fhir_server(body)
    token = _access_token(body, fhir_server)
    context = _require_object(body.get("context"), "context")
    patient_id = _patient_id(context)
    draft_entries = _draft_entries(context, max_draft_orders)
    prefetch = _require_object(body["prefetch"] if body.get("prefetch") is not None else {},
                               "prefetch")
    return HookRequest(
        hook=hook, hook_instance=hook_instance, patient_id=patient_id,
        draft_entries=draft_entries, selections=_selections(context, hook, max_draft_orders),
        prefetch=prefetch, fhir_server=fhir_server, access_token=token,
        user_id=_optional_str(context, "userId", "context.userId"),
        encounter_id=_optional_str(context, "encounterId", "context.encounterId"))
