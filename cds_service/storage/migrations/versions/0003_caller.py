"""Cards and feedback name their caller (JWT issuer and tenant): feedback is tenant-bound.

A card records the issuer/tenant it was sent to, and feedback the issuer/tenant that sent it;
feedback from any other caller is refused, and unmatched feedback only ever joins a card of
its own caller. Null on both sides without authentication (and on rows written before).
``ix_cds_feedback_received_at`` serves the expiry of unmatched feedback and ``purge``.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("cds_issued_card", "cds_feedback"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("issuer", sa.String(512), nullable=True))
            batch.add_column(sa.Column("tenant", sa.String(128), nullable=True))
    op.create_index("ix_cds_feedback_received_at", "cds_feedback", ["received_at"])


def downgrade() -> None:
    op.drop_index("ix_cds_feedback_received_at", table_name="cds_feedback")
    for table in ("cds_feedback", "cds_issued_card"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("tenant")
            batch.drop_column("issuer")
