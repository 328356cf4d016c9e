"""Spatial SQL of the parcel area: overlap locks and checks (PAR-02), 四至 (boundaries), basic farmland (HS-06).

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

import shapely
from sqlalchemy import text

LOCK_NAMESPACE = 44900002  # first key of pg_advisory_xact_lock(int, int); the second is the cell or GLOBAL_KEY
GLOBAL_KEY = -1
CELL_DEG = 0.01  # about 1.1 km x 0.9 km at 35°N: a field touches one to four cells
MAX_CELLS = 64
OVERLAP_TOLERANCE_M2 = 0.01  # PAR-02
# 四至: neighbours within about 10 cm count as touching, since shared edges digitized twice rarely coincide.
NEIGHBOUR_TOLERANCE_DEG = 1e-6
NO_NEIGHBOUR = "—"
SIDES = ("east", "south", "west", "north")

_LOCK_SQL = text(
    "SELECT count(CASE WHEN k = :global THEN (SELECT 1 FROM pg_advisory_xact_lock_shared(:ns, k)) "
    "ELSE (SELECT 1 FROM pg_advisory_xact_lock(:ns, k)) END) "
    "FROM (SELECT k FROM unnest(CAST(:keys AS int[])) AS k ORDER BY k) AS ordered"
)


def cell_keys(bounds: tuple[float, float, float, float]) -> list[int] | None:
    """Grid cells a bounding box touches, as lock keys; None when there are too many (take the global lock)."""
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


def lock_all_overlap_areas(session) -> None:
    session.execute(text("SELECT pg_advisory_xact_lock(:ns, :k)"), {"ns": LOCK_NAMESPACE, "k": GLOBAL_KEY})


# Interiors meet (DE-9IM II = 2) and the shared area is above the tolerance: equal and contained parcels
# count, shared edges and corners do not. ST_Intersects first, because ST_Relate alone skips the GiST index.
_OVERLAP_SQL = text(
    "WITH g AS (SELECT ST_GeomFromWKB(:wkb, 4490) AS geom) "
    "SELECT p.code FROM parcels p, g "
    "WHERE p.status = 'current' AND ST_Intersects(p.geom, g.geom) AND p.id <> ALL(CAST(:exclude AS int[])) "
    "AND ST_Relate(p.geom, g.geom, '2********') "
    "AND ST_Area(geography(ST_Intersection(p.geom, g.geom))) > :tol "
    "ORDER BY p.code"
)


def find_overlaps(session, geom, exclude_ids=()) -> list[str]:
    """Codes of current parcels whose interiors overlap `geom` by more than 0.01 m² (PAR-02)."""
    rows = session.execute(_OVERLAP_SQL, {"wkb": shapely.to_wkb(geom), "exclude": list(exclude_ids),
                                          "tol": OVERLAP_TOLERANCE_M2})
    return [r[0] for r in rows]


_FARMLAND_SQL = text(
    "WITH g AS (SELECT ST_GeomFromWKB(:wkb, 4490) AS geom) "
    "SELECT EXISTS (SELECT 1 FROM basic_farmland_areas b, g WHERE ST_Intersects(b.geom, g.geom) "
    "AND ST_Relate(b.geom, g.geom, '2********') AND ST_Area(geography(ST_Intersection(b.geom, g.geom))) > :tol)"
)


def on_basic_farmland(session, geom) -> bool:
    """HS-06: does `geom` lie on the loaded basic-farmland layer (more than the overlap tolerance)?"""
    return session.execute(_FARMLAND_SQL, {"wkb": shapely.to_wkb(geom), "tol": OVERLAP_TOLERANCE_M2}).scalar_one()


# 四至 of the given parcels and of their current neighbours, in one statement. For each touching pair the
# strip of the parcel within the tolerance of the neighbour marks the shared edge; the side is the direction
# from the parcel's centroid to that strip (east-west scaled by cos(latitude), so angles are true on the
# ground), and each side names the neighbour with the longest shared edge. A corner contact (a strip no
# longer than it is wide) names no side.
_BOUNDARIES_SQL = text("""
WITH changed AS (SELECT id, geom, status FROM parcels WHERE id = ANY(CAST(:ids AS int[]))),
targets AS (
    SELECT id, geom FROM changed WHERE status = 'current'
    UNION
    SELECT n.id, n.geom FROM changed c JOIN parcels n
      ON n.status = 'current' AND n.id <> c.id AND ST_DWithin(n.geom, c.geom, :tol)
),
strips AS (
    SELECT t.id, n.code, ST_Centroid(t.geom) AS c,
           ST_Intersection(t.geom, ST_Buffer(n.geom, :tol, 'join=mitre')) AS strip
    FROM targets t JOIN parcels n ON n.status = 'current' AND n.id <> t.id AND ST_DWithin(n.geom, t.geom, :tol)
),
sided AS (
    SELECT id, code, ST_Area(strip) AS weight,
           degrees(atan2((ST_X(s) - ST_X(c)) * cos(radians(ST_Y(c))), ST_Y(s) - ST_Y(c))) AS azimuth
    FROM (SELECT id, code, c, strip, ST_Centroid(strip) AS s FROM strips) x
    WHERE ST_Area(strip) > 4 * :tol * :tol
),
best AS (
    SELECT DISTINCT ON (id, side) id, side, code FROM (
        SELECT id, code, weight, CASE WHEN azimuth >= -45 AND azimuth < 45 THEN 'north'
                                      WHEN azimuth >= 45 AND azimuth < 135 THEN 'east'
                                      WHEN azimuth >= -135 AND azimuth < -45 THEN 'west'
                                      ELSE 'south' END AS side
        FROM sided) y
    ORDER BY id, side, weight DESC, code
),
computed AS (
    SELECT t.id, jsonb_build_object(
        'east', coalesce(max(b.code) FILTER (WHERE b.side = 'east'), :none),
        'south', coalesce(max(b.code) FILTER (WHERE b.side = 'south'), :none),
        'west', coalesce(max(b.code) FILTER (WHERE b.side = 'west'), :none),
        'north', coalesce(max(b.code) FILTER (WHERE b.side = 'north'), :none)) AS boundaries
    FROM targets t LEFT JOIN best b ON b.id = t.id GROUP BY t.id
)
UPDATE parcels p SET boundaries = computed.boundaries FROM computed
WHERE p.id = computed.id AND p.boundaries IS DISTINCT FROM computed.boundaries
""")


def refresh_boundaries(session, parcel_ids) -> None:
    """Recompute 四至 of these parcels (when current) and of every current parcel touching them."""
    session.execute(_BOUNDARIES_SQL, {"ids": list(parcel_ids), "tol": NEIGHBOUR_TOLERANCE_DEG,
                                      "none": NO_NEIGHBOUR})
