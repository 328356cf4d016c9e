"""OGC API – Features and vector-tile benchmark (issue 17), at N parcels generated set-based in SQL (a grid of
slightly irregular quadrilaterals, 5,000 per village, one county):

1. a page of 1,000 items in a bbox through the whole HTTP stack (auth, parameters, SQL-built GeoJSON, streaming)
   vs. the bare SQL selecting the same rows as GeoJSON text in the same run: target median ≤ 50 ms and ≤ 5x;
2. a z16 tile (target median ≤ 10 ms) and a z14 tile (≤ 50 ms) through the HTTP stack.

Run: .venv/bin/python bench/bench_ogc.py [--n 1000000] [--repeat 50]   (the lead runs 1,000,000 on an idle machine)
"""
from __future__ import annotations

import argparse
import math
import os
import random
import time

from sqlalchemy import text

from _common import summary, throwaway_app, timed

ORIGIN = (113.60, 34.50)
CELL = 0.0003  # about 27 m x 33 m
COLS = 1000
PER_VILLAGE = 5000
COUNTY = "410122"

# Vertex (r, c) jittered by up to ±15 % of a cell, shared by the four fields around it (no overlaps, no gaps).
_VX = f"({ORIGIN[0]} + (({{c}}) + ((abs(hashint8(({{r}})::bigint * 1000003 + ({{c}}))) % 1000) / 1000.0 - 0.5) * 0.3) * {CELL})"
_VY = f"({ORIGIN[1]} + (({{r}}) + ((abs(hashint8(({{r}})::bigint * 7919 + ({{c}}) * 104729)) % 1000) / 1000.0 - 0.5) * 0.3) * {CELL})"


def _pt(r: str, c: str) -> str:
    return f"{_VX.format(r=r, c=c)} || ' ' || {_VY.format(r=r, c=c)}"


GENERATE = f"""
INSERT INTO parcels (code, collective_code, kind, category, land_class, basic_farmland, name, geom, area_m2, status)
SELECT v.collective || lpad(((i % {PER_VILLAGE}) + 1)::text, 5, '0'), v.collective, 'contract', '10', '0103',
       false, '地' || i, g.geom, round(ST_Area(geography(g.geom))::numeric, 2), 'current'
FROM generate_series(0, :n - 1) AS i,
LATERAL (SELECT i / {COLS} AS r, i % {COLS} AS c) rc,
LATERAL (SELECT '{COUNTY}100' || lpad((i / {PER_VILLAGE} + 1)::text, 3, '0') || '00' AS collective) v,
LATERAL (SELECT ST_Multi(ST_GeomFromText('POLYGON((' || {_pt('rc.r', 'rc.c')} || ',' || {_pt('rc.r', 'rc.c + 1')}
        || ',' || {_pt('rc.r + 1', 'rc.c + 1')} || ',' || {_pt('rc.r + 1', 'rc.c')} || ',' || {_pt('rc.r', 'rc.c')}
        || '))', 4490)) AS geom) g
"""

BARE = text("""SELECT p.code, ST_AsGeoJSON(p.geom, 9, 0) FROM parcels p
WHERE p.status = 'current' AND p.kind = 'contract'
  AND p.geom && ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4490) AND ST_Intersects(p.geom, ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4490))
ORDER BY p.code LIMIT 1000""")


def build(session, n: int) -> None:
    villages = math.ceil(n / PER_VILLAGE)
    session.execute(text("INSERT INTO collectives (code, name, level, county_code) VALUES "
                         "(:t, '镇', 'township', :county)"), {"t": f"{COUNTY}10000000", "county": COUNTY})
    session.execute(text("INSERT INTO collectives (code, name, level, county_code) "
                         "SELECT :p || lpad(v::text, 3, '0') || '00', '村' || v, 'village', :county "
                         "FROM generate_series(1, :v) v"), {"p": f"{COUNTY}100", "county": COUNTY, "v": villages})
    t0 = time.perf_counter()
    session.execute(text("SET LOCAL jit = off"))
    session.execute(text(GENERATE), {"n": n})
    session.commit()
    session.execute(text("ANALYZE parcels"))
    session.commit()
    print(f"generated {n:,} parcels in {villages} villages in {time.perf_counter() - t0:.1f} s")


def random_bbox(n: int, cells: int = 34) -> tuple[float, float, float, float]:
    """A bbox of cells x cells fields (≥ 1,000 parcels) somewhere inside the grid."""
    rows = n // COLS
    r, c = random.randrange(0, max(1, rows - cells)), random.randrange(0, COLS - cells)
    x0, y0 = ORIGIN[0] + (c + 0.5) * CELL, ORIGIN[1] + (r + 0.5) * CELL
    return x0, y0, x0 + cells * CELL, y0 + cells * CELL


