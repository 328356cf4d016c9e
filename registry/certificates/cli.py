"""`flask --app wsgi certificates issue --collective CODE`: 应发尽发, a certificate for every registered right
of the collective that has none in force, with a summary."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from ..db import db

certificates_cli = AppGroup("certificates", help="Certificates (证书).")

KIND_NAMES = {"land_contract": "土地承包经营权证 land contract", "homestead": "不动产权证书 homestead"}


@certificates_cli.command("issue")
@click.option("--collective", "collective_code", required=True, help="14-digit collective code.")
def issue(collective_code: str) -> None:
    """Issue every registered right of the collective still without a certificate (应发尽发)."""
    from ..auth.actor import SYSTEM
    from ..codes import parse_collective_code
    from ..errors import RegistryError
    from .services import issue_missing

    try:
        parse_collective_code(collective_code, "collective")
        summary = issue_missing(db.session, SYSTEM, collective_code)
        db.session.commit()
    except RegistryError as err:
        db.session.rollback()
        raise click.ClickException(err.detail.format(**err.params)) from None
    total = sum(len(v) for v in summary.issued.values())
    click.echo(f"collective {collective_code}: {total} certificates issued")
    for kind, certs in summary.issued.items():
        click.echo(f"  {KIND_NAMES[kind]}: {len(certs)}")
        for cert in certs:
            click.echo(f"    {cert.number}  {cert.serial}")
    if summary.refused:
        click.echo(f"  not issued: {len(summary.refused)}")
        for kind, ref, why in summary.refused:
            click.echo(f"    {kind} {ref}: {why}")
