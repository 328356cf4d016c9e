from datetime import datetime
from decimal import Decimal

from geoalchemy2 import Geometry
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base

SRID = 4490  # CGCS2000 geographic


class Parcel(Base):
    """地块. Contract land has a 19-digit 地块编码; a homestead plot its 19-character 宗地代码 (…JC…)."""

    __tablename__ = "parcels"
    __table_args__ = (
        CheckConstraint("kind IN ('contract','homestead')", name="kind_known"),
        CheckConstraint("category IN ('10','21','22','23','99')", name="category_code"),
        CheckConstraint("status IN ('current','retired')", name="status_known"),
        CheckConstraint("(status = 'retired') = (retired_at IS NOT NULL)", name="retired_has_time"),
        CheckConstraint(
            "code ~ '^[0-9]{19}$' OR (kind = 'homestead' AND code ~ '^[0-9]{12}JC[0-9]{5}$')",
            name="code_format",
        ),
        CheckConstraint("land_class ~ '^[0-9]{4}$'", name="land_class_code"),
        CheckConstraint("area_m2 > 0", name="area_positive"),
        # PAR-01 held by the database too: whatever path writes a parcel, it cannot store a broken shape.
        CheckConstraint("ST_IsValid(geom) AND NOT ST_IsEmpty(geom)", name="geom_valid"),
        Index(
            "ix_parcels_current_geom",
            "geom",
            postgresql_using="gist",
            postgresql_where=text("status = 'current'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(19), unique=True)
    collective_code: Mapped[str] = mapped_column(ForeignKey("collectives.code"), index=True)
    kind: Mapped[str] = mapped_column(String(10), default="contract")
    category: Mapped[str] = mapped_column(String(2), default="10")
    land_class: Mapped[str | None] = mapped_column(String(4))
    basic_farmland: Mapped[bool] = mapped_column(Boolean, default=False)
    name: Mapped[str | None] = mapped_column(String(100))
    geom = mapped_column(Geometry("MULTIPOLYGON", srid=SRID, spatial_index=False), nullable=False)
    area_m2: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    boundaries: Mapped[dict | None] = mapped_column(JSONB)
    status: Mapped[str] = mapped_column(String(8), default="current")
    retired_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    retire_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class BasicFarmlandArea(Base):
    """One polygon of the 永久基本农田 protection layer; the admin loads the whole layer at once (HS-06)."""

    __tablename__ = "basic_farmland_areas"
    __table_args__ = (
        CheckConstraint("ST_IsValid(geom) AND NOT ST_IsEmpty(geom)", name="geom_valid"),
        Index("ix_basic_farmland_areas_geom", "geom", postgresql_using="gist"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ref: Mapped[str | None] = mapped_column(String(64))  # the feature's own id in the delivered layer
    source: Mapped[str] = mapped_column(String(200))  # e.g. the approval document of the delimitation
    geom = mapped_column(Geometry("MULTIPOLYGON", srid=SRID, spatial_index=False), nullable=False)
    area_m2: Mapped[Decimal] = mapped_column(Numeric(16, 2))
    loaded_by: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class CountyBoundary(Base):
    """A county's boundary (县界) as an administrator loaded it; PAR-04 keeps parcels inside it. None is
    invented:
    a county without a loaded boundary is checked against its Gauss-Krüger zone and province only."""

    __tablename__ = "county_boundaries"
    __table_args__ = (CheckConstraint("ST_IsValid(geom) AND NOT ST_IsEmpty(geom)", name="geom_valid"),)

    county_code: Mapped[str] = mapped_column(String(6), primary_key=True)
    source: Mapped[str] = mapped_column(String(200))  # e.g. the survey or approval document of the boundary
    geom = mapped_column(Geometry("MULTIPOLYGON", srid=SRID, spatial_index=False), nullable=False)
    loaded_by: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
