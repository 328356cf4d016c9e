"""The county review queue and the settlement-linkage report through HTTP (UR-04)."""

from datetime import timedelta

from sqlalchemy import select

from registry.db import db
from registry.homesteads.models import HomesteadRight
from registry.people.models import Person
from tests.factories import VILLAGE_A, VILLAGE_B, committed
from tests.factories_settlement import make_homestead, settled_family, urban_settlement
from tests.factories_shares import quantified_village
from registry import clock

ITEM_KEYS = {"id", "kind", "subject", "linkage_flag", "created_at"}


def _filed(api, app, settled_days_ago=None, collective=VILLAGE_A, clerk="clerk"):
    """A homestead exit filed by the clerk; the daughter settled in town `settled_days_ago` days ago if
    given."""

    def build(s):
        household, people = settled_family(s, collective, with_homestead=False)
        right = make_homestead(s, household)
        if settled_days_ago is not None:
            urban_settlement(s, people[2], settled_days_ago, household.code)
        return right.unit_code, [p.id_number for p in people]

    ref, (head, *others) = committed(app, build)
    r = api.post(
        "/api/v1/exits",
        {
            "right": "homestead",
            "ref": ref,
            "holder_id_number": head,
            "compensation_fen": 5_000_000,
            "statement_ref": "书面申请 7 号",
            "reason": "自愿有偿退出",
            "co_holder_statements": [{"id_number": n, "statement_ref": "书面同意"} for n in others],
        },
        as_=clerk,
    )
    assert r.status_code == 201, r.get_json()
    item = next(i for i in _queue(api) if i["subject"] == ref)
    return ref, item


def _queue(api, status="pending", as_="reviewer"):
    r = api.get(f"/api/v1/reviews?status={status}", as_=as_)
    assert r.status_code == 200, r.get_json()
    return r.get_json()["items"]


def _decide(api, item_id, decision="approve", as_="reviewer", **extra):
    return api.post(
        f"/api/v1/reviews/{item_id}/decision", {"decision": decision, "note": "已核实", **extra}, as_=as_
    )


def _right_status(app, ref):
    with app.app_context():
        status = db.session.scalar(select(HomesteadRight.status).where(HomesteadRight.unit_code == ref))
        db.session.remove()
    return status


def test_the_queue_lists_the_countys_pending_items_with_their_flag(app, api):
    ref, item = _filed(api, app)
    assert ITEM_KEYS <= set(item) and item["kind"] == "exit:homestead" and item["linkage_flag"] is False
    assert _queue(api, as_="reviewer_other") == []
    assert api.get("/api/v1/reviews?status=pending", as_="clerk").status_code == 403
    assert api.get("/api/v1/reviews?status=pending", as_="police").status_code == 403
    assert api.get("/api/v1/reviews?status=maybe", as_="reviewer").status_code == 422
    assert api.get("/api/v1/reviews?county=410102", as_="reviewer").status_code == 403


def test_an_unflagged_exit_is_approved_and_carried_out_ur_04(app, api):
    ref, item = _filed(api, app)
    r = _decide(api, item["id"])
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["status"] == "approved"
    assert _right_status(app, ref) == "ended"
    assert _queue(api) == [] and [i["id"] for i in _queue(api, "approved")] == [item["id"]]
    assert _decide(api, item["id"]).status_code == 409


def test_a_flagged_exit_needs_the_attestation_to_be_approved_ur_04(app, api):
    ref, item = _filed(api, app, settled_days_ago=30)
    assert item["linkage_flag"] is True
    for extra in ({}, {"attest_voluntary": False}, {"attest_voluntary": None}):
        r = _decide(api, item["id"], **extra)
        assert r.status_code == 422 and r.get_json()["rule"] == "UR-04"
        assert "attest_voluntary" in r.get_json()["errors"]
    assert _right_status(app, ref) == "active"
    r = _decide(api, item["id"], attest_voluntary=True)
    assert r.status_code == 200 and r.get_json()["status"] == "approved"
    assert _right_status(app, ref) == "ended"


