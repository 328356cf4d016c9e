"""Household changes and person corrections (their own append-only registers); withdrawn applications.

Revision ID: 0011
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

APPEND_ONLY = ("household_changes", "person_corrections")


def upgrade():
    op.create_table(
        "household_changes",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("household_code", sa.String(length=18), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=True),
        sa.Column("change_date", sa.Date(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("other_household_code", sa.String(length=18), nullable=True),
        sa.Column("evidence_ref", sa.String(length=200), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("details", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("seq >= 1", name=op.f("ck_household_changes_seq_positive")),
        sa.CheckConstraint(
            "kind IN ('member_added','member_left','split_off','split_from','merged_in','merged_into')",
            name=op.f("ck_household_changes_kind_known"),
        ),
        sa.CheckConstraint("length(evidence_ref) > 0", name=op.f("ck_household_changes_has_evidence")),
        sa.ForeignKeyConstraint(
            ["household_code"],
            ["households.code"],
            name=op.f("fk_household_changes_household_code_households"),
        ),
        sa.ForeignKeyConstraint(
            ["other_household_code"],
            ["households.code"],
            name=op.f("fk_household_changes_other_household_code_households"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_household_changes_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household_changes")),
        sa.UniqueConstraint("household_code", "seq", name="uq_household_changes_household_seq"),
    )
    op.create_table(
        "person_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=10), nullable=False),
        sa.Column("old_value", sa.String(length=100), nullable=False),
        sa.Column("new_value", sa.String(length=100), nullable=False),
        sa.Column("evidence_ref", sa.String(length=200), nullable=False),
        sa.Column("corrected_on", sa.Date(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("field IN ('name','id_number')", name=op.f("ck_person_corrections_field_known")),
        sa.CheckConstraint("length(evidence_ref) > 0", name=op.f("ck_person_corrections_has_evidence")),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_person_corrections_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_corrections")),
    )
    op.create_index(
        op.f("ix_person_corrections_person_id"), "person_corrections", ["person_id"], unique=False
    )
    # RG-01: the registers of household changes and corrections are appended to, never rewritten.
    op.execute("""
        CREATE FUNCTION household_registers_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% is append-only (RG-01): % refused', TG_TABLE_NAME, TG_OP;
        END $$""")
    for table in APPEND_ONLY:
        op.execute(f"""CREATE TRIGGER {table}_no_update_delete BEFORE UPDATE OR DELETE ON {table}
                       FOR EACH ROW EXECUTE FUNCTION household_registers_append_only()""")
        op.execute(f"""CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
                       FOR EACH STATEMENT EXECUTE FUNCTION household_registers_append_only()""")

    # Withdrawal of a pending application on the applicant's written request.
    op.add_column("homestead_applications", sa.Column("withdrawal_ref", sa.String(length=200), nullable=True))
    op.drop_constraint(
        op.f("ck_homestead_applications_status_known"), "homestead_applications", type_="check"
    )
    op.create_check_constraint(
        op.f("ck_homestead_applications_status_known"),
        "homestead_applications",
        "status IN ('publicity','approved','rejected','withdrawn')",
    )
    op.create_check_constraint(
        op.f("ck_homestead_applications_withdrawn_has_statement"),
        "homestead_applications",
        "(status = 'withdrawn') = (withdrawal_ref IS NOT NULL)",
    )
    op.add_column(
        "membership_applications", sa.Column("withdrawal_ref", sa.String(length=200), nullable=True)
    )
    op.add_column(
        "membership_applications", sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True)
    )
    for name in ("status_known", "decided_by_resolution"):
        op.drop_constraint(
            op.f(f"ck_membership_applications_{name}"), "membership_applications", type_="check"
        )
    op.create_check_constraint(
        op.f("ck_membership_applications_status_known"),
        "membership_applications",
        "status IN ('pending','confirmed','rejected','withdrawn')",
    )
    op.create_check_constraint(
        op.f("ck_membership_applications_decided_by_resolution"),
        "membership_applications",
        "(status IN ('pending','withdrawn')) = (resolution_id IS NULL)",
    )
    op.create_check_constraint(
        op.f("ck_membership_applications_withdrawn_has_statement"),
        "membership_applications",
        "(status = 'withdrawn') = (withdrawal_ref IS NOT NULL AND withdrawn_at IS NOT NULL)",
    )

    # One review queue: homestead applications are review items too, with their publicity end date.
    op.add_column("review_items", sa.Column("publicity_ends", sa.Date(), nullable=True))
    op.drop_constraint(op.f("ck_review_items_status_known"), "review_items", type_="check")
    op.create_check_constraint(
        op.f("ck_review_items_status_known"),
        "review_items",
        "status IN ('pending','approved','rejected','withdrawn')",
    )
    op.execute("""
        INSERT INTO review_items (kind, subject, subject_id, county_code, collective_code, linkage_flag,
            status,
                                  publicity_ends, created_at)
        SELECT 'homestead_application', p.code, a.id, substr(a.collective_code, 1, 6), a.collective_code,
            false,
               'pending', a.publicity_ends, a.created_at
        FROM homestead_applications a JOIN parcels p ON p.id = a.parcel_id
        WHERE a.status = 'publicity'""")


def downgrade():
    op.execute("DELETE FROM review_items WHERE kind = 'homestead_application'")
    op.drop_constraint(op.f("ck_review_items_status_known"), "review_items", type_="check")
    op.create_check_constraint(
        op.f("ck_review_items_status_known"), "review_items", "status IN ('pending','approved','rejected')"
    )
    op.drop_column("review_items", "publicity_ends")
    op.execute("DELETE FROM membership_applications WHERE status = 'withdrawn'")
    for name in ("withdrawn_has_statement", "decided_by_resolution", "status_known"):
        op.drop_constraint(
            op.f(f"ck_membership_applications_{name}"), "membership_applications", type_="check"
        )
    op.create_check_constraint(
        op.f("ck_membership_applications_status_known"),
        "membership_applications",
        "status IN ('pending','confirmed','rejected')",
    )
    op.create_check_constraint(
        op.f("ck_membership_applications_decided_by_resolution"),
        "membership_applications",
        "(status = 'pending') = (resolution_id IS NULL)",
    )
    op.drop_column("membership_applications", "withdrawn_at")
    op.drop_column("membership_applications", "withdrawal_ref")
    for name in ("withdrawn_has_statement", "status_known"):
        op.drop_constraint(op.f(f"ck_homestead_applications_{name}"), "homestead_applications", type_="check")
    op.execute("UPDATE homestead_applications SET status = 'rejected' WHERE status = 'withdrawn'")
    op.create_check_constraint(
        op.f("ck_homestead_applications_status_known"),
        "homestead_applications",
        "status IN ('publicity','approved','rejected')",
    )
    op.drop_column("homestead_applications", "withdrawal_ref")
    for table in APPEND_ONLY:
        op.execute(f"DROP TRIGGER {table}_no_truncate ON {table}")
        op.execute(f"DROP TRIGGER {table}_no_update_delete ON {table}")
    op.drop_index(op.f("ix_person_corrections_person_id"), table_name="person_corrections")
    op.drop_table("person_corrections")
    op.drop_table("household_changes")
    op.execute("DROP FUNCTION household_registers_append_only()")
