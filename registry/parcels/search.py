"""Reads for the maps: where a collective's contract land lies (a robust extent, not every stray plot), and
the
parcel search by code, name or holder, paged by keyset. Scope (SEC-01) as for every parcel read.

Who holds a parcel is the contracts area's knowledge; it registers a HolderSource here in its plug_in."""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import Select, func, literal, null, or_, select, text

from .geometry import mu
from .models import Parcel
from .services import parcels_in_bbox

PAGE_MAX = 100
# The middle 90 % of the parcels' centroids on each axis: homesteads kilometres away or a mis-drawn field do
# not widen the box; the box then covers the whole parcels whose centroids lie in it.
_EXTENT = text("""
WITH c AS (SELECT geom, ST_PointOnSurface(geom) AS pt FROM parcels
           WHERE status = 'current' AND kind = 'contract' AND collective_code = :code),
     q AS (SELECT percentile_cont(0.05) WITHIN GROUP (ORDER BY ST_X(pt)) AS x0,
                  percentile_cont(0.95) WITHIN GROUP (ORDER BY ST_X(pt)) AS x1,
                  percentile_cont(0.05) WITHIN GROUP (ORDER BY ST_Y(pt)) AS y0,
                  percentile_cont(0.95) WITHIN GROUP (ORDER BY ST_Y(pt)) AS y1 FROM c),
     e AS (SELECT ST_Extent(c.geom) AS b FROM c, q
           WHERE ST_X(c.pt) BETWEEN q.x0 AND q.x1 AND ST_Y(c.pt) BETWEEN q.y0 AND q.y1)
SELECT ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b) FROM e WHERE b IS NOT NULL""")
# The county's extent from the collectives' parcels, one indexed probe per end of the code range (cheap at
# half a million parcels); the county map starts there.
_CENTRE = text(
    "SELECT ST_Y(c), ST_X(c) FROM (SELECT ST_Centroid(ST_Collect(geom)) AS c FROM ("
    "(SELECT geom FROM parcels WHERE status = 'current' AND code >= :lo ORDER BY code LIMIT 1) UNION ALL "
    "(SELECT geom FROM parcels WHERE status = 'current' AND code < :hi ORDER BY code DESC LIMIT 1)) e) q"
)


class HolderSource(Protocol):
    def __call__(self) -> Select:
        """A select of (parcel_id, contract_code, holder_name) for the parcels held today."""


_HOLDERS: list[HolderSource] = []


def register_holder_source(source: HolderSource) -> None:
    _HOLDERS[:] = [source]


def contract_land_extent(session, actor, collective_code: str) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) in EPSG:4490 lon/lat of the collective's contract land; None without any."""
    actor.require_collective(collective_code, "clerk", "reviewer")
    row = session.execute(_EXTENT, {"code": collective_code}).first()
    return tuple(float(v) for v in row) if row else None


def county_centre(session, actor, county: str) -> tuple[float, float] | None:
    """(lat, lon) in EPSG:4490 of the middle of the county's current parcels; None without any."""
    actor.require_county(county, "reviewer")
    lat, lon = session.execute(_CENTRE, {"lo": county, "hi": f"{int(county) + 1:06d}"}).one()
    return (lat, lon) if lat is not None else None


def count_contract_parcels(session, actor, collective_code: str) -> int:
    """How many current contract parcels the collective has (scope SEC-01 as for every parcel read)."""
    stmt = parcels_in_bbox(session, actor, None, collective_code=collective_code).where(
        Parcel.kind == "contract"
    )
    return session.scalar(select(func.count()).select_from(stmt.subquery()))


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search_parcels(
    session,
    actor,
    term: str,
    *,
    collective_code: str | None = None,
    free_only: bool = False,
    after: str | None = None,
    limit: int = 20,
) -> dict:
    """Current contract parcels whose code, name or holder's name contains `term` (all when empty), by code;
    `next` is the code to pass as `after` for the following page, or None."""
    limit = max(1, min(limit, PAGE_MAX))
    held = _HOLDERS[0]().subquery() if _HOLDERS else None
    contract = held.c.contract_code if held is not None else null()
    holder = held.c.holder_name if held is not None else null()
    box = func.Box2D(Parcel.geom)
    stmt = (
        parcels_in_bbox(session, actor, None, collective_code=collective_code)
        .with_only_columns(
            Parcel.code,
            Parcel.name,
            Parcel.area_m2,
            contract.label("contract"),
            holder.label("holder"),
            func.ST_XMin(box),
            func.ST_YMin(box),
            func.ST_XMax(box),
            func.ST_YMax(box),
        )
        .where(Parcel.kind == "contract")
    )
    if held is not None:
        stmt = stmt.outerjoin(held, held.c.parcel_id == Parcel.id)
    term = (term or "").strip()[:50]
    if term:
        like = _like(term)
        stmt = stmt.where(
            or_(
                Parcel.code.like(like),
                Parcel.name.ilike(like),
                holder.ilike(like) if held is not None else literal(False),
            )
        )
    if free_only:
        stmt = stmt.where(contract.is_(None))
    if after:
        stmt = stmt.where(Parcel.code > after)
    rows = session.execute(stmt.limit(limit + 1)).all()
    items = [
        {
            "code": r.code,
            "name": r.name,
            "holder": r.holder,
            "contract": r.contract,
            "area_m2": float(r.area_m2),
            "area_mu": float(mu(r.area_m2)),
            "bbox": [float(v) for v in r[5:9]],
        }
        for r in rows[:limit]
    ]
    return {"items": items, "next": items[-1]["code"] if len(rows) > limit else None}
