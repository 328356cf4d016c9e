"""A page of parcels as a GeoJSON FeatureCollection built by PostgreSQL in one statement.

The same document `parcel_feature` makes per parcel in Python (see there), but without loading ORM rows,
decoding WKB and serializing a thousand geometries in Python: the database writes the JSON text itself
(ST_AsGeoJSON with 15 significant decimals, areas in m² and mu as PAR-03 rounds them) and the count.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Numeric, String, case, cast, func, literal, select, text
from sqlalchemy.dialects.postgresql import JSONB, aggregate_order_by

from .geometry import SRID

_NO_BOUNDARIES = text("""'{"east": "—", "south": "—", "west": "—", "north": "—"}'::jsonb""")


def _iso(ts):
    """A timestamp as Python's isoformat() writes it (parcel_feature): six fractional digits, none on a whole
    second. to_jsonb trims trailing zeros (.05652), so the page and GET /parcels/{code} would differ."""
    fraction = case(
        (
            cast(func.date_part("microseconds", ts), BigInteger) % 1000000 != 0,
            func.to_char(ts, ".US", type_=String),
        ),
        else_="",
    )
    return (
        func.to_char(ts, 'YYYY-MM-DD"T"HH24:MI:SS', type_=String)
        + fraction
        + func.to_char(ts, "TZH:TZM", type_=String)
    )


def _feature(p):
    properties = func.jsonb_build_object(
        "code",
        p.c.code,
        "collective_code",
        p.c.collective_code,
        "kind",
        p.c.kind,
        "category",
        p.c.category,
        "land_class",
        p.c.land_class,
        "basic_farmland",
        p.c.basic_farmland,
        "name",
        p.c.name,
        "area_m2",
        cast(p.c.area_m2, Numeric),
        "area_mu",
        func.round(p.c.area_m2 * 3 / 2000, 2),
        "boundaries",
        func.coalesce(p.c.boundaries, _NO_BOUNDARIES),
        "status",
        p.c.status,
        "retired_at",
        _iso(p.c.retired_at),
        "retire_reason",
        p.c.retire_reason,
    )
    return func.json_build_object(
        "type",
        "Feature",
        "id",
        p.c.code,
        "crs",
        f"EPSG:{SRID}",
        "geometry",
        cast(func.ST_AsGeoJSON(p.c.geom, 15), JSONB),
        "properties",
        properties,
    )


def feature_collection_json(session, stmt, page: int, per_page: int) -> str:
    """The page of `stmt` (a select of Parcel ordered by code) with its total, as JSON text."""
    rows = stmt.offset((page - 1) * per_page).limit(per_page).subquery()
    total = select(func.count()).select_from(stmt.order_by(None).subquery()).scalar_subquery()
    features = select(
        func.coalesce(func.json_agg(aggregate_order_by(_feature(rows), rows.c.code)), text("'[]'::json"))
    ).scalar_subquery()
    doc = func.json_build_object(
        "type",
        "FeatureCollection",
        "crs",
        f"EPSG:{SRID}",
        "features",
        features,
        "total",
        total,
        "page",
        literal(page),
        "per_page",
        literal(per_page),
    )
    return session.scalar(select(cast(doc, String)))
