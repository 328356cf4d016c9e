"""Distributions: reserve first, exact largest-remainder allocation (SH-04), inspection before approval
(SH-05),
the payment ledger, and shares untouched by an urban settlement (UR-01)."""

from datetime import timedelta

from registry.people.models import Person
from tests.factories import VILLAGE_A, make_person
from tests.factories_shares import (
    adopt_via_api,
    build,
    end_by_death,
    quantified_village,
    record_urban_settlement,
)
from registry import clock

DISTRIBUTIONS = f"/api/v1/collectives/{VILLAGE_A}/distributions"
TODAY = clock.today()


def _plan(api, **over):
    body = {"year": 2025, "net_income_fen": 100_001, "reserve_ratio": 0.3, **over}
    return api.post(DISTRIBUTIONS, body)


def _amounts(body):
    return [a["amount_fen"] for a in body["allocations"]]


def test_the_reserve_is_withheld_first_and_the_rest_allocated_exactly_sh_04(app, api):
    codes = [c for c, _ in quantified_village(app, api, [3, 2, 1])]  # 30, 20, 10 shares
    r = _plan(api)
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    # reserve 30 % of 100 001 = 30 000.3 → rounded up to 30 001; 70 000 for 60 shares: 35 000, 23 333⅓, 11
    # 666⅔;
    # the one fen left goes to the largest remainder (⅔)
    assert (body["status"], body["reserve_fen"], body["distributable_fen"]) == ("inspection", 30_001, 70_000)
    assert [(a["household_code"], a["shares"]) for a in body["allocations"]] == list(zip(codes, (30, 20, 10)))
    assert _amounts(body) == [35_000, 23_333, 11_667]
    assert body["inspection_ends"] == (TODAY + timedelta(days=10)).isoformat()
    assert api.get(f"/api/v1/distributions/{body['id']}").get_json()["allocations"] == body["allocations"]


def test_ties_are_broken_by_household_code_sh_04(app, api):
    quantified_village(app, api, [1, 1, 1])
    body = _plan(
        api, net_income_fen=1_000, reserve_ratio="0.3"
    ).get_json()  # 700 fen over three equal holders
    assert _amounts(body) == [234, 233, 233]


def test_the_ratio_is_read_exactly_as_number_or_string_never_as_float_sh_04(app, api):
    quantified_village(app, api, [1])
    # 0.35 as a float is 0.34999999999999997779…; read through Decimal(str(x)) it is exactly 7/20
    first = _plan(api, year=2023, net_income_fen=100, reserve_ratio=0.35).get_json()
    second = _plan(api, year=2024, net_income_fen=100, reserve_ratio="0.35").get_json()
    assert first["reserve_fen"] == second["reserve_fen"] == 35
    assert first["reserve_ratio"] == second["reserve_ratio"] == "0.35"


def test_a_reserve_below_the_charter_minimum_is_refused_sh_04(app, api, monkeypatch):
    quantified_village(app, api, [1])
    for ratio in (0.29, "0.2999", 0):
        r = _plan(api, reserve_ratio=ratio)
        assert r.status_code == 422 and r.get_json()["rule"] == "SH-04", ratio
        assert "reserve_ratio" in r.get_json()["errors"]
    assert "公积公益金" in r.get_json()["detail"]  # zh_CN by default
    english = api.post(
        DISTRIBUTIONS + "?lang=en", {"year": 2025, "net_income_fen": 100, "reserve_ratio": 0.2}
    )
    assert "below the charter minimum 0.3" in english.get_json()["detail"]
    monkeypatch.setitem(app.config, "RESERVE_MIN_PERCENT", 20)
    assert _plan(api, reserve_ratio="0.25").status_code == 201


def test_bad_amounts_and_ratios_are_422_naming_the_field(app, api):
    quantified_village(app, api, [1])
    for over, field in [
        ({"reserve_ratio": "abc"}, "reserve_ratio"),
        ({"reserve_ratio": "NaN"}, "reserve_ratio"),
        ({"reserve_ratio": 1.5}, "reserve_ratio"),
        ({"reserve_ratio": True}, "reserve_ratio"),
        ({"net_income_fen": 100.5}, "net_income_fen"),
        ({"net_income_fen": 0}, "net_income_fen"),
        ({"year": "x"}, "year"),
    ]:
        r = _plan(api, **over)
        assert r.status_code == 422 and field in r.get_json()["errors"], (over, r.get_json())


