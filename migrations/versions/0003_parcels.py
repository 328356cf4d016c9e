"""Parcels: MultiPolygon in EPSG:4490 with a GiST index on current parcels; the basic-farmland layer

Revision ID: 0003
Revises: 0002
"""

from alembic import op
import sqlalchemy as sa
import geoalchemy2  # noqa: F401
from geoalchemy2 import Geometry
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_geospatial_table(
        "parcels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=19), nullable=False),
        sa.Column("collective_code", sa.String(length=14), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("category", sa.String(length=2), nullable=False),
        sa.Column("land_class", sa.String(length=4), nullable=True),
        sa.Column("basic_farmland", sa.Boolean(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=True),
        sa.Column(
            "geom",
            Geometry(
                geometry_type="MULTIPOLYGON",
                srid=4490,
                dimension=2,
                spatial_index=False,
                from_text="ST_GeomFromEWKT",
                name="geometry",
                nullable=False,
            ),
            nullable=False,
        ),
        sa.Column("area_m2", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("boundaries", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("retire_reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "(status = 'retired') = (retired_at IS NOT NULL)", name=op.f("ck_parcels_retired_has_time")
        ),
        sa.CheckConstraint("category IN ('10','21','22','23','99')", name=op.f("ck_parcels_category_code")),
        sa.CheckConstraint("kind IN ('contract','homestead')", name=op.f("ck_parcels_kind_known")),
        sa.CheckConstraint("status IN ('current','retired')", name=op.f("ck_parcels_status_known")),
        sa.CheckConstraint(
            "code ~ '^[0-9]{19}$' OR (kind = 'homestead' AND code ~ '^[0-9]{12}JC[0-9]{5}$')",
            name=op.f("ck_parcels_code_format"),
        ),
        sa.CheckConstraint("land_class ~ '^[0-9]{4}$'", name=op.f("ck_parcels_land_class_code")),
        sa.CheckConstraint("area_m2 > 0", name=op.f("ck_parcels_area_positive")),
        sa.CheckConstraint("ST_IsValid(geom) AND NOT ST_IsEmpty(geom)", name=op.f("ck_parcels_geom_valid")),
        sa.ForeignKeyConstraint(
            ["collective_code"], ["collectives.code"], name=op.f("fk_parcels_collective_code_collectives")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parcels")),
        sa.UniqueConstraint("code", name=op.f("uq_parcels_code")),
    )
    op.create_index(op.f("ix_parcels_collective_code"), "parcels", ["collective_code"], unique=False)
    op.create_geospatial_index(
        "ix_parcels_current_geom",
        "parcels",
        ["geom"],
        unique=False,
        postgresql_using="gist",
        postgresql_where=sa.text("status = 'current'"),
        postgresql_ops={},
    )
    op.create_geospatial_table(
        "basic_farmland_areas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=64), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column(
            "geom",
            Geometry(
                geometry_type="MULTIPOLYGON",
                srid=4490,
                dimension=2,
                spatial_index=False,
                from_text="ST_GeomFromEWKT",
                name="geometry",
                nullable=False,
            ),
            nullable=False,
        ),
        sa.Column("area_m2", sa.Numeric(precision=16, scale=2), nullable=False),
        sa.Column("loaded_by", sa.String(length=64), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "ST_IsValid(geom) AND NOT ST_IsEmpty(geom)", name=op.f("ck_basic_farmland_areas_geom_valid")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_basic_farmland_areas")),
    )
    op.create_geospatial_index(
        "ix_basic_farmland_areas_geom",
        "basic_farmland_areas",
        ["geom"],
        unique=False,
        postgresql_using="gist",
        postgresql_ops={},
    )


def downgrade():
    op.drop_geospatial_index(
        "ix_basic_farmland_areas_geom",
        table_name="basic_farmland_areas",
        postgresql_using="gist",
        column_name="geom",
    )
    op.drop_geospatial_table("basic_farmland_areas")
    op.drop_geospatial_index(
        "ix_parcels_current_geom",
        table_name="parcels",
        postgresql_using="gist",
        postgresql_where=sa.text("status = 'current'"),
        column_name="geom",
    )
    op.drop_index(op.f("ix_parcels_collective_code"), table_name="parcels")
    op.drop_geospatial_table("parcels")
