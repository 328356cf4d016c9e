"""Roster paging for a collective of 10,000 members (issue 3: under 100 ms per page).

Run: .venv/bin/python bench/bench_membership.py
Prints each figure and its ratio to a baseline measured in the same run (an authenticated GET of one
collective).
"""

from __future__ import annotations

from datetime import date, timedelta

from _common import summary, throwaway_app, timed
from sqlalchemy import text

from registry.auth.services import create_user
from registry.codes import id_check_char
from registry.collectives.models import Collective
from registry.db import db

VILLAGE = "41012210000100"
OTHER = "41012210000200"
MEMBERS = 10_000
PERSONS = 2 * MEMBERS + MEMBERS // 10
REPEAT = 50


def _id_number(i: int) -> str:
    birth = date(1960, 1, 1) + timedelta(days=i // 1000)
    first17 = f"410122{birth:%Y%m%d}{i % 1000:03d}"
    return first17 + id_check_char(first17)


def _populate() -> None:
    for code in (VILLAGE, OTHER):
        db.session.add(Collective(code=code, name=code, level="village", county_code=code[:6]))
    create_user(db.session, "clerk", "bench-pass-1", "clerk", VILLAGE)
    db.session.flush()
    rows = [
        {
            "n": _id_number(i),
            "name": f"成员{i}",
            "sex": "1" if i % 2 else "2",
            "b": date(1960, 1, 1) + timedelta(days=i // 1000),
        }
        for i in range(PERSONS)
    ]
    db.session.execute(
        text("INSERT INTO persons (id_number, name, sex, birth_date) VALUES (:n, :name, :sex, :b)"), rows
    )
    # 10,000 active and 1,000 ended members in the village (so status filtering has work to do), the rest next
    # door
    db.session.execute(
        text("""
        INSERT INTO memberships (person_id, collective_code, status, since, ended_on, end_reason,
            end_evidence_ref)
        SELECT id, CASE WHEN id <= :m THEN :v ELSE :o END,
               CASE WHEN id % 11 = 0 AND id <= :m THEN 'ended' ELSE 'active' END, DATE '2000-01-01',
               CASE WHEN id % 11 = 0 AND id <= :m THEN DATE '2020-01-01' END,
               CASE WHEN id % 11 = 0 AND id <= :m THEN 'death' END,
               CASE WHEN id % 11 = 0 AND id <= :m THEN 'bench' END
        FROM persons"""),
        {"m": MEMBERS * 11 // 10, "v": VILLAGE, "o": OTHER},
    )
    db.session.commit()
    db.session.execute(text("ANALYZE"))


def main() -> None:
    with throwaway_app() as (app, _url):
        with app.app_context():
            _populate()
        client = app.test_client()
        token = client.post(
            "/api/v1/auth/token", json={"username": "clerk", "password": "bench-pass-1"}
        ).get_json()
        headers = {"Authorization": f"Bearer {token['token']}"}

        def get(url):
            def call():
                r = client.get(url, headers=headers)
                assert r.status_code == 200, r.get_json()

            call()  # warm-up: the first call pays for query planning and caches
            return call

        base = f"/api/v1/collectives/{VILLAGE}"
        total = client.get(base + "/members", headers=headers).get_json()["total"]
        print(f"roster of {total} active members (and {MEMBERS // 10} ended; {PERSONS} persons in all)")
        baseline = summary("baseline: GET one collective", timed(get(base), REPEAT))
        figures = [
            summary("roster page 1 (50)", timed(get(base + "/members?page=1"), REPEAT)),
            summary("roster page 90 (50)", timed(get(base + "/members?page=90"), REPEAT)),
            summary("roster last page (50)", timed(get(base + "/members?page=200"), REPEAT)),
            summary("roster page 1 (500)", timed(get(base + "/members?per_page=500"), REPEAT)),
            summary(
                "roster as_of 2019-12-31, page 100",
                timed(get(base + "/members?as_of=2019-12-31&page=100"), REPEAT),
            ),
            summary("roster ended, page 1", timed(get(base + "/members?status=ended"), REPEAT)),
        ]
        print()
        for f in figures:
            verdict = "ok" if f["median_ms"] < 100 else "OVER 100 ms"
            print(
                f"{f['name']:<48} median ×{f['median_ms'] / baseline['median_ms']:.1f} of baseline  {verdict}"
            )


if __name__ == "__main__":
    main()
