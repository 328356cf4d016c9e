"""Parcel map and contract pages: drawing refused with PAR-01/PAR-02 at the boundary field, batch import
reporting each feature, contract registration (LC-01) and its register page."""

import json

from shapely.geometry import mapping

from registry.db import db
from tests.factories import VILLAGE_A, make_family, make_parcel, square
from tests.web.conftest import text
from registry import clock


def _geometry(x, y, size=0.0005):
    return json.dumps(mapping(square(x, y, size)))


def test_a_drawn_parcel_is_registered_with_its_area(web):
    web.login("clerk")
    r = web.post("/clerk/parcels", {"geometry": _geometry(0, 0), "category": "10", "land_class": "0103"})
    assert r.status_code == 302 and "focus=41012210000100" in r.headers["Location"]
    items = web.get("/maps/parcels/search").get_json()["items"]
    assert len(items) == 1 and items[0]["area_m2"] > 2000


def test_an_unclosed_ring_is_refused_at_the_boundary_par_01(web):
    web.login("clerk")
    ring = {"type": "Polygon", "coordinates": [[[113.9, 34.7], [113.901, 34.7], [113.901, 34.701]]]}
    r = web.post("/clerk/parcels", {"geometry": json.dumps(ring), "category": "10"})
    assert r.status_code == 422 and "PAR-01" in text(r) and 'id="f-geometry"' in text(r)


def test_an_overlap_is_refused_and_the_conflict_named_par_02(web, app):
    with app.app_context():
        code = make_parcel(db.session, VILLAGE_A, square(0, 0)).code
        db.session.commit()
    web.login("clerk")
    r = web.post("/clerk/parcels", {"geometry": _geometry(0.0002, 0.0002), "category": "10"})
    page = text(r)
    assert r.status_code == 409 and "PAR-02" in page and code in page
    assert f"data-conflicts='[\"{code}\"]'" in page  # the map paints the conflicting parcel


def test_import_batch_reports_each_feature(web, app):
    with app.app_context():
        make_parcel(db.session, VILLAGE_A, square(0, 0))
        db.session.commit()
    web.login("clerk")
    features = [
        {"type": "Feature", "geometry": json.loads(_geometry(x, 0.001)), "properties": {"name": f"P{x}"}}
        for x in (0.0, 0.001)
    ]
    features.append({"type": "Feature", "geometry": json.loads(_geometry(0.0001, 0.0001)), "properties": {}})
    r = web.post_json("/clerk/parcels/import", {"features": features})
    results = r.get_json()["results"]
    assert [x["status"] < 400 for x in results] == [True, True, False] and results[2]["rule"] == "PAR-02"
    assert results[2]["type"].startswith("/api/v1/problems/")  # a refusal is problem+json, as in the API
    too_many = web.post_json("/clerk/parcels/import", {"features": features * 100})
    assert too_many.status_code == 422 and too_many.mimetype == "application/problem+json"


def test_import_needs_the_csrf_token(web):
    web.login("clerk")
    r = web.client.post("/clerk/parcels/import", json={"features": []})
    assert r.status_code == 400


def test_contract_registration_and_its_register_lc_01(web, app):
    with app.app_context():
        household, _ = make_family(db.session, VILLAGE_A)
        parcel = make_parcel(db.session, VILLAGE_A, square(0, 0)).code
        outsider, _ = make_family(db.session, VILLAGE_A, members=False)
        db.session.commit()
        code, other = household.code, outsider.code
    web.login("clerk")
    start = clock.today()
    form = {
        "household_code": other,
        "land_type": "arable",
        "start_date": start.isoformat(),
        "end_date": start.replace(year=start.year + 30).isoformat(),
        "parcel_codes": parcel,
    }
    r = web.post("/clerk/contracts/new", form)
    assert r.status_code == 422 and "LC-01" in text(r) and 'id="f-household_code"' in text(r)
    r = web.post("/clerk/contracts/new", {**form, "household_code": code})
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/clerk/contracts/{code}J")
    page = text(web.get(f"/clerk/contracts/{code}J"))
    assert parcel in page and "首次登记" in page and "RG-01" in page
    assert f"{code}J" in text(web.get(f"/clerk/households/{code}"))
