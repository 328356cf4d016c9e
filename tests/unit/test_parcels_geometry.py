"""GeoJSON → CGCS2000 without a database: PAR-01 refusals, CRS handling, geodesic area (PAR-03), lock
cells."""

from decimal import Decimal

import pytest
from pyproj import Geod
from shapely.geometry import MultiPolygon, box

from registry.errors import InvalidInput
from registry.parcels.geometry import geodesic_area_m2, mu, parse_crs, to_cgcs2000, to_cgcs2000_many
from registry.parcels.spatial import cell_keys
from tests.factories_parcels import bow_tie, metre_box, polygon_geojson


def refusal(geometry, crs=None) -> InvalidInput:
    with pytest.raises(InvalidInput) as info:
        to_cgcs2000(geometry, crs)
    assert info.value.rule == "PAR-01"
    return info.value


def test_bow_tie_reason_and_location_par_01():
    err = refusal(bow_tie())
    assert err.params == {"reason": "Self-intersection", "location": "113.9005 34.7005"}


def test_unclosed_short_and_empty_rings_par_01():
    ring = metre_box(0, 0, 10, 10)
    assert "unclosed" in refusal(polygon_geojson(ring[:-1])).errors["geometry"][0]
    assert "at least 4" in refusal(polygon_geojson(ring[:3])).errors["geometry"][0]
    assert refusal({"type": "Polygon", "coordinates": []}).errors == {"geometry": ["empty geometry"]}
    collapsed = [ring[0], ring[1], ring[0], ring[1], ring[0]]
    refusal(polygon_geojson(collapsed))


def test_booleans_strings_and_nan_are_not_coordinates_par_01():
    ring = metre_box(0, 0, 10, 10)
    for bad in (True, "113.9", float("nan")):
        broken = [list(p) for p in ring]
        broken[1][0] = bad
        refusal(polygon_geojson(broken))


def test_crs_spellings_par_01():
    assert parse_crs(None) == 4490
    assert parse_crs("EPSG:4326") == parse_crs("urn:ogc:def:crs:OGC:1.3:CRS84") == 4326
    assert parse_crs("urn:ogc:def:crs:EPSG::4547") == 4547
    assert parse_crs({"type": "name", "properties": {"name": "EPSG:4490"}}) == 4490
    for bad in ("EPSG:3857", "EPSG:4512", "EPSG:4555", "4490", 4490, {"type": "link"}):
        with pytest.raises(InvalidInput) as info:
            parse_crs(bad)
        assert "crs" in info.value.errors


def test_a_batch_reports_each_bad_geometry_by_index():
    good = polygon_geojson(metre_box(0, 0, 10, 10))
    geoms, errors = to_cgcs2000_many(
        [good, bow_tie(), good, {"type": "Point"}], [None, None, "EPSG:9999", None]
    )
    assert isinstance(geoms[0], MultiPolygon) and geoms[1] is None and geoms[2] is None
    assert sorted(errors) == [1, 2, 3]
    assert "crs" in errors[2].errors


def test_geodesic_area_matches_grs80_and_postgis_free_path_par_03():
    square = box(113.9, 34.7, 113.901, 34.701)
    lon, lat = square.exterior.xy
    expected = abs(Geod(ellps="GRS80").polygon_area_perimeter(lon, lat)[0])
    assert abs(geodesic_area_m2(None, MultiPolygon([square])) - Decimal(str(expected))) <= Decimal("0.01")
    assert geodesic_area_m2(None, MultiPolygon([square.reverse()])) == geodesic_area_m2(
        None, MultiPolygon([square])
    )


def test_mu_is_m2_times_3_over_2000_par_03():
    assert mu(Decimal("666.67")) == Decimal("1.00")
    assert mu(Decimal("1000")) == Decimal("1.50")
    assert mu(Decimal("0")) == Decimal("0.00")


def test_lock_cells_are_shared_by_any_two_overlapping_boxes():
    a = cell_keys((113.9095, 34.7095, 113.9105, 34.7105))  # straddles a cell corner: four cells
    b = cell_keys((113.9101, 34.7101, 113.9102, 34.7102))
    far = cell_keys((113.95, 34.75, 113.9501, 34.7501))
    assert len(a) == 4 and set(b) <= set(a) and not set(far) & set(a)
    assert cell_keys((113.0, 34.0, 114.0, 35.0)) is None  # too many cells: the global lock instead
