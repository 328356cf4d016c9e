"""Axis order of every CRS the OGC API speaks, against pyproj's axis info (Part 2 /req/crs/crs-action): CRS84
is
lon,lat; EPSG:4490 and 4326 are lat,lon; the CGCS2000 3-degree Gauss-Krüger zones EPSG:4513-4554 declare
X (north) before Y (east), so they go out and come in as northing,easting. A bbox is read in the same
order."""

from __future__ import annotations

import pytest
from pyproj import CRS
from werkzeug.datastructures import MultiDict

from registry.ogc import crs as crs_mod
from registry.ogc.collections import PARCELS
from registry.ogc.params import items_query

GK = range(4513, 4555)
EPSG = "http://www.opengis.net/def/crs/EPSG/0/{}"


def _first_axis(definition: str) -> str:
    return CRS.from_user_input(definition).axis_info[0].direction.lower()


def test_crs84_is_lon_lat():
    assert _first_axis("OGC:CRS84") == "east"
    for form in (crs_mod.CRS84, "[OGC:CRS84]", "urn:ogc:def:crs:OGC:1.3:CRS84"):
        assert crs_mod.parse(form).northing_first is False


@pytest.mark.parametrize("code", [4490, 4326])
def test_geographic_epsg_is_lat_lon(code):
    assert _first_axis(f"EPSG:{code}") == "north"
    for form in (EPSG.format(code), f"EPSG:{code}", f"urn:ogc:def:crs:EPSG::{code}"):
        assert crs_mod.parse(form).northing_first is True


def test_every_gauss_kruger_zone_is_northing_easting_by_its_definition():
    axes = {code: [(a.abbrev, a.direction.lower()) for a in CRS.from_epsg(code).axis_info] for code in GK}
    assert all(a == [("X", "north"), ("Y", "east")] for a in axes.values()), axes
    assert all(crs_mod.parse(EPSG.format(code)).northing_first for code in GK)
    assert set(GK) <= set(crs_mod.SUPPORTED_EPSG)


@pytest.mark.parametrize(
    ("bbox_crs", "bbox", "stored"),
    [
        (crs_mod.CRS84, "113.9,34.7,113.91,34.71", (113.9, 34.7, 113.91, 34.71)),
        (EPSG.format(4490), "34.7,113.9,34.71,113.91", (113.9, 34.7, 113.91, 34.71)),
        (EPSG.format(4547), "3842000,582000,3843000,583000", (582000, 3842000, 583000, 3843000)),
    ],
)
def test_bbox_is_read_in_the_axis_order_of_its_crs(bbox_crs, bbox, stored):
    with_crs = MultiDict({"bbox": bbox, "bbox-crs": bbox_crs})
    assert items_query(with_crs, PARCELS, ("json",)).bbox == stored
