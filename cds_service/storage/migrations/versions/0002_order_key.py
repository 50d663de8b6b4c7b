"""Issued cards name the draft order they are about (keyed hash), for ordering sessions.

An EHR calls order-select several times while one order is entered, and order-sign once
more: the report counts a card once per ordering session (patient + order + rule within a
window), which needs to know the order. ``order_key`` is HMAC-SHA256 (the patient-hash key)
of the order's codes (else its text): no order text is stored. Null on rows written before.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cds_issued_card") as batch:
        batch.add_column(sa.Column("order_key", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cds_issued_card") as batch:
        batch.drop_column("order_key")
