"""Land contracts, registers, leases

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    # btree_gist lets one exclusion constraint compare a parcel id (=) and a date range (&&) together (LC-03).
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    op.create_table(
        "land_contracts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=19), nullable=False),
        sa.Column("household_code", sa.String(length=18), nullable=False),
        sa.Column("collective_code", sa.String(length=14), nullable=False),
        sa.Column("method", sa.String(length=3), nullable=False),
        sa.Column("surrender_bar_until", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "code = household_code || 'J'", name=op.f("ck_land_contracts_code_is_household_j")
        ),
        sa.CheckConstraint(
            "collective_code = substr(household_code, 1, 14)",
            name=op.f("ck_land_contracts_issuer_of_household"),
        ),
        sa.CheckConstraint("method IN ('110','200','300')", name=op.f("ck_land_contracts_method_code")),
        sa.ForeignKeyConstraint(
            ["collective_code"],
            ["collectives.code"],
            name=op.f("fk_land_contracts_collective_code_collectives"),
        ),
        sa.ForeignKeyConstraint(
            ["household_code"], ["households.code"], name=op.f("fk_land_contracts_household_code_households")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_land_contracts")),
        sa.UniqueConstraint("code", name=op.f("uq_land_contracts_code")),
        sa.UniqueConstraint("household_code", name=op.f("uq_land_contracts_household_code")),
    )
    op.create_index(
        op.f("ix_land_contracts_collective_code"), "land_contracts", ["collective_code"], unique=False
    )
    op.create_table(
        "contract_parcels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("parcel_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "valid_to IS NULL OR valid_to >= valid_from", name=op.f("ck_contract_parcels_period_forward")
        ),
        postgresql.ExcludeConstraint(
            ("parcel_id", "="),
            (sa.text("daterange(valid_from, valid_to)"), "&&"),
            name="ex_contract_parcels_parcel_period",
            using="gist",
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["land_contracts.id"],
            name=op.f("fk_contract_parcels_contract_id_land_contracts"),
        ),
        sa.ForeignKeyConstraint(
            ["parcel_id"], ["parcels.id"], name=op.f("fk_contract_parcels_parcel_id_parcels")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract_parcels")),
    )
    op.create_index(
        op.f("ix_contract_parcels_contract_id"), "contract_parcels", ["contract_id"], unique=False
    )
    op.create_index(op.f("ix_contract_parcels_parcel_id"), "contract_parcels", ["parcel_id"], unique=False)
    op.create_table(
        "contract_holders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "valid_to IS NULL OR valid_to >= valid_from", name=op.f("ck_contract_holders_period_forward")
        ),
        postgresql.ExcludeConstraint(
            ("contract_id", "="),
            ("person_id", "="),
            (sa.text("daterange(valid_from, valid_to)"), "&&"),
            name="ex_contract_holders_person_period",
            using="gist",
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["land_contracts.id"],
            name=op.f("fk_contract_holders_contract_id_land_contracts"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_contract_holders_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract_holders")),
    )
    op.create_index(
        op.f("ix_contract_holders_contract_id"), "contract_holders", ["contract_id"], unique=False
    )
    op.create_index(op.f("ix_contract_holders_person_id"), "contract_holders", ["person_id"], unique=False)
    op.create_table(
        "contract_register",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("entry_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("document_ref", sa.String(length=200), nullable=True),
        sa.Column("term_start", sa.Date(), nullable=True),
        sa.Column("term_end", sa.Date(), nullable=True),
        sa.Column("land_type", sa.String(length=10), nullable=True),
        sa.Column("details", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("seq >= 1", name=op.f("ck_contract_register_seq_positive")),
        sa.CheckConstraint(
            "kind IN "
            "('initial','extension','change','transfer','swap','split','merge','surrender','termination','lease_filed','mortgage_filed')",
            name=op.f("ck_contract_register_kind_known"),
        ),
        sa.CheckConstraint(
            "(term_start IS NULL) = (term_end IS NULL) AND (term_end IS NULL) = (land_type IS NULL)",
            name=op.f("ck_contract_register_term_whole"),
        ),
        sa.CheckConstraint(
            "land_type IN ('arable','grassland','forest')", name=op.f("ck_contract_register_land_type_known")
        ),
        sa.CheckConstraint(
            "term_end IS NULL OR term_end > term_start", name=op.f("ck_contract_register_term_forward")
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["land_contracts.id"],
            name=op.f("fk_contract_register_contract_id_land_contracts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract_register")),
        sa.UniqueConstraint("contract_id", "seq", name="uq_contract_register_contract_seq"),
    )
    # RG-01: register entries are never edited or removed; the database itself refuses it.
    op.execute("""
        CREATE FUNCTION contract_register_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'contract_register is append-only (RG-01): % refused', TG_OP;
        END $$""")
    op.execute("""CREATE TRIGGER contract_register_no_update_delete BEFORE UPDATE OR DELETE ON
        contract_register
                  FOR EACH ROW EXECUTE FUNCTION contract_register_append_only()""")
    op.execute("""CREATE TRIGGER contract_register_no_truncate BEFORE TRUNCATE ON contract_register
                  FOR EACH STATEMENT EXECUTE FUNCTION contract_register_append_only()""")
    op.create_table(
        "land_leases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=18), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("collective_code", sa.String(length=14), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("lessee_kind", sa.String(length=12), nullable=False),
        sa.Column("lessee_name", sa.String(length=100), nullable=False),
        sa.Column("lessee_id_type", sa.String(length=1), nullable=False),
        sa.Column("lessee_id_number", sa.String(length=40), nullable=False),
        sa.Column("mode", sa.String(length=12), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("land_use", sa.String(length=1), nullable=False),
        sa.Column("price_fen", sa.BigInteger(), nullable=False),
        sa.Column("registrable", sa.Boolean(), nullable=False),
        sa.Column("contract_ref", sa.String(length=200), nullable=True),
        sa.Column("holder_consent_ref", sa.String(length=200), nullable=True),
        sa.Column("filed_on", sa.Date(), nullable=False),
        sa.Column("filed_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("code ~ '^[0-9]{18}$'", name=op.f("ck_land_leases_code_18_digits")),
        sa.CheckConstraint(
            "collective_code = substr(code, 1, 14)", name=op.f("ck_land_leases_issuer_from_code")
        ),
        sa.CheckConstraint(
            "mode IN ('lease','subcontract','equity','other')", name=op.f("ck_land_leases_mode_known")
        ),
        sa.CheckConstraint(
            "lessee_kind IN ('member','person','organisation')", name=op.f("ck_land_leases_lessee_kind_known")
        ),
        sa.CheckConstraint("land_use IN ('1','2','3','4')", name=op.f("ck_land_leases_agricultural_use")),
        sa.CheckConstraint("end_date > start_date", name=op.f("ck_land_leases_period_forward")),
        sa.CheckConstraint("price_fen >= 0", name=op.f("ck_land_leases_price_not_negative")),
        sa.CheckConstraint(
            "parent_id IS NULL OR holder_consent_ref IS NOT NULL",
            name=op.f("ck_land_leases_re_lease_has_consent"),
        ),
        sa.ForeignKeyConstraint(
            ["collective_code"], ["collectives.code"], name=op.f("fk_land_leases_collective_code_collectives")
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["land_contracts.id"], name=op.f("fk_land_leases_contract_id_land_contracts")
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["land_leases.id"], name=op.f("fk_land_leases_parent_id_land_leases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_land_leases")),
        sa.UniqueConstraint("code", name=op.f("uq_land_leases_code")),
    )
    op.create_index("ix_land_leases_contract_id", "land_leases", ["contract_id"], unique=False)
    op.create_table(
        "lease_parcels",
        sa.Column("lease_id", sa.Integer(), nullable=False),
        sa.Column("parcel_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["lease_id"], ["land_leases.id"], name=op.f("fk_lease_parcels_lease_id_land_leases")
        ),
        sa.ForeignKeyConstraint(
            ["parcel_id"], ["parcels.id"], name=op.f("fk_lease_parcels_parcel_id_parcels")
        ),
        sa.PrimaryKeyConstraint("lease_id", "parcel_id", name=op.f("pk_lease_parcels")),
    )
    op.create_index(op.f("ix_lease_parcels_parcel_id"), "lease_parcels", ["parcel_id"], unique=False)
    op.create_table(
        "lease_mortgages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lease_id", sa.Integer(), nullable=False),
        sa.Column("creditor_name", sa.String(length=100), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("holder_consent_ref", sa.String(length=200), nullable=False),
        sa.Column("document_ref", sa.String(length=200), nullable=True),
        sa.Column("filed_on", sa.Date(), nullable=False),
        sa.Column("filed_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("amount_fen > 0", name=op.f("ck_lease_mortgages_amount_positive")),
        sa.CheckConstraint("end_date > start_date", name=op.f("ck_lease_mortgages_period_forward")),
        sa.CheckConstraint(
            "length(holder_consent_ref) > 0", name=op.f("ck_lease_mortgages_holder_consented")
        ),
        sa.ForeignKeyConstraint(
            ["lease_id"], ["land_leases.id"], name=op.f("fk_lease_mortgages_lease_id_land_leases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lease_mortgages")),
    )
    op.create_index(op.f("ix_lease_mortgages_lease_id"), "lease_mortgages", ["lease_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_lease_mortgages_lease_id"), table_name="lease_mortgages")
    op.drop_table("lease_mortgages")
    op.drop_index(op.f("ix_lease_parcels_parcel_id"), table_name="lease_parcels")
    op.drop_table("lease_parcels")
    op.drop_index("ix_land_leases_contract_id", table_name="land_leases")
    op.drop_table("land_leases")
    op.execute("DROP TRIGGER IF EXISTS contract_register_no_truncate ON contract_register")
    op.execute("DROP TRIGGER IF EXISTS contract_register_no_update_delete ON contract_register")
    op.execute("DROP FUNCTION IF EXISTS contract_register_append_only()")
    op.drop_table("contract_register")
    op.drop_index(op.f("ix_contract_holders_person_id"), table_name="contract_holders")
    op.drop_index(op.f("ix_contract_holders_contract_id"), table_name="contract_holders")
    op.drop_table("contract_holders")
    op.drop_index(op.f("ix_contract_parcels_parcel_id"), table_name="contract_parcels")
    op.drop_index(op.f("ix_contract_parcels_contract_id"), table_name="contract_parcels")
    op.drop_table("contract_parcels")
    op.drop_index(op.f("ix_land_contracts_collective_code"), table_name="land_contracts")
    op.drop_table("land_contracts")
    op.execute("DROP EXTENSION IF EXISTS btree_gist")
