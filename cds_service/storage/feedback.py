"""Feedback storage (CDS Hooks 2.0 §feedback): written synchronously, committed, idempotent
(a repeat adds no row), bound to its caller, unmatched feedback bounded per issuer and expired:
README, *Feedback*. Only the presence of a free-text comment is kept.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, FromClause, and_, delete, exc, exists, func, select
from sqlalchemy.engine import Connection

from cds_service.errors import FeedbackConflict, FeedbackQuotaExceeded, StoreUnavailable
from cds_service.storage.database import Database, as_utc, clip, utcnow
from cds_service.storage.schema import (
    ID_MAX,
    ISSUER_MAX,
    card_table,
    feedback_suggestion_table,
    feedback_table,
    suggestion_table,
)

log = logging.getLogger(__name__)

DEFAULT_UNMATCHED_MAX = 10_000  # unmatched feedback rows kept per issuer
DEFAULT_UNMATCHED_TTL = timedelta(days=7)  # unmatched feedback older than this is deleted
EXPIRE_EVERY = 60.0  # seconds between expiry sweeps


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


def same_caller(card: FromClause, feedback: FromClause) -> ColumnElement[bool]:
    """SQL: the card's and the feedback's issuer and tenant are equal (null = null)."""
    return and_(card.c.issuer.is_not_distinct_from(feedback.c.issuer),
                card.c.tenant.is_not_distinct_from(feedback.c.tenant))


def unmatched_feedback() -> ColumnElement[bool]:
    """SQL: the feedback row's card is not in the decision log."""
    return ~exists().where(card_table.c.card_uuid == feedback_table.c.card_uuid)


class FeedbackStore:
    """Stores feedback batches in one committed transaction each."""

    def __init__(self, db: Database, *, unmatched_max: int = DEFAULT_UNMATCHED_MAX,
                 unmatched_ttl: timedelta = DEFAULT_UNMATCHED_TTL) -> None:
        self._db = db
        self.unmatched_max = unmatched_max
        self.unmatched_ttl = unmatched_ttl
        self._last_expiry = 0.0

    def record(self, service_id: str, items: Sequence[FeedbackItem], *,
               issuer: str | None = None, tenant: str | None = None) -> FeedbackResult:
        """Store a batch from the caller ``issuer``/``tenant`` (None without authentication).

        Raises ``FeedbackConflict`` (card of another service or caller, foreign suggestion),
        ``FeedbackQuotaExceeded`` or ``StoreUnavailable`` (database error); nothing of the
        batch is stored then.
        """
        self._db.check_fork()
        issuer = clip(issuer, ISSUER_MAX) if issuer else None
        tenant = clip(tenant, ID_MAX) if tenant else None
        try:
            self._db.ensure_ready()
            with self._db.engine.begin() as conn:
                if time.monotonic() - self._last_expiry > EXPIRE_EVERY:
                    self._last_expiry = time.monotonic()
                    expire_unmatched(conn, utcnow() - self.unmatched_ttl)
                return self._record(conn, service_id, items, issuer, tenant)
        except (FeedbackConflict, FeedbackQuotaExceeded):
            raise
        except exc.SQLAlchemyError as err:
            log.error("feedback: database error (%s)", type(err).__name__)
            raise StoreUnavailable("feedback store unavailable") from err

    def expire_now(self) -> None:
        """Make the next ``record`` sweep expired unmatched feedback."""
        self._last_expiry = float("-inf")

    def _record(self, conn: Connection, service_id: str, items: Sequence[FeedbackItem],
                issuer: str | None, tenant: str | None) -> FeedbackResult:
        uuids = sorted({item.card_uuid for item in items})
        issued: dict[str, tuple[str, str | None, str | None]] = {}
        offered: dict[str, set[str]] = {}
        if uuids:
            for row in conn.execute(
                select(card_table.c.card_uuid, card_table.c.service_id, card_table.c.issuer,
                       card_table.c.tenant).where(card_table.c.card_uuid.in_(uuids))
            ):
                issued[row.card_uuid] = (row.service_id, row.issuer, row.tenant)
            for offer in conn.execute(
                select(suggestion_table.c.card_uuid, suggestion_table.c.suggestion_uuid).where(
                    suggestion_table.c.card_uuid.in_(uuids)
                )
            ):
                offered.setdefault(offer.card_uuid, set()).add(offer.suggestion_uuid)
        for i, item in enumerate(items):
            owner = issued.get(item.card_uuid)
            if owner is None:
                continue
            if owner[0] != service_id:
                raise FeedbackConflict(f"feedback[{i}].card", "card was not issued by this service")
            if owner[1:] != (issuer, tenant):
                log.warning("feedback refused: card issued to another caller")
                raise FeedbackConflict(f"feedback[{i}].card", "card was not issued to this caller")
            for j, s_uuid in enumerate(item.accepted_suggestions):
                if s_uuid not in offered.get(item.card_uuid, set()):
                    raise FeedbackConflict(f"feedback[{i}].acceptedSuggestions[{j}].id",
                                           "not a suggestion of this card")
        unknown_items = sum(1 for item in items if item.card_uuid not in issued)
        if unknown_items:
            held = conn.execute(
                select(func.count()).select_from(feedback_table).where(
                    feedback_table.c.issuer.is_not_distinct_from(issuer),  # any tenant
                    unmatched_feedback(),
                )
            ).scalar_one()
            if held + unknown_items > self.unmatched_max:
                log.warning("feedback refused: unmatched feedback quota reached",
                            extra={"held": held, "quota": self.unmatched_max})
                raise FeedbackQuotaExceeded(
                    "too much feedback on cards this service has no record of; retry later")
        stored = duplicates = unknown = 0
        now = utcnow()
        for item in items:
            feedback_id = conn.execute(
                self._db.insert_ignore(feedback_table).values(
                    received_at=now, service_id=service_id, card_uuid=item.card_uuid,
                    outcome=item.outcome, outcome_timestamp=as_utc(item.outcome_timestamp),
                    override_system=item.override_system, override_code=item.override_code,
                    override_display=item.override_display,
                    has_user_comment=item.has_user_comment, issuer=issuer, tenant=tenant,
                ).returning(feedback_table.c.id)
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


def expire_unmatched(conn: Connection, before: datetime) -> int:
    """Delete feedback received before ``before`` whose card never reached the log."""
    ids = select(feedback_table.c.id).where(
        feedback_table.c.received_at < before, unmatched_feedback()).scalar_subquery()
    conn.execute(delete(feedback_suggestion_table).where(
        feedback_suggestion_table.c.feedback_id.in_(ids)))
    return conn.execute(delete(feedback_table).where(feedback_table.c.id.in_(ids))).rowcount
