"""County boundaries an administrator loads (PAR-04: parcels inside their collective's county).

Revision ID: 0010
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op
from geoalchemy2 import Geometry

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    op.create_geospatial_table(
        "county_boundaries",
        sa.Column("county_code", sa.String(length=6), nullable=False),
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
        sa.Column("loaded_by", sa.String(length=64), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "ST_IsValid(geom) AND NOT ST_IsEmpty(geom)", name=op.f("ck_county_boundaries_geom_valid")
        ),
        sa.PrimaryKeyConstraint("county_code", name=op.f("pk_county_boundaries")),
    )


def downgrade():
    op.drop_geospatial_table("county_boundaries")
