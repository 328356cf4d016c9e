"""Certificates: one table for every kind of certificate (RG-02); the registers accept certificate entries
(RG-01); the homestead area's interim certificate records are carried over and their table dropped.

Revision ID: 0008
Revises: 0007
"""

import json
import re

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# (table, check constraint on its entry kind): the registers that get a 'certificate' entry kind.
REGISTERS = (
    ("contract_register", "ck_contract_register_kind_known"),
    ("homestead_register_entries", "ck_homestead_register_entries_kind_known"),
)


def upgrade():
    op.create_table(
        "certificates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("right_id", sa.Integer(), nullable=False),
        sa.Column("right_ref", sa.String(length=32), nullable=False),
        sa.Column("collective_code", sa.String(length=14), nullable=False),
        sa.Column("serial", sa.String(length=80), nullable=False),
        sa.Column("origin", sa.String(length=12), nullable=False),
        sa.Column("origin_reason", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("issued_by", sa.String(length=64), nullable=False),
        sa.Column("verification_code", sa.String(length=16), nullable=False),
        sa.Column("content", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("replaces_id", sa.Integer(), nullable=True),
        sa.Column("voided_on", sa.Date(), nullable=True),
        sa.Column("void_reason", sa.Text(), nullable=True),
        sa.Column("voided_by", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("kind IN ('land_contract','homestead')", name=op.f("ck_certificates_kind_known")),
        sa.CheckConstraint(
            "origin IN ('issue','reissue','replacement')", name=op.f("ck_certificates_origin_known")
        ),
        sa.CheckConstraint(
            "status IN ('issued','reissued','replaced','cancelled')",
            name=op.f("ck_certificates_status_known"),
        ),
        sa.CheckConstraint(
            "(status = 'issued') = (voided_on IS NULL)", name=op.f("ck_certificates_void_has_date")
        ),
        sa.CheckConstraint(
            "(status = 'issued') = (void_reason IS NULL)", name=op.f("ck_certificates_void_has_reason")
        ),
        sa.CheckConstraint(
            "(origin = 'issue') = (replaces_id IS NULL)",
            name=op.f("ck_certificates_successor_names_predecessor"),
        ),
        sa.CheckConstraint(
            "(origin = 'issue') = (origin_reason IS NULL)", name=op.f("ck_certificates_reissue_has_reason")
        ),
        sa.CheckConstraint(
            "verification_code ~ '^[0-9A-Z]{8,16}$'", name=op.f("ck_certificates_verification_code_format")
        ),
        sa.ForeignKeyConstraint(
            ["collective_code"],
            ["collectives.code"],
            name=op.f("fk_certificates_collective_code_collectives"),
        ),
        sa.ForeignKeyConstraint(
            ["replaces_id"], ["certificates.id"], name=op.f("fk_certificates_replaces_id_certificates")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificates")),
        sa.UniqueConstraint("serial", name=op.f("uq_certificates_serial")),
        sa.UniqueConstraint("replaces_id", name=op.f("uq_certificates_replaces_id")),
    )
    op.create_index(op.f("ix_certificates_number"), "certificates", ["number"], unique=False)
    op.create_index(op.f("ix_certificates_right_ref"), "certificates", ["right_ref"], unique=False)
    op.create_index(
        op.f("ix_certificates_collective_code"), "certificates", ["collective_code"], unique=False
    )
    op.create_index(
        "uq_certificates_in_force_right",
        "certificates",
        ["kind", "right_id"],
        unique=True,
        postgresql_where=sa.text("status = 'issued'"),
    )
    for table, constraint in REGISTERS:
        _set_register_kinds(table, constraint, _register_kinds(constraint) | {"certificate"})
    _carry_over_homestead_certificates()
    op.drop_index("uq_homestead_certificates_valid_right", table_name="homestead_certificates")
    op.drop_index(op.f("ix_homestead_certificates_right_id"), table_name="homestead_certificates")
    op.drop_table("homestead_certificates")


def downgrade():
    _create_homestead_certificates()
    op.execute("""
        INSERT INTO homestead_certificates (number, right_id, verification_code, status, issued_on, issued_by,
                                            cancelled_on, cancel_reason)
        SELECT CASE WHEN c.serial ~ '^[0-9]{10}JC[0-9]{6}$' THEN c.serial
                    ELSE substr(c.right_ref, 1, 6) || to_char(c.issued_on, 'YYYY') || 'JC'
                         || substring(c.serial FROM '第([0-9]{6})号') END,
               r.id, c.verification_code, CASE WHEN c.status = 'issued' THEN 'valid' ELSE 'cancelled' END,
               c.issued_on, c.issued_by, c.voided_on, c.void_reason
        FROM certificates c JOIN homestead_rights r ON r.id = c.right_id
        WHERE c.kind = 'homestead' ORDER BY c.id""")
    for table, constraint in REGISTERS:
        # Register entries are append-only (RG-01): certificate entries stay; only new ones are refused again.
        _set_register_kinds(table, constraint, _register_kinds(constraint) - {"certificate"}, validate=False)
    op.drop_index(
        "uq_certificates_in_force_right",
        table_name="certificates",
        postgresql_where=sa.text("status = 'issued'"),
    )
    op.drop_index(op.f("ix_certificates_collective_code"), table_name="certificates")
    op.drop_index(op.f("ix_certificates_right_ref"), table_name="certificates")
    op.drop_index(op.f("ix_certificates_number"), table_name="certificates")
    op.drop_table("certificates")


def _register_kinds(constraint: str) -> set[str]:
    """The kinds a register's check allows now, read from the database (the owning area may add kinds)."""
    definition = (
        op.get_bind()
        .execute(
            sa.text("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = :name"),
            {"name": constraint},
        )
        .scalar_one()
    )
    return set(re.findall(r"'([a-z_]+)'", definition))


def _set_register_kinds(table: str, constraint: str, kinds: set[str], validate: bool = True) -> None:
    listed = ",".join(f"'{k}'" for k in sorted(kinds))
    op.drop_constraint(op.f(constraint), table, type_="check")
    op.execute(
        f"ALTER TABLE {table} ADD CONSTRAINT {constraint} CHECK (kind IN ({listed}))"
        + ("" if validate else " NOT VALID")
    )


def _carry_over_homestead_certificates() -> None:
    """Each interim record becomes a certificate with the right's snapshot: numbered by the unit code like
    every homestead certificate, its interim number kept as its serial, its verification code still
    verifying. The serial sequence goes on where the interim one stopped."""
    from registry.certificates.regions import issuing_authority
    from registry.people.relations import RELATIONS

    bind = op.get_bind()
    rows = (
        bind.execute(
            sa.text("""
        SELECT hc.number, hc.right_id, hc.verification_code, hc.status, hc.issued_on, hc.issued_by,
            hc.cancelled_on,
               hc.cancel_reason, r.unit_code, r.collective_code, r.household_code, r.holder_person_id,
               r.registered_on, r.note, c.name AS collective_name, h.head_person_id,
               p.code AS parcel_code, p.name AS parcel_name, p.area_m2, p.boundaries, p.land_class,
               p.basic_farmland, ST_AsGeoJSON(p.geom, 9) AS geojson
        FROM homestead_certificates hc JOIN homestead_rights r ON r.id = hc.right_id
        JOIN collectives c ON c.code = r.collective_code JOIN parcels p ON p.id = r.parcel_id
        LEFT JOIN households h ON h.code = r.household_code ORDER BY hc.id""")
        )
        .mappings()
        .all()
    )
    for row in rows:
        people = (
            bind.execute(
                sa.text("""
            SELECT p.id, p.name, p.sex, substr(p.id_number, 1, 6) || '********' || substr(p.id_number, 15, 4)
                   AS id_number, m.relation
            FROM persons p LEFT JOIN household_members m
              ON m.person_id = p.id AND m.household_code = :household AND m.left_on IS NULL
            WHERE p.id = :heir OR m.id IS NOT NULL ORDER BY p.id <> :head, p.id"""),
                {
                    "household": row["household_code"],
                    "heir": row["holder_person_id"],
                    "head": row["head_person_id"] or row["holder_person_id"],
                },
            )
            .mappings()
            .all()
        )
        holders = [
            {
                "name": p["name"],
                "sex": p["sex"],
                "id_number": p["id_number"],
                "relation": p["relation"],
                "relation_label": RELATIONS.get(p["relation"]),
            }
            for p in people
        ]
        area_m2 = f"{row['area_m2']:.2f}"
        area_mu = f"{row['area_m2'] * 3 / 2000:.2f}"
        content = {
            "unit_code": row["unit_code"],
            "household_code": row["household_code"],
            "collective": {"code": row["collective_code"], "name": row["collective_name"]},
            "holder": holders[0],
            "right_holders": holders,
            "area_m2": area_m2,
            "area_mu": area_mu,
            "parcels": [
                {
                    "code": row["parcel_code"],
                    "name": row["parcel_name"],
                    "area_m2": area_m2,
                    "area_mu": area_mu,
                    "boundaries": row["boundaries"],
                    "land_class": row["land_class"],
                    "basic_farmland": bool(row["basic_farmland"]),
                    "geometry": json.loads(row["geojson"]),
                }
            ],
            "registered_on": row["registered_on"].isoformat(),
            "note": row["note"],
            "authority": issuing_authority("homestead", row["collective_code"][:6]),
        }
        cancelled = row["status"] == "cancelled"
        bind.execute(
            sa.text("""
            INSERT INTO certificates (number, kind, right_id, right_ref, collective_code, serial, origin,
                status,
                                      issued_on, issued_by, verification_code, content, voided_on,
                                          void_reason)
            VALUES (:unit_code, 'homestead', :right_id, :unit_code, :collective_code, :serial, 'issue',
                :status,
                    :issued_on, :issued_by, :code, CAST(:content AS jsonb), :voided_on, :void_reason)"""),
            {
                "unit_code": row["unit_code"],
                "right_id": row["right_id"],
                "collective_code": row["collective_code"],
                "serial": row["number"],
                "status": "cancelled" if cancelled else "issued",
                "issued_on": row["issued_on"],
                "issued_by": row["issued_by"],
                "code": row["verification_code"],
                "content": json.dumps(content, ensure_ascii=False),
                "voided_on": row["cancelled_on"],
                "void_reason": row["cancel_reason"],
            },
        )
    # Interim scope was county + year ("4101222026"); the certificates area's is "410122:2026".
    op.execute("""
        INSERT INTO code_sequences (scope, kind, last_value)
        SELECT substr(scope, 1, 6) || ':' || substr(scope, 7, 4), 'certificate:homestead', last_value
        FROM code_sequences WHERE kind = 'homestead_certificate'
        ON CONFLICT (scope, kind) DO UPDATE SET last_value = GREATEST(code_sequences.last_value,
                                                                      EXCLUDED.last_value)""")


def _create_homestead_certificates() -> None:
    """The interim table exactly as revision 0005 made it."""
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
