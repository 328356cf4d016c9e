"""The base map: an administrator loads a GeoTIFF (`flask basemap load`), the registry serves it as XYZ PNG
tiles to
signed-in users, and the maps draw it under the parcels; without one (and without BASEMAP_URL) there is
none."""

from __future__ import annotations

import numpy as np
import pytest
import rasterio
from rasterio.io import MemoryFile
from rasterio.transform import from_origin

from registry.security.headers import _csp
from tests.ogc.test_tiles import tile_of
from tests.web.conftest import text

WEST, NORTH, STEP, SIZE = 113.90, 34.71, 0.00001, 1000  # 0.01° square: red west half, blue east half


@pytest.fixture
def instance(app, tmp_path, monkeypatch):
    monkeypatch.setattr(app, "instance_path", str(tmp_path / "instance"))
    return tmp_path


def _geotiff(path):
    data = np.zeros((3, SIZE, SIZE), dtype=np.uint8)
    data[0, :, : SIZE // 2] = 255
    data[2, :, SIZE // 2 :] = 255
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=SIZE,
        height=SIZE,
        count=3,
        dtype="uint8",
        crs="EPSG:4490",
        transform=from_origin(WEST, NORTH, STEP, STEP),
    ) as dst:
        dst.write(data)
    return path


def _pixel(png: bytes, row: int, col: int) -> tuple:
    with MemoryFile(png) as mem, mem.open() as img:
        bands = img.read()
    return tuple(int(b[row, col]) for b in bands)


def _load(app, path):
    result = app.test_cli_runner().invoke(args=["basemap", "load", str(path)])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_loaded_geotiff_is_served_as_png_tiles_to_signed_in_users(app, web, instance):
    web.login("clerk")
    assert 'data-basemap=""' in text(web.get("/clerk/parcels"))  # none by default
    output = _load(app, _geotiff(instance / "ortho.tif"))
    assert "base map loaded: 1000×1000 px, 3 bands" in output
    with rasterio.open(instance / "instance" / "basemap" / "orthophoto.tif") as cog:
        assert cog.profile["tiled"] and cog.overviews(1)  # cloud-optimized: internal tiles and overviews
    page = text(web.get("/clerk/parcels"))
    assert 'data-basemap="/tiles/basemap/{z}/{x}/{y}.png"' in page
    x, y = tile_of(113.9025, 34.705, 16)  # inside the red half
    r = web.get(f"/tiles/basemap/16/{x}/{y}.png")
    assert r.status_code == 200 and r.mimetype == "image/png"
    assert _pixel(r.data, 128, 128)[:3] == (255, 0, 0)
    x, y = tile_of(113.9075, 34.705, 16)  # inside the blue half
    assert _pixel(web.get(f"/tiles/basemap/16/{x}/{y}.png").data, 128, 128)[:3] == (0, 0, 255)
    x, y = tile_of(114.5, 34.705, 16)  # far outside the image
    assert web.get(f"/tiles/basemap/16/{x}/{y}.png").status_code == 404
    assert web.get("/tiles/basemap/16/1/99999.png").status_code == 404
    web.login("police")  # any signed-in user
    assert web.get(f"/tiles/basemap/16/{tile_of(113.9025, 34.705, 16)[0]}/{y}.png").status_code == 200


def test_the_tiles_need_a_signed_in_user(app, client, instance):
    _load(app, _geotiff(instance / "ortho.tif"))
    x, y = tile_of(113.9025, 34.705, 16)
    assert client.get(f"/tiles/basemap/16/{x}/{y}.png").status_code == 401


def test_a_file_that_is_not_a_geotiff_is_refused(app, instance):
    bad = instance / "x.tif"
    bad.write_text("not a raster")
    result = app.test_cli_runner().invoke(args=["basemap", "load", str(bad)])
    assert result.exit_code != 0 and "not a readable GeoTIFF" in result.output
    assert not (instance / "instance" / "basemap" / "orthophoto.tif").exists()


def test_an_online_layer_from_configuration_and_its_origin_in_the_csp(app, web, instance, monkeypatch):
    url = "https://t0.tianditu.gov.cn/img_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY"
    monkeypatch.setitem(app.config, "BASEMAP_URL", url)
    web.login("reviewer")
    assert 'data-basemap="https://t0.tianditu.gov.cn/img_w/wmts?TILEMATRIX={z}&amp;TILEROW={y}' in text(
        web.get("/review/map")
    )
    assert _csp(app)["img-src"].endswith(" https://t0.tianditu.gov.cn")
    monkeypatch.setitem(app.config, "BASEMAP_URL", None)
    assert "tianditu" not in _csp(app)["img-src"]
