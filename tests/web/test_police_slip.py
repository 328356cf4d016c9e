"""The police slip names the station by its display name, and a 不符合 answer says what the applicant can do
next (ask the collective, under which rule) without saying why (RS-02); the hukou list shows the person masked
(SEC-02); the administrator sets display names on the user pages."""

from __future__ import annotations

from sqlalchemy import select, update

from registry.auth.models import User
from registry.db import db
from registry import clock
from tests.factories import VILLAGE_A, make_family
from tests.web.conftest import text


def _name_station(app, name):
    with app.app_context():
        db.session.execute(update(User).where(User.username == "police").values(display_name=name))
        db.session.commit()


def test_a_not_eligible_slip_names_the_station_and_the_next_step_without_the_cause_rs_02(web, app):
    _name_station(app, "城关派出所")
    with app.app_context():
        _, people = make_family(db.session, VILLAGE_A)  # members of no collective, no homestead
        db.session.commit()
        number = people[0].id_number
    web.login("police")
    card = text(web.post("/police/", {"id_number": number, "collective_code": VILLAGE_A}))
    assert "不符合条件" in card and "城关派出所" in card
    steps = card.split('id="next-steps"')[1].split("</section>")[0]
    assert "东村股份经济合作社" in steps and "RS-01" in steps and "成员大会" in steps
    for cause in ("不是成员", "没有宅基地", "未确认", "无宅基地"):  # the cause is never told (RS-02)
        assert cause not in card


def test_without_a_display_name_the_slip_shows_the_station_s_user_name_rs_02(web, app):
    with app.app_context():
        _, people = make_family(db.session, VILLAGE_A)
        db.session.commit()
        number = people[0].id_number
    web.login("police")
    card = text(web.post("/police/", {"id_number": number, "collective_code": VILLAGE_A}))
    assert "police，" in card  # the station's user name stands in for a display name not set


def test_the_hukou_list_shows_the_person_masked_sec_02(web, app):
    with app.app_context():
        _, people = make_family(db.session, VILLAGE_A)
        db.session.commit()
        person = people[2]
        number, name = person.id_number, person.name
    web.login("police")
    web.post(
        "/police/hukou", {"id_number": number, "kind": "urban_settlement", "date": clock.today().isoformat()}
    )
    page = text(web.get("/police/hukou"))
    table = page.split("<table")[1]
    assert number[:6] + "********" + number[-4:] in table and number not in table
    assert name[0] + "*" * (len(name) - 1) in table and name not in table


def test_the_admin_sets_a_display_name_on_create_and_on_the_user_page(web, app):
    web.login("admin")
    r = web.post(
        "/admin/users",
        {
            "username": "pcs2",
            "display_name": "城关派出所",
            "role": "police",
            "scope": "410122",
            "password": "x" * 12,
        },
    )
    assert r.status_code == 302
    assert "城关派出所" in text(web.get("/admin/users"))
    r = web.post("/admin/users/pcs2", {"action": "display_name", "display_name": "城关镇派出所"})
    assert r.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(User.display_name).where(User.username == "pcs2")) == "城关镇派出所"
    r = web.post("/admin/users/pcs2", {"action": "display_name", "display_name": "派" * 101})
    assert r.status_code == 422 and 'id="f-display_name"' in text(r)


def test_users_create_takes_a_display_name(app, world):
    result = app.test_cli_runner().invoke(
        args=[
            "users",
            "create",
            "pcs3",
            "--role",
            "police",
            "--scope",
            "410122",
            "--display-name",
            "东关派出所",
        ],
        input="secret-password\n",
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(select(User.display_name).where(User.username == "pcs3")) == "东关派出所"
