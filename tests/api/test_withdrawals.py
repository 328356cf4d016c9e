"""Withdrawal (撤回) of a pending application on the applicant's written request: homestead (HS-04: a
withdrawn
application is never approved or rejected) and membership (MEM-02: only a pending application is decided)."""

import pytest

from tests.factories import VILLAGE_A
from tests.factories_homesteads import PUBLICITY_DAYS, applicant, apply, homestead_world
from tests.factories_membership import assembly_json, person_numbers

HS = "/api/v1/homestead-applications"
assert homestead_world
STATEMENT = {"statement_ref": "撤回申请书 2026-12-01"}


@pytest.mark.usefixtures("homestead_world")
def test_a_homestead_application_in_publicity_is_withdrawn_and_never_decided_hs_04(api, app):
    household = applicant(app, VILLAGE_A)
    a = apply(api, household, days_ago=PUBLICITY_DAYS)
    assert api.post(f"{HS}/{a['id']}/withdraw", {}).status_code == 422
    assert api.post(f"{HS}/{a['id']}/withdraw", STATEMENT, as_="clerk_b").status_code == 403
    assert api.post(f"{HS}/{a['id']}/withdraw", STATEMENT, as_="reviewer").status_code == 403
    r = api.post(f"{HS}/{a['id']}/withdraw", STATEMENT)
    assert r.status_code == 200, r.get_json()
    assert r.get_json() == {"id": a["id"], "status": "withdrawn"}
    for path, body in (("approve", {}), ("reject", {"reason": "x"})):
        r = api.post(f"{HS}/{a['id']}/{path}", body, as_="reviewer")
        assert r.status_code == 409 and r.get_json()["rule"] == "HS-04", path
    assert api.post(f"{HS}/{a['id']}/withdraw", STATEMENT).status_code == 409
    audit = api.get(f"/api/v1/audit?entity=homestead_application&entity_id={a['id']}", as_="admin").get_json()
    assert "homestead_application.withdraw" in [e["action"] for e in audit["items"]]
    assert (
        apply(api, household)["status"] == "publicity"
    )  # the plot left the map: it may be applied for again


@pytest.mark.usefixtures("homestead_world")
def test_an_approved_homestead_application_is_not_withdrawn_hs_04(api, app):
    a = apply(api, applicant(app, VILLAGE_A), days_ago=PUBLICITY_DAYS)
    assert api.post(f"{HS}/{a['id']}/approve", {}, as_="reviewer").status_code == 201
    r = api.post(f"{HS}/{a['id']}/withdraw", STATEMENT)
    assert r.status_code == 409 and r.get_json()["rule"] == "HS-04"


def _membership_application(api, number):
    r = api.post(
        f"/api/v1/collectives/{VILLAGE_A}/membership-applications", {"id_number": number, "basis": "original"}
    )
    assert r.status_code == 201, r.get_json()
    return r.get_json()["id"]


def _decide(api, app_id):
    body = assembly_json(decisions=[{"application_id": app_id, "decision": "confirm"}])
    return api.post(f"/api/v1/collectives/{VILLAGE_A}/resolutions", body)


def test_a_pending_membership_application_is_withdrawn_and_no_resolution_decides_it_mem_02(api, app):
    [number] = person_numbers(app)
    app_id = _membership_application(api, number)
    assert (
        api.post(f"/api/v1/membership-applications/{app_id}/withdraw", STATEMENT, as_="clerk_b").status_code
        == 403
    )
    r = api.post(f"/api/v1/membership-applications/{app_id}/withdraw", STATEMENT)
    assert r.status_code == 200 and r.get_json() == {"id": app_id, "status": "withdrawn"}
    r = _decide(api, app_id)
    assert r.status_code == 409 and r.get_json()["rule"] == "MEM-02"
    assert api.get(f"/api/v1/persons/{number}/memberships").get_json()["items"] == []
    assert _membership_application(api, number)  # a new application may be filed later


def test_a_decided_membership_application_is_not_withdrawn_mem_02(api, app):
    [number] = person_numbers(app)
    app_id = _membership_application(api, number)
    assert _decide(api, app_id).status_code == 201
    r = api.post(f"/api/v1/membership-applications/{app_id}/withdraw", STATEMENT)
    assert r.status_code == 409 and r.get_json()["rule"] == "MEM-02"
    assert api.post("/api/v1/membership-applications/999999/withdraw", STATEMENT).status_code == 404
