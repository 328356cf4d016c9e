"""Foundation: users, tokens, audit log, code sequences, collectives, persons, households

Revision ID: 0001
Revises:
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=48), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=8), nullable=False),
        sa.Column("rule", sa.String(length=8), nullable=True),
        sa.Column("before", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("after", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_entity"), "audit_log", ["entity"], unique=False)
    op.create_index(op.f("ix_audit_log_entity_id"), "audit_log", ["entity_id"], unique=False)
    op.create_table(
        "code_sequences",
        sa.Column("scope", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("scope", "kind", name=op.f("pk_code_sequences")),
    )
    op.create_table(
        "collectives",
        sa.Column("code", sa.String(length=14), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("county_code", sa.String(length=6), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("code ~ '^[0-9]{14}$'", name=op.f("ck_collectives_code_14_digits")),
        sa.CheckConstraint(
            "level IN ('township','village','group')", name=op.f("ck_collectives_level_known")
        ),
        sa.CheckConstraint("county_code = substr(code, 1, 6)", name=op.f("ck_collectives_county_from_code")),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_collectives")),
    )
    op.create_index(op.f("ix_collectives_county_code"), "collectives", ["county_code"], unique=False)
    op.create_table(
        "persons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("id_number ~ '^[0-9]{17}[0-9X]$'", name=op.f("ck_persons_id_number_format")),
        sa.CheckConstraint("sex IN ('1','2')", name=op.f("ck_persons_sex_code")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_persons")),
        sa.UniqueConstraint("id_number", name=op.f("uq_persons_id_number")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("scope", sa.String(length=14), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "(role = 'admin') OR (role = 'clerk' AND scope ~ '^[0-9]{14}$') OR (role IN "
            "('reviewer','police') AND scope ~ '^[0-9]{6}$')",
            name=op.f("ck_users_scope_fits_role"),
        ),
        sa.CheckConstraint("role IN ('admin','clerk','reviewer','police')", name=op.f("ck_users_role_known")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_api_tokens_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    op.create_index(op.f("ix_api_tokens_user_id"), "api_tokens", ["user_id"], unique=False)
    op.create_table(
        "households",
        sa.Column("code", sa.String(length=18), nullable=False),
        sa.Column("collective_code", sa.String(length=14), nullable=False),
        sa.Column("head_person_id", sa.Integer(), nullable=False),
        sa.Column("party_type", sa.String(length=1), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("dissolved_on", sa.Date(), nullable=True),
        sa.CheckConstraint("code ~ '^[0-9]{18}$'", name=op.f("ck_households_code_18_digits")),
        sa.CheckConstraint(
            "collective_code = substr(code, 1, 14)", name=op.f("ck_households_collective_from_code")
        ),
        sa.ForeignKeyConstraint(
            ["collective_code"], ["collectives.code"], name=op.f("fk_households_collective_code_collectives")
        ),
        sa.ForeignKeyConstraint(
            ["head_person_id"], ["persons.id"], name=op.f("fk_households_head_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_households")),
    )
    op.create_index(op.f("ix_households_collective_code"), "households", ["collective_code"], unique=False)
    op.create_table(
        "household_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_code", sa.String(length=18), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("relation", sa.String(length=2), nullable=False),
        sa.Column("joined_on", sa.Date(), server_default=sa.text("CURRENT_DATE"), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.CheckConstraint("relation ~ '^[0-9]{2}$'", name=op.f("ck_household_members_relation_code")),
        sa.CheckConstraint(
            "left_on IS NULL OR left_on >= joined_on", name=op.f("ck_household_members_left_after_joined")
        ),
        sa.ForeignKeyConstraint(
            ["household_code"],
            ["households.code"],
            name=op.f("fk_household_members_household_code_households"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_household_members_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household_members")),
    )
    op.create_index(
        op.f("ix_household_members_household_code"), "household_members", ["household_code"], unique=False
    )
    op.create_index(op.f("ix_household_members_person_id"), "household_members", ["person_id"], unique=False)
    op.create_index(
        "uq_household_members_current_person",
        "household_members",
        ["person_id"],
        unique=True,
        postgresql_where=sa.text("left_on IS NULL"),
    )
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_audit_head_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.execute("INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64))")
    # RG-03: the log is append-only; the database itself refuses UPDATE, DELETE and TRUNCATE.
    op.execute("""
        CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit_log is append-only (RG-03): % refused', TG_OP;
        END $$""")
    op.execute("""CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
                  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()""")
    op.execute("""CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
                  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()""")


def downgrade():
    op.execute("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
    op.execute("DROP TRIGGER IF EXISTS audit_log_no_update_delete ON audit_log")
    op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    op.drop_table("audit_head")
    op.drop_index(
        "uq_household_members_current_person",
        table_name="household_members",
        postgresql_where=sa.text("left_on IS NULL"),
    )
    op.drop_index(op.f("ix_household_members_person_id"), table_name="household_members")
    op.drop_index(op.f("ix_household_members_household_code"), table_name="household_members")
    op.drop_table("household_members")
    op.drop_index(op.f("ix_households_collective_code"), table_name="households")
    op.drop_table("households")
    op.drop_index(op.f("ix_api_tokens_user_id"), table_name="api_tokens")
    op.drop_table("api_tokens")
    op.drop_table("users")
    op.drop_table("persons")
    op.drop_index(op.f("ix_collectives_county_code"), table_name="collectives")
    op.drop_table("collectives")
    op.drop_table("code_sequences")
    op.drop_index(op.f("ix_audit_log_entity_id"), table_name="audit_log")
    op.drop_index(op.f("ix_audit_log_entity"), table_name="audit_log")
    op.drop_table("audit_log")
    op.execute("DROP EXTENSION IF EXISTS postgis")
