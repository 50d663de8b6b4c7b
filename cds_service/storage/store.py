"""Decision log, feedback and JWT replay store (SQLAlchemy Core; SQLite or PostgreSQL).

Tables (created by the Alembic migrations in ``cds_service/migrations``):

    cds_meta               key/value: the generated patient-hash key when none is configured
    cds_hook_call          one row per hook call: service, hook, hookInstance, patient hash, shadow
    cds_issued_card        one row per card sent (or, in shadow mode, computed): uuid, rule, card
    cds_issued_suggestion  the suggestions of each issued card: uuid, label
    cds_feedback           one row per distinct feedback (service, card, outcome, outcomeTimestamp)
    cds_feedback_suggestion  the suggestion uuids a clinician accepted
    cds_jti                claimed JWT ids (hashed with the issuer), pruned after expiry

Nothing here holds report text, names, tokens or free-text comments; the patient is kept
only as HMAC-SHA256(patient id) under a key shared by every instance.

Hook calls are logged by a background writer (bounded queue, batched transactions) so that
a slow or unreachable database never delays or fails the cards; feedback is written
synchronously and committed before the endpoint answers.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import hmac
import logging
import os
import queue
import secrets
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import click
from alembic import command as alembic_command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask, current_app
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    create_engine,
    delete,
    event,
    exc,
    select,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.pool import StaticPool

log = logging.getLogger(__name__)

VERSION_TABLE = "cds_alembic_version"
MIGRATION_LOCK_ID = 0x43445331  # "CDS1": pg_advisory_lock key serialising start-up migrations
PATIENT_KEY_META = "patient_hash_key"

DEFAULT_QUEUE_SIZE = 10_000
DEFAULT_BATCH_SIZE = 500
DEFAULT_FLUSH_INTERVAL = 0.2  # seconds the writer waits to fill a batch
DEFAULT_RETRY_MAX = 5.0  # seconds, cap of the writer's back-off while the database is down
DEFAULT_EXIT_FLUSH = 5.0  # seconds given to the writer at interpreter exit
DB_DOWN_HOLD = 5.0  # seconds the jti claim skips the database after a connection failure
PG_CONNECT_TIMEOUT = 3  # seconds
PG_STATEMENT_TIMEOUT_MS = 5000
SQLITE_BUSY_TIMEOUT = 5.0  # seconds
LOCAL_JTI_MAX = 100_000
JTI_PRUNE_EVERY = 60.0  # seconds between deletions of expired jti rows

ID_MAX = 128
LABEL_MAX = 200
CODE_MAX = 256
DISPLAY_MAX = 512

_BigId = BigInteger().with_variant(Integer(), "sqlite")

metadata = MetaData()

meta_table = Table(
    "cds_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", String(512), nullable=False),
)

call_table = Table(
    "cds_hook_call",
    metadata,
    Column("id", _BigId, primary_key=True, autoincrement=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("service_id", String(ID_MAX), nullable=False),
    Column("hook", String(ID_MAX), nullable=False),
    Column("hook_instance", String(ID_MAX), nullable=False),
    Column("patient_hash", String(64), nullable=False),
    Column("shadow", Boolean(), nullable=False),
    Column("card_count", Integer(), nullable=False),
    Index("ix_cds_hook_call_created_at", "created_at"),
)

card_table = Table(
    "cds_issued_card",
    metadata,
    Column("card_uuid", String(ID_MAX), primary_key=True),
    Column("call_id", _BigId, ForeignKey("cds_hook_call.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("service_id", String(ID_MAX), nullable=False),
    Column("rule_id", String(ID_MAX), nullable=False),
    Column("card_id", String(ID_MAX), nullable=False),
    Column("indicator", String(16), nullable=False),
    Column("shadow", Boolean(), nullable=False),
    Index("ix_cds_issued_card_created_at", "created_at"),
    Index("ix_cds_issued_card_rule", "rule_id", "card_id"),
    Index("ix_cds_issued_card_call_id", "call_id"),
)

suggestion_table = Table(
    "cds_issued_suggestion",
    metadata,
    Column(
        "card_uuid",
        String(ID_MAX),
        ForeignKey("cds_issued_card.card_uuid", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("suggestion_uuid", String(ID_MAX), primary_key=True),
    Column("label", String(LABEL_MAX), nullable=False),
)

feedback_table = Table(
    "cds_feedback",
    metadata,
    Column("id", _BigId, primary_key=True, autoincrement=True),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("service_id", String(ID_MAX), nullable=False),
    Column("card_uuid", String(ID_MAX), nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("outcome_timestamp", DateTime(timezone=True), nullable=False),
    Column("override_system", String(CODE_MAX), nullable=True),
    Column("override_code", String(CODE_MAX), nullable=True),
    Column("override_display", String(DISPLAY_MAX), nullable=True),
    Column("has_user_comment", Boolean(), nullable=False),
    UniqueConstraint(
        "service_id", "card_uuid", "outcome", "outcome_timestamp", name="uq_cds_feedback_dedupe"
    ),
    Index("ix_cds_feedback_card_uuid", "card_uuid"),
)

feedback_suggestion_table = Table(
    "cds_feedback_suggestion",
    metadata,
    Column(
        "feedback_id",
        _BigId,
        ForeignKey("cds_feedback.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("suggestion_uuid", String(ID_MAX), primary_key=True),
)

jti_table = Table(
    "cds_jti",
    metadata,
    Column("key_hash", String(64), primary_key=True),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Index("ix_cds_jti_expires_at", "expires_at"),
)


@dataclass(frozen=True, slots=True)
class IssuedCard:
    """A card as sent to the EHR (or computed in shadow mode), for the decision log."""

    card_uuid: str
    rule_id: str
    card_id: str
    indicator: str
    suggestions: tuple[tuple[str, str], ...] = ()  # (suggestion uuid, label)


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


class FeedbackConflict(ValueError):
    """Feedback contradicts the decision log; ``field`` is the JSON path to blame."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class StoreUnavailable(RuntimeError):
    """The database could not be reached or written; safe to show (no detail)."""


