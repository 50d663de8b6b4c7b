"""``cds-service purge``: delete decision-log and feedback rows past the retention period.

``--older-than DAYS`` (default ``CDS_RETENTION_DAYS``) deletes hook calls with their issued
cards and suggestions, and feedback received, before now − DAYS; it also deletes unmatched
feedback past its expiry (``CDS_FEEDBACK_UNMATCHED_TTL_HOURS``) and expired JWT ids. Run it
from cron or a systemd timer; each run is one transaction per table group.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import click
from sqlalchemy import delete, select

from cds_service.storage.database import Database, redact_url, utcnow
from cds_service.storage.feedback import expire_unmatched
from cds_service.storage.schema import (
    call_table,
    card_table,
    feedback_suggestion_table,
    feedback_table,
    jti_table,
    suggestion_table,
)


@dataclass(frozen=True, slots=True)
class PurgeResult:
    calls: int
    cards: int
    feedback: int
    unmatched_feedback: int
    jti: int


def purge(db: Database, *, older_than: timedelta,
          unmatched_ttl: timedelta | None = None, now: datetime | None = None) -> PurgeResult:
    """Delete what is older than ``older_than``; see the module docstring."""
    db.ensure_ready()
    now = now or utcnow()
    cutoff = now - older_than
    with db.engine.begin() as conn:
        old_calls = select(call_table.c.id).where(call_table.c.created_at < cutoff)
        old_cards = select(card_table.c.card_uuid).where(card_table.c.call_id.in_(old_calls))
        conn.execute(delete(suggestion_table).where(suggestion_table.c.card_uuid.in_(old_cards)))
        cards = conn.execute(delete(card_table).where(card_table.c.call_id.in_(old_calls)))
        calls = conn.execute(delete(call_table).where(call_table.c.created_at < cutoff))
    with db.engine.begin() as conn:
        old_feedback = select(feedback_table.c.id).where(feedback_table.c.received_at < cutoff)
        conn.execute(delete(feedback_suggestion_table).where(
            feedback_suggestion_table.c.feedback_id.in_(old_feedback)))
        feedback = conn.execute(delete(feedback_table).where(
            feedback_table.c.received_at < cutoff))
        unmatched = expire_unmatched(conn, now - unmatched_ttl) if unmatched_ttl else 0
        jti = conn.execute(delete(jti_table).where(jti_table.c.expires_at < now))
    return PurgeResult(calls=calls.rowcount, cards=cards.rowcount, feedback=feedback.rowcount,
                       unmatched_feedback=unmatched, jti=jti.rowcount)


@click.command("purge")
@click.option("--older-than", "days", type=click.IntRange(min=1), default=None,
              help="Delete rows older than this many days [default: CDS_RETENTION_DAYS].")
@click.option("--database-url", default=None, help="Defaults to DATABASE_URL or the SQLite file.")
def purge_command(days: int | None, database_url: str | None) -> None:
    """Delete decision-log and feedback rows past the retention period."""
    from cds_service.config import Settings
    from cds_service.errors import ConfigError

    settings = Settings.from_env()
    days = days or settings.retention_days
    if not days:
        raise ConfigError("purge needs --older-than DAYS or CDS_RETENTION_DAYS")
    url = database_url or settings.database_url
    db = Database(url)
    try:
        result = purge(db, older_than=timedelta(days=days),
                       unmatched_ttl=timedelta(hours=settings.feedback_unmatched_ttl_hours))
    finally:
        db.dispose()
    click.echo(f"database {redact_url(url)}: deleted rows older than {days} days: "
               f"{result.calls} hook calls, {result.cards} cards, {result.feedback} feedback; "
               f"{result.unmatched_feedback} expired unmatched feedback, "
               f"{result.jti} expired JWT ids")
