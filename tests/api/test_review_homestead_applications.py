"""One review queue: homestead applications are review items of kind `homestead_application` beside the exits,
with their publicity end date; deciding the item and the approve endpoint run the same checks (HS-04)."""

import pytest

from tests.factories import VILLAGE_A
from tests.factories_homesteads import PUBLICITY_DAYS, applicant, apply, homestead_world

pytestmark = pytest.mark.usefixtures("homestead_world")
assert homestead_world
HS = "/api/v1/homestead-applications"


def _item(api, application, status="pending"):
    items = api.get(f"/api/v1/reviews?status={status}", as_="reviewer").get_json()["items"]
    found = [
        i for i in items if i["kind"] == "homestead_application" and i["subject_id"] == application["id"]
    ]
    return found[0] if found else None


def _decide(api, item, decision="approve", **kw):
    return api.post(
        f"/api/v1/reviews/{item['id']}/decision", {"decision": decision, "note": "核实", **kw}, as_="reviewer"
    )


def test_the_queue_lists_a_homestead_application_with_its_publicity_end_date(api, app):
    a = apply(api, applicant(app, VILLAGE_A))
    item = _item(api, a)
    assert item is not None and item["publicity_ends"] == a["publicity_ends"]
    assert item["subject"] == a["parcel_code"] and item["linkage_flag"] is False


def test_a_decision_before_publicity_ends_is_refused_like_the_approve_endpoint_hs_04(api, app):
    a = apply(api, applicant(app, VILLAGE_A), days_ago=PUBLICITY_DAYS - 1)
    r = _decide(api, _item(api, a))
    assert r.status_code == 409 and r.get_json()["rule"] == "HS-04"
    assert api.post(f"{HS}/{a['id']}/approve", {}, as_="reviewer").get_json()["rule"] == "HS-04"
    assert _item(api, a) is not None and api.get(f"{HS}/{a['id']}").get_json()["status"] == "publicity"


def test_an_open_objection_blocks_the_decision_until_resolved_hs_04(api, app):
    a = apply(api, applicant(app, VILLAGE_A), days_ago=PUBLICITY_DAYS)
    objection = api.post(f"{HS}/{a['id']}/objections", {"text": "四至有争议"}).get_json()
    r = _decide(api, _item(api, a))
    assert r.status_code == 409 and r.get_json()["rule"] == "HS-04"
    api.post(f"/api/v1/objections/{objection['id']}/resolve", {"resolution": "已现场核实"})
    r = _decide(api, _item(api, a))
    assert r.status_code == 200 and r.get_json()["status"] == "approved", r.get_json()
    assert api.get(f"{HS}/{a['id']}").get_json()["status"] == "approved"
    assert _item(api, a) is None and _item(api, a, "approved") is not None


def test_the_approve_endpoint_closes_the_review_item_and_rejection_needs_a_reason(api, app):
    a = apply(api, applicant(app, VILLAGE_A), days_ago=PUBLICITY_DAYS)
    assert api.post(f"{HS}/{a['id']}/approve", {}, as_="reviewer").status_code == 201
    assert _item(api, a) is None and _item(api, a, "approved")["status"] == "approved"
    b = apply(api, applicant(app, VILLAGE_A), x=5.0)
    r = api.post(f"/api/v1/reviews/{_item(api, b)['id']}/decision", {"decision": "reject"}, as_="reviewer")
    assert r.status_code == 422 and "reason" in r.get_json()["errors"]
    assert _decide(api, _item(api, b), "reject").get_json()["status"] == "rejected"
    assert api.get(f"{HS}/{b['id']}").get_json()["status"] == "rejected"


def test_a_withdrawn_application_leaves_the_queue(api, app):
    a = apply(api, applicant(app, VILLAGE_A))
    item = _item(api, a)
    assert api.post(f"{HS}/{a['id']}/withdraw", {"statement_ref": "撤回申请书"}).status_code == 200
    assert _item(api, a) is None and _item(api, a, "withdrawn") is not None
    r = _decide(api, item)
    assert r.status_code == 409
