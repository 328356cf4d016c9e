"""Management-right transfers (流转) through HTTP: term within the contract, agricultural use, price in fen,
18-digit codes, registrable from 5 years (LC-09); re-lease and mortgage only with the holder's consent
(LC-10)."""

from datetime import date

from registry.contracts.terms import last_day
from tests.factories import VILLAGE_A, make_id_number
from tests.factories_contracts import contracted_family

URL = "/api/v1/land-contracts"


def _lease(c, **kw):
    return {
        "lessee": {"name": "中牟县绿源农业合作社", "id_type": "3", "id_number": "93410122MA40ABCD1X"},
        "parcel_codes": c.parcel_codes,
        "mode": "lease",
        "start_date": "2026-01-01",
        "end_date": "2030-12-31",
        "land_use": "1",
        "price_fen": 80_000,
        **kw,
    }


def test_a_lease_is_filed_with_an_18_digit_code_and_leaves_the_contract_unchanged_lc_09(api, app):
    c = contracted_family(app, start=date(2020, 1, 1))
    before = api.get(f"{URL}/{c.contract_code}").get_json()
    r = api.post(f"{URL}/{c.contract_code}/leases", _lease(c))
    assert r.status_code == 201, r.get_json()
    lease = r.get_json()
    assert lease["code"] == VILLAGE_A + "0001" and len(lease["code"]) == 18
    assert lease["registrable"] is True and lease["price_fen"] == 80_000
    assert lease["lessee"]["kind"] == "organisation" and lease["contract_code"] == c.contract_code
    assert api.get(f"{URL}/{c.contract_code}").get_json() == before
    entry = api.get(f"{URL}/{c.contract_code}/register").get_json()["items"][-1]
    assert entry["kind"] == "lease_filed" and entry["details"]["lease"] == lease["code"]
    second = api.post(
        f"{URL}/{c.contract_code}/leases", _lease(c, start_date="2031-01-01", end_date="2034-12-30")
    )
    assert second.status_code == 201
    assert second.get_json()["code"] == VILLAGE_A + "0002" and second.get_json()["registrable"] is False
    listed = api.get(f"{URL}/{c.contract_code}/leases", as_="reviewer").get_json()
    assert listed["total"] == 2 and [x["code"] for x in listed["items"]] == [
        lease["code"],
        second.get_json()["code"],
    ]


def test_a_lease_ending_after_the_contract_is_refused_lc_09(api, app):
    c = contracted_family(app, start=date(2020, 1, 1))
    r = api.post(f"{URL}/{c.contract_code}/leases", _lease(c, end_date="2050-01-01"))
    assert r.status_code == 422 and r.get_json()["rule"] == "LC-09" and "end_date" in r.get_json()["errors"]
    r = api.post(
        f"{URL}/{c.contract_code}/leases", _lease(c, end_date=last_day(date(2020, 1, 1), 30).isoformat())
    )
    assert r.status_code == 201


def test_non_agricultural_use_is_refused_lc_09(api, app):
    c = contracted_family(app, start=date(2020, 1, 1))
    r = api.post(f"{URL}/{c.contract_code}/leases", _lease(c, land_use="5"))
    assert r.status_code == 422 and r.get_json()["rule"] == "LC-09" and "land_use" in r.get_json()["errors"]
    for use in ("2", "3", "4"):
        r = api.post(
            f"{URL}/{c.contract_code}/leases",
            _lease(c, land_use=use, start_date=f"202{use}-01-01", end_date=f"202{use}-12-31"),
        )
        assert r.status_code == 201, r.get_json()


def test_prices_are_whole_fen_and_input_errors_name_the_field(api, app):
    c = contracted_family(app, start=date(2020, 1, 1))
    for change, field in [
        ({"price_fen": 12.5}, "price_fen"),
        ({"price_fen": "100"}, "price_fen"),
        ({"price_fen": -1}, "price_fen"),
        ({"land_use": "6"}, "land_use"),
        ({"mode": "sale"}, "mode"),
        ({"lessee": {"name": "张三", "id_type": "1", "id_number": "110105194912310021"}}, "id_number"),
        ({"lessee": {"name": "张三", "id_type": "7", "id_number": "x"}}, "lessee.id_type"),
    ]:
        r = api.post(f"{URL}/{c.contract_code}/leases", _lease(c, **change))
        assert r.status_code == 422 and field in str(r.get_json()["errors"]), (change, r.get_json())


