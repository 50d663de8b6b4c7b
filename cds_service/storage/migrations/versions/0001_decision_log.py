"""Decision log, feedback, JWT replay store and the shared patient-hash key.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "cds_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(512), nullable=False),
    )
    op.create_table(
        "cds_hook_call",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("service_id", sa.String(128), nullable=False),
        sa.Column("hook", sa.String(128), nullable=False),
        sa.Column("hook_instance", sa.String(128), nullable=False),
        sa.Column("patient_hash", sa.String(64), nullable=False),
        sa.Column("shadow", sa.Boolean(), nullable=False),
        sa.Column("card_count", sa.Integer(), nullable=False),
    )
    op.create_index("ix_cds_hook_call_created_at", "cds_hook_call", ["created_at"])
    op.create_table(
        "cds_issued_card",
        sa.Column("card_uuid", sa.String(128), primary_key=True),
        sa.Column(
            "call_id", BigId, sa.ForeignKey("cds_hook_call.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("service_id", sa.String(128), nullable=False),
        sa.Column("rule_id", sa.String(128), nullable=False),
        sa.Column("card_id", sa.String(128), nullable=False),
        sa.Column("indicator", sa.String(16), nullable=False),
        sa.Column("shadow", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_cds_issued_card_created_at", "cds_issued_card", ["created_at"])
    op.create_index("ix_cds_issued_card_rule", "cds_issued_card", ["rule_id", "card_id"])
    op.create_index("ix_cds_issued_card_call_id", "cds_issued_card", ["call_id"])
    op.create_table(
        "cds_issued_suggestion",
        sa.Column(
            "card_uuid", sa.String(128),
            sa.ForeignKey("cds_issued_card.card_uuid", ondelete="CASCADE"), primary_key=True,
        ),
        sa.Column("suggestion_uuid", sa.String(128), primary_key=True),
        sa.Column("label", sa.String(200), nullable=False),
    )
    op.create_table(
        "cds_feedback",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("service_id", sa.String(128), nullable=False),
        sa.Column("card_uuid", sa.String(128), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("outcome_timestamp", sa.DateTime(timezone=True), nullable=False),
        sa.Column("override_system", sa.String(256), nullable=True),
        sa.Column("override_code", sa.String(256), nullable=True),
        sa.Column("override_display", sa.String(512), nullable=True),
        sa.Column("has_user_comment", sa.Boolean(), nullable=False),
        sa.UniqueConstraint(
            "service_id", "card_uuid", "outcome", "outcome_timestamp",
            name="uq_cds_feedback_dedupe",
        ),
    )
    op.create_index("ix_cds_feedback_card_uuid", "cds_feedback", ["card_uuid"])
    op.create_table(
        "cds_feedback_suggestion",
        sa.Column(
            "feedback_id", BigId, sa.ForeignKey("cds_feedback.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("suggestion_uuid", sa.String(128), primary_key=True),
    )
    op.create_table(
        "cds_jti",
        sa.Column("key_hash", sa.String(64), primary_key=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_cds_jti_expires_at", "cds_jti", ["expires_at"])


def downgrade() -> None:
    op.drop_table("cds_jti")
    op.drop_table("cds_feedback_suggestion")
    op.drop_table("cds_feedback")
    op.drop_table("cds_issued_suggestion")
    op.drop_table("cds_issued_card")
    op.drop_table("cds_hook_call")
    op.drop_table("cds_meta")
