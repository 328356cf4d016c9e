"""GDAL's own client (Debian gdal-bin: ogrinfo, ogr2ogr, OAPIF driver) against the service on 127.0.0.1
(SEC-01
scope through HTTP Basic, as desktop GIS clients send it)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pyogrio
import pytest
import shapely

from tests.factories import GROUP_A1, VILLAGE_A, VILLAGE_B

from .conftest import GRID, gdal_env

pytestmark = pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="gdal-bin is not installed")


def read_gpkg(path) -> tuple[list[str], list]:
    meta, _, wkb, fields = pyogrio.raw.read(path)
    return list(fields[list(meta["fields"]).index("code")]), list(shapely.from_wkb(wkb))


def _run(args: list[str], user: str = "reviewer") -> str:
    done = subprocess.run(args, env=gdal_env(user), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _count(live_url: str, user: str, *extra: str) -> int:
    out = _run(["ogrinfo", "-ro", "-so", *extra, f"OAPIF:{live_url}/ogc", "parcels"], user)
    return int(re.search(r"Feature Count: (\d+)", out).group(1))


def test_ogrinfo_counts_the_parcels_in_scope(live_url, parcel_world):
    """SEC-01: the reviewer counts the county's parcels (two villages and a group), the clerk their
    village."""
    assert _count(live_url, "reviewer") == 2 * GRID * GRID + 1
    assert _count(live_url, "clerk") == GRID * GRID


def test_ogrinfo_police_and_strangers_get_nothing(live_url, parcel_world):
    """SEC-01: police have no collection (403); a wrong password is refused (401)."""
    for user in ("police",):
        done = subprocess.run(
            ["ogrinfo", "-ro", "-so", f"OAPIF:{live_url}/ogc", "parcels"],
            env=gdal_env(user),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode != 0 and "403" in done.stderr
    env = {**gdal_env("reviewer"), "GDAL_HTTP_USERPWD": "reviewer:wrong"}
    done = subprocess.run(
        ["ogrinfo", "-ro", "-so", f"OAPIF:{live_url}/ogc", "parcels"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0 and "401" in done.stderr


def test_page_size_follows_next_to_the_end(live_url, parcel_world, tmp_path):
    """Keyset `next` links: with 5 per page GDAL walks 15 pages and gets every parcel exactly once."""
    out = tmp_path / "all.gpkg"
    _run(["ogr2ogr", "-f", "GPKG", str(out), f"OAPIF:{live_url}/ogc", "parcels", "-oo", "PAGE_SIZE=5"])
    codes = read_gpkg(out)[0]
    assert len(codes) == len(set(codes)) == 2 * GRID * GRID + 1
    expected = parcel_world.codes[VILLAGE_A] + parcel_world.codes[VILLAGE_B]
    assert set(expected) < set(codes) and all(c[:6] == "410122" for c in codes)
    assert any(c.startswith(GROUP_A1) for c in codes)


def test_ogr2ogr_copies_a_bbox_to_geopackage_in_4490(live_url, parcel_world, tmp_path):
    """A bbox around four squares of village A (lon/lat) lands in a GeoPackage in EPSG:4490 with their
    codes."""
    wanted = [
        c
        for c, (x, y) in parcel_world.origins.items()
        if c.startswith(VILLAGE_A) and x < 113.9015 and y < 34.7015
    ]
    assert len(wanted) == 4
    out = tmp_path / "bbox.gpkg"
    _run(
        [
            "ogr2ogr",
            "-f",
            "GPKG",
            str(out),
            f"OAPIF:{live_url}/ogc",
            "parcels",
            "-spat",
            "113.8999",
            "34.6999",
            "113.9012",
            "34.7012",
            "-t_srs",
            "EPSG:4490",
        ]
    )
    info = pyogrio.read_info(out)
    assert info["crs"] == "EPSG:4490"
    codes, geoms = read_gpkg(out)
    assert sorted(codes) == sorted(wanted)
    by_code = dict(zip(codes, geoms, strict=True))
    for code in wanted:
        x0, y0, _, _ = by_code[code].bounds
        assert (round(x0, 6), round(y0, 6)) == tuple(round(v, 6) for v in parcel_world.origins[code])
