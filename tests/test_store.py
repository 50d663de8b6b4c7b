"""Decision log, feedback storage and jti replay store, on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from cds_service.errors import FeedbackConflict, StoreUnavailable
from cds_service.storage import schema as store_mod
from cds_service.storage.database import head_revision
from cds_service.storage.decision_log import IssuedCard
from cds_service.storage.feedback import FeedbackItem
from cds_service.storage.schema import card_table, feedback_table, metadata
from cds_service.storage.store import Store

DEAD_PG = "postgresql+psycopg://postgres@127.0.0.1:1/nowhere"


@pytest.fixture
def stores(db_url: str) -> Iterator[list[Store]]:
    opened: list[Store] = []
    yield opened
    for s in opened:
        s.close()


def open_store(stores: list[Store], url: str, **kwargs: object) -> Store:
    s = Store(url, **kwargs)  # type: ignore[arg-type]
    s.db.migrate()
    stores.append(s)
    return s


def card(rule: str = "biopsy-calcified-mass", n_suggestions: int = 1) -> IssuedCard:
    return IssuedCard(
        card_uuid=str(uuid.uuid4()), rule_id=rule, card_id=rule, indicator="warning",
        suggestions=tuple((str(uuid.uuid4()), "Order CT without contrast")
                          for _ in range(n_suggestions)),
    )


def dump_text(engine: sa.Engine) -> str:
    """Every value in every table, as one string (to search for what must not be stored)."""
    out = []
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            for row in conn.execute(sa.select(table)):
                out.extend(str(v) for v in row)
    return "\n".join(out)


def test_migrations_reach_head_idempotently_and_match_the_models(
    db_url: str, stores: list[Store],
) -> None:
    s = open_store(stores, db_url)
    assert s.db.revision == head_revision() == "0004"
    assert s.db.migrate() == head_revision()
    with s.engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": True, "version_table": store_mod.VERSION_TABLE})
        assert compare_metadata(ctx, metadata) == []


def test_concurrent_startups_migrate_once(db_url: str, stores: list[Store]) -> None:
    instances = [Store(db_url) for _ in range(4)]
    stores.extend(instances)
    errors: list[BaseException] = []

    def start(s: Store) -> None:
        try:
            s.db.migrate()
        except BaseException as err:
            errors.append(err)

    threads = [threading.Thread(target=start, args=(s,)) for s in instances]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert {s.db.revision for s in instances} == {head_revision()}
    keys = {s.db.patient_hash("p1") for s in instances}
    assert len(keys) == 1  # one generated patient-hash key, shared


def test_record_call_logs_cards_and_suggestions_without_phi(
    db_url: str, stores: list[Store],
) -> None:
    s = open_store(stores, db_url)
    issued = [card(), card("nodal-calcification", n_suggestions=2)]
    s.decision_log.record_call(service_id="svc", hook="order-select", hook_instance="hi-1",
                               patient_id="patient-secret-123", cards=issued, shadow=False)
    s.decision_log.record_call(service_id="svc", hook="order-sign", hook_instance="hi-2",
                               patient_id="patient-secret-123", cards=[], shadow=True)
    assert s.flush(10)
    with s.engine.connect() as conn:
        calls = conn.execute(sa.select(store_mod.call_table)
                             .order_by(store_mod.call_table.c.id)).all()
        cards = conn.execute(sa.select(card_table)).all()
        suggestions = conn.execute(sa.select(store_mod.suggestion_table)).all()
    assert [(c.hook_instance, c.card_count, c.shadow) for c in calls] == [
        ("hi-1", 2, False), ("hi-2", 0, True)]
    assert calls[0].patient_hash == calls[1].patient_hash == s.db.patient_hash("patient-secret-123")
    assert len(calls[0].patient_hash) == 64
    assert {c.card_uuid for c in cards} == {c.card_uuid for c in issued}
    assert len(suggestions) == 3
    assert "patient-secret-123" not in dump_text(s.engine)


def test_configured_patient_hash_key_is_used(db_url: str, stores: list[Store]) -> None:
    a = open_store(stores, db_url, patient_hash_key="k" * 32)
    b = open_store(stores, db_url)  # generated key stored in the database
    c = open_store(stores, db_url)
    assert a.db.patient_hash("p") != b.db.patient_hash("p") == c.db.patient_hash("p")
    import hashlib
    import hmac

    assert a.db.patient_hash("p") == hmac.new(b"k" * 32, b"p", hashlib.sha256).hexdigest()


def test_record_call_never_raises_nor_blocks_when_database_down(tmp_path: Path) -> None:
    s = Store(DEAD_PG)
    try:
        for _ in range(100):
            s.decision_log.record_call(service_id="svc", hook="order-select", hook_instance="hi",
                                       patient_id="p", cards=[card()], shadow=False)
        # Not a timing test: every call was queued (or dropped) rather than written inline.
        assert s.decision_log.written == 0
    finally:
        s.close(timeout=0.5)


def test_calls_wait_for_a_full_batch_or_the_interval_not_one_wake_per_call(
        db_url: str, stores: list[Store]) -> None:
    s = open_store(stores, db_url, batch_size=3, flush_interval=30.0)
    writes: list[int] = []
    original = s.decision_log.write_batch

    def counting(batch: object) -> None:
        writes.append(len(batch))  # type: ignore[arg-type]
        original(batch)  # type: ignore[arg-type]

    s.decision_log.write_batch = counting  # type: ignore[method-assign]
    for i in range(2):
        s.decision_log.record_call(service_id="svc", hook="h", hook_instance=f"w{i}",
                                   patient_id="p", cards=[card()] if i else [], shadow=False)
    time.sleep(0.3)
    assert writes == []  # two calls: no write yet (the interval is 30 s)
    s.decision_log.record_call(service_id="svc", hook="h", hook_instance="w2", patient_id="p",
                               cards=[], shadow=False)
    deadline = time.monotonic() + 20
    while not writes and time.monotonic() < deadline:  # a full batch wakes the writer
        time.sleep(0.05)
    assert writes == [3]
    s.decision_log.record_call(service_id="svc", hook="h", hook_instance="w3", patient_id="p",
                               cards=[card(), card()], shadow=False)
    assert s.flush(10) and writes == [3, 1]  # flush writes what waits
    with s.engine.connect() as conn:
        rows = conn.execute(sa.select(store_mod.call_table.c.hook_instance,
                                      store_mod.call_table.c.card_count)
                            .order_by(store_mod.call_table.c.id)).all()
        joined = conn.execute(
            sa.select(store_mod.call_table.c.hook_instance, sa.func.count())
            .join(card_table, card_table.c.call_id == store_mod.call_table.c.id)
            .group_by(store_mod.call_table.c.hook_instance)).all()
    assert [tuple(r) for r in rows] == [("w0", 0), ("w1", 1), ("w2", 0), ("w3", 2)]
    assert dict(joined) == {"w1": 1, "w3": 2}


def test_queue_full_drops_without_raising(db_url: str, stores: list[Store]) -> None:
    # batch_size=1: the writer holds one record in its stalled write, the queue holds two,
    # so of twenty submitted at least seventeen must be dropped, whatever the thread timing.
    s = open_store(stores, db_url, queue_size=2, batch_size=1, flush_interval=0.5)
    blocker = threading.Event()
    original = s.decision_log.write_batch

    def slow(batch: object) -> None:  # a stalled database: the writer cannot drain
        blocker.wait(10)
        original(batch)  # type: ignore[arg-type]

    s.decision_log.write_batch = slow  # type: ignore[method-assign]
    writer = s.decision_log.writer()
    for _ in range(20):
        s.decision_log.record_call(service_id="svc", hook="h", hook_instance="i", patient_id="p",
                                   cards=[card()], shadow=False)
    blocker.set()
    assert s.flush(10)
    assert writer.dropped >= 17
    assert writer.written + writer.dropped == 20


def test_claim_jti_once_across_instances(db_url: str, stores: list[Store]) -> None:
    a, b = open_store(stores, db_url), open_store(stores, db_url)
    exp = datetime.now(UTC) + timedelta(minutes=5)
    assert a.replay.claim("iss-1", "jti-1", exp) is True
    assert a.replay.claim("iss-1", "jti-1", exp) is False
    assert b.replay.claim("iss-1", "jti-1", exp) is False
    assert b.replay.claim("iss-2", "jti-1", exp) is True  # jti is scoped by issuer


def test_claim_jti_concurrent_exactly_one_wins(db_url: str, stores: list[Store]) -> None:
    instances = [open_store(stores, db_url) for _ in range(3)]
    exp = datetime.now(UTC) + timedelta(minutes=5)
    results: list[bool] = []
    lock = threading.Lock()

    def claim(s: Store) -> None:
        ok = s.replay.claim("iss", "race", exp)
        with lock:
            results.append(ok)

    threads = [threading.Thread(target=claim, args=(instances[i % 3],)) for i in range(9)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(results) == [False] * 8 + [True]


def test_expired_jti_rows_pruned(db_url: str, stores: list[Store]) -> None:
    s = open_store(stores, db_url)
    past = datetime.now(UTC) - timedelta(minutes=1)
    assert s.replay.claim("iss", "old", past)
    s.replay.prune_now()
    assert s.replay.claim("iss", "new", datetime.now(UTC) + timedelta(minutes=1))
    with s.engine.connect() as conn:
        rows = conn.execute(sa.select(sa.func.count()).select_from(store_mod.jti_table)).scalar()
    assert rows == 1


def test_claim_jti_falls_back_to_process_memory_when_database_down() -> None:
    s = Store(DEAD_PG, jti_local_fallback=True)
    try:
        exp = datetime.now(UTC) + timedelta(minutes=5)
        assert s.replay.claim("iss", "j", exp) is True
        assert s.replay.claim("iss", "j", exp) is False
        attempts: list[object] = []
        sa.event.listen(s.engine, "do_connect", lambda *args: attempts.append(args))
        assert s.replay.claim("iss", "k", exp) is True  # circuit open: no reconnect attempt
        assert attempts == []
    finally:
        s.close(timeout=0.5)


def test_record_feedback_idempotent_joined_and_orphans(db_url: str, stores: list[Store]) -> None:
    s = open_store(stores, db_url)
    issued = card(n_suggestions=2)
    s.decision_log.record_call(service_id="svc", hook="order-select", hook_instance="hi",
                               patient_id="p", cards=[issued], shadow=False)
    assert s.flush(10)
    when = datetime(2026, 11, 25, 8, 0, 0, 123456, tzinfo=UTC)
    accepted = FeedbackItem(issued.card_uuid, "accepted", when,
                            (issued.suggestions[0][0],))
    first = s.feedback.record("svc", [accepted])
    assert (first.stored, first.duplicates, first.unknown_cards) == (1, 0, 0)
    again = s.feedback.record("svc", [accepted, accepted])
    assert (again.stored, again.duplicates) == (0, 2)
    # same instant written with another offset is the same feedback
    shifted = FeedbackItem(issued.card_uuid, "accepted",
                           when.astimezone(ZoneInfo("Europe/Paris")),
                           (issued.suggestions[0][0],))
    assert s.feedback.record("svc", [shifted]).duplicates == 1
    orphan = FeedbackItem(str(uuid.uuid4()), "overridden", when, (), "urn:x", "done", None, True)
    assert s.feedback.record("svc", [orphan]).unknown_cards == 1
    with s.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(feedback_table)).scalar() == 2

    with pytest.raises(FeedbackConflict) as info:
        s.feedback.record("other-svc", [FeedbackItem(issued.card_uuid, "overridden", when)])
    assert info.value.field == "feedback[0].card"
    with pytest.raises(FeedbackConflict) as info:
        s.feedback.record("svc", [orphan, FeedbackItem(issued.card_uuid, "accepted", when,
                          ("not-a-suggestion",))])
    assert info.value.field == "feedback[1].acceptedSuggestions[0].id"


def test_record_feedback_raises_store_unavailable_when_down() -> None:
    s = Store(DEAD_PG)
    try:
        with pytest.raises(StoreUnavailable):
            s.feedback.record("svc", [FeedbackItem("c", "overridden", datetime.now(UTC))])
    finally:
        s.close(timeout=0.5)


def test_sqlite_file_in_wal_mode_with_parent_created(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "dir" / "cds.db"
    s = Store(f"sqlite:///{path}")
    try:
        s.db.migrate()
        assert path.exists()
        with s.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        s.close()


def test_record_call_batches_reach_the_database(db_url: str, stores: list[Store]) -> None:
    """Queued hook calls (the hook pays only for queueing) all land once flushed."""
    s = open_store(stores, db_url)
    n = 500
    for _ in range(n):
        s.decision_log.record_call(service_id="svc", hook="order-select", hook_instance="hi",
                                   patient_id="p", cards=[card()], shadow=False)
    assert s.flush(30)
    with s.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(card_table)).scalar() == n


def test_writer_retries_through_a_database_outage(db_url: str, stores: list[Store]) -> None:
    s = open_store(stores, db_url)
    original = s.decision_log.write_batch
    failures = [2]

    def flaky(batch: object) -> None:
        if failures[0]:
            failures[0] -= 1
            raise sa.exc.OperationalError("INSERT", {}, ConnectionError("server gone"))
        original(batch)  # type: ignore[arg-type]

    s.decision_log.write_batch = flaky  # type: ignore[method-assign]
    issued = card()
    s.decision_log.record_call(service_id="svc", hook="h", hook_instance="i", patient_id="p",
                               cards=[issued], shadow=False)
    assert s.flush(10)
    assert failures == [0] and s.decision_log.dropped == 0
    with s.engine.connect() as conn:
        uuids = conn.execute(sa.select(card_table.c.card_uuid)).scalars().all()
    assert uuids == [issued.card_uuid]


def test_batched_write_joins_each_card_to_its_own_call(db_url: str,
                                                       stores: list[Store]) -> None:
    s = open_store(stores, db_url, batch_size=50, flush_interval=0.2)
    expected: dict[str, str] = {}
    for i in range(30):
        instance = f"batch-{uuid.uuid4()}"
        cards = [card(rule=f"rule-{i}") for _ in range(i % 3)]
        for c in cards:
            expected[c.card_uuid] = instance
        s.decision_log.record_call(service_id="svc", hook="order-sign", hook_instance=instance,
                                   patient_id=f"p{i}", cards=cards, shadow=False)
    assert s.flush(10)
    with s.engine.connect() as conn:
        rows = conn.execute(
            sa.select(card_table.c.card_uuid, store_mod.call_table.c.hook_instance)
            .join(store_mod.call_table, card_table.c.call_id == store_mod.call_table.c.id)
            .where(card_table.c.card_uuid.in_(list(expected)))
        ).all()
    assert dict(rows) == expected


def test_storage_modules_are_split_by_job_and_small() -> None:
    """Schema, database, decision log, feedback and replay each in their own module."""
    root = Path(store_mod.__file__).parent
    for name in ("schema", "database", "decision_log", "feedback", "replay", "store", "report"):
        lines = (root / f"{name}.py").read_text().count("\n")
        assert lines <= 500, f"storage/{name}.py has {lines} lines"
