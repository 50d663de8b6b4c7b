"""The JWT ``jti`` claim: what one claim costs in each store (issue 11, item 3).

    python -m benchmarks.jti [--claims N] [--postgres URL]

Two processes claim ``N`` distinct jti each at the same time (two gunicorn workers), against

* ``sqlite-sa``: the claim as it was before issue 11 (SQLAlchemy Core, a pooled connection per
  claim, ``BEGIN``, prune check, ``INSERT … ON CONFLICT DO NOTHING RETURNING``, ``COMMIT``),
  SQLite in WAL with ``synchronous=NORMAL``;
* ``sqlite``/``sqlite-off``: ``ReplayGuard.claim`` (one prepared statement on a connection the
  thread keeps), WAL with ``synchronous=NORMAL`` / ``OFF``;
* ``postgres-sa`` and ``postgres``: the same two on PostgreSQL (``pool_pre_ping`` as
  configured).

Printed per store: claims/s (both processes, wall clock), CPU µs per claim in the claiming
process (``time.process_time``), and for PostgreSQL the server backend's CPU µs per claim
(``/proc/<backend pid>/stat``; it runs on the same cores). Every claim must succeed once, and a
replay of a claimed jti must be refused (checked after each run).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

PG_URL = os.environ.get("CDS_TEST_POSTGRES_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _legacy_claim(guard: Any, issuer: str, jti: str, expires_at: datetime) -> bool:
    """The claim before issue 11: SQLAlchemy Core statement per claim in ``engine.begin()``."""
    from cds_service.storage.database import as_utc
    from cds_service.storage.replay import replay_key
    from cds_service.storage.schema import jti_table

    db = guard._db  # noqa: SLF001
    with db.engine.begin() as conn:
        inserted = conn.execute(
            db.insert_ignore(jti_table)
            .values(key_hash=replay_key(issuer, jti), expires_at=as_utc(expires_at))
            .returning(jti_table.c.key_hash)
        ).scalar_one_or_none()
    return inserted is not None


def _pg_backend_pids(url: str) -> set[int]:
    import psycopg

    dsn = url.replace("postgresql+psycopg://", "postgresql://").split("?")[0]
    with psycopg.connect(dsn, autocommit=True) as conn:
        return {r[0] for r in conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE backend_type = 'client backend'")}


def _proc_cpu(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _backends_cpu(url: str) -> dict[int, float]:
    return {p: _proc_cpu(p) for p in _pg_backend_pids(url)} if url.startswith("postgresql") \
        else {}


def _worker(args: tuple[str, str, int, bool, str, Any]) -> tuple[float, float, int, int, float]:
    url, sync, claims, legacy, tag, barrier = args
    from sqlalchemy import event

    from cds_service.storage.database import Database
    from cds_service.storage.replay import ReplayGuard

    db = Database(url, patient_hash_key="bench")
    if sync != "NORMAL":  # runs after the service's own pragmas
        event.listen(db.engine, "connect",
                     lambda dbapi_conn, _rec: dbapi_conn.execute(f"PRAGMA synchronous={sync}"))
    db.ensure_ready()
    guard = ReplayGuard(db)
    claim = (lambda i, j, e: _legacy_claim(guard, i, j, e)) if legacy else guard.claim
    expires = datetime.now(UTC) + timedelta(minutes=10)
    jtis = [f"{tag}-{uuid.uuid4().hex}" for _ in range(claims)]
    claim("bench", f"{tag}-warm", expires)
    barrier.wait()
    server = _backends_cpu(url)  # every client backend: both workers' claims run meanwhile
    cpu = time.process_time()
    ok = sum(claim("bench", j, expires) for j in jtis)
    cpu = time.process_time() - cpu
    server = sum(_proc_cpu(p) - c for p, c in server.items())
    replays = sum(claim("bench", j, expires) for j in jtis[:50])
    guard.close()
    db.dispose()
    return cpu, time.perf_counter(), ok, replays, server


def run(name: str, url: str, sync: str, claims: int, legacy: bool) -> dict[str, Any]:
    from cds_service.storage.database import Database

    Database(url, patient_hash_key="bench").migrate()
    pg = url.startswith("postgresql")
    ctx = mp.get_context("spawn")
    barrier = ctx.Manager().Barrier(3)
    with ctx.Pool(2) as pool:
        pending = pool.map_async(_worker, [(url, sync, claims, legacy, f"{name}{i}", barrier)
                                           for i in range(2)])
        barrier.wait()
        started = time.perf_counter()
        results = pending.get(600)
    ended = max(r[1] for r in results)
    server = max(r[4] for r in results)  # each worker saw both workers' backends
    total = 2 * claims
    out = {"store": name, "claims_per_s": round(total / (ended - started)),
           "cpu_us_per_claim": round(sum(r[0] for r in results) / total * 1e6, 1),
           "accepted": sum(r[2] for r in results), "replays_accepted": sum(r[3] for r in results)}
    if pg:
        out["server_cpu_us_per_claim"] = round(server / total * 1e6, 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=5000, help="claims per process")
    parser.add_argument("--postgres", default=PG_URL)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cds-jti-") as tmp:
        for r in range(args.rounds):
            for name, url, sync, legacy in (
                ("sqlite-sa", f"sqlite:///{tmp}/a{r}.db", "NORMAL", True),
                ("sqlite", f"sqlite:///{tmp}/b{r}.db", "NORMAL", False),
                ("sqlite-off", f"sqlite:///{tmp}/c{r}.db", "OFF", False),
                ("postgres-sa", args.postgres, "NORMAL", True),
                ("postgres", args.postgres, "NORMAL", False),
            ):
                res = run(name, url, sync, args.claims, legacy)
                print(res, flush=True)


if __name__ == "__main__":
    main()
