"""Share plans and holdings through HTTP (SH-01, SH-03 votes, RG-01 register)."""

from datetime import timedelta

from sqlalchemy import func, select

from registry.people.models import Household, HouseholdMember
from registry.shares.models import ShareHolding, ShareRegisterEntry
from tests.factories import VILLAGE_A, VILLAGE_B, make_member, make_person
from tests.factories_shares import adopt_via_api, build, end_by_death, make_member_households, make_resolution
from registry import clock

PLANS = f"/api/v1/collectives/{VILLAGE_A}/share-plans"
HOLDINGS = f"/api/v1/collectives/{VILLAGE_A}/share-holdings"


def _village(app, api, sizes=(3, 2, 1)):
    """Households of the given sizes in village A, all members, and a share_plan resolution adopted through
    the membership endpoint."""
    codes = build(app, lambda s: [h.code for h, _ in make_member_households(s, VILLAGE_A, list(sizes))])
    return codes, adopt_via_api(api, VILLAGE_A, members_total=sum(sizes))


def _holdings(api, **query):
    r = api.get(HOLDINGS, query_string=query)
    assert r.status_code == 200, r.get_json()
    return {i["household_code"]: i["shares"] for i in r.get_json()["items"]}


def test_a_plan_quantifies_shares_to_every_active_member_per_household_sh_01(app, api):
    codes, resolution = _village(app, api, (3, 2, 1))
    r = api.post(PLANS, {"resolution_id": resolution, "shares_per_member": 10})
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["total_shares"] == 60 and r.get_json()["management"] == "static"
    assert _holdings(api) == {codes[0]: 30, codes[1]: 20, codes[2]: 10}
    body = api.get(HOLDINGS).get_json()
    assert body["total"] == 3 and body["total_shares"] == 60


def test_non_members_in_a_household_get_no_allotment_sh_01(app, api):
    def make(session):
        ((household, _),) = make_member_households(session, VILLAGE_A, [2])
        lodger = make_person(session, "非成员")
        session.add(HouseholdMember(household_code=household.code, person_id=lodger.id, relation="99"))
        return household.code

    code = build(app, make)
    resolution = adopt_via_api(api, VILLAGE_A, members_total=2)
    assert (
        api.post(PLANS, {"resolution_id": resolution, "shares_per_member": 5}).get_json()["total_shares"]
        == 10
    )
    assert _holdings(api) == {code: 10}


def test_a_plan_needs_an_assembly_resolution_of_this_collective_with_the_thresholds_sh_01(app, api):
    _village(app, api)

    refused = {
        "subject": adopt_via_api(api, VILLAGE_A, "distribution", members_total=6),
        "representatives": adopt_via_api(api, VILLAGE_A, members_total=6, body="representatives"),
        "members_total": adopt_via_api(api, VILLAGE_A, members_total=3),
    }  # fewer than the roster

    def bad(session):  # figures the membership endpoint itself refuses, written as rows
        return {
            "votes_for": make_resolution(session, VILLAGE_A, votes_for=3).id,  # 3 of 6 < 2/3
            "attended": make_resolution(session, VILLAGE_A, attended=3).id,
            "notice_date": make_resolution(session, VILLAGE_A, notice_days=5).id,
            "other collective": make_resolution(session, VILLAGE_B).id,
        }

    for what, rid in (refused | build(app, bad)).items():
        r = api.post(PLANS, {"resolution_id": rid, "shares_per_member": 10})
        assert r.status_code == 422 and r.get_json()["rule"] == "SH-01", (what, r.get_json())
        assert "resolution_id" in r.get_json()["errors"]
    assert _holdings(api) == {}


def test_the_votes_threshold_is_exact_two_thirds_sh_01(app, api):
    # 31 members on the roster: 20 votes fall short of 2/3 (20 2/3), 21 carry it
    def make(session):
        make_member_households(session, VILLAGE_A, [1] * 31)
        return make_resolution(session, VILLAGE_A, votes_for=20).id  # the membership endpoint refuses this

    short = build(app, make)
    enough = adopt_via_api(api, VILLAGE_A, members_total=31, votes_for=21)
    assert api.post(PLANS, {"resolution_id": short, "shares_per_member": 1}).get_json()["rule"] == "SH-01"
    assert api.post(PLANS, {"resolution_id": enough, "shares_per_member": 1}).status_code == 201


def test_a_collective_quantifies_once_sh_01(app, api):
    _, resolution = _village(app, api)
    assert api.post(PLANS, {"resolution_id": resolution, "shares_per_member": 10}).status_code == 201
    again = adopt_via_api(api, VILLAGE_A, members_total=6)
    r = api.post(PLANS, {"resolution_id": again, "shares_per_member": 10})
    assert r.status_code == 409 and r.get_json()["rule"] == "SH-01"


def test_a_plan_without_active_members_is_refused_sh_01(app, api):
    resolution = adopt_via_api(api, VILLAGE_A)
    r = api.post(PLANS, {"resolution_id": resolution, "shares_per_member": 10})
    assert r.status_code == 422 and r.get_json()["rule"] == "SH-01"


