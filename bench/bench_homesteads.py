"""Homestead benchmark (issue 6): with N existing homestead rights, against baselines of the same run:

1. filing an application through the service (HS-01, HS-05, HS-03, PAR-01, HS-02 cap lookup, HS-06, PAR-02
under
   the area lock, plot code, audit, commit) vs. registering the same plot as a bare parcel through
   `register_parcel` (PAR-01/02, 四至, audit, commit): the homestead rules' own cost is the difference;
2. approval (HS-04 checks, household re-check, right + unit code, certificate, register entry, audit, commit);
3. `household_has_active_homestead` (the RS-01 question) vs. a bare primary-key select.

Run: .venv/bin/python bench/bench_homesteads.py [--existing 20000] [--n 200]
"""

from __future__ import annotations

import argparse
from datetime import date, timedelta

from sqlalchemy import text

from _common import summary, throwaway_app, timed
from registry import clock

COUNTY = "410122"
VILLAGES = [f"4101221000{v:02d}00" for v in range(1, 11)]
FRESH = "41012210001100"  # the measured applications and baseline parcels
ORIGIN = (113.90, 34.70)
STEP = 0.0002  # plot grid pitch: about 18 m x 22 m, plots of 10 m x 10 m


def seed(app, existing: int) -> None:
    """`existing` households, each with an active member, a plot and an active right (setup, not measured)."""
    from registry.auth.actor import SYSTEM
    from registry.collectives.services import create_collective
    from registry.db import db
    from registry.homesteads.models import HomesteadCap

    with app.app_context():
        s = db.session
        create_collective(s, SYSTEM, "41012210000000", "城关镇", "township")
        for code in VILLAGES + [FRESH]:
            create_collective(s, SYSTEM, code, f"村{code[9:12]}", "village")
        assert s.get(HomesteadCap, ("41", "plain", "any")) is not None
        per = existing // len(VILLAGES)
        s.execute(
            text("""
            INSERT INTO persons (id_number, name, sex, birth_date)
            SELECT lpad(i::text, 6, '0') || '19800101' || '001X', '户主' || i, '1', DATE '1980-01-01'
            FROM generate_series(1, :n) AS i"""),
            {"n": per * len(VILLAGES)},
        )
        s.execute(
            text("""
            WITH g AS (SELECT p.id, row_number() OVER (ORDER BY p.id) AS i FROM persons p),
                 h AS (SELECT id, i, (CAST(:villages AS text[]))[1 + (i - 1) / :per] AS village,
                              1 + (i - 1) % :per AS seq FROM g),
                 hh AS (INSERT INTO households (code, collective_code, head_person_id, party_type)
                        SELECT village || lpad(seq::text, 4, '0'), village, id, '1' FROM h RETURNING code,
                            head_person_id),
                 mem AS (INSERT INTO household_members (household_code, person_id, relation)
                         SELECT code, head_person_id, '02' FROM hh RETURNING household_code)
            INSERT INTO memberships (person_id, collective_code, status, since)
            SELECT id, village, 'active', DATE '2000-01-01' FROM h"""),
            {"villages": VILLAGES, "per": per},
        )
        s.execute(
            text("""
            WITH h AS (SELECT code, collective_code, row_number() OVER (ORDER BY code) AS i FROM households),
                 p AS (INSERT INTO parcels (code, collective_code, kind, category, land_class, basic_farmland,
                     geom,
                                            area_m2, status)
                       SELECT substr(code, 1, 12) || 'JC' || lpad(substr(code, 15, 4), 5, '0'),
                           collective_code,
                              'homestead', '99', '0702', false,
                              ST_Multi(ST_MakeEnvelope(:x0 + ((i - 1) % 400) * :step, :y0 + ((i - 1) / 400) *
                                  :step,
                                                       :x0 + ((i - 1) % 400) * :step + 0.0001,
                                                       :y0 + ((i - 1) / 400) * :step + 0.0001, 4490)),
                              100, 'current' FROM h
                       RETURNING id, code, collective_code)
            INSERT INTO homestead_rights (household_code, collective_code, parcel_id, unit_code, status,
                registered_on)
            SELECT substr(p.code, 1, 12) || '00' || substr(p.code, 16, 4), p.collective_code, p.id,
                   p.code || 'W00000000', 'active', CURRENT_DATE FROM p"""),
            {"x0": ORIGIN[0], "y0": ORIGIN[1], "step": STEP},
        )
        s.execute(text("ANALYZE"))
        s.commit()


