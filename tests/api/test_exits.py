"""The one exit path through HTTP: the urban-settlement guard (UR-02), its audit trail (UR-05) and the linkage
flag for exits filed soon after a household member settled in town (UR-04)."""

import pytest
from sqlalchemy import select

from registry.db import db
from registry.exits.models import Exit
from registry.reviews.models import ReviewItem
from tests.factories import VILLAGE_A, committed, make_household, make_person
from tests.factories_settlement import make_homestead, settled_family, urban_settlement

URL = "/api/v1/exits"


_MEMBERS: dict[
    str, list[str]
] = {}  # unit code → the household's members, for their written statements (UR-06)


def _holding(app, collective=VILLAGE_A):
    """A member family holding a homestead: (unit code, [head, wife, daughter] id numbers)."""

    def build(s):
        household, people = settled_family(s, collective, with_homestead=False)
        return make_homestead(s, household).unit_code, [p.id_number for p in people]

    ref, people = committed(app, build)
    _MEMBERS[ref] = people
    return ref, people


def _body(ref, holder, **over):
    consents = [{"id_number": n, "statement_ref": "书面同意"} for n in _MEMBERS.get(ref, []) if n != holder]
    return {
        "right": "homestead",
        "ref": ref,
        "holder_id_number": holder,
        "compensation_fen": 8_000_000,
        "statement_ref": "退出申请书 2025-017",
        "reason": "自愿退出，另有住房",
        "co_holder_statements": consents,
        **over,
    }


def _exits(app):
    with app.app_context():
        rows = [(e.ref, e.status, e.linkage_flag) for e in db.session.scalars(select(Exit))]
        items = db.session.scalars(select(ReviewItem.kind)).all()
        db.session.remove()
    return rows, items


def test_an_ordinary_voluntary_paid_exit_is_filed_for_review_ur_02(app, api):
    ref, (head, *_) = _holding(app)
    r = api.post(URL, _body(ref, head))
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    assert (
        body["status"] == "pending_review" and body["linkage_flag"] is False and isinstance(body["id"], int)
    )
    assert _exits(app) == ([(ref, "pending_review", False)], ["exit:homestead"])


def test_a_lawful_exit_is_audited_as_done_and_only_refusals_carry_a_rule_ur_05(app, api):
    ref, (head, *_) = _holding(app)
    exit_id = api.post(URL, _body(ref, head)).get_json()["id"]
    audit = api.get(f"/api/v1/audit?entity=exit&entity_id={exit_id}", as_="reviewer").get_json()["items"]
    assert [(e["action"], e["outcome"], e["rule"], e["actor"]) for e in audit] == [
        ("exit.file:homestead", "done", None, "clerk")
    ]


@pytest.mark.parametrize(
    "reason",
    [
        "urban_settlement",
        "进城落户",
        "落户城镇",
        "迁入城镇",
        "城镇户口",
        "因本人已迁入城镇，自愿交回",
        "为办理城镇户口退出宅基地",
        "settled in the city",
    ],
)
def test_urban_settlement_as_the_reason_is_refused_and_audited_ur_02_ur_05(app, api, reason):
    ref, (head, *_) = _holding(app)
    r = api.post(URL, _body(ref, head, reason=reason))
    assert r.status_code == 422 and r.mimetype == "application/problem+json"
    assert r.get_json()["rule"] == "UR-02" and "reason" in r.get_json()["errors"]
    assert _exits(app) == ([], [])
    audit = api.get(f"/api/v1/audit?entity=exit&entity_id=homestead:{ref}", as_="reviewer").get_json()[
        "items"
    ]
    assert [(e["outcome"], e["rule"], e["actor"], e["action"]) for e in audit] == [
        ("refused", "UR-02", "clerk", "exit.file:homestead")
    ]


@pytest.mark.parametrize("condition", ["进城落户的条件", "落户城镇前须退出", "condition of urban settlement"])
def test_urban_settlement_as_a_condition_is_refused_ur_02(app, api, condition):
    ref, (head, *_) = _holding(app)
    r = api.post(URL, _body(ref, head, condition=condition))
    assert r.status_code == 422 and r.get_json()["rule"] == "UR-02"
    assert api.post(URL, _body(ref, head, condition="补偿款一次付清")).status_code == 201