def test_bad_plan_input_is_422_naming_the_field(app, api):
    _, resolution = _village(app, api)
    for body, field in [
        ({"resolution_id": resolution, "shares_per_member": 0}, "shares_per_member"),
        ({"resolution_id": resolution, "shares_per_member": 1.5}, "shares_per_member"),
        ({"resolution_id": resolution, "shares_per_member": 3, "management": "x"}, "management"),
        ({"resolution_id": "x", "shares_per_member": 3}, "resolution_id"),
    ]:
        r = api.post(PLANS, body)
        assert r.status_code == 422 and field in r.get_json()["errors"], body


def test_only_the_collectives_clerk_adopts_a_plan_sec_01(app, api):
    _, resolution = _village(app, api)
    assert (
        api.post(PLANS, {"resolution_id": resolution, "shares_per_member": 10}, as_="clerk_b").status_code
        == 403
    )
    assert (
        api.post(PLANS, {"resolution_id": resolution, "shares_per_member": 10}, as_="police").status_code
        == 403
    )
    assert api.get(HOLDINGS, as_="reviewer").status_code == 200
    assert api.get(HOLDINGS, as_="reviewer_other").status_code == 403


def test_static_household_totals_do_not_follow_births_and_deaths_sh_01(app, api):
    codes, resolution = _village(app, api, (3, 2))
    assert api.post(PLANS, {"resolution_id": resolution, "shares_per_member": 10}).status_code == 201
    before = _holdings(api)

    def births_and_deaths(session):
        household = session.get(Household, codes[0])
        end_by_death(session, household.members[1].person, VILLAGE_A)
        baby = make_person(session, "新生儿", "2", clock.today() - timedelta(days=30))
        session.add(HouseholdMember(household_code=codes[1], person_id=baby.id, relation="20"))
        make_member(session, baby, VILLAGE_A, since=clock.today())

    build(app, births_and_deaths)
    assert _holdings(api) == before
    r = api.post(f"/api/v1/collectives/{VILLAGE_A}/share-adjustments", {})
    assert r.status_code == 422 and r.get_json()["rule"] == "SH-01"
    assert _holdings(api) == before


def test_dynamic_management_follows_births_and_deaths_on_adjustment_sh_01(app, api):
    codes, resolution = _village(app, api, (3, 2))
    r = api.post(PLANS, {"resolution_id": resolution, "shares_per_member": 10, "management": "dynamic"})
    assert r.status_code == 201

    def births_and_deaths(session):
        end_by_death(session, session.get(Household, codes[0]).members[1].person, VILLAGE_A)
        baby = make_person(session, "新生儿", "2", clock.today() - timedelta(days=30))
        session.add(HouseholdMember(household_code=codes[1], person_id=baby.id, relation="20"))
        make_member(session, baby, VILLAGE_A, since=clock.today())

    build(app, births_and_deaths)
    r = api.post(f"/api/v1/collectives/{VILLAGE_A}/share-adjustments", {"document_ref": "2026年股权调整"})
    assert r.status_code == 201, r.get_json()
    assert r.get_json() | {"id": 0} == {
        "id": 0,
        "added_members": 1,
        "added_shares": 10,
        "withdrawn_shares": 10,
        "total_shares": 50,
    }
    assert _holdings(api) == {codes[0]: 20, codes[1]: 30}
    again = api.post(f"/api/v1/collectives/{VILLAGE_A}/share-adjustments", {}).get_json()
    assert again["added_members"] == 0 and again["withdrawn_shares"] == 0


def test_holdings_per_person_show_who_votes_sh_03(app, api):
    codes, resolution = _village(app, api, (2,))
    api.post(PLANS, {"resolution_id": resolution, "shares_per_member": 7})
    r = api.get(f"/api/v1/collectives/{VILLAGE_A}/share-holders", query_string={"household_code": codes[0]})
    items = r.get_json()["items"]
    assert [(i["shares"], i["member"], i["votes"]) for i in items] == [(7, True, True), (7, True, True)]
    assert all("*" in i["id_number"] for i in items)


def test_the_register_reads_back_the_holdings_of_a_past_date_rg_01(app, api):
    codes, resolution = _village(app, api, (1,))
    assert api.post(PLANS, {"resolution_id": resolution, "shares_per_member": 7}).status_code == 201
    yesterday = (clock.today() - timedelta(days=1)).isoformat()  # the meeting day of the factory resolution
    earlier = (clock.today() - timedelta(days=2)).isoformat()
    assert _holdings(api, as_of=yesterday) == {codes[0]: 7}
    assert _holdings(api, as_of=earlier) == {}
    entries = api.get(f"/api/v1/collectives/{VILLAGE_A}/share-register").get_json()["items"]
    assert [(e["kind"], e["delta"], e["balance_after"]) for e in entries] == [("quantification", 7, 7)]


def test_every_holding_equals_the_sum_of_its_register_entries_rg_01(app, api, session):
    _, resolution = _village(app, api, (2, 1))
    api.post(PLANS, {"resolution_id": resolution, "shares_per_member": 4})
    sums = dict(
        session.execute(
            select(ShareRegisterEntry.person_id, func.sum(ShareRegisterEntry.delta)).group_by(
                ShareRegisterEntry.person_id
            )
        ).all()
    )
    holdings = {h.person_id: h.shares for h in session.scalars(select(ShareHolding))}
    assert holdings == sums and len(holdings) == 3
