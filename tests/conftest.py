"""A throwaway PostGIS cluster per test run, the schema built by migrating, and factories that build the
world.

Tests commit for real (concurrency tests need it); after each test every table is emptied again.
Set TEST_DATABASE_URL to use an existing server instead (its database is wiped).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import text

from registry import create_app
from registry.config import TestConfig
from registry.db import db
from registry.pgcluster import LocalCluster
from tests import factories
from registry import clock


@pytest.fixture(scope="session")
def cluster():
    if os.environ.get("TEST_DATABASE_URL"):
        yield None
        return
    base = Path(tempfile.mkdtemp(prefix="registry-test-"))
    os.chmod(base, 0o755)
    c = LocalCluster(base, durable=False)  # throwaway: the fast settings
    c.start()
    yield c
    c.destroy()
    import shutil

    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def database_url(cluster):
    return os.environ.get("TEST_DATABASE_URL") or cluster.url()


@pytest.fixture(scope="session")
def app(database_url):
    from flask_migrate import upgrade

    application = create_app(
        {
            **{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
            "SQLALCHEMY_DATABASE_URI": database_url,
        }
    )
    with application.app_context():
        upgrade()
        db.session.remove()
        application.config["TEST_SEEDED_ROWS"] = _seeded_rows()
    return application


# Reference tables the migrations seed: after each test they are put back as migrated, not emptied.
SEEDED_TABLES = ("homestead_caps",)


def _seeded_rows() -> dict:
    with db.engine.connect() as conn:
        return {
            name: [dict(r._mapping) for r in conn.execute(db.metadata.tables[name].select())]
            for name in SEEDED_TABLES
        }


def _restore_seeded(conn, rows: dict) -> None:
    for name, items in rows.items():
        conn.execute(db.metadata.tables[name].delete())
        if items:
            conn.execute(db.metadata.tables[name].insert(), items)


def _tables_to_empty():
    names = [t.name for t in db.metadata.sorted_tables if t.name not in ("audit_head", *SEEDED_TABLES)]
    return ", ".join(f'"{n}"' for n in names)


@pytest.fixture(autouse=True)
def _clean_database(request):
    yield
    if "app" not in request.fixturenames:
        return
    application = request.getfixturevalue("app")
    with application.app_context():
        db.session.remove()
        with db.engine.begin() as conn:
            conn.execute(text("SET session_replication_role = replica"))  # lets the audit log be emptied
            conn.execute(text(f"TRUNCATE {_tables_to_empty()} RESTART IDENTITY CASCADE"))
            conn.execute(text("UPDATE audit_head SET seq = 0, hash = repeat('0', 64)"))
            _restore_seeded(conn, application.config["TEST_SEEDED_ROWS"])
            conn.execute(text("SET session_replication_role = origin"))


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield
        db.session.rollback()
        db.session.remove()


@pytest.fixture
def session(ctx):
    return db.session


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def world(app):
    """A county with a township, two villages and a group, and one user of each role."""
    with app.app_context():
        w = factories.build_world(db.session)
        db.session.commit()
        db.session.remove()
    return w


@pytest.fixture
def api(client, world):
    return factories.ApiClient(client, world)


@pytest.fixture
def today():
    return clock.today()
