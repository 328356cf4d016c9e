"""Family contracts through HTTP: LC-01 party, LC-02 terms and extension, LC-03 one contract per parcel,
LC-04 right holders, the register and as-of reads (RG-01), scopes and bad input."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from registry.contracts.terms import add_years, last_day
from tests.factories import VILLAGE_A, VILLAGE_B
from tests.factories_contracts import END, START, contract_body, contracted_family, family, parcels
from registry import clock

URL = "/api/v1/land-contracts"


def test_a_family_contract_lists_every_member_women_included_and_sums_the_area_lc_01_lc_04(api, app):
    fam = family(app)
    plots = parcels(app, n=2)
    r = api.post(URL, contract_body(fam.household_code, plots))
    assert r.status_code == 201, r.get_json()
    c = r.get_json()
    assert c["code"] == fam.household_code + "J" and len(c["code"]) == 19
    assert c["status"] == "active" and c["household_code"] == fam.household_code
    assert c["parcel_codes"] == sorted(plots) and c["issuer_code"] == VILLAGE_A
    assert c["start_date"] == START.isoformat() and c["end_date"] == END.isoformat()
    holders = c["right_holders"]
    assert [h["name"] for h in holders] == ["王建国", "李秀英", "王小红"]
    assert sorted(h["sex"] for h in holders) == ["1", "2", "2"]
    assert [h["id_number"] for h in holders] == [n[:6] + "********" + n[-4:] for n in fam.id_numbers]
    with app.app_context():
        from registry.db import db
        from registry.parcels.models import Parcel

        expected = sum(p.area_m2 for p in db.session.query(Parcel).filter(Parcel.code.in_(plots)))
    assert Decimal(str(c["area_m2"])) == expected
    assert abs(c["area_mu"] - float(expected) * 3 / 2000) < 0.001
    assert api.get(f"{URL}/{c['code']}").get_json() == c


def test_a_household_without_an_active_member_is_refused_lc_01(api, app):
    fam = family(app, members=False)
    r = api.post(URL, contract_body(fam.household_code, parcels(app)))
    assert r.status_code == 422 and r.get_json()["rule"] == "LC-01"
    assert "household_code" in r.get_json()["errors"]


def test_a_household_of_another_collective_is_refused_lc_01(api, app):
    fam = family(app, VILLAGE_B)
    r = api.post(URL, contract_body(fam.household_code, parcels(app, VILLAGE_A)))
    assert r.status_code == 422 and r.get_json()["rule"] == "LC-01"


def test_parcels_of_two_collectives_are_refused_lc_01(api, app):
    fam = family(app)
    r = api.post(
        URL, contract_body(fam.household_code, parcels(app, n=1) + parcels(app, VILLAGE_B, n=1)), as_="admin"
    )
    assert r.status_code == 422 and r.get_json()["rule"] == "LC-01"


def _term(api, app, land_type, start, end):
    fam = family(app)
    body = {
        **contract_body(fam.household_code, parcels(app, n=1), land_type=land_type),
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
    }
    return api.post(URL, body)


def test_terms_follow_the_land_type_lc_02(api, app):
    s = date(2026, 1, 1)
    assert _term(api, app, "arable", s, date(2055, 12, 31)).status_code == 201
    assert _term(api, app, "arable", s, date(2056, 1, 1)).status_code == 201  # the anniversary form
    assert _term(api, app, "grassland", s, last_day(s, 50)).status_code == 201
    assert _term(api, app, "forest", s, last_day(s, 70)).status_code == 201
    assert _term(api, app, "forest", s, last_day(s, 45)).status_code == 201
    for land_type, end in [
        ("arable", date(2056, 1, 2)),
        ("arable", date(2050, 12, 31)),
        ("grassland", last_day(s, 51)),
        ("forest", last_day(s, 71)),
        ("forest", last_day(s, 29)),
        ("arable", date(2025, 12, 31)),
    ]:
        r = _term(api, app, land_type, s, end)
        assert r.status_code == 422 and r.get_json()["rule"] == "LC-02", (land_type, end)
        assert "end_date" in r.get_json()["errors"]


def test_an_arable_contract_is_extended_by_30_years_as_its_term_runs_out_lc_02(api, app):
    near_end = add_years(clock.today(), -29)  # ends within the year
    c = contracted_family(app, start=near_end)
    r = api.post(f"{URL}/{c.contract_code}/extension", {"document_ref": "延包文件 2026-1"})
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["end_date"] == last_day(near_end, 60).isoformat()
    kinds = [e["kind"] for e in api.get(f"{URL}/{c.contract_code}/register").get_json()["items"]]
    assert kinds == ["initial", "extension"]
    yesterday = (clock.today() - timedelta(days=1)).isoformat()
    assert (
        api.get(f"{URL}/{c.contract_code}?as_of={yesterday}").get_json()["end_date"]
        == last_day(near_end, 30).isoformat()
    )


def test_an_extension_is_refused_for_forest_land_and_long_before_the_term_ends_lc_02(api, app):
    forest = contracted_family(app, start=add_years(clock.today(), -69), years=70, land_type="forest")
    r = api.post(f"{URL}/{forest.contract_code}/extension", {})
    assert r.status_code == 422 and r.get_json()["rule"] == "LC-02"
    young = contracted_family(app, start=date(clock.today().year - 10, 1, 1))
    r = api.post(f"{URL}/{young.contract_code}/extension", {})
    assert r.status_code == 422 and r.get_json()["rule"] == "LC-02" and "date" in r.get_json()["errors"]


def test_a_parcel_is_in_one_active_contract_only_lc_03(api, app):
    first = contracted_family(app)
    other = family(app)
    r = api.post(URL, contract_body(other.household_code, [first.parcel_codes[0]] + parcels(app, n=1)))
    assert r.status_code == 409 and r.get_json()["rule"] == "LC-03"
    assert r.get_json()["conflicts"] == [first.parcel_codes[0]]
    r = api.post(URL, contract_body(other.household_code, parcels(app, n=1)))
    assert r.status_code == 201


def test_a_second_contract_for_the_same_household_is_refused(api, app):
    c = contracted_family(app)
    r = api.post(URL, contract_body(c.household_code, parcels(app, n=1)))
    assert r.status_code == 409 and r.get_json()["rule"] == "PER-03"


def test_the_register_numbers_entries_with_date_actor_and_reason_rg_01(api, app):
    c = contracted_family(app)
    api.post(
        f"{URL}/{c.contract_code}/termination",
        {"reason": "destruction", "parcel_codes": [c.parcel_codes[0]], "document_ref": "灾毁认定 2026-7"},
    )
    r = api.get(f"{URL}/{c.contract_code}/register")
    assert r.status_code == 200
    body = r.get_json()
    assert body["total"] == 2
    first, second = body["items"]
    assert (first["seq"], first["kind"], first["date"], first["actor"]) == (
        1,
        "initial",
        START.isoformat(),
        "system",
    )
    assert (second["seq"], second["kind"], second["actor"]) == (2, "termination", "clerk")
    assert second["reason"] == "destruction" and second["document_ref"] == "灾毁认定 2026-7"
    assert second["date"] == clock.today().isoformat()


def test_a_change_cannot_be_dated_before_the_last_register_entry_rg_01(api, app):
    c = contracted_family(app)
    ok = api.post(
        f"{URL}/{c.contract_code}/termination",
        {"reason": "destruction", "parcel_codes": [c.parcel_codes[0]], "date": f"{START.year + 5}-06-01"},
    )
    assert ok.status_code == 200
    r = api.post(
        f"{URL}/{c.contract_code}/termination",
        {"reason": "destruction", "parcel_codes": [c.parcel_codes[1]], "date": f"{START.year + 4}-06-01"},
    )
    assert r.status_code == 422 and r.get_json()["rule"] == "RG-01"
    assert api.get(f"{URL}/{c.contract_code}/register").get_json()["total"] == 2


def test_register_entries_cannot_be_edited_or_removed_through_the_api_rg_01(api, app):
    c = contracted_family(app)
    for method in (api.client.put, api.client.patch, api.client.delete):
        r = method(
            f"{URL}/{c.contract_code}/register", headers={"Authorization": f"Bearer {api.token('admin')}"}
        )
        assert r.status_code == 405


def test_as_of_before_the_contract_began_is_404_and_a_bad_date_422(api, app):
    c = contracted_family(app)
    assert api.get(f"{URL}/{c.contract_code}?as_of={START - timedelta(days=1)}").status_code == 404
    assert api.get(f"{URL}/{c.contract_code}?as_of={START}").get_json()["status"] == "active"
    r = api.get(f"{URL}/{c.contract_code}?as_of=2000-13-01")
    assert r.status_code == 422 and "as_of" in r.get_json()["errors"]


def test_after_the_term_a_contract_reads_as_expired(api, app):
    c = contracted_family(app, start=date(1990, 1, 1))
    assert api.get(f"{URL}/{c.contract_code}").get_json()["status"] == "expired"
    assert api.get(f"{URL}/{c.contract_code}?as_of=2019-12-31").get_json()["status"] == "active"


def test_contracts_are_read_and_written_within_scope_sec_01(api, app):
    c = contracted_family(app)
    assert api.get(f"{URL}/{c.contract_code}", as_="reviewer").status_code == 200
    assert api.get(f"{URL}/{c.contract_code}", as_="clerk_b").status_code == 403
    assert api.get(f"{URL}/{c.contract_code}", as_="reviewer_other").status_code == 403
    assert api.get(f"{URL}/{c.contract_code}", as_="police").status_code == 403
    fam = family(app)
    assert api.post(URL, contract_body(fam.household_code, parcels(app)), as_="clerk_b").status_code == 403
    assert api.get(f"{URL}/{VILLAGE_A}9999J").status_code == 404


def test_bad_contract_input_is_422_naming_the_field(api, app):
    fam = family(app)
    plots = parcels(app, n=1)
    cases = [
        ({"method": "120"}, "method"),
        ({"land_type": "orchard"}, "land_type"),
        ({"start_date": "2000-02-30"}, "start_date"),
        ({"parcel_codes": []}, "parcel_codes"),
        ({"parcel_codes": ["123"]}, "parcel_codes.0"),
        ({"parcel_codes": [VILLAGE_A + "99999"]}, "parcel_codes"),
        ({"household_code": "12"}, "household_code"),
        ({"parcel_codes": plots + plots}, "parcel_codes"),
        ({"extra": 1}, "extra"),
    ]
    for change, field in cases:
        r = api.post(URL, {**contract_body(fam.household_code, plots), **change})
        assert r.status_code == 422, (change, r.get_json())
        assert field in r.get_json()["errors"], (change, r.get_json())


def test_the_start_date_is_kept_when_the_contract_is_registered_later(api, app):
    fam = family(app)
    r = api.post(URL, contract_body(fam.household_code, parcels(app), start=START))
    entry = api.get(f"{URL}/{r.get_json()['code']}/register").get_json()["items"][0]
    assert entry["date"] == START.isoformat() and entry["term_end"] == END.isoformat()
    assert clock.local_date(datetime.fromisoformat(entry["recorded_at"])) == clock.today()
