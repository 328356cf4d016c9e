"""Plausible data only: each rule refused at the service whichever door the value came in by, and allowed in
its plausible case (SH-06, SH-07, HS-08, RS-04, PER-01, PER-04, PER-05, UR-03)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from registry import clock
from registry.auth.actor import Actor
from registry.codes import id_check_char, parse_id_number
from registry.db import db
from registry.errors import InvalidInput
from registry.shares import holdings, transfers
from registry.shares.settings import ShareSettings
from tests.factories import VILLAGE_A, make_id_number, make_person
from tests.factories_homesteads import applicant, body, homestead_world
from tests.factories import committed
from tests.factories_shares import quantified_village

assert homestead_world  # a fixture
CLERK = Actor("clerk", "clerk", VILLAGE_A)
TRANSFERS = f"/api/v1/collectives/{VILLAGE_A}/share-transfers"


def _number(first17: str) -> str:
    return first17 + id_check_char(first17)


# --- SH-06 counts and shares positive, in the service ------------------------------------------------------


def test_a_negative_transfer_is_refused_by_the_service_not_only_the_schema_sh_06(app, api):
    (a, _), (b, _), *_ = quantified_village(app, api, [1] * 40)  # 400 shares: a cap of 12 per person
    with app.app_context():
        for shares in (-5, 0):
            with pytest.raises(InvalidInput) as err:
                transfers.transfer_shares(
                    db.session,
                    CLERK,
                    VILLAGE_A,
                    {"from_household_code": a, "to_household_code": b, "shares": shares},
                    ShareSettings(),
                )
            assert err.value.rule == "SH-06" and "shares" in err.value.errors
            db.session.rollback()
    r = api.post(TRANSFERS, {"from_household_code": a, "to_household_code": b, "shares": 1})
    assert r.status_code == 201, r.get_json()


def test_a_negative_transfer_through_the_web_form_is_refused_sh_06(app, api, client):
    from tests.web.conftest import WebClient

    (a, _), (b, _), *_ = quantified_village(app, api, [1] * 40)
    web = WebClient(client)
    web.login("clerk")
    r = web.post(
        "/clerk/shares",
        {"action": "transfer", "from_household_code": a, "to_household_code": b, "shares": "-5"},
    )
    page = r.get_data(as_text=True)
    assert r.status_code == 422 and "SH-06" in page and "股数须为正整数" in page
    held = {
        i["household_code"]: i["shares"]
        for i in api.get(
            f"/api/v1/collectives/{VILLAGE_A}/share-holdings", query_string={"per_page": 500}
        ).get_json()["items"]
    }
    assert (held[a], held[b]) == (10, 10)


def test_shares_per_member_must_be_positive_in_the_service_sh_06(app, world):
    with app.app_context():
        with pytest.raises(InvalidInput) as err:
            holdings.adopt_share_plan(db.session, CLERK, VILLAGE_A, 1, -3, "static", ShareSettings())
        assert err.value.rule == "SH-06"


# --- SH-07 distribution years and inspection starts --------------------------------------------------------


def _distribution(api, **over):
    body = {"year": clock.today().year - 1, "net_income_fen": 100000, "reserve_ratio": "0.30", **over}
    return api.post(f"/api/v1/collectives/{VILLAGE_A}/distributions", body)


def test_a_future_inspection_start_or_an_absurd_year_is_refused_sh_07(app, api):
    quantified_village(app, api, [1, 1])
    r = _distribution(api, inspection_start=(clock.today() + timedelta(days=1)).isoformat())
    assert r.status_code == 422 and r.get_json()["rule"] == "SH-07"
    assert "inspection_start" in r.get_json()["errors"]
    r = _distribution(api, year=clock.today().year + 1)
    assert r.status_code == 422 and "year" in r.get_json()["errors"]
    r = _distribution(api, year=99999)
    assert r.status_code == 422 and "year" in r.get_json()["errors"]
    r = _distribution(api)
    assert r.status_code == 201, r.get_json()


# --- HS-08 publicity starts
# ----------------------------------------------------------------------------------


def test_a_publicity_starting_in_the_future_is_refused_hs_08(app, homestead_world, api):
    household = applicant(app, VILLAGE_A)
    url = "/api/v1/homestead-applications"
    r = api.post(
        url, {**body(household), "publicity_start": (clock.today() + timedelta(days=30)).isoformat()}
    )
    assert r.status_code == 422 and r.get_json()["rule"] == "HS-08"
    r = api.post(url, {**body(household), "publicity_start": "2000-01-01", "publicity_evidence_ref": "照片"})
    assert r.status_code == 422 and r.get_json()["rule"] == "HS-08"
    r = api.post(
        url,
        {
            **body(household),
            "publicity_start": (clock.today() - timedelta(days=3)).isoformat(),
            "publicity_evidence_ref": "公示照片",
        },
    )
    assert r.status_code == 201, r.get_json()


# --- RS-04 hukou events fit the person; UR-03 urban settlement without a collective ------------------------


def _event(api, id_number, kind, on, **extra):
    return api.post(
        "/api/v1/hukou-events",
        {"id_number": id_number, "kind": kind, "date": on.isoformat(), "collective_code": VILLAGE_A, **extra},
        as_="police",
    )


def test_a_birth_event_for_an_adult_is_refused_rs_04(app, api):
    adult = committed(app, lambda s: make_person(s, "成年人", birth=date(1980, 5, 17)).id_number)
    r = _event(api, adult, "birth", clock.today())
    assert r.status_code == 422 and r.get_json()["rule"] == "RS-04"
    baby_born = clock.today() - timedelta(days=20)
    baby = committed(app, lambda s: make_person(s, "新生儿", birth=baby_born).id_number)
    r = _event(api, baby, "birth", clock.today())
    assert r.status_code == 201, r.get_json()


def test_an_urban_settlement_of_a_person_in_no_household_needs_no_collective_ur_03(app, api):
    loner = committed(app, lambda s: make_person(s, "无户").id_number)
    r = api.post(
        "/api/v1/hukou-events",
        {"id_number": loner, "kind": "urban_settlement", "date": clock.today().isoformat()},
        as_="police",
    )
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["collective_code"] is None
    r = api.post(
        "/api/v1/hukou-events",
        {"id_number": loner, "kind": "death", "date": clock.today().isoformat()},
        as_="police",
    )
    assert r.status_code == 422 and "collective_code" in r.get_json()["errors"]  # other events still need one


# --- PER-01 message, PER-04 region codes, PER-05 relation and sex ------------------------------------------


def test_a_birth_year_of_1800_is_named_as_too_early_not_as_in_the_future_per_01():
    with pytest.raises(InvalidInput) as err:
        parse_id_number(_number("41012218000101001"))
    assert err.value.rule == "PER-01" and "before" in err.value.detail and "future" not in err.value.detail
    with pytest.raises(InvalidInput) as err:
        parse_id_number(_number("41012230000101001"))
    assert "later than today" in err.value.detail


def test_an_id_number_whose_region_is_no_region_of_gb_t_2260_is_refused_per_04():
    for region in ("990101", "100101", "419901", "410000"):
        with pytest.raises(InvalidInput) as err:
            parse_id_number(_number(f"{region}19800517001"))
        assert err.value.rule == "PER-04", region
    for region in ("410122", "110105", "429004", "650102", "830000"):
        assert parse_id_number(_number(f"{region}19800517001")).address_code == region


def test_a_woman_by_her_id_number_cannot_be_entered_as_a_son_per_05(app, api):
    head, daughter = make_id_number(), make_id_number(birth=date(2005, 3, 1), sex="2")
    for number, name in ((head, "户主"), (daughter, "女儿")):
        assert api.post("/api/v1/persons", {"id_number": number, "name": name}).status_code == 201
    households = "/api/v1/households"
    r = api.post(
        households,
        {
            "collective_code": VILLAGE_A,
            "head_id_number": head,
            "members": [{"id_number": daughter, "relation": "20"}],
        },
    )
    assert r.status_code == 422 and r.get_json()["rule"] == "PER-05"
    assert "members.0.relation" in r.get_json()["errors"]
    r = api.post(
        households,
        {
            "collective_code": VILLAGE_A,
            "head_id_number": head,
            "members": [{"id_number": daughter, "relation": "30"}],
        },
    )
    assert r.status_code == 201, r.get_json()
