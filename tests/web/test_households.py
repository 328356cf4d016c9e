"""Clerk pages over the people services: households, persons registered on the way, roster, household page."""

from sqlalchemy import select

from registry.db import db
from registry.people.models import Household
from tests.factories import VILLAGE_A, make_family, make_id_number
from tests.web.conftest import text


def _household_form(rows):
    data = {"rows": str(len(rows))}
    for i, (number, name, relation) in enumerate(rows):
        data[f"members.{i}.id_number"] = number
        data[f"members.{i}.name"] = name
        data[f"members.{i}.relation"] = relation
    return data


def test_clerk_registers_a_household_with_new_persons(web, app):
    web.login("clerk")
    head, wife = make_id_number(), make_id_number(sex="2")
    r = web.post("/clerk/households/new", _household_form([(head, "赵大山", ""), (wife, "钱小梅", "10")]))
    assert r.status_code == 302
    with app.app_context():
        h = db.session.scalar(select(Household))
        assert h.collective_code == VILLAGE_A and len(h.members) == 2
    page = text(web.get(r.headers["Location"]))
    assert "赵大山" in page and "钱小梅" in page and "household.create" in page


def test_a_bad_id_number_is_shown_on_its_row_with_rule_per_01(web, app):
    web.login("clerk")
    good = make_id_number()
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    r = web.post("/clerk/households/new", _household_form([(good, "赵大山", ""), (bad, "钱小梅", "10")]))
    page = text(r)
    assert r.status_code == 422
    assert "PER-01" in page and "校验码错误" in page
    assert 'id="f-members.1.id_number"' in page and "公民身份号码须为18位" in page  # the catalogue's text
    with app.app_context():
        assert db.session.scalar(select(Household)) is None  # nothing half-saved


def test_roster_filters_members_and_non_members(web, app):
    with app.app_context():
        make_family(db.session, VILLAGE_A)
        _h, _people = make_family(db.session, VILLAGE_A, members=False)
        db.session.commit()
    web.login("clerk")
    page = text(web.get("/clerk/roster?status=active"))
    assert page.count("王建国") == 1
    page = text(web.get("/clerk/roster?status=none"))
    assert page.count("王建国") == 1 and "共 3 人" in page
    assert "共 1 人" in text(web.get("/clerk/roster?q=王小红&status=active"))


def test_a_clerk_sees_only_their_collective(web, app):
    with app.app_context():
        from tests.factories import VILLAGE_B

        h, _ = make_family(db.session, VILLAGE_B)
        db.session.commit()
        code = h.code
    web.login("clerk")
    r = web.get(f"/clerk/households/{code}")
    assert r.status_code == 403 and "SEC-01" in text(r)


def test_a_person_registered_twice_is_refused_per_02(web):
    web.login("clerk")
    number = make_id_number(sex="2")
    assert web.post("/clerk/persons/new", {"id_number": number, "name": "周敏"}).status_code == 302
    r = web.post("/clerk/persons/new", {"id_number": number, "name": "周敏"})
    assert r.status_code == 409 and "PER-02" in text(r) and "一个公民身份号码只对应一个人" in text(r)