@dataclass(frozen=True, slots=True)
class _CallRecord:
    created_at: datetime
    service_id: str
    hook: str
    hook_instance: str
    patient_id: str
    cards: tuple[IssuedCard, ...]
    shadow: bool


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """Return ``value`` as an aware UTC datetime (SQLite hands back naive UTC)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _clip(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[:limit]


def redact_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def migrations_path() -> Path:
    return Path(str(resources.files("cds_service.storage") / "migrations"))


def alembic_config() -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(migrations_path()))
    cfg.attributes["version_table"] = VERSION_TABLE
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def make_engine(database_url: str) -> Engine:
    """Create an engine: SQLite in WAL mode (parent dir created) or PostgreSQL with timeouts."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            try:
                Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            except OSError as err:  # connecting will fail and be handled as an outage
                log.error("cannot create the database directory (%s)", type(err).__name__)
            engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT})
        else:  # in-memory: one shared connection, or the writer thread would see another DB
            engine = create_engine(
                url, poolclass=StaticPool,
                connect_args={"timeout": SQLITE_BUSY_TIMEOUT, "check_same_thread": False},
            )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT * 1000)}")
            cur.close()

        return engine
    connect_args: dict[str, Any] = {}
    if url.get_backend_name() == "postgresql":
        options = url.query.get("options")
        extra = f"-c statement_timeout={PG_STATEMENT_TIMEOUT_MS}"
        if isinstance(options, str) and options:
            extra = options + " " + extra
        connect_args = {"connect_timeout": PG_CONNECT_TIMEOUT, "options": extra}
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args)


