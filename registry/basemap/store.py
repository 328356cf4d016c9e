"""Where the orthophoto lives (instance/basemap/orthophoto.tif), how a GeoTIFF becomes it, and how a tile is
cut.
No Flask here."""

from __future__ import annotations

import os
from pathlib import Path

import rasterio
from rasterio.errors import RasterioIOError
from rasterio.shutil import copy as raster_copy
from rio_tiler.errors import TileOutsideBounds
from rio_tiler.io import Reader

TILE_SIZE = 256
MAX_ZOOM = 22


def basemap_path(instance_path: str) -> Path:
    return Path(instance_path) / "basemap" / "orthophoto.tif"


def load_geotiff(source: Path, instance_path: str) -> dict:
    """Convert `source` to a Cloud-Optimized GeoTIFF (internal tiles, overviews, DEFLATE) and put it in place
    of
    the current one in one rename, so a tile request never sees half a file."""
    try:
        with rasterio.open(source) as src:
            if src.crs is None:
                raise ValueError(f"{source}: the GeoTIFF has no coordinate reference system")
            info = {"crs": src.crs.to_string(), "width": src.width, "height": src.height, "bands": src.count}
    except RasterioIOError as err:
        raise ValueError(f"{source}: not a readable GeoTIFF ({err})") from None
    target = basemap_path(instance_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".tif.{os.getpid()}")
    raster_copy(str(source), str(tmp), driver="COG", compress="DEFLATE", overview_resampling="average")
    tmp.replace(target)
    return {**info, "path": str(target), "bytes": target.stat().st_size}


def tile_png(path: Path, z: int, x: int, y: int) -> bytes | None:
    """The Web Mercator tile z/x/y as PNG (transparent where the image has no data); None outside the
    image."""
    with Reader(str(path)) as cog:
        if not cog.tile_exists(x, y, z):
            return None
        try:
            img = cog.tile(x, y, z, tilesize=TILE_SIZE)
        except TileOutsideBounds:
            return None
    return img.render(img_format="PNG")
