"""``Store``: the app's storage, one object wiring the five stores over one database.

    database.Database          engine, migrations, patient-hash key     (database.py, schema.py)
    decision_log.DecisionLog   hook calls, cards, suggestions; queued     (decision_log.py)
    feedback.FeedbackStore     clinicians' feedback; committed before 200 (feedback.py)
    replay.ReplayGuard         JWT ids claimed once                       (replay.py)
    jwks.JwksStore             trusted issuers' JWKS, fetched once a window (jwks.py)

``create_app`` opens one (``open_store``) and keeps it in the app's state; the
``cds-service init-db`` command migrates a database to the latest revision.
"""

from __future__ import annotations

import atexit
import logging
from datetime import timedelta

import click
from sqlalchemy import exc
from sqlalchemy.engine import Engine

from cds_service.config import Settings
from cds_service.storage.database import Database, redact_url
from cds_service.storage.decision_log import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_EXIT_FLUSH,
    DEFAULT_FLUSH_INTERVAL,
    DEFAULT_QUEUE_SIZE,
    DecisionLog,
)
from cds_service.storage.feedback import (
    DEFAULT_UNMATCHED_MAX,
    DEFAULT_UNMATCHED_TTL,
    FeedbackStore,
)
from cds_service.storage.jwks import JwksStore
from cds_service.storage.replay import ReplayGuard

log = logging.getLogger(__name__)


class Store:
    """The decision log, feedback, JWT replay and JWKS stores over one database."""

    def __init__(self, database_url: str, *, patient_hash_key: str = "",
                 jti_local_fallback: bool = False,
                 feedback_unmatched_max: int = DEFAULT_UNMATCHED_MAX,
                 feedback_unmatched_ttl: timedelta = DEFAULT_UNMATCHED_TTL,
                 queue_size: int = DEFAULT_QUEUE_SIZE, batch_size: int = DEFAULT_BATCH_SIZE,
                 flush_interval: float = DEFAULT_FLUSH_INTERVAL) -> None:
        self.db = Database(database_url, patient_hash_key=patient_hash_key)
        self.decision_log = DecisionLog(self.db, queue_size=queue_size, batch_size=batch_size,
                                        flush_interval=flush_interval)
        self.feedback = FeedbackStore(self.db, unmatched_max=feedback_unmatched_max,
                                      unmatched_ttl=feedback_unmatched_ttl)
        self.replay = ReplayGuard(self.db, local_fallback=jti_local_fallback)
        self.jwks = JwksStore(self.db)

    @property
    def engine(self) -> Engine:
        return self.db.engine

    def flush(self, timeout: float = DEFAULT_EXIT_FLUSH) -> bool:
        return self.decision_log.flush(timeout)

    def health(self) -> dict[str, str]:
        """``/health``: "ok", or "degraded" while the database takes no write (cards are still
        answered; replay protection refuses calls unless the local fallback is chosen)."""
        if self.db.writable():
            return {"status": "ok", "database": "ok"}
        return {"status": "degraded", "database": "unavailable",
                "replayProtection": "process-local" if self.replay.local_fallback
                else "unavailable"}

    def close(self, timeout: float = DEFAULT_EXIT_FLUSH) -> None:
        """Flush the decision log (up to ``timeout`` seconds) and release connections."""
        self.decision_log.close(timeout)
        self.replay.close()
        self.db.dispose()


def open_store(settings: Settings) -> Store:
    """Create the store from settings and migrate it to head (closed at interpreter exit)."""
    store = Store(settings.database_url, patient_hash_key=settings.hash_key(),
                  jti_local_fallback=settings.jti_local_fallback,
                  feedback_unmatched_max=settings.feedback_unmatched_max,
                  feedback_unmatched_ttl=timedelta(hours=settings.feedback_unmatched_ttl_hours))
    try:
        store.db.migrate()
        log.info("database %s at revision %s", redact_url(store.db.url), store.db.revision)
    except exc.SQLAlchemyError as err:
        # Start anyway: cards do not depend on the database; the writer retries later.
        log.error("database %s unavailable at start-up (%s); decision log degraded",
                  redact_url(store.db.url), type(err).__name__)
    if not settings.hash_key():
        log.warning("no CDS_PATIENT_HASH_KEY(_FILE): the patient-hash key is generated and "
                    "kept in the database (development only; authentication is off)")
    if settings.jti_local_fallback:
        log.warning("CDS_JTI_LOCAL_FALLBACK is set: while the database is down, JWT replay is "
                    "checked per process only (a token may be accepted once per worker)")
    atexit.register(store.close, DEFAULT_EXIT_FLUSH)
    return store


@click.command("init-db")
@click.option("--database-url", default=None, help="Defaults to DATABASE_URL or the SQLite file.")
def init_db_command(database_url: str | None) -> None:
    """Create or upgrade the database schema to the latest revision."""
    url = database_url or Settings.from_env().database_url
    db = Database(url)
    try:
        revision = db.migrate()
    finally:
        db.dispose()
    click.echo(f"database {redact_url(url)} at revision {revision}")
