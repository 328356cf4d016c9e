"""Exchange benchmark (issue 16), one run against a baseline of the same run:

1. a generated county package of N parcels, 0.3 N households, N persons and 0.3 N contracts (each with its
   certificate): checks + import (`exchange import` in a child process, whose peak memory is read) vs. COPY of
   the same rows into the same tables — a second database made from the same migrated one before the import,
   so with every index, constraint (foreign keys too), trigger and WAL record the import pays for, the tables
   in dependency order in one transaction; target import throughput ≥ 1/3 of that COPY's, peak memory
   < 1 GiB. For reference it also prints COPY into bare temporary copies (no index, no constraint, no WAL):
   a lower bound no import with checks can approach;
2. export of the same county (`export_county`); target ≥ 20,000 parcels/s.

Run: .venv/bin/python bench/bench_exchange.py [N]   (the issue's figures are for N = 100000)
"""

from __future__ import annotations

import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from _common import throwaway_app

from pyproj import Geod
from shapely.geometry import Polygon
from sqlalchemy import create_engine, make_url, text

COUNTY = "410122"
VILLAGES = [f"4101221000{v:02d}00" for v in range(1, 11)]
CELL_M = (40.0, 30.0)
TABLES = (
    "persons",
    "households",
    "household_members",
    "parcels",
    "land_contracts",
    "contract_parcels",
    "contract_holders",
    "contract_register",
    "certificates",
    "audit_log",
)
_GEOD = Geod(ellps="GRS80")


def _id(n: int) -> str:
    from registry.codes import id_check_char

    born = date(1950, 1, 1).toordinal() + n // 1000 % 20000
    first17 = f"{COUNTY}{date.fromordinal(born):%Y%m%d}{n % 1000:03d}"
    return first17 + id_check_char(first17)