def tile_at(lon: float, lat: float, z: int) -> tuple[int, int]:
    k = 2 ** z
    return int((lon + 180) / 360 * k), int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * k)


def random_tile(n: int, z: int) -> str:
    rows = n // COLS
    lon = ORIGIN[0] + random.uniform(0.1, 0.9) * COLS * CELL
    lat = ORIGIN[1] + random.uniform(0.1, 0.9) * max(rows, 1) * CELL
    x, y = tile_at(lon, lat, z)
    return f"/tiles/parcels/{z}/{x}/{y}.mvt"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=50)
    args = ap.parse_args()
    random.seed(17)
    with throwaway_app() as (app, _url):
        from datetime import timedelta

        from registry.auth.services import create_user, issue_token
        from registry.db import db
        with app.app_context():
            build(db.session, args.n)
            user = create_user(db.session, "bench-reviewer", "bench-pass", "reviewer", COUNTY)
            token, _ = issue_token(db.session, user, timedelta(hours=2))
            db.session.commit()
            bboxes = [random_bbox(args.n) for _ in range(args.repeat)]
            counts = [db.session.execute(text("SELECT count(*) FROM (" + BARE.text + ") q"),
                                         dict(zip(("x0", "y0", "x1", "y1"), b, strict=True))).scalar() for b in bboxes]
            print(f"rows per bbox page: min {min(counts)}, median {sorted(counts)[len(counts) // 2]}")
            raw = db.engine.raw_connection()

        client = app.test_client()
        headers = {"Authorization": f"Bearer {token}"}
        it = iter(bboxes * 3)

        def page():
            b = next(it)
            r = client.get("/ogc/collections/parcels/items", headers=headers,
                           query_string={"bbox": ",".join(map(str, b)), "limit": 1000})
            assert r.status_code == 200 and len(r.data) > 1000, r.status_code

        def bare():
            b = next(it)
            with raw.cursor() as cur:
                cur.execute(BARE.text.replace(":x0", "%(x0)s").replace(":y0", "%(y0)s").replace(":x1", "%(x1)s")
                            .replace(":y1", "%(y1)s"), dict(zip(("x0", "y0", "x1", "y1"), b, strict=True)))
                cur.fetchall()

        with app.test_request_context():
            from registry.auth.actor import Actor
            from registry.ogc import crs as crs_mod
            from registry.ogc import features
            from registry.ogc.collections import PARCELS
            from registry.ogc.params import ItemsQuery
            reviewer = Actor("bench-reviewer", "reviewer", COUNTY)

            def items_sql_only():
                q = ItemsQuery(1000, crs_mod.crs84(), next(it), crs_mod.crs84(), None, None, "json")
                sql, params = features.items_sql(PARCELS, reviewer, q)
                sa_conn.execute(text(sql), params).all()

            sa_conn = db.engine.connect()
            it = iter(bboxes * 3)
            items_sql_only()
            fig_sql = summary("the service's items SQL alone (same bboxes)", timed(items_sql_only, args.repeat))
            sa_conn.close()
        page(), bare()  # warm-up
        it = iter(bboxes * 3)
        fig_page = summary("OGC items page (1,000 in bbox, HTTP)", timed(page, args.repeat))
        it = iter(bboxes * 3)
        fig_bare = summary("bare SQL, same rows as GeoJSON text", timed(bare, args.repeat))
        ratio = fig_page["median_ms"] / fig_bare["median_ms"]
        print(f"ratios: page/bare {ratio:.2f}, items SQL/bare {fig_sql['median_ms'] / fig_bare['median_ms']:.2f}")

        tiles = {z: [random_tile(args.n, z) for _ in range(args.repeat)] for z in (16, 14)}
        figs = {}
        for z in (16, 14):
            ti = iter(tiles[z] * 2)

            def tile():
                r = client.get(next(ti), headers=headers)
                assert r.status_code == 200

            tile()
            figs[z] = summary(f"tile z{z} (HTTP)", timed(tile, args.repeat))
        raw.close()
        print()
        print(f"load average: {os.getloadavg()[0]:.2f}")
        checks = [("page median ≤ 50 ms", fig_page["median_ms"] <= 50),
                  (f"page ≤ 5x bare SQL (ratio {ratio:.2f})", ratio <= 5),
                  ("z16 median ≤ 10 ms", figs[16]["median_ms"] <= 10),
                  ("z14 median ≤ 50 ms", figs[14]["median_ms"] <= 50)]
        for name, ok in checks:
            print(f"{'PASS' if ok else 'FAIL'}  {name}")


if __name__ == "__main__":
    main()
