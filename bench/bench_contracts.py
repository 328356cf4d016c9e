"""Land-contract benchmark (issue 5): GET /api/v1/land-contracts/{code} at 100,000 contracts.

Seeds 100,000 households (two members each), 200,000 parcels and 100,000 contracts with their intervals and
register entries directly in SQL (setup, not measured), then times, in the same run:

1. a bare primary-key SELECT of a contract row (the floor of any read);
2. GET /api/v1/households/{code} through the Flask test client (another authenticated read, for scale);
3. GET /api/v1/land-contracts/{code} (today) and ...?as_of= (a past date) through the test client.
Target: the contract GET median ≤ 10 ms.

Run: .venv/bin/python bench/bench_contracts.py [--contracts 100000] [--reads 2000]
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta

from sqlalchemy import text

from _common import summary, throwaway_app, timed

HOUSEHOLDS_PER_COLLECTIVE = 5000
PASSWORD = "bench-pass-1"


def _collectives(n_contracts: int) -> list[str]:
    villages = -(-n_contracts // HOUSEHOLDS_PER_COLLECTIVE)
    return [f"410122100{v:03d}00" for v in range(1, villages + 1)]


def _id_numbers(n: int) -> list[str]:
    from registry.codes import id_check_char

    out = []
    for k in range(n):
        birth = date(1950, 1, 1) + timedelta(days=k // 1000)
        first17 = f"410122{birth:%Y%m%d}{k % 1000:03d}"
        out.append(first17 + id_check_char(first17))
    return out


def seed(app, n: int) -> list[str]:
    """n contracts of n households in ⌈n/5000⌉ villages; returns the contract codes."""
    from registry.auth.actor import SYSTEM
    from registry.auth.services import create_user
    from registry.collectives.services import create_collective
    from registry.db import db

    collectives = _collectives(n)
    with app.app_context():
        s = db.session
        create_collective(s, SYSTEM, "41012210000000", "城关镇", "township")
        for code in collectives:
            create_collective(s, SYSTEM, code, f"村{code[9:12]}", "village")
        create_user(s, "bench_reviewer", PASSWORD, "reviewer", "410122")
        ids = _id_numbers(2 * n)
        s.execute(
            text(
                "INSERT INTO persons (id_number, name, sex, birth_date) "
                "SELECT n, '成员' || ord, CASE WHEN substr(n, 17, 1)::int % 2 = 1 THEN '1' ELSE '2' END, "
                "to_date(substr(n, 7, 8), 'YYYYMMDD') FROM unnest(CAST(:ids AS text[])) WITH ORDINALITY AS "
                "t(n, ord)"
            ),
            {"ids": ids},
        )
        # Household k (1-based) belongs to village ⌈k/5000⌉ and has persons 2k-1 (head) and 2k.
        s.execute(
            text("""
            INSERT INTO households (code, collective_code, head_person_id, party_type)
            SELECT c || lpad(((k - 1) % :per + 1)::text, 4, '0'), c, 2 * k - 1, '1'
            FROM generate_series(1, :n) k,
                 LATERAL (SELECT '410122100' || lpad(((k - 1) / :per + 1)::text, 3, '0') || '00' AS c) v"""),
            {"n": n, "per": HOUSEHOLDS_PER_COLLECTIVE},
        )
        s.execute(
            text("""
            INSERT INTO household_members (household_code, person_id, relation, joined_on)
            SELECT h.code, h.head_person_id + r.i, CASE r.i WHEN 0 THEN '02' ELSE '10' END, DATE '2000-01-01'
            FROM households h CROSS JOIN (VALUES (0), (1)) r(i)""")
        )
        s.execute(
            text("""
            INSERT INTO parcels (code, collective_code, kind, category, land_class, basic_farmland, geom,
                area_m2,
                                 status)
            SELECT h.collective_code || lpad((2 * ((k - 1) % :per) + j)::text, 5, '0'), h.collective_code,
                   'contract', '10', '0103', false,
                   ST_Multi(ST_MakeEnvelope(113.9 + ((k - 1) % 400) * 0.0008 + j * 0.0004,
                                            34.7 + ((k - 1) / 400) * 0.0004,
                                            113.9 + ((k - 1) % 400) * 0.0008 + j * 0.0004 + 0.0003,
                                            34.7 + ((k - 1) / 400) * 0.0004 + 0.0003, 4490)),
                   912.34, 'current'
            FROM (SELECT code, collective_code, row_number() OVER (ORDER BY code) AS k FROM households) h
            CROSS JOIN (VALUES (1), (2)) p(j)"""),
            {"per": HOUSEHOLDS_PER_COLLECTIVE},
        )
        s.execute(
            text(
                "INSERT INTO land_contracts (code, household_code, collective_code, method) "
                "SELECT code || 'J', code, collective_code, '110' FROM households"
            )
        )
        s.execute(
            text("""
            INSERT INTO contract_parcels (contract_id, parcel_id, valid_from)
            SELECT c.id, p.id, DATE '2000-01-01' FROM land_contracts c CROSS JOIN (VALUES (1), (2)) j(j)
            JOIN parcels p ON p.code = c.collective_code
                 || lpad((2 * (substr(c.code, 15, 4)::int - 1) + j.j)::text, 5, '0')""")
        )
        s.execute(
            text("""
            INSERT INTO contract_holders (contract_id, person_id, valid_from)
            SELECT c.id, m.person_id, DATE '2000-01-01' FROM land_contracts c
            JOIN household_members m ON m.household_code = c.household_code""")
        )
        s.execute(
            text("""
            INSERT INTO contract_register (contract_id, seq, entry_date, kind, actor, term_start, term_end,
                land_type)
            SELECT id, 1, DATE '2000-01-01', 'initial', 'bench', DATE '2000-01-01', DATE '2029-12-31',
                'arable'
            FROM land_contracts""")
        )
        s.execute(text("ANALYZE"))
        s.commit()
        counts = s.execute(
            text(
                "SELECT (SELECT count(*) FROM land_contracts), (SELECT count(*) FROM "
                "contract_parcels), (SELECT count(*) FROM contract_holders)"
            )
        ).one()
        print(f"seeded: {counts[0]} contracts, {counts[1]} parcel intervals, {counts[2]} holder intervals")
        return list(s.scalars(text("SELECT code FROM land_contracts")))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--contracts", type=int, default=100_000)
    ap.add_argument("--reads", type=int, default=2000)
    args = ap.parse_args()
    with throwaway_app() as (app, _url):
        codes = seed(app, args.contracts)
        rng = random.Random(5)
        client = app.test_client()
        token = client.post(
            "/api/v1/auth/token", json={"username": "bench_reviewer", "password": PASSWORD}
        ).get_json()["token"]
        headers = {"Authorization": f"Bearer {token}"}

        def get(url):
            r = client.get(url, headers=headers)
            assert r.status_code == 200, (url, r.get_json())
            return r

        sample = lambda: rng.choice(codes)  # noqa: E731
        first = get(f"/api/v1/land-contracts/{codes[0]}").get_json()
        assert (
            first["status"] == "active"
            and len(first["parcel_codes"]) == 2
            and len(first["right_holders"]) == 2
        )
        for _ in range(200):  # warm the pool, the caches and the planner
            get(f"/api/v1/land-contracts/{sample()}")

        from registry.db import db

        with app.app_context():
            ids = list(db.session.scalars(text("SELECT id FROM land_contracts")))
            base = summary(
                "baseline: bare primary-key SELECT of a contract",
                timed(
                    lambda: db.session.execute(
                        text("SELECT * FROM land_contracts WHERE id = :id"), {"id": rng.choice(ids)}
                    ).one(),
                    args.reads,
                ),
            )
            db.session.remove()
        household = summary(
            "baseline: GET /api/v1/households/{code}",
            timed(lambda: get(f"/api/v1/households/{sample()[:18]}"), args.reads),
        )
        today = summary(
            "GET /api/v1/land-contracts/{code}",
            timed(lambda: get(f"/api/v1/land-contracts/{sample()}"), args.reads),
        )
        past = summary(
            "GET /api/v1/land-contracts/{code}?as_of=2010-06-01",
            timed(lambda: get(f"/api/v1/land-contracts/{sample()}?as_of=2010-06-01"), args.reads),
        )
        for fig in (today, past):
            print(
                f"{fig['name']:<48} {fig['median_ms'] / base['median_ms']:.1f}x the bare SELECT, "
                f"{fig['median_ms'] / household['median_ms']:.2f}x the household GET"
            )
        verdict = "PASS" if today["median_ms"] <= 10 and past["median_ms"] <= 10 else "FAIL"
        print(f"target: median ≤ 10 ms at {args.contracts} contracts → {verdict}")


if __name__ == "__main__":
    main()
