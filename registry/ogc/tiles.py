"""GET /tiles/parcels/{z}/{x}/{y}.mvt: Mapbox vector tiles cut by PostGIS (ST_TileEnvelope, ST_AsMVT) from the
EPSG:4490 parcels into Web Mercator, scoped like the items (SEC-01). From zoom 13 the parcels themselves
(code,
collective_code, contract; from zoom 15 also name, category, land_class, basic_farmland and holder), and from
LABEL_MIN_ZOOM a `labels` layer of one point per parcel; from OUTLINE_MIN_ZOOM to 12 one outline (convex hull)
per collective with its certified_share (certificates in force per registered right, 应发尽发; absent without
rights); below that an empty tile."""

from __future__ import annotations

from flask import Blueprint, Response
from sqlalchemy import text

from ..db import db
from ..errors import RegistryError
from . import access
from .collections import PARCELS
from .errors import OgcError, bad_parameter, handle_not_found, handle_ogc_error, handle_registry_error
from .features import PLAN_SETTINGS

PARCEL_MIN_ZOOM = 13
DETAIL_MIN_ZOOM = 15  # below it a parcel carries code, collective_code and contract only
LABEL_MIN_ZOOM = 16
OUTLINE_MIN_ZOOM = 10
MAX_ZOOM = 22
EXTENT, BUFFER = 4096, 64
MVT = "application/vnd.mapbox-vector-tile"

tiles = Blueprint("tiles", __name__, url_prefix="/tiles")
tiles.register_error_handler(OgcError, handle_ogc_error)
tiles.register_error_handler(RegistryError, handle_registry_error)
tiles.register_error_handler(404, handle_not_found)

# The envelope in 4490 for the index (a Mercator box is a lon/lat box), widened by the tile buffer.
_BOUNDS = (
    f"WITH b AS (SELECT ST_TileEnvelope(:z, :x, :y) AS e, "
    f"ST_Transform(ST_TileEnvelope(:z, :x, :y, margin => {BUFFER / EXTENT}), 4490) AS q) "
)
# Each parcel's current contract, one index-only look-up a parcel (ix_contract_parcels_current_parcel); from
# DETAIL_MIN_ZOOM also its holder (the household head, 承包方代表, or a unit by its own name) for the maps'
# cards and contract selection.
_CONTRACT = """LEFT JOIN LATERAL (SELECT lc.code AS contract{holder} FROM contract_parcels cp
        JOIN land_contracts lc ON lc.id = cp.contract_id{holder_join}
        WHERE cp.parcel_id = p.id AND cp.valid_to IS NULL LIMIT 1) c ON TRUE"""
_HOLDER = (
    ", coalesce(pe.name, h.name) AS holder",
    """
        JOIN households h ON h.code = lc.household_code LEFT JOIN persons pe ON pe.id = h.head_person_id""",
)
# ST_AsMVT skips the rows whose ST_AsMVTGeom is NULL (outside the tile): no outer filter that would compute it
# twice.
_PARCELS_SQL = (
    _BOUNDS
    + f"""
SELECT ST_AsMVT(t, 'parcels', {EXTENT}, 'geom') FROM (
    SELECT p.code, p.collective_code, c.contract{{detail}},
           ST_AsMVTGeom(ST_Transform(p.geom, 3857), b.e, {EXTENT}, {BUFFER}, true) AS geom
    FROM b, parcels p {{contract}}
    WHERE {{where}} AND p.geom && b.q AND {{scope}}
) t"""
)
_DETAIL = ", p.name, p.category, p.land_class, p.basic_farmland, c.holder"
# One label point per parcel (inside it), in the one tile that holds the point: the web maps label from it, so
# a
# parcel cut by tile edges is not labelled once per piece. From LABEL_MIN_ZOOM (the maps read z16 data tiles).
_LABELS_SQL = (
    _BOUNDS
    + f"""
SELECT ST_AsMVT(t, 'labels', {EXTENT}, 'geom') FROM (
    SELECT p.code, p.name, ST_AsMVTGeom(ST_Transform(ST_PointOnSurface(p.geom), 3857), b.e, {EXTENT}, 0, true)
        AS geom
    FROM parcels p, b
    WHERE {{where}} AND p.geom && b.q AND {{scope}}
) t"""
)
_OUTLINES_SQL = (
    _BOUNDS
    + f"""
SELECT ST_AsMVT(t, 'collectives', {EXTENT}, 'geom') FROM (
    SELECT o.collective_code, c.name, o.parcels, (SELECT CASE WHEN r.n > 0 THEN LEAST(1.0, (SELECT count(*)
             FROM certificates ce WHERE ce.collective_code = o.collective_code AND ce.status =
                 'issued')::float / r.n)
           END FROM (SELECT (SELECT count(*) FROM land_contracts lc WHERE lc.collective_code =
               o.collective_code) +
             (SELECT count(*) FROM homestead_rights hr WHERE hr.collective_code = o.collective_code
              AND hr.status = 'active') AS n) r) AS certified_share,
           ST_AsMVTGeom(ST_Transform(o.hull, 3857), (SELECT e FROM b), {EXTENT}, {BUFFER}, true) AS geom
    FROM (SELECT p.collective_code, count(*) AS parcels, ST_ConvexHull(ST_Collect(p.geom)) AS hull
          FROM parcels p, b WHERE {{where}} AND p.geom && b.q AND {{scope}} GROUP BY p.collective_code) o
    JOIN collectives c ON c.code = o.collective_code
) t"""
)


def _parcels_sql(z: int, where: str, scope: str) -> str:
    detail = z >= DETAIL_MIN_ZOOM
    holder, holder_join = _HOLDER if detail else ("", "")
    return _PARCELS_SQL.format(
        detail=_DETAIL if detail else "",
        where=where,
        scope=scope,
        contract=_CONTRACT.format(holder=holder, holder_join=holder_join),
    )


def tile_bytes(actor, z: int, x: int, y: int) -> bytes:
    if z < OUTLINE_MIN_ZOOM:
        return b""
    params: dict = {"z": z, "x": x, "y": y}
    scope = PARCELS.scope_sql(actor, None, params)
    if z >= PARCEL_MIN_ZOOM:
        sql = _parcels_sql(z, PARCELS.where, scope)
    else:
        sql = _OUTLINES_SQL.format(where=PARCELS.where, scope=scope)
    db.session.execute(text(PLAN_SETTINGS))
    body = bytes(db.session.execute(text(sql), params).scalar() or b"")
    if z >= LABEL_MIN_ZOOM:  # MVT layers concatenate: a tile is a sequence of layers
        labels = _LABELS_SQL.format(where=PARCELS.where, scope=scope)
        body += bytes(db.session.execute(text(labels), params).scalar() or b"")
    return body


@tiles.get("/parcels/<int:z>/<int:x>/<int:y>.mvt")
def parcel_tile(z, x, y):
    actor = access.reader()
    if not (0 <= z <= MAX_ZOOM and 0 <= x < 2**z and 0 <= y < 2**z):
        raise bad_parameter("No tile {z}/{x}/{y}.", z=z, x=x, y=y)
    body = tile_bytes(actor, z, x, y)
    return Response(body, mimetype=MVT, headers={"Cache-Control": "private, max-age=30"})
