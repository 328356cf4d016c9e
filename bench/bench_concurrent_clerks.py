"""Concurrent writers (issue 18): 1, 2, 4 and 8 clerks of different collectives register parcels at once.

Each clerk is its own process with its own connection, drawing in its own part of the county (so the PAR-02
cell locks never meet): what is left to serialize them is what every write shares, e.g. the audit chain.
Throughput (registrations per second, all clerks together) is printed per level, and the target line:
4 clerks ≥ 1.5x the throughput of one.

Run: .venv/bin/python bench/bench_concurrent_clerks.py [--existing 50000] [--seconds 10] [--levels 1,2,4,8]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import time

from shapely.geometry import mapping

from _common import throwaway_app
from bench_parcels import COLLECTIVES, grid, seed


def _clerk(url: str, k: int, row0: int, start, stop_at, out) -> None:
    from registry import create_app
    from registry.auth.actor import Actor
    from registry.db import db
    from registry.parcels.geometry import to_cgcs2000
    from registry.parcels.services import register_parcel

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    actor = Actor(f"clerk{k}", "clerk", COLLECTIVES[k])
    features = iter([mapping(p) for p in grid(20_000, row0, cols=200)])
    with app.app_context():
        s = db.session
        s.execute(db.text("SELECT 1"))
        s.rollback()
        start.wait()
        done = 0
        while time.time() < stop_at.value:
            register_parcel(
                s,
                actor,
                to_cgcs2000(next(features), "EPSG:4490"),
                collective_code=COLLECTIVES[k],
                land_class="0103",
            )
            s.commit()
            done += 1
    out.put(done)


def run_level(url: str, clerks: int, seconds: float, base_row: int, level_no: int) -> float:
    ctx = mp.get_context("spawn")
    start, out = ctx.Barrier(clerks + 1), ctx.Queue()
    stop_at = ctx.Value("d", 0.0)
    # every level and clerk draws in fresh rows: clerk k of level l starts at its own block of the grid
    procs = [
        ctx.Process(target=_clerk, args=(url, k, base_row + (level_no * 8 + k) * 150, start, stop_at, out))
        for k in range(clerks)
    ]
    for p in procs:
        p.start()
    stop_at.value = time.time() + 3600
    start.wait()
    t0 = time.time()
    stop_at.value = t0 + seconds
    total = sum(out.get() for _ in procs)
    elapsed = time.time() - t0
    for p in procs:
        p.join()
    rate = total / elapsed
    print(f"{clerks} clerk(s): {total} registrations in {elapsed:.1f} s → {rate:,.0f}/s")
    return rate


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--existing", type=int, default=50_000)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--levels", default="1,2,4,8")
    args = ap.parse_args()
    levels = [int(x) for x in args.levels.split(",")]
    with throwaway_app() as (app, url):
        seed(app, args.existing)
        base_row = args.existing // 400 + 10
        rates = {n: run_level(url, n, args.seconds, base_row, i) for i, n in enumerate(levels)}
    if 1 in rates and 4 in rates:
        ratio = rates[4] / rates[1]
        print(
            f"4 clerks: {ratio:.2f}x the throughput of one (target ≥ 1.5) → "
            f"{'MET' if ratio >= 1.5 else 'NOT MET'}"
        )
    print(f"load average: {' '.join(f'{v:.1f}' for v in os.getloadavg())} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
