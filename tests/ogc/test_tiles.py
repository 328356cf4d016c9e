"""Vector tiles: a z16 tile decodes (mapbox-vector-tile, and GDAL's MVT driver) and holds the parcel codes of its
area, scoped per role (SEC-01); below zoom 13 the collectives' outlines."""
from __future__ import annotations

import math

import mapbox_vector_tile

from tests.factories import ORIGIN, VILLAGE_A, VILLAGE_B

from .conftest import GRID, basic


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2 ** z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


def _tile(client, z, lon, lat, user="reviewer"):
    x, y = tile_of(lon, lat, z)
    return client.get(f"/tiles/parcels/{z}/{x}/{y}.mvt", headers=basic(user) if user else {})


def _expected_codes(parcel_world, collective, z, lon, lat):
    """Codes of the squares whose lower-left corner lies in the tile (they are 50 m; the tile is ~600 m)."""
    want = tile_of(lon, lat, z)
    return {c for c, (x, y) in parcel_world.origins.items() if c.startswith(collective)
            and tile_of(x + 0.00025, y + 0.00025, z) == want}


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
