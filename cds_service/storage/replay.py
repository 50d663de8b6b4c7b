"""JWT replay protection: each (issuer, jti) is accepted once, across workers and instances.

A claim is a unique-key insert into ``cds_jti`` in the shared database, so a token is accepted
once on every worker and instance; expired rows are pruned at most once a minute.

While the database is unreachable (and for ``DB_DOWN_HOLD`` seconds after a failure, without a
reconnect attempt per call) the policy decides:

* ``local_fallback=False`` (the default, ``CDS_JTI_LOCAL_FALLBACK`` unset): fail closed, the
  claim raises ``ReplayStoreUnavailable`` and the caller answers 503;
* ``local_fallback=True``: claims go to this process's ``LocalReplayCache`` (a replay within the
  process is still refused, one through another worker or instance is not). In this mode every
  claim is also checked there first, so a replay in the same process is refused without a
  database round trip.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from datetime import datetime
from typing import Any

from sqlalchemy.pool import StaticPool

from cds_service.errors import ReplayStoreUnavailable
from cds_service.storage.database import Database, as_utc, utcnow
from cds_service.storage.schema import jti_table

log = logging.getLogger(__name__)

DB_DOWN_HOLD = 5.0  # seconds the claim skips the database after a connection failure
LOCAL_JTI_MAX = 100_000
JTI_PRUNE_EVERY = 60.0  # seconds between deletions of expired jti rows
# Connections a forked child inherited: kept referenced, never closed (closing a PostgreSQL
# connection would end the parent's session)
_INHERITED: list[Any] = []
# The claim and the prune in each driver's parameter style (cds_jti: schema.jti_table)
_SQL = {
    "postgresql": ("INSERT INTO cds_jti (key_hash, expires_at) VALUES (%s, %s) "
                   "ON CONFLICT DO NOTHING", "DELETE FROM cds_jti WHERE expires_at < %s"),
    "sqlite": ("INSERT INTO cds_jti (key_hash, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
               "DELETE FROM cds_jti WHERE expires_at < ?"),
}


def replay_key(issuer: str, jti: str) -> str:
    return hashlib.sha256(issuer.encode() + b"\x00" + jti.encode()).hexdigest()


class LocalReplayCache:
    """Claimed keys of this process until they expire; bounded to ``max_entries``."""

    def __init__(self, max_entries: int = LOCAL_JTI_MAX) -> None:
        self._seen: dict[str, float] = {}
        self._max = max_entries
        self._lock = threading.Lock()

    def claim(self, key: str, expires_at: float) -> bool:
        """Claim ``key`` until ``expires_at`` (epoch seconds); False if already claimed."""
        now = time.time()
        with self._lock:
            seen = self._seen.get(key)
            if seen is not None and seen > now:
                return False
            if len(self._seen) >= self._max:
                self._seen = {k: v for k, v in self._seen.items() if v > now}
                if len(self._seen) >= self._max:
                    self._seen.pop(next(iter(self._seen)))
            self._seen[key] = expires_at
        return True


class ReplayGuard:
    """Claims JWT ids in the database; ``local_fallback`` chooses what an outage does.

    A claim is one driver-level statement, ``INSERT … ON CONFLICT DO NOTHING`` (its row count
    says whether the id was new), on a connection this guard keeps between claims: autocommit
    on PostgreSQL (one round trip), an implicit transaction and ``COMMIT`` on SQLite. Kept
    connections are never handed back to the engine's pool (their autocommit must not leak):
    they are invalidated on an error, on ``close`` and, unclosed, after a fork. An in-memory
    SQLite database (one shared connection, tests and development) goes through SQLAlchemy.
    """

    def __init__(self, db: Database, *, local_fallback: bool = False,
                 down_hold: float = DB_DOWN_HOLD) -> None:
        self._db = db
        self.local_fallback = local_fallback
        self.down_hold = down_hold
        self._local = LocalReplayCache() if local_fallback else None
        self._db_down_until = 0.0
        self._last_prune = 0.0
        self._idle: list[Any] = []  # kept DBAPI connections (pool-proxied), free for a claim
        self._pid = os.getpid()
        pg = db.backend == "postgresql"
        self._insert, self._prune = _SQL["postgresql" if pg else "sqlite"]
        self._autocommit = pg
        self._direct = pg or (db.backend == "sqlite"
                              and not isinstance(db.engine.pool, StaticPool))

    def claim(self, issuer: str, jti: str, expires_at: datetime) -> bool:
        """Claim a JWT id until ``expires_at``; False if it was already claimed (a replay).

        Raises ``ReplayStoreUnavailable`` when the database cannot be reached and no fallback
        is configured.
        """
        self._db.check_fork()
        key = replay_key(issuer, jti)
        expires = as_utc(expires_at)
        if self._local is not None and not self._local.claim(key, expires.timestamp()):
            return False
        mono_now = time.monotonic()
        if mono_now < self._db_down_until:
            return self._outage(None)
        prune = mono_now - self._last_prune > JTI_PRUNE_EVERY
        if prune:
            self._last_prune = mono_now
        try:
            self._db.ensure_ready()
            if not self._direct:
                return self._claim_sqlalchemy(key, expires, prune)
            try:
                return self._claim_direct(key, expires, prune, kept=True)
            except Exception:  # a kept connection may have died with a restart: one fresh try
                return self._claim_direct(key, expires, prune, kept=False)
        except Exception as err:
            self._db_down_until = time.monotonic() + self.down_hold
            return self._outage(err)

    def _param(self, value: datetime) -> Any:
        # SQLite: the text SQLAlchemy's DateTime stores (naive UTC), so comparisons agree
        return value if self._autocommit else value.strftime("%Y-%m-%d %H:%M:%S.%f")

    def _claim_direct(self, key: str, expires: datetime, prune: bool, *, kept: bool) -> bool:
        conn = self._checkout(kept)
        try:
            cur = conn.cursor()
            try:
                if prune:
                    cur.execute(self._prune, (self._param(utcnow()),))
                cur.execute(self._insert, (key, self._param(expires)))
                inserted = cur.rowcount == 1
            finally:
                cur.close()
            if not self._autocommit:
                conn.commit()
        except BaseException:
            conn.invalidate()
            raise
        self._idle.append(conn)
        return inserted

    def _checkout(self, kept: bool) -> Any:
        if os.getpid() != self._pid:  # the parent's connections are the parent's: never close
            _INHERITED.extend(self._idle)
            self._idle = []
            self._pid = os.getpid()
        if kept:
            try:
                return self._idle.pop()
            except IndexError:
                pass
        conn = self._db.engine.raw_connection()
        if self._autocommit:
            assert conn.driver_connection is not None  # a fresh checkout holds its connection
            conn.driver_connection.autocommit = True
        return conn

    def _claim_sqlalchemy(self, key: str, expires: datetime, prune: bool) -> bool:
        with self._db.engine.begin() as conn:
            if prune:
                conn.execute(jti_table.delete().where(jti_table.c.expires_at < utcnow()))
            inserted = conn.execute(
                self._db.insert_ignore(jti_table)
                .values(key_hash=key, expires_at=expires)
                .returning(jti_table.c.key_hash)
            ).scalar_one_or_none()
        return inserted is not None

    def close(self) -> None:
        """Drop the kept connections (they are never returned to the pool)."""
        idle, self._idle = self._idle, []
        if os.getpid() != self._pid:
            _INHERITED.extend(idle)
            return
        for conn in idle:
            try:
                conn.invalidate()
            except Exception as err:  # closing a dead connection
                log.debug("jti store: closing a kept connection failed (%s)",
                          type(err).__name__)

    def prune_now(self) -> None:
        """Make the next database claim delete expired rows."""
        self._last_prune = float("-inf")

    def _outage(self, err: Exception | None) -> bool:
        if self._local is not None:
            if err is not None:
                log.warning("jti store: database unavailable (%s); using the process-local "
                            "replay cache (CDS_JTI_LOCAL_FALLBACK)", type(err).__name__)
            return True
        if err is not None:
            log.error("jti store: database unavailable (%s); refusing calls until it is back",
                      type(err).__name__)
        raise ReplayStoreUnavailable("replay protection unavailable; retry later")
