"""Pooled connections: one idle for a while is pinged before use and replaced when dead; one in steady use is
not pinged (no extra round trip per request)."""

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

import importlib
from registry.db import db

db_module = importlib.import_module("registry.db")


def _backend_pid(ctx) -> int:
    pid = db.session.execute(text("SELECT pg_backend_pid()")).scalar_one()
    db.session.commit()  # back to the pool
    return pid


def _terminate_every_pooled_connection(database_url: str) -> None:
    """Every other client backend of the database ends, as in a restart of PostgreSQL: the pool is dead."""
    with psycopg.connect(
        database_url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True
    ) as c:
        ended = c.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND backend_type = 'client backend'"
        ).fetchone()[0]
    assert ended >= 1


@pytest.fixture
def fresh_pool(ctx):
    yield
    db.session.remove()
    db.engine.dispose()  # no dead connection is left to the tests after these


def test_an_idle_connection_that_died_is_replaced_before_use(ctx, fresh_pool, database_url, monkeypatch):
    pid = _backend_pid(ctx)
    _terminate_every_pooled_connection(database_url)
    monkeypatch.setattr(db_module, "PING_AFTER_IDLE_S", 0.0)  # every checkout counts as idle
    assert _backend_pid(ctx) != pid


def test_a_connection_in_steady_use_is_not_pinged(ctx, fresh_pool, database_url, monkeypatch):
    pid = _backend_pid(ctx)
    _terminate_every_pooled_connection(database_url)
    monkeypatch.setattr(db_module, "PING_AFTER_IDLE_S", 3600.0)  # just used: no ping, the death shows
    with pytest.raises(OperationalError):
        db.session.execute(text("SELECT 1"))
    db.session.rollback()
    assert _backend_pid(ctx) != pid  # and the pool replaced it after the failure
