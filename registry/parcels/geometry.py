"""GeoJSON in, CGCS2000 (EPSG:4490) MultiPolygon out; geodesic area on GRS80 (PAR-01, PAR-03). No Flask here.

Rings are checked on the raw coordinates, because shapely closes an open ring silently and the contract says
an
unclosed ring is invalid. Invalid geometry is refused with GEOS's reason and location, never repaired.
The work is vectorised (one GEOS/PROJ call for a whole batch), so a bulk import of 100,000 features costs
about as much Python as a few hundred single ones.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

import numpy as np
import shapely
from pyproj import CRS, Geod, Transformer
from shapely import GeometryType
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.polygon import orient
from sqlalchemy import text

from ..errors import InvalidInput

SRID = 4490
GK_ZONES = range(
    4513, 4555
)  # CGCS2000 3-degree Gauss-Krüger, with (4513-4533) and without (4534-4554) zone prefix
SUPPORTED_SRIDS = frozenset({4490, 4326, *GK_ZONES})
# CGCS2000 covers the mainland and the South China Sea islands; lon/lat outside this box means a wrong crs.
CHINA_BOUNDS = (70.0, 0.0, 140.0, 56.0)
_GEOD = Geod(ellps="GRS80")
_CENT = Decimal("0.01")
_CRS_RE = re.compile(r"^(?:EPSG:|urn:ogc:def:crs:EPSG:[\d.]*:)(\d+)$", re.IGNORECASE)
_CRS84 = {"urn:ogc:def:crs:ogc:1.3:crs84", "ogc:crs84", "crs84"}
_NUMBER = (int, float)  # exact types: a JSON true/false or "1.5" is not a coordinate
_SEQ = (list, tuple)


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
        raise _invalid(
            "crs", "The crs must be a string such as EPSG:4490.", "must be a string such as EPSG:4490"
        )
    if crs.strip().lower() in _CRS84:
        return 4326
    m = _CRS_RE.match(crs.strip())
    srid = int(m.group(1)) if m else None
    if srid not in SUPPORTED_SRIDS:
        raise _invalid(
            "crs",
            "The crs {crs} is not supported; use EPSG:4490, EPSG:4326 or EPSG:4513-4554.",
            "unsupported crs {crs}; use EPSG:4490, EPSG:4326 or EPSG:4513-4554",
            crs=crs,
        )
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


def _empty() -> InvalidInput:
    return _invalid("geometry", "The geometry is empty.", "empty geometry")


def _ring(raw: object, where: str, coords: list) -> int:
    """Append a ring's positions to `coords`; returns how many. Checks shape, types and closure."""
    if type(raw) not in _SEQ or len(raw) < 4:
        raise _invalid(
            "geometry",
            "A ring needs at least four positions, the last equal to the first ({where}).",
            "{where}: a ring needs at least 4 positions",
            where=where,
        )
    for pos in raw:
        if (
            type(pos) not in _SEQ
            or not 2 <= len(pos) <= 3
            or type(pos[0]) not in _NUMBER
            or type(pos[1]) not in _NUMBER
        ):
            raise _invalid(
                "geometry",
                "A position must be two or three numbers ({where}).",
                "{where}: a position must be [x, y] numbers",
                where=where,
            )
        coords.append((pos[0], pos[1]))
    if raw[0][0] != raw[-1][0] or raw[0][1] != raw[-1][1]:
        raise _invalid(
            "geometry",
            "The ring is not closed: its last position differs from the first ({where}).",
            "{where}: unclosed ring (last position must equal the first)",
            where=where,
        )
    return len(raw)


