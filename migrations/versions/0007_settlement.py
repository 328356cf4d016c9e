"""Hukou events, exits, review items, settlement confirmations (with the per-station rate-limit index)

Revision ID: 0007
Revises: 0006
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "hukou_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("collective_code", sa.String(length=14), nullable=True),
        sa.Column("household_code", sa.String(length=18), nullable=True),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "kind IN ('urban_settlement','rural_move_in','birth','death','move_out')",
            name=op.f("ck_hukou_events_kind_known"),
        ),
        sa.ForeignKeyConstraint(
            ["collective_code"],
            ["collectives.code"],
            name=op.f("fk_hukou_events_collective_code_collectives"),
        ),
        sa.ForeignKeyConstraint(
            ["household_code"], ["households.code"], name=op.f("fk_hukou_events_household_code_households")
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["membership_applications.id"],
            name=op.f("fk_hukou_events_application_id_membership_applications"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_hukou_events_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hukou_events")),
    )
    op.create_index(op.f("ix_hukou_events_household_code"), "hukou_events", ["household_code"], unique=False)
    op.create_index(op.f("ix_hukou_events_person_id"), "hukou_events", ["person_id"], unique=False)
    op.create_table(
        "exits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("right_kind", sa.String(length=16), nullable=False),
        sa.Column("ref", sa.String(length=32), nullable=False),
        sa.Column("collective_code", sa.String(length=14), nullable=False),
        sa.Column("household_code", sa.String(length=18), nullable=True),
        sa.Column("holder_person_id", sa.Integer(), nullable=False),
        sa.Column("compensation_fen", sa.BigInteger(), nullable=False),
        sa.Column("statement_ref", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("details", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("filed_on", sa.Date(), nullable=False),
        sa.Column("linkage_flag", sa.Boolean(), nullable=False),
        sa.Column("settlement_event_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attested_voluntary", sa.Boolean(), nullable=True),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.Column("filed_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "NOT (status = 'approved' AND linkage_flag AND NOT coalesce(attested_voluntary, false))",
            name=op.f("ck_exits_flagged_needs_attestation"),
        ),
        sa.CheckConstraint(
            "right_kind IN ('land_contract','homestead','shares')", name=op.f("ck_exits_right_known")
        ),
        sa.CheckConstraint(
            "status IN ('pending_review','approved','rejected')", name=op.f("ck_exits_status_known")
        ),
        sa.CheckConstraint("compensation_fen > 0", name=op.f("ck_exits_compensated")),
        sa.CheckConstraint(
            "(status = 'pending_review') = (decided_at IS NULL)", name=op.f("ck_exits_decided_has_time")
        ),
        sa.CheckConstraint(
            "linkage_flag = (settlement_event_id IS NOT NULL)", name=op.f("ck_exits_flag_names_event")
        ),
        sa.ForeignKeyConstraint(
            ["collective_code"], ["collectives.code"], name=op.f("fk_exits_collective_code_collectives")
        ),
        sa.ForeignKeyConstraint(
            ["holder_person_id"], ["persons.id"], name=op.f("fk_exits_holder_person_id_persons")
        ),
        sa.ForeignKeyConstraint(
            ["household_code"], ["households.code"], name=op.f("fk_exits_household_code_households")
        ),
        sa.ForeignKeyConstraint(
            ["settlement_event_id"],
            ["hukou_events.id"],
            name=op.f("fk_exits_settlement_event_id_hukou_events"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exits")),
    )
    op.create_index(op.f("ix_exits_collective_code"), "exits", ["collective_code"], unique=False)
    op.create_index(op.f("ix_exits_household_code"), "exits", ["household_code"], unique=False)
    op.create_index(op.f("ix_exits_ref"), "exits", ["ref"], unique=False)
    op.create_index(
        "uq_exits_pending_right",
        "exits",
        ["right_kind", "ref"],
        unique=True,
        postgresql_where=sa.text("status = 'pending_review'"),
    )
    op.create_table(
        "review_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("county_code", sa.String(length=6), nullable=False),
        sa.Column("collective_code", sa.String(length=14), nullable=False),
        sa.Column("linkage_flag", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending','approved','rejected')", name=op.f("ck_review_items_status_known")
        ),
        sa.CheckConstraint(
            "(status = 'pending') = (decided_at IS NULL)", name=op.f("ck_review_items_decided_has_time")
        ),
        sa.UniqueConstraint("kind", "subject_id", name=op.f("uq_review_items_kind")),
        sa.ForeignKeyConstraint(
            ["collective_code"],
            ["collectives.code"],
            name=op.f("fk_review_items_collective_code_collectives"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_items")),
    )
    op.create_index(op.f("ix_review_items_county_code"), "review_items", ["county_code"], unique=False)
    op.create_table(
        "settlement_confirmations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=24), nullable=False),
        sa.Column("station", sa.String(length=64), nullable=False),
        sa.Column("station_county", sa.String(length=6), nullable=True),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("collective_code", sa.String(length=14), nullable=False),
        sa.Column("eligible", sa.Boolean(), nullable=False),
        sa.Column("reasons", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("cause", sa.String(length=16), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "cause IN ('eligible','unknown_person','not_member','no_homestead')",
            name=op.f("ck_settlement_confirmations_cause_known"),
        ),
        sa.CheckConstraint(
            "eligible = (cause = 'eligible')", name=op.f("ck_settlement_confirmations_eligible_matches_cause")
        ),
        sa.CheckConstraint(
            "valid_until >= issued_on", name=op.f("ck_settlement_confirmations_valid_after_issue")
        ),
        sa.CheckConstraint(
            "id_number ~ '^[0-9]{17}[0-9X]$'", name=op.f("ck_settlement_confirmations_id_number_format")
        ),
        sa.ForeignKeyConstraint(
            ["collective_code"],
            ["collectives.code"],
            name=op.f("fk_settlement_confirmations_collective_code_collectives"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_settlement_confirmations_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_settlement_confirmations")),
        sa.UniqueConstraint("number", name=op.f("uq_settlement_confirmations_number")),
    )
    op.create_index(
        "ix_settlement_confirmations_station_created",
        "settlement_confirmations",
        ["station", "created_at"],
        unique=False,
    )


def downgrade():
    op.drop_index("ix_settlement_confirmations_station_created", table_name="settlement_confirmations")
    op.drop_table("settlement_confirmations")
    op.drop_index(op.f("ix_review_items_county_code"), table_name="review_items")
    op.drop_table("review_items")
    op.drop_index("uq_exits_pending_right", table_name="exits")
    op.drop_index(op.f("ix_exits_ref"), table_name="exits")
    op.drop_index(op.f("ix_exits_household_code"), table_name="exits")
    op.drop_index(op.f("ix_exits_collective_code"), table_name="exits")
    op.drop_table("exits")
    op.drop_index(op.f("ix_hukou_events_person_id"), table_name="hukou_events")
    op.drop_index(op.f("ix_hukou_events_household_code"), table_name="hukou_events")
    op.drop_table("hukou_events")
