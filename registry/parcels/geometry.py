"""GeoJSON in, CGCS2000 (EPSG:4490) MultiPolygon out; geodesic area on GRS80 (PAR-01, PAR-03). No Flask here.

Rings are checked on the raw coordinates, because shapely closes an open ring silently and the contract says an
unclosed ring is invalid. Invalid geometry is refused with GEOS's reason and location, never repaired.
"""
from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

import numpy as np
import shapely
from pyproj import CRS, Geod, Transformer
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.polygon import orient
from sqlalchemy import text

from ..errors import InvalidInput

SRID = 4490
GK_ZONES = range(4513, 4555)  # CGCS2000 3-degree Gauss-Krüger, with (4513-4533) and without (4534-4554) zone prefix
SUPPORTED_SRIDS = frozenset({4490, 4326, *GK_ZONES})
# CGCS2000 covers the mainland and the South China Sea islands; lon/lat outside this box means a wrong crs.
CHINA_BOUNDS = (70.0, 0.0, 140.0, 56.0)
_GEOD = Geod(ellps="GRS80")
_CENT = Decimal("0.01")
_CRS_RE = re.compile(r"^(?:EPSG:|urn:ogc:def:crs:EPSG:[\d.]*:)(\d+)$", re.IGNORECASE)
_CRS84 = {"urn:ogc:def:crs:ogc:1.3:crs84", "ogc:crs84", "crs84"}


def _invalid(field: str, detail: str, message: str, **params) -> InvalidInput:
    return InvalidInput(detail, rule="PAR-01", params=params, errors={field: [message.format(**params)]})


def parse_crs(crs: object) -> int:
    """`"EPSG:4490"`, the OGC URN form, or the GeoJSON-2008 `{"type": "name", "properties": {"name": …}}`
    object that desktop GIS still writes. None means EPSG:4490 (the contract's default)."""
    if crs is None:
        return SRID
    if isinstance(crs, dict):
        crs = (crs.get("properties") or {}).get("name") if crs.get("type") == "name" else None
    if not isinstance(crs, str):
        raise _invalid("crs", "The crs must be a string such as EPSG:4490.", "must be a string such as EPSG:4490")
    if crs.strip().lower() in _CRS84:
        return 4326
    m = _CRS_RE.match(crs.strip())
    srid = int(m.group(1)) if m else None
    if srid not in SUPPORTED_SRIDS:
        raise _invalid("crs", "The crs {crs} is not supported; use EPSG:4490, EPSG:4326 or EPSG:4513-4554.",
                       "unsupported crs {crs}; use EPSG:4490, EPSG:4326 or EPSG:4513-4554", crs=crs)
    return srid


@lru_cache(maxsize=64)
def _transformer(srid: int) -> Transformer:
    return Transformer.from_crs(CRS.from_epsg(srid), CRS.from_epsg(SRID), always_xy=True)


@lru_cache(maxsize=64)
def _lonlat_bounds(srid: int) -> tuple[float, float, float, float]:
    if srid in GK_ZONES:  # a zone is used up to about 1.5 degrees beyond its nominal 3-degree strip
        w, s, e, n = CRS.from_epsg(srid).area_of_use.bounds
        return w - 1.5, max(s - 1.5, 0.0), e + 1.5, n + 1.5
    return CHINA_BOUNDS


def _ring(raw: object, where: str) -> list[tuple[float, float]]:
    if not isinstance(raw, list) or len(raw) < 4:
        raise _invalid("geometry", "A ring needs at least four positions, the last equal to the first ({where}).",
                       "{where}: a ring needs at least 4 positions", where=where)
    points = []
    for pos in raw:
        if (not isinstance(pos, list) or len(pos) not in (2, 3)
                or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
                           for v in pos)):
            raise _invalid("geometry", "A position must be two or three finite numbers ({where}).",
                           "{where}: a position must be [x, y] numbers", where=where)
        points.append((float(pos[0]), float(pos[1])))
    if points[0] != points[-1]:
        raise _invalid("geometry", "The ring is not closed: its last position differs from the first ({where}).",
                       "{where}: unclosed ring (last position must equal the first)", where=where)
    return points


def _polygon(raw: object, where: str) -> Polygon:
    if not isinstance(raw, list) or not raw:
        raise _invalid("geometry", "The geometry is empty.", "empty geometry")
    rings = [_ring(r, f"{where} ring {i}") for i, r in enumerate(raw)]
    return Polygon(rings[0], rings[1:])


