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

FETCH_BATCH = 250  # features per chunk of the response body
# numberMatched (optional in Part 1) where it is cheap: a result that fits in its first page, or a first page
# whose matches a capped count finds to be at most this many (bounded work: one more index scan, once).
MATCH_COUNT_CAP = 10_000
# PostGIS declares its functions costly, so a z14 tile plans into a parallel plan whose workers start for
# longer than the query takes (JIT, the other cost of those estimates, is off database-wide: migration 0020).
# Per transaction.
PLAN_SETTINGS = "SET LOCAL max_parallel_workers_per_gather = 0"
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
    """One Feature as JSON text, concatenated (the GeoJSON geometry is not parsed again by a ::json cast)."""
    feature_id = f"'\"' || {collection.key} || '\"'" if collection.key_is_code else f"{collection.key}::text"
    return (
        f"""'{{"type":"Feature","id":' || {feature_id} || ',"geometry":' || {geometry_sql("p.geom", out)} """
        f"""|| ',"properties":' || {collection.properties} || '}}'"""
    )


def bbox_sql(query: ItemsQuery, params: dict) -> str:
    if query.bbox is None:
        return "TRUE"
    params.update(zip(("x0", "y0", "x1", "y1"), query.bbox, strict=True))
    if query.bbox_crs.srid in SAME_AS_STORAGE:
        envelope = f"ST_MakeEnvelope(:x0, :y0, :x1, :y1, {SRID})"
    else:  # densified so a projected box stays a box once it is curved into degrees
        envelope = (
            f"ST_Transform(ST_Segmentize(ST_MakeEnvelope(:x0, :y0, :x1, :y1, {int(query.bbox_crs.srid)}), "
            f"(:x1 - :x0) / 16.0), {SRID})"
        )
    return f"(p.geom && {envelope} AND ST_Intersects(p.geom, {envelope}))"


def items_sql(collection: Collection, actor: Actor, query: ItemsQuery) -> tuple[str, dict]:
    """SELECT key, feature text, matched … for one page plus one row (whether a next page exists). On the
        first
    page `matched` counts the matches up to MATCH_COUNT_CAP + 1 (one index scan more, run once: an
        InitPlan)."""
    params: dict = {"limit": query.limit + 1}
    where = [
        collection.where,
        collection.scope_sql(actor, query.collective_code, params),
        bbox_sql(query, params),
    ]
    matched = "NULL::bigint"
    if query.after is None:
        matched = (
            f"(SELECT count(*) FROM (SELECT FROM {collection.table} p WHERE {' AND '.join(where)} "
            f"LIMIT {MATCH_COUNT_CAP + 1}) m)"
        )
    else:
        params["after"] = query.after
        where.append(f"{collection.key} > :after")
    sql = (
        f"SELECT {collection.key} AS key, {feature_sql(collection, query.crs)} AS feature, {matched} AS "
        f"matched "
        f"FROM {collection.table} p WHERE {' AND '.join(where)} ORDER BY {collection.key} LIMIT :limit"
    )
    return sql, params


class Page:
    """The rows of one page, streamed from PostgreSQL in libpq's single-row mode (psycopg's `stream`): one
    query,
    one round trip, and the server builds the remaining features' text while the first ones are written out.
    On
    a connection of its own, since the body streams after the view has returned; after iteration `last_key`
    and `has_next` are known. The query is sent when the body starts: psycopg holds the connection's lock
    while
    a stream is open, so a stream opened in the view and never read (a response dropped unread) would deadlock
    the pool's reset of that connection."""

    def __init__(self, sql: str, params: dict, limit: int, first_page: bool):
        compiled = text(sql).compile(dialect=db.engine.dialect)
        self._sql, self._params = compiled.string, compiled.construct_params(params)
        self._conn = db.engine.connect()
        self._rows = None
        self.limit = limit
        self.returned = 0
        self.last_key = None
        self.has_next = False
        self._matched = None
        self._first_page = first_page

    @property
    def matched(self) -> int | None:
        """numberMatched once the page is read, when it is known: None where counting would cost a scan."""
        if self._first_page and not self.has_next:
            return self.returned
        return self._matched if self._matched is not None and self._matched <= MATCH_COUNT_CAP else None

    def __iter__(self) -> Iterator[str]:
        """Comma-joined batches of feature texts (one chunk per FETCH_BATCH rows, not one per row)."""
        try:
            self._rows = self._conn.connection.driver_connection.cursor().stream(self._sql, self._params)
            batch: list[str] = []
            for key, feature, matched in self._rows:
                self._matched = matched
                if self.returned == self.limit:  # the one row past the page: there is a next page
                    self.has_next = True
                    continue  # the query's LIMIT leaves nothing more: end the stream cleanly, not by a cancel
                batch.append(feature)
                self.returned += 1
                self.last_key = key
                if len(batch) == FETCH_BATCH:
                    yield ("," if self.returned > FETCH_BATCH else "") + ",".join(batch)
                    batch = []
            if batch:
                yield ("," if self.returned > len(batch) else "") + ",".join(batch)
        finally:
            self.close()

    def close(self) -> None:
        """Idempotent; also called when the response closes unread (a generator never started has no finally).
        A stream left unfinished is cancelled and drained by psycopg before the connection goes back."""
        if not self._conn.closed:
            if self._rows is not None:
                self._rows.close()
            self._conn.close()


def one_feature(collection: Collection, actor: Actor, key, out: Crs) -> str | None:
    params: dict = {"key": key}
    scope = collection.scope_sql(actor, None, params)
    sql = (
        f"SELECT {feature_sql(collection, out)} FROM {collection.table} p "
        f"WHERE {collection.key} = :key AND {collection.where} AND {scope}"
    )
    return db.session.execute(text(sql), params).scalar()


def feature_exists(collection: Collection, key) -> bool:
    sql = (
        f"SELECT EXISTS (SELECT 1 FROM {collection.table} p WHERE {collection.key} = :key AND "
        f"{collection.where})"
    )
    return bool(db.session.execute(text(sql), {"key": key}).scalar())


def estimated_extent(collection: Collection) -> list[float] | None:
    """The planner's estimate of the table's extent (cheap at a million rows); None before the first
    ANALYZE."""
    box = db.session.execute(
        text("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM ST_EstimatedExtent(:t, 'geom') e"),
        {"t": collection.table},
    ).first()
    return [float(v) for v in box] if box and box[0] is not None else None