def test_the_same_parcel_is_not_leased_twice_for_one_period_lc_09(api, app):
    c = contracted_family(app, start=date(2020, 1, 1))
    first = api.post(f"{URL}/{c.contract_code}/leases", _lease(c)).get_json()
    r = api.post(
        f"{URL}/{c.contract_code}/leases",
        _lease(c, parcel_codes=[c.parcel_codes[0]], start_date="2030-06-01", end_date="2032-12-31"),
    )
    assert (
        r.status_code == 409
        and r.get_json()["rule"] == "LC-09"
        and r.get_json()["conflicts"] == [first["code"]]
    )


def test_a_member_lessee_is_recognised_and_shown_masked(api, app):
    c = contracted_family(app, start=date(2020, 1, 1))
    neighbour = contracted_family(app, start=date(2020, 1, 1))
    body = _lease(c, lessee={"name": "王建国", "id_type": "1", "id_number": neighbour.id_numbers[0]})
    r = api.post(f"{URL}/{c.contract_code}/leases", body)
    assert r.status_code == 201
    lessee = r.get_json()["lessee"]
    assert (
        lessee["kind"] == "member"
        and lessee["id_number"] == neighbour.id_numbers[0][:6] + "********" + neighbour.id_numbers[0][-4:]
    )
    outsider = make_id_number()
    r = api.post(
        f"{URL}/{c.contract_code}/leases",
        _lease(
            c,
            start_date="2031-01-01",
            end_date="2031-12-31",
            lessee={"name": "赵外", "id_type": "1", "id_number": outsider},
        ),
    )
    assert r.get_json()["lessee"]["kind"] == "person"


def test_a_re_lease_needs_the_holders_written_consent_lc_10(api, app):
    c = contracted_family(app, start=date(2020, 1, 1))
    lease = api.post(f"{URL}/{c.contract_code}/leases", _lease(c)).get_json()
    url = f"{URL}/{c.contract_code}/leases/{lease['code']}/re-leases"
    body = _lease(
        c,
        lessee={"name": "郑州某农业公司", "id_type": "3", "id_number": "91410100MA44XYZ12Q"},
        start_date="2027-01-01",
        end_date="2029-12-31",
        price_fen=120_000,
    )
    r = api.post(url, body)
    assert (
        r.status_code == 422
        and r.get_json()["rule"] == "LC-10"
        and "holder_consent_ref" in r.get_json()["errors"]
    )
    r = api.post(url, {**body, "holder_consent_ref": "承包方书面同意书 2026-12"})
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["re_lease_of"] == lease["code"] and r.get_json()["code"] == VILLAGE_A + "0002"
    r = api.post(url, {**body, "holder_consent_ref": "同意书", "end_date": "2031-01-01"})
    assert r.status_code == 422 and r.get_json()["rule"] == "LC-09"


def test_a_mortgage_by_the_lessee_needs_the_holders_written_consent_lc_10(api, app):
    c = contracted_family(app, start=date(2020, 1, 1))
    lease = api.post(f"{URL}/{c.contract_code}/leases", _lease(c)).get_json()
    url = f"{URL}/{c.contract_code}/leases/{lease['code']}/mortgages"
    body = {
        "creditor_name": "中牟农商银行",
        "amount_fen": 50_000_000,
        "start_date": "2026-03-01",
        "end_date": "2028-02-28",
        "document_ref": "抵押合同 88",
    }
    r = api.post(url, body)
    assert r.status_code == 422 and r.get_json()["rule"] == "LC-10"
    r = api.post(url, {**body, "holder_consent_ref": "承包方书面同意书"})
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["lease_code"] == lease["code"] and r.get_json()["amount_fen"] == 50_000_000
    r = api.post(url, {**body, "holder_consent_ref": "同意书", "end_date": "2031-06-30"})
    assert r.status_code == 422 and r.get_json()["rule"] == "LC-10"
    kinds = [e["kind"] for e in api.get(f"{URL}/{c.contract_code}/register").get_json()["items"]]
    assert kinds == ["initial", "lease_filed", "mortgage_filed"]
