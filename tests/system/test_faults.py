"""Faults with real processes: gunicorn killed with kill -9 in the middle of a write leaves nothing partial
(PAR-02 bulk import, SH-04 distribution; AUD-01 chain intact), and PostgreSQL stopped under load gives clean
503 problem+json answers, then full service again without restarting the app.

A write is caught in the middle deterministically: the test holds the audit chain's head row locked, so the
server's transaction — its parcels or allocations already written — waits at its audit entry; then the whole
gunicorn process group is killed with SIGKILL.
"""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest
from sqlalchemy import create_engine, text

from tests.factories import VILLAGE_A
from tests.factories_parcels import feature, metre_box, polygon_geojson
from tests.factories_shares import quantified_village

pytestmark = pytest.mark.system

WAITING_AT_AUDIT = text("""SELECT pid FROM pg_stat_activity WHERE datname = current_database()
                           AND wait_event_type = 'Lock' AND query ILIKE '%audit_head%'""")


def _poll(engine, sql, params=None):
    """One fresh transaction per look: pg_stat_activity is a snapshot within a transaction."""
    with engine.connect() as conn:
        return conn.scalar(sql, params or {})


def _scalar(url, sql):
    engine = create_engine(url)
    with engine.connect() as conn:
        value = conn.scalar(text(sql))
    engine.dispose()
    return value


def _chain_intact(app) -> bool:
    from registry.audit.verify import verify_chain
    from registry.db import db

    with app.app_context():
        ok = verify_chain(db.session).ok
        db.session.remove()
    return ok


def _killed_midway(server, database_url, method, path, body, token):
    """Send the request, wait until its transaction waits at its audit entry, kill -9 the server; returns once
    PostgreSQL has ended the orphaned transaction."""
    engine = create_engine(database_url)
    holder = engine.connect()
    holder.execute(text("SELECT 1 FROM audit_head WHERE chain = 'clerk' FOR UPDATE"))
    outcome = {}
    sender = threading.Thread(
        target=lambda: outcome.update(r=_try(lambda: server.request(method, path, body, token, timeout=60)))
    )
    sender.start()
    try:
        deadline, pid = time.monotonic() + 30, None
        while pid is None and time.monotonic() < deadline:
            pid = _poll(engine, WAITING_AT_AUDIT)
            time.sleep(0.05)
        assert pid is not None, "the write never reached its audit entry"
        server.kill9()
    finally:
        holder.rollback()
        holder.close()
    sender.join(30)
    assert isinstance(outcome["r"], OSError), outcome  # the client saw the connection die, not an answer
    deadline = time.monotonic() + 30
    while _poll(engine, text("SELECT count(*) FROM pg_stat_activity WHERE pid = :p"), {"p": pid}):
        assert time.monotonic() < deadline, "the orphaned backend did not end"
        time.sleep(0.05)
    engine.dispose()


def _try(fn):
    try:
        return fn()
    except OSError as err:
        return err


