"""Feedback storage (CDS Hooks 2.0 §feedback): written synchronously, committed, idempotent.

A repeat (same service, card, outcome and outcomeTimestamp) adds no row. Feedback for a card
uuid the decision log does not (yet) hold is stored and joined when the card arrives (the log
is written in the background and may lag). Only the presence of a free-text comment is kept.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exc, select
from sqlalchemy.engine import Connection

from cds_service.errors import FeedbackConflict, StoreUnavailable
from cds_service.storage.database import Database, as_utc, utcnow
from cds_service.storage.schema import (
    card_table,
    feedback_suggestion_table,
    feedback_table,
    suggestion_table,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FeedbackItem:
    """One validated feedback entry (CDS Hooks 2.0 §feedback); no free text kept."""

    card_uuid: str
    outcome: str  # "accepted" | "overridden"
    outcome_timestamp: datetime  # timezone-aware, UTC
    accepted_suggestions: tuple[str, ...] = ()
    override_system: str | None = None
    override_code: str | None = None
    override_display: str | None = None
    has_user_comment: bool = False


@dataclass(frozen=True, slots=True)
class FeedbackResult:
    stored: int  # new rows
    duplicates: int  # repeats of feedback already stored (or repeated within the batch)
    unknown_cards: int  # stored, but no issued card with that uuid is (yet) in the log


class FeedbackStore:
    """Stores feedback batches in one committed transaction each."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def record(self, service_id: str, items: Sequence[FeedbackItem]) -> FeedbackResult:
        """Store a batch; raise ``FeedbackConflict`` (card of another service, foreign
        suggestion) or ``StoreUnavailable`` (database error)."""
        self._db.check_fork()
        try:
            self._db.ensure_ready()
            with self._db.engine.begin() as conn:
                return self._record(conn, service_id, items)
        except FeedbackConflict:
            raise
        except exc.SQLAlchemyError as err:
            log.error("feedback: database error (%s)", type(err).__name__)
            raise StoreUnavailable("feedback store unavailable") from err

    def _record(self, conn: Connection, service_id: str,
                items: Sequence[FeedbackItem]) -> FeedbackResult:
        uuids = sorted({item.card_uuid for item in items})
        issued: dict[str, str] = {}
        offered: dict[str, set[str]] = {}
        if uuids:
            for row in conn.execute(
                select(card_table.c.card_uuid, card_table.c.service_id).where(
                    card_table.c.card_uuid.in_(uuids)
                )
            ):
                issued[row.card_uuid] = row.service_id
            for row in conn.execute(
                select(suggestion_table.c.card_uuid, suggestion_table.c.suggestion_uuid).where(
                    suggestion_table.c.card_uuid.in_(uuids)
                )
            ):
                offered.setdefault(row.card_uuid, set()).add(row.suggestion_uuid)
        for i, item in enumerate(items):
            owner = issued.get(item.card_uuid)
            if owner is not None and owner != service_id:
                raise FeedbackConflict(
                    f"feedback[{i}].card", "card was not issued by this service"
                )
            if owner is not None:
                for j, s_uuid in enumerate(item.accepted_suggestions):
                    if s_uuid not in offered.get(item.card_uuid, set()):
                        raise FeedbackConflict(
                            f"feedback[{i}].acceptedSuggestions[{j}].id",
                            "not a suggestion of this card",
                        )
        stored = duplicates = unknown = 0
        now = utcnow()
        for item in items:
            feedback_id = conn.execute(
                self._db.insert_ignore(feedback_table)
                .values(
                    received_at=now,
                    service_id=service_id,
                    card_uuid=item.card_uuid,
                    outcome=item.outcome,
                    outcome_timestamp=as_utc(item.outcome_timestamp),
                    override_system=item.override_system,
                    override_code=item.override_code,
                    override_display=item.override_display,
                    has_user_comment=item.has_user_comment,
                )
                .returning(feedback_table.c.id)
            ).scalar_one_or_none()
            if feedback_id is None:
                duplicates += 1
                continue
            stored += 1
            if item.card_uuid not in issued:
                unknown += 1
            accepted = sorted(set(item.accepted_suggestions))
            if accepted:
                conn.execute(
                    feedback_suggestion_table.insert(),
                    [{"feedback_id": feedback_id, "suggestion_uuid": s} for s in accepted],
                )
        return FeedbackResult(stored=stored, duplicates=duplicates, unknown_cards=unknown)
