"""Homestead applications, objections, rights, register, certificates, house transfers and area caps

Revision ID: 0005
Revises: 0004
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

HEIR_NOTE = "该权利人为本农民集体经济组织原成员住宅的合法继承人"

# HS-02 caps as seeded (domain.md). 00 is the default for unlisted provinces: the strictest seeded figures,
# so an unconfigured province refuses rather than admits an oversized plot until an admin sets its own caps.
# 浙江 (33) keys its cap on the land taken: arable 125, other land 140, mountain wasteland 160.
SEEDED_CAPS = [
    ("44", "plain", "any", 80, "广东省土地管理条例 (2022) 第42条"),
    ("44", "hill", "any", 120, "广东省土地管理条例 (2022) 第42条"),
    ("44", "mountain", "any", 150, "广东省土地管理条例 (2022) 第42条"),
    ("33", "plain", "arable", 125, "浙江省土地管理条例 (2021) 第55条"),
    ("33", "hill", "arable", 125, "浙江省土地管理条例 (2021) 第55条"),
    ("33", "mountain", "arable", 125, "浙江省土地管理条例 (2021) 第55条"),
    ("33", "plain", "other", 140, "浙江省土地管理条例 (2021) 第55条"),
    ("33", "hill", "other", 140, "浙江省土地管理条例 (2021) 第55条"),
    ("33", "mountain", "other", 160, "浙江省土地管理条例 (2021) 第55条"),
    ("41", "plain", "any", 134, "河南省实施《土地管理法》办法 第53条"),
    ("41", "hill", "any", 167, "河南省实施《土地管理法》办法 第53条"),
    ("41", "mountain", "any", 200, "河南省实施《土地管理法》办法 第53条"),
    ("00", "plain", "any", 80, "默认值（未单列省份），管理员可调整"),
    ("00", "hill", "any", 120, "默认值（未单列省份），管理员可调整"),
    ("00", "mountain", "any", 150, "默认值（未单列省份），管理员可调整"),
]


def upgrade():
    caps = op.create_table(
        "homestead_caps",
        sa.Column("province_code", sa.String(length=2), nullable=False),
        sa.Column("terrain", sa.String(length=8), nullable=False),
        sa.Column("land", sa.String(length=6), nullable=False),
        sa.Column("cap_m2", sa.Numeric(precision=8, scale=2), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("cap_m2 > 0", name=op.f("ck_homestead_caps_cap_positive")),
        sa.CheckConstraint("land IN ('any','arable','other')", name=op.f("ck_homestead_caps_land_known")),
        sa.CheckConstraint("province_code ~ '^[0-9]{2}$'", name=op.f("ck_homestead_caps_province_2_digits")),
        sa.CheckConstraint(
            "terrain IN ('plain','hill','mountain')", name=op.f("ck_homestead_caps_terrain_known")
        ),
        sa.PrimaryKeyConstraint("province_code", "terrain", "land", name=op.f("pk_homestead_caps")),
    )
    op.bulk_insert(
        caps,
        [
            {
                "province_code": p,
                "terrain": t,
                "land": land,
                "cap_m2": cap,
                "source": src,
                "updated_by": "migration",
            }
            for p, t, land, cap, src in SEEDED_CAPS
        ],
    )

    op.create_table(
        "homestead_rights",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_code", sa.String(length=18), nullable=True),
        sa.Column("holder_person_id", sa.Integer(), nullable=True),
        sa.Column("collective_code", sa.String(length=14), nullable=False),
        sa.Column("parcel_id", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.String(length=28), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("registered_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("end_reason", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "(status = 'ended') = (ended_on IS NOT NULL)", name=op.f("ck_homestead_rights_ended_has_date")
        ),
        sa.CheckConstraint(
            "(status = 'ended') = (end_reason IS NOT NULL)", name=op.f("ck_homestead_rights_ended_has_reason")
        ),
        sa.CheckConstraint(
            "end_reason IS NULL OR end_reason IN ('exit','destroyed','expropriated','other_legal')",
            name=op.f("ck_homestead_rights_end_reason_known"),
        ),
        sa.CheckConstraint(
            "(household_code IS NULL) <> (holder_person_id IS NULL)",
            name=op.f("ck_homestead_rights_one_holder"),
        ),
        sa.CheckConstraint(
            f"holder_person_id IS NULL OR (substr(unit_code, 20, 1) = 'F' AND note = '{HEIR_NOTE}')",
            name=op.f("ck_homestead_rights_heir_holds_with_house"),
        ),
        sa.CheckConstraint("status IN ('active','ended')", name=op.f("ck_homestead_rights_status_known")),
        sa.CheckConstraint(
            "unit_code ~ '^[0-9]{12}JC[0-9]{5}(F[0-9]{8}|W00000000)$'",
            name=op.f("ck_homestead_rights_unit_code_format"),
        ),
        sa.ForeignKeyConstraint(
            ["collective_code"],
            ["collectives.code"],
            name=op.f("fk_homestead_rights_collective_code_collectives"),
        ),
        sa.ForeignKeyConstraint(
            ["household_code"],
            ["households.code"],
            name=op.f("fk_homestead_rights_household_code_households"),
        ),
        sa.ForeignKeyConstraint(
            ["holder_person_id"], ["persons.id"], name=op.f("fk_homestead_rights_holder_person_id_persons")
        ),
        sa.ForeignKeyConstraint(
            ["parcel_id"], ["parcels.id"], name=op.f("fk_homestead_rights_parcel_id_parcels")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_homestead_rights")),
        sa.UniqueConstraint("unit_code", name=op.f("uq_homestead_rights_unit_code")),
    )
    op.create_index(
        op.f("ix_homestead_rights_collective_code"), "homestead_rights", ["collective_code"], unique=False
    )
    op.create_index(
        op.f("ix_homestead_rights_household_code"), "homestead_rights", ["household_code"], unique=False
    )
    op.create_index(
        op.f("ix_homestead_rights_holder_person_id"), "homestead_rights", ["holder_person_id"], unique=False
    )
    op.create_index(
        "uq_homestead_rights_active_household",
        "homestead_rights",
        ["household_code"],
        unique=True,
        postgresql_where=sa.text("status = 'active'"),
    )

    op.create_table(
        "homestead_applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_code", sa.String(length=18), nullable=False),
        sa.Column("collective_code", sa.String(length=14), nullable=False),
        sa.Column("parcel_id", sa.Integer(), nullable=False),
        sa.Column("terrain", sa.String(length=8), nullable=False),
        sa.Column("on_arable_land", sa.Boolean(), nullable=False),
        sa.Column("area_m2", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("cap_m2", sa.Numeric(precision=8, scale=2), nullable=False),
        sa.Column("building_number", sa.String(length=8), nullable=True),
        sa.Column("publicity_start", sa.Date(), nullable=False),
        sa.Column("publicity_ends", sa.Date(), nullable=False),
        sa.Column("publicity_evidence_ref", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("right_id", sa.Integer(), nullable=True),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "(status = 'approved') = (right_id IS NOT NULL)",
            name=op.f("ck_homestead_applications_approved_has_right"),
        ),
        sa.CheckConstraint(
            "(status = 'publicity') = (decided_at IS NULL)",
            name=op.f("ck_homestead_applications_decided_has_time"),
        ),
        sa.CheckConstraint(
            "building_number IS NULL OR building_number ~ '^[0-9]{8}$'",
            name=op.f("ck_homestead_applications_building_8_digits"),
        ),
        sa.CheckConstraint(
            "publicity_ends > publicity_start", name=op.f("ck_homestead_applications_publicity_has_length")
        ),
        sa.CheckConstraint(
            "status IN ('publicity','approved','rejected')",
            name=op.f("ck_homestead_applications_status_known"),
        ),
        sa.CheckConstraint(
            "terrain IN ('plain','hill','mountain')", name=op.f("ck_homestead_applications_terrain_known")
        ),
        sa.ForeignKeyConstraint(
            ["collective_code"],
            ["collectives.code"],
            name=op.f("fk_homestead_applications_collective_code_collectives"),
        ),
        sa.ForeignKeyConstraint(
            ["household_code"],
            ["households.code"],
            name=op.f("fk_homestead_applications_household_code_households"),
        ),
        sa.ForeignKeyConstraint(
            ["parcel_id"], ["parcels.id"], name=op.f("fk_homestead_applications_parcel_id_parcels")
        ),
        sa.ForeignKeyConstraint(
            ["right_id"],
            ["homestead_rights.id"],
            name=op.f("fk_homestead_applications_right_id_homestead_rights"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_homestead_applications")),
    )
    op.create_index(
        op.f("ix_homestead_applications_collective_code"),
        "homestead_applications",
        ["collective_code"],
        unique=False,
    )
    op.create_index(
        op.f("ix_homestead_applications_household_code"),
        "homestead_applications",
        ["household_code"],
        unique=False,
    )
    op.create_index(
        "uq_homestead_applications_open_household",
        "homestead_applications",
        ["household_code"],
        unique=True,
        postgresql_where=sa.text("status = 'publicity'"),
    )

    op.create_table(
        "homestead_objections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("filed_by", sa.String(length=64), nullable=False),
        sa.Column("filed_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("resolved_by", sa.String(length=64), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "(status = 'resolved') = (resolution IS NOT NULL AND resolved_at IS NOT NULL)",
            name=op.f("ck_homestead_objections_resolved_has_resolution"),
        ),
        sa.CheckConstraint(
            "status IN ('open','resolved')", name=op.f("ck_homestead_objections_status_known")
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["homestead_applications.id"],
            name=op.f("fk_homestead_objections_application_id_homestead_applications"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_homestead_objections")),
    )
    op.create_index(
        op.f("ix_homestead_objections_application_id"),
        "homestead_objections",
        ["application_id"],
        unique=False,
    )

    op.create_table(
        "homestead_house_transfers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_code", sa.String(length=18), nullable=False),
        sa.Column("kind", sa.String(length=4), nullable=False),
        sa.Column("transfer_date", sa.Date(), nullable=False),
        sa.Column("counterparty", sa.String(length=200), nullable=True),
        sa.Column("evidence_ref", sa.String(length=200), nullable=False),
        sa.Column("right_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "kind IN ('sale','rent','gift')", name=op.f("ck_homestead_house_transfers_kind_known")
        ),
        sa.ForeignKeyConstraint(
            ["household_code"],
            ["households.code"],
            name=op.f("fk_homestead_house_transfers_household_code_households"),
        ),
        sa.ForeignKeyConstraint(
            ["right_id"],
            ["homestead_rights.id"],
            name=op.f("fk_homestead_house_transfers_right_id_homestead_rights"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_homestead_house_transfers")),
    )
    op.create_index(
        op.f("ix_homestead_house_transfers_household_code"),
        "homestead_house_transfers",
        ["household_code"],
        unique=False,
    )

    op.create_table(
        "homestead_register_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("right_id", sa.Integer(), nullable=False),
        sa.Column("entry_no", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("entry_date", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("evidence_ref", sa.String(length=200), nullable=True),
        sa.Column("state", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("entry_no > 0", name=op.f("ck_homestead_register_entries_entry_no_positive")),
        sa.CheckConstraint(
            "kind IN ('first','change','inheritance','cancellation','exit')",
            name=op.f("ck_homestead_register_entries_kind_known"),
        ),
        sa.ForeignKeyConstraint(
            ["right_id"],
            ["homestead_rights.id"],
            name=op.f("fk_homestead_register_entries_right_id_homestead_rights"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_homestead_register_entries")),
        sa.UniqueConstraint("right_id", "entry_no", name="uq_homestead_register_entries_right_entry"),
    )
    op.create_index(
        op.f("ix_homestead_register_entries_right_id"),
        "homestead_register_entries",
        ["right_id"],
        unique=False,
    )
    # RG-01: register entries are never updated or deleted; the database refuses it.
    op.execute("""
        CREATE FUNCTION homestead_register_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'homestead_register_entries is append-only (RG-01): % refused', TG_OP;
        END $$""")
    op.execute("""CREATE TRIGGER homestead_register_no_update_delete BEFORE UPDATE OR DELETE
                  ON homestead_register_entries FOR EACH ROW EXECUTE FUNCTION
                      homestead_register_append_only()""")

    op.create_table(
        "homestead_certificates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("right_id", sa.Integer(), nullable=False),
        sa.Column("verification_code", sa.String(length=12), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("issued_by", sa.String(length=64), nullable=False),
        sa.Column("cancelled_on", sa.Date(), nullable=True),
        sa.Column("cancel_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "(status = 'cancelled') = (cancelled_on IS NOT NULL AND cancel_reason IS NOT NULL)",
            name=op.f("ck_homestead_certificates_cancelled_has_reason"),
        ),
        sa.CheckConstraint(
            "status IN ('valid','cancelled')", name=op.f("ck_homestead_certificates_status_known")
        ),
        sa.ForeignKeyConstraint(
            ["right_id"],
            ["homestead_rights.id"],
            name=op.f("fk_homestead_certificates_right_id_homestead_rights"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_homestead_certificates")),
        sa.UniqueConstraint("number", name=op.f("uq_homestead_certificates_number")),
    )
    op.create_index(
        op.f("ix_homestead_certificates_right_id"), "homestead_certificates", ["right_id"], unique=False
    )
    op.create_index(
        "uq_homestead_certificates_valid_right",
        "homestead_certificates",
        ["right_id"],
        unique=True,
        postgresql_where=sa.text("status = 'valid'"),
    )


def downgrade():
    op.drop_index(
        "uq_homestead_certificates_valid_right",
        table_name="homestead_certificates",
        postgresql_where=sa.text("status = 'valid'"),
    )
    op.drop_index(op.f("ix_homestead_certificates_right_id"), table_name="homestead_certificates")
    op.drop_table("homestead_certificates")
    op.execute("DROP TRIGGER IF EXISTS homestead_register_no_update_delete ON homestead_register_entries")
    op.execute("DROP FUNCTION IF EXISTS homestead_register_append_only()")
    op.drop_index(op.f("ix_homestead_register_entries_right_id"), table_name="homestead_register_entries")
    op.drop_table("homestead_register_entries")
    op.drop_index(op.f("ix_homestead_house_transfers_household_code"), table_name="homestead_house_transfers")
    op.drop_table("homestead_house_transfers")
    op.drop_index(op.f("ix_homestead_objections_application_id"), table_name="homestead_objections")
    op.drop_table("homestead_objections")
    op.drop_index(
        "uq_homestead_applications_open_household",
        table_name="homestead_applications",
        postgresql_where=sa.text("status = 'publicity'"),
    )
    op.drop_index(op.f("ix_homestead_applications_household_code"), table_name="homestead_applications")
    op.drop_index(op.f("ix_homestead_applications_collective_code"), table_name="homestead_applications")
    op.drop_table("homestead_applications")
    op.drop_index(
        "uq_homestead_rights_active_household",
        table_name="homestead_rights",
        postgresql_where=sa.text("status = 'active'"),
    )
    op.drop_index(op.f("ix_homestead_rights_holder_person_id"), table_name="homestead_rights")
    op.drop_index(op.f("ix_homestead_rights_household_code"), table_name="homestead_rights")
    op.drop_index(op.f("ix_homestead_rights_collective_code"), table_name="homestead_rights")
    op.drop_table("homestead_rights")
    op.drop_table("homestead_caps")
