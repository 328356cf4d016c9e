"""Hukou events through HTTP: urban settlement is a record and nothing more (UR-01, UR-03); death, move-in and
birth have their membership consequences (MEM-04, RS-03, MEM-03)."""

from datetime import date, timedelta

from sqlalchemy import select

from registry.db import db
from registry.membership.models import Membership, MembershipApplication
from registry.people.models import Person
from registry.settlement.models import HukouEvent
from tests.factories import VILLAGE_A, VILLAGE_B, committed, make_household, make_member, make_person
from tests.factories_settlement import (
    SETTLEMENT_PATH_TABLES,
    rights_state,
    settled_family,
    traced_tables,
)
from registry import clock

URL = "/api/v1/hukou-events"


def _family(app, collective=VILLAGE_A, homestead=True):
    def build(s):
        household, people = settled_family(s, collective, with_homestead=homestead)
        return household.code, [p.id_number for p in people]

    return committed(app, build)


def _state(app):
    with app.app_context():
        state = rights_state(db.session)
        db.session.remove()
    return state


def _event(api, id_number, kind, on=None, as_="police", **extra):
    body = {"id_number": id_number, "kind": kind, "date": (on or clock.today()).isoformat(), **extra}
    return api.post(URL, body, as_=as_)


def _rows(app, stmt):
    with app.app_context():
        rows = db.session.scalars(stmt).all()
        db.session.expunge_all()
        db.session.remove()
    return rows


def test_an_urban_settlement_changes_no_right_ur_01(app, api):
    household, (head, wife, daughter) = _family(app)
    before = _state(app)
    r = _event(api, daughter, "urban_settlement", clock.today() - timedelta(days=3))
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["kind"] == "urban_settlement" and r.get_json()["application_id"] is None
    assert _state(app) == before
    events = _rows(app, select(HukouEvent))
    assert [(e.kind, e.household_code) for e in events] == [("urban_settlement", household)]


def test_the_whole_household_settling_in_town_keeps_every_right_ur_01(app, api):
    household, people = _family(app)
    before = _state(app)
    for number in people:
        assert _event(api, number, "urban_settlement").status_code == 201
    assert _state(app) == before
    memberships = _rows(app, select(Membership))
    assert len(memberships) == 3 and {m.status for m in memberships} == {"active"}


def test_ending_a_membership_for_urban_settlement_is_refused_ur_01(app, api):
    """The one door that could turn a settlement into a lost right is shut; the record itself stays
    harmless."""
    household, (head, *_) = _family(app)
    membership_id = _rows(app, select(Membership.id).join(Person).where(Person.id_number == head))[0]
    r = api.post(
        f"/api/v1/memberships/{membership_id}/end",
        {"reason": "urban_settlement", "date": clock.today().isoformat()},
    )
    assert r.status_code == 422 and r.get_json()["rule"] == "MEM-05"
    assert {m.status for m in _rows(app, select(Membership))} == {"active"}


def test_the_urban_settlement_path_reads_no_right_ur_03(app, api):
    household, (head, *_) = _family(app)
    api.token("police")  # log in first: the trace covers the event alone
    with traced_tables(_engine(app)) as seen:
        r = _event(api, head, "urban_settlement")
    assert r.status_code == 201
    assert "hukou_events" in seen
    assert seen <= SETTLEMENT_PATH_TABLES, seen - SETTLEMENT_PATH_TABLES


def _engine(app):
    with app.app_context():
        return db.engine


def test_an_urban_settlement_is_recorded_whatever_the_rights_ur_03(app, api):
    """Not blocked by the state of rights: a non-member, a member of another village, someone in no
    household."""

    def build(s):
        outsider = make_person(s, "赵六")
        make_household(s, VILLAGE_A, outsider)
        elsewhere = make_person(s, "钱七")
        make_household(s, VILLAGE_A, elsewhere)
        make_member(s, elsewhere, VILLAGE_B)
        loner = make_person(s, "孙八")
        return outsider.id_number, elsewhere.id_number, loner.id_number

    outsider, elsewhere, loner = committed(app, build)
    assert _event(api, outsider, "urban_settlement").status_code == 201
    assert _event(api, elsewhere, "urban_settlement").status_code == 201
    assert _event(api, loner, "urban_settlement", collective_code=VILLAGE_A).status_code == 201
    assert _event(api, outsider, "urban_settlement", as_="clerk").status_code == 201


def test_a_settlement_cannot_carry_conditions_on_rights_ur_03(app, api):
    """The request has no place for a right or a condition: anything of the kind is refused as unknown
    input."""
    household, (head, *_) = _family(app)
    for extra in ({"conditions": "交回承包地"}, {"surrender_rights": True}, {"rights": ["land_contract"]}):
        r = _event(api, head, "urban_settlement", **extra)
        assert r.status_code == 422 and set(r.get_json()["errors"]) == set(extra), r.get_json()
    assert _rows(app, select(HukouEvent)) == []