def test_a_flagged_exit_can_be_rejected_without_attestation_ur_04(app, api):
    ref, item = _filed(api, app, settled_days_ago=30)
    r = _decide(api, item["id"], "reject")
    assert r.status_code == 200 and r.get_json()["status"] == "rejected"
    assert _right_status(app, ref) == "active"


def test_only_a_reviewer_of_the_county_decides_sec_01(app, api):
    ref, item = _filed(api, app)
    assert _decide(api, item["id"], as_="reviewer_other").status_code == 403
    assert _decide(api, item["id"], as_="clerk").status_code == 403
    assert _decide(api, 999_999).status_code == 404
    r = _decide(api, item["id"], "maybe")
    assert r.status_code == 422 and "decision" in r.get_json()["errors"]
    assert _right_status(app, ref) == "active"


def test_the_bureau_report_lists_every_flagged_exit_with_its_dates_ur_04(app, api):
    flagged_ref, flagged = _filed(api, app, settled_days_ago=40)
    decided_ref, decided = _filed(api, app, settled_days_ago=100)
    _filed(api, app)  # not flagged: not in the report
    assert _decide(api, decided["id"], attest_voluntary=True).status_code == 200
    r = api.get("/api/v1/reports/settlement-linkage?county=410122", as_="reviewer")
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    today = clock.today()
    assert body["total"] == 2
    rows = {row["ref"]: row for row in body["items"]}
    assert rows[flagged_ref]["settlement_date"] == (today - timedelta(days=40)).isoformat()
    assert rows[flagged_ref]["filed_on"] == today.isoformat()
    assert rows[flagged_ref]["days_after_settlement"] == 40
    assert rows[flagged_ref]["decided_on"] is None and rows[flagged_ref]["status"] == "pending_review"
    assert rows[decided_ref]["decided_on"] == today.isoformat()
    assert rows[decided_ref]["attested_voluntary"] is True and rows[decided_ref]["status"] == "approved"
    assert "*" in rows[decided_ref]["holder_id_number"]  # SEC-02


def test_the_report_follows_the_reviewers_county_sec_01(app, api):
    _filed(api, app, settled_days_ago=10)
    assert api.get("/api/v1/reports/settlement-linkage", as_="reviewer").get_json()["total"] == 1
    assert api.get("/api/v1/reports/settlement-linkage?county=410102", as_="reviewer").status_code == 403
    assert (
        api.get("/api/v1/reports/settlement-linkage?county=410102", as_="reviewer_other").get_json()["total"]
        == 0
    )
    assert api.get("/api/v1/reports/settlement-linkage", as_="admin").get_json()["total"] == 1
    assert api.get("/api/v1/reports/settlement-linkage", as_="police").status_code == 403
    assert api.get("/api/v1/reports/settlement-linkage?county=41", as_="admin").status_code == 422


def test_items_of_two_collectives_share_the_county_queue(app, api):
    _filed(api, app)
    _filed(api, app, collective=VILLAGE_B, clerk="clerk_b")
    assert sorted(i["kind"] for i in _queue(api)) == ["exit:homestead", "exit:homestead"]


def test_a_share_exit_named_by_a_citizen_id_is_masked_in_the_queue_and_report_sec_02(app, api):
    ((household, people),) = quantified_village(app, api, [2])
    committed(
        app,
        lambda s: (
            urban_settlement(
                s, s.scalar(select(Person).where(Person.id_number == people[1])), 20, household
            ).id
        ),
    )
    r = api.post(
        "/api/v1/exits",
        {
            "right": "shares",
            "ref": f"P{people[0]}",
            "holder_id_number": people[0],
            "compensation_fen": 200_000,
            "statement_ref": "赎回申请",
            "reason": "自愿赎回",
        },
    )
    assert r.status_code == 201, r.get_json()
    masked = f"P{people[0][:6]}********{people[0][-4:]}"
    assert [i["subject"] for i in _queue(api)] == [masked]
    report = api.get("/api/v1/reports/settlement-linkage", as_="reviewer").get_json()["items"]
    assert [row["ref"] for row in report] == [masked]
