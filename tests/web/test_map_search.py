"""The maps open on the collective's contract land (a robust extent: a homestead or a stray field kilometres
away
does not widen it), and the parcel search beside the map finds parcels by code, name and holder, page by page,
within the signed-in user's scope (SEC-01)."""

from __future__ import annotations

from datetime import date

import pytest

from registry.auth.actor import SYSTEM
from registry.contracts.services import register_contract
from registry.contracts.terms import last_day
from registry.db import db
from tests.factories import ORIGIN, VILLAGE_A, VILLAGE_B, make_family, make_parcel, square
from tests.web.conftest import text


def _village(app) -> dict:
    """Twenty fields in a 1 km block, one stray field and a homestead 6 km east, a contract on two fields."""
    with app.app_context():
        s = db.session
        fields = [
            make_parcel(s, VILLAGE_A, square(0.001 * (i % 5), 0.001 * (i // 5)), name=f"东地{i}")
            for i in range(20)
        ]
        stray = make_parcel(s, VILLAGE_A, square(0.065, 0.0), name="飞地")
        make_parcel(s, VILLAGE_A, square(0.066, 0.0), kind="homestead", code="410122100001JC00001")
        make_parcel(s, VILLAGE_B, square(0.0, 0.01), name="西村地")
        household, people = make_family(s, VILLAGE_A)
        contract = register_contract(
            s,
            SYSTEM,
            household_code=household.code,
            method="110",
            land_type="arable",
            start_date=date(2020, 1, 1),
            end_date=last_day(date(2020, 1, 1), 30),
            parcel_codes=[fields[3].code, fields[7].code],
        )
        s.commit()
        return {
            "fields": [f.code for f in fields],
            "stray": stray.code,
            "contract": contract.contract.code,
            "holder": people[0].name,
        }


def _extent(page: str) -> list[float]:
    start = page.index('data-extent="') + len('data-extent="')
    return [float(v) for v in page[start : page.index('"', start)].split(",")]


def test_the_map_opens_on_the_contract_land_not_on_the_outliers(app, web):
    _village(app)
    web.login("clerk")
    for url in ("/clerk/parcels", "/clerk/contracts/new", "/clerk/homesteads"):
        west, south, east, north = _extent(text(web.get(url)))
        assert west == pytest.approx(ORIGIN[0], abs=0.0015) and east < ORIGIN[0] + 0.006, url  # not 6 km east
        assert south == pytest.approx(ORIGIN[1], abs=0.0015) and north < ORIGIN[1] + 0.005, url


def test_search_by_code_name_and_holder_sec_01(app, web):
    v = _village(app)
    web.login("clerk")

    def find(q, **kw):
        return web.get("/maps/parcels/search", query_string={"q": q, **kw}).get_json()

    assert [i["code"] for i in find(v["fields"][12][-5:])["items"]] == [v["fields"][12]]
    assert [i["code"] for i in find("飞地")["items"]] == [v["stray"]]
    held = find(v["holder"])["items"]
    assert {i["code"] for i in held} == {v["fields"][3], v["fields"][7]}
    assert {i["contract"] for i in held} == {v["contract"]} and held[0]["holder"] == v["holder"]
    assert len(held[0]["bbox"]) == 4 and held[0]["area_mu"] > 0
    assert find("%")["items"] == []  # a LIKE wildcard is text, not "everything"
    assert find("西村地")["items"] == []  # SEC-01: village B's parcel is not in the clerk's search
    assert not any(i["code"].startswith("410122100001JC") for i in find("")["items"])  # contract land only
    web.login("clerk_b")
    assert find(v["holder"])["items"] == [] and len(find("西村地")["items"]) == 1


def test_search_pages_by_keyset_and_filters_free_parcels(app, web):
    v = _village(app)
    web.login("clerk")
    first = web.get("/maps/parcels/search").get_json()
    assert len(first["items"]) == 20 and first["next"] == first["items"][-1]["code"]
    rest = web.get("/maps/parcels/search", query_string={"after": first["next"]}).get_json()
    assert [i["code"] for i in rest["items"]] == [v["stray"]] and rest["next"] is None
    free = web.get("/maps/parcels/search", query_string={"free": "1", "q": v["holder"]}).get_json()
    assert free["items"] == []
    free = [
        i["code"] for i in web.get("/maps/parcels/search", query_string={"free": "1"}).get_json()["items"]
    ]
    assert len(free) == 19 and v["fields"][3] not in free and v["fields"][4] in free


def test_reviewer_searches_the_county_police_may_not_sec_01(app, web):
    v = _village(app)
    web.login("reviewer")
    for name, village in (("飞地", VILLAGE_A), ("西村地", VILLAGE_B)):
        found = web.get("/maps/parcels/search", query_string={"q": name}).get_json()["items"]
        assert [i["code"][:14] for i in found] == [village]
    web.login("reviewer_other")
    r = web.get("/maps/parcels/search", query_string={"q": v["holder"], "collective": VILLAGE_A})
    assert r.status_code == 403 and "SEC-01" in text(r)
    web.login("police")
    assert web.get("/maps/parcels/search").status_code == 403
