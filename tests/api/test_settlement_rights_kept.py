"""A household holding every kind of right settles in town, all of it through HTTP: membership, the land
contract, the homestead, the shares and the dividends stay exactly as they were (UR-01); and the one exit
path guards every kind of right alike (UR-02)."""

import pytest

from registry.db import db
from registry.people.models import Household
from tests.factories import VILLAGE_A, committed
from tests.factories_contracts import contract_body, contracted_family, parcels
from tests.factories_settlement import make_homestead, rights_state
from tests.factories_shares import quantified_village
from registry import clock

DISTRIBUTIONS = f"/api/v1/collectives/{VILLAGE_A}/distributions"


def _state(app):
    with app.app_context():
        state = rights_state(db.session)
        db.session.remove()
    return state


def _distribute(api, year):
    r = api.post(DISTRIBUTIONS, {"year": year, "net_income_fen": 1_000_003, "reserve_ratio": "0.3"})
    assert r.status_code == 201, r.get_json()
    return {a["household_code"]: a["amount_fen"] for a in r.get_json()["allocations"]}


def test_a_household_settling_in_town_keeps_every_right_and_its_dividends_ur_01(app, api):
    (settlers, people), (neighbours, _) = quantified_village(app, api, [3, 2])
    r = api.post("/api/v1/land-contracts", contract_body(settlers, parcels(app)))
    assert r.status_code == 201, r.get_json()
    contract = r.get_json()
    committed(app, lambda s: make_homestead(s, s.get(Household, settlers)).unit_code)
    dividends_before = _distribute(api, clock.today().year - 1)
    holdings_before = api.get(f"/api/v1/collectives/{VILLAGE_A}/share-holdings").get_json()
    before = _state(app)

    for number in people:
        assert (
            api.post(
                "/api/v1/hukou-events",
                {"id_number": number, "kind": "urban_settlement", "date": clock.today().isoformat()},
                as_="police",
            ).status_code
            == 201
        )

    assert _state(app) == before
    assert api.get(f"/api/v1/land-contracts/{contract['code']}").get_json() == contract
    assert api.get(f"/api/v1/collectives/{VILLAGE_A}/share-holdings").get_json() == holdings_before
    assert api.get(f"/api/v1/households/{settlers}/homestead").status_code == 200
    roster = api.get(f"/api/v1/collectives/{VILLAGE_A}/members?status=active").get_json()
    assert roster["total"] == 5
    assert _distribute(api, clock.today().year) == dividends_before  # the same income pays them the same


def _land_contract(app, api):
    family = contracted_family(app)
    consents = [
        {"id_number": n, "statement_ref": "书面同意"} for n in family.id_numbers if n != family.id_numbers[1]
    ]
    return family.contract_code, family.id_numbers[1], consents  # the wife signs, the others consent (UR-06)


def _shares(app, api):
    ((household, people),) = quantified_village(app, api, [2])
    return household, people[0], None


@pytest.mark.parametrize("right, holding", [("land_contract", _land_contract), ("shares", _shares)])
def test_every_right_goes_through_the_same_guard_ur_02(app, api, right, holding):
    ref, holder, others = holding(app, api)
    body = {
        "right": right,
        "ref": ref,
        "holder_id_number": holder,
        "compensation_fen": 3_000_000,
        "statement_ref": "本人书面申请",
        "reason": "落户城镇，退出",
        "co_holder_statements": others,
    }
    r = api.post("/api/v1/exits", body)
    assert r.status_code == 422 and r.get_json()["rule"] == "UR-02"
    audit = api.get(f"/api/v1/audit?entity=exit&entity_id={right}:{ref}", as_="reviewer").get_json()["items"]
    assert [(a["outcome"], a["rule"], a["actor"]) for a in audit] == [("refused", "UR-02", "clerk")]
    r = api.post("/api/v1/exits", {**body, "reason": "年老无力经营，自愿有偿退出"})
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["status"] == "pending_review" and r.get_json()["linkage_flag"] is False