def test_the_guard_refuses_before_anything_else_is_looked_at_ur_02_ur_05(app, api):
    """Even an exit of an unknown right by an unknown holder is refused on UR-02 and kept with who tried."""
    r = api.post(
        URL,
        _body("no-such-right", "11010519491231002X", reason="进城落户", compensation_fen=0),
        as_="clerk_b",
    )
    assert r.status_code == 422 and r.get_json()["rule"] == "UR-02"
    audit = api.get("/api/v1/audit?entity=exit", as_="reviewer").get_json()["items"]
    assert [(e["actor"], e["outcome"], e["rule"]) for e in audit] == [("clerk_b", "refused", "UR-02")]


def test_an_exit_must_be_paid_and_written_by_the_holder_ur_02(app, api):
    ref, (head, *_) = _holding(app)
    r = api.post(URL, _body(ref, head, compensation_fen=0))
    assert (
        r.status_code == 422
        and r.get_json()["rule"] == "UR-02"
        and "compensation_fen" in r.get_json()["errors"]
    )
    r = api.post(URL, _body(ref, head, compensation_fen=12.5))
    assert r.status_code == 422 and "compensation_fen" in r.get_json()["errors"]
    r = api.post(URL, _body(ref, head, statement_ref="  "))
    assert (
        r.status_code == 422 and r.get_json()["rule"] == "UR-02" and "statement_ref" in r.get_json()["errors"]
    )
    stranger = committed(app, lambda s: make_person(s, "外人").id_number)
    r = api.post(URL, _body(ref, stranger))
    assert r.status_code == 422 and "holder_id_number" in r.get_json()["errors"]
    assert _exits(app) == ([], [])


def test_one_open_exit_per_right(app, api):
    ref, (head, wife, _) = _holding(app)
    assert api.post(URL, _body(ref, head)).status_code == 201
    r = api.post(URL, _body(ref, wife))
    assert r.status_code == 409


def test_only_the_collectives_clerk_files_sec_01(app, api):
    ref, (head, *_) = _holding(app)
    assert api.post(URL, _body(ref, head), as_="clerk_b").status_code == 403
    assert api.post(URL, _body(ref, head), as_="police").status_code == 403
    assert api.post(URL, _body(ref, head), as_="reviewer").status_code == 403


def _settled(app, who: int, days_ago: int, same_household=True):
    """A holding whose household member `who` (0 head, 1 wife, 2 daughter) settled in town `days_ago` days
    ago."""

    def build(s):
        household, people = settled_family(s, VILLAGE_A, with_homestead=False)
        right = make_homestead(s, household)
        if same_household:
            urban_settlement(s, people[who], days_ago, household.code)
        else:
            neighbour = make_person(s, "邻居")
            other = make_household(s, VILLAGE_A, neighbour)
            urban_settlement(s, neighbour, days_ago, other.code)
        return right.unit_code, [p.id_number for p in people]

    ref, people = committed(app, build)
    _MEMBERS[ref] = people
    return ref, people[0]


@pytest.mark.parametrize(
    "days_ago, flagged", [(0, True), (179, True), (180, True), (181, False), (400, False)]
)
def test_an_exit_within_180_days_after_a_household_settlement_is_flagged_ur_04(app, api, days_ago, flagged):
    ref, head = _settled(app, 2, days_ago)
    r = api.post(URL, _body(ref, head))
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["linkage_flag"] is flagged
    items = api.get("/api/v1/reviews?status=pending", as_="reviewer").get_json()["items"]
    assert [(i["subject"], i["linkage_flag"]) for i in items] == [(ref, flagged)]


def test_a_neighbours_settlement_does_not_flag_the_exit_ur_04(app, api):
    ref, head = _settled(app, 0, 10, same_household=False)
    assert api.post(URL, _body(ref, head)).get_json()["linkage_flag"] is False


def test_the_window_follows_configuration_ur_04(app, api, monkeypatch):
    monkeypatch.setitem(app.config, "SETTLEMENT_LINKAGE_DAYS", 365)
    ref, head = _settled(app, 1, 300)
    assert api.post(URL, _body(ref, head)).get_json()["linkage_flag"] is True
