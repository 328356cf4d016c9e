"""The police station's page: ID number and collective in, the confirmation card out (RS-01, RS-02)."""

from sqlalchemy import select

from registry.db import db
from registry.settlement.models import HukouEvent
from tests.factories import VILLAGE_A, make_family
from tests.web.conftest import text
from registry import clock


def test_police_gets_a_printable_card_for_a_member_without_homestead_rs_02(web, app):
    with app.app_context():
        _, people = make_family(db.session, VILLAGE_A)
        db.session.commit()
        number = people[0].id_number
    web.login("police")
    page = text(web.get("/police/"))
    assert "东村股份经济合作社" in page  # the county's collectives to choose from
    r = web.post("/police/", {"id_number": number, "collective_code": VILLAGE_A})
    card = text(r)
    assert r.status_code == 200 and 'id="confirmation-card"' in card
    assert (
        "不符合条件" in card and "RS-01" in card and "户口迁入农村" in card
    )  # verdict, rule ID, its Chinese text
    assert "RS410122" in card and "data-print" in card  # the print button (print.js; no inline handler)
    assert number not in card and number[:6] + "********" + number[-4:] in card  # SEC-02: masked on the card
    assert "王建国" not in card  # nothing else about the person (RS-02)


def test_a_bad_id_number_is_refused_at_its_field_per_01(web):
    web.login("police")
    r = web.post("/police/", {"id_number": "410122198001010000", "collective_code": VILLAGE_A})
    assert r.status_code == 422 and "PER-01" in text(r) and 'id="f-id_number"' in text(r)
    assert 'id="confirmation-card"' not in text(r)


def test_a_station_may_not_ask_outside_its_county_sec_01(web):
    web.login("police_other")
    r = web.post("/police/", {"id_number": "11010519491231002X", "collective_code": VILLAGE_A})
    assert r.status_code == 403 and "SEC-01" in text(r)


def test_police_records_an_urban_settlement(web, app):
    with app.app_context():
        _, people = make_family(db.session, VILLAGE_A)
        db.session.commit()
        number = people[2].id_number
    web.login("police")
    r = web.post(
        "/police/hukou", {"id_number": number, "kind": "urban_settlement", "date": clock.today().isoformat()}
    )
    assert r.status_code == 302
    assert "进城落户" in text(web.get("/police/hukou"))
    with app.app_context():
        assert db.session.scalar(select(HukouEvent.kind)) == "urban_settlement"


def test_clerk_pages_are_closed_to_police(web):
    web.login("police")
    assert web.get("/clerk/roster").status_code == 403
    assert web.get("/review/").status_code == 403
