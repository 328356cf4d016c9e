"""Publicity, objections and the county's decision through HTTP (HS-04), and the registration it makes."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from registry.auth.actor import SYSTEM
from registry.codes import parse_homestead_unit_code
from tests.factories import VILLAGE_A
from registry.membership.models import Membership
from registry.membership.services import end_membership_for_death
from tests.factories_homesteads import PUBLICITY_DAYS, applicant, apply, approved, homestead_world, seed
from registry import clock

pytestmark = pytest.mark.usefixtures("homestead_world")
URL = "/api/v1/homestead-applications"
assert homestead_world


def _approve(api, application_id, as_="reviewer"):
    return api.post(f"{URL}/{application_id}/approve", {}, as_=as_)


def test_approval_one_day_before_publicity_ends_is_refused_hs_04(api, app):
    a = apply(api, applicant(app, VILLAGE_A), days_ago=PUBLICITY_DAYS - 1)
    assert a["publicity_ends"] == (clock.today() + timedelta(days=1)).isoformat()
    r = _approve(api, a["id"])
    assert r.status_code == 409 and r.get_json()["rule"] == "HS-04"
    assert api.get(f"{URL}/{a['id']}").get_json()["status"] == "publicity"


def test_the_refusal_speaks_chinese_by_default_and_english_on_request_hs_04(api, app):
    a = apply(api, applicant(app, VILLAGE_A))
    zh = _approve(api, a["id"]).get_json()
    assert "公示期" in zh["detail"] and a["publicity_ends"] in zh["detail"]
    en = api.post(f"{URL}/{a['id']}/approve?lang=en", {}, as_="reviewer").get_json()
    assert en["detail"].startswith("The publicity of application")


def test_approval_on_the_day_publicity_ends_registers_the_right_hs_04(api, app):
    household = applicant(app, VILLAGE_A)
    a = apply(api, household, days_ago=PUBLICITY_DAYS)
    assert a["publicity_ends"] == clock.today().isoformat()
    r = _approve(api, a["id"])
    assert r.status_code == 201, r.get_json()
    out = r.get_json()
    assert len(out["unit_code"]) == 28 and parse_homestead_unit_code(out["unit_code"])
    assert out["unit_code"] == a["parcel_code"] + "W00000000"
    assert out["certificate_number"] and len(out["verification_code"]) == 10
    right = api.get(f"/api/v1/households/{household}/homestead").get_json()
    assert right["id"] == out["right_id"] and right["status"] == "active" and right["house"] is False
    assert right["certificate_number"] == out["certificate_number"] and right["crs"] == "EPSG:4490"
    assert api.get(f"{URL}/{a['id']}").get_json()["status"] == "approved"


def test_a_publicity_started_today_cannot_be_approved_today_hs_04(api, app):
    a = apply(api, applicant(app, VILLAGE_A))
    assert _approve(api, a["id"]).get_json()["rule"] == "HS-04"


def test_an_open_objection_blocks_approval_until_resolved_hs_04(api, app):
    a = apply(api, applicant(app, VILLAGE_A), days_ago=PUBLICITY_DAYS + 2)
    r = api.post(f"{URL}/{a['id']}/objections", {"text": "东邻称四至有误，占用其院落"})
    assert r.status_code == 201 and r.get_json()["status"] == "open"
    objection = r.get_json()["id"]
    r = _approve(api, a["id"])
    assert (
        r.status_code == 409 and r.get_json()["rule"] == "HS-04" and r.get_json()["conflicts"] == [objection]
    )
    r = api.post(f"/api/v1/objections/{objection}/resolve", {"resolution": "经村委会现场复核，四至无误"})
    assert r.status_code == 200 and r.get_json()["status"] == "resolved"
    assert api.post(f"/api/v1/objections/{objection}/resolve", {"resolution": "again"}).status_code == 409
    assert _approve(api, a["id"]).status_code == 201


def test_objections_are_listed_with_the_application(api, app):
    a = apply(api, applicant(app, VILLAGE_A))
    api.post(f"{URL}/{a['id']}/objections", {"text": "异议一"})
    listed = api.get(f"{URL}/{a['id']}", as_="reviewer").get_json()["objections"]
    assert [o["text"] for o in listed] == ["异议一"] and listed[0]["status"] == "open"


def test_a_decided_application_takes_no_objection_and_no_second_decision_hs_04(api, app):
    a = apply(api, applicant(app, VILLAGE_A), days_ago=PUBLICITY_DAYS)
    assert _approve(api, a["id"]).status_code == 201
    assert api.post(f"{URL}/{a['id']}/objections", {"text": "晚到的异议"}).status_code == 409
    assert _approve(api, a["id"]).status_code == 409
    assert api.post(f"{URL}/{a['id']}/reject", {"reason": "x"}, as_="reviewer").status_code == 409


def test_only_a_reviewer_of_the_county_decides_sec_01(api, app):
    a = apply(api, applicant(app, VILLAGE_A), days_ago=PUBLICITY_DAYS)
    assert _approve(api, a["id"], as_="clerk").status_code == 403
    assert _approve(api, a["id"], as_="reviewer_other").status_code == 403
    assert api.post(f"{URL}/{a['id']}/reject", {"reason": "x"}, as_="reviewer_other").status_code == 403
    assert _approve(api, a["id"], as_="reviewer").status_code == 201


def test_approval_checks_the_household_again_hs_03(api, app):
    """A membership that ended during publicity: the household no longer qualifies."""
    a = apply(api, applicant(app, VILLAGE_A), days_ago=PUBLICITY_DAYS)

    def deaths(s):
        for person_id in s.scalars(select(Membership.person_id).where(Membership.status == "active")).all():
            end_membership_for_death(s, SYSTEM, person_id, clock.today())

    seed(app, deaths)
    r = _approve(api, a["id"])
    assert r.status_code == 422 and r.get_json()["rule"] == "HS-03"


def test_a_house_sold_during_publicity_stops_approval_hs_05(api, app):
    household = applicant(app, VILLAGE_A)
    a = apply(api, household, days_ago=PUBLICITY_DAYS)
    api.post(
        f"/api/v1/households/{household}/house-transfers",
        {"kind": "sale", "date": clock.today().isoformat(), "evidence_ref": "合同"},
    )
    assert _approve(api, a["id"]).get_json()["rule"] == "HS-05"


def test_an_application_with_a_house_gets_an_f_unit_code(api, app):
    out = approved(api, applicant(app, VILLAGE_A), building_number="00010001")
    assert out["unit_code"].endswith("F00010001") and len(out["unit_code"]) == 28


def test_a_household_without_a_right_gets_404(api, app):
    household = applicant(app, VILLAGE_A)
    assert api.get(f"/api/v1/households/{household}/homestead").status_code == 404
    apply(api, household)
    assert api.get(f"/api/v1/households/{household}/homestead").status_code == 404
    assert api.get(f"/api/v1/households/{household}/homestead", as_="clerk_b").status_code == 403


def test_listing_applications_of_a_collective(api, app):
    apply(api, applicant(app, VILLAGE_A))
    apply(api, applicant(app, VILLAGE_A), x=1)
    listed = api.get(f"{URL}?collective_code={VILLAGE_A}&status=publicity", as_="reviewer").get_json()
    assert listed["total"] == 2 and len(listed["items"]) == 2
    assert api.get(f"{URL}?collective_code={VILLAGE_A}", as_="clerk_b").status_code == 403
    assert api.get(f"{URL}?collective_code={VILLAGE_A}&status=odd").status_code == 422


def test_unknown_applications_and_objections_are_404(api):
    assert _approve(api, 999).status_code == 404
    assert api.post(f"{URL}/999/objections", {"text": "x"}).status_code == 404
    assert api.post("/api/v1/objections/999/resolve", {"resolution": "x"}).status_code == 404
    assert api.post(f"{URL}/1/objections", {}).status_code == 422
