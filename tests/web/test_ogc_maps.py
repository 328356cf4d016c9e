"""The web maps draw current parcels from the vector tiles: the clerk's parcel map and the reviewer's county
map
load the tile and card URLs from static scripts only (no inline script, CSP), and the tiles answer the
signed-in
web session within its scope (SEC-01)."""

from __future__ import annotations

import re

import mapbox_vector_tile

from registry.db import db
from tests.factories import VILLAGE_A, VILLAGE_B, make_parcel, square
from tests.ogc.test_tiles import tile_of
from tests.web.conftest import text

_INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>")


def _parcels(app):
    with app.app_context():
        a = make_parcel(db.session, VILLAGE_A, square(0.001, 0.001), name="<b>东地</b>").code
        b = make_parcel(db.session, VILLAGE_B, square(0.002, 0.001)).code
        db.session.commit()
    return a, b


def _no_inline_script(html: str) -> None:
    assert not _INLINE.search(html)
    assert not re.search(r"\son[a-z]+=", html)


def test_clerk_parcel_map_draws_from_tiles(app, web):
    a, b = _parcels(app)
    web.login("clerk")
    page = text(web.get("/clerk/parcels"))
    assert 'data-tiles="/tiles/parcels/{z}/{x}/{y}.mvt"' in page and "protomaps-leaflet.js" in page
    assert "leaflet-geoman.min.js" in page and 'id="parcel-count">1<' in page
    _no_inline_script(page)
    x, y = tile_of(113.9012, 34.7012, 16)
    tile = mapbox_vector_tile.decode(web.get(f"/tiles/parcels/16/{x}/{y}.mvt").data)
    assert {f["properties"]["code"] for f in tile["parcels"]["features"]} == {a}  # SEC-01: not village B's
    assert {f["properties"]["name"] for f in tile["parcels"]["features"]} == {
        "<b>东地</b>"
    }  # text, drawn as text
    card = web.get(f"/ogc/collections/parcels/items/{a}").get_json()
    assert card["properties"]["name"] == "<b>东地</b>"
    assert web.get(f"/ogc/collections/parcels/items/{b}").status_code == 403


def test_reviewer_county_map(app, web):
    a, b = _parcels(app)
    web.login("reviewer")
    r = web.get("/review/map")
    assert r.status_code == 200 and "county-map.js" in text(r) and "县域地图" in text(r)
    _no_inline_script(text(r))
    x, y = tile_of(113.9012, 34.7012, 16)
    tile = mapbox_vector_tile.decode(web.get(f"/tiles/parcels/16/{x}/{y}.mvt").data)
    assert {f["properties"]["code"] for f in tile["parcels"]["features"]} == {a, b}
    web.login("clerk")
    assert web.get("/review/map").status_code == 403
    web.login("police")
    assert web.get(f"/tiles/parcels/16/{x}/{y}.mvt").status_code == 403


def test_county_outlines_carry_the_certification_progress(app, web):
    """应发尽发 on the county map: below zoom 13 each collective's outline carries certified_share
    (certificates
    in force per registered right); a collective without rights has none, and the page draws the legend."""
    from registry.certificates.services import issue_certificate
    from tests import factories_certificates as fc

    with app.app_context():
        s = db.session
        rights = [fc.contract(s, VILLAGE_A, n_parcels=1) for _ in range(2)]
        make_parcel(s, VILLAGE_B, square(0.0, -0.004))
        issue_certificate(s, fc.REVIEWER, "land_contract", rights[0].ref)
        s.commit()
    web.login("reviewer")
    page = text(web.get("/review/map"))
    assert 'id="map-legend"' in page and 'data-zoom="12"' in page and 'id="parcel-search"' in page
    x, y = tile_of(113.9, 34.705, 12)
    tile = mapbox_vector_tile.decode(web.get(f"/tiles/parcels/12/{x}/{y}.mvt").data)
    shares = {
        f["properties"]["collective_code"]: f["properties"].get("certified_share")
        for f in tile["collectives"]["features"]
    }
    assert shares == {VILLAGE_A: 0.5, VILLAGE_B: None}
