"""Parcels over HTTP: PAR-01 validity, PAR-02 overlap, PAR-03 area, 四至, reads, retirement."""

from decimal import ROUND_HALF_UP, Decimal

from pyproj import Geod, Transformer
from shapely.geometry import Polygon

from tests.factories import VILLAGE_A, VILLAGE_B
from tests.factories_parcels import bow_tie, feature, metre_box, polygon_geojson

GRS80 = Geod(ellps="GRS80")


def post(api, ring, collective=VILLAGE_A, as_="clerk", crs=None, holes=(), **props):
    return api.post(
        "/api/v1/parcels", feature(polygon_geojson(ring, list(holes)), collective, crs=crs, **props), as_=as_
    )


def created(api, ring, **kw):
    r = post(api, ring, **kw)
    assert r.status_code == 201, r.get_json()
    return r.get_json()["properties"]


# --- PAR-01
# ---------------------------------------------------------------------------------------------------


def test_a_bow_tie_is_refused_with_reason_and_location_par_01(api):
    r = api.post("/api/v1/parcels", feature(bow_tie(), VILLAGE_A), as_="clerk")
    body = r.get_json()
    assert r.status_code == 422 and body["rule"] == "PAR-01"
    message = body["errors"]["geometry"][0]
    assert message.startswith("Self-intersection at 113.9005 34.7005"), message


def test_an_empty_geometry_is_refused_par_01(api):
    for geometry in (
        {"type": "Polygon", "coordinates": []},
        {"type": "MultiPolygon", "coordinates": []},
        {"type": "Polygon", "coordinates": [[]]},
    ):
        r = api.post("/api/v1/parcels", feature(geometry, VILLAGE_A), as_="clerk")
        assert r.status_code == 422 and r.get_json()["rule"] == "PAR-01", geometry


def test_an_unclosed_ring_is_refused_not_closed_silently_par_01(api):
    ring = metre_box(0, 0, 20, 20)[:-1]
    r = post(api, ring)
    assert r.status_code == 422 and r.get_json()["rule"] == "PAR-01"
    assert "unclosed ring" in r.get_json()["errors"]["geometry"][0]


def test_overlapping_parts_of_a_multipolygon_are_invalid_par_01(api):
    geometry = {
        "type": "MultiPolygon",
        "coordinates": [[metre_box(0, 0, 20, 20)], [metre_box(10, 10, 20, 20)]],
    }
    r = api.post("/api/v1/parcels", feature(geometry, VILLAGE_A), as_="clerk")
    assert r.status_code == 422 and r.get_json()["rule"] == "PAR-01"


def test_a_point_or_garbage_is_422_not_500_par_01(api):
    for geometry in (
        {"type": "Point", "coordinates": [113.9, 34.7]},
        "POLYGON((0 0))",
        {"type": "Polygon", "coordinates": [[["a", "b"], [1, 2], [3, 4], ["a", "b"]]]},
    ):
        r = api.post("/api/v1/parcels", feature(geometry, VILLAGE_A), as_="clerk")
        assert r.status_code == 422 and r.get_json()["rule"] == "PAR-01", geometry


def test_an_unsupported_crs_is_refused_par_01(api):
    r = post(api, metre_box(0, 0, 20, 20), crs="EPSG:3857")
    assert r.status_code == 422 and r.get_json()["rule"] == "PAR-01" and "crs" in r.get_json()["errors"]


def test_coordinates_that_do_not_fit_the_crs_are_refused_par_01(api):
    """Gauss-Krüger metres sent as if they were EPSG:4490 degrees: a wrong crs, not a parcel in space."""
    ring = [[500000, 3840000], [500020, 3840000], [500020, 3840020], [500000, 3840020], [500000, 3840000]]
    r = post(api, ring)
    assert r.status_code == 422 and r.get_json()["rule"] == "PAR-01" and "crs" in r.get_json()["errors"]
    r = post(api, ring, crs="EPSG:4513")  # zone 25 (75°E) is the wrong zone for these numbers
    assert r.status_code == 422 and "crs" in r.get_json()["errors"]


def test_gauss_kruger_input_is_transformed_to_cgcs2000_par_01(api):
    ring = [[500000, 3840000], [500040, 3840000], [500040, 3840025], [500000, 3840025], [500000, 3840000]]
    body = post(api, ring, crs="EPSG:4547").get_json()  # CGCS2000 3-degree GK, central meridian 114E
    assert body["crs"] == "EPSG:4490"
    x, y = Transformer.from_crs(4547, 4490, always_xy=True).transform(500000, 3840000)
    assert abs(body["geometry"]["coordinates"][0][0][0][0] - x) < 1e-9
    assert abs(body["geometry"]["coordinates"][0][0][0][1] - y) < 1e-9
    assert abs(body["properties"]["area_m2"] - 1000) < 1  # GK is conformal: a 40 x 25 m field stays ~1000 m²


