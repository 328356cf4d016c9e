"""Police rural-settlement confirmations through HTTP (RS-01, RS-02)."""

from datetime import timedelta

import pytest

from registry.auth.services import create_user
from tests.factories import (
    COUNTY,
    PASSWORD,
    VILLAGE_A,
    VILLAGE_B,
    committed,
    make_household,
    make_member,
    make_person,
)
from tests.factories_settlement import make_homestead, settled_family
from registry import clock

URL = "/api/v1/settlement-confirmations"
ANSWER_KEYS = {"number", "eligible", "reasons", "verification_code", "valid_until"}


def _ask(api, id_number, collective=VILLAGE_A, as_="police"):
    return api.post(URL, {"id_number": id_number, "collective_code": collective}, as_=as_)


def _member_with_homestead(app, collective=VILLAGE_A):
    return committed(app, lambda s: settled_family(s, collective)[1][0].id_number)


def test_an_active_member_whose_household_holds_a_homestead_there_is_eligible_rs_01(app, api):
    head = _member_with_homestead(app)
    r = _ask(api, head)
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    assert set(body) == ANSWER_KEYS
    assert body["eligible"] is True and body["reasons"] == ["RS-01"]
    assert body["number"] == f"RS{COUNTY}{clock.today():%Y}000001"
    assert body["valid_until"] == (clock.today() + timedelta(days=90)).isoformat()
    assert len(body["verification_code"]) == 10
    assert _ask(api, head).get_json()["number"].endswith("000002")


def _not_member(s):
    p = make_person(s, "非成员")
    make_homestead(s, make_household(s, VILLAGE_A, p))
    return p.id_number


def _member_elsewhere(s):
    p = make_person(s, "他村成员")
    make_homestead(s, make_household(s, VILLAGE_A, p))
    make_member(s, p, VILLAGE_B)
    return p.id_number


def _member_without_homestead(s):
    return settled_family(s, VILLAGE_A, with_homestead=False)[1][1].id_number


def _member_whose_homestead_ended(s):
    household, people = settled_family(s, VILLAGE_A, with_homestead=False)
    make_homestead(s, household, status="ended")
    return people[2].id_number


def _homestead_in_another_collective(s):
    household, people = settled_family(s, VILLAGE_A, with_homestead=False)
    make_homestead(s, household, VILLAGE_B)
    return people[0].id_number


def _unknown_person(s):
    return "11010519491231002X"


@pytest.mark.parametrize(
    "build",
    [
        _not_member,
        _member_elsewhere,
        _member_without_homestead,
        _member_whose_homestead_ended,
        _homestead_in_another_collective,
        _unknown_person,
    ],
)
def test_anyone_else_is_not_eligible_and_every_no_looks_the_same_rs_01_rs_02(app, api, build):
    """Unknown person, non-member, no homestead: one answer shape, so nothing beyond yes/no leaks (RS-02)."""
    id_number = committed(app, build)
    r = _ask(api, id_number)
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    assert set(body) == ANSWER_KEYS
    assert body["eligible"] is False and body["reasons"] == ["RS-01"]


def test_a_member_is_eligible_only_for_their_own_collective_rs_01(app, api):
    head = _member_with_homestead(app)
    assert _ask(api, head, VILLAGE_B).get_json()["eligible"] is False
    assert _ask(api, head, VILLAGE_A).get_json()["eligible"] is True


def test_the_answer_is_verified_by_number_and_code_rs_02(app, api, client):
    head = _member_with_homestead(app)
    body = _ask(api, head).get_json()
    r = client.get(f"{URL}/{body['number']}?code={body['verification_code'].lower()}")
    assert r.status_code == 200
    assert r.get_json() == {"number": body["number"], "eligible": True, "valid_until": body["valid_until"]}
    wrong = "A" * 10 if body["verification_code"] != "A" * 10 else "B" * 10
    assert client.get(f"{URL}/{body['number']}?code={wrong}").status_code == 404
    assert (
        client.get(f"{URL}/RS{COUNTY}{clock.today():%Y}999999?code={body['verification_code']}").status_code
        == 404
    )
    assert client.get(f"{URL}/{body['number']}").status_code == 422


