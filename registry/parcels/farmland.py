"""The basic-farmland protection layer (永久基本农田保护区) that HS-06 checks homesteads against.

The county delivers the layer as a whole after each delimitation or adjustment, so a load replaces the
previous layer in one transaction (audited with its source); polygons of the layer may overlap each other.
"""

from __future__ import annotations

import shapely
from geoalchemy2.shape import to_shape
from shapely.geometry import mapping
from sqlalchemy import delete, func, select, text

from ..audit.services import record
from ..errors import InvalidInput
from .geometry import SRID, mu, round_m2, to_cgcs2000_many
from .models import BasicFarmlandArea

_INSERT_SQL = text(
    "INSERT INTO basic_farmland_areas (ref, source, geom, area_m2, loaded_by) "
    "SELECT ref, :source, g, round(ST_Area(geography(g))::numeric, 2), :actor FROM "
    "(SELECT ref, ST_GeomFromWKB(wkb, 4490) AS g FROM unnest(CAST(:refs AS text[]), CAST(:wkbs AS bytea[])) "
    "AS u(ref, wkb)) s RETURNING area_m2"
)


def load_basic_farmland(session, actor, features: list, *, source: str, crs: object = None) -> dict:
    """Replace the layer with these features (admin only); every geometry must pass PAR-01."""
    actor.require_role("admin")
    if not isinstance(features, list) or not features:
        raise InvalidInput(
            "A FeatureCollection with at least one feature is required.",
            rule="PAR-01",
            errors={"features": ["at least one feature"]},
        )
    geometries, crss, errors = [], [], {}
    for i, f in enumerate(features):
        if not isinstance(f, dict) or f.get("type") != "Feature":
            errors[f"features.{i}"] = ["not a GeoJSON Feature"]
            f = {}
        geometries.append(f.get("geometry"))
        crss.append(f.get("crs", crs))
    geoms, refused = to_cgcs2000_many(geometries, crss)
    for i, err in refused.items():
        if f"features.{i}" not in errors:
            for key, messages in err.errors.items():
                errors.setdefault(f"features.{i}.{key}", []).extend(messages)
    if errors:
        raise InvalidInput(
            "{bad} of {total} features are not valid; the layer was not loaded.",
            rule="PAR-01",
            params={"bad": len({k.split(".")[1] for k in errors}), "total": len(features)},
            errors=errors,
        )
    refs = [_ref(f) for f in features]
    replaced = session.execute(delete(BasicFarmlandArea)).rowcount
    areas = (
        session.execute(
            _INSERT_SQL,
            {"refs": refs, "wkbs": list(shapely.to_wkb(geoms)), "source": source, "actor": actor.username},
        )
        .scalars()
        .all()
    )
    total = round_m2(sum(areas))
    record(
        session,
        actor,
        "basic_farmland.load",
        "basic_farmland_layer",
        source,
        before={"areas": replaced},
        after={"areas": len(areas), "area_m2": str(total), "source": source},
    )
    return {"areas": len(areas), "area_m2": float(total), "source": source, "replaced": replaced}


def _ref(feature: dict) -> str | None:
    ref = feature.get("id", (feature.get("properties") or {}).get("code"))
    return None if ref is None else str(ref)[:64]


def farmland_in_bbox(actor, bbox):
    actor.require_role("clerk", "reviewer")
    stmt = select(BasicFarmlandArea).order_by(BasicFarmlandArea.id)
    if bbox is not None:
        stmt = stmt.where(func.ST_Intersects(BasicFarmlandArea.geom, func.ST_MakeEnvelope(*bbox, SRID)))
    return stmt


def farmland_feature(area: BasicFarmlandArea) -> dict:
    return {
        "type": "Feature",
        "id": area.id,
        "crs": f"EPSG:{SRID}",
        "geometry": mapping(to_shape(area.geom)),
        "properties": {
            "ref": area.ref,
            "source": area.source,
            "area_m2": float(area.area_m2),
            "area_mu": float(mu(area.area_m2)),
            "loaded_at": area.loaded_at.isoformat(),
        },
    }
