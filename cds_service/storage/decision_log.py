"""The decision log: one row per hook call, its cards and their suggestions.

``DecisionLog.record_call`` only queues the call (it never raises, never waits on the
database and does not wake the writer); a background thread wakes every ``flush_interval``
seconds (or when ``batch_size`` calls wait) and writes queued calls in batches of up to
``batch_size``, one transaction of three statements per batch, retrying with back-off while
the database is unreachable. When the queue is full a call is dropped and counted
(``dropped``), so a slow or dead database never delays or fails the cards.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import groupby

from sqlalchemy.engine import Connection

from cds_service.errors import StoreUnavailable
from cds_service.storage.database import Database, clip, is_connectivity_error, utcnow
from cds_service.storage.schema import (
    ID_MAX,
    ISSUER_MAX,
    LABEL_MAX,
    call_table,
    card_table,
    suggestion_table,
)

log = logging.getLogger(__name__)

DEFAULT_QUEUE_SIZE = 10_000
DEFAULT_BATCH_SIZE = 500
DEFAULT_FLUSH_INTERVAL = 0.25  # seconds between writes (sooner when a batch is full or on flush)
DEFAULT_RETRY_MAX = 5.0  # seconds, cap of the writer's back-off while the database is down
DEFAULT_EXIT_FLUSH = 5.0  # seconds given to the writer at interpreter exit
ROWS_PER_INSERT = 100  # rows of one multi-row INSERT (7 parameters each: under SQLite's 999)
SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"
_CALL_INSERT = ("INSERT INTO cds_hook_call (created_at, service_id, hook, hook_instance, "
                 "patient_hash, shadow, card_count) VALUES ")  # schema.call_table


@dataclass(frozen=True, slots=True)
class IssuedCard:
    """A card as sent to the EHR (or computed in shadow mode), for the decision log."""

    card_uuid: str
    rule_id: str
    card_id: str
    indicator: str
    suggestions: tuple[tuple[str, str], ...] = ()  # (suggestion uuid, label)
    order: str = ""  # the draft order(s) it is about: codes, else text (hashed when written)
    shadow: bool = False  # its rule is in shadow mode: computed and logged, not shown


@dataclass(frozen=True, slots=True)
class CallRecord:
    """One hook call as the decision log keeps it (the patient id is hashed when written)."""

    created_at: datetime
    service_id: str
    hook: str
    hook_instance: str
    patient_id: str
    cards: tuple[IssuedCard, ...]
    shadow: bool
    issuer: str | None = None  # the caller the cards went to (JWT iss), None without auth
    tenant: str | None = None


class BatchWriter:
    """A thread handing queued records to ``write`` in batches; drops rather than blocks.

    ``submit`` appends to a bounded buffer and does not wake the writer (a wake per call
    would put the writer on the worker's CPU between calls): the writer wakes every
    ``interval`` seconds, or at once when a batch is full or someone flushes.
    """

    def __init__(self, write: Callable[[Sequence[CallRecord]], None], *, queue_size: int,
                 batch_size: int, interval: float,
                 on_dropped: Callable[[int], None] = lambda rows: None) -> None:
        self._write = write
        self._on_dropped = on_dropped  # hears of every dropped row (web counts them in /metrics)
        self._buffer: deque[CallRecord] = deque()
        self._max = queue_size
        self._batch_size = batch_size
        self._interval = interval
        self._in_flight = 0  # records taken from the buffer, not yet written or dropped
        self._cond = threading.Condition()
        self._wake = threading.Event()
        self._flushing = 0
        self._stop = threading.Event()
        self.dropped = 0
        self.written = 0
        self._thread = threading.Thread(target=self._run, name="cds-decision-log", daemon=True)
        self._thread.start()

    def submit(self, record: CallRecord) -> bool:
        # deque.append and len are atomic; the bound may be passed by a racing thread or two
        if len(self._buffer) >= self._max:
            with self._cond:
                self.dropped += 1
            self._on_dropped(1)
            return False
        self._buffer.append(record)
        if len(self._buffer) >= self._batch_size:
            self._wake.set()
        return True

    def flush(self, timeout: float) -> bool:
        """Wait until every submitted record is written or dropped; False on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            self._flushing += 1
            try:
                while self._buffer or self._in_flight:
                    self._wake.set()
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        return False
                    self._cond.wait(min(remaining, 0.05))
            finally:
                self._flushing -= 1
        return True

    def stop(self, timeout: float) -> None:
        self.flush(timeout)
        self._stop.set()
        self._wake.set()

    def _done(self, count: int, *, written: bool) -> None:
        with self._cond:
            self._in_flight -= count
            if written:
                self.written += count
            else:
                self.dropped += count
            self._cond.notify_all()
        if not written:
            self._on_dropped(count)

    def _take(self) -> list[CallRecord]:
        with self._cond:
            batch: list[CallRecord] = []
            while self._buffer and len(batch) < self._batch_size:
                batch.append(self._buffer.popleft())
            self._in_flight += len(batch)
        return batch

    def _run(self) -> None:
        while not self._stop.is_set():
            if len(self._buffer) < self._batch_size and not self._flushing:
                self._wake.wait(self._interval)
            self._wake.clear()
            batch = self._take()
            if batch:
                self._write_with_retry(batch)

    def _write_with_retry(self, batch: list[CallRecord]) -> None:
        delay = 0.1
        while True:
            try:
                self._write(batch)
                self._done(len(batch), written=True)
                return
            except Exception as err:
                if is_connectivity_error(err) or isinstance(err, StoreUnavailable):
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
                self._write([record])
                self._done(1, written=True)
            except Exception as err:
                log.error("decision log: record dropped (%s)", type(err).__name__)
                self._done(1, written=False)


class DecisionLog:
    """Queues hook calls and writes them in the background (``write_batch``)."""

    def __init__(self, db: Database, *, queue_size: int = DEFAULT_QUEUE_SIZE,
                 batch_size: int = DEFAULT_BATCH_SIZE,
                 flush_interval: float = DEFAULT_FLUSH_INTERVAL) -> None:
        self._db = db
        self._queue_size = queue_size
        self._batch_size = batch_size
        self._flush_interval = flush_interval
        self._lock = threading.Lock()
        self._writer: BatchWriter | None = None
        self._pid = os.getpid()
        self.on_dropped: Callable[[int], None] = lambda rows: None  # set before the first call

    def record_call(self, *, service_id: str, hook: str, hook_instance: str, patient_id: str,
                    cards: Sequence[IssuedCard], shadow: bool, issuer: str | None = None,
                    tenant: str | None = None) -> None:
        """Queue one hook call; never raises, never waits on the database."""
        try:
            record = CallRecord(
                created_at=utcnow(), service_id=service_id, hook=hook,
                hook_instance=hook_instance, patient_id=patient_id, cards=tuple(cards),
                shadow=shadow, issuer=issuer, tenant=tenant,
            )
            if not self.writer().submit(record):
                log.warning("decision log: queue full, hook call not logged")
        except Exception as err:  # the log must never cost the clinician their cards
            log.error("decision log: record_call failed (%s)", type(err).__name__)

    def writer(self) -> BatchWriter:
        """This process's writer thread (a fresh one after a fork)."""
        if os.getpid() != self._pid or self._writer is None:
            with self._lock:
                if os.getpid() != self._pid:  # the parent's thread did not survive the fork
                    self._db.check_fork()
                    self._writer = None
                    self._pid = os.getpid()
                if self._writer is None:
                    self._writer = BatchWriter(
                        self.write_batch, queue_size=self._queue_size,
                        batch_size=self._batch_size, interval=self._flush_interval,
                        on_dropped=self.on_dropped,
                    )
        return self._writer

    def flush(self, timeout: float = DEFAULT_EXIT_FLUSH) -> bool:
        """Wait until queued hook calls are written; False if ``timeout`` ran out."""
        writer = self._writer
        return True if writer is None else writer.flush(timeout)

    def close(self, timeout: float = DEFAULT_EXIT_FLUSH) -> None:
        """Flush (up to ``timeout`` seconds) and stop this process's writer thread."""
        if self._writer is not None and self._pid == os.getpid():
            self._writer.stop(timeout)
            self._writer = None

    @property
    def dropped(self) -> int:
        return 0 if self._writer is None else self._writer.dropped

    @property
    def written(self) -> int:
        return 0 if self._writer is None else self._writer.written

    def write_batch(self, batch: Sequence[CallRecord]) -> None:
        """Write calls, their cards and suggestions in one transaction, ids in call order.

        Few statements per batch, since each costs the writer a release and a retaking of
        the GIL (waiting for the busy worker thread) and cold code: on SQLite every call of
        the batch goes in multi-row ``INSERT``s of up to ``ROWS_PER_INSERT`` rows, whose ids
        are consecutive (one statement under the write lock: rowid = max + 1) and end at the
        statement's ``lastrowid``. On PostgreSQL the calls without cards go so too, and the
        ids of calls with cards come from ``INSERT … RETURNING``. Then the cards and the
        suggestions, one statement each."""
        db = self._db
        db.ensure_ready()
        carded: list[tuple[CallRecord, int]] = []
        with db.engine.begin() as conn:
            if db.backend == "sqlite":
                ids = self._insert_calls(conn, batch)
                carded = [(rec, i) for rec, i in zip(batch, ids, strict=True) if rec.cards]
            else:
                for has_cards, run in groupby(batch, key=lambda rec: bool(rec.cards)):
                    records = list(run)
                    if not has_cards:
                        self._insert_calls(conn, records)
                        continue
                    ids = list(conn.execute(
                        call_table.insert().returning(call_table.c.id,
                                                      sort_by_parameter_order=True),
                        [self._call_row(rec) for rec in records],
                    ).scalars())
                    carded += zip(records, ids, strict=True)
            card_rows = [
                {
                    "card_uuid": clip(card.card_uuid, ID_MAX),
                    "call_id": call_id,
                    "created_at": rec.created_at,
                    "service_id": clip(rec.service_id, ID_MAX),
                    "rule_id": clip(card.rule_id, ID_MAX),
                    "card_id": clip(card.card_id, ID_MAX),
                    "indicator": clip(card.indicator, 16),
                    "shadow": rec.shadow or card.shadow,
                    "order_key": db.patient_hash("order\x1f" + card.order) if card.order
                    else None,
                    "issuer": clip(rec.issuer, ISSUER_MAX) if rec.issuer else None,
                    "tenant": clip(rec.tenant, ID_MAX) if rec.tenant else None,
                }
                for rec, call_id in carded
                for card in rec.cards
            ]
            if card_rows:
                conn.execute(db.insert_ignore(card_table), card_rows)
            suggestion_rows = [
                {
                    "card_uuid": clip(card.card_uuid, ID_MAX),
                    "suggestion_uuid": clip(s_uuid, ID_MAX),
                    "label": clip(label, LABEL_MAX),
                }
                for rec, _ in carded
                for card in rec.cards
                for s_uuid, label in card.suggestions
            ]
            if suggestion_rows:
                conn.execute(db.insert_ignore(suggestion_table), suggestion_rows)

    def _call_row(self, rec: CallRecord) -> dict[str, object]:
        return {
            "created_at": rec.created_at,
            "service_id": clip(rec.service_id, ID_MAX),
            "hook": clip(rec.hook, ID_MAX),
            "hook_instance": clip(rec.hook_instance, ID_MAX),
            "patient_hash": self._db.patient_hash(rec.patient_id),
            "shadow": rec.shadow,
            "card_count": len(rec.cards),
        }

    def _insert_calls(self, conn: Connection, records: Sequence[CallRecord]) -> list[int]:
        """``INSERT … VALUES (…), (…), …`` (bound parameters); the ids on SQLite, else []."""
        db = self._db
        sqlite_text = db.backend == "sqlite"  # the text SQLAlchemy's DateTime keeps there
        mark = "?" if db.engine.dialect.paramstyle == "qmark" else "%s"
        row = "(" + ", ".join([mark] * 7) + ")"
        ids: list[int] = []
        for start in range(0, len(records), ROWS_PER_INSERT):
            chunk = records[start:start + ROWS_PER_INSERT]
            params: list[object] = []
            for rec in chunk:
                params += (rec.created_at.astimezone(UTC).strftime(SQLITE_DATETIME)
                           if sqlite_text else rec.created_at,
                           clip(rec.service_id, ID_MAX), clip(rec.hook, ID_MAX),
                           clip(rec.hook_instance, ID_MAX), db.patient_hash(rec.patient_id),
                           rec.shadow, len(rec.cards))
            result = conn.exec_driver_sql(_CALL_INSERT + ", ".join([row] * len(chunk)),
                                          tuple(params))
            if sqlite_text:
                last = result.lastrowid
                ids += range(last - len(chunk) + 1, last + 1)
        return ids