def test_wgs84_and_the_legacy_crs_object_are_accepted_par_01(api):
    created(api, metre_box(0, 0, 20, 20), crs="EPSG:4326")
    created(
        api,
        metre_box(100, 0, 20, 20),
        crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4490"}},
    )


# --- PAR-02
# ---------------------------------------------------------------------------------------------------


def test_parcels_sharing_an_edge_do_not_conflict_par_02(api):
    created(api, metre_box(0, 0, 20, 20))
    created(api, metre_box(20, 0, 20, 20))
    created(api, metre_box(40, 20, 20, 20))  # touches the second one at a corner only


def test_an_equal_parcel_conflicts_and_the_409_lists_it_par_02(api):
    first = created(api, metre_box(0, 0, 20, 20))
    r = post(api, metre_box(0, 0, 20, 20))
    assert r.status_code == 409 and r.get_json()["rule"] == "PAR-02"
    assert r.get_json()["conflicts"] == [first["code"]]


def test_contained_and_containing_parcels_conflict_par_02(api):
    outer = created(api, metre_box(0, 0, 50, 50))
    r = post(api, metre_box(10, 10, 5, 5))
    assert r.status_code == 409 and r.get_json()["conflicts"] == [outer["code"]]
    inner = created(api, metre_box(200, 0, 5, 5))
    r = post(api, metre_box(190, -10, 30, 30))
    assert r.status_code == 409 and r.get_json()["conflicts"] == [inner["code"]]


def test_an_overlap_within_the_tolerance_is_allowed_and_above_it_refused_par_02(api):
    """A 10 m shared edge: 0.5 mm of overlap is 0.005 m² (allowed), 5 mm is 0.05 m² (refused)."""
    first = created(api, metre_box(0, 0, 10, 10))
    created(api, metre_box(10 - 0.0005, 0, 10, 10))
    r = post(api, metre_box(-10 + 0.005, 0, 10, 10))
    assert r.status_code == 409 and r.get_json()["conflicts"] == [first["code"]]


def test_overlaps_across_collectives_are_refused_too_par_02(api):
    a = created(api, metre_box(0, 0, 30, 30))
    r = post(api, metre_box(15, 15, 30, 30), collective=VILLAGE_B, as_="clerk_b")
    assert r.status_code == 409 and r.get_json()["conflicts"] == [a["code"]]


def test_a_retired_parcel_no_longer_blocks_its_ground_par_02(api):
    old = created(api, metre_box(0, 0, 30, 30))
    assert api.post(f"/api/v1/parcels/{old['code']}/retire", {"reason": "分割"}).status_code == 200
    new = created(api, metre_box(0, 0, 30, 15))
    assert new["code"] != old["code"]


# --- PAR-03
# ---------------------------------------------------------------------------------------------------


def test_area_is_geodesic_on_grs80_in_m2_and_mu_par_03(api):
    ring, hole = metre_box(0, 0, 120, 80), metre_box(10, 10, 20, 20)
    props = created(api, ring, holes=[hole[::-1]])
    lon, lat = zip(*ring)
    hlon, hlat = zip(*hole)
    expected = abs(GRS80.polygon_area_perimeter(lon, lat)[0]) - abs(
        GRS80.polygon_area_perimeter(hlon, hlat)[0]
    )
    assert abs(props["area_m2"] - expected) <= 0.01
    assert abs(props["area_m2"] - 9200) < 5  # and it is metres, not square degrees
    mu = (Decimal(str(props["area_m2"])) * 3 / 2000).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert Decimal(str(props["area_mu"])) == mu


def test_area_does_not_depend_on_ring_orientation_par_03(api):
    a = created(api, metre_box(0, 0, 30, 40))
    b = created(api, metre_box(100, 0, 30, 40)[::-1])
    assert a["area_m2"] > 0 and abs(a["area_m2"] - b["area_m2"]) <= 0.02


# --- 四至
# -------------------------------------------------------------------------------------------------------


def test_boundaries_name_the_neighbours_and_follow_changes(api):
    centre = created(api, metre_box(0, 0, 30, 30))
    assert centre["boundaries"] == {"east": "—", "south": "—", "west": "—", "north": "—"}
    east = created(api, metre_box(30, 5, 30, 20))
    north = created(api, metre_box(-10, 30, 50, 20))
    west = created(api, metre_box(-30, 0, 30, 30), collective=VILLAGE_B, as_="clerk_b")
    assert east["boundaries"]["west"] == centre["code"]
    assert north["boundaries"]["south"] == centre["code"]
    got = api.get(f"/api/v1/parcels/{centre['code']}").get_json()["properties"]["boundaries"]
    assert got == {"east": east["code"], "south": "—", "west": west["code"], "north": north["code"]}
    api.post(f"/api/v1/parcels/{east['code']}/retire", {"reason": "征收"})
    got = api.get(f"/api/v1/parcels/{centre['code']}").get_json()["properties"]["boundaries"]
    assert got["east"] == "—" and got["north"] == north["code"]


