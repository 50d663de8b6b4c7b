"""The database connection: engines, migrations under a cross-process lock, the patient-hash key.

``Database`` is what the decision log, feedback and replay stores share: one engine (SQLite in
WAL mode, or PostgreSQL with connect and statement timeouts), the schema brought to the Alembic
head once per process (``ensure_ready``), and the key of the HMAC that pseudonymises patient
ids. The key is ``CDS_PATIENT_HASH_KEY`` when configured, else one generated key kept in
``cds_meta`` and shared by every instance on the database.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import os
import secrets
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command as alembic_command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Table, create_engine, event, exc, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.pool import StaticPool

from cds_service.errors import ConfigError, StoreUnavailable
from cds_service.storage.schema import VERSION_TABLE, meta_table

log = logging.getLogger(__name__)

MIGRATION_LOCK_ID = 0x43445331  # "CDS1": pg_advisory_lock key serialising start-up migrations
PATIENT_KEY_META = "patient_hash_key"
HEALTH_META = "health_probe"  # the cds_meta row /health rewrites
PG_CONNECT_TIMEOUT = 3  # seconds
PG_STATEMENT_TIMEOUT_MS = 5000
SQLITE_BUSY_TIMEOUT = 5.0  # seconds
HEALTH_RECHECK = 2.0  # seconds a reachability check is reused (health probes come often)


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """Return ``value`` as an aware UTC datetime (SQLite hands back naive UTC)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def clip(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[:limit]


def redact_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def is_connectivity_error(err: BaseException) -> bool:
    """True when ``err`` means the database could not be reached (worth retrying later)."""
    return isinstance(err, exc.OperationalError | exc.InterfaceError) or (
        isinstance(err, exc.DBAPIError) and err.connection_invalidated
    )


# -- engines and migrations -------------------------------------------------------------


def unwritable(directory: Path, err: OSError) -> ConfigError:
    """The SQLite database's directory cannot be written: the service cannot run like this
    (one line naming the path, exit status 2, from any ``cds-service`` command)."""
    return ConfigError(f"DATABASE_URL: cannot write to the database directory {directory} "
                       f"({err.strerror or type(err).__name__})")


def migrations_path() -> Path:
    return Path(str(resources.files("cds_service.storage") / "migrations"))


def alembic_config() -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(migrations_path()))
    cfg.attributes["version_table"] = VERSION_TABLE
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _sqlite_file(database: str | None) -> bool:
    return bool(database) and database != ":memory:" and not str(database).startswith("file:")


def make_engine(database_url: str) -> Engine:
    """Create an engine: SQLite in WAL mode (parent dir created) or PostgreSQL with timeouts."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        if _sqlite_file(url.database):
            directory = Path(url.database or "").expanduser().parent
            try:
                directory.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise unwritable(directory, err) from None
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
    if backend == "sqlite" and _sqlite_file(database):
        import fcntl

        lock_path = Path(database).expanduser().with_name(Path(database).name + ".migrate-lock")
        try:
            handle = open(lock_path, "a+")  # noqa: SIM115 - closed by the with below
        except OSError as err:
            raise unwritable(lock_path.parent, err) from None
        with handle:
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


# -- the shared connection --------------------------------------------------------------


class Database:
    """One engine, migrated once per process, and the patient-hash key."""

    def __init__(self, database_url: str, *, patient_hash_key: str = "") -> None:
        self.url = database_url
        self.engine = make_engine(database_url)
        self.backend = self.engine.url.get_backend_name()
        self._configured_key = patient_hash_key.encode() if patient_hash_key else None
        self._hash_key: bytes | None = self._configured_key
        self._lock = threading.Lock()
        self._pid = os.getpid()
        self._ready = False
        self.revision: str | None = None
        self._health_lock = threading.Lock()
        self._reachable = False
        self._checked_until = 0.0

    def migrate(self) -> str | None:
        """Upgrade the schema to head and load (or create) the shared patient-hash key."""
        self.revision = migrate(self.engine)
        self._load_hash_key()
        self._ready = True
        return self.revision

    def ensure_ready(self) -> None:
        """Migrate on first use (raises the database's error while it is unreachable)."""
        if not self._ready:
            with self._lock:
                if not self._ready:
                    self.migrate()

    def check_fork(self) -> bool:
        """After a fork (gunicorn workers), drop inherited pool connections; True if forked."""
        pid = os.getpid()
        if pid == self._pid:
            return False
        with self._lock:
            if pid != self._pid:
                self.engine.dispose(close=False)
                self._pid = pid
        return True

    def writable(self) -> bool:
        """Whether the database takes a write now: one ``cds_meta`` row rewritten (the result
        reused for ``HEALTH_RECHECK`` seconds; concurrent probes share one check).

        Every worker and instance probes the one database the same way, so they all give one
        answer: a full disk, a read-only or an unreachable database fails the probe in each
        (a read alone passed on a full disk, and each worker's replay store failing on its
        own made ``/health`` flip by worker)."""
        self.check_fork()
        with self._health_lock:
            if time.monotonic() < self._checked_until:
                return self._reachable
            try:
                self.ensure_ready()
                with self.engine.begin() as conn:
                    conn.execute(self.insert_ignore(meta_table).values(key=HEALTH_META, value=""))
                    conn.execute(update(meta_table).where(meta_table.c.key == HEALTH_META)
                                 .values(value=utcnow().isoformat()))
                self._reachable = True
            except Exception as err:
                log.warning("database unavailable for writing (%s)", type(err).__name__)
                self._reachable = False
            self._checked_until = time.monotonic() + HEALTH_RECHECK
            return self._reachable

    def insert_ignore(self, table: Table) -> Any:
        """INSERT … ON CONFLICT DO NOTHING for this database's dialect."""
        if self.backend == "postgresql":
            return postgresql.insert(table).on_conflict_do_nothing()
        if self.backend == "sqlite":
            return sqlite.insert(table).on_conflict_do_nothing()
        raise StoreUnavailable(f"unsupported database backend {self.backend!r}")

    def _load_hash_key(self) -> None:
        if self._configured_key is not None:
            self._hash_key = self._configured_key
            return
        with self.engine.begin() as conn:
            conn.execute(
                self.insert_ignore(meta_table).values(
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

    def dispose(self) -> None:
        self.engine.dispose()
