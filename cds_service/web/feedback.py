"""``POST /cds-services/{id}/feedback`` (CDS Hooks 2.0 §feedback). Body ``{"feedback": [item, …]}``:

    card                 uuid of a card this service returned                 required
    outcome              "accepted" | "overridden"                            required
    acceptedSuggestions  [{"id": suggestion uuid}, …]      required (non-empty) when accepted
    overrideReason       {"reason": Coding, "userComment": str}   only when overridden; optional
    outcomeTimestamp     RFC 3339 date-time with offset (UTC by spec)         required

Each item is validated on its own: the valid ones are stored in one committed transaction, and
a 400 OperationOutcome names each refused one (``feedback[i].field: problem``). Limits, unmatched
cards, caller binding, quotas and what is kept of ``userComment``: README, *Feedback*.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
from flask import Blueprint, g, jsonify, request
from flask.typing import ResponseReturnValue

from cds_service.errors import (
    BadRequest,
    ErrorCode,
    FeedbackUnavailable,
    ItemsRefused,
    NotFound,
    StoreUnavailable,
)
from cds_service.hooks.services import SERVICES
from cds_service.storage.feedback import FeedbackItem, FeedbackResult
from cds_service.storage.schema import CODE_MAX, DISPLAY_MAX, ID_MAX
from cds_service.web.state import state

MAX_ITEMS = 100
MAX_SUGGESTIONS = 10
FEEDBACK_FLUSH_SECONDS = 0.5  # at most this long writing this worker's queued hook calls
OUTCOMES = frozenset({"accepted", "overridden"})
_RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$"
)

bp = Blueprint("feedback", __name__)


def _bad(field: str, problem: str) -> BadRequest:
    return BadRequest(f"{field}: {problem}", code=ErrorCode.FEEDBACK)


def _optional_string(value: Any, field: str, *, limit: int) -> str | None:
    return None if value is None else _string(value, field, limit=limit)


def _string(value: Any, field: str, *, limit: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _bad(field, "must be a non-empty string")
    if len(value) > limit:
        raise _bad(field, f"must be at most {limit} characters")
    if "\x00" in value:
        raise _bad(field, "must not contain a NUL character")
    return value


def parse_timestamp(value: Any, field: str) -> datetime:
    """Parse an RFC 3339 date-time with offset into aware UTC."""
    if not isinstance(value, str) or not _RFC3339.match(value):
        raise _bad(field, "must be an RFC 3339 date-time with a time-zone offset")
    try:  # Python 3.11 reads RFC 3339 (upper case), cutting digits past microseconds
        return datetime.fromisoformat(value.upper()).astimezone(UTC)
    except (ValueError, OverflowError):  # 0001-01-01T00:00:00+14:00 is before year 1 in UTC
        raise _bad(field, "is not a valid date-time") from None


def parse_item(item: Any, index: int, latest: datetime) -> FeedbackItem:
    """Validate one feedback entry into a FeedbackItem (no free text kept); an
    ``outcomeTimestamp`` after ``latest`` is refused (a forged future answer would outrank the
    real one)."""
    where = f"feedback[{index}]"
    if not isinstance(item, dict):
        raise _bad(where, "must be an object")
    card = _string(item.get("card"), f"{where}.card", limit=ID_MAX)
    outcome = item.get("outcome")
    if not isinstance(outcome, str) or outcome not in OUTCOMES:
        raise _bad(f"{where}.outcome", "must be 'accepted' or 'overridden'")
    timestamp = parse_timestamp(item.get("outcomeTimestamp"), f"{where}.outcomeTimestamp")
    if timestamp > latest:
        raise _bad(f"{where}.outcomeTimestamp", "is in the future")

    accepted: list[str] = []
    raw_accepted = item.get("acceptedSuggestions")
    if raw_accepted is not None:
        if not isinstance(raw_accepted, list) or len(raw_accepted) > MAX_SUGGESTIONS:
            raise _bad(f"{where}.acceptedSuggestions",
                       f"must be an array of at most {MAX_SUGGESTIONS} objects")
        for j, suggestion in enumerate(raw_accepted):
            field = f"{where}.acceptedSuggestions[{j}]"
            if not isinstance(suggestion, dict):
                raise _bad(field, "must be an object with an id")
            accepted.append(_string(suggestion.get("id"), f"{field}.id", limit=ID_MAX))
    if outcome == "accepted" and not accepted:
        raise _bad(f"{where}.acceptedSuggestions", "required when outcome is 'accepted'")
    if outcome == "overridden" and accepted:
        raise _bad(f"{where}.acceptedSuggestions", "not allowed when outcome is 'overridden'")

    system = code = display = None
    has_comment = False
    reason = item.get("overrideReason")
    if reason is not None:
        field = f"{where}.overrideReason"
        if outcome != "overridden":
            raise _bad(field, "only allowed when outcome is 'overridden'")
        if not isinstance(reason, dict):
            raise _bad(field, "must be an object")
        coding = reason.get("reason")
        comment = reason.get("userComment")
        if coding is None and comment is None:
            raise _bad(field, "needs a reason, a userComment or both")
        if coding is not None:
            if not isinstance(coding, dict):
                raise _bad(f"{field}.reason", "must be a Coding object")
            code = _string(coding.get("code"), f"{field}.reason.code", limit=CODE_MAX)
            system = _optional_string(coding.get("system"), f"{field}.reason.system",
                                      limit=CODE_MAX)
            display = _optional_string(coding.get("display"), f"{field}.reason.display",
                                       limit=DISPLAY_MAX)
        if comment is not None:
            if not isinstance(comment, str):
                raise _bad(f"{field}.userComment", "must be a string")
            has_comment = bool(comment.strip())
    return FeedbackItem(
        card_uuid=card,
        outcome=outcome,
        outcome_timestamp=timestamp,
        accepted_suggestions=tuple(accepted),
        override_system=system,
        override_code=code,
        override_display=display,
        has_user_comment=has_comment,
    )


def parse_feedback(body: Any, latest: datetime) -> tuple[list[FeedbackItem], list[str]]:
    """Validate a feedback request body: the valid items, and a ``field: problem`` for each
    refused one. A body that is not a batch raises BadRequest."""
    if not isinstance(body, dict):
        raise _bad("body", "must be a JSON object with a 'feedback' array")
    raw = body.get("feedback")
    if not isinstance(raw, list) or not raw:
        raise _bad("feedback", "must be a non-empty array")
    if len(raw) > MAX_ITEMS:
        raise _bad("feedback", f"must hold at most {MAX_ITEMS} entries")
    items, refused = [], []
    for i, item in enumerate(raw):
        try:
            items.append(parse_item(item, i, latest))
        except BadRequest as err:
            refused.append(err.message)
    return items, refused


@bp.post("/cds-services/<service_id>/feedback")
def receive_feedback(service_id: str) -> ResponseReturnValue:
    """Validate and durably store feedback on cards this service issued."""
    if service_id not in SERVICES:
        raise NotFound(f"no CDS service with id {service_id!r}", code=ErrorCode.UNKNOWN_SERVICE)
    try:  # strict JSON, as hook calls are read: a lone surrogate is not valid JSON
        body = orjson.loads(request.get_data()) if request.is_json else None
    except orjson.JSONDecodeError:
        body = None
    latest = datetime.now(UTC) + timedelta(seconds=state().settings.feedback_clock_skew)
    items, refused = parse_feedback(body, latest)
    result = _store(service_id, items) if items else FeedbackResult(0, 0, 0)
    if refused:
        raise ItemsRefused(refused, f"{result.stored} stored, {result.duplicates} duplicates, "
                           f"{len(refused)} refused of {len(items) + len(refused)} items")
    return jsonify(
        {"stored": result.stored, "duplicates": result.duplicates,
         "unknownCards": result.unknown_cards}
    ), 200


def _store(service_id: str, items: list[FeedbackItem]) -> FeedbackResult:
    client = g.get("cds_client")  # feedback is bound to the caller the card went to
    store = state().store
    # The card may still wait in this worker's decision-log queue (written every 0.25 s):
    # write it first, so the feedback meets its card now (and its caller is checked now).
    store.flush(FEEDBACK_FLUSH_SECONDS)
    try:
        return store.feedback.record(  # FeedbackConflict: 400; quota: 429
            service_id, items, issuer=client.issuer if client else None,
            tenant=client.tenant if client else None)
    except StoreUnavailable:
        raise FeedbackUnavailable("feedback could not be stored; retry later") from None