def parse_geojson(geometry: object) -> MultiPolygon:
    """A GeoJSON Polygon/MultiPolygon object → shapely MultiPolygon in the input's own coordinates."""
    if not isinstance(geometry, dict):
        raise _invalid("geometry", "The geometry must be a GeoJSON Polygon or MultiPolygon.",
                       "must be a GeoJSON Polygon or MultiPolygon object")
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        return MultiPolygon([_polygon(coords, "polygon")])
    if kind == "MultiPolygon":
        if not isinstance(coords, list) or not coords:
            raise _invalid("geometry", "The geometry is empty.", "empty geometry")
        return MultiPolygon([_polygon(p, f"polygon {i}") for i, p in enumerate(coords)])
    raise _invalid("geometry", "Geometry type {kind} is not allowed; a parcel is a Polygon or MultiPolygon.",
                   "type {kind} is not a Polygon or MultiPolygon", kind=str(kind))


def check_valid(geom: MultiPolygon) -> None:
    """PAR-01: refuse an empty or invalid geometry with GEOS's reason and location; never repair it."""
    if geom.is_empty or geom.area == 0:
        raise _invalid("geometry", "The geometry is empty.", "empty geometry")
    if geom.is_valid:
        return
    reason = shapely.is_valid_reason(geom)
    m = re.match(r"^(.*?)\s*\[([-\d.eE+]+) ([-\d.eE+]+)\]$", reason)
    what, where = (m.group(1), f"{m.group(2)} {m.group(3)}") if m else (reason, "unknown")
    raise _invalid("geometry", "The geometry is invalid: {reason} at {location}. It is not repaired.",
                   "{reason} at {location}", reason=what, location=where)


def to_cgcs2000(geometry: dict, crs: object | None) -> MultiPolygon:
    """Validate a GeoJSON Polygon/MultiPolygon given in `crs` and return it in EPSG:4490 lon/lat (PAR-01)."""
    srid = parse_crs(crs)
    geom = parse_geojson(geometry)
    check_valid(geom)  # in the input's coordinates, so the reported location is one the sender recognises
    if srid != SRID:
        geom = shapely.transform(geom, lambda xy: _transform_xy(srid, xy))
    w, s, e, n = _lonlat_bounds(srid)
    x0, y0, x1, y1 = geom.bounds
    if not (all(map(math.isfinite, geom.bounds)) and w <= x0 and x1 <= e and s <= y0 and y1 <= n):
        raise _invalid("crs", "The coordinates do not fit EPSG:{srid}; is the crs right?",
                       "coordinates are outside the area of EPSG:{srid}; is the crs right?", srid=srid)
    if srid != SRID:
        check_valid(geom)
    return geom


def _transform_xy(srid: int, xy):
    x, y = _transformer(srid).transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def as_multipolygon(geom) -> MultiPolygon:
    if isinstance(geom, Polygon):
        return MultiPolygon([geom])
    if isinstance(geom, MultiPolygon):
        return geom
    raise _invalid("geometry", "Geometry type {kind} is not allowed; a parcel is a Polygon or MultiPolygon.",
                   "type {kind} is not a Polygon or MultiPolygon", kind=getattr(geom, "geom_type", "?"))


def _round(value: float) -> Decimal:
    return Decimal(repr(value)).quantize(_CENT, rounding=ROUND_HALF_UP)


def geodesic_area_m2(session_or_none, geom) -> Decimal:
    """PAR-03: area on the GRS80 ellipsoid in m², 2 decimals. With a session PostGIS computes it (the same
    function the bulk path uses); without one pyproj does, independently."""
    if session_or_none is not None:
        value = session_or_none.execute(
            text("SELECT ST_Area(geography(ST_GeomFromWKB(:wkb, 4490)))"), {"wkb": shapely.to_wkb(geom)}
        ).scalar_one()
        return _round(value)
    total = 0.0
    for poly in as_multipolygon(geom).geoms:
        # pyproj's area is signed by ring orientation; orient() makes shells CCW and holes CW, then abs per ring.
        poly = orient(poly, 1.0)
        total += abs(_GEOD.geometry_area_perimeter(Polygon(poly.exterior))[0])
        total -= sum(abs(_GEOD.geometry_area_perimeter(Polygon(r))[0]) for r in poly.interiors)
    return _round(total)


def mu(area_m2) -> Decimal:
    """1 mu = 2000/3 m² (PAR-03); 2 decimals as on contract certificates."""
    return (Decimal(area_m2) * 3 / 2000).quantize(_CENT, rounding=ROUND_HALF_UP)
