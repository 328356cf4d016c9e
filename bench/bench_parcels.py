"""Parcel benchmark (issue 4): at 100,000 existing parcels, in one run against baselines of the same run:

1. single registration through the service (GeoJSON → PAR-01 → lock → PAR-02 → insert → 四至 → audit →
commit)
   vs. a bare indexed ST_Intersects query on the same table; target median ≤ 3 ms and ≤ 10x the bare query
   (issue 18);
2. bulk registration of 100,000 new parcels with all checks vs. a bare psycopg COPY of the same rows into
   `parcels` with no checks; target throughput ≥ 1/4 of the COPY's.

Wall-clock figures depend on what else the machine runs; the CPU figures (this process plus its PostgreSQL
backend, read from /proc) do not, so both are printed, with the load average.

Run: .venv/bin/python bench/bench_parcels.py [--existing 100000] [--bulk 100000] [--single 300]
"""

from __future__ import annotations

import argparse
import os
import random
import time

import shapely
from shapely.geometry import Polygon, box, mapping
from sqlalchemy import text

from _common import summary, throwaway_app, timed
from roundtrips import statements_of

ORIGIN = (113.90, 34.70)
CELL = 0.0003  # about 27 m x 33 m: a typical contracted field
COLLECTIVES = [f"4101221000{v:02d}00" for v in range(1, 21)]  # hold the existing parcels (≤ 1,999,980)
BULK_COLLECTIVES = [
    "41012210002100",
    "41012210002200",
]  # receive the bulk batch (5-digit sequences: 99,999 max)


