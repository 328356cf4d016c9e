"""A page of parcels as a GeoJSON FeatureCollection whose text PostgreSQL writes in one statement.

The same document `parcel_feature` makes per parcel in Python (see there), but without loading ORM rows,
decoding WKB and serializing a thousand geometries in Python. As the OGC items (ogc/features.py) do, each
feature is concatenated as text: ST_AsGeoJSON's text goes in as it is, never parsed again by a ::json or
::jsonb cast (parsing 500 geometries into JSONB cost ten times the rest of the page). Only the properties are
a jsonb object (their escaping, PAR-03 areas), written out as text.

The parcels in the box are found once (a MATERIALIZED CTE of their codes): the total counts them and the page
is the slice of them by code, so the spatial filter runs once instead of once for the page and once for the
count, and the plan stays below the costs where PostgreSQL would JIT-compile it.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Numeric,
    String,
    Text,
    case,
    cast,
    func,
    literal,
    literal_column,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by

from .geometry import SRID
from .models import Parcel

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


def _properties(p):
    return func.jsonb_build_object(
        "code",
        p.code,
        "collective_code",
        p.collective_code,
        "kind",
        p.kind,
        "category",
        p.category,
        "land_class",
        p.land_class,
        "basic_farmland",
        p.basic_farmland,
        "name",
        p.name,
        "area_m2",
        cast(p.area_m2, Numeric),
        "area_mu",
        func.round(p.area_m2 * 3 / 2000, 2),
        "boundaries",
        func.coalesce(p.boundaries, _NO_BOUNDARIES),
        "status",
        p.status,
        "retired_at",
        _iso(p.retired_at),
        "retire_reason",
        p.retire_reason,
    )


def _feature_text(p):
    """One Feature as JSON text (the code is 19 digits: quoting it needs no escaping)."""
    return func.concat(
        '{"type":"Feature","id":"',
        p.code,
        f'","crs":"EPSG:{SRID}","geometry":',
        func.ST_AsGeoJSON(p.geom, 15, 0, type_=Text),
        ',"properties":',
        cast(_properties(p), Text),
        "}",
    )


def feature_collection_json(session, stmt, page: int, per_page: int) -> str:
    """The page of `stmt` (a select of Parcel ordered by code) with its total, as JSON text."""
    hit = stmt.with_only_columns(Parcel.code).order_by(None).cte("hit").prefix_with("MATERIALIZED")
    slice_ = select(hit.c.code).order_by(hit.c.code).offset((page - 1) * per_page).limit(per_page).subquery()
    features = (
        select(func.string_agg(_feature_text(Parcel), aggregate_order_by(literal_column("','"), Parcel.code)))
        .select_from(slice_)
        .join(Parcel, Parcel.code == slice_.c.code)
        .scalar_subquery()
    )
    total = select(func.count()).select_from(hit).scalar_subquery()
    doc = func.concat(
        f'{{"type":"FeatureCollection","crs":"EPSG:{SRID}","features":[',
        features,
        '],"total":',
        total,
        ',"page":',
        literal(page),
        ',"per_page":',
        literal(per_page),
        "}",
    )
    return session.scalar(select(doc))