@contextlib.contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """Serialise migrations across processes: an advisory lock (PostgreSQL) or a file lock."""
    backend = engine.url.get_backend_name()
    if backend == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK_ID})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK_ID})
                conn.commit()
        return
    database = engine.url.database or ""
    if backend == "sqlite" and database and database != ":memory:" and not database.startswith(
        "file:"
    ):
        import fcntl

        lock_path = Path(database).expanduser().with_name(Path(database).name + ".migrate-lock")
        with open(lock_path, "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        return
    yield


def migrate(engine: Engine) -> str | None:
    """Upgrade the schema to head under a cross-process lock; return the revision."""
    cfg = alembic_config()
    with _migration_lock(engine), engine.begin() as conn:
        cfg.attributes["connection"] = conn
        alembic_command.upgrade(cfg, "head")
    with engine.connect() as conn:
        return current_revision(conn)


def current_revision(conn: Connection) -> str | None:
    ctx = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
    return ctx.get_current_revision()


def _insert_ignore(engine: Engine, table: Table) -> Any:
    """INSERT … ON CONFLICT DO NOTHING for the engine's dialect."""
    backend = engine.url.get_backend_name()
    if backend == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing()
    if backend == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing()
    raise StoreUnavailable(f"unsupported database backend {backend!r}")


def _is_connectivity_error(err: BaseException) -> bool:
    return isinstance(err, exc.OperationalError | exc.InterfaceError) or (
        isinstance(err, exc.DBAPIError) and err.connection_invalidated
    )


class _Writer:
    """Background thread writing hook-call records in batches; drops rather than blocks."""

    def __init__(self, store: Store, *, queue_size: int, batch_size: int,
                 interval: float) -> None:
        self._store = store
        self._queue: queue.Queue[_CallRecord] = queue.Queue(maxsize=queue_size)
        self._batch_size = batch_size
        self._interval = interval
        self._pending = 0
        self._cond = threading.Condition()
        self._stop = threading.Event()
        self.dropped = 0
        self.written = 0
        self._thread = threading.Thread(target=self._run, name="cds-store-writer", daemon=True)
        self._thread.start()

    def submit(self, record: _CallRecord) -> bool:
        with self._cond:
            self._pending += 1
        try:
            self._queue.put_nowait(record)
        except queue.Full:
            with self._cond:
                self._pending -= 1
                self.dropped += 1
                self._cond.notify_all()
            return False
        return True

    def flush(self, timeout: float) -> bool:
        """Wait until every submitted record is written or dropped; False on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._pending:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(remaining)
        return True

    def stop(self, timeout: float) -> None:
        self.flush(timeout)
        self._stop.set()

    def _done(self, count: int, *, written: bool) -> None:
        with self._cond:
            self._pending -= count
            if written:
                self.written += count
            else:
                self.dropped += count
            self._cond.notify_all()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                first = self._queue.get(timeout=0.5)
            except queue.Empty:
                continue
            batch = [first]
            deadline = time.monotonic() + self._interval
            while len(batch) < self._batch_size:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                try:
                    batch.append(self._queue.get(timeout=remaining))
                except queue.Empty:
                    break
            self._write_with_retry(batch)

    def _write_with_retry(self, batch: list[_CallRecord]) -> None:
        delay = 0.1
        while True:
            try:
                self._store._write_calls(batch)
                self._done(len(batch), written=True)
                return
            except Exception as err:
                if _is_connectivity_error(err) or isinstance(err, StoreUnavailable):
                    if self._stop.is_set():
                        self._done(len(batch), written=False)
                        return
                    log.warning("decision log: database unavailable (%s); retrying",
                                type(err).__name__)
                    time.sleep(delay)
                    delay = min(delay * 2, DEFAULT_RETRY_MAX)
                    continue
                break
        # Not a connectivity problem: write one by one, dropping only what the database refuses.
        for record in batch:
            try:
                self._store._write_calls([record])
                self._done(1, written=True)
            except Exception as err:
                log.error("decision log: record dropped (%s)", type(err).__name__)
                self._done(1, written=False)


class Store:
    """Database access for the decision log, feedback and the JWT replay store."""

    def __init__(self, database_url: str, *, patient_hash_key: str = "",
                 queue_size: int = DEFAULT_QUEUE_SIZE, batch_size: int = DEFAULT_BATCH_SIZE,
                 flush_interval: float = DEFAULT_FLUSH_INTERVAL) -> None:
        self.database_url = database_url
        self.engine = make_engine(database_url)
        self._configured_key = patient_hash_key.encode() if patient_hash_key else None
        self._hash_key: bytes | None = self._configured_key
        self._queue_size = queue_size
        self._batch_size = batch_size
        self._flush_interval = flush_interval
        self._lock = threading.Lock()
        self._writer: _Writer | None = None
        self._pid = os.getpid()
        self._ready = False
        self._db_down_until = 0.0
        self._last_prune = 0.0
        self._local_jti: dict[str, float] = {}
        self.revision: str | None = None

    # -- set-up -------------------------------------------------------------------------

    def migrate(self) -> str | None:
        """Upgrade the schema to head and load (or create) the shared patient-hash key."""
        self.revision = migrate(self.engine)
        self._load_hash_key()
        self._ready = True
        return self.revision

    def ensure_ready(self) -> None:
        if not self._ready:
            with self._lock:
                if not self._ready:
                    self.migrate()

    def _load_hash_key(self) -> None:
        if self._configured_key is not None:
            self._hash_key = self._configured_key
            return
        with self.engine.begin() as conn:
            conn.execute(
                _insert_ignore(self.engine, meta_table).values(
                    key=PATIENT_KEY_META, value=secrets.token_hex(32)
                )
            )
            value = conn.execute(
                select(meta_table.c.value).where(meta_table.c.key == PATIENT_KEY_META)
            ).scalar_one()
        self._hash_key = bytes.fromhex(value)

    def patient_hash(self, patient_id: str) -> str:
        """Return HMAC-SHA256(patient id) in hex under the shared key."""
        if self._hash_key is None:
            self.ensure_ready()
        if self._hash_key is None:
            raise StoreUnavailable("patient-hash key not loaded")
        return hmac.new(self._hash_key, patient_id.encode(), hashlib.sha256).hexdigest()

    def _check_fork(self) -> None:
        """After a fork (gunicorn workers), drop inherited pool connections and the thread."""
        pid = os.getpid()
        if pid != self._pid:
            with self._lock:
                if pid != self._pid:
                    self.engine.dispose(close=False)
                    self._writer = None
                    self._local_jti = {}
                    self._pid = pid

    def _get_writer(self) -> _Writer:
        self._check_fork()
        writer = self._writer
        if writer is None:
            with self._lock:
                if self._writer is None:
                    self._writer = _Writer(
                        self, queue_size=self._queue_size, batch_size=self._batch_size,
                        interval=self._flush_interval,
                    )
                writer = self._writer
        return writer

    def close(self, timeout: float = DEFAULT_EXIT_FLUSH) -> None:
        """Flush the decision log (up to ``timeout`` seconds) and release connections."""
        if self._writer is not None and self._pid == os.getpid():
            self._writer.stop(timeout)
            self._writer = None
        self.engine.dispose()

    # -- decision log -------------------------------------------------------------------

    def record_call(self, *, service_id: str, hook: str, hook_instance: str, patient_id: str,
                    cards: Sequence[IssuedCard], shadow: bool) -> None:
        """Queue one hook call for the decision log; never raises, never waits on the DB."""
        try:
            record = _CallRecord(
                created_at=utcnow(), service_id=service_id, hook=hook,
                hook_instance=hook_instance, patient_id=patient_id, cards=tuple(cards),
                shadow=shadow,
            )
            if not self._get_writer().submit(record):
                log.warning("decision log: queue full, hook call not logged")
        except Exception as err:  # the log must never cost the clinician their cards
            log.error("decision log: record_call failed (%s)", type(err).__name__)

    def flush(self, timeout: float = DEFAULT_EXIT_FLUSH) -> bool:
        """Wait until queued hook calls are written; False if ``timeout`` ran out."""
        writer = self._writer
        return True if writer is None else writer.flush(timeout)

    @property
    def dropped_calls(self) -> int:
        return 0 if self._writer is None else self._writer.dropped

    def _write_calls(self, batch: Sequence[_CallRecord]) -> None:
        """Write a batch in three statements (calls, cards, suggestions), one transaction."""
        self.ensure_ready()
        call_rows = [
            {
                "created_at": rec.created_at,
                "service_id": _clip(rec.service_id, ID_MAX),
                "hook": _clip(rec.hook, ID_MAX),
                "hook_instance": _clip(rec.hook_instance, ID_MAX),
                "patient_hash": self.patient_hash(rec.patient_id),
                "shadow": rec.shadow,
                "card_count": len(rec.cards),
            }
            for rec in batch
        ]
        with self.engine.begin() as conn:
            ids = conn.execute(
                call_table.insert().returning(call_table.c.id, sort_by_parameter_order=True),
                call_rows,
            ).scalars().all()
            card_rows = [
                {
                    "card_uuid": _clip(card.card_uuid, ID_MAX),
                    "call_id": call_id,
                    "created_at": rec.created_at,
                    "service_id": _clip(rec.service_id, ID_MAX),
                    "rule_id": _clip(card.rule_id, ID_MAX),
                    "card_id": _clip(card.card_id, ID_MAX),
                    "indicator": _clip(card.indicator, 16),
                    "shadow": rec.shadow,
                }
                for rec, call_id in zip(batch, ids, strict=True)
                for card in rec.cards
            ]
            if card_rows:
                conn.execute(_insert_ignore(self.engine, card_table), card_rows)
            suggestion_rows = [
                {
                    "card_uuid": _clip(card.card_uuid, ID_MAX),
                    "suggestion_uuid": _clip(s_uuid, ID_MAX),
                    "label": _clip(label, LABEL_MAX),
                }
                for rec in batch
                for card in rec.cards
                for s_uuid, label in card.suggestions
            ]
            if suggestion_rows:
                conn.execute(_insert_ignore(self.engine, suggestion_table), suggestion_rows)

    # -- feedback -----------------------------------------------------------------------

    def record_feedback(self, service_id: str, items: Sequence[FeedbackItem]) -> FeedbackResult:
        """Store feedback in one committed transaction, idempotently.

        A repeat (same service, card, outcome and outcomeTimestamp) adds no row. Feedback for
        a card uuid the log does not (yet) hold is stored and joined when the card arrives.
        Raises ``FeedbackConflict`` when the card was issued by another service or an
        accepted suggestion is not one of the card's, ``StoreUnavailable`` on database errors.
        """
        self._check_fork()
        try:
            self.ensure_ready()
            with self.engine.begin() as conn:
                return self._record_feedback(conn, service_id, items)
        except FeedbackConflict:
            raise
        except exc.SQLAlchemyError as err:
            log.error("feedback: database error (%s)", type(err).__name__)
            raise StoreUnavailable("feedback store unavailable") from err

    def _record_feedback(self, conn: Connection, service_id: str,
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
                _insert_ignore(self.engine, feedback_table)
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

    # -- JWT replay ---------------------------------------------------------------------

    def claim_jti(self, issuer: str, jti: str, expires_at: datetime) -> bool:
        """Claim a JWT id until ``expires_at``; False if it was already claimed (a replay).

        The claim is a unique-key insert in the shared database, so a token is accepted once
        across every worker and instance. While the database is unreachable the claim falls
        back to this process's memory (replays within the process are still refused).
        """
        self._check_fork()
        key = hashlib.sha256(issuer.encode() + b"\x00" + jti.encode()).hexdigest()
        expires = as_utc(expires_at)
        mono_now = time.monotonic()
        if not self._claim_local(key, expires):
            return False
        if mono_now < self._db_down_until:
            return True
        try:
            self.ensure_ready()
            with self.engine.begin() as conn:
                if mono_now - self._last_prune > JTI_PRUNE_EVERY:
                    self._last_prune = mono_now
                    conn.execute(delete(jti_table).where(jti_table.c.expires_at < utcnow()))
                inserted = conn.execute(
                    _insert_ignore(self.engine, jti_table)
                    .values(key_hash=key, expires_at=expires)
                    .returning(jti_table.c.key_hash)
                ).scalar_one_or_none()
            return inserted is not None
        except Exception as err:
            self._db_down_until = time.monotonic() + DB_DOWN_HOLD
            log.warning("jti store: database unavailable (%s); using process-local replay cache",
                        type(err).__name__)
            return True

    def _claim_local(self, key: str, expires: datetime) -> bool:
        now = time.time()
        with self._lock:
            seen = self._local_jti.get(key)
            if seen is not None and seen > now:
                return False
            if len(self._local_jti) >= LOCAL_JTI_MAX:
                self._local_jti = {k: v for k, v in self._local_jti.items() if v > now}
                if len(self._local_jti) >= LOCAL_JTI_MAX:
                    self._local_jti.pop(next(iter(self._local_jti)))
            self._local_jti[key] = expires.timestamp()
        return True


def get_store(app: Flask | None = None) -> Store:
    """Return the app's store (``app.extensions["cds_store"]``)."""
    target = app if app is not None else current_app
    return target.extensions["cds_store"]


def init_app(app: Flask) -> Store:
    """Create the store from settings, migrate to head, register ``init-db``."""
    settings = app.config["CDS_SETTINGS"]
    store = Store(settings.database_url, patient_hash_key=settings.patient_hash_key)
    try:
        store.migrate()
        log.info("database %s at revision %s", redact_url(store.database_url), store.revision)
    except exc.SQLAlchemyError as err:
        # Start anyway: cards do not depend on the database; the writer retries later.
        log.error("database %s unavailable at start-up (%s); decision log degraded",
                  redact_url(store.database_url), type(err).__name__)
    app.extensions["cds_store"] = store
    app.cli.add_command(init_db_command)
    atexit.register(store.close, DEFAULT_EXIT_FLUSH)
    return store


def _settings_database_url() -> str:
    from cds_service.config import Settings

    return Settings.from_env().database_url


@click.command("init-db")
@click.option("--database-url", default=None, help="Defaults to DATABASE_URL or the SQLite file.")
def init_db_command(database_url: str | None) -> None:
    """Create or upgrade the database schema to the latest revision."""
    url = database_url or _settings_database_url()
    store = Store(url)
    try:
        revision = store.migrate()
    finally:
        store.close()
    click.echo(f"database {redact_url(url)} at revision {revision}")