# --- reads and retirement
# ------------------------------------------------------------------------------------


def test_get_one_parcel_as_a_feature(api):
    made = created(api, metre_box(0, 0, 30, 30), name="东大块", land_class="0101", basic_farmland=True)
    r = api.get(f"/api/v1/parcels/{made['code']}")
    body = r.get_json()
    assert r.status_code == 200 and body["type"] == "Feature" and body["crs"] == "EPSG:4490"
    assert body["properties"]["name"] == "东大块" and body["properties"]["basic_farmland"] is True
    assert len(made["code"]) == 19 and made["code"].startswith(VILLAGE_A)
    assert Polygon(body["geometry"]["coordinates"][0][0]).is_valid
    assert api.get("/api/v1/parcels/4101221000010099999").status_code == 404


def test_bbox_query_is_paged_and_scoped(api):
    codes = [created(api, metre_box(40 * k, 0, 30, 30))["code"] for k in range(3)]
    created(api, metre_box(0, 100, 30, 30), collective=VILLAGE_B, as_="clerk_b")
    bbox = "113.89,34.69,113.91,34.71"
    page1 = api.get(f"/api/v1/parcels?bbox={bbox}&per_page=2").get_json()
    page2 = api.get(f"/api/v1/parcels?bbox={bbox}&per_page=2&page=2").get_json()
    assert page1["type"] == "FeatureCollection" and page1["total"] == 3
    assert [f["id"] for f in page1["features"] + page2["features"]] == codes
    assert api.get(f"/api/v1/parcels?bbox={bbox}", as_="reviewer").get_json()["total"] == 4
    assert api.get("/api/v1/parcels?bbox=100,20,100.1,20.1").get_json()["total"] == 0
    assert api.get("/api/v1/parcels?per_page=501").status_code == 422
    assert api.get("/api/v1/parcels?bbox=1,2,3").status_code == 422
    assert api.get(f"/api/v1/parcels/{codes[0]}", as_="clerk_b").status_code == 403
    assert api.get(f"/api/v1/parcels?bbox={bbox}", as_="police").status_code == 403


def test_retiring_needs_a_reason_and_happens_once(api):
    made = created(api, metre_box(0, 0, 30, 30))
    url = f"/api/v1/parcels/{made['code']}/retire"
    assert api.post(url, {"reason": ""}).status_code == 422
    r = api.post(url, {"reason": "合并为新地块"})
    assert r.status_code == 200 and r.get_json()["properties"]["status"] == "retired"
    r = api.post(url, {"reason": "again"})
    assert r.status_code == 409 and r.get_json()["rule"] == "RG-01"
    assert api.post(url, {"reason": "x"}, as_="clerk_b").status_code == 403


def test_a_clerk_registers_only_in_their_collective_sec_01(api):
    r = post(api, metre_box(0, 0, 30, 30), collective=VILLAGE_B)
    assert r.status_code == 403 and r.get_json()["rule"] == "SEC-01"
    assert post(api, metre_box(0, 0, 30, 30), as_="police").status_code == 403


def test_bad_properties_are_422_naming_the_field(api):
    r = post(api, metre_box(0, 0, 30, 30), category="77")
    assert r.status_code == 422 and "category" in r.get_json()["errors"]["properties"]
    r = post(api, metre_box(0, 0, 30, 30), collective="41012299999900", as_="admin")
    assert r.status_code == 404


def test_a_bbox_page_built_in_sql_equals_the_features_of_parcel_feature_par_03(api):
    """The list is made by PostgreSQL (pages.py); each feature must be what GET /parcels/{code} answers."""
    for k in range(3):
        created(api, metre_box(k * 30, 0, 30, 25))
    api.post(f"/api/v1/parcels/{created(api, metre_box(0, 40, 30, 25))['code']}/retire", {"reason": "合并"})
    page = api.get("/api/v1/parcels?status=all&per_page=10").get_json()
    assert page["type"] == "FeatureCollection" and page["total"] == 4 and len(page["features"]) == 4
    for f in page["features"]:
        one = api.get(f"/api/v1/parcels/{f['id']}").get_json()
        assert f["properties"] == one["properties"]
        assert {k: v for k, v in f.items() if k != "geometry"} == {
            k: v for k, v in one.items() if k != "geometry"
        }
        assert f["geometry"]["type"] == one["geometry"]["type"] == "MultiPolygon"
        assert f["geometry"].keys() == one["geometry"].keys()  # no "crs" member of its own in either
        for a, b in zip(
            _flat(f["geometry"]["coordinates"]), _flat(one["geometry"]["coordinates"]), strict=True
        ):
            assert abs(a - b) < 1e-12
    assert api.get("/api/v1/parcels?status=all&per_page=10&page=9").get_json()["features"] == []


def _flat(coords):
    if isinstance(coords, (int, float)):
        yield coords
        return
    for c in coords:
        yield from _flat(c)
