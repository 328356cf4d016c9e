"""HTTP benchmarks through gunicorn (issue 18): N concurrent clients against a generated county, each figure
beside a trivial authenticated endpoint (GET /api/v1/collectives/{code}) measured on the same server, same
run.

  - police confirmations from 8 clients at once (64 stations in turn): throughput ≥ 50 % of the trivial
    endpoint's;
  - one client's confirmations: median ≤ 3x a bare INSERT + COMMIT of the same row over psycopg (the
    server's connection kind), p99 ≤ 20 ms;
  - a bbox page from GET /api/v1/parcels (500 per page, the API's maximum) ≤ 5x the bare SQL that builds the
    GeoJSON of the same rows over psycopg.

Run: .venv/bin/python bench/bench_http.py [--parcels 1000000] [--persons 300000] [--workers 4] [--seconds 10]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg

from _common import throwaway_app
from roundtrips import statements_of

ROOT = Path(__file__).resolve().parent.parent
STATIONS = 8  # concurrent clients
# police stations (users) the clients ask as, in turn: a county's stations each within RS-02's hourly limit
# (120 by default), as in production. Eight stations asking thousands of times an hour (the rate limit lifted
# for the bench) made RS-02's count of the hour's answers grow through the run.
STATION_USERS = 64
PASSWORD = "bench-pass-1"


class Client:
    def __init__(self, port: int, token: str | None = None):
        self.port, self.token, self.conn = port, token, None
        self.tokens: list[str] = []  # a police client asks as these stations in turn

    def call(self, method: str, path: str, body=None) -> tuple[int, bytes]:
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        for attempt in range(2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                self.conn.request(
                    method, path, body=json.dumps(body) if body is not None else None, headers=headers
                )
                r = self.conn.getresponse()
                data = r.read()
                if r.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return r.status, data
            except (http.client.HTTPException, ConnectionError):
                self.conn = None
                if attempt:
                    raise
        raise AssertionError("unreachable")


def load(clients: list[Client], request, seconds: float, name: str) -> dict:
    """Every client calls `request(client, i)` in its own thread for `seconds`; throughput and latencies."""
    lat: list[float] = []
    lock, stop = threading.Lock(), time.time() + seconds
    counter = iter(range(10**9))

    def run(c):
        mine = []
        while time.time() < stop:
            t0 = time.perf_counter()
            request(c, next(counter))
            mine.append((time.perf_counter() - t0) * 1000)
        with lock:
            lat.extend(mine)

    threads = [threading.Thread(target=run, args=(c,)) for c in clients]
    t0 = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.time() - t0
    lat.sort()
    fig = {
        "name": name,
        "rps": len(lat) / elapsed,
        "p50": statistics.median(lat),
        "p99": lat[min(len(lat) - 1, int(len(lat) * 0.99))],
    }
    print(f"{name:<58} {fig['rps']:8.0f} req/s  p50 {fig['p50']:7.2f} ms  p99 {fig['p99']:7.2f} ms")
    return fig


def start_gunicorn(url: str, port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url, "CONFIRMATION_RATE_PER_HOUR": str(10**9)}
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "-w",
            str(workers),
            "-k",
            "gthread",
            "--threads",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            if Client(port).call("GET", "/api/v1/rules")[0] == 200:
                return proc
        except OSError:
            pass
        time.sleep(0.1)
    proc.terminate()
    raise RuntimeError("gunicorn did not start")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--parcels", type=int, default=1_000_000)
    ap.add_argument("--persons", type=int, default=300_000)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--port", type=int, default=18455)
    args = ap.parse_args()
    with throwaway_app() as (app, url):
        from registry.auth.services import create_user
        from registry.countygen import DEFAULT_COUNTY, generate_county
        from registry.db import db

        with app.app_context():
            t0 = time.perf_counter()
            generate_county(db.session, args.parcels, args.persons)
            for s in range(STATION_USERS):
                create_user(db.session, f"station{s}", PASSWORD, "police", DEFAULT_COUNTY)
            create_user(db.session, "reviewer", PASSWORD, "reviewer", DEFAULT_COUNTY)
            db.session.commit()
            print(
                f"generated {args.parcels:,} parcels, {args.persons:,} persons "
                f"in {time.perf_counter() - t0:.0f} s"
            )
        raw = url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(raw) as conn:
            groups = [
                r[0] for r in conn.execute("SELECT code FROM collectives WHERE level = 'group' ORDER BY code")
            ]
            people = conn.execute(
                "SELECT p.id_number, m.collective_code FROM persons p JOIN memberships m "
                "ON m.person_id = p.id ORDER BY p.id LIMIT 20000"
            ).fetchall()
            x0, y0 = conn.execute(
                "SELECT ST_XMin(e), ST_YMin(e) FROM (SELECT ST_Extent(geom) e FROM parcels) q"
            ).fetchone()
        bbox = f"{x0},{y0},{x0 + 0.02},{y0 + 0.02}"
        _count_statements(app, people[0], groups[0], bbox)
        proc = start_gunicorn(url, args.port, args.workers)
        try:

            def token(user):
                status, body = Client(args.port).call(
                    "POST", "/api/v1/auth/token", {"username": user, "password": PASSWORD}
                )
                return json.loads(body)["token"]

            reviewer = token("reviewer")
            stations = [Client(args.port) for _ in range(STATIONS)]
            for c, first in zip(stations, range(STATIONS), strict=True):
                c.tokens = [token(f"station{s}") for s in range(first, STATION_USERS, STATIONS)]
            trivial_clients = [Client(args.port, reviewer) for _ in range(STATIONS)]

            def trivial(c, i):
                assert c.call("GET", f"/api/v1/collectives/{groups[i % len(groups)]}")[0] == 200

            def confirm(c, i):
                number, collective = people[i % len(people)]
                c.token = c.tokens[i % len(c.tokens)]
                assert (
                    c.call(
                        "POST",
                        "/api/v1/settlement-confirmations",
                        {"id_number": number, "collective_code": collective},
                    )[0]
                    == 201
                )

            page_path = f"/api/v1/parcels?bbox={bbox}&per_page=500"

            def page(c, i):
                assert c.call("GET", page_path)[0] == 200

            for c in trivial_clients:
                trivial(c, 0)
            base = load(
                trivial_clients, trivial, args.seconds, f"GET /collectives/{{code}} x{STATIONS} clients"
            )
            conf = load(
                stations, confirm, args.seconds, f"POST /settlement-confirmations, {STATIONS} clients"
            )
            share = conf["rps"] / base["rps"]
            print(
                f"confirmations: {share:.0%} of the trivial endpoint's throughput (target ≥ 50 %) → "
                f"{'MET' if share >= 0.5 else 'NOT MET'}; p50 {conf['p50']:.1f} ms, p99 {conf['p99']:.1f} ms"
            )
            one = load(
                stations[:1], confirm, args.seconds, "POST /settlement-confirmations, 1 client (in turn)"
            )
            bare_insert = _bare_insert(raw, people, args.seconds)
            ratio = one["p50"] / bare_insert
            met = ratio <= 3 and one["p99"] <= 20
            print(
                f"confirmation: median {ratio:.1f}x a bare INSERT + COMMIT (target ≤ 3), "
                f"p99 {one['p99']:.1f} ms (target ≤ 20) → {'MET' if met else 'NOT MET'}"
            )
            api_page = load(
                [Client(args.port, reviewer)], page, args.seconds, "GET /parcels bbox page of 500, 1 client"
            )
            bare = _bare_page(raw, bbox, args.seconds)
            ratio = api_page["p50"] / bare
            print(
                f"bbox page: {ratio:.1f}x the bare SQL GeoJSON of the same rows ({bare:.2f} ms; target ≤ 5) "
                f"→ "
                f"{'MET' if ratio <= 5 else 'NOT MET'}"
            )
        finally:
            proc.terminate()
            proc.wait()
    print(f"load average: {' '.join(f'{v:.1f}' for v in os.getloadavg())} on {os.cpu_count()} CPUs")


def _count_statements(app, person, group: str, bbox: str) -> None:
    """Statements per request of the measured paths, through the same app in-process (the test client)."""
    from registry.db import db

    with app.app_context():
        engine = db.engine
    c = app.test_client()
    station = c.post("/api/v1/auth/token", json={"username": "station0", "password": PASSWORD}).get_json()[
        "token"
    ]
    reviewer = c.post("/api/v1/auth/token", json={"username": "reviewer", "password": PASSWORD}).get_json()[
        "token"
    ]
    as_station, as_reviewer = ({"Authorization": f"Bearer {t}"} for t in (station, reviewer))
    body = {"id_number": person[0], "collective_code": person[1]}
    statements_of(
        engine,
        lambda: c.get(f"/api/v1/collectives/{group}", headers=as_reviewer),
        "GET /collectives/{code} (token sign-in + one read)",
    )
    statements_of(
        engine,
        lambda: c.post("/api/v1/settlement-confirmations", json=body, headers=as_station),
        "POST /settlement-confirmations",
    )
    statements_of(
        engine,
        lambda: c.get(f"/api/v1/parcels?bbox={bbox}&per_page=500", headers=as_reviewer),
        "GET /parcels bbox page",
    )


def _bare_insert(raw: str, people: list, seconds: float) -> float:
    """The row a confirmation stores, INSERTed and committed over psycopg with nothing else: the median in
    ms."""
    sql = (
        "INSERT INTO settlement_confirmations (number, station, station_county, id_number, collective_code, "
        "eligible, reasons, cause, code_hash, issued_on, valid_until) VALUES (%s, 'baseline', %s, %s, %s, "
        "false, '[\"RS-01\"]', 'not_member', repeat('0', 64), current_date, current_date + 30)"
    )
    out, stop, i = [], time.time() + seconds, 0
    with psycopg.connect(raw) as conn:
        while time.time() < stop:
            number, collective = people[i % len(people)]
            t0 = time.perf_counter()
            conn.execute(sql, (f"RSBASE{i:012d}", collective[:6], number, collective))
            conn.commit()
            out.append((time.perf_counter() - t0) * 1000)
            i += 1
    med = statistics.median(out)
    print(f"{'bare INSERT + COMMIT of a confirmation row (psycopg)':<58} p50 {med:7.2f} ms")
    return med


def _bare_page(raw: str, bbox: str, seconds: float) -> float:
    """The same 500 rows as GeoJSON straight from SQL over psycopg: the median in ms."""
    x0, y0, x1, y1 = (float(v) for v in bbox.split(","))
    sql = (
        "SELECT json_agg(ST_AsGeoJSON(q.*, 'geom', 15)::json)::text FROM (SELECT code, collective_code, "
        "kind, "
        "category, land_class, basic_farmland, name, area_m2, boundaries, status, geom FROM parcels "
        "WHERE status = 'current' AND ST_Intersects(geom, ST_MakeEnvelope(%s, %s, %s, %s, 4490)) "
        "AND collective_code LIKE '410184%%' ORDER BY code LIMIT 500) q"
    )
    out, stop = [], time.time() + seconds
    with psycopg.connect(raw) as conn:
        while time.time() < stop:
            t0 = time.perf_counter()
            conn.execute(sql, (x0, y0, x1, y1)).fetchone()
            out.append((time.perf_counter() - t0) * 1000)
    med = statistics.median(out)
    print(f"{'bare SQL GeoJSON of the same 500 rows (psycopg)':<58} p50 {med:7.2f} ms")
    return med


if __name__ == "__main__":
    main()
