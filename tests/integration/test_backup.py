"""`backup create` (pg_dump custom format) and `backup restore` into an empty database, on the throwaway
cluster:
afterwards the audit chain verifies (AUD-01) and every table holds as many rows as the original."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from registry import create_app
from registry.config import TestConfig
from tests.api import test_reviews as reviews

TABLES = text("""SELECT format('%I.%I', schemaname, tablename) FROM pg_tables
                 WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1""")


def _counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    with engine.connect() as conn:
        counts = {t: conn.scalar(text(f"SELECT count(*) FROM {t}")) for t in conn.scalars(TABLES)}
    engine.dispose()
    return counts


@pytest.fixture
def empty_database(cluster):
    if cluster is None:
        pytest.skip("needs the throwaway cluster (TEST_DATABASE_URL is set)")
    cluster.drop_database("restored")
    cluster.ensure_database("restored")
    yield cluster.url("restored")
    cluster.drop_database("restored")


def _app(url):
    return create_app(
        {
            **{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
            "SQLALCHEMY_DATABASE_URI": url,
        }
    )


def test_a_backup_restores_into_an_empty_database_with_every_row_and_a_sound_audit_chain_aud_01(
    app, api, database_url, empty_database, tmp_path
):
    reviews.test_the_bureau_report_lists_every_flagged_exit_with_its_dates_ur_04(app, api)  # records + audit
    dump = tmp_path / "registry.dump"
    r = app.test_cli_runner().invoke(args=["backup", "create", str(dump)])
    assert r.exit_code == 0, r.output
    assert dump.read_bytes()[:5] == b"PGDMP" and not (tmp_path / "registry.dump.partial").exists()

    target = _app(empty_database)
    r = target.test_cli_runner().invoke(args=["backup", "restore", str(dump)])
    assert r.exit_code == 0, r.output
    original, restored = _counts(database_url), _counts(empty_database)
    assert restored == original and original["public.audit_log"] > 0 and original["public.exits"] == 3
    r = target.test_cli_runner().invoke(args=["audit", "verify"])
    assert r.exit_code == 0 and "intact" in r.output, r.output


def test_a_restore_into_a_database_with_tables_is_refused_and_changes_nothing(
    app, api, empty_database, tmp_path
):
    dump = tmp_path / "registry.dump"
    assert app.test_cli_runner().invoke(args=["backup", "create", str(dump)]).exit_code == 0
    engine = create_engine(empty_database)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE notes (id int)"))
        conn.execute(text("INSERT INTO notes VALUES (1)"))
    engine.dispose()
    r = _app(empty_database).test_cli_runner().invoke(args=["backup", "restore", str(dump)])
    assert r.exit_code != 0 and "not empty" in r.output
    assert _counts(empty_database) == {"public.notes": 1}
