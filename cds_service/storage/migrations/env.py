"""Alembic environment: runs on the connection ``database.migrate`` passes in.

Without one (``alembic -x`` style use), it connects to ``DATABASE_URL`` like the app.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from cds_service.storage.database import make_engine
from cds_service.storage.schema import VERSION_TABLE, metadata

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table=VERSION_TABLE,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from cds_service.config import Settings

    engine = make_engine(Settings.from_env().database_url)
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; run cds-service init-db")
run_migrations_online()
