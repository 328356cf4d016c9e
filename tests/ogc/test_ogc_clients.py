"""pyogrio (its wheel's GDAL reads OGC API – Features Part 2) and OWSLib against the service on 127.0.0.1."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import requests
from owslib.ogcapi.features import Features
from owslib.util import Authentication

from tests.factories import PASSWORD, VILLAGE_A, VILLAGE_B

from .conftest import GRID, basic, gdal_env

EPSG4490 = "http://www.opengis.net/def/crs/EPSG/0/4490"


# pyogrio holds the GIL while GDAL fetches, so it runs in a child process (the server is a thread of this
# one).
_PYOGRIO_READ = """
import json, sys, pyogrio, shapely
meta, _, wkb, fields = pyogrio.raw.read(sys.argv[1], layer="parcels", CRS="EPSG:4490",
                                        bbox=tuple(map(float, sys.argv[2].split(","))))
codes = [str(c) for c in fields[list(meta["fields"]).index("code")]]
print(json.dumps({"crs": meta["crs"], "codes": codes,
                  "lower_left": [list(g.bounds[:2]) for g in shapely.from_wkb(wkb)]}))
"""


def _pyogrio_read(url: str, bbox: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _PYOGRIO_READ, url, bbox],
        env=gdal_env("reviewer"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _four_corner_squares(parcel_world, collective=VILLAGE_A):
    return sorted(
        c
        for c, (x, y) in parcel_world.origins.items()
        if c.startswith(collective) and x < 113.9015 and y < 34.7015
    )


def test_pyogrio_reads_in_4490_with_a_4490_bbox(live_url, parcel_world, caplog):
    """Part 2 through GDAL: CRS=EPSG:4490 asks crs and bbox-crs in 4490; positions come back where they
    are."""
    wanted = _four_corner_squares(parcel_world)
    caplog.set_level(logging.INFO, logger="werkzeug")
    got = _pyogrio_read(f"OAPIF:{live_url}/ogc", "113.8999,34.6999,113.9012,34.7012")
    asked = [r.getMessage() for r in caplog.records if "/items?" in r.getMessage()]
    assert any("bbox-crs=" in m and "crs=http" in m and "4490" in m for m in asked), asked
    assert got["crs"] == "EPSG:4490"
    assert sorted(got["codes"]) == wanted
    for code, (x0, y0) in zip(got["codes"], got["lower_left"], strict=True):
        assert (round(x0, 7), round(y0, 7)) == tuple(round(v, 7) for v in parcel_world.origins[code])


def test_bbox_in_4490_is_lat_lon(live_url, parcel_world):
    """Regression: EPSG:4490 is lat,lon by its definition; a bbox in that order finds the parcels inside it,
    and the same numbers read as lon,lat (the old mistake) find nothing."""
    wanted = _four_corner_squares(parcel_world)
    url = f"{live_url}/ogc/collections/parcels/items"
    lat_lon = {"bbox": "34.6999,113.8999,34.7012,113.9012", "bbox-crs": EPSG4490, "crs": EPSG4490}
    r = requests.get(url, params=lat_lon, headers=basic("reviewer"), timeout=30)
    assert r.status_code == 200 and r.headers["Content-Crs"] == f"<{EPSG4490}>"
    features = r.json()["features"]
    assert sorted(f["id"] for f in features) == wanted
    lat, lon = features[0]["geometry"]["coordinates"][0][0][0]
    assert 34.6 < lat < 34.8 and 113.8 < lon < 114.0
    lon_lat = {"bbox": "113.8999,34.6999,113.9012,34.7012", "bbox-crs": EPSG4490}
    r = requests.get(url, params=lon_lat, headers=basic("reviewer"), timeout=30)
    assert r.status_code == 400  # 113.9 is no latitude


def test_owslib_lists_collections_and_pages_items(live_url, parcel_world):
    """OWSLib: the collections, and every parcel of the county once by following next links."""
    api = Features(f"{live_url}/ogc", auth=Authentication("reviewer", PASSWORD))
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in api.conformance()["conformsTo"]
    ids = [c["id"] for c in api.collections()["collections"]]
    assert {"parcels", "basic-farmland", "homestead-plots"} <= set(ids)
    seen, args = [], {"limit": 10}
    while True:
        page = api.collection_items("parcels", **args)
        assert page["numberReturned"] == len(page["features"]) <= 10
        seen.extend(f["id"] for f in page["features"])
        nxt = [link for link in page["links"] if link["rel"] == "next"]
        if not nxt:
            break
        args = {k: v[0] for k, v in parse_qs(urlsplit(nxt[0]["href"]).query).items()}
    assert len(seen) == len(set(seen)) == 2 * GRID * GRID + 1
    assert set(parcel_world.codes[VILLAGE_A] + parcel_world.codes[VILLAGE_B]) < set(seen)
    one = api.collection_item("parcels", parcel_world.codes[VILLAGE_B][0])
    assert one["properties"]["collective_code"] == VILLAGE_B


def test_bbox_in_a_gauss_kruger_zone_is_northing_easting(live_url, parcel_world):
    """The four squares' box in EPSG:4547 (CM 114E), given northing,easting as the zone defines its axes
    (pyproj
    computes the corners independently of the service), finds those squares, and the output is northing
    first."""
    from pyproj import Transformer

    wanted = _four_corner_squares(parcel_world)
    to_gk = Transformer.from_crs(
        "EPSG:4490", "EPSG:4547"
    )  # both in their authority axis order: (lat, lon) → (N, E)
    corners = [
        to_gk.transform(lat, lon)
        for lat, lon in ((34.6999, 113.8999), (34.6999, 113.9012), (34.7012, 113.8999), (34.7012, 113.9012))
    ]
    n0, n1 = min(c[0] for c in corners), max(c[0] for c in corners)
    e0, e1 = min(c[1] for c in corners), max(c[1] for c in corners)
    gk = EPSG4490.replace("4490", "4547")
    r = requests.get(
        f"{live_url}/ogc/collections/parcels/items",
        headers=basic("reviewer"),
        timeout=30,
        params={"bbox": f"{n0},{e0},{n1},{e1}", "bbox-crs": gk, "crs": gk},
    )
    assert r.status_code == 200 and r.headers["Content-Crs"] == f"<{gk}>"
    features = r.json()["features"]
    assert sorted(f["id"] for f in features) == wanted
    northing, easting = features[0]["geometry"]["coordinates"][0][0][0]
    assert n0 - 200 < northing < n1 + 200 and e0 - 200 < easting < e1 + 200