def test_every_query_is_audited_with_the_station_rs_02(app, api):
    head = _member_with_homestead(app)
    numbers = [_ask(api, head).get_json()["number"], _ask(api, "11010519491231002X").get_json()["number"]]
    entries = api.get("/api/v1/audit?entity=settlement_confirmation", as_="reviewer").get_json()["items"]
    assert [(e["entity_id"], e["actor"], e["action"], e["outcome"]) for e in entries] == [
        (n, "police", "settlement_confirmation.query", "done") for n in numbers
    ]


def test_a_station_over_its_hourly_limit_gets_429_and_the_attempt_is_audited_rs_02(app, api, monkeypatch):
    monkeypatch.setitem(app.config, "CONFIRMATION_RATE_PER_HOUR", 3)
    committed(app, lambda s: create_user(s, "police_2", PASSWORD, "police", COUNTY).username)
    head = _member_with_homestead(app)
    for _ in range(3):
        assert _ask(api, head).status_code == 201
    r = _ask(api, head)
    assert r.status_code == 429 and r.mimetype == "application/problem+json"
    body = r.get_json()
    assert body["rule"] == "RS-02" and body["status"] == 429
    r_en = api.post(f"{URL}?lang=en", {"id_number": head, "collective_code": VILLAGE_A}, as_="police")
    assert (
        "3 times in the past hour" in r_en.get_json()["detail"]
        and "try again in" in r_en.get_json()["detail"]
    )
    assert _ask(api, head, as_="police_2").status_code == 201  # the limit is per station
    refused = api.get(
        "/api/v1/audit?entity=settlement_confirmation&entity_id=police", as_="reviewer"
    ).get_json()
    assert [(e["outcome"], e["rule"], e["actor"]) for e in refused["items"]] == [
        ("refused", "RS-02", "police")
    ] * 2


def test_only_police_of_the_county_may_ask_sec_01(app, api):
    head = _member_with_homestead(app)
    assert _ask(api, head, as_="police_other").status_code == 403
    assert _ask(api, head, as_="clerk").status_code == 403
    assert _ask(api, head, as_="reviewer").status_code == 403
    assert _ask(api, head, as_="admin").status_code == 201


def test_malformed_queries_are_422_and_an_unknown_collective_404(app, api):
    r = _ask(api, "110105194912310021")
    assert r.status_code == 422 and r.get_json()["rule"] == "PER-01"
    r = _ask(api, "11010519491231002X", "4101221")
    assert r.status_code == 422 and "collective_code" in r.get_json()["errors"]
    r = _ask(api, "11010519491231002X", "41012299999900")
    assert r.status_code == 404 and "collective_code" in r.get_json()["errors"]
    r = api.post(URL, {"id_number": "11010519491231002X"}, as_="police")
    assert r.status_code == 422 and "collective_code" in r.get_json()["errors"]


def test_a_station_is_counted_only_after_its_earlier_queries_end_rs_02(app, api):
    """A query waits for a transaction of the same station holding the station's lock before it counts the
    hour's answers, so the count cannot miss a concurrent answer."""
    import threading
    import time

    from sqlalchemy import text

    from registry.db import db
    from registry.settlement.confirmations import STATION_LOCK

    head = _member_with_homestead(app)
    assert _ask(api, head).status_code == 201  # the station's token is issued outside the thread
    with app.app_context():
        engine = db.engine
    key = {"ns": STATION_LOCK, "station": "police"}
    waiting = text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
    with engine.connect() as other:
        other.execute(text("SELECT pg_advisory_lock(hashtext(:ns), hashtext(:station))"), key)
        answers = []
        asking = threading.Thread(target=lambda: answers.append(_ask(api, head)))
        asking.start()
        for _ in range(100):
            if other.execute(waiting).scalar():
                break
            time.sleep(0.05)
        assert other.execute(waiting).scalar() == 1 and not answers  # it waits for the station's lock
        other.execute(text("SELECT pg_advisory_unlock(hashtext(:ns), hashtext(:station))"), key)
        asking.join(10)
    assert answers[0].status_code == 201