def generate(n: int, out: Path) -> Path:
    """The package: households of 3–4 persons with 3–4 parcels, on a grid in the CM 114E zone."""
    from registry.exchange.packwriter import write_package

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.factories_parcels import metre_box

    tables = {
        t: [] for t in ("FBF", "CBF", "CBF_JTCY", "CBHT", "CBDKXX", "LZHT", "CBJYQZDJB", "CBJYQZ", "QSLYZLFJ")
    }
    tables["FBF"] = [{"FBFBM": v, "FBFMC": f"第{i + 1}村股份经济合作社"} for i, v in enumerate(VILLAGES)]
    dk, geoms = [], []
    households = max(1, int(n * 0.3))
    side = int((n**0.5) + 1)
    person = parcel = 0
    per_village: dict[str, int] = {}
    for h in range(households):
        fbf = VILLAGES[h % len(VILLAGES)]
        seq = h // len(VILLAGES) + 1
        cbf = f"{fbf}{seq:04d}"
        size = 3 + (h % 3 == 0)  # 3.33 persons and parcels per household on average
        for k in range(size):
            tables["CBF_JTCY"].append(
                {
                    "CBFBM": cbf,
                    "CYXM": "张三",
                    "CYXB": "1",
                    "CYZJLX": "1",
                    "CYZJHM": _id(person),
                    "YHZGX": "02" if k == 0 else "20",
                    "SFGYR": "1",
                }
            )
            person += 1
        tables["CBF"].append(
            {
                "CBFBM": cbf,
                "CBFLX": "1",
                "CBFMC": "张三",
                "CBFZJHM": tables["CBF_JTCY"][-size]["CYZJHM"],
                "CBFCYSL": size,
            }
        )
        total = Decimal(0)
        for _ in range(size):
            if parcel >= n:
                break
            per_village[fbf] = per_village.get(fbf, 0) + 1
            code = f"{fbf}{per_village[fbf]:05d}"
            geom = Polygon(
                metre_box((parcel % side) * (CELL_M[0] + 5), (parcel // side) * (CELL_M[1] + 5), *CELL_M)
            )
            area = Decimal(f"{abs(_GEOD.geometry_area_perimeter(geom)[0]):.2f}")
            total += area
            dk.append(
                {
                    "BSM": parcel + 1,
                    "YSDM": "211011",
                    "DKBM": code,
                    "DKMC": "东地",
                    "SYQXZ": "30",
                    "DKLB": "10",
                    "TDLYLX": "013",
                    "SFJBNT": "2",
                    "TDYT": "1",
                    "SCMJ": area,
                }
            )
            geoms.append(geom)
            tables["CBDKXX"].append(
                {
                    "DKBM": code,
                    "FBFBM": fbf,
                    "CBFBM": cbf,
                    "CBJYQQDFS": "110",
                    "HTMJ": area,
                    "CBHTBM": cbf + "J",
                    "CBJYQZBM": cbf + "J",
                }
            )
            parcel += 1
        tables["CBHT"].append(
            {
                "CBHTBM": cbf + "J",
                "FBFBM": fbf,
                "CBFBM": cbf,
                "CBFS": "110",
                "CBQXQ": date(1998, 10, 1),
                "CBQXZ": date(2028, 9, 30),
                "HTZMJ": total,
            }
        )
        tables["CBJYQZDJB"].append(
            {
                "CBJYQZBM": cbf + "J",
                "FBFBM": fbf,
                "CBFBM": cbf,
                "CBFS": "110",
                "CBJYQZLSH": f"豫（2016）中牟县农村土地承包经营权证第{h + 1:06d}号",
                "DJSJ": date(2016, 6, 1),
            }
        )
        tables["CBJYQZ"].append({"CBJYQZBM": cbf + "J", "FZRQ": date(2016, 8, 15)})
        tables["QSLYZLFJ"].append({"CBJYQZBM": cbf + "J", "ZLFJBH": f"F{h}"})
    return write_package(out, COUNTY, 2016, tables, dk, geoms, 4547, name="中牟县")


def child(url: str, path: str) -> None:
    """The import as its own process: `exchange import` without the CLI's progress bar."""
    from registry import create_app
    from registry.auth.actor import SYSTEM
    from registry.db import db
    from registry.exchange.importer import run_import, save_done

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        cpu = CpuClock(db.session.connection())
        t0, c0 = time.perf_counter(), cpu()
        outcome = run_import(db.session, SYSTEM, Path(path))
        save_done(db.session, SYSTEM, outcome)
        db.session.commit()
        seconds, cpu_s = time.perf_counter() - t0, cpu() - c0
    errors = [f.render() for f in outcome.findings if f.severity == "error"][:5]
    print(
        json.dumps(
            {
                "status": outcome.status,
                "counts": outcome.counts,
                "seconds": seconds,
                "cpu_s": cpu_s,
                "errors": errors,
                "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            },
            ensure_ascii=False,
            default=str,
        )
    )


class CpuClock:
    """CPU seconds of this process and of the connection's PostgreSQL backend together: unlike wall-clock
    seconds they do not depend on what else the machine runs (2 cores shared by several people)."""

    def __init__(self, conn):
        self.pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()

    def __call__(self) -> float:
        with open(f"/proc/{self.pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return time.process_time() + (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def dump(conn) -> dict[str, bytes]:
    """The rows the import wrote, table by table, in COPY's text format."""
    raw = conn.connection.driver_connection
    out = {}
    with raw.cursor() as cur:
        for t in TABLES:
            buf = io.BytesIO()
            with cur.copy(f"COPY {t} TO STDOUT") as cp:
                for chunk in cp:
                    buf.write(chunk)
            out[t] = buf.getvalue()
    raw.rollback()
    return out


def copy_rows(conn, rows: dict[str, bytes], bare: bool) -> tuple[float, float, int]:
    """COPY `rows` in dependency order, in one transaction (rolled back): into the connection's own tables,
    or with `bare` into temporary copies of them without indexes or constraints."""
    cpu = CpuClock(conn)
    raw = conn.connection.driver_connection
    seconds, cpu_s, n = 0.0, 0.0, 0
    with raw.cursor() as cur:
        for t, data in rows.items():
            target = t
            if bare:
                target = f"bare_{t}"
                cur.execute(f"CREATE TEMP TABLE {target} (LIKE {t})")
            t0, c0 = time.perf_counter(), cpu()
            with cur.copy(f"COPY {target} FROM STDIN") as cp:
                cp.write(data)
            seconds, cpu_s = seconds + time.perf_counter() - t0, cpu_s + cpu() - c0
            n += cur.execute(f"SELECT count(*) FROM {target}").fetchone()[0]
    raw.rollback()
    return seconds, cpu_s, n


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    work = Path(tempfile.mkdtemp(prefix="exchange-bench-"))
    t0 = time.perf_counter()
    root = generate(n, work / "in")
    print(f"package of {n} parcels generated in {time.perf_counter() - t0:.1f} s: {root}", flush=True)
    with throwaway_app() as (app, url):
        from registry.db import db

        with app.app_context():
            with db.engine.begin() as conn:
                conn.execute(
                    text(
                        "INSERT INTO collectives (code, name, level, county_code) SELECT c, c, 'village', "
                        "'410122' FROM unnest(CAST(:codes AS text[])) c"
                    ),
                    {"codes": VILLAGES},
                )
            db.engine.dispose()  # no session on the template while it is copied
        baseline_url = _twin(url)
        proc = subprocess.run(
            [sys.executable, __file__, "--child", url, str(root)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
        )
        if proc.returncode != 0:
            print(proc.stderr[-3000:])
            raise SystemExit(1)
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        if result["status"] != "done":
            print(result)
            raise SystemExit(1)
        with app.app_context():
            with db.engine.connect() as conn:
                written = dump(conn)
                bare_s, bare_cpu, _ = copy_rows(conn, written, bare=True)
            twin = create_engine(baseline_url)
            with twin.connect() as conn:
                copy_s, copy_cpu, rows = copy_rows(conn, written, bare=False)
            twin.dispose()
            del written
            from registry.auth.actor import SYSTEM
            from registry.exchange.export import export_county

            cpu = CpuClock(db.session.connection())
            t0, c0 = time.perf_counter(), cpu()
            export_county(db.session, SYSTEM, COUNTY, work / "out", 2016)
            export_s, export_cpu = time.perf_counter() - t0, cpu() - c0
    imp = result["seconds"]
    print(f"N = {n} parcels, {rows} rows written; load average {os.getloadavg()[0]:.1f} (2 cores)")
    print(
        f"import rows/s:        {rows / imp:>10,.0f}   ({imp:.2f} s: read, EX checks, PAR rules, load, audit)"
    )
    print(
        f"COPY rows/s:          {rows / copy_s:>10,.0f}   ({copy_s:.2f} s into the same tables: indexes, "
        f"constraints, foreign keys, triggers, WAL)"
    )
    print(f"import / COPY ratio:  {copy_s / imp:>10.3f}   target >= 0.333  {_verdict(copy_s / imp >= 1 / 3)}")
    cpu = result["cpu_s"]
    print(
        f"  by CPU (client + backend): import {cpu:.2f} s, COPY {copy_cpu:.2f} s, ratio {copy_cpu / cpu:.3f}"
    )
    print(
        f"  reference, COPY into bare temporary copies (no index, constraint or WAL): {rows / bare_s:,.0f} "
        f"rows/s, ratio {bare_s / imp:.3f}, by CPU {bare_cpu / cpu:.3f}"
    )
    mib = result["maxrss_kib"] / 1024
    print(f"import peak RSS:      {mib:>10,.0f}   MiB, target < 1024 MiB  {_verdict(mib < 1024)}")
    print(
        f"export parcels/s:     {n / export_s:>10,.0f}   ({export_s:.2f} s) target >= 20,000  "
        f"{_verdict(n / export_s >= 20_000)}; by CPU (client + backend) {n / export_cpu:,.0f} parcels/s"
    )


def _twin(url: str) -> str:
    """A second database made from the migrated one (same schema, the same collectives): the COPY target."""
    source = make_url(url)
    engine = create_engine(source.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE bench_copy TEMPLATE "{source.database}"'))
    engine.dispose()
    return source.set(database="bench_copy").render_as_string(hide_password=False)


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


if __name__ == "__main__":
    main()
