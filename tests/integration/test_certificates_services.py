"""Certificates on PostGIS: issued only from registered rights (RG-02), each change in the right's register
(RG-01) and the audit log, every right holder on the certificate (LC-04), re-issue voiding the old code."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from registry.audit.models import AuditEntry
from registry.certificates import reading, services
from registry.certificates.models import Certificate
from registry.contracts.models import LandContract, RegisterEntry
from registry.errors import Conflict, Forbidden, RuleViolation
from registry.homesteads.models import HomesteadRegisterEntry, HomesteadRight
from tests import factories_certificates as fc
from registry import clock

TODAY = clock.today()


def test_a_registered_contract_gets_a_numbered_certificate_rg_02(session, world):
    right = fc.contract(session)
    cert = services.issue_certificate(session, fc.CLERK, "land_contract", right.ref)
    assert cert.number == right.ref and cert.right_ref == right.ref
    assert cert.status == "issued" and cert.origin == "issue" and cert.issued_on == TODAY
    assert cert.serial == f"豫（{TODAY.year}）中牟县农村土地承包经营权证第000001号"
    assert re.fullmatch(r"[A-Z2-9]{10}", cert.verification_code)


def test_every_right_holder_is_on_the_certificate_women_included_lc_04(session, world):
    right = fc.contract(session)
    cert = services.issue_certificate(session, fc.CLERK, "land_contract", right.ref)
    printed = cert.content["right_holders"]
    assert [h["name"] for h in printed] == right.names
    assert [h["sex"] for h in printed] == ["1", "2", "2"]
    assert all("*" in h["id_number"] for h in printed)  # SEC-02: masked on paper too
    assert cert.content["holder"]["name"] == right.names[0]


def test_serials_run_per_county_kind_and_year(session, world):
    first, second = fc.contract(session), fc.contract(session)
    plot = fc.homestead(session)
    a = services.issue_certificate(session, fc.CLERK, "land_contract", first.ref)
    b = services.issue_certificate(session, fc.CLERK, "land_contract", second.ref)
    h = services.issue_certificate(session, fc.REVIEWER, "homestead", plot.ref)
    assert [a.serial[-8:], b.serial[-8:]] == ["第000001号", "第000002号"]
    assert h.serial == f"豫（{TODAY.year}）中牟县不动产权第000001号"
    assert h.number == plot.ref and len(h.number) == 28


def test_unknown_right_is_refused_rg_02(session, world):
    with pytest.raises(RuleViolation) as err:
        services.issue_certificate(session, fc.CLERK, "land_contract", "410122100001000099J")
    assert err.value.rule == "RG-02" and err.value.status == 422


def test_an_ended_right_is_refused_rg_02(session, world):
    plot = fc.homestead(session)
    right = session.scalar(select(HomesteadRight).where(HomesteadRight.unit_code == plot.ref))
    right.status, right.ended_on, right.end_reason = "ended", TODAY, "exit"
    session.flush()
    with pytest.raises(RuleViolation) as err:
        services.issue_certificate(session, fc.REVIEWER, "homestead", plot.ref)
    assert err.value.rule == "RG-02"


def test_a_second_certificate_in_force_is_refused_rg_02(session, world):
    right = fc.contract(session)
    services.issue_certificate(session, fc.CLERK, "land_contract", right.ref)
    with pytest.raises(Conflict) as err:
        services.issue_certificate(session, fc.CLERK, "land_contract", right.ref)
    assert err.value.rule == "RG-02" and err.value.conflicts == [right.ref]


def test_a_clerk_of_another_collective_cannot_issue(session, world):
    right = fc.contract(session)
    with pytest.raises(Forbidden):
        services.issue_certificate(
            session, fc.Actor("clerk_b", "clerk", world.village_b), "land_contract", right.ref
        )


def test_each_certificate_event_is_in_the_contract_register_and_audited_rg_01(session, world):
    right = fc.contract(session)
    cert = services.issue_certificate(session, fc.CLERK, "land_contract", right.ref)
    services.reissue_certificate(session, fc.REVIEWER, cert.number, "遗失")
    services.cancel_certificate(session, fc.REVIEWER, cert.number, "权利终止")
    contract = session.scalar(select(LandContract).where(LandContract.code == right.ref))
    entries = session.scalars(
        select(RegisterEntry)
        .where(RegisterEntry.contract_id == contract.id, RegisterEntry.kind == "certificate")
        .order_by(RegisterEntry.seq)
    ).all()
    assert [e.details["event"] for e in entries] == ["issued", "reissued", "cancelled"]
    assert entries[1].reason.startswith("补发") and entries[1].reason.endswith("：遗失")
    assert entries[0].seq < entries[1].seq < entries[2].seq
    actions = session.scalars(
        select(AuditEntry.action).where(AuditEntry.entity == "certificate").order_by(AuditEntry.seq)
    ).all()
    assert actions == ["certificate.issued", "certificate.reissued", "certificate.cancelled"]


def test_homestead_certificate_events_are_in_the_homestead_register_rg_01(session, world):
    plot = fc.homestead(session)
    cert = services.issue_certificate(session, fc.REVIEWER, "homestead", plot.ref)
    services.replace_certificate(session, fc.REVIEWER, cert.number, "证书破损")
    right = session.scalar(select(HomesteadRight).where(HomesteadRight.unit_code == plot.ref))
    entries = session.scalars(
        select(HomesteadRegisterEntry)
        .where(HomesteadRegisterEntry.right_id == right.id)
        .order_by(HomesteadRegisterEntry.entry_no)
    ).all()
    assert [e.kind for e in entries] == ["certificate", "certificate"]
    assert entries[0].reason.startswith("颁发") and entries[1].reason.startswith("换发")


def test_reissue_invalidates_the_old_verification_code_rg_02(session, world):
    right = fc.contract(session)
    old = services.issue_certificate(session, fc.CLERK, "land_contract", right.ref)
    old_code = old.verification_code
    assert reading.verify(session, old.number, old_code).result == "valid"
    new = services.reissue_certificate(session, fc.REVIEWER, old.number, "遗失")
    assert new.verification_code != old_code and new.serial != old.serial and new.number == old.number
    assert (new.origin, new.origin_reason, new.replaces_id) == ("reissue", "遗失", old.id)
    assert (old.status, old.void_reason, old.voided_on) == ("reissued", "遗失", TODAY)
    assert reading.verify(session, old.number, old_code).result == "superseded"
    assert reading.verify(session, new.number, new.verification_code).result == "valid"
    assert reading.verify(session, new.number, "WRONGCODE234").result == "unknown"
    assert reading.verify(session, new.number, "").result == "unknown"


def test_reissue_replacement_and_cancellation_need_a_reason_rg_02(session, world):
    right = fc.contract(session)
    cert = services.issue_certificate(session, fc.CLERK, "land_contract", right.ref)
    for change in (services.reissue_certificate, services.replace_certificate, services.cancel_certificate):
        with pytest.raises(RuleViolation) as err:
            change(session, fc.REVIEWER, cert.number, "  ")
        assert err.value.rule == "RG-02" and "reason" in err.value.errors


def test_a_cancelled_certificate_cannot_be_reissued_but_the_right_can_be_certified_anew_rg_02(session, world):
    right = fc.contract(session)
    cert = services.issue_certificate(session, fc.CLERK, "land_contract", right.ref)
    services.cancel_certificate(session, fc.REVIEWER, cert.number, "误发")
    assert reading.verify(session, cert.number, cert.verification_code).result == "cancelled"
    with pytest.raises(Conflict) as err:
        services.reissue_certificate(session, fc.REVIEWER, cert.number, "遗失")
    assert err.value.rule == "RG-02"
    again = services.issue_certificate(session, fc.CLERK, "land_contract", right.ref)
    assert again.status == "issued" and again.origin == "issue"
    assert reading.get_certificate(session, fc.CLERK, cert.number).id == again.id


def test_one_certificate_in_force_per_right_in_the_database(session, world):
    right = fc.contract(session)
    cert = services.issue_certificate(session, fc.CLERK, "land_contract", right.ref)
    session.add(
        Certificate(
            number=cert.number,
            kind=cert.kind,
            right_id=cert.right_id,
            right_ref=cert.right_ref,
            collective_code=cert.collective_code,
            serial="X",
            origin="issue",
            status="issued",
            issued_on=TODAY,
            issued_by="x",
            verification_code="ABCDEFGH23",
            content={},
        )
    )
    with pytest.raises(IntegrityError) as err:
        session.flush()
    assert "uq_certificates_in_force_right" in str(err.value)


def test_batch_issues_every_registered_right_without_a_certificate(session, world):
    done, todo = fc.contract(session), fc.contract(session)
    plot = fc.homestead(session)
    services.issue_certificate(session, fc.CLERK, "land_contract", done.ref)
    summary = services.issue_missing(session, fc.REVIEWER, world.village_a)
    assert [c.number for c in summary.issued["land_contract"]] == [todo.ref]
    assert [c.number for c in summary.issued["homestead"]] == [plot.ref]
    assert summary.refused == []
    again = services.issue_missing(session, fc.REVIEWER, world.village_a)
    assert again.issued == {"land_contract": [], "homestead": []}


def test_a_certificate_of_a_right_that_ended_no_longer_verifies_as_valid_rg_02(session, world):
    plot = fc.homestead(session)
    cert = services.issue_certificate(session, fc.REVIEWER, "homestead", plot.ref)
    right = session.scalar(select(HomesteadRight).where(HomesteadRight.unit_code == plot.ref))
    right.status, right.ended_on, right.end_reason = "ended", TODAY, "destroyed"
    session.flush()
    assert reading.verify(session, cert.number, cert.verification_code).result == "right_ended"
