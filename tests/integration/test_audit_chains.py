"""RG-03 with one hash chain per actor: interleaved chains verify; tampering across chains is still found."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from registry.audit.services import record
from registry.audit.verify import verify_chain
from registry.auth.actor import Actor

A = Actor("clerk_a", "clerk", "41012210000101")
B = Actor("clerk_b", "clerk", "41012210000102")


def _interleaved(session):
    for i in range(3):
        record(session, A, "test.write", "thing", f"a{i}", after={"n": i})
        record(session, B, "test.write", "thing", f"b{i}", after={"n": i})
    session.commit()


def _tamper(session, sql):
    session.execute(text("SET session_replication_role = replica"))
    session.execute(text(sql))
    session.execute(text("SET session_replication_role = origin"))
    session.commit()


def test_interleaved_chains_verify_and_each_has_its_head_rg_03(session):
    _interleaved(session)
    assert verify_chain(session).ok and verify_chain(session).checked == 6
    heads = dict(session.execute(text("SELECT chain, seq FROM audit_head WHERE seq > 0")).all())
    assert heads == {"clerk_a": 3, "clerk_b": 3}


def test_an_entry_moved_to_another_chain_is_detected_rg_03(session):
    _interleaved(session)
    _tamper(session, "UPDATE audit_log SET chain = 'clerk_b', chain_seq = 4 WHERE entity_id = 'a1'")
    assert not verify_chain(session).ok


def test_two_entries_of_a_chain_swapped_are_detected_rg_03(session):
    _interleaved(session)
    _tamper(session, "UPDATE audit_log SET seq = -seq WHERE entity_id IN ('a0', 'a1')")
    _tamper(session, "UPDATE audit_log SET seq = CASE entity_id WHEN 'a0' THEN 3 ELSE 1 END WHERE seq < 0")
    report = verify_chain(session)
    assert not report.ok and report.bad_seq == 1


def test_a_whole_chain_tail_removed_is_detected_by_its_head_rg_03(session):
    _interleaved(session)
    _tamper(session, "DELETE FROM audit_log WHERE entity_id = 'b2'")
    report = verify_chain(session)
    assert not report.ok and "clerk_b" in report.reason


def test_each_chain_is_registered_by_its_first_entry_in_order_rg_03(session):
    _interleaved(session)
    rows = session.execute(text("SELECT n, chain FROM audit_chains ORDER BY n")).all()
    assert [tuple(r) for r in rows] == [(1, "clerk_a"), (2, "clerk_b")]
    assert session.execute(text("SELECT n FROM audit_chains_anchor")).scalar_one() == 2
    record(session, A, "test.write", "thing", "a3")  # a later entry registers nothing more
    session.commit()
    assert session.execute(text("SELECT count(*) FROM audit_chains")).scalar_one() == 2
    assert verify_chain(session).ok


def test_a_whole_chain_removed_with_its_head_is_detected_rg_03(session):
    _interleaved(session)
    _tamper(
        session,
        "DELETE FROM audit_log WHERE chain = 'clerk_b'; DELETE FROM audit_head WHERE chain = 'clerk_b'",
    )
    report = verify_chain(session)
    assert not report.ok and "clerk_b" in report.reason


def test_a_whole_chain_removed_with_its_registration_is_detected_rg_03(session):
    _interleaved(session)
    _tamper(
        session,
        "DELETE FROM audit_log WHERE chain = 'clerk_a'; DELETE FROM audit_head WHERE chain = 'clerk_a';"
        "DELETE FROM audit_chains WHERE chain = 'clerk_a'",
    )
    report = verify_chain(session)
    assert not report.ok and "registry of chains is broken" in report.reason


def test_the_newest_chain_removed_with_its_registration_is_detected_by_the_anchor_rg_03(session):
    _interleaved(session)
    _tamper(
        session,
        "DELETE FROM audit_log WHERE chain = 'clerk_b'; DELETE FROM audit_head WHERE chain = 'clerk_b';"
        "DELETE FROM audit_chains WHERE chain = 'clerk_b'",
    )
    report = verify_chain(session)
    assert not report.ok and "after 1 were removed" in report.reason


def test_the_database_refuses_to_remove_a_head_or_a_registration_rg_03(session):
    _interleaved(session)
    for sql in (
        "DELETE FROM audit_head WHERE chain = 'clerk_a'",
        "TRUNCATE audit_head",
        "DELETE FROM audit_chains WHERE chain = 'clerk_a'",
        "UPDATE audit_chains SET chain = 'x'",
        "DELETE FROM audit_chains_anchor",
    ):
        with pytest.raises(DBAPIError, match="RG-03"):
            session.execute(text(sql))
        session.rollback()
    assert verify_chain(session).ok
