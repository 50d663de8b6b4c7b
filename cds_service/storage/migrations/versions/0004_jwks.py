"""The trusted issuers' JWKS, shared by every worker and instance: when each was last tried and
fetched, and the document. The refetch interval then holds across workers and restarts, and a
key one worker fetched verifies on all of them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cds_jwks",
        sa.Column("issuer", sa.String(512), primary_key=True),
        sa.Column("attempted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("document", sa.Text(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("cds_jwks")
