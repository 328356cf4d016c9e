"""Share redemption through the one exit path over HTTP: POST /exits (right "shares"), the reviewer's
decision,
and the holdings afterwards (UR-02, UR-04)."""

from datetime import timedelta

from registry.people.models import Person
from tests.factories import VILLAGE_A
from tests.factories_shares import build, quantified_village, record_urban_settlement
from registry import clock

HOLDINGS = f"/api/v1/collectives/{VILLAGE_A}/share-holdings"


def _exit(api, ref, holder, **over):
    body = {
        "right": "shares",
        "ref": ref,
        "holder_id_number": holder,
        "compensation_fen": 150_000,
        "statement_ref": "本人书面申请 2026-08",
        "reason": "自愿有偿退出，由集体赎回",
        **over,
    }
    return api.post("/api/v1/exits", body)


def _decide(api, exit_id, **over):
    queue = api.get("/api/v1/reviews", as_="reviewer", query_string={"status": "pending"}).get_json()["items"]
    item = next(i for i in queue if i["kind"] == "exit:shares" and i["subject_id"] == exit_id)
    return api.post(
        f"/api/v1/reviews/{item['id']}/decision",
        {"decision": "approve", "note": "材料齐全", **over},
        as_="reviewer",
    )


def test_an_approved_share_exit_redeems_the_households_shares(app, api):
    (code, people), (other, _) = quantified_village(app, api, [2, 1])
    r = _exit(api, code, people[0])
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["status"] == "pending_review" and r.get_json()["linkage_flag"] is False
    assert {i["household_code"] for i in api.get(HOLDINGS).get_json()["items"]} == {code, other}
    assert _decide(api, r.get_json()["id"]).status_code == 200
    body = api.get(HOLDINGS).get_json()
    assert [i["household_code"] for i in body["items"]] == [other] and body["total_shares"] == 10
    kinds = [
        e["kind"] for e in api.get(f"/api/v1/collectives/{VILLAGE_A}/share-register").get_json()["items"]
    ]
    assert kinds.count("redemption") == 2


def test_a_share_exit_for_urban_settlement_is_refused_ur_02(app, api):
    ((code, people),) = quantified_village(app, api, [1])
    r = _exit(api, code, people[0], reason="因进城落户退出股份")
    assert r.status_code == 422 and r.get_json()["rule"] == "UR-02"
    assert api.get(HOLDINGS).get_json()["total_shares"] == 10


def test_a_share_exit_soon_after_settlement_needs_the_attestation_ur_04(app, api):
    ((code, people),) = quantified_village(app, api, [1])

    def settle(session):
        person = session.query(Person).filter_by(id_number=people[0]).one()
        record_urban_settlement(session, person, code, clock.today() - timedelta(days=10))

    build(app, settle)
    r = _exit(api, code, people[0])
    assert r.status_code == 201 and r.get_json()["linkage_flag"] is True
    refused = _decide(api, r.get_json()["id"])
    assert refused.status_code == 422 and refused.get_json()["rule"] == "UR-04"
    assert api.get(HOLDINGS).get_json()["total_shares"] == 10
    assert _decide(api, r.get_json()["id"], attest_voluntary=True).status_code == 200
    assert api.get(HOLDINGS).get_json()["total_shares"] == 0
