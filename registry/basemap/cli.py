"""`flask basemap load FILE.tif`: the administrator puts the county's orthophoto in place."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from .store import load_geotiff

basemap_cli = AppGroup("basemap", help="The base map (orthophoto) under the web maps.")


@basemap_cli.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def load(file: Path) -> None:
    """Convert FILE (a GeoTIFF in any CRS) to a Cloud-Optimized GeoTIFF in instance/basemap/."""
    try:
        info = load_geotiff(file, current_app.instance_path)
    except ValueError as err:
        raise click.ClickException(str(err)) from None
    click.echo(
        f"base map loaded: {info['width']}×{info['height']} px, {info['bands']} bands, {info['crs']} "
        f"→ {info['path']} ({info['bytes']} bytes)"
    )
