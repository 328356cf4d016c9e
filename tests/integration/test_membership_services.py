"""Membership services on PostGIS, rule by rule at the service level (MEM-01..05, MEM-07, RS-03)."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from registry.auth.actor import Actor
from registry.errors import Conflict, Forbidden, InvalidInput, RuleViolation
from registry.membership import services
from registry.membership.models import Membership, MembershipApplication, RosterChange
from tests.factories import VILLAGE_A, VILLAGE_B, make_member, make_person
from tests.factories_membership import MEETING, assembly, clerk_of, confirm, make_application
from registry import clock

CLERK_A = clerk_of(VILLAGE_A)
POLICE = Actor("police", "police", "410122")


def test_a_resolution_meeting_every_threshold_confirms_a_member_mem_02(session, world):
    person = make_person(session)
    resolution, application = confirm(session, person, VILLAGE_A)
    m = services.active_membership(session, person.id)
    assert m.collective_code == VILLAGE_A and m.since == MEETING and m.resolution_id == resolution.id
    assert application.status == "confirmed" and application.resolution_id == resolution.id
    assert services.is_active_member(session, person.id, VILLAGE_A)
    assert not services.is_active_member(session, person.id, VILLAGE_B)
    assert services.active_member_count(session, VILLAGE_A) == 1


@pytest.mark.parametrize(
    "figures, field",
    [
        ({"votes_for": 20, "members_total": 31, "members_with_capacity": 31, "attended": 31}, "votes_for"),
        ({"attended": 19, "votes_for": 19, "members_total": 30, "members_with_capacity": 29}, "attended"),
        ({"notice_date": MEETING - timedelta(days=9)}, "notice_date"),
        ({"body": "representatives"}, "body"),
    ],
)
def test_each_art_27_threshold_is_checked_exactly_mem_02(session, world, figures, field):
    person = make_person(session)
    application = make_application(session, person, VILLAGE_A)
    with pytest.raises(RuleViolation) as err:
        services.adopt_resolution(
            session,
            CLERK_A,
            VILLAGE_A,
            assembly(decisions=[{"application_id": application.id, "decision": "confirm"}], **figures),
        )
    assert err.value.rule == "MEM-02" and field in err.value.errors
    assert services.active_membership(session, person.id) is None


def test_the_notice_period_comes_from_configuration_mem_02(session, world):
    data = assembly(subject="other", notice_date=MEETING - timedelta(days=12))
    with pytest.raises(RuleViolation):
        services.adopt_resolution(session, CLERK_A, VILLAGE_A, data, notice_days=14)
    assert services.adopt_resolution(session, CLERK_A, VILLAGE_A, data, notice_days=12).id


def test_a_meeting_in_the_future_is_not_a_resolution(session, world):
    data = assembly(
        subject="other",
        meeting_date=clock.today() + timedelta(days=1),
        notice_date=clock.today() - timedelta(days=20),
    )
    with pytest.raises(InvalidInput) as err:
        services.adopt_resolution(session, CLERK_A, VILLAGE_A, data)
    assert "meeting_date" in err.value.errors


def test_rejecting_a_birth_is_refused_and_nothing_is_decided_mem_03(session, world):
    child, adult = make_person(session, "新生儿", birth=date(2024, 3, 1)), make_person(session)
    birth = make_application(session, child, VILLAGE_A, "birth")
    other = make_application(session, adult, VILLAGE_A, "original")
    with pytest.raises(RuleViolation) as err:
        services.adopt_resolution(
            session,
            CLERK_A,
            VILLAGE_A,
            assembly(
                decisions=[
                    {"application_id": other.id, "decision": "confirm"},
                    {"application_id": birth.id, "decision": "reject"},
                ]
            ),
        )
    assert err.value.rule == "MEM-03" and "decisions.1.decision" in err.value.errors
    assert services.active_membership(session, adult.id) is None
    services.adopt_resolution(
        session, CLERK_A, VILLAGE_A, assembly(decisions=[{"application_id": birth.id, "decision": "confirm"}])
    )
    assert services.is_active_member(session, child.id, VILLAGE_A)


def test_confirming_in_b_ends_a_at_that_moment_and_records_both_roster_changes_mem_01(session, world):
    person = make_person(session)
    old = make_member(session, person, VILLAGE_A, since=date(2001, 1, 1))
    resolution, _ = confirm(session, person, VILLAGE_B, "marriage")
    session.refresh(old)
    assert (old.status, old.end_reason, old.ended_on, old.end_resolution_id) == (
        "ended",
        "acquired_other",
        MEETING,
        resolution.id,
    )
    assert services.active_membership(session, person.id).collective_code == VILLAGE_B
    kinds = session.execute(
        select(RosterChange.collective_code, RosterChange.kind, RosterChange.reason).order_by(RosterChange.id)
    ).all()
    assert kinds == [(VILLAGE_A, "ended", "acquired_other"), (VILLAGE_B, "joined", "marriage")]
    # the old collective's roster as of the day before still lists the person; on the meeting day it does not
    assert services.active_member_count(session, VILLAGE_A, as_of=MEETING - timedelta(days=1)) == 1
    assert services.active_member_count(session, VILLAGE_A, as_of=MEETING) == 0


def test_a_confirmation_dated_before_the_current_membership_began_is_refused_mem_01(session, world):
    person = make_person(session)
    make_member(session, person, VILLAGE_A, since=MEETING + timedelta(days=1))
    with pytest.raises(Conflict) as err:
        confirm(session, person, VILLAGE_B)
    assert err.value.rule == "MEM-01"


def test_the_database_refuses_a_second_active_membership_mem_01(session, world):
    person = make_person(session)
    make_member(session, person, VILLAGE_A)
    with pytest.raises(IntegrityError, match="uq_memberships_active_person"):
        make_member(session, person, VILLAGE_B)


def test_applying_where_already_active_is_refused_mem_01(session, world):
    person = make_person(session)
    make_member(session, person, VILLAGE_A)
    with pytest.raises(Conflict) as err:
        services.submit_application(session, CLERK_A, VILLAGE_A, person.id_number, "original")
    assert err.value.rule == "MEM-01"
    assert services.submit_application(
        session, clerk_of(VILLAGE_B), VILLAGE_B, person.id_number, "marriage"
    ).id


def test_a_hukou_move_in_creates_a_pending_application_never_a_membership_rs_03(session, world):
    person = make_person(session)
    application = services.application_from_move_in(session, POLICE, person, VILLAGE_A)
    assert (application.status, application.source, application.basis) == ("pending", "hukou_event", "other")
    assert services.active_membership(session, person.id) is None
    assert session.scalar(select(Membership.id)) is None
    # recorded twice, still one application
    assert services.application_from_move_in(session, POLICE, person, VILLAGE_A).id == application.id
    assert session.scalars(select(MembershipApplication)).all() == [application]


def test_a_birth_event_creates_a_birth_application_rs_03(session, world):
    child = make_person(session, "新生儿", birth=date(2024, 3, 1))
    application = services.application_from_move_in(session, POLICE, child, VILLAGE_A, basis="birth")
    assert application.basis == "birth" and application.status == "pending"


def test_a_move_in_of_an_active_member_of_that_collective_needs_no_application_rs_03(session, world):
    person = make_person(session)
    make_member(session, person, VILLAGE_A)
    assert services.application_from_move_in(session, POLICE, person, VILLAGE_A) is None


def test_a_move_in_outside_the_stations_county_is_refused_sec_01(session, world):
    person = make_person(session)
    with pytest.raises(Forbidden):
        services.application_from_move_in(session, Actor("p", "police", "410102"), person, VILLAGE_A)


@pytest.mark.parametrize(
    "reason",
    [
        "study",
        "military_service",
        "migrant_work",
        "business",
        "marriage",
        "divorce",
        "widowhood",
        "imprisonment",
        "urban_settlement",
    ],
)
def test_art_18_causes_are_refused_and_marked_for_the_audit_log_mem_05(session, world, reason):
    person = make_person(session)
    m = make_member(session, person, VILLAGE_A)
    with pytest.raises(RuleViolation) as err:
        services.end_membership(session, CLERK_A, m.id, reason, clock.today(), evidence_ref="doc")
    assert err.value.rule == "MEM-05" and err.value.audit_refusal is True
    assert err.value.entity == "membership" and err.value.entity_id == str(m.id)
    assert m.status == "active"


@pytest.mark.parametrize(
    "reason, extra, missing",
    [
        ("death", {}, "evidence_ref"),
        ("nationality_lost", {}, "evidence_ref"),
        ("civil_servant", {"evidence_ref": "任命文件"}, "contract_civil_servant"),
        (
            "civil_servant",
            {"evidence_ref": "聘任合同", "contract_civil_servant": True},
            "contract_civil_servant",
        ),
        ("voluntary_exit", {"evidence_ref": "书面申请"}, "consent_ref"),
        ("other_legal", {}, "basis_text"),
    ],
)
def test_a_lawful_cause_without_its_evidence_is_refused_mem_04(session, world, reason, extra, missing):
    m = make_member(session, make_person(session), VILLAGE_A)
    with pytest.raises(RuleViolation) as err:
        services.end_membership(session, CLERK_A, m.id, reason, clock.today(), **extra)
    assert err.value.rule == "MEM-04" and missing in err.value.errors


@pytest.mark.parametrize(
    "reason, extra",
    [
        ("death", {"evidence_ref": "死亡证明 2025-17"}),
        ("nationality_lost", {"evidence_ref": "入籍证明"}),
        ("civil_servant", {"evidence_ref": "录用通知", "contract_civil_servant": False}),
        ("voluntary_exit", {"evidence_ref": "书面申请", "consent_ref": "理事会决定 2025-3"}),
        ("other_legal", {"basis_text": "章程第十条"}),
    ],
)
def test_each_lawful_cause_with_its_evidence_ends_the_membership_mem_04(session, world, reason, extra):
    m = make_member(session, make_person(session), VILLAGE_A)
    ended = services.end_membership(session, CLERK_A, m.id, reason, clock.today(), **extra)
    assert (ended.status, ended.end_reason, ended.ended_on) == ("ended", reason, clock.today())
    change = session.scalar(select(RosterChange).where(RosterChange.membership_id == m.id))
    assert (change.kind, change.reason, change.filing_id) == ("ended", reason, None)


@pytest.mark.parametrize("reason", ["acquired_other", "moved_away", ""])
def test_other_causes_and_acquired_other_by_hand_are_refused_mem_04(session, world, reason):
    m = make_member(session, make_person(session), VILLAGE_A)
    with pytest.raises(RuleViolation) as err:
        services.end_membership(session, CLERK_A, m.id, reason, clock.today(), evidence_ref="x")
    assert err.value.rule == "MEM-04" and not err.value.audit_refusal


def test_an_ended_membership_cannot_end_again_and_dates_must_fit_mem_04(session, world):
    m = make_member(session, make_person(session), VILLAGE_A, since=date(2010, 1, 1))
    with pytest.raises(InvalidInput):
        services.end_membership(session, CLERK_A, m.id, "death", date(2009, 12, 31), evidence_ref="x")
    with pytest.raises(InvalidInput):
        services.end_membership(
            session, CLERK_A, m.id, "death", clock.today() + timedelta(days=1), evidence_ref="x"
        )
    services.end_membership(session, CLERK_A, m.id, "death", date(2020, 1, 1), evidence_ref="x")
    with pytest.raises(Conflict) as err:
        services.end_membership(session, CLERK_A, m.id, "death", date(2020, 1, 1), evidence_ref="x")
    assert err.value.rule == "MEM-04"


def test_a_clerk_of_another_collective_cannot_end_a_membership_sec_01(session, world):
    m = make_member(session, make_person(session), VILLAGE_A)
    with pytest.raises(Forbidden):
        services.end_membership(session, clerk_of(VILLAGE_B), m.id, "death", clock.today(), evidence_ref="x")


def test_a_death_ends_the_active_membership_and_is_a_no_op_without_one(session, world):
    person = make_person(session)
    assert services.end_membership_for_death(session, POLICE, person.id, clock.today()) is None
    make_member(session, person, VILLAGE_A)
    ended = services.end_membership_for_death(session, POLICE, person.id, clock.today())
    assert (ended.status, ended.end_reason, ended.end_evidence_ref is not None) == ("ended", "death", True)


def test_a_woman_who_marries_out_stays_a_member_until_another_collective_confirms_her_mem_07(session, world):
    """No reason is keyed on sex or marital status: marriage ends nothing, for a woman or a man."""
    wife = make_person(session, "李秀英", sex="2", birth=date(1995, 2, 3))
    husband = make_person(session, "赵立", sex="1", birth=date(1994, 8, 1))
    wife_a = make_member(session, wife, VILLAGE_A)
    husband_a = make_member(session, husband, VILLAGE_A)
    for m in (wife_a, husband_a):
        with pytest.raises(RuleViolation) as err:
            services.end_membership(session, CLERK_A, m.id, "marriage", clock.today())
        assert err.value.rule == "MEM-05"
    # she has moved to village B by marriage and applied there; until B's assembly confirms, A keeps her
    services.submit_application(session, clerk_of(VILLAGE_B), VILLAGE_B, wife.id_number, "marriage")
    assert services.is_active_member(session, wife.id, VILLAGE_A)
    application = session.scalar(
        select(MembershipApplication).where(MembershipApplication.person_id == wife.id)
    )
    services.adopt_resolution(
        session,
        clerk_of(VILLAGE_B),
        VILLAGE_B,
        assembly(decisions=[{"application_id": application.id, "decision": "confirm"}]),
    )
    assert services.is_active_member(session, wife.id, VILLAGE_B)
    session.refresh(wife_a)
    assert wife_a.end_reason == "acquired_other"
    assert services.is_active_member(session, husband.id, VILLAGE_A)


def test_no_membership_rule_reads_sex_or_marital_status_mem_07():
    """The membership rules never look at a person's sex, nor at any marital-status field."""
    import ast
    import inspect

    from registry.membership import applications, endings, resolutions, roster

    for module in (applications, endings, resolutions, roster):
        tree = ast.parse(inspect.getsource(module))
        names = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        names |= {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        assert not {n for n in names if n == "sex" or "marital" in n or "married" in n}, module.__name__
