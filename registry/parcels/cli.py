"""`flask --app wsgi parcels import FILE`, `parcels farmland FILE` and `parcels county-boundary FILE`."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable

import click
from flask.cli import AppGroup

from ..auth.actor import SYSTEM
from ..db import db
from ..errors import RegistryError

parcels_cli = AppGroup("parcels", help="Parcels: bulk import, the basic-farmland layer.")

# A plug-in point for other file formats of `parcels import` (by extension): a higher area (ogc: .gpkg)
# registers its importer `(path, collective, fail) -> None` in its plug_in(app).
FILE_IMPORTERS: dict[str, Callable[[str, str | None, Callable], None]] = {}


def _read(path: str) -> dict:
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise click.ClickException(f"{path} is not a GeoJSON FeatureCollection")
    return data


def _fail(err: RegistryError) -> None:
    db.session.rollback()
    click.echo(f"refused ({err.rule}): {err.detail.format(**err.params)}", err=True)
    for field, messages in (err.errors or {}).items():
        for message in messages:
            click.echo(f"  {field}: {message}", err=True)
    sys.exit(1)


@parcels_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--collective", default=None, help="collective_code for features whose properties name none")
@click.option("--crs", default=None, help="crs of the file when it has no top-level crs (default EPSG:4490)")
def import_parcels(path: str, collective: str | None, crs: str | None) -> None:
    """Register every feature of a GeoJSON file, all or nothing, with every check (PAR-01..03). A GeoPackage
    (.gpkg) may also carry re-surveyed boundaries of existing codes: each is its own change (RG-01)."""
    from .bulk import register_parcels_bulk

    importer = FILE_IMPORTERS.get(os.path.splitext(path)[1].lower())
    if importer is not None:
        importer(path, collective, _fail)
        return
    data = _read(path)
    try:
        result = register_parcels_bulk(
            db.session, SYSTEM, data.get("features"), crs=data.get("crs", crs), collective_code=collective
        )
        db.session.commit()
    except RegistryError as err:
        _fail(err)
    click.echo(
        f"registered {len(result.codes)} parcels, {result.area_m2} m² "
        f"({', '.join(f'{c}: {n}' for c, n in sorted(result.by_collective.items()))})"
    )


@parcels_cli.command("farmland")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--source", required=True, help="where the layer comes from (approval document, date)")
def load_farmland(path: str, source: str) -> None:
    """Replace the basic-farmland layer with a GeoJSON file (HS-06 checks homesteads against it)."""
    from .farmland import load_basic_farmland

    data = _read(path)
    try:
        result = load_basic_farmland(
            db.session, SYSTEM, data.get("features"), source=source, crs=data.get("crs")
        )
        db.session.commit()
    except RegistryError as err:
        _fail(err)
    click.echo(
        f"basic-farmland layer: {result['areas']} polygons, {result['area_m2']} m² "
        f"(replaced {result['replaced']})"
    )


@parcels_cli.command("county-boundary")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--county", required=True, help="6-digit county code (GB/T 2260)")
@click.option(
    "--source", required=True, help="where the boundary comes from (survey, approval document, date)"
)
def load_boundary(path: str, county: str, source: str) -> None:
    """Replace a county's boundary with a GeoJSON file; parcels of its collectives must lie inside
    (PAR-04)."""
    from .county import load_county_boundary

    data = _read(path)
    try:
        result = load_county_boundary(
            db.session, SYSTEM, county, data.get("features"), source=source, crs=data.get("crs")
        )
        db.session.commit()
    except RegistryError as err:
        _fail(err)
    click.echo(
        f"county {result['county']} boundary: {result['area_m2']} m² "
        f"({'replaced' if result['replaced'] else 'first load'})"
    )
