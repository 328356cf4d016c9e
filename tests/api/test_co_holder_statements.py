"""UR-06: a household's right leaves the household only with the household. An exit (POST /api/v1/exits) or a
surrender of a household's land contract or homestead carries the written statement of every other adult
co-holder, else 422 UR-06; the members' memberships are untouched by the exit (MEM-05, UR-01)."""

from datetime import timedelta

import pytest

from registry import clock
from registry.contracts.terms import add_months
from tests.factories import VILLAGE_A, make_family, make_person
from tests.factories_contracts import committed, contracted_family
from tests.factories_homesteads import approved, homestead_world, seed

assert homestead_world
TODAY = clock.today()
LC = "/api/v1/land-contracts"


def _exit(api, c, holder, statements=None, **kw):
    body = {
        "right": "land_contract",
        "ref": c.contract_code,
        "holder_id_number": holder,
        "compensation_fen": 800_000,
        "statement_ref": "退出申请书 2026-5",
        "reason": "自愿有偿退出",
        **kw,
    }
    if statements is not None:
        body["co_holder_statements"] = statements
    return api.post("/api/v1/exits", body)


def _statements(numbers):
    return [{"id_number": n, "statement_ref": f"书面同意 {i}"} for i, n in enumerate(numbers)]


def test_one_member_cannot_give_up_the_households_contract_ur_06(api, app):
    c = contracted_family(app)
    head, wife, daughter = c.id_numbers
    r = _exit(api, c, daughter)  # a member who is not the head, with only her own statement
    assert r.status_code == 422 and r.get_json()["rule"] == "UR-06", r.get_json()
    assert "co_holder_statements" in r.get_json()["errors"]
    r = _exit(api, c, head, _statements([wife]))  # the head with the wife's consent but not the daughter's
    assert r.status_code == 422 and r.get_json()["rule"] == "UR-06"
    assert api.get("/api/v1/reviews?status=pending", as_="reviewer").get_json()["total"] == 0


def test_an_exit_with_every_other_adult_co_holders_statement_is_filed_and_memberships_stay_ur_06(api, app):
    c = contracted_family(app)
    head, wife, daughter = c.id_numbers
    child = committed(app, lambda s: make_person(s, "王小宝", "1", TODAY - timedelta(days=400)).id_number)
    r = api.post(
        f"/api/v1/households/{c.household_code}/members",
        {"id_number": child, "relation": "20", "reason": "birth", "evidence_ref": "出生医学证明"},
    )
    assert r.status_code == 201
    r = _exit(api, c, daughter, _statements([head, wife]))  # the minor child gives no statement
    assert r.status_code == 201, r.get_json()
    items = api.get("/api/v1/reviews?status=pending", as_="reviewer").get_json()["items"]
    (item,) = [i for i in items if i["subject"] == c.contract_code]
    r = api.post(
        f"/api/v1/reviews/{item['id']}/decision", {"decision": "approve", "note": "核实"}, as_="reviewer"
    )
    assert r.status_code == 200, r.get_json()
    assert api.get(f"{LC}/{c.contract_code}").get_json()["status"] in ("active", "ended")
    for number in c.id_numbers:
        assert [
            m["status"] for m in api.get(f"/api/v1/persons/{number}/memberships").get_json()["items"]
        ] == ["active"]


def test_a_statement_must_name_another_co_holder_with_its_document_ur_06(api, app):
    c, other = contracted_family(app), contracted_family(app)
    head, wife, daughter = c.id_numbers
    for statements, field in [
        (_statements([wife, other.id_numbers[1]]), "co_holder_statements.1.id_number"),
        (_statements([head, wife]), "co_holder_statements.0.id_number"),
        ([{"id_number": wife, "statement_ref": " "}], "co_holder_statements.0.statement_ref"),
    ]:
        r = _exit(api, c, head, statements)
        assert r.status_code == 422 and field in r.get_json()["errors"], (field, r.get_json())


def _surrender(api, c, statements=None):
    body = {
        "notice_date": TODAY.isoformat(),
        "effective_date": add_months(TODAY, 6).isoformat(),
        "compensation_fen": 1_000_000,
        "statement_ref": "交回申请书",
        "reason": "自愿交回",
    }
    if statements is not None:
        body["co_holder_statements"] = statements
    return api.post(f"{LC}/{c.contract_code}/surrender", body)


def test_a_surrender_by_the_head_carries_the_others_written_consent_ur_06(api, app):
    c = contracted_family(app)
    head, wife, daughter = c.id_numbers
    r = _surrender(api, c)
    assert r.status_code == 422 and r.get_json()["rule"] == "UR-06"
    r = _surrender(api, c, _statements([wife, daughter]))
    assert r.status_code == 201, r.get_json()


def test_an_approved_surrender_cancels_the_certificate_rg_02(api, app):
    c = contracted_family(app)
    r = api.post("/api/v1/certificates", {"kind": "land_contract", "right_ref": c.contract_code})
    assert r.status_code == 201
    old = r.get_json()
    assert _surrender(api, c, _statements(c.id_numbers[1:])).status_code == 201
    items = api.get("/api/v1/reviews?status=pending", as_="reviewer").get_json()["items"]
    (item,) = [i for i in items if i["subject"] == c.contract_code]
    r = api.post(
        f"/api/v1/reviews/{item['id']}/decision", {"decision": "approve", "note": "核实"}, as_="reviewer"
    )
    assert r.status_code == 200, r.get_json()
    now = api.get(f"/api/v1/certificates/{c.contract_code}").get_json()
    assert now["serial"] == old["serial"] and now["status"] == "cancelled" and "交回" in now["void_reason"]


@pytest.mark.usefixtures("homestead_world")
def test_a_homestead_exit_needs_the_other_adult_members_statements_ur_06(api, app):
    def build(session):
        household, people = make_family(session, VILLAGE_A)
        return household.code, [p.id_number for p in people]

    household, (head, wife, daughter) = seed(app, build)
    right = approved(api, household)
    body = {
        "right": "homestead",
        "ref": right["unit_code"],
        "holder_id_number": head,
        "compensation_fen": 500_000,
        "statement_ref": "退出申请书",
        "reason": "自愿有偿退出",
    }
    r = api.post("/api/v1/exits", body)
    assert r.status_code == 422 and r.get_json()["rule"] == "UR-06", r.get_json()
    r = api.post("/api/v1/exits", {**body, "co_holder_statements": _statements([wife, daughter])})
    assert r.status_code == 201, r.get_json()