def _batch(n: int) -> dict:
    features = [
        feature(polygon_geojson(metre_box(40 * (i % 25), 40 * (i // 25), 30, 30)), VILLAGE_A)
        for i in range(n)
    ]
    return {"type": "FeatureCollection", "features": features}


def test_kill_9_during_a_bulk_parcel_import_leaves_no_parcel_par_02(app, api, server, database_url):
    token = api.token("clerk")
    audit_before = _scalar(database_url, "SELECT count(*) FROM audit_log")
    _killed_midway(server, database_url, "POST", "/api/v1/parcels/bulk", _batch(200), token)
    assert _scalar(database_url, "SELECT count(*) FROM parcels") == 0
    assert _scalar(database_url, "SELECT count(*) FROM audit_log") == audit_before and _chain_intact(app)
    server.start()  # the same import after the restart registers the whole batch
    status, _, body = server.request("POST", "/api/v1/parcels/bulk", _batch(200), token)
    assert status == 201 and len(body["codes"]) == 200
    assert _scalar(database_url, "SELECT count(*) FROM parcels") == 200 and _chain_intact(app)


def test_kill_9_during_a_distribution_leaves_no_plan_and_no_allocation_sh_04(app, api, server, database_url):
    quantified_village(app, api, [3, 2, 1, 4, 2])
    token = api.token("clerk")
    path = f"/api/v1/collectives/{VILLAGE_A}/distributions"
    plan = {"year": 2025, "net_income_fen": 1_000_001, "reserve_ratio": "0.3"}
    _killed_midway(server, database_url, "POST", path, plan, token)
    assert _scalar(database_url, "SELECT count(*) FROM distributions") == 0
    assert _scalar(database_url, "SELECT count(*) FROM distribution_allocations") == 0
    assert _chain_intact(app)
    server.start()
    status, _, body = server.request("POST", path, plan, token)
    assert status == 201 and len(body["allocations"]) == 5
    assert sum(a["amount_fen"] for a in body["allocations"]) == body["distributable_fen"]


def test_postgresql_stopped_under_load_gives_503_problem_json_then_full_service(app, api, server, cluster):
    if cluster is None:
        pytest.skip("needs the throwaway cluster (TEST_DATABASE_URL is set)")
    token = api.token("clerk")
    answers: list[tuple[float, int, str, object]] = []
    stop = threading.Event()

    def load():
        while not stop.is_set():
            r = _try(lambda: server.request("GET", "/api/v1/parcels", token=token, timeout=10))
            answers.append(
                (time.monotonic(), *r) if not isinstance(r, OSError) else (time.monotonic(), 0, "", r)
            )

    workers = [threading.Thread(target=load) for _ in range(3)]
    for w in workers:
        w.start()
    try:
        time.sleep(0.5)
        stopping_at = (
            time.monotonic()
        )  # requests in flight fail from here on, while stop() waits for shutdown
        cluster.stop()
        time.sleep(1.5)
        cluster.start()
        up_at = time.monotonic()
        time.sleep(1.5)
    finally:
        stop.set()
        for w in workers:
            w.join(15)
    assert server.proc.poll() is None  # the app was never restarted
    statuses = {a[1] for a in answers}
    assert statuses <= {200, 503}, [a for a in answers if a[1] not in (200, 503)][:3]
    down = [a for a in answers if a[1] == 503]
    assert down, "no request reached the server while PostgreSQL was down"
    assert all(
        a[2] == "application/problem+json"
        and a[3]["status"] == 503
        and a[3]["detail"] == "数据库暂时无法连接，本次操作未保存，请稍后重试。"
        for a in down
    )
    assert all(stopping_at <= a[0] <= up_at + 5.0 for a in down)  # a loaded CI machine reconnects slower
    after = [server.request("GET", "/api/v1/parcels", token=token)[0] for _ in range(20)]
    assert after == [200] * 20


def test_a_graceful_restart_finishes_the_request_in_flight_and_keeps_serving(app, api, server, database_url):
    """gunicorn.conf.py: on HUP new workers start and the old one finishes its write (AUD-01: one entry)."""
    token = api.token("clerk")
    engine = create_engine(database_url)
    holder = engine.connect()
    holder.execute(text("SELECT 1 FROM audit_head WHERE chain = 'clerk' FOR UPDATE"))
    outcome = {}
    sender = threading.Thread(
        target=lambda: outcome.update(
            r=_try(lambda: server.request("POST", "/api/v1/parcels/bulk", _batch(5), token, timeout=60))
        )
    )
    sender.start()
    try:
        deadline = time.monotonic() + 30
        while _poll(engine, WAITING_AT_AUDIT) is None:
            assert time.monotonic() < deadline, "the write never reached its audit entry"
            time.sleep(0.05)
        os.kill(server.proc.pid, signal.SIGHUP)
        time.sleep(1)
    finally:
        holder.rollback()
        holder.close()
        engine.dispose()
    sender.join(30)
    assert outcome["r"][0] == 201, outcome
    assert server.request("GET", "/api/v1/parcels", token=token)[0] == 200 and server.proc.poll() is None
    assert _scalar(database_url, "SELECT count(*) FROM parcels") == 5 and _chain_intact(app)
