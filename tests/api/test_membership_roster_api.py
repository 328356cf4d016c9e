"""Ending memberships, the roster and a person's history through HTTP (MEM-04, MEM-05, MEM-07, UR-05)."""

from datetime import timedelta

from tests.factories import VILLAGE_A, VILLAGE_B
from tests.factories_membership import MEETING, assembly_json, person_numbers
from registry import clock

MEMBERS = f"/api/v1/collectives/{VILLAGE_A}/members"


def _membership_id(api, number, as_="clerk"):
    items = api.get(f"/api/v1/persons/{number}/memberships", as_=as_).get_json()["items"]
    return next(i["membership_id"] for i in items if i["status"] == "active")


def _end(api, membership_id, as_="clerk", **body):
    return api.post(
        f"/api/v1/memberships/{membership_id}/end", {"date": clock.today().isoformat(), **body}, as_=as_
    )


def test_a_forbidden_reason_is_refused_and_the_attempt_is_audited_mem_05_ur_05(api, app):
    [number] = person_numbers(app, collective_code=VILLAGE_A)
    mid = _membership_id(api, number)
    r = _end(api, mid, reason="urban_settlement")
    assert r.status_code == 422 and r.get_json()["rule"] == "MEM-05"
    audit = api.get(f"/api/v1/audit?entity=membership&entity_id={mid}", as_="reviewer").get_json()["items"]
    assert [(a["outcome"], a["rule"], a["actor"], a["action"]) for a in audit] == [
        ("refused", "MEM-05", "clerk", "membership.end")
    ]
    assert api.get(MEMBERS).get_json()["total"] == 1


def test_a_refusal_reads_in_chinese_by_default_and_english_on_request_mem_05(api, app):
    [number] = person_numbers(app, collective_code=VILLAGE_A)
    mid = _membership_id(api, number)
    zh = _end(api, mid, reason="migrant_work").get_json()["detail"]
    en = api.post(
        f"/api/v1/memberships/{mid}/end?lang=en",
        {"reason": "migrant_work", "date": clock.today().isoformat()},
    ).get_json()["detail"]
    assert en == "migrant_work never ends a membership (art. 18)."
    assert zh != en and "migrant_work" in zh


def test_an_unknown_reason_is_refused_mem_04(api, app):
    [number] = person_numbers(app, collective_code=VILLAGE_A)
    r = _end(api, _membership_id(api, number), reason="left_the_village")
    assert r.status_code == 422 and r.get_json()["rule"] == "MEM-04" and "reason" in r.get_json()["errors"]


def test_acquired_other_cannot_be_given_by_hand_mem_04(api, app):
    [number] = person_numbers(app, collective_code=VILLAGE_A)
    r = _end(api, _membership_id(api, number), reason="acquired_other")
    assert r.status_code == 422 and r.get_json()["rule"] == "MEM-04"


def test_a_voluntary_exit_needs_the_written_application_and_consent_mem_04(api, app):
    [number] = person_numbers(app, collective_code=VILLAGE_A)
    mid = _membership_id(api, number)
    r = _end(api, mid, reason="voluntary_exit")
    assert r.status_code == 422 and r.get_json()["rule"] == "MEM-04"
    assert set(r.get_json()["errors"]) == {"evidence_ref", "consent_ref"}
    r = _end(api, mid, reason="voluntary_exit", evidence_ref="退出申请书", consent_ref="理事会同意 2025-2")
    assert r.status_code == 200 and r.get_json()["status"] == "ended"
    assert r.get_json()["end_reason"] == "voluntary_exit"


def test_a_contract_civil_servant_keeps_membership_mem_04(api, app):
    [number] = person_numbers(app, collective_code=VILLAGE_A)
    mid = _membership_id(api, number)
    r = _end(api, mid, reason="civil_servant", evidence_ref="聘任合同", contract_civil_servant=True)
    assert r.status_code == 422 and r.get_json()["rule"] == "MEM-04"
    r = _end(api, mid, reason="civil_servant", evidence_ref="录用通知书", contract_civil_servant=False)
    assert r.status_code == 200 and r.get_json()["end_reason"] == "civil_servant"


def test_other_legal_needs_the_basis_as_text_mem_04(api, app):
    [number] = person_numbers(app, collective_code=VILLAGE_A)
    mid = _membership_id(api, number)
    r = _end(api, mid, reason="other_legal")
    assert r.status_code == 422 and "basis_text" in r.get_json()["errors"]
    r = _end(api, mid, reason="other_legal", basis_text="本社章程第十二条")
    assert r.status_code == 200


def test_ending_is_scoped_and_input_is_checked(api, app):
    [number] = person_numbers(app, collective_code=VILLAGE_A)
    mid = _membership_id(api, number)
    assert _end(api, mid, as_="clerk_b", reason="death", evidence_ref="x").status_code == 403
    assert _end(api, mid, as_="reviewer", reason="death", evidence_ref="x").status_code == 403
    assert (
        api.post("/api/v1/memberships/999999/end", {"reason": "death", "date": "2025-01-01"}).status_code
        == 404
    )
    r = api.post(f"/api/v1/memberships/{mid}/end", {"reason": "death", "date": "soon"})
    assert r.status_code == 422 and "date" in r.get_json()["errors"]


