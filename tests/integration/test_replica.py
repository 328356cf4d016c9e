"""DATABASE_REPLICA_URL: read-only work runs on a real streaming replica (pg_basebackup -R from a throwaway
primary), proven by pg_is_in_recovery(); writes and reads of writing requests stay on the primary; a row not
replayed yet is found on the primary; a stopped replica falls back to the primary."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from sqlalchemy import event, text

from registry import create_app
from registry.db import db
from registry.replica import on_replica, read_session
from registry.pgcluster import PG_BIN, LocalCluster, _prepare_dir, _run_as_owner

IN_RECOVERY = text("SELECT pg_is_in_recovery()")


@pytest.fixture(scope="module")
def clusters():
    base = Path(tempfile.mkdtemp(prefix="registry-replica-"))
    base.chmod(0o755)
    primary, replica = LocalCluster(base / "primary"), LocalCluster(base / "replica")
    primary.start()
    _prepare_dir(replica.root)
    _prepare_dir(replica.sockdir)
    _prepare_dir(replica.datadir)
    _run_as_owner(
        [
            str(PG_BIN / "pg_basebackup"),
            "-D",
            str(replica.datadir),
            "-R",
            "-X",
            "stream",
            "-h",
            str(primary.sockdir),
            "-U",
            primary.user,
        ]
    )
    replica.start()
    yield primary, replica
    replica.destroy()
    primary.destroy()
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def replica_app(clusters):
    from flask_migrate import upgrade

    primary, replica = clusters
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": primary.url(), "DATABASE_REPLICA_URL": replica.url(), "TESTING": True}
    )
    with app.app_context():
        upgrade()
        db.session.execute(
            text(
                "INSERT INTO collectives (code, name, level, county_code) "
                "VALUES ('41012210000100', '村', 'village', '410122')"
            )
        )
        db.session.commit()
        db.session.remove()
    return app


def _confirmation(app, number: str, code: str) -> None:
    with app.app_context():
        db.session.execute(
            text("""INSERT INTO settlement_confirmations (number, station, station_county, id_number,
            collective_code, eligible, reasons, cause, code_hash, issued_on, valid_until) VALUES (:n,
                'station',
            '410122', '410122199001010011', '41012210000100', false, '["RS-01"]', 'not_member', :h,
                current_date,
            current_date + 90)"""),
            {"n": number, "h": hashlib.sha256(f"{number}:{code}".encode()).hexdigest()},
        )
        db.session.commit()
        db.session.remove()


def _replayed(app, number: str) -> None:
    """Wait until the replica has replayed everything the primary has written so far."""
    with app.app_context():
        lsn = db.session.scalar(text("SELECT pg_current_wal_lsn()"))
        db.session.remove()
    engine = app.extensions["registry_replica"].engine
    for _ in range(200):
        with engine.connect() as conn:
            if conn.scalar(text("SELECT pg_last_wal_replay_lsn() >= CAST(:lsn AS pg_lsn)"), {"lsn": lsn}):
                return
        time.sleep(0.05)
    raise AssertionError(f"{number} not replayed")


def test_read_session_runs_on_the_replica_in_a_reading_request(replica_app):
    with replica_app.test_request_context("/api/v1/anything", method="GET"):
        with read_session() as session:
            assert session.scalar(IN_RECOVERY) is True
        assert db.session.scalar(IN_RECOVERY) is False


def test_reads_of_a_writing_request_stay_on_the_primary(replica_app):
    with replica_app.test_request_context("/api/v1/anything", method="POST"):
        with read_session() as session:
            assert session.scalar(IN_RECOVERY) is False


def test_reads_after_a_write_in_the_same_request_stay_on_the_primary(replica_app):
    with replica_app.test_request_context("/api/v1/anything", method="GET"):
        db.session.execute(text("SELECT 1"))
        from registry.collectives.models import Collective

        db.session.add(Collective(code="41012210000200", name="村二", level="village", county_code="410122"))
        db.session.flush()
        with read_session() as session:
            assert session.scalar(IN_RECOVERY) is False
        db.session.rollback()


def test_public_confirmation_verification_is_answered_by_the_replica(replica_app):
    _confirmation(replica_app, "RS4101222026000001", "ABCDEFGHJK")
    _replayed(replica_app, "RS4101222026000001")
    seen = []
    engine = replica_app.extensions["registry_replica"].engine
    listener = lambda conn, cur, statement, *a: seen.append(statement)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        r = replica_app.test_client().get(
            "/api/v1/settlement-confirmations/RS4101222026000001?code=ABCDEFGHJK"
        )
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert r.status_code == 200 and r.get_json()["number"] == "RS4101222026000001"
    assert any("settlement_confirmations" in s for s in seen)


def test_a_row_not_replayed_yet_is_found_on_the_primary(replica_app, clusters):
    _, replica = clusters
    replica.psql("registry", "SELECT pg_wal_replay_pause()")
    try:
        _confirmation(replica_app, "RS4101222026000002", "ABCDEFGHJK")
        with replica_app.app_context():
            with read_session() as session:
                assert (
                    session.scalar(
                        text(
                            "SELECT count(*) FROM settlement_confirmations WHERE number = "
                            "'RS4101222026000002'"
                        )
                    )
                    == 0
                )
        r = replica_app.test_client().get(
            "/api/v1/settlement-confirmations/RS4101222026000002?code=ABCDEFGHJK"
        )
        assert r.status_code == 200
        assert (
            replica_app.test_client()
            .get("/api/v1/settlement-confirmations/RS4101222026000002?code=WRONGCODE2")
            .status_code
            == 404
        )
    finally:
        replica.psql("registry", "SELECT pg_wal_replay_resume()")


def test_a_stopped_replica_falls_back_to_the_primary(replica_app, clusters):
    _, replica = clusters
    _confirmation(replica_app, "RS4101222026000003", "ABCDEFGHJK")
    with replica_app.app_context():
        with read_session() as session:  # a pooled connection to the replica exists before it stops
            assert session.scalar(IN_RECOVERY) is True
    replica.stop()
    try:
        r = replica_app.test_client().get(
            "/api/v1/settlement-confirmations/RS4101222026000003?code=ABCDEFGHJK"
        )
        assert r.status_code == 200
        with replica_app.test_request_context("/api/v1/anything", method="GET"):
            with read_session() as session:
                assert session.scalar(IN_RECOVERY) is False
            assert on_replica(lambda s: s.scalar(IN_RECOVERY)) is False
    finally:
        replica.start()
    replica_app.extensions["registry_replica"].down_until = 0.0
    with replica_app.test_request_context("/api/v1/anything", method="GET"):
        with read_session() as session:
            assert session.scalar(IN_RECOVERY) is True
