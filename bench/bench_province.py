"""Province scale (issue 18, run by hand): 10 counties of parcels, one table against the parcels table
partitioned by county (RANGE on the code, whose first 6 digits are the county: the primary key stays the
code).

Figures, each median over repeated calls, for both layouts in the same run:
  - the PAR-02 overlap check of one new parcel (indexed ST_Intersects; the partitioned form names the county
    range, so the planner prunes to one partition);
  - a bbox page (1,000 parcels by code, as GeoJSON);
  - a county statistic (parcels and area of one county).
Shapes are plain grid squares (the layout, not the geometry, is measured). Targets: the partitioned table
costs
no more than TARGETS[name] times the one table (the baseline of the same run, over the same probes).

Run: .venv/bin/python bench/bench_province.py [--per-county 500000] [--repeat 200]
(5,000,000 parcels by default; prove it works with --per-county 2000 --repeat 50)
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time

import psycopg

from _common import throwaway_app

COUNTIES = [f"4101{k:02d}" for k in range(81, 91)]
CELL = 0.0003
# partitioned / one table: the per-county indexes are smaller, so pruning to one partition must not cost more;
# a county statistic reads one partition instead of an index range of the whole table
TARGETS = {"overlap check": 1.25, "bbox page": 1.25, "county statistic": 1.0}
COLUMNS = (
    "code varchar(19) NOT NULL, county varchar(6) NOT NULL, area_m2 numeric(14,2) NOT NULL, "
    "status varchar(8) NOT NULL, geom geometry(MultiPolygon, 4490) NOT NULL"
)


def _fill(conn, table: str, per_county: int, side: int) -> None:
    for k, county in enumerate(COUNTIES):
        conn.execute(
            f"""
            INSERT INTO {table} (code, county, area_m2, status, geom)
            SELECT %(c)s || lpad((i / 99999 + 101)::text, 3, '0') || '20101' || lpad((i %% 99999 + 1)::text,
                5, '0'),
                   %(c)s, 900, 'current',
                   ST_Multi(ST_MakeEnvelope(x, y, x + {CELL}, y + {CELL}, 4490))
            FROM (SELECT i, 113.0 + %(k)s * {side * CELL} + (i %% {side}) * {CELL} AS x,
                         34.0 + (i / {side}) * {CELL} AS y FROM generate_series(0, %(n)s - 1) i) g""",
            {"c": county, "k": k, "n": per_county},
        )


def build(conn, per_county: int) -> int:
    side = int(per_county**0.5) + 1
    conn.execute(f"CREATE TABLE flat ({COLUMNS}, PRIMARY KEY (code))")
    conn.execute(f"CREATE TABLE part ({COLUMNS}, PRIMARY KEY (code)) PARTITION BY RANGE (code)")
    for county in COUNTIES:
        upper = str(int(county) + 1)
        conn.execute(
            f"CREATE TABLE part_{county} PARTITION OF part FOR VALUES FROM ('{county}') TO ('{upper}')"
        )
    for table in ("flat", "part"):
        _fill(conn, table, per_county, side)
        conn.execute(f"CREATE INDEX ON {table} USING gist (geom) WHERE status = 'current'")
        conn.execute(f"CREATE INDEX ON {table} (county)")
        conn.execute(f"ANALYZE {table}")
    conn.commit()
    return side


def median_ms(conn, sql: str, params_fn, repeat: int) -> float:
    out = []
    for i in range(repeat):
        t0 = time.perf_counter()
        conn.execute(sql, params_fn(i)).fetchall()
        out.append((time.perf_counter() - t0) * 1000)
    return statistics.median(out)


def partitions_read(conn, sql: str, params: dict) -> tuple[int, int]:
    """(partitions the statement read, partitions in its plan) by EXPLAIN ANALYZE: pruning at planning time
    leaves the others out of the plan, pruning at execution time marks them never executed."""
    plan = conn.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params).fetchone()[0][0]["Plan"]
    read, planned = set(), set()

    def walk(node):
        name = node.get("Relation Name") or ""
        if name.startswith("part_"):
            planned.add(name)
            if node.get("Actual Loops", 0) > 0:
                read.add(name)
        for child in node.get("Plans", ()):
            walk(child)

    walk(plan)
    return len(read), len(planned)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-county", type=int, default=500_000)
    ap.add_argument("--repeat", type=int, default=200)
    args = ap.parse_args()
    with throwaway_app() as (_app, url):
        with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
            t0 = time.perf_counter()
            side = build(conn, args.per_county)
            print(
                f"built 2 x {len(COUNTIES)} counties x {args.per_county:,} parcels "
                f"in {time.perf_counter() - t0:.0f} s"
            )
            rnd = random.Random(3)
            rows = args.per_county // side

            def probe():
                k = rnd.randrange(len(COUNTIES))
                x = 113.0 + k * side * CELL + rnd.randrange(side) * CELL + CELL / 2
                y = 34.0 + rnd.randrange(max(rows, 1)) * CELL + CELL / 2
                return {"x": x, "y": y, "c": COUNTIES[k], "u": str(int(COUNTIES[k]) + 1)}

            probes = [probe() for _ in range(args.repeat)]  # the same probes for both layouts
            overlap = (
                "SELECT code FROM {t} WHERE status = 'current' AND ST_Intersects(geom, "
                "ST_Buffer(ST_SetSRID(ST_MakePoint(%(x)s, %(y)s), 4490), 0.0001)){pruned}"
            )
            page = (
                "SELECT code, ST_AsGeoJSON(geom) FROM {t} WHERE status = 'current' AND ST_Intersects(geom, "
                "ST_MakeEnvelope(%(x)s, %(y)s, %(x)s + 0.01, %(y)s + 0.01, 4490)){pruned} ORDER BY code "
                "LIMIT 1000"
            )
            pruned = " AND code >= %(c)s AND code < %(u)s"
            # the partitioned form names the county by its code range alone: one partition, read whole
            stat = "SELECT count(*), sum(area_m2) FROM {t} WHERE {where}"
            queries = {
                name: (sql.format(t="flat", pruned=""), sql.format(t="part", pruned=pruned))
                for name, sql in (("overlap check", overlap), ("bbox page", page))
            }
            queries["county statistic"] = (
                stat.format(t="flat", where="county = %(c)s"),
                stat.format(t="part", where=pruned.removeprefix(" AND ")),
            )
            for name, (flat_sql, part_sql) in queries.items():
                for sql in (flat_sql, part_sql):  # warm both caches first
                    median_ms(conn, sql, probes.__getitem__, min(20, args.repeat))
                flat = median_ms(conn, flat_sql, probes.__getitem__, args.repeat)
                part = median_ms(conn, part_sql, probes.__getitem__, args.repeat)
                reads = [partitions_read(conn, part_sql, p) for p in probes[:20]]
                print(
                    f"{name:<17} partitions read per probe (EXPLAIN ANALYZE, 20 probes): "
                    f"{max(r for r, _ in reads)} at most, of {max(n for _, n in reads)} planned at most, "
                    f"of {len(COUNTIES)}"
                )
                ratio, target = part / flat, TARGETS[name]
                print(
                    f"{name:<17} target partitioned <= {target:.2f}x one table; measured partitioned "
                    f"{part:.3f} ms, baseline one table {flat:.3f} ms = {ratio:.2f}x -> "
                    f"{'MET' if ratio <= target else 'MISSED'}"
                )
            print(
                f"load average during the run: {' '.join(f'{v:.1f}' for v in os.getloadavg())} "
                f"on {os.cpu_count()} CPUs"
            )


if __name__ == "__main__":
    main()
