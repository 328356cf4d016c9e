"""Membership: resolutions, applications, memberships (one active per person), roster changes and filings

Revision ID: 0002
Revises: 0001
"""

from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "resolutions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("collective_code", sa.String(length=14), nullable=False),
        sa.Column("body", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.String(length=16), nullable=False),
        sa.Column("notice_date", sa.Date(), nullable=False),
        sa.Column("meeting_date", sa.Date(), nullable=False),
        sa.Column("members_total", sa.Integer(), nullable=False),
        sa.Column("members_with_capacity", sa.Integer(), nullable=False),
        sa.Column("attended", sa.Integer(), nullable=False),
        sa.Column("votes_for", sa.Integer(), nullable=False),
        sa.Column("adopted", sa.Boolean(), nullable=False),
        sa.Column("evidence_ref", sa.String(length=200), nullable=True),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("body IN ('assembly','representatives')", name=op.f("ck_resolutions_body_known")),
        sa.CheckConstraint(
            "subject IN ('membership','share_plan','distribution','other')",
            name=op.f("ck_resolutions_subject_known"),
        ),
        sa.CheckConstraint(
            "attended <= members_total AND votes_for <= members_total", name=op.f("ck_resolutions_counts_fit")
        ),
        sa.ForeignKeyConstraint(
            ["collective_code"], ["collectives.code"], name=op.f("fk_resolutions_collective_code_collectives")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resolutions")),
    )
    op.create_index(op.f("ix_resolutions_collective_code"), "resolutions", ["collective_code"], unique=False)
    op.create_table(
        "membership_applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("collective_code", sa.String(length=14), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("basis", sa.String(length=20), nullable=False),
        sa.Column("evidence_ref", sa.String(length=200), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("resolution_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "(status = 'pending') = (resolution_id IS NULL)",
            name=op.f("ck_membership_applications_decided_by_resolution"),
        ),
        sa.CheckConstraint(
            "basis IN ('original','birth','marriage','adoption','policy_migration','other')",
            name=op.f("ck_membership_applications_basis_known"),
        ),
        sa.CheckConstraint(
            "status IN ('pending','confirmed','rejected')",
            name=op.f("ck_membership_applications_status_known"),
        ),
        sa.ForeignKeyConstraint(
            ["collective_code"],
            ["collectives.code"],
            name=op.f("fk_membership_applications_collective_code_collectives"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_membership_applications_person_id_persons")
        ),
        sa.ForeignKeyConstraint(
            ["resolution_id"],
            ["resolutions.id"],
            name=op.f("fk_membership_applications_resolution_id_resolutions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_membership_applications")),
    )
    op.create_index(
        op.f("ix_membership_applications_collective_code"),
        "membership_applications",
        ["collective_code"],
        unique=False,
    )
    op.create_index(
        op.f("ix_membership_applications_person_id"), "membership_applications", ["person_id"], unique=False
    )
    op.create_index(
        "uq_membership_applications_pending",
        "membership_applications",
        ["person_id", "collective_code"],
        unique=True,
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_table(
        "memberships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("collective_code", sa.String(length=14), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("end_reason", sa.String(length=20), nullable=True),
        sa.Column("basis_text", sa.Text(), nullable=True),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("resolution_id", sa.Integer(), nullable=True),
        sa.Column("end_evidence_ref", sa.String(length=200), nullable=True),
        sa.Column("end_consent_ref", sa.String(length=200), nullable=True),
        sa.Column("end_resolution_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "end_reason IS NULL OR end_reason NOT IN "
            "('death','nationality_lost','civil_servant','voluntary_exit') OR end_evidence_ref IS "
            "NOT NULL",
            name=op.f("ck_memberships_ending_has_evidence"),
        ),
        sa.CheckConstraint(
            "end_reason IS DISTINCT FROM 'voluntary_exit' OR end_consent_ref IS NOT NULL",
            name=op.f("ck_memberships_exit_has_consent"),
        ),
        sa.CheckConstraint(
            "end_reason IS DISTINCT FROM 'acquired_other' OR end_resolution_id IS NOT NULL",
            name=op.f("ck_memberships_acquired_other_by_resolution"),
        ),
        sa.ForeignKeyConstraint(
            ["end_resolution_id"],
            ["resolutions.id"],
            name=op.f("fk_memberships_end_resolution_id_resolutions"),
        ),
        sa.CheckConstraint(
            "(status = 'active' AND ended_on IS NULL AND end_reason IS NULL) OR (status = 'ended' AND "
            "ended_on IS NOT NULL AND end_reason IS NOT NULL)",
            name=op.f("ck_memberships_ended_has_reason"),
        ),
        sa.CheckConstraint(
            "end_reason IS DISTINCT FROM 'other_legal' OR basis_text IS NOT NULL",
            name=op.f("ck_memberships_other_legal_has_basis"),
        ),
        sa.CheckConstraint(
            "end_reason IS NULL OR end_reason IN "
            "('death','nationality_lost','acquired_other','civil_servant','voluntary_exit','other_legal')",
            name=op.f("ck_memberships_end_reason_lawful"),
        ),
        sa.CheckConstraint("status IN ('active','ended')", name=op.f("ck_memberships_status_known")),
        sa.CheckConstraint(
            "ended_on IS NULL OR ended_on >= since", name=op.f("ck_memberships_ends_after_start")
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["membership_applications.id"],
            name=op.f("fk_memberships_application_id_membership_applications"),
        ),
        sa.ForeignKeyConstraint(
            ["collective_code"], ["collectives.code"], name=op.f("fk_memberships_collective_code_collectives")
        ),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], name=op.f("fk_memberships_person_id_persons")),
        sa.ForeignKeyConstraint(
            ["resolution_id"], ["resolutions.id"], name=op.f("fk_memberships_resolution_id_resolutions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_memberships")),
    )
    op.create_index(op.f("ix_memberships_collective_code"), "memberships", ["collective_code"], unique=False)
    op.create_index(op.f("ix_memberships_person_id"), "memberships", ["person_id"], unique=False)
    op.create_index(
        "uq_memberships_active_person",
        "memberships",
        ["person_id"],
        unique=True,
        postgresql_where=sa.text("status = 'active'"),
    )
    op.create_index(
        "ix_memberships_collective_status", "memberships", ["collective_code", "status", "id"], unique=False
    )
    op.create_table(
        "membership_filings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("collective_code", sa.String(length=14), nullable=False),
        sa.Column("township_code", sa.String(length=9), nullable=False),
        sa.Column("county_code", sa.String(length=6), nullable=False),
        sa.Column("township_ref", sa.String(length=100), nullable=False),
        sa.Column("county_ref", sa.String(length=100), nullable=False),
        sa.Column("filed_on", sa.Date(), nullable=False),
        sa.Column("change_count", sa.Integer(), nullable=False),
        sa.Column("filed_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "township_code = substr(collective_code, 1, 9)",
            name=op.f("ck_membership_filings_township_from_code"),
        ),
        sa.CheckConstraint(
            "county_code = substr(collective_code, 1, 6)", name=op.f("ck_membership_filings_county_from_code")
        ),
        sa.CheckConstraint("change_count > 0", name=op.f("ck_membership_filings_not_empty")),
        sa.ForeignKeyConstraint(
            ["collective_code"],
            ["collectives.code"],
            name=op.f("fk_membership_filings_collective_code_collectives"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_membership_filings")),
    )
    op.create_index(
        op.f("ix_membership_filings_collective_code"), "membership_filings", ["collective_code"], unique=False
    )
    op.create_table(
        "roster_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("collective_code", sa.String(length=14), nullable=False),
        sa.Column("membership_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("resolution_id", sa.Integer(), nullable=True),
        sa.Column("filing_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("kind IN ('joined','ended')", name=op.f("ck_roster_changes_kind_known")),
        sa.ForeignKeyConstraint(
            ["collective_code"],
            ["collectives.code"],
            name=op.f("fk_roster_changes_collective_code_collectives"),
        ),
        sa.ForeignKeyConstraint(
            ["membership_id"], ["memberships.id"], name=op.f("fk_roster_changes_membership_id_memberships")
        ),
        sa.ForeignKeyConstraint(
            ["resolution_id"], ["resolutions.id"], name=op.f("fk_roster_changes_resolution_id_resolutions")
        ),
        sa.ForeignKeyConstraint(
            ["filing_id"],
            ["membership_filings.id"],
            name=op.f("fk_roster_changes_filing_id_membership_filings"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roster_changes")),
    )
    op.create_index(
        op.f("ix_roster_changes_collective_code"), "roster_changes", ["collective_code"], unique=False
    )
    op.create_index(
        op.f("ix_roster_changes_membership_id"), "roster_changes", ["membership_id"], unique=False
    )
    op.create_index(op.f("ix_roster_changes_filing_id"), "roster_changes", ["filing_id"], unique=False)
    op.create_index(
        "ix_roster_changes_unfiled",
        "roster_changes",
        ["collective_code", "id"],
        unique=False,
        postgresql_where=sa.text("filing_id IS NULL"),
    )
    # MEM-06: a filed batch is immutable, and a roster change is only ever attached once to a batch. The error
    # carries a constraint name so the edge maps a violation to the rule (api.CONSTRAINT_RULES).
    op.execute(FILING_IMMUTABLE)


FILING_IMMUTABLE = """
CREATE FUNCTION membership_filing_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- one trigger function for both tables: compare as jsonb,
    -- since OLD has no filing_id on membership_filings
    IF TG_TABLE_NAME = 'roster_changes' AND TG_OP = 'UPDATE' AND to_jsonb(OLD) ->> 'filing_id' IS NULL
       AND to_jsonb(NEW) ->> 'filing_id' IS NOT NULL
       AND (to_jsonb(NEW) - 'filing_id') = (to_jsonb(OLD) - 'filing_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'filed roster records are immutable (% on %)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = 'membership_filing_immutable';
END $$;
CREATE TRIGGER membership_filings_immutable BEFORE UPDATE OR DELETE ON membership_filings
    FOR EACH ROW EXECUTE FUNCTION membership_filing_immutable();
CREATE TRIGGER roster_changes_append_only BEFORE UPDATE OR DELETE ON roster_changes
    FOR EACH ROW EXECUTE FUNCTION membership_filing_immutable();
"""


def downgrade():
    op.execute("DROP TRIGGER roster_changes_append_only ON roster_changes")
    op.execute("DROP TRIGGER membership_filings_immutable ON membership_filings")
    op.execute("DROP FUNCTION membership_filing_immutable()")
    op.drop_index(
        "ix_roster_changes_unfiled",
        table_name="roster_changes",
        postgresql_where=sa.text("filing_id IS NULL"),
    )
    op.drop_index(op.f("ix_roster_changes_filing_id"), table_name="roster_changes")
    op.drop_index(op.f("ix_roster_changes_membership_id"), table_name="roster_changes")
    op.drop_index(op.f("ix_roster_changes_collective_code"), table_name="roster_changes")
    op.drop_table("roster_changes")
    op.drop_index(op.f("ix_membership_filings_collective_code"), table_name="membership_filings")
    op.drop_table("membership_filings")
    op.drop_index("ix_memberships_collective_status", table_name="memberships")
    op.drop_index(
        "uq_memberships_active_person",
        table_name="memberships",
        postgresql_where=sa.text("status = 'active'"),
    )
    op.drop_index(op.f("ix_memberships_person_id"), table_name="memberships")
    op.drop_index(op.f("ix_memberships_collective_code"), table_name="memberships")
    op.drop_table("memberships")
    op.drop_index(
        "uq_membership_applications_pending",
        table_name="membership_applications",
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.drop_index(op.f("ix_membership_applications_person_id"), table_name="membership_applications")
    op.drop_index(op.f("ix_membership_applications_collective_code"), table_name="membership_applications")
    op.drop_table("membership_applications")
    op.drop_index(op.f("ix_resolutions_collective_code"), table_name="resolutions")
    op.drop_table("resolutions")
