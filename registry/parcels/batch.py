"""The pairs inside one bulk batch, with shapely's vectorised GEOS instead of one PostGIS call per pair.

Every pair of batch features within the 四至 tolerance gets what `spatial.py` computes in SQL for a parcel
and its neighbour: the PAR-02 verdict and the 四至 side and contact seen from both ends. The same GEOS
operations on geometries built once, not de-serialised again for every call (the SQL join took most of a
100,000-feature batch's time). Two rules keep the SQL's meaning exactly:
- PAR-02's area stays PostGIS's: the shrunken-shape test (`spatial.shrunk`) only selects the pairs whose
  interiors may overlap by more than the tolerance, and their geodesic intersection areas are asked of the
  database in one statement (`overlapping`);
- the side is the direction from the centroid to the neighbour's nearest point, east-west scaled by
  cos(latitude), and the contact is the overlap of the two bounding boxes along that side
  (`side_and_contact`).
The best neighbour per side is chosen here too (longest contact, then the lowest code, as `best_per_side`).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import shapely
from sqlalchemy import text

from .spatial import NEIGHBOUR_TOLERANCE_DEG, NO_NEIGHBOUR, OVERLAP_TOLERANCE_M2, SIDES

_EAST, _SOUTH, _WEST, _NORTH = range(4)  # positions in spatial.SIDES


class Sides(NamedTuple):
    side: np.ndarray  # int8 index into SIDES
    contact: np.ndarray  # float64, degrees (east-west scaled), compared with the tolerance


class BatchPairs(NamedTuple):
    a: np.ndarray  # positions in the batch, a < b
    b: np.ndarray
    overlapping: np.ndarray  # bool, PAR-02
    seen_from_a: Sides  # 四至 of b seen from a
    seen_from_b: Sides


class Segments(NamedTuple):
    """The ring segments of every geometry of a batch, in ring order, grouped by geometry."""

    ax: np.ndarray
    ay: np.ndarray
    bx: np.ndarray
    by: np.ndarray
    start: np.ndarray  # first segment of geometry k
    count: np.ndarray  # its number of segments

    @classmethod
    def of(cls, geoms) -> Segments:
        parts, part_geom = shapely.get_parts(geoms, return_index=True)
        rings, ring_part = shapely.get_rings(parts, return_index=True)
        xy, point_ring = shapely.get_coordinates(rings, return_index=True)
        same = point_ring[:-1] == point_ring[1:]
        a, b = xy[:-1][same], xy[1:][same]
        geom = part_geom[ring_part[point_ring[:-1][same]]]
        count = np.bincount(geom, minlength=len(geoms))
        start = np.concatenate(([0], np.cumsum(count)[:-1]))
        return cls(a[:, 0], a[:, 1], b[:, 0], b[:, 1], start, count)


def nearest_points(segs: Segments, n: np.ndarray, px: np.ndarray, py: np.ndarray, chunk: int = 50_000):
    """The point of geometry n[k] nearest to (px[k], py[k]) as PostGIS's ST_ClosestPoint finds it: the same
    point-segment arithmetic (liblwgeom's lw_dist2d_pt_seg), the first segment in ring order on a tie, the
    point itself where it lies in or on the geometry. In chunks of pairs, so memory stays flat."""
    out_x, out_y = np.empty(len(n)), np.empty(len(n))
    for lo in range(0, len(n), chunk):
        k = slice(lo, lo + chunk)
        counts = segs.count[n[k]]
        pair = np.repeat(np.arange(len(counts)), counts)
        offsets = np.cumsum(counts) - counts
        seg = segs.start[n[k]][pair] + np.arange(counts.sum()) - offsets[pair]
        ax, ay, bx, by = segs.ax[seg], segs.ay[seg], segs.bx[seg], segs.by[seg]
        x, y = px[k][pair], py[k][pair]
        with np.errstate(invalid="ignore", divide="ignore"):
            r = ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / (
                (bx - ax) * (bx - ax) + (by - ay) * (by - ay)
            )
        degenerate = (ax == bx) & (ay == by)
        cx = np.where(degenerate | (r < 0), ax, np.where(r >= 1, bx, ax + r * (bx - ax)))
        cy = np.where(degenerate | (r < 0), ay, np.where(r >= 1, by, ay + r * (by - ay)))
        h, v = cx - x, cy - y
        dist = np.sqrt(h * h + v * v)
        least = np.minimum.reduceat(dist, offsets)
        hits = np.flatnonzero(dist == least[pair])
        first = hits[np.concatenate(([True], pair[hits][1:] != pair[hits][:-1]))]
        out_x[k], out_y[k] = cx[first], cy[first]
    return out_x, out_y


def side_and_contact(segs: Segments, geoms, t: np.ndarray, tcx, tcy, n: np.ndarray) -> Sides:
    """`spatial.side_and_contact` for arrays: geometries n[k] seen from geometries t[k] (centroids tcx, tcy
    of t[k])."""
    nx, ny = nearest_points(segs, n, tcx, tcy)
    inside = shapely.intersects_xy(geoms[n], tcx, tcy)
    nx, ny = np.where(inside, tcx, nx), np.where(inside, tcy, ny)
    cos = np.cos(np.radians(tcy))
    dx, dy = (nx - tcx) * cos, ny - tcy
    horizontal = np.abs(dx) >= np.abs(dy)
    side = np.where(horizontal, np.where(dx >= 0, _EAST, _WEST), np.where(dy >= 0, _NORTH, _SOUTH)).astype(
        np.int8
    )
    tb, nb = shapely.bounds(geoms[t]), shapely.bounds(geoms[n])
    contact = np.where(
        horizontal,
        np.minimum(tb[:, 3], nb[:, 3]) - np.maximum(tb[:, 1], nb[:, 1]),
        (np.minimum(tb[:, 2], nb[:, 2]) - np.maximum(tb[:, 0], nb[:, 0])) * cos,
    )
    return Sides(side, contact)


_AREAS_SQL = text(
    "SELECT ST_Area(geography(ST_Intersection(ST_GeomFromWKB(a, 4490), ST_GeomFromWKB(b, 4490)))) "
    "FROM unnest(CAST(:a AS bytea[]), CAST(:b AS bytea[])) WITH ORDINALITY AS u(a, b, k) ORDER BY k"
)


def overlapping(session, geoms, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """PAR-02 for the pairs (a, b): interiors overlapping by more than the tolerance."""
    widths = OVERLAP_TOLERANCE_M2 / (2 * 1.25e10 * np.maximum(shapely.length(geoms), 1e-12))
    inner = shapely.buffer(geoms, -widths, join_style="mitre")
    shapely.prepare(inner)
    maybe = np.flatnonzero(shapely.intersects(inner[a], geoms[b]))
    verdict = np.zeros(len(a), dtype=bool)
    if len(maybe):
        areas = session.execute(
            _AREAS_SQL,
            {
                "a": list(shapely.to_wkb(geoms[a[maybe]])),
                "b": list(shapely.to_wkb(geoms[b[maybe]])),
            },
        ).scalars()
        verdict[maybe] = np.fromiter(areas, dtype=float, count=len(maybe)) > OVERLAP_TOLERANCE_M2
    return verdict


def batch_pairs(session, geoms, cx: np.ndarray, cy: np.ndarray) -> BatchPairs:
    """Every pair of `geoms` (one batch, EPSG:4490) within the 四至 tolerance: one STRtree query for the
    candidates, the exact distance by GEOS, then the PAR-02 verdict and the sides."""
    tol = NEIGHBOUR_TOLERANCE_DEG
    tree = shapely.STRtree(geoms)
    bb = shapely.bounds(geoms)
    left, right = tree.query(shapely.box(bb[:, 0] - tol, bb[:, 1] - tol, bb[:, 2] + tol, bb[:, 3] + tol))
    keep = left < right
    a, b = left[keep], right[keep]
    near = shapely.distance(geoms[a], geoms[b]) <= tol
    a, b = a[near], b[near]
    segs = Segments.of(geoms)
    return BatchPairs(
        a,
        b,
        overlapping(session, geoms, a, b),
        side_and_contact(segs, geoms, a, cx[a], cy[a], b),
        side_and_contact(segs, geoms, b, cx[b], cy[b], a),
    )


def boundaries(n: int, rows: list[tuple[np.ndarray, np.ndarray, Sides]]) -> list[str]:
    """四至 JSON of each of the n batch features from (feature position, neighbour code, side and contact)
    rows: per side the neighbour with the longest contact above the tolerance, the lowest code on a tie."""
    pos = np.concatenate([r[0] for r in rows]) if rows else np.empty(0, dtype=np.int64)
    codes = np.concatenate([np.asarray(r[1], dtype=str) for r in rows]) if rows else np.empty(0, dtype=str)
    side = np.concatenate([r[2].side for r in rows]) if rows else np.empty(0, dtype=np.int8)
    contact = np.concatenate([r[2].contact for r in rows]) if rows else np.empty(0)
    keep = contact > NEIGHBOUR_TOLERANCE_DEG
    pos, codes, side, contact = pos[keep], codes[keep], side[keep], contact[keep]
    order = np.lexsort((codes, -contact, side, pos))
    pos, codes, side = pos[order], codes[order], side[order]
    first = np.ones(len(pos), dtype=bool)
    first[1:] = (pos[1:] != pos[:-1]) | (side[1:] != side[:-1])
    pos, codes, side = pos[first], codes[first], side[first]
    columns = []
    for k in range(len(SIDES)):
        column = np.full(n, NO_NEIGHBOUR, dtype=object)
        column[pos[side == k]] = codes[side == k]
        columns.append(column.tolist())
    # codes are digits and letters, and NO_NEIGHBOUR a dash: nothing to escape in the JSON strings
    return [
        f'{{"east": "{e}", "south": "{s}", "west": "{w}", "north": "{n}"}}' for e, s, w, n in zip(*columns)
    ]
