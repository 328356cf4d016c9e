"""Migrations round-trip; code sequences never hand out a number twice under concurrency (PER-03)."""

import threading

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from registry import create_app
from registry.codes import next_in_sequence


def test_upgrade_downgrade_to_base_and_upgrade_again(cluster, database_url):
    if cluster is None:
        pytest.skip("needs the throwaway cluster: TEST_DATABASE_URL names a server this test may not drop")
    cluster.ensure_database("migration_roundtrip")
    try:
        app = create_app({"SQLALCHEMY_DATABASE_URI": cluster.url("migration_roundtrip"), "TESTING": True})
        with app.app_context():
            upgrade()
            downgrade(revision="base")
            from registry.db import db

            tables = db.session.execute(
                text(
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema='public' "
                    "AND table_name NOT IN ('alembic_version','spatial_ref_sys')"
                )
            ).scalar()
            db.session.remove()
            assert tables == 0
            upgrade()
            db.session.remove()
            db.engine.dispose()
    finally:
        cluster.drop_database("migration_roundtrip")


def test_concurrent_allocations_never_repeat_a_number_per_03(app, database_url):
    engine = create_engine(database_url.replace("+psycopg", "+psycopg"), pool_size=8)
    results, barrier = [], threading.Barrier(8)

    def worker():
        barrier.wait()
        for _ in range(10):
            with Session(engine) as s:
                results.append(next_in_sequence(s, "41012210000100", "household"))
                s.commit()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    engine.dispose()
    assert sorted(results) == list(range(1, 81))


def test_a_rolled_back_allocation_is_not_handed_to_two_writers(app, database_url):
    engine = create_engine(database_url)
    with Session(engine) as a:
        first = next_in_sequence(a, "41012210000200", "parcel")
        a.commit()
    with Session(engine) as b:
        second = next_in_sequence(b, "41012210000200", "parcel")
        b.rollback()
    with Session(engine) as c:
        third = next_in_sequence(c, "41012210000200", "parcel")
        c.commit()
    engine.dispose()
    assert first == 1 and third > first and second != first
