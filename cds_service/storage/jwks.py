"""The trusted issuers' JWKS, shared over the database (``cds_jwks``) by every worker and instance.

Before fetching an issuer's JWKS a worker asks ``claim``: the fetch is its own only when nobody
tried within the refetch interval (one conditional UPDATE decides between racing workers), so
the interval holds whatever the number of workers and however often they restart. The answer
also carries the JWKS another worker fetched last (a rotated key is fetched once and verifies
on every worker), and how long a fetch another worker is making may still take (``pending``):
the caller waits for its keys rather than refusing a token they would verify. A database
error never refuses a token: ``claim`` answers None and the worker keeps to its own interval,
and the database is left alone for ``DB_DOWN_HOLD`` seconds.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import exc, select, update

from cds_service.storage.database import Database, as_utc, utcnow
from cds_service.storage.replay import DB_DOWN_HOLD
from cds_service.storage.schema import jwks_table

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SharedJwks:
    may_fetch: bool  # nobody tried within the interval: this caller fetches now
    document: str | None  # the JWKS last fetched by any worker
    fetched_at: datetime | None  # when (the database's clock)
    pending: float = 0.0  # seconds another worker's fetch, under way, may still take


class JwksStore:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._down_until = 0.0

    def claim(self, issuer: str, interval: float, deadline: float) -> SharedJwks | None:
        """Whether this caller may fetch ``issuer``'s JWKS now, and the one last fetched; None
        while the database cannot tell. A fetch ends within ``deadline`` seconds."""
        if time.monotonic() < self._down_until:
            return None
        now = utcnow()
        try:
            self._db.check_fork()
            self._db.ensure_ready()
            with self._db.engine.begin() as conn:
                conn.execute(self._db.insert_ignore(jwks_table).values(
                    issuer=issuer, attempted_at=now - timedelta(seconds=interval + 1)))
                claimed = conn.execute(
                    update(jwks_table).where(
                        jwks_table.c.issuer == issuer,
                        jwks_table.c.attempted_at <= now - timedelta(seconds=interval))
                    .values(attempted_at=now)).rowcount == 1
                row = conn.execute(select(jwks_table).where(jwks_table.c.issuer == issuer)).one()
        except exc.SQLAlchemyError as err:
            self._outage(err)
            return None
        fetched = as_utc(row.fetched_at) if row.fetched_at is not None else None
        attempted = as_utc(row.attempted_at)
        pending = 0.0
        if not claimed and (fetched is None or fetched < attempted):  # a fetch under way?
            pending = max(0.0, (attempted - now).total_seconds() + deadline)
        return SharedJwks(claimed, row.document, fetched, pending)

    def save(self, issuer: str, document: str) -> datetime | None:
        """Keep the JWKS just fetched for every worker; when it was saved, or None."""
        now = utcnow()
        try:
            with self._db.engine.begin() as conn:
                conn.execute(update(jwks_table).where(jwks_table.c.issuer == issuer)
                             .values(document=document, fetched_at=now))
        except exc.SQLAlchemyError as err:
            self._outage(err)
            return None
        return now

    def _outage(self, err: Exception) -> None:
        self._down_until = time.monotonic() + DB_DOWN_HOLD
        log.warning("jwks store: database unavailable (%s); each worker keeps its own refetch "
                    "interval meanwhile", type(err).__name__)
