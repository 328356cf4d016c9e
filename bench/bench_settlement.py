"""Police rural-settlement confirmations (RS-01, RS-02) at 100,000 members, through the whole HTTP stack.

Builds a county of 50 village collectives, 25,000 households of four members each (100,000 active members),
four in five households holding an active homestead. Then times, in the same run:
  - baseline: GET /api/v1/rules (the stack with no database work) and a bare `SELECT 1`,
  - POST /api/v1/settlement-confirmations for a mix of eligible, ineligible and unknown people, spread over
    50 police stations (each query is audited and rate-counted, as in production),
  - GET /api/v1/settlement-confirmations/{number}?code=… (the public verification).
Run: .venv/bin/python bench/bench_settlement.py [--members 100000] [--queries 2000]
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date

from _common import summary, throwaway_app, timed
from roundtrips import statements_of
from sqlalchemy import insert, text

from registry.auth.services import create_user
from registry.codes import homestead_unit_code, household_code, id_check_char, parcel_code
from registry.collectives.models import Collective
from registry.db import db
from registry.membership.models import Membership
from registry.people.models import Household, HouseholdMember, Person

COUNTY = "410122"
VILLAGES = 50
STATIONS = 50
PASSWORD = "bench-pass-1"


def _id_number(n: int) -> str:
    birth = date(1950, 1, 1).toordinal() + n % 20000
    first17 = f"{COUNTY}{date.fromordinal(birth):%Y%m%d}{n // 20000 % 1000:03d}"
    return first17 + id_check_char(first17)


def build_county(session, members: int) -> list[str]:
    """Bulk-load the county; returns the ID numbers of every member, in order."""
    villages = [f"{COUNTY}100{v:03d}00" for v in range(1, VILLAGES + 1)]
    session.add_all(
        Collective(code=c, name=f"村{i}", level="village", county_code=COUNTY) for i, c in enumerate(villages)
    )
    numbers = [_id_number(n) for n in range(members)]
    assert len(set(numbers)) == members
    session.execute(
        insert(Person),
        [
            {
                "id_number": x,
                "name": "成员",
                "sex": "1" if int(x[16]) % 2 else "2",
                "birth_date": date(int(x[6:10]), int(x[10:12]), int(x[12:14])),
            }
            for x in numbers
        ],
    )
    ids = dict(session.execute(text("SELECT id_number, id FROM persons")).all())
    households, household_members, memberships = [], [], []
    for h in range(members // 4):
        village = villages[h % VILLAGES]
        code = household_code(village, h // VILLAGES + 1)
        people = [ids[numbers[4 * h + i]] for i in range(4)]
        households.append({"code": code, "collective_code": village, "head_person_id": people[0]})
        household_members += [
            {"household_code": code, "person_id": p, "relation": r}
            for p, r in zip(people, ("02", "10", "20", "30"))
        ]
        memberships += [
            {"person_id": p, "collective_code": village, "status": "active", "since": date(2000, 1, 1)}
            for p in people
        ]
    session.execute(insert(Household), households)
    session.execute(insert(HouseholdMember), household_members)
    session.execute(insert(Membership), memberships)
    _homesteads(session, [h for i, h in enumerate(households) if i % 5 != 4])
    session.execute(text("ANALYZE"))
    return numbers


def _homesteads(session, households: list[dict]) -> None:
    """One small plot per household on a grid, and its active right."""
    rows, per_village = [], {}
    for i, h in enumerate(households):
        x, y = 113.0 + (i % 400) * 0.0005, 34.0 + (i // 400) * 0.0005
        village = h["collective_code"]
        seq = per_village[village] = per_village.get(village, 0) + 1
        rows.append(
            {
                "code": parcel_code(village, seq),
                "village": village,
                "x": x,
                "y": y,
                "unit": homestead_unit_code(COUNTY, int(village[9:12]), 1, seq),
                "household": h["code"],
            }
        )
    session.execute(
        text(
            "INSERT INTO parcels (code, collective_code, kind, category, land_class, basic_farmland, geom, "
            "area_m2, "
            "status) VALUES (:code, :village, 'homestead', '99', '0702', false, "
            "ST_Multi(ST_MakeEnvelope(:x, :y, :x + 0.0002, :y + 0.0002, 4490)), 200, 'current')"
        ),
        rows,
    )
    session.execute(
        text(
            "INSERT INTO homestead_rights (household_code, collective_code, parcel_id, unit_code, status, "
            "registered_on) "
            "SELECT :household, :village, id, :unit, 'active', DATE '2010-01-01' FROM parcels WHERE code = "
            ":code"
        ),
        rows,
    )


def _bare_insert(session, numbers, villages):
    """The same row as a confirmation stores, INSERTed and committed with nothing else (the target's
    baseline)."""
    stmt = text(
        "INSERT INTO settlement_confirmations (number, station, station_county, id_number, collective_code, "
        "eligible, reasons, cause, code_hash, issued_on, valid_until) VALUES (:number, 'baseline', :county, "
        ":id_number, :village, false, '[\"RS-01\"]', 'not_member', repeat('0', 64), current_date, "
        "current_date + 30)"
    )
    counter = iter(range(10**9))

    def run():
        i = next(counter)
        session.execute(
            stmt,
            {
                "number": f"RSBASE{i:012d}",
                "county": COUNTY,
                "id_number": numbers[i % len(numbers)],
                "village": villages[i % len(villages)],
            },
        )
        session.commit()

    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=2000)
    args = parser.parse_args()
    with throwaway_app() as (app, _url):
        app.config["CONFIRMATION_RATE_PER_HOUR"] = 10**9  # the bench measures the answer, not the limit
        with app.app_context():
            t0 = time.perf_counter()
            numbers = build_county(db.session, args.members)
            for s in range(STATIONS):
                create_user(db.session, f"station{s:02d}", PASSWORD, "police", COUNTY)
            db.session.commit()
            print(f"loaded {args.members} members in {time.perf_counter() - t0:.1f} s")
        client = app.test_client()
        tokens = [
            client.post(
                "/api/v1/auth/token", json={"username": f"station{s:02d}", "password": PASSWORD}
            ).get_json()["token"]
            for s in range(STATIONS)
        ]
        rnd = random.Random(7)
        villages = [f"{COUNTY}100{v:03d}00" for v in range(1, VILLAGES + 1)]

        def query_args(i):
            n = rnd.randrange(len(numbers) + len(numbers) // 10)  # about one in eleven is not in the registry
            number = numbers[n] if n < len(numbers) else _id_number(10**6 + n)
            village = villages[(n // 4) % VILLAGES] if n < len(numbers) else rnd.choice(villages)
            return tokens[i % STATIONS], number, village

        answers = []

        def confirm():
            token, number, village = query_args(len(answers))
            r = client.post(
                "/api/v1/settlement-confirmations",
                json={"id_number": number, "collective_code": village},
                headers={"Authorization": f"Bearer {token}"},
            )
            assert r.status_code == 201, r.get_json()
            answers.append(r.get_json())

        timed(lambda: client.get("/api/v1/rules"), 50)  # warm-up
        confirm()
        with app.app_context():
            engine = db.engine
        statements_of(engine, confirm, "POST settlement-confirmations")
        base_rules = summary(
            "baseline GET /api/v1/rules", timed(lambda: client.get("/api/v1/rules"), args.queries)
        )
        with app.app_context():
            base_sql = summary(
                "baseline SELECT 1 (bare query)",
                timed(lambda: db.session.execute(text("SELECT 1")).scalar(), args.queries),
            )
            bare_insert = summary(
                "baseline bare INSERT + COMMIT of a confirmation row",
                timed(_bare_insert(db.session, numbers, villages), args.queries),
            )
            db.session.remove()
        conf = summary(
            f"POST settlement-confirmations @ {args.members:,} members", timed(confirm, args.queries)
        )
        eligible = sum(a["eligible"] for a in answers)
        print(f"   answers: {eligible} eligible, {len(answers) - eligible} not eligible")
        samples = iter(answers * 2)

        def verify():
            a = next(samples)
            client.get(f"/api/v1/settlement-confirmations/{a['number']}?code={a['verification_code']}")

        ver = summary("GET settlement-confirmations/{number}?code=", timed(verify, args.queries))
        ratio = conf["median_ms"] / bare_insert["median_ms"]
        met = ratio <= 3 and conf["p99_ms"] <= 20
        print(
            f"confirmation: median {ratio:.1f}x a bare INSERT + COMMIT (target ≤ 3), p99 "
            f"{conf['p99_ms']:.1f} ms "
            f"(target ≤ 20) → {'MET' if met else 'NOT MET'}"
        )
        for fig in (conf, ver):
            print(
                f"{fig['name']}: median {fig['median_ms'] / base_rules['median_ms']:.1f}x GET /rules, "
                f"p99 {fig['p99_ms'] / base_rules['p99_ms']:.1f}x; "
                f"median {fig['median_ms'] / base_sql['median_ms']:.0f}x "
                f"a bare query"
            )


if __name__ == "__main__":
    main()
