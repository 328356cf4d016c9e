"""The GeoPackage round trip for field work (QField/QGIS): a collective's current parcels out as a GeoPackage
in
EPSG:4490 (pyogrio; geometry as WKB straight from PostGIS), and a surveyed GeoPackage back in, all or nothing:
features without a known code go through the bulk registration (PAR-01..03), an existing code whose geometry
was edited is its own boundary-change registration (RG-01)."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field

import numpy as np
import pyogrio
import shapely
from flask import Response
from sqlalchemy import text

from ..db import db
from ..errors import InvalidInput
from ..parcels.bulk import register_parcels_bulk
from ..parcels.changes import change_parcel_geometry
from ..parcels.geometry import SRID, to_cgcs2000_many
from . import crs as crs_mod
from .collections import PARCELS
from .errors import bad_parameter

LAYER = "parcels"
FIELDS = (
    "code",
    "collective_code",
    "kind",
    "category",
    "land_class",
    "basic_farmland",
    "name",
    "area_m2",
    "area_mu",
    "east",
    "south",
    "west",
    "north",
)
_SELECT = """SELECT p.code, p.collective_code, p.kind, p.category, p.land_class, p.basic_farmland, p.name,
    p.area_m2::float8, round(p.area_m2 * 3 / 2000, 2)::float8, p.boundaries->>'east', p.boundaries->>'south',
    p.boundaries->>'west', p.boundaries->>'north', ST_AsBinary(p.geom)
FROM parcels p WHERE {where} AND p.collective_code = :collective {bbox} ORDER BY p.code"""
# a boundary moved by less than this (degrees, about 1 mm) is the same boundary read back
SAME_BOUNDARY_DEG = 1e-8


_DTYPES = {"basic_farmland": bool, "area_m2": np.float64, "area_mu": np.float64}


def write_gpkg(
    session, path: str, collective_code: str, bbox_sql: str = "", params: dict | None = None
) -> int:
    """Write the collective's current parcels (optionally only those meeting `bbox_sql`) to a new
    GeoPackage."""
    rows = session.execute(
        text(_SELECT.format(where=PARCELS.where, bbox=bbox_sql)),
        {"collective": collective_code, **(params or {})},
    ).all()
    columns = list(zip(*rows, strict=True)) if rows else [()] * (len(FIELDS) + 1)
    data = [np.array(columns[i], dtype=_DTYPES.get(name, object)) for i, name in enumerate(FIELDS)]
    pyogrio.raw.write(
        path,
        np.array([bytes(g) for g in columns[-1]], dtype=object),
        data,
        list(FIELDS),
        layer=LAYER,
        driver="GPKG",
        geometry_type="MultiPolygon",
        crs=f"EPSG:{SRID}",
    )
    return len(rows)


def export_response(actor, collection, query):
    """GET …/items?f=gpkg&collective_code=…: the collective's parcels (in bbox) as one GeoPackage file."""
    if collection is not PARCELS or query.collective_code is None:
        raise bad_parameter("f=gpkg exports the parcels of one collective: give collective_code.")
    from .features import bbox_sql

    params: dict = {}
    where = bbox_sql(query, params)
    fd, path = tempfile.mkstemp(suffix=".gpkg")
    os.close(fd)
    os.unlink(path)  # the driver creates the file
    try:
        write_gpkg(db.session, path, query.collective_code, f"AND {where}", params)
        with open(path, "rb") as fh:
            body = fh.read()
    finally:
        if os.path.exists(path):
            os.unlink(path)
    name = f"parcels-{query.collective_code}.gpkg"
    return Response(
        body,
        mimetype="application/geopackage+sqlite3",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Content-Crs": crs_mod.by_epsg(SRID).header,
        },
    )


@dataclass
class ImportResult:
    registered: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0


def _features(path: str) -> tuple[list[dict], object]:
    meta, _, wkb, columns = pyogrio.raw.read(path)
    names = list(meta["fields"])
    geometries = [json.loads(g) for g in shapely.to_geojson(shapely.from_wkb(wkb))]
    props = (
        [
            {n: (v.item() if hasattr(v, "item") else v) for n, v in zip(names, row, strict=True)}
            for row in zip(*columns, strict=True)
        ]
        if names
        else [{} for _ in geometries]
    )
    features = [
        {"type": "Feature", "geometry": g, "properties": {k: v for k, v in p.items() if v is not None}}
        for g, p in zip(geometries, props, strict=True)
    ]
    return features, meta["crs"]


def import_gpkg(
    session, actor, path: str, *, collective_code: str | None = None, reason: str = "GeoPackage survey"
) -> ImportResult:
    """One transaction (the caller commits): boundary changes first, those shrinking most first, so a parcel
    may grow into the room its neighbour gave up; then the new parcels through the bulk path."""
    features, file_crs = _features(path)
    if not features:
        raise InvalidInput("The GeoPackage holds no features.", rule="PAR-01", errors={"features": ["empty"]})
    codes = [f["properties"].get("code") for f in features]
    known = dict(
        session.execute(
            text(
                f"SELECT p.code, ST_AsBinary(p.geom) FROM parcels p WHERE {PARCELS.where} AND p.code = "
                f"ANY(:codes)"
            ),
            {"codes": [c for c in codes if c]},
        ).all()
    )
    result = ImportResult()
    edited, new = [], []
    for f, code in zip(features, codes, strict=True):
        (edited if code in known else new).append(f)
    if edited:
        geoms, errors = to_cgcs2000_many([f["geometry"] for f in edited], [file_crs] * len(edited))
        if errors:
            index, err = next(iter(errors.items()))
            raise InvalidInput(
                "Parcel {code}: {detail}",
                rule=err.rule,
                errors=err.errors,
                params={
                    "code": edited[index]["properties"]["code"],
                    "detail": err.detail.format(**err.params),
                },
            )
        old = {c: shapely.from_wkb(bytes(w)) for c, w in known.items()}
        moves = []
        for f, g in zip(edited, geoms, strict=True):
            code = f["properties"]["code"]
            if shapely.hausdorff_distance(old[code], g) <= SAME_BOUNDARY_DEG:
                result.unchanged += 1
            else:
                moves.append((g.area - old[code].area, code, g))
        for _, code, g in sorted(moves, key=lambda m: m[0]):
            change_parcel_geometry(session, actor, code, g, reason=reason)
            result.changed.append(code)
    if new:
        for f in new:  # fields GeoPackage exports carry that the registration computes itself
            for k in ("area_m2", "area_mu", "east", "south", "west", "north", "fid"):
                f["properties"].pop(k, None)
        result.registered = register_parcels_bulk(
            session, actor, new, crs=file_crs, collective_code=collective_code
        ).codes
    return result