def test_a_death_ends_the_membership_and_nothing_else_mem_04(app, api):
    household, (head, wife, daughter) = _family(app)
    before = _state(app)
    on = clock.today() - timedelta(days=2)
    assert _event(api, head, "death", on).status_code == 201
    after = _state(app)
    ended = [m for m in _rows(app, select(Membership)) if m.status == "ended"]
    assert [(m.end_reason, m.ended_on) for m in ended] == [("death", on)]
    assert {k for k in before if before[k] != after[k]} <= {"memberships", "roster_changes"}


def test_a_death_of_a_non_member_is_only_recorded(app, api):
    household, (head, *_) = _family(app)
    loner = committed(app, lambda s: make_person(s, "周九").id_number)
    before = _state(app)
    assert _event(api, loner, "death", collective_code=VILLAGE_A).status_code == 201
    assert _state(app) == before


def test_a_rural_move_in_creates_a_pending_application_never_a_member_rs_03(app, api):
    newcomer = committed(app, lambda s: make_person(s, "吴十").id_number)
    r = _event(api, newcomer, "rural_move_in", collective_code=VILLAGE_A)
    assert r.status_code == 201
    applications = _rows(app, select(MembershipApplication))
    assert [(a.status, a.collective_code, a.source) for a in applications] == [
        ("pending", VILLAGE_A, "hukou_event")
    ]
    assert r.get_json()["application_id"] == applications[0].id
    assert _rows(app, select(Membership)) == []


def test_a_rural_move_in_of_a_member_creates_nothing_to_decide_rs_03(app, api):
    household, (head, *_) = _family(app)
    r = _event(api, head, "rural_move_in", collective_code=VILLAGE_A)
    assert r.status_code == 201 and r.get_json()["application_id"] is None
    assert _rows(app, select(MembershipApplication)) == []


def test_a_birth_to_a_member_creates_a_birth_application_mem_03(app, api):
    def build(s):
        mother = make_person(s, "李秀英", "2", date(1990, 1, 1))
        baby = make_person(s, "王小宝", "1", clock.today() - timedelta(days=10))
        make_household(s, VILLAGE_A, mother, [(baby, "20")])
        make_member(s, mother, VILLAGE_A)
        return baby.id_number

    baby = committed(app, build)
    r = _event(api, baby, "birth", clock.today() - timedelta(days=5))
    assert r.status_code == 201
    applications = _rows(app, select(MembershipApplication))
    assert [(a.basis, a.status) for a in applications] == [("birth", "pending")]
    assert len(_rows(app, select(Membership))) == 1  # the mother's: the child waits for the assembly


def test_a_birth_to_non_members_creates_no_application_mem_03(app, api):
    def build(s):
        father = make_person(s, "外来户", "1", date(1988, 1, 1))
        baby = make_person(s, "小宝", "2", clock.today() - timedelta(days=3))
        make_household(s, VILLAGE_A, father, [(baby, "30")])
        grandma = make_person(s, "祖母", "2", date(1950, 1, 1))
        make_household(s, VILLAGE_B, grandma)
        make_member(s, grandma, VILLAGE_A)  # a member, but not a parent
        return baby.id_number

    baby = committed(app, build)
    r = _event(api, baby, "birth")
    assert r.status_code == 201 and r.get_json()["application_id"] is None
    assert _rows(app, select(MembershipApplication)) == []


def test_a_move_out_is_only_recorded(app, api):
    household, (head, *_) = _family(app)
    before = _state(app)
    assert _event(api, head, "move_out").status_code == 201
    assert _state(app) == before


def test_police_and_clerks_record_only_in_their_scope_sec_01(app, api):
    household, (head, *_) = _family(app)
    assert _event(api, head, "move_out", as_="police_other").status_code == 403
    assert _event(api, head, "move_out", as_="clerk_b").status_code == 403
    assert _event(api, head, "move_out", as_="reviewer").status_code == 403
    assert _event(api, head, "move_out", as_="clerk").status_code == 201
    assert _rows(app, select(HukouEvent.recorded_by)) == ["clerk"]


def test_bad_events_are_422_naming_the_field(app, api):
    household, (head, *_) = _family(app)
    r = _event(api, head, "urban_settlement", clock.today() + timedelta(days=1))
    assert r.status_code == 422 and "date" in r.get_json()["errors"]
    r = _event(api, head, "emigration")
    assert r.status_code == 422 and "kind" in r.get_json()["errors"]
    r = api.post(URL, {"id_number": head, "kind": "death", "date": "2024-02-30"}, as_="police")
    assert r.status_code == 422 and "date" in r.get_json()["errors"]
    r = _event(api, head, "move_out", collective_code="4101")
    assert r.status_code == 422 and "collective_code" in r.get_json()["errors"]
    r = _event(api, "110105194912310021", "move_out")
    assert r.status_code == 422 and r.get_json()["rule"] == "PER-01"
    loner = committed(app, lambda s: make_person(s, "无户").id_number)
    r = _event(api, loner, "move_out")
    assert r.status_code == 422 and "collective_code" in r.get_json()["errors"]
    assert _event(api, "11010519491231002X", "move_out").status_code == 404
    assert _rows(app, select(HukouEvent)) == []