def _flatten(geometry: object, coords: list, ring_sizes: list, poly_sizes: list) -> int:
    """Append one GeoJSON Polygon/MultiPolygon; returns its number of polygons. Nothing is appended on
    error."""
    if not isinstance(geometry, dict):
        raise _invalid(
            "geometry",
            "The geometry must be a GeoJSON Polygon or MultiPolygon.",
            "must be a GeoJSON Polygon or MultiPolygon object",
        )
    kind, raw = geometry.get("type"), geometry.get("coordinates")
    if kind not in ("Polygon", "MultiPolygon"):
        raise _invalid(
            "geometry",
            "Geometry type {kind} is not allowed; a parcel is a Polygon or MultiPolygon.",
            "type {kind} is not a Polygon or MultiPolygon",
            kind=str(kind),
        )
    polygons = [raw] if kind == "Polygon" else raw
    if type(polygons) not in _SEQ or not polygons:
        raise _empty()
    c, r, p = [], [], []
    for i, polygon in enumerate(polygons):
        if type(polygon) not in _SEQ or not polygon:
            raise _empty()
        r.extend(_ring(ring, f"polygon {i} ring {j}", c) for j, ring in enumerate(polygon))
        p.append(len(polygon))
    coords.extend(c)
    ring_sizes.extend(r)
    poly_sizes.extend(p)
    return len(p)


def _reason(geom) -> InvalidInput | None:
    if shapely.is_empty(geom):
        return _empty()
    if shapely.is_valid(geom):
        return _empty() if shapely.area(geom) == 0 else None
    reason = shapely.is_valid_reason(geom)
    m = re.match(r"^(.*?)\s*\[([-\d.eE+]+) ([-\d.eE+]+)\]$", reason)
    what, where = (m.group(1), f"{m.group(2)} {m.group(3)}") if m else (reason, "unknown")
    return _invalid(
        "geometry",
        "The geometry is invalid: {reason} at {location}. It is not repaired.",
        "{reason} at {location}",
        reason=what,
        location=where,
    )


def to_cgcs2000_many(geometries: list, crss: list) -> tuple[list, dict[int, InvalidInput]]:
    """Vectorised `to_cgcs2000`: (MultiPolygons in EPSG:4490 with None where refused, {index: error})."""
    errors: dict[int, InvalidInput] = {}
    coords: list = []
    ring_sizes: list = []
    poly_sizes: list = []
    kept, srids, npolys = [], [], []
    for i, (geometry, crs) in enumerate(zip(geometries, crss, strict=True)):
        try:
            srid = parse_crs(crs)
            npolys.append(_flatten(geometry, coords, ring_sizes, poly_sizes))
        except InvalidInput as err:
            errors[i] = err
            continue
        kept.append(i)
        srids.append(srid)
    out: list = [None] * len(geometries)
    if not kept:
        return out, errors
    xy = np.array(coords, dtype=float)
    offsets = tuple(
        np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64) for sizes in (ring_sizes, poly_sizes, npolys)
    )
    geoms = shapely.from_ragged_array(GeometryType.MULTIPOLYGON, xy, offsets)
    _validate(geoms, np.array(srids), kept, out, errors)
    return out, errors


def to_cgcs2000_array(geometries, srid: int) -> tuple[list, dict[int, InvalidInput]]:
    """`to_cgcs2000_many` for shapely (Multi)Polygons already read from a file in `srid` (a shapefile through
    pyogrio): no GeoJSON on the way, the same checks (PAR-01) in the same order."""
    geoms = np.asarray(geometries, dtype=object)
    out: list = [None] * len(geoms)
    errors: dict[int, InvalidInput] = {}
    kinds = shapely.get_type_id(geoms)
    bad = np.flatnonzero(~np.isin(kinds, (3, 6)) | shapely.is_empty(geoms))
    for i in bad.tolist():
        errors[i] = (
            _empty()
            if kinds[i] in (3, 6)
            else _invalid(
                "geometry",
                "Geometry type {kind} is not allowed; a parcel is a Polygon or MultiPolygon.",
                "type {kind} is not a Polygon or MultiPolygon",
                kind=geoms[i].geom_type,
            )
        )
    kept = np.setdiff1d(np.arange(len(geoms)), bad).tolist()
    if not kept:
        return out, errors
    xy, offsets = shapely.to_ragged_array(geoms[kept])[1:]
    multi = (
        shapely.from_ragged_array(GeometryType.MULTIPOLYGON, xy, offsets)
        if len(offsets) == 3
        else shapely.multipolygons(
            shapely.from_ragged_array(GeometryType.POLYGON, xy, offsets), indices=np.arange(len(kept))
        )
    )
    _validate(multi, np.full(len(kept), srid), kept, out, errors)
    return out, errors


