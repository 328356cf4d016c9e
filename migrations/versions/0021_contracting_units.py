"""Units (单位, CBFLX 3) as contracting parties, their contracts by other methods (120x) held by the unit;
exchange jobs keep a checked package and know its county.

A unit is a row of `households` (the 承包方 table) of party type 3 with its name and
certificate and no head; no person can be a member of it (a trigger). A contract holder is a
person or the unit itself. Contracts by other methods (121 招标, 122 拍卖, 123 公开协商,
129 其他) carry the letter Q, family contracts (110, and 200 / 300 after a transfer or swap)
the letter J.

Revision ID: 0021
Revises: 0020
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

FAMILY = "('110','200','300')"
OTHER = "('120','121','122','123','129')"


def upgrade():
    op.add_column("households", sa.Column("name", sa.String(length=100), nullable=True))
    op.add_column("households", sa.Column("id_type", sa.String(length=1), nullable=True))
    op.add_column("households", sa.Column("id_number", sa.String(length=40), nullable=True))
    op.alter_column("households", "head_person_id", existing_type=sa.Integer(), nullable=True)
    op.create_check_constraint(
        op.f("ck_households_party_type_code"), "households", "party_type IN ('1','2','3')"
    )
    op.create_check_constraint(
        op.f("ck_households_unit_has_no_head"), "households", "(party_type = '3') = (head_person_id IS NULL)"
    )
    op.create_check_constraint(
        op.f("ck_households_unit_named"),
        "households",
        "party_type <> '3' OR (name IS NOT NULL AND id_type IS NOT NULL AND id_number IS NOT NULL)",
    )
    op.create_check_constraint(
        op.f("ck_households_unit_sequence"),
        "households",
        "party_type <> '3' OR substr(code, 15, 4) >= '9001'",
    )
    op.execute("""
        CREATE FUNCTION household_members_not_of_a_unit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM households WHERE code = NEW.household_code AND party_type = '3') THEN
                RAISE EXCEPTION 'a unit (party type 3) has no household members: %', NEW.household_code
                    USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END $$""")
    op.execute("""CREATE TRIGGER household_members_not_of_a_unit BEFORE INSERT OR UPDATE ON household_members
        FOR EACH ROW EXECUTE FUNCTION household_members_not_of_a_unit()""")

    op.alter_column("contract_holders", "person_id", existing_type=sa.Integer(), nullable=True)
    op.add_column("contract_holders", sa.Column("unit_code", sa.String(length=18), nullable=True))
    op.create_foreign_key(
        op.f("fk_contract_holders_unit_code_households"),
        "contract_holders",
        "households",
        ["unit_code"],
        ["code"],
    )
    op.create_check_constraint(
        op.f("ck_contract_holders_person_or_unit"),
        "contract_holders",
        "num_nonnulls(person_id, unit_code) = 1",
    )

    op.drop_constraint(op.f("ck_land_contracts_code_is_household_j"), "land_contracts", type_="check")
    op.drop_constraint(op.f("ck_land_contracts_method_code"), "land_contracts", type_="check")
    op.create_check_constraint(
        op.f("ck_land_contracts_code_is_household_and_letter"),
        "land_contracts",
        f"(method IN {FAMILY} AND code = household_code || 'J') "
        f"OR (method IN {OTHER} AND code = household_code || 'Q')",
    )
    op.create_check_constraint(
        op.f("ck_land_contracts_method_code"), "land_contracts", f"method IN {FAMILY} OR method IN {OTHER}"
    )

    # a dry run's package is kept with its job and imported from there (its SHA-256 checked); a job knows its
    # package's county, so the county's reviewer sees an administrator's upload (SEC-01)
    op.add_column("exchange_jobs", sa.Column("county", sa.String(length=6), nullable=True))
    op.add_column("exchange_jobs", sa.Column("upload_sha256", sa.String(length=64), nullable=True))
    op.execute("UPDATE exchange_jobs SET county = report->>'county' WHERE report ? 'county'")


def downgrade():
    op.drop_column("exchange_jobs", "upload_sha256")
    op.drop_column("exchange_jobs", "county")
    op.drop_constraint(op.f("ck_land_contracts_method_code"), "land_contracts", type_="check")
    op.drop_constraint(
        op.f("ck_land_contracts_code_is_household_and_letter"), "land_contracts", type_="check"
    )
    op.create_check_constraint(op.f("ck_land_contracts_method_code"), "land_contracts", f"method IN {FAMILY}")
    op.create_check_constraint(
        op.f("ck_land_contracts_code_is_household_j"), "land_contracts", "code = household_code || 'J'"
    )
    op.drop_constraint(op.f("ck_contract_holders_person_or_unit"), "contract_holders", type_="check")
    op.drop_constraint(
        op.f("fk_contract_holders_unit_code_households"), "contract_holders", type_="foreignkey"
    )
    op.drop_column("contract_holders", "unit_code")
    op.alter_column("contract_holders", "person_id", existing_type=sa.Integer(), nullable=False)
    op.execute("DROP TRIGGER household_members_not_of_a_unit ON household_members")
    op.execute("DROP FUNCTION household_members_not_of_a_unit()")
    for name in ("unit_sequence", "unit_named", "unit_has_no_head", "party_type_code"):
        op.drop_constraint(op.f(f"ck_households_{name}"), "households", type_="check")
    op.alter_column("households", "head_person_id", existing_type=sa.Integer(), nullable=False)
    op.drop_column("households", "id_number")
    op.drop_column("households", "id_type")
    op.drop_column("households", "name")
