"""RG-03: the audit log is append-only, hash-chained, and `audit verify` finds tampering."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from registry.audit.services import record
from registry.audit.verify import verify_chain
from registry.auth.actor import SYSTEM
from registry.db import db


def _write_three(session):
    for i in range(3):
        record(session, SYSTEM, "test.write", "thing", i, after={"n": i, "名": "值"})
    session.commit()


def test_an_intact_chain_verifies_rg_03(session):
    _write_three(session)
    report = verify_chain(session)
    assert report.ok and report.checked == 3


def test_the_database_refuses_update_and_delete_rg_03(session):
    _write_three(session)
    with pytest.raises(DBAPIError):
        session.execute(text("UPDATE audit_log SET actor = 'x' WHERE seq = 2"))
    session.rollback()
    with pytest.raises(DBAPIError):
        session.execute(text("DELETE FROM audit_log WHERE seq = 2"))
    session.rollback()


def _tamper(session, sql):
    session.execute(text("SET session_replication_role = replica"))
    session.execute(text(sql))
    session.execute(text("SET session_replication_role = origin"))
    session.commit()


def test_an_edited_entry_is_detected_rg_03(session):
    _write_three(session)
    _tamper(session, "UPDATE audit_log SET after = '{\"n\": 99}' WHERE seq = 2")
    report = verify_chain(session)
    assert not report.ok and report.bad_seq == 2


def test_a_removed_entry_is_detected_rg_03(session):
    _write_three(session)
    _tamper(session, "DELETE FROM audit_log WHERE seq = 2")
    report = verify_chain(session)
    assert not report.ok and report.bad_seq == 2


def test_a_removed_newest_entry_is_detected_rg_03(session):
    _write_three(session)
    _tamper(session, "DELETE FROM audit_log WHERE seq = 3")
    assert not verify_chain(session).ok


def test_audit_verify_command_exits_non_zero_naming_the_entry(app, session):
    _write_three(session)
    runner = app.test_cli_runner()
    ok = runner.invoke(args=["audit", "verify"])
    assert ok.exit_code == 0 and "3 entries" in ok.output
    _tamper(session, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 1")
    db.session.remove()
    bad = runner.invoke(args=["audit", "verify"])
    assert bad.exit_code != 0 and "entry 1" in bad.output


def test_api_writes_leave_audit_entries_visible_to_reviewers(api):
    from tests.factories import make_id_number

    number = make_id_number()
    api.post("/api/v1/persons", {"id_number": number, "name": "审计"})
    r = api.get(f"/api/v1/audit?entity=person&entity_id={number}", as_="reviewer")
    assert r.status_code == 200
    assert [i["action"] for i in r.get_json()["items"]] == ["person.register"]
    assert api.get("/api/v1/audit", as_="clerk").status_code == 403
