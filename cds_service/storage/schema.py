"""The database schema: every table the service writes, as SQLAlchemy Core metadata.

The Alembic migrations in ``migrations/versions`` create exactly this schema (a test compares
them). Nothing here holds report text, names, tokens or free-text comments; the patient is
kept only as HMAC-SHA256(patient id) (see ``database.Database.patient_hash``).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

VERSION_TABLE = "cds_alembic_version"

ID_MAX = 128
LABEL_MAX = 200
CODE_MAX = 256
ISSUER_MAX = 512
DISPLAY_MAX = 512

_BigId = BigInteger().with_variant(Integer(), "sqlite")

metadata = MetaData()

meta_table = Table(
    "cds_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", String(512), nullable=False),
)

call_table = Table(
    "cds_hook_call",
    metadata,
    Column("id", _BigId, primary_key=True, autoincrement=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("service_id", String(ID_MAX), nullable=False),
    Column("hook", String(ID_MAX), nullable=False),
    Column("hook_instance", String(ID_MAX), nullable=False),
    Column("patient_hash", String(64), nullable=False),
    Column("shadow", Boolean(), nullable=False),
    Column("card_count", Integer(), nullable=False),
    Index("ix_cds_hook_call_created_at", "created_at"),
)

card_table = Table(
    "cds_issued_card",
    metadata,
    Column("card_uuid", String(ID_MAX), primary_key=True),
    Column("call_id", _BigId, ForeignKey("cds_hook_call.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("service_id", String(ID_MAX), nullable=False),
    Column("rule_id", String(ID_MAX), nullable=False),
    Column("card_id", String(ID_MAX), nullable=False),
    Column("indicator", String(16), nullable=False),
    Column("shadow", Boolean(), nullable=False),
    Column("order_key", String(64), nullable=True),  # HMAC of the order's codes (0002)
    # who the card went to (0003): the JWT issuer and tenant; null without authentication
    Column("issuer", String(ISSUER_MAX), nullable=True),
    Column("tenant", String(ID_MAX), nullable=True),
    Index("ix_cds_issued_card_created_at", "created_at"),
    Index("ix_cds_issued_card_rule", "rule_id", "card_id"),
    Index("ix_cds_issued_card_call_id", "call_id"),
)

suggestion_table = Table(
    "cds_issued_suggestion",
    metadata,
    Column("card_uuid", String(ID_MAX),
           ForeignKey("cds_issued_card.card_uuid", ondelete="CASCADE"), primary_key=True),
    Column("suggestion_uuid", String(ID_MAX), primary_key=True),
    Column("label", String(LABEL_MAX), nullable=False),
)

feedback_table = Table(
    "cds_feedback",
    metadata,
    Column("id", _BigId, primary_key=True, autoincrement=True),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("service_id", String(ID_MAX), nullable=False),
    Column("card_uuid", String(ID_MAX), nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("outcome_timestamp", DateTime(timezone=True), nullable=False),
    Column("override_system", String(CODE_MAX), nullable=True),
    Column("override_code", String(CODE_MAX), nullable=True),
    Column("override_display", String(DISPLAY_MAX), nullable=True),
    Column("has_user_comment", Boolean(), nullable=False),
    # who sent it (0003): feedback only counts for a card issued to the same caller
    Column("issuer", String(ISSUER_MAX), nullable=True),
    Column("tenant", String(ID_MAX), nullable=True),
    UniqueConstraint(
        "service_id", "card_uuid", "outcome", "outcome_timestamp", name="uq_cds_feedback_dedupe"
    ),
    Index("ix_cds_feedback_card_uuid", "card_uuid"),
    Index("ix_cds_feedback_received_at", "received_at"),
)

feedback_suggestion_table = Table(
    "cds_feedback_suggestion",
    metadata,
    Column("feedback_id", _BigId, ForeignKey("cds_feedback.id", ondelete="CASCADE"),
           primary_key=True),
    Column("suggestion_uuid", String(ID_MAX), primary_key=True),
)

jti_table = Table(
    "cds_jti",
    metadata,
    Column("key_hash", String(64), primary_key=True),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Index("ix_cds_jti_expires_at", "expires_at"),
)

jwks_table = Table(
    "cds_jwks",
    metadata,
    Column("issuer", String(ISSUER_MAX), primary_key=True),
    Column("attempted_at", DateTime(timezone=True), nullable=False),
    Column("fetched_at", DateTime(timezone=True), nullable=True),
    Column("document", Text(), nullable=True),
)