def _validate(geoms, srids, kept: list[int], out: list, errors: dict) -> None:
    """PAR-01 on MultiPolygons in their source CRS: finite, valid there and in EPSG:4490, inside the CRS's
    area;
    `out[i]` gets the geometry in EPSG:4490 or `errors[i]` the refusal."""
    finite = np.isfinite(shapely.bounds(geoms)).all(axis=1)
    # Validity in the input's coordinates, so the reported location is one the sender recognises.
    valid_source = shapely.is_valid(geoms) & (shapely.area(geoms) > 0)
    source = geoms.copy()
    valid = np.ones(len(geoms), dtype=bool)
    for srid in set(srids.tolist()) - {SRID}:
        sel = srids == srid
        geoms[sel] = shapely.transform(
            geoms[sel], lambda pts, s=srid: np.column_stack(_transformer(s).transform(pts[:, 0], pts[:, 1]))
        )
        valid[sel] = shapely.is_valid(geoms[sel])
    bounds = shapely.bounds(geoms)
    for k, i in enumerate(kept):
        w, s, e, n = _lonlat_bounds(int(srids[k]))
        x0, y0, x1, y1 = bounds[k]
        if not finite[k]:
            errors[i] = _invalid(
                "geometry",
                "A position must be two or three finite numbers ({where}).",
                "{where}: a position must be finite numbers",
                where="geometry",
            )
        elif not valid_source[k]:
            errors[i] = _reason(source[k])
        elif not (w <= x0 and x1 <= e and s <= y0 and y1 <= n):  # also false for inf/nan out of PROJ
            errors[i] = _invalid(
                "crs",
                "The coordinates do not fit EPSG:{srid}; is the crs right?",
                "coordinates are outside the area of EPSG:{srid}; is the crs right?",
                srid=int(srids[k]),
            )
        elif not valid[k]:
            errors[i] = _reason(geoms[k])
        else:
            out[i] = geoms[k]


def to_cgcs2000(geometry: dict, crs: object | None) -> MultiPolygon:
    """Validate a GeoJSON Polygon/MultiPolygon given in `crs` and return it in EPSG:4490 lon/lat (PAR-01)."""
    geoms, errors = to_cgcs2000_many([geometry], [crs])
    if errors:
        raise errors[0]
    return geoms[0]


def check_valid(geom) -> None:
    """PAR-01 for a shapely geometry from another area: refuse empty or invalid shapes, never repair them."""
    err = _reason(geom)
    if err is not None:
        raise err


def as_multipolygon(geom) -> MultiPolygon:
    if isinstance(geom, Polygon):
        return MultiPolygon([geom])
    if isinstance(geom, MultiPolygon):
        return geom
    raise _invalid(
        "geometry",
        "Geometry type {kind} is not allowed; a parcel is a Polygon or MultiPolygon.",
        "type {kind} is not a Polygon or MultiPolygon",
        kind=getattr(geom, "geom_type", "?"),
    )


def round_m2(value: float) -> Decimal:
    return Decimal(repr(float(value))).quantize(_CENT, rounding=ROUND_HALF_UP)


def geodesic_area_m2(session_or_none, geom) -> Decimal:
    """PAR-03: area on the GRS80 ellipsoid in m², 2 decimals. With a session PostGIS computes it (the same
    function the bulk path uses); without one pyproj does, independently."""
    if session_or_none is not None:
        value = session_or_none.execute(
            text("SELECT ST_Area(geography(ST_GeomFromWKB(:wkb, 4490)))"), {"wkb": shapely.to_wkb(geom)}
        ).scalar_one()
        return round_m2(value)
    total = 0.0
    for poly in as_multipolygon(geom).geoms:
        # pyproj's area is signed by ring orientation: take abs() per ring, shells add and holes subtract.
        poly = orient(poly, 1.0)
        total += abs(_GEOD.geometry_area_perimeter(Polygon(poly.exterior))[0])
        total -= sum(abs(_GEOD.geometry_area_perimeter(Polygon(r))[0]) for r in poly.interiors)
    return round_m2(total)


def mu(area_m2, places: int = 2) -> Decimal:
    """m² → mu, 1 mu = 2000/3 m² (PAR-03), rounded half up; 2 decimals for display, as on certificates."""
    return (Decimal(area_m2) * 3 / 2000).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
