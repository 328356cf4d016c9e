"""Membership pages: applications, the resolution form with its art. 27 check, endings, filing
(MEM-02..06)."""

from datetime import timedelta

from sqlalchemy import select

from registry.audit.models import AuditEntry
from registry.db import db
from registry.membership.models import Membership, MembershipApplication
from tests.factories import VILLAGE_A, make_family, make_household, make_person
from tests.web.conftest import text
from registry import clock


def _applicants(app, n=2):
    with app.app_context():
        people = [make_person(db.session, f"申请人{i}") for i in range(n)]
        make_household(db.session, VILLAGE_A, people[0], [(p, "20") for p in people[1:]])
        db.session.commit()
        return [p.id_number for p in people]


def _resolution(votes_for, attended=3, total=3, capacity=3, body="assembly", rows=None):
    meeting = clock.today()
    data = {
        "body": body,
        "subject": "membership",
        "notice_date": (meeting - timedelta(days=12)).isoformat(),
        "meeting_date": meeting.isoformat(),
        "members_total": str(total),
        "members_with_capacity": str(capacity),
        "attended": str(attended),
        "votes_for": str(votes_for),
    }
    for i, (application_id, decision) in enumerate(rows or []):
        data[f"decisions.{i}.application_id"] = str(application_id)
        data[f"decisions.{i}.decision"] = decision
    data["rows"] = str(len(rows or []))
    return data


def test_clerk_submits_an_application_and_it_waits(web, app):
    (number,) = _applicants(app, 1)
    web.login("clerk")
    r = web.post("/clerk/membership", {"id_number": number, "basis": "original"})
    assert r.status_code == 302
    page = text(web.get("/clerk/membership"))
    assert "申请人0" in page and "原始成员" in page


def test_an_unregistered_person_is_named_at_the_id_field(web):
    web.login("clerk")
    r = web.post("/clerk/membership", {"id_number": "11010519491231002X", "basis": "original"})
    assert r.status_code == 404 and "未登记" in text(r) and 'id="f-id_number"' in text(r)


def test_resolution_below_two_thirds_is_refused_mem_02_next_to_votes(web, app):
    numbers = _applicants(app, 1)
    web.login("clerk")
    web.post("/clerk/membership", {"id_number": numbers[0], "basis": "original"})
    with app.app_context():
        application_id = db.session.scalar(select(MembershipApplication.id))
    page = text(web.get("/clerk/membership/resolutions/new"))
    assert 'data-check="quorum"' in page and "MEM-02" in page  # the check is on the page before submitting
    r = web.post("/clerk/membership/resolutions/new", _resolution(1, rows=[(application_id, "confirm")]))
    body = text(r)
    assert r.status_code == 422 and "MEM-02" in body and "全体成员三分之二以上同意" in body
    assert 'id="f-votes_for"' in body and "field-error" in body
    with app.app_context():
        assert db.session.scalar(select(Membership)) is None


def test_resolution_meeting_the_thresholds_confirms_members_mem_02(web, app):
    numbers = _applicants(app, 2)
    web.login("clerk")
    for n in numbers:
        web.post("/clerk/membership", {"id_number": n, "basis": "original"})
    with app.app_context():
        ids = db.session.scalars(select(MembershipApplication.id).order_by(MembershipApplication.id)).all()
    r = web.post(
        "/clerk/membership/resolutions/new",
        _resolution(2, attended=2, total=2, capacity=2, rows=[(ids[0], "confirm"), (ids[1], "confirm")]),
    )
    assert r.status_code == 302
    with app.app_context():
        assert db.session.query(Membership).filter_by(status="active").count() == 2
    assert "共 2 人" in text(web.get("/clerk/roster?status=active"))


def test_rejecting_a_birth_is_shown_on_that_row_mem_03(web, app):
    numbers = _applicants(app, 2)
    web.login("clerk")
    web.post("/clerk/membership", {"id_number": numbers[0], "basis": "original"})
    web.post("/clerk/membership", {"id_number": numbers[1], "basis": "birth"})
    with app.app_context():
        ids = db.session.scalars(select(MembershipApplication.id).order_by(MembershipApplication.id)).all()
    # row 0 is left off the agenda, so the service's decisions.0 is the form's row 1
    data = _resolution(2, attended=2, total=2, capacity=2, rows=[(ids[0], ""), (ids[1], "reject")])
    r = web.post("/clerk/membership/resolutions/new", data)
    body = text(r)
    assert r.status_code == 422 and "MEM-03" in body
    row = body.index('id="f-decisions.1.decision"')
    assert "成员所生子女：应当确认" in body[row : body.index("</td>", row)]


def test_ending_for_urban_settlement_is_refused_and_kept_in_the_audit_log_mem_05(web, app):
    with app.app_context():
        _h, people = make_family(db.session, VILLAGE_A)
        db.session.commit()
        membership_id = db.session.scalar(select(Membership.id).where(Membership.person_id == people[0].id))
    web.login("clerk")
    r = web.post(
        f"/clerk/memberships/{membership_id}/end",
        {"reason": "urban_settlement", "date": clock.today().isoformat()},
    )
    assert r.status_code == 422 and "MEM-05" in text(r) and 'id="f-reason"' in text(r)
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.outcome == "refused"))
        assert entry.rule == "MEM-05" and entry.actor == "clerk"
        assert db.session.get(Membership, membership_id).status == "active"


def test_a_death_ends_the_membership_and_the_change_is_filed_mem_04_mem_06(web, app):
    with app.app_context():
        _h, people = make_family(db.session, VILLAGE_A)
        db.session.commit()
        membership_id = db.session.scalar(select(Membership.id).where(Membership.person_id == people[0].id))
    web.login("clerk")
    r = web.post(
        f"/clerk/memberships/{membership_id}/end",
        {"reason": "death", "date": clock.today().isoformat(), "evidence_ref": "死亡证明 2026-001"},
    )
    assert r.status_code == 302
    dashboard = text(web.get("/clerk/"))
    assert "未备案的成员名册变更" in dashboard.split("待办事项")[1]  # listed as waiting work
    r = web.post("/clerk/membership/filing", {"township_ref": "乡备2026-1", "county_ref": "县备2026-1"})
    assert r.status_code == 302
    assert "全部已备案" in text(web.get("/clerk/membership/filing"))
    r = web.post("/clerk/membership/filing", {"township_ref": "乡备2026-2", "county_ref": "县备2026-2"})
    assert r.status_code == 422 and "MEM-06" in text(r)
