"""Spatial SQL of the parcel area: overlap locks and checks (PAR-02), 四至 (boundaries), basic farmland
(HS-06).

Why the lock is per grid cell and not per collective: two collectives share borders, and a clerk of each can
draw the same field on that border, so a per-collective lock would let both in. One global lock would be
correct but would queue every writer of every county behind each other (and behind a bulk import). Two
parcels that overlap have overlapping bounding boxes, so they touch at least one common grid cell: locking
every cell the bounding box touches (in ascending order, so two writers never deadlock) serializes exactly
the writers that could conflict. A parcel spanning more than MAX_CELLS cells, and every bulk import, takes the
global key exclusively instead; single writers hold that key shared, so the two schemes exclude each other.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import shapely
from sqlalchemy import text

from .county import OUTSIDE_AREA_SQL, outside_area

LOCK_NAMESPACE = (
    44900002  # first key of pg_advisory_xact_lock(int, int); the second is the cell or GLOBAL_KEY
)
GLOBAL_KEY = -1
CELL_DEG = 0.01  # about 1.1 km x 0.9 km at 35°N: a field touches one to four cells
MAX_CELLS = 64
OVERLAP_TOLERANCE_M2 = 0.01  # PAR-02
# 四至: neighbours within about 10 cm count as touching, since shared edges digitized twice rarely coincide.
NEIGHBOUR_TOLERANCE_DEG = 1e-6
NO_NEIGHBOUR = "—"
SIDES = ("east", "south", "west", "north")

_LOCK_CELLS = (
    "SELECT count(CASE WHEN k = :global THEN (SELECT 1 FROM pg_advisory_xact_lock_shared(:ns, k)) "
    "ELSE (SELECT 1 FROM pg_advisory_xact_lock(:ns, k)) END) "
    "FROM (SELECT k FROM unnest(CAST(:keys AS int[])) AS k ORDER BY k) AS ordered"
)
_LOCK_SQL = text(_LOCK_CELLS)
# The one-parcel registration's lock also switches its transaction's next statements (the PAR-02 check and the
# INSERT, prepared by psycopg after a few runs) to generic plans: with a geometry parameter PostgreSQL would
# otherwise plan them afresh every time, which costs more than running them. Their generic plans probe the
# same partial GiST index (EXPLAIN ANALYZE in the report of issue 18). The INSERT restores the setting.
_LOCK_AND_OUTSIDE_SQL = text(
    f"SELECT ({_LOCK_CELLS}), {OUTSIDE_AREA_SQL}, prev.mode, set_config('plan_cache_mode', "
    f"'force_generic_plan', true) "
    "FROM (SELECT current_setting('plan_cache_mode') AS mode) prev"
)


class Locked(NamedTuple):
    outside_m2: float | None  # PAR-04: m² outside the county's loaded boundary, None where none is loaded
    plan_cache_mode: str | None  # the setting to restore, None where it was not changed


def cell_keys(bounds: tuple[float, float, float, float]) -> list[int] | None:
    """Grid cells a bounding box touches, as lock keys; None when there are too many (take the global
    lock)."""
    x0, y0, x1, y1 = bounds
    ix0, ix1 = math.floor((x0 + 180) / CELL_DEG), math.floor((x1 + 180) / CELL_DEG)
    iy0, iy1 = math.floor((y0 + 90) / CELL_DEG), math.floor((y1 + 90) / CELL_DEG)
    if (ix1 - ix0 + 1) * (iy1 - iy0 + 1) > MAX_CELLS:
        return None
    return [ix * 20000 + iy for ix in range(ix0, ix1 + 1) for iy in range(iy0, iy1 + 1)]


def lock_overlap_area(session, geom) -> None:
    """Serialize, until commit, every writer whose parcel could overlap `geom` (see the module docstring)."""
    keys = cell_keys(geom.bounds)
    if keys is None:
        lock_all_overlap_areas(session)
        return
    session.execute(_LOCK_SQL, {"ns": LOCK_NAMESPACE, "global": GLOBAL_KEY, "keys": [GLOBAL_KEY, *keys]})


def lock_overlap_area_outside(session, geom, county: str) -> Locked:
    """`lock_overlap_area`, and in the same round trip the m² of `geom` outside county `county`'s loaded
    boundary for PAR-04 (see _LOCK_AND_OUTSIDE_SQL)."""
    keys = cell_keys(geom.bounds)
    if keys is None:
        lock_all_overlap_areas(session)
        return Locked(outside_area(session, geom, county), None)
    _, outside, mode, _ = session.execute(
        _LOCK_AND_OUTSIDE_SQL,
        {
            "ns": LOCK_NAMESPACE,
            "global": GLOBAL_KEY,
            "keys": [GLOBAL_KEY, *keys],
            "wkb": shapely.to_wkb(geom),
            "county": county,
        },
    ).one()
    return Locked(outside, mode)


def lock_all_overlap_areas(session) -> None:
    session.execute(text("SELECT pg_advisory_xact_lock(:ns, :k)"), {"ns": LOCK_NAMESPACE, "k": GLOBAL_KEY})


def shrunk(geom: str) -> str:
    """`geom` pulled in by a band so thin that the band holds at most half the overlap tolerance.

    A band of width w inside a polygon of perimeter P has an area of at most P·w (plus O(w²) at corners),
    and
    a degree is at most 111.7 km on the ellipsoid, so with w = tol / (2 · 1.25e10 · P°) the band is below
    tol / 2.
    Hence an overlap with `geom` above the tolerance must reach into the shrunken shape, and a neighbour that
    only shares an edge never does. That turns PAR-02 into a prepared ST_Intersects per pair, with the exact
    geodesic area computed only for pairs that really overlap."""
    return (
        f"ST_Buffer({geom}, -:area_tol / (2 * 1.25e10 * greatest(ST_Perimeter({geom}), 1e-12)), 'join=mitre')"
    )


def overlap_predicate(inner: str, geom: str, other: str) -> str:
    """PAR-02 between `geom` (whose shrunken shape is `inner`) and `other`: interiors overlap by more than the
    tolerance. Equal and contained parcels count; shared edges and corners do not. The caller supplies the
    index condition (&& or ST_DWithin)."""
    return (
        f"(ST_Intersects({inner}, {other}) "
        f"AND ST_Area(geography(ST_Intersection({other}, {geom}))) > :area_tol)"
    )


def side_and_contact(t: str, c: str, n: str, alias: str) -> tuple[str, str, str]:
    """四至 of neighbour `n` seen from parcel `t` with centroid `c`: the side is the direction from the
    centroid
    to the nearest point of the neighbour (east-west scaled by cos(latitude), so it is true on the ground);
    the
    contact is how far the two overlap along that side (a proxy of the shared edge, zero for a corner).
    Returns (a LATERAL join computing the direction once, the side expression, the contact expression);
    OFFSET 0 keeps the planner from inlining the subquery and recomputing the closest point per use."""
    lateral = (
        f"CROSS JOIN LATERAL (SELECT dx, dy, abs(dx) >= abs(dy) AS horizontal FROM ("
        f"SELECT (ST_X(p) - ST_X({c})) * cos(radians(ST_Y({c}))) AS dx, ST_Y(p) - ST_Y({c}) AS dy "
        f"FROM (SELECT ST_ClosestPoint({n}, {c}) AS p OFFSET 0) cp OFFSET 0) d OFFSET 0) {alias}"
    )
    side = (
        f"CASE WHEN {alias}.horizontal THEN CASE WHEN {alias}.dx >= 0 THEN 'east' ELSE 'west' END "
        f"ELSE CASE WHEN {alias}.dy >= 0 THEN 'north' ELSE 'south' END END"
    )
    contact = (
        f"CASE WHEN {alias}.horizontal "
        f"THEN least(ST_YMax({t}), ST_YMax({n})) - greatest(ST_YMin({t}), ST_YMin({n})) "
        f"ELSE (least(ST_XMax({t}), ST_XMax({n})) - greatest(ST_XMin({t}), ST_XMin({n}))) "
        f"* cos(radians(ST_Y({c}))) END"
    )
    return lateral, side, contact


_GEOM_CTE = (
    "WITH g0 AS (SELECT ST_GeomFromWKB(:wkb, 4490) AS geom), "
    f"g AS (SELECT geom, {shrunk('geom')} AS inner_geom FROM g0) "
)
_OVERLAP_SQL = text(
    _GEOM_CTE + "SELECT ARRAY(SELECT p.code FROM parcels p WHERE p.status = 'current' AND p.geom && g.geom "
    f"AND p.id <> ALL(CAST(:exclude AS int[])) AND {overlap_predicate('g.inner_geom', 'g.geom', 'p.geom')} "
    "ORDER BY p.code), ST_Area(geography(g.geom)), "
    "EXISTS (SELECT 1 FROM collectives WHERE code = :collective) FROM g"
)


class OverlapCheck(NamedTuple):
    conflicts: list[str]
    area_m2: float
    collective_known: bool


def overlaps_and_area(session, geom, exclude_ids=(), collective_code: str | None = None) -> OverlapCheck:
    """PAR-02 conflicts of `geom`, its geodesic area (PAR-03) and whether the collective exists: one round
    trip
    for everything a registration must know once it holds the lock."""
    codes, area, known = session.execute(
        _OVERLAP_SQL,
        {
            "wkb": shapely.to_wkb(geom),
            "exclude": list(exclude_ids),
            "area_tol": OVERLAP_TOLERANCE_M2,
            "collective": collective_code,
        },
    ).one()
    return OverlapCheck(list(codes), area, known)


def find_overlaps(session, geom, exclude_ids=()) -> list[str]:
    """Codes of current parcels whose interiors overlap `geom` by more than 0.01 m² (PAR-02)."""
    return overlaps_and_area(session, geom, exclude_ids).conflicts


_FARMLAND_SQL = text(
    _GEOM_CTE + "SELECT EXISTS (SELECT 1 FROM basic_farmland_areas b, g WHERE b.geom && g.geom "
    f"AND {overlap_predicate('g.inner_geom', 'g.geom', 'b.geom')})"
)


def on_basic_farmland(session, geom) -> bool:
    """HS-06: does `geom` lie on the loaded basic-farmland layer (more than the overlap tolerance)?"""
    return session.execute(
        _FARMLAND_SQL, {"wkb": shapely.to_wkb(geom), "area_tol": OVERLAP_TOLERANCE_M2}
    ).scalar_one()


def boundaries_json(rows: str) -> str:
    """SQL aggregating (id, side, code) rows — the best neighbour per side — into 四至 JSON per id."""
    sides = ", ".join(f"'{s}', coalesce(max(code) FILTER (WHERE side = '{s}'), :none)" for s in SIDES)
    return f"SELECT id, jsonb_build_object({sides}) AS boundaries FROM ({rows}) r GROUP BY id"


def best_per_side(pairs: str) -> str:
    """From (id, code, side, contact) rows keep, per id and side, the neighbour with the longest contact."""
    return (
        f"SELECT DISTINCT ON (id, side) id, side, code FROM ({pairs}) q WHERE contact > :tol "
        "ORDER BY id, side, contact DESC, code"
    )


_LATERAL, _SIDE, _CONTACT = side_and_contact("t.geom", "t.c", "n.geom", "d")
_BOUNDARIES_SQL = """
WITH changed AS (SELECT id, geom, status FROM parcels WHERE id = ANY(CAST(:ids AS int[]))),
target_ids AS (
    SELECT id FROM changed WHERE status = 'current'
    {neighbours}
),
t AS (SELECT p.id, p.geom, ST_Centroid(p.geom) AS c FROM parcels p JOIN target_ids USING (id)),
pairs AS (
    SELECT t.id, n.code, {side} AS side, {contact} AS contact
    FROM t JOIN parcels n ON n.status = 'current' AND n.id <> t.id AND ST_DWithin(n.geom, t.geom, :tol)
    {lateral}
),
computed AS (
    SELECT t.id, coalesce(b.boundaries, {empty}) AS boundaries
    FROM t LEFT JOIN ({aggregate}) b ON b.id = t.id
)
UPDATE parcels p SET boundaries = computed.boundaries FROM computed
WHERE p.id = computed.id AND p.boundaries IS DISTINCT FROM computed.boundaries
RETURNING p.id, p.boundaries
"""
EMPTY_BOUNDARIES = "jsonb_build_object(" + ", ".join(f"'{s}', CAST(:none AS text)" for s in SIDES) + ")"
_NEIGHBOURS = (
    "UNION SELECT n.id FROM changed ch JOIN parcels n "
    "ON n.status = 'current' AND n.id <> ch.id AND ST_DWithin(n.geom, ch.geom, :tol)"
)
_REFRESH = {
    with_neighbours: text(
        _BOUNDARIES_SQL.format(
            neighbours=_NEIGHBOURS if with_neighbours else "",
            lateral=_LATERAL,
            side=_SIDE,
            contact=_CONTACT,
            empty=EMPTY_BOUNDARIES,
            aggregate=boundaries_json(best_per_side("SELECT id, code, side, contact FROM pairs")),
        )
    )
    for with_neighbours in (True, False)
}


def refresh_boundaries(session, parcel_ids, *, with_neighbours: bool = True) -> dict[int, dict]:
    """Recompute 四至 of these parcels (when current) and, by default, of every current parcel touching them.
    Returns the 四至 that changed, by parcel id."""
    rows = session.execute(
        _REFRESH[with_neighbours],
        {"ids": list(parcel_ids), "tol": NEIGHBOUR_TOLERANCE_DEG, "none": NO_NEIGHBOUR},
    )
    return dict(rows.all())