def fresh_household(s, i: int) -> str:
    """A household of one active member of FRESH, through the models (setup, not measured)."""
    from registry.codes import household_code, id_check_char
    from registry.membership.models import Membership
    from registry.people.models import Household, HouseholdMember, Person

    first17 = f"41012219900101{i:03d}"
    p = Person(
        id_number=first17 + id_check_char(first17), name=f"申请人{i}", sex="1", birth_date=date(1990, 1, 1)
    )
    s.add(p)
    s.flush()
    code = household_code(FRESH, i + 1)
    s.add_all(
        [
            Membership(person_id=p.id, collective_code=FRESH, status="active", since=date(2000, 1, 1)),
            Household(code=code, collective_code=FRESH, head_person_id=p.id),
        ]
    )
    s.flush()
    s.add(HouseholdMember(household_code=code, person_id=p.id, relation="02"))
    s.flush()
    return code


def plot(i: int, row: int) -> dict:
    x, y = ORIGIN[0] + (i % 400) * STEP, ORIGIN[1] - (row + 1 + i // 400) * STEP
    return {
        "type": "Polygon",
        "coordinates": [[[x, y], [x + 0.0001, y], [x + 0.0001, y + 0.0001], [x, y + 0.0001], [x, y]]],
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--existing", type=int, default=20000)
    ap.add_argument("--n", type=int, default=200)
    args = ap.parse_args()
    with throwaway_app() as (app, _url):
        seed(app, args.existing)
        from registry.auth.actor import Actor
        from registry.db import db
        from registry.homesteads.applications import approve_application, file_application
        from registry.homesteads.services import household_has_active_homestead
        from registry.parcels.geometry import to_cgcs2000
        from registry.parcels.services import register_parcel

        clerk, reviewer = Actor("clerk", "clerk", FRESH), Actor("reviewer", "reviewer", COUNTY)
        with app.app_context():
            s = db.session
            households = [fresh_household(s, i) for i in range(args.n)]
            s.commit()
            it = iter(range(args.n))

            def baseline():
                i = next(it)
                register_parcel(s, clerk, to_cgcs2000(plot(i, 0), None), collective_code=FRESH)
                s.commit()

            base = summary("baseline: register_parcel + commit", timed(baseline, args.n))
            it, ids = iter(range(args.n)), []

            def apply():
                i = next(it)
                a = file_application(
                    s,
                    clerk,
                    {
                        "household_code": households[i],
                        "geometry": plot(i, 40),
                        "terrain": "plain",
                        "on_arable_land": False,
                        "publicity_start": clock.today() - timedelta(days=7),
                        "publicity_evidence_ref": "bench",
                    },
                    publicity_days=7,
                )
                s.commit()
                ids.append(a.id)

            filed = summary("file_application + commit", timed(apply, args.n))
            it = iter(ids)

            def approve():
                approve_application(s, reviewer, next(it))
                s.commit()

            approved = summary("approve_application + commit", timed(approve, args.n))
            probe = households[: args.n]
            k = iter(range(10**9))
            bare = summary(
                "baseline: SELECT household by primary key",
                timed(
                    lambda: s.execute(
                        text("SELECT 1 FROM households WHERE code = :c"), {"c": probe[next(k) % len(probe)]}
                    ).scalar(),
                    2000,
                ),
            )
            rs01 = summary(
                "household_has_active_homestead (RS-01)",
                timed(lambda: household_has_active_homestead(s, probe[next(k) % len(probe)], FRESH), 2000),
            )
        print(f"filing / bare parcel registration: {filed['median_ms'] / base['median_ms']:.2f}x (median)")
        print(
            f"approval / bare parcel registration: {approved['median_ms'] / base['median_ms']:.2f}x (median)"
        )
        print(f"RS-01 lookup / bare select: {rs01['median_ms'] / bare['median_ms']:.2f}x (median)")


if __name__ == "__main__":
    main()