def test_nothing_is_distributed_without_shares_sh_04(app, api):
    r = _plan(api)
    assert r.status_code == 422 and r.get_json()["rule"] == "SH-04"


def test_a_corrected_plan_replaces_the_one_under_inspection_but_not_an_approved_one_sh_04(app, api):
    quantified_village(app, api, [1])
    start = (TODAY - timedelta(days=12)).isoformat()
    first = _plan(api, inspection_start=start, inspection_evidence_ref="公示照片").get_json()
    second = _plan(
        api, net_income_fen=200_000, inspection_start=start, inspection_evidence_ref="公示照片"
    ).get_json()
    assert api.get(f"/api/v1/distributions/{first['id']}").get_json()["status"] == "superseded"
    resolution = adopt_via_api(api, VILLAGE_A, "distribution")
    assert (
        api.post(f"/api/v1/distributions/{second['id']}/approve", {"resolution_id": resolution}).status_code
        == 200
    )
    r = _plan(api)
    assert r.status_code == 409 and r.get_json()["rule"] == "SH-04"


def test_approval_before_the_inspection_ends_is_refused_sh_05(app, api):
    quantified_village(app, api, [1])
    d = _plan(api).get_json()
    resolution = adopt_via_api(api, VILLAGE_A, "distribution")
    r = api.post(f"/api/v1/distributions/{d['id']}/approve", {"resolution_id": resolution})
    assert r.status_code == 409 and r.get_json()["rule"] == "SH-05"
    assert api.get(f"/api/v1/distributions/{d['id']}").get_json()["status"] == "inspection"


def test_a_past_inspection_needs_its_evidence_and_then_approval_is_allowed_sh_05(app, api):
    quantified_village(app, api, [1])
    start = (TODAY - timedelta(days=10)).isoformat()  # ends today: approval allowed from the end date on
    r = _plan(api, inspection_start=start)
    assert r.status_code == 422 and r.get_json()["rule"] == "SH-05"
    assert "inspection_evidence_ref" in r.get_json()["errors"]
    d = _plan(api, inspection_start=start, inspection_evidence_ref="公示栏照片 2026-05").get_json()
    assert d["inspection_ends"] == TODAY.isoformat()
    resolution = adopt_via_api(api, VILLAGE_A, "distribution", meeting_date=TODAY)
    r = api.post(f"/api/v1/distributions/{d['id']}/approve", {"resolution_id": resolution})
    assert r.status_code == 200, r.get_json()
    assert (r.get_json()["status"], r.get_json()["approval_resolution_id"]) == ("approved", resolution)


def test_an_assembly_held_during_the_inspection_cannot_approve_sh_05(app, api):
    quantified_village(app, api, [1])
    d = _plan(
        api, inspection_start=(TODAY - timedelta(days=12)).isoformat(), inspection_evidence_ref="照片"
    ).get_json()
    early = adopt_via_api(api, VILLAGE_A, "distribution", meeting_date=TODAY - timedelta(days=5))
    r = api.post(f"/api/v1/distributions/{d['id']}/approve", {"resolution_id": early})
    assert r.status_code == 409 and r.get_json()["rule"] == "SH-05"


def test_approval_needs_a_distribution_resolution_of_the_assembly_mem_02(app, api):
    quantified_village(app, api, [1])
    d = _plan(
        api, inspection_start=(TODAY - timedelta(days=12)).isoformat(), inspection_evidence_ref="照片"
    ).get_json()
    for resolution in (
        adopt_via_api(api, VILLAGE_A, "share_plan"),
        adopt_via_api(api, VILLAGE_A, "distribution", body="representatives"),
    ):
        r = api.post(f"/api/v1/distributions/{d['id']}/approve", {"resolution_id": resolution})
        assert r.status_code == 422 and r.get_json()["rule"] == "MEM-02"
    assert api.post("/api/v1/distributions/999/approve", {"resolution_id": 1}).status_code == 404


def _inspected(app, api, sizes=(2, 1)):
    """Member households with shares and a distribution whose inspection (held on paper) has ended."""
    households = quantified_village(app, api, list(sizes))
    d = _plan(
        api, inspection_start=(TODAY - timedelta(days=12)).isoformat(), inspection_evidence_ref="照片"
    ).get_json()
    return households, d


