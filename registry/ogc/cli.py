"""`flask parcels export --gpkg FILE --collective CODE` and the GeoPackage side of `flask parcels import`."""

from __future__ import annotations

import os

import click
from flask.cli import with_appcontext

from ..auth.actor import SYSTEM
from ..db import db
from ..errors import RegistryError


@click.command("export")
@with_appcontext
@click.option(
    "--gpkg", "path", required=True, type=click.Path(dir_okay=False), help="GeoPackage file to write"
)
@click.option("--collective", required=True, help="14-digit collective code")
def export_parcels(path: str, collective: str) -> None:
    """Write a collective's current parcels to a GeoPackage in EPSG:4490 (for QField/QGIS field work)."""
    from .gpkg import write_gpkg

    if os.path.exists(path):
        raise click.ClickException(f"{path} exists; give a new file")
    count = write_gpkg(db.session, path, collective)
    click.echo(f"exported {count} parcels of {collective} to {path}")


def import_gpkg_file(path: str, collective: str | None, fail) -> None:
    from .gpkg import import_gpkg

    try:
        result = import_gpkg(
            db.session,
            SYSTEM,
            path,
            collective_code=collective,
            reason=f"GeoPackage survey {os.path.basename(path)}",
        )
        db.session.commit()
    except RegistryError as err:
        fail(err)
        return
    click.echo(
        f"registered {len(result.registered)} new parcels, changed {len(result.changed)} boundaries "
        f"({', '.join(result.changed) or '—'}), {result.unchanged} unchanged"
    )
