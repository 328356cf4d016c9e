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


def _terminate(database_url: str, pid: int) -> None:
    with psycopg.connect(
        database_url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True
    ) as c:
        assert c.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone()[0]


def test_an_idle_connection_that_died_is_replaced_before_use(ctx, database_url, monkeypatch):
    pid = _backend_pid(ctx)
    _terminate(database_url, pid)
    monkeypatch.setattr(db_module, "PING_AFTER_IDLE_S", 0.0)  # every checkout counts as idle
    assert _backend_pid(ctx) != pid


def test_a_connection_in_steady_use_is_not_pinged(ctx, database_url, monkeypatch):
    pid = _backend_pid(ctx)
    _terminate(database_url, pid)
    monkeypatch.setattr(db_module, "PING_AFTER_IDLE_S", 3600.0)  # just used: no ping, the death shows
    with pytest.raises(OperationalError):
        db.session.execute(text("SELECT 1"))
    db.session.rollback()
    assert _backend_pid(ctx) != pid  # and the pool replaced it after the failure