def test_dividends_are_paid_only_after_approval_and_the_ledger_keeps_every_step_sh_05(app, api):
    households, d = _inspected(app, api)
    code = households[0][0]
    pay = f"/api/v1/distributions/{d['id']}/payments"
    r = api.post(pay, {"household_code": code, "status": "paid", "payment_ref": "银行流水 001"})
    assert r.status_code == 409 and r.get_json()["rule"] == "SH-05"  # not approved yet
    resolution = adopt_via_api(api, VILLAGE_A, "distribution", members_total=3)
    assert (
        api.post(f"/api/v1/distributions/{d['id']}/approve", {"resolution_id": resolution}).status_code == 200
    )
    assert (
        api.post(pay, {"household_code": code, "status": "returned", "payment_ref": "x"}).status_code == 409
    )
    blank = api.post(pay, {"household_code": code, "status": "paid", "payment_ref": "  "})
    assert blank.status_code == 422 and "payment_ref" in blank.get_json()["errors"]
    for status, ref in (("paid", "银行流水 001"), ("returned", "退票 001"), ("paid", "银行流水 002")):
        r = api.post(pay, {"household_code": code, "status": status, "payment_ref": ref})
        assert r.status_code == 201, r.get_json()
    assert api.post(pay, {"household_code": code, "status": "paid", "payment_ref": "dup"}).status_code == 409
    ledger = api.get(pay).get_json()
    row = next(i for i in ledger["items"] if i["household_code"] == code)
    assert row["payment_status"] == "paid"
    assert [e["status"] for e in row["entries"]] == ["paid", "returned", "paid"]
    assert ledger["paid_fen"] == row["amount_fen"] and ledger["total"] == 2
    unpaid = api.get(pay, query_string={"status": "unpaid"}).get_json()
    assert [i["household_code"] for i in unpaid["items"]] == [households[1][0]]


def test_a_non_member_heir_receives_dividends_sh_03(app, api):
    households = quantified_village(app, api, [1, 1])
    deceased = households[0][1][0]

    def succession(session):
        end_by_death(session, session.query(Person).filter_by(id_number=deceased).one(), VILLAGE_A)
        return make_person(session, "外地继承人").id_number

    heir = build(app, succession)
    r = api.post(
        f"/api/v1/collectives/{VILLAGE_A}/share-inheritances",
        {
            "deceased_id_number": deceased,
            "heirs": [{"id_number": heir, "shares": 10}],
            "document_ref": "公证书",
        },
    )
    assert r.status_code == 201
    body = _plan(api, net_income_fen=1_000).get_json()
    assert [(a["household_code"], a["holder_id_number"], a["amount_fen"]) for a in body["allocations"]] == [
        (households[1][0], None, 350),
        (None, heir[:6] + "********" + heir[-4:], 350),
    ]


def test_an_urban_settlement_changes_no_share_or_dividend_ur_01(app, api):
    households = quantified_village(app, api, [2, 2])
    (settled, settled_people), (stayed, _) = households
    holdings = f"/api/v1/collectives/{VILLAGE_A}/share-holdings"
    holders = f"/api/v1/collectives/{VILLAGE_A}/share-holders"
    before = api.get(holdings).get_json(), api.get(holders).get_json()

    def settle(session):
        for number in settled_people:
            record_urban_settlement(session, session.query(Person).filter_by(id_number=number).one(), settled)

    build(app, settle)
    assert (api.get(holdings).get_json(), api.get(holders).get_json()) == before
    body = _plan(api, net_income_fen=10_000).get_json()
    amounts = {a["household_code"]: (a["shares"], a["amount_fen"]) for a in body["allocations"]}
    assert amounts[settled] == amounts[stayed] == (20, 3_500)


def test_distributions_stay_inside_the_collectives_scope_sec_01(app, api):
    quantified_village(app, api, [1])
    assert _plan(api).status_code == 201
    d = api.get(f"/api/v1/collectives/{VILLAGE_A}/share-holdings").get_json()
    assert d["total"] == 1
    assert (
        api.post(
            DISTRIBUTIONS, {"year": 2026, "net_income_fen": 100, "reserve_ratio": 0.3}, as_="clerk_b"
        ).status_code
        == 403
    )
    assert api.get("/api/v1/distributions/1", as_="clerk_b").status_code == 403
    assert api.get("/api/v1/distributions/1", as_="reviewer").status_code == 200
    assert api.get("/api/v1/distributions/1/payments", as_="reviewer_other").status_code == 403
    assert (
        api.post("/api/v1/distributions/1/approve", {"resolution_id": 1}, as_="reviewer").status_code == 403
    )
