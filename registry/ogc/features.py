"""Features as GeoJSON text built by PostGIS (json_build_object + ST_AsGeoJSON) and streamed to the client;
no geometry passes through Python objects. Pages by keyset on the collection's key, never by OFFSET."""
from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import text

from ..auth.actor import Actor
from ..db import db
from ..parcels.geometry import SRID
from .collections import Collection
from .crs import Crs
from .params import ItemsQuery

FETCH_BATCH = 250
# PROJ transforms CGCS2000 to WGS 84 by its "ballpark" identity (the two agree to centimetres), so CRS84 and
# EPSG:4326 coordinates are the stored ones and skip ST_Transform (axis order still follows each CRS).
SAME_AS_STORAGE = frozenset({SRID, 4326})


def geometry_sql(column: str, out: Crs) -> str:
    """The geometry in the output CRS with the axes in that CRS's order, as GeoJSON text."""
    geom = column if out.srid in SAME_AS_STORAGE else f"ST_Transform({column}, {int(out.srid)})"
    if out.northing_first:
        geom = f"ST_FlipCoordinates({geom})"
    digits = 9 if out.srid in (4326, SRID) else 4  # 1e-9 degree ≈ 0.1 mm; 0.1 mm in metres
    return f"ST_AsGeoJSON({geom}, {digits}, 0)"


def feature_sql(collection: Collection, out: Crs) -> str:
    return (f"json_build_object('type', 'Feature', 'id', {collection.key}, "
            f"'geometry', {geometry_sql('p.geom', out)}::json, 'properties', {collection.properties})::text")


def bbox_sql(query: ItemsQuery, params: dict) -> str:
    if query.bbox is None:
        return "TRUE"
    params.update(zip(("x0", "y0", "x1", "y1"), query.bbox, strict=True))
    if query.bbox_crs.srid in SAME_AS_STORAGE:
        envelope = f"ST_MakeEnvelope(:x0, :y0, :x1, :y1, {SRID})"
    else:  # densified so a projected box stays a box once it is curved into degrees
        envelope = (f"ST_Transform(ST_Segmentize(ST_MakeEnvelope(:x0, :y0, :x1, :y1, {int(query.bbox_crs.srid)}), "
                    f"(:x1 - :x0) / 16.0), {SRID})")
    return f"(p.geom && {envelope} AND ST_Intersects(p.geom, {envelope}))"


def items_sql(collection: Collection, actor: Actor, query: ItemsQuery) -> tuple[str, dict]:
    """SELECT key, feature text … for one page plus one row (whether a next page exists)."""
    params: dict = {"limit": query.limit + 1}
    where = [collection.where, collection.scope_sql(actor, query.collective_code, params), bbox_sql(query, params)]
    if query.after is not None:
        params["after"] = query.after
        where.append(f"{collection.key} > :after")
    sql = (f"SELECT {collection.key} AS key, {feature_sql(collection, query.crs)} AS feature "
           f"FROM {collection.table} p WHERE {' AND '.join(where)} ORDER BY {collection.key} LIMIT :limit")
    return sql, params


class Page:
    """The rows of one page, read lazily in batches from a server-side cursor on a connection of its own (the
    request's session is gone once the view has returned and the body streams); after iteration `last_key`
    and `has_next` are known."""

    def __init__(self, sql: str, params: dict, limit: int):
        self._conn = db.engine.connect()
        try:
            self._result = self._conn.execute(text(sql).execution_options(stream_results=True,
                                                                          yield_per=FETCH_BATCH), params)
        except Exception:
            self._conn.close()
            raise
        self.limit = limit
        self.returned = 0
        self.last_key = None
        self.has_next = False

    def __iter__(self) -> Iterator[str]:
        """Comma-joined batches of feature texts (one chunk per fetch, not one per row)."""
        try:
            for rows in self._result.partitions():
                if self.returned + len(rows) > self.limit:
                    self.has_next = True
                    rows = rows[:self.limit - self.returned]
                if not rows:
                    break
                chunk = ",".join(r[1] for r in rows)
                yield chunk if self.returned == 0 else "," + chunk
                self.returned += len(rows)
                self.last_key = rows[-1][0]
                if self.has_next:
                    break
        finally:
            self.close()

    def close(self) -> None:
        """Idempotent; also called when the response closes unread (a generator never started has no finally)."""
        if not self._conn.closed:
            self._result.close()
            self._conn.close()


def one_feature(collection: Collection, actor: Actor, key, out: Crs) -> str | None:
    params: dict = {"key": key}
    scope = collection.scope_sql(actor, None, params)
    sql = (f"SELECT {feature_sql(collection, out)} FROM {collection.table} p "
           f"WHERE {collection.key} = :key AND {collection.where} AND {scope}")
    return db.session.execute(text(sql), params).scalar()


def feature_exists(collection: Collection, key) -> bool:
    sql = f"SELECT EXISTS (SELECT 1 FROM {collection.table} p WHERE {collection.key} = :key AND {collection.where})"
    return bool(db.session.execute(text(sql), {"key": key}).scalar())


def estimated_extent(collection: Collection) -> list[float] | None:
    """The planner's estimate of the table's extent (cheap at a million rows); None before the first ANALYZE."""
    box = db.session.execute(text("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) "
                                  "FROM ST_EstimatedExtent(:t, 'geom') e"), {"t": collection.table}).first()
    return [float(v) for v in box] if box and box[0] is not None else None
