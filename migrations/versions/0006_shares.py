"""Share plans, holdings, distributions

Revision ID: 0006
Revises: 0005
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

APPEND_ONLY = ("share_register", "dividend_payments")


def upgrade():
    op.create_table(
        "share_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("collective_code", sa.String(length=14), nullable=False),
        sa.Column("resolution_id", sa.Integer(), nullable=False),
        sa.Column("shares_per_member", sa.Integer(), nullable=False),
        sa.Column("management", sa.String(length=8), nullable=False),
        sa.Column("adopted_on", sa.Date(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "management IN ('static','dynamic')", name=op.f("ck_share_plans_management_known")
        ),
        sa.CheckConstraint("shares_per_member > 0", name=op.f("ck_share_plans_positive_allotment")),
        sa.ForeignKeyConstraint(
            ["collective_code"], ["collectives.code"], name=op.f("fk_share_plans_collective_code_collectives")
        ),
        sa.ForeignKeyConstraint(
            ["resolution_id"], ["resolutions.id"], name=op.f("fk_share_plans_resolution_id_resolutions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_plans")),
        sa.UniqueConstraint("collective_code", name=op.f("uq_share_plans_collective_code")),
        sa.UniqueConstraint("resolution_id", name=op.f("uq_share_plans_resolution_id")),
    )
    op.create_table(
        "share_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("collective_code", sa.String(length=14), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("document_ref", sa.String(length=200), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("details", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "kind IN ('quantification','adjustment','transfer','inheritance','redemption')",
            name=op.f("ck_share_changes_kind_known"),
        ),
        sa.ForeignKeyConstraint(
            ["collective_code"],
            ["collectives.code"],
            name=op.f("fk_share_changes_collective_code_collectives"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["share_plans.id"], name=op.f("fk_share_changes_plan_id_share_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_changes")),
    )
    op.create_index(
        op.f("ix_share_changes_collective_code"), "share_changes", ["collective_code"], unique=False
    )
    op.create_table(
        "share_holdings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("collective_code", sa.String(length=14), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("household_code", sa.String(length=18), nullable=True),
        sa.Column("shares", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("shares > 0", name=op.f("ck_share_holdings_positive")),
        sa.ForeignKeyConstraint(
            ["collective_code"],
            ["collectives.code"],
            name=op.f("fk_share_holdings_collective_code_collectives"),
        ),
        sa.ForeignKeyConstraint(
            ["household_code"], ["households.code"], name=op.f("fk_share_holdings_household_code_households")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_share_holdings_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_holdings")),
        sa.UniqueConstraint("collective_code", "person_id", name=op.f("uq_share_holdings_collective_code")),
    )
    op.create_index(
        op.f("ix_share_holdings_household_code"), "share_holdings", ["household_code"], unique=False
    )
    op.create_index(op.f("ix_share_holdings_person_id"), "share_holdings", ["person_id"], unique=False)
    op.create_table(
        "share_register",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("change_id", sa.Integer(), nullable=False),
        sa.Column("collective_code", sa.String(length=14), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("household_code", sa.String(length=18), nullable=True),
        sa.Column("delta", sa.BigInteger(), nullable=False),
        sa.Column("balance_after", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("balance_after >= 0", name=op.f("ck_share_register_balance_not_negative")),
        sa.CheckConstraint("delta <> 0", name=op.f("ck_share_register_moves_shares")),
        sa.ForeignKeyConstraint(
            ["change_id"], ["share_changes.id"], name=op.f("fk_share_register_change_id_share_changes")
        ),
        sa.ForeignKeyConstraint(
            ["collective_code"],
            ["collectives.code"],
            name=op.f("fk_share_register_collective_code_collectives"),
        ),
        sa.ForeignKeyConstraint(
            ["household_code"], ["households.code"], name=op.f("fk_share_register_household_code_households")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_share_register_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_register")),
    )
    op.create_index(op.f("ix_share_register_change_id"), "share_register", ["change_id"], unique=False)
    op.create_index(
        "ix_share_register_collective_date",
        "share_register",
        ["collective_code", "on_date", "id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_share_register_household_code"), "share_register", ["household_code"], unique=False
    )
    op.create_index(op.f("ix_share_register_person_id"), "share_register", ["person_id"], unique=False)
    op.create_table(
        "distributions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("collective_code", sa.String(length=14), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("net_income_fen", sa.BigInteger(), nullable=False),
        sa.Column("reserve_ratio", sa.Numeric(), nullable=False),
        sa.Column("reserve_fen", sa.BigInteger(), nullable=False),
        sa.Column("distributable_fen", sa.BigInteger(), nullable=False),
        sa.Column("total_shares", sa.BigInteger(), nullable=False),
        sa.Column("inspection_start", sa.Date(), nullable=False),
        sa.Column("inspection_ends", sa.Date(), nullable=False),
        sa.Column("inspection_evidence_ref", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("approval_resolution_id", sa.Integer(), nullable=True),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "(status = 'approved') = (approval_resolution_id IS NOT NULL AND approved_on IS NOT NULL)",
            name=op.f("ck_distributions_approved_by_resolution"),
        ),
        sa.CheckConstraint(
            "status IN ('inspection','approved','superseded')", name=op.f("ck_distributions_status_known")
        ),
        sa.CheckConstraint(
            "approved_on IS NULL OR approved_on >= inspection_ends",
            name=op.f("ck_distributions_approved_after_inspection"),
        ),
        sa.CheckConstraint(
            "inspection_ends > inspection_start", name=op.f("ck_distributions_inspection_has_length")
        ),
        sa.CheckConstraint("net_income_fen > 0", name=op.f("ck_distributions_positive_income")),
        sa.CheckConstraint(
            "reserve_fen + distributable_fen = net_income_fen",
            name=op.f("ck_distributions_reserve_plus_rest_is_income"),
        ),
        sa.CheckConstraint(
            "reserve_fen >= 0 AND distributable_fen >= 0", name=op.f("ck_distributions_amounts_not_negative")
        ),
        sa.CheckConstraint(
            "reserve_ratio >= 0 AND reserve_ratio <= 1", name=op.f("ck_distributions_ratio_in_range")
        ),
        sa.CheckConstraint("total_shares > 0", name=op.f("ck_distributions_has_shares")),
        sa.ForeignKeyConstraint(
            ["approval_resolution_id"],
            ["resolutions.id"],
            name=op.f("fk_distributions_approval_resolution_id_resolutions"),
        ),
        sa.ForeignKeyConstraint(
            ["collective_code"],
            ["collectives.code"],
            name=op.f("fk_distributions_collective_code_collectives"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_distributions")),
        sa.UniqueConstraint("approval_resolution_id", name=op.f("uq_distributions_approval_resolution_id")),
    )
    op.create_index(
        op.f("ix_distributions_collective_code"), "distributions", ["collective_code"], unique=False
    )
    op.create_index(
        "uq_distributions_open_year",
        "distributions",
        ["collective_code", "year"],
        unique=True,
        postgresql_where=sa.text("status IN ('inspection','approved')"),
    )
    op.create_table(
        "distribution_allocations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("distribution_id", sa.Integer(), nullable=False),
        sa.Column("household_code", sa.String(length=18), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("shares", sa.BigInteger(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("payment_status", sa.String(length=8), nullable=False),
        sa.CheckConstraint(
            "payment_status IN ('unpaid','paid','returned')",
            name=op.f("ck_distribution_allocations_payment_status_known"),
        ),
        sa.CheckConstraint(
            "(household_code IS NULL) <> (person_id IS NULL)",
            name=op.f("ck_distribution_allocations_one_payee"),
        ),
        sa.CheckConstraint(
            "shares > 0 AND amount_fen >= 0", name=op.f("ck_distribution_allocations_amounts_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["distribution_id"],
            ["distributions.id"],
            name=op.f("fk_distribution_allocations_distribution_id_distributions"),
        ),
        sa.ForeignKeyConstraint(
            ["household_code"],
            ["households.code"],
            name=op.f("fk_distribution_allocations_household_code_households"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_distribution_allocations_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_distribution_allocations")),
    )
    op.create_index(
        op.f("ix_distribution_allocations_distribution_id"),
        "distribution_allocations",
        ["distribution_id"],
        unique=False,
    )
    op.create_table(
        "dividend_payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("allocation_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("payment_ref", sa.String(length=200), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("status IN ('paid','returned')", name=op.f("ck_dividend_payments_status_known")),
        sa.CheckConstraint("amount_fen >= 0", name=op.f("ck_dividend_payments_amount_not_negative")),
        sa.ForeignKeyConstraint(
            ["allocation_id"],
            ["distribution_allocations.id"],
            name=op.f("fk_dividend_payments_allocation_id_distribution_allocations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dividend_payments")),
    )
    op.create_index(
        op.f("ix_dividend_payments_allocation_id"), "dividend_payments", ["allocation_id"], unique=False
    )
    # RG-01: the share register and the payment ledger are append-only; the database refuses UPDATE and
    # DELETE.
    op.execute("""
        CREATE FUNCTION shares_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% is append-only (RG-01): % refused', TG_TABLE_NAME, TG_OP;
        END $$""")
    for table in APPEND_ONLY:
        op.execute(f"""CREATE TRIGGER {table}_no_update_delete BEFORE UPDATE OR DELETE ON {table}
                      FOR EACH ROW EXECUTE FUNCTION shares_append_only()""")


def downgrade():
    for table in APPEND_ONLY:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update_delete ON {table}")
    op.execute("DROP FUNCTION IF EXISTS shares_append_only()")
    op.drop_index(op.f("ix_dividend_payments_allocation_id"), table_name="dividend_payments")
    op.drop_table("dividend_payments")
    op.drop_index(op.f("ix_distribution_allocations_distribution_id"), table_name="distribution_allocations")
    op.drop_table("distribution_allocations")
    op.drop_index(
        "uq_distributions_open_year",
        table_name="distributions",
        postgresql_where=sa.text("status IN ('inspection','approved')"),
    )
    op.drop_index(op.f("ix_distributions_collective_code"), table_name="distributions")
    op.drop_table("distributions")
    op.drop_index(op.f("ix_share_register_person_id"), table_name="share_register")
    op.drop_index(op.f("ix_share_register_household_code"), table_name="share_register")
    op.drop_index("ix_share_register_collective_date", table_name="share_register")
    op.drop_index(op.f("ix_share_register_change_id"), table_name="share_register")
    op.drop_table("share_register")
    op.drop_index(op.f("ix_share_holdings_person_id"), table_name="share_holdings")
    op.drop_index(op.f("ix_share_holdings_household_code"), table_name="share_holdings")
    op.drop_table("share_holdings")
    op.drop_index(op.f("ix_share_changes_collective_code"), table_name="share_changes")
    op.drop_table("share_changes")
    op.drop_table("share_plans")