def test_a_married_woman_stays_on_the_roster_until_another_collective_confirms_her_mem_07(api, app):
    [wife] = person_numbers(app, sex="2", collective_code=VILLAGE_A)
    mid = _membership_id(api, wife)
    r = _end(api, mid, reason="marriage")
    assert r.status_code == 422 and r.get_json()["rule"] == "MEM-05"
    r = api.post(
        f"/api/v1/collectives/{VILLAGE_B}/membership-applications",
        {"id_number": wife, "basis": "marriage"},
        as_="clerk_b",
    )
    assert api.get(MEMBERS).get_json()["total"] == 1
    r = api.post(
        f"/api/v1/collectives/{VILLAGE_B}/resolutions",
        assembly_json(decisions=[{"application_id": r.get_json()["id"], "decision": "confirm"}]),
        as_="clerk_b",
    )
    assert r.status_code == 201
    assert api.get(MEMBERS).get_json()["total"] == 0
    assert api.get(f"/api/v1/collectives/{VILLAGE_B}/members", as_="clerk_b").get_json()["total"] == 1


def test_the_roster_pages_masks_ids_and_reads_back_a_past_day(api, app):
    numbers = person_numbers(app, 5, collective_code=VILLAGE_A)  # members since 2000-01-01
    first = api.get(MEMBERS + "?per_page=2&page=1").get_json()
    third = api.get(MEMBERS + "?per_page=2&page=3").get_json()
    assert first["total"] == 5 and len(first["items"]) == 2 and len(third["items"]) == 1
    assert all("********" in i["id_number"] for i in first["items"])
    mid = _membership_id(api, numbers[0])
    assert _end(api, mid, reason="death", evidence_ref="死亡证明", date="2020-06-30").status_code == 200
    assert api.get(MEMBERS).get_json()["total"] == 4
    before = api.get(MEMBERS + "?as_of=2020-06-29").get_json()
    assert before["total"] == 5 and all(i["status"] == "active" for i in before["items"])
    assert api.get(MEMBERS + "?as_of=2020-06-30").get_json()["total"] == 4
    assert api.get(MEMBERS + "?as_of=1999-12-31").get_json()["total"] == 0
    ended = api.get(MEMBERS + "?status=ended").get_json()["items"]
    assert [(i["membership_id"], i["end_reason"]) for i in ended] == [(mid, "death")]
    assert api.get(MEMBERS + "?as_of=2020-06-29&status=ended").get_json()["total"] == 0


def test_roster_input_and_scope_are_checked(api, app):
    assert api.get(MEMBERS + "?as_of=yesterday").status_code == 422
    assert api.get(MEMBERS + "?status=sleeping").status_code == 422
    assert api.get(MEMBERS + "?per_page=501").status_code == 422
    assert api.get(MEMBERS, as_="clerk_b").status_code == 403
    assert api.get(MEMBERS, as_="reviewer").status_code == 200
    assert api.get(MEMBERS, as_="reviewer_other").status_code == 403
    assert api.get(MEMBERS, as_="police").status_code == 403


def test_a_persons_history_shows_only_what_the_caller_may_see(api, app):
    [number] = person_numbers(app, collective_code=VILLAGE_A)
    r = api.post(
        f"/api/v1/collectives/{VILLAGE_B}/membership-applications",
        {"id_number": number, "basis": "marriage"},
        as_="clerk_b",
    )
    api.post(
        f"/api/v1/collectives/{VILLAGE_B}/resolutions",
        assembly_json(decisions=[{"application_id": r.get_json()["id"], "decision": "confirm"}]),
        as_="clerk_b",
    )
    everything = api.get(f"/api/v1/persons/{number}/memberships", as_="reviewer").get_json()
    assert everything["total"] == 2
    assert [i["collective_code"] for i in everything["items"]] == [VILLAGE_A, VILLAGE_B]
    own = api.get(f"/api/v1/persons/{number}/memberships", as_="clerk_b").get_json()["items"]
    assert [(i["collective_code"], i["status"], i["since"]) for i in own] == [
        (VILLAGE_B, "active", MEETING.isoformat())
    ]
    assert api.get(f"/api/v1/persons/{number}/memberships", as_="police").status_code == 403
    assert api.get("/api/v1/persons/12345/memberships").status_code == 422


def test_a_death_far_back_cannot_precede_the_membership(api, app):
    [number] = person_numbers(app, collective_code=VILLAGE_A)
    r = _end(api, _membership_id(api, number), reason="death", evidence_ref="x", date="1999-12-31")
    assert r.status_code == 422 and "date" in r.get_json()["errors"]
    r = _end(
        api,
        _membership_id(api, number),
        reason="death",
        evidence_ref="x",
        date=(clock.today() + timedelta(days=3)).isoformat(),
    )
    assert r.status_code == 422