def _vertex(r: int, c: int) -> tuple[float, float]:
    """Grid vertex jittered by up to ±15 % of a cell, the same for every parcel that shares it: fields are
    irregular quadrilaterals whose bounding boxes overlap their neighbours', as in survey data."""
    h = (r * 73856093) ^ (c * 19349663)
    jx, jy = ((h % 1000) / 1000 - 0.5) * 0.3, (((h // 1000) % 1000) / 1000 - 0.5) * 0.3
    return ORIGIN[0] + (c + jx) * CELL, ORIGIN[1] + (r + jy) * CELL


class CpuClock:
    """CPU seconds of this process and of the session's PostgreSQL backend together."""

    def __init__(self, session):
        self.pid = session.execute(text("SELECT pg_backend_pid()")).scalar_one()

    def __call__(self) -> float:
        with open(f"/proc/{self.pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return time.process_time() + (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_ms_per_call(clock: CpuClock, fn, repeat: int) -> float:
    c0 = clock()
    for _ in range(repeat):
        fn()
    return (clock() - c0) * 1000 / repeat


def grid(n: int, row0: int, cols: int = 400):
    """n fields row by row from grid row `row0`: each shares its edges with up to four neighbours (dense 四至
    )."""
    for k in range(n):
        r, c = divmod(k, cols)
        r += row0
        yield Polygon(
            [_vertex(r, c), _vertex(r, c + 1), _vertex(r + 1, c + 1), _vertex(r + 1, c), _vertex(r, c)]
        )


def seed(app, n: int) -> None:
    """n existing parcels loaded directly (setup, not measured), with areas and codes as the service makes."""
    from registry.auth.actor import SYSTEM
    from registry.collectives.services import create_collective
    from registry.db import db

    with app.app_context():
        s = db.session
        create_collective(s, SYSTEM, "41012210000000", "城关镇", "township")
        for code in COLLECTIVES + BULK_COLLECTIVES:
            create_collective(s, SYSTEM, code, f"村{code[9:12]}", "village")
        raw = s.connection().connection.driver_connection
        per = {}
        with (
            raw.cursor() as cur,
            cur.copy(
                "COPY parcels (code, collective_code, kind, category, land_class, "
                "basic_farmland, geom, area_m2, status) FROM STDIN"
            ) as cp,
        ):
            for k, poly in enumerate(grid(n, 0)):
                coll = COLLECTIVES[k * len(COLLECTIVES) // n]
                per[coll] = per.get(coll, 0) + 1
                cp.write_row(
                    (
                        f"{coll}{per[coll]:05d}",
                        coll,
                        "contract",
                        "10",
                        "0103",
                        False,
                        f"SRID=4490;{shapely.to_wkb(shapely.MultiPolygon([poly]), hex=True)}",
                        "900.00",
                        "current",
                    )
                )
        for coll, count in per.items():
            s.execute(text("INSERT INTO code_sequences VALUES (:c, 'parcel', :n)"), {"c": coll, "n": count})
        s.commit()
        s.execute(text("ANALYZE parcels"))
        s.commit()


def bench_single(app, n_existing: int, repeat: int) -> tuple[dict, dict]:
    from registry.auth.actor import SYSTEM
    from registry.db import db
    from registry.parcels.geometry import to_cgcs2000
    from registry.parcels.services import register_parcel

    rows = -(-n_existing // 400)
    # new parcels along the north edge of the grid: each touches existing ones, as infill in a village does
    slots = list(grid(2 * repeat + 2, rows))
    probes = [box(*p.bounds) for p in random.Random(1).sample(list(grid(min(n_existing, 20000), 0)), 200)]
    with app.app_context():
        s = db.session
        stmt = text(
            "SELECT code FROM parcels WHERE status = 'current' "
            "AND ST_Intersects(geom, ST_GeomFromWKB(:wkb, 4490))"
        )
        wkbs = [shapely.to_wkb(p) for p in probes]
        for w in wkbs[:20]:
            s.execute(stmt, {"wkb": w}).all()
        clock = CpuClock(s)
        it = iter(wkbs * 20)
        bare = summary(
            "bare indexed ST_Intersects query", timed(lambda: s.execute(stmt, {"wkb": next(it)}).all(), 1000)
        )
        bare["cpu_ms"] = cpu_ms_per_call(clock, lambda: s.execute(stmt, {"wkb": next(it)}).all(), 1000)
        s.rollback()
        features = iter([mapping(p) for p in slots])

        def one():
            geom = to_cgcs2000(next(features), "EPSG:4490")
            register_parcel(s, SYSTEM, geom, collective_code=COLLECTIVES[0], land_class="0103")
            s.commit()

        one()  # warm-up
        statements_of(db.engine, one, "register_parcel")
        single = summary(
            "register_parcel (validate+lock+PAR-02+insert+四至+audit+commit)", timed(one, repeat)
        )
        single["cpu_ms"] = cpu_ms_per_call(clock, one, repeat)
        print(
            f"CPU per call (client + backend): bare {bare['cpu_ms']:.3f} ms, register {single['cpu_ms']:.3f} "
            f"ms"
        )
    return bare, single


def bench_bulk(app, n_existing: int, n_new: int) -> tuple[float, float]:
    from registry.auth.actor import SYSTEM
    from registry.db import db
    from registry.parcels.bulk import register_parcels_bulk

    polys = list(grid(n_new, n_existing // 400 + 10))
    colls = [BULK_COLLECTIVES[k * 2 // n_new] for k in range(n_new)]
    features = [
        {
            "type": "Feature",
            "geometry": mapping(p),
            "properties": {"collective_code": c, "category": "10", "land_class": "0103"},
        }
        for p, c in zip(polys, colls, strict=True)
    ]
    with app.app_context():
        s = db.session
        # baseline: the same rows, already encoded, COPYed into parcels with no checks at all; rolled back
        wkbs = shapely.to_wkb([shapely.MultiPolygon([p]) for p in polys], hex=True)
        rows = [
            (
                f"{c}{k % (n_new // 2) + 1:05d}",
                c,
                "contract",
                "10",
                "0103",
                False,
                f"SRID=4490;{w}",
                "900.00",
                "current",
            )
            for k, (c, w) in enumerate(zip(colls, wkbs, strict=True))
        ]
        raw = s.connection().connection.driver_connection
        clock = CpuClock(s)
        t0, c0 = time.perf_counter(), clock()
        with (
            raw.cursor() as cur,
            cur.copy(
                "COPY parcels (code, collective_code, kind, category, land_class, "
                "basic_farmland, geom, area_m2, status) FROM STDIN"
            ) as cp,
        ):
            for row in rows:
                cp.write_row(row)
        copy_s, copy_cpu = time.perf_counter() - t0, clock() - c0
        s.rollback()
        print(
            f"{'bare psycopg COPY of ' + str(n_new) + ' rows':<48} {copy_s:.2f} s  {n_new / copy_s:,.0f} "
            f"rows/s"
        )

        t0, c0 = time.perf_counter(), clock()
        result = register_parcels_bulk(s, SYSTEM, features)
        s.commit()
        bulk_s, bulk_cpu = time.perf_counter() - t0, clock() - c0
        assert len(result.codes) == n_new
        print(
            f"{'register_parcels_bulk (all checks, commit)':<48} {bulk_s:.2f} s  {n_new / bulk_s:,.0f} rows/s"
        )
        print(f"CPU (client + backend): COPY {copy_cpu:.2f} s, bulk {bulk_cpu:.2f} s")
    return copy_s / bulk_s, copy_cpu / bulk_cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--existing", type=int, default=100_000)
    ap.add_argument("--bulk", type=int, default=100_000)
    ap.add_argument("--single", type=int, default=300)
    args = ap.parse_args()
    with throwaway_app() as (app, _url):
        t0 = time.perf_counter()
        seed(app, args.existing)
        print(f"seeded {args.existing:,} existing parcels in {time.perf_counter() - t0:.1f} s")
        bare, single = bench_single(app, args.existing, args.single)
        ratio = single["median_ms"] / bare["median_ms"]
        print(
            f"single: median {single['median_ms']:.2f} ms (target ≤ 3), {ratio:.1f}x the bare query "
            f"(target ≤ 10) → {'MET' if single['median_ms'] <= 3 and ratio <= 10 else 'NOT MET'}; "
            f"by CPU {single['cpu_ms'] / bare['cpu_ms']:.1f}x"
        )
        share, cpu_share = bench_bulk(app, args.existing, args.bulk)
        print(
            f"bulk: throughput {share:.2f} of the bare COPY's (target ≥ 0.25) → "
            f"{'MET' if share >= 0.25 else 'NOT MET'}; by CPU {cpu_share:.2f}"
        )
        print(
            f"load average during the run: {' '.join(f'{v:.1f}' for v in os.getloadavg())} "
            f"on {os.cpu_count()} CPUs"
        )


if __name__ == "__main__":
    main()
