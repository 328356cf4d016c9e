"""Vector tiles: a z16 tile decodes (mapbox-vector-tile, and GDAL's MVT driver) and holds the parcel codes of
its
area, scoped per role (SEC-01); below zoom 13 the collectives' outlines."""

from __future__ import annotations

import math

import mapbox_vector_tile

from tests.factories import ORIGIN, VILLAGE_A, VILLAGE_B

from .conftest import GRID, basic


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2**z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


def _tile(client, z, lon, lat, user="reviewer"):
    x, y = tile_of(lon, lat, z)
    return client.get(f"/tiles/parcels/{z}/{x}/{y}.mvt", headers=basic(user) if user else {})


def _expected_codes(parcel_world, collective, z, lon, lat):
    """Codes of the squares whose lower-left corner lies in the tile (they are 50 m; the tile is ~600 m)."""
    want = tile_of(lon, lat, z)
    return {
        c
        for c, (x, y) in parcel_world.origins.items()
        if c.startswith(collective) and tile_of(x + 0.00025, y + 0.00025, z) == want
    }


def test_z16_tile_holds_the_parcels_of_its_area(client, parcel_world):
    lon, lat = ORIGIN[0] + 0.002, ORIGIN[1] + 0.002
    r = _tile(client, 16, lon, lat)
    assert r.status_code == 200 and r.mimetype == "application/vnd.mapbox-vector-tile"
    layer = mapbox_vector_tile.decode(r.data)["parcels"]
    codes = {f["properties"]["code"] for f in layer["features"]}
    inside = _expected_codes(parcel_world, VILLAGE_A, 16, lon, lat)
    assert inside and inside <= codes <= set(parcel_world.codes[VILLAGE_A])
    assert {f["geometry"]["type"] for f in layer["features"]} == {"Polygon"}
    names = {f["properties"]["name"] for f in layer["features"]}
    assert "地2-2" in names


def test_tiles_are_scoped(client, parcel_world):
    """SEC-01: village B's clerk gets an empty tile over village A; police are refused; no login is 401."""
    lon, lat = ORIGIN[0] + 0.002, ORIGIN[1] + 0.002
    assert _tile(client, 16, lon, lat, "clerk_b").data == b""
    assert _tile(client, 16, lon, lat, "reviewer_other").data == b""
    assert _tile(client, 16, lon, lat, "clerk").data != b""
    assert _tile(client, 16, lon, lat, "police").status_code == 403
    assert _tile(client, 16, lon, lat, None).status_code == 401
    assert client.get("/tiles/parcels/3/9/1.mvt", headers=basic("clerk")).status_code == 400


def test_low_zoom_shows_collective_outlines(client, parcel_world):
    r = _tile(client, 11, ORIGIN[0] + 0.01, ORIGIN[1] + 0.003)
    outlines = mapbox_vector_tile.decode(r.data)["collectives"]["features"]
    by_code = {f["properties"]["collective_code"]: f["properties"] for f in outlines}
    assert {VILLAGE_A, VILLAGE_B} <= set(by_code)  # the outline counts the parcels inside this tile
    assert all(0 < by_code[c]["parcels"] <= GRID * GRID for c in (VILLAGE_A, VILLAGE_B))
    assert by_code[VILLAGE_A]["name"] == "东村股份经济合作社"
    assert "parcels" not in mapbox_vector_tile.decode(r.data)
    assert _tile(client, 11, ORIGIN[0] + 0.01, ORIGIN[1] + 0.003, "clerk_b").status_code == 200
    only_b = mapbox_vector_tile.decode(_tile(client, 11, ORIGIN[0] + 0.01, ORIGIN[1] + 0.003, "clerk_b").data)
    assert {f["properties"]["collective_code"] for f in only_b["collectives"]["features"]} == {VILLAGE_B}


def _contract(app, codes: list[str]) -> str:
    from registry.auth.actor import SYSTEM
    from registry.contracts.services import register_contract
    from registry.db import db
    from tests.factories import make_family
    from tests.factories_contracts import END, START

    with app.app_context():
        household = make_family(db.session, VILLAGE_A)[0].code
        register_contract(
            db.session,
            SYSTEM,
            household_code=household,
            method="110",
            land_type="arable",
            start_date=START,
            end_date=END,
            parcel_codes=codes,
        )
        db.session.commit()
        db.session.remove()
    return household + "J"


def test_tiles_carry_each_parcels_contract_and_from_z15_its_holder(app, client, parcel_world):
    """The maps colour contracted parcels and link their contract (the contract-selection map shows the
    holder);
    from z13 to z14 a parcel carries code, collective_code and contract only, from z15 all its attributes."""
    lon, lat = ORIGIN[0] + 0.002, ORIGIN[1] + 0.002
    contracted = sorted(_expected_codes(parcel_world, VILLAGE_A, 16, lon, lat))[:2]
    contract = _contract(app, contracted)
    detail = {
        f["properties"]["code"]: f["properties"]
        for f in mapbox_vector_tile.decode(_tile(client, 16, lon, lat).data)["parcels"]["features"]
    }
    assert {detail[c]["contract"] for c in contracted} == {contract}
    assert {detail[c]["holder"] for c in contracted} == {"王建国"}  # the household head, 承包方代表
    free = set(detail) - set(contracted)
    assert free and all("contract" not in detail[c] and "holder" not in detail[c] for c in free)
    assert all({"name", "land_class", "basic_farmland"} <= set(p) for p in detail.values())
    low = {
        f["properties"]["code"]: f["properties"]
        for f in mapbox_vector_tile.decode(_tile(client, 14, lon, lat).data)["parcels"]["features"]
    }
    assert set(detail) <= set(low) and {low[c]["contract"] for c in contracted} == {contract}
    assert all(set(p) <= {"code", "collective_code", "contract"} for p in low.values())
