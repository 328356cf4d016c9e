"""`exchange import PATH`, `exchange export --county CODE OUT` (flask --app wsgi …)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from ..auth.actor import SYSTEM
from ..db import db
from ..errors import RegistryError

exchange_cli = AppGroup("exchange", help="The national 确权 package (NY/T 2539): import and export.")


def _bar():
    """A progress bar on stderr that follows the import's fraction and stage."""
    bar = click.progressbar(length=1000, label="checking", file=sys.stderr, show_eta=False)
    bar.__enter__()
    state = {"done": 0}

    def update(stage: str, fraction: float) -> None:
        bar.label = stage
        step = int(fraction * 1000) - state["done"]
        if step > 0:
            bar.update(step)
            state["done"] += step

    return bar, update


@exchange_cli.command("import")
@click.argument("path", type=click.Path(exists=True))
@click.option("--dry-run", is_flag=True, help="check only; nothing is written")
@click.option("--report", "report_file", type=click.Path(dir_okay=False), help="write the report as JSON")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh")
def import_package(path: str, dry_run: bool, report_file: str | None, lang: str) -> None:
    """Import a county package folder or .zip, all or nothing (EX-01..EX-11)."""
    from .importer import run_import, save_done

    bar, update = _bar()
    try:
        outcome = run_import(db.session, SYSTEM, Path(path), dry_run=dry_run, progress=update)
        if outcome.status == "done":
            save_done(db.session, SYSTEM, outcome, lang)
            db.session.commit()
        else:
            db.session.rollback()
    except RegistryError as err:
        db.session.rollback()
        raise click.ClickException(f"{err.rule}: {err.detail.format(**err.params)}") from None
    finally:
        bar.__exit__(None, None, None)
    report = outcome.report(lang)
    if report_file:
        Path(report_file).write_text(
            json.dumps(report, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
        )
    for f in report["findings"]:
        click.echo(f"{f['severity']:7} {f['check']} {f['source']} {f['key']}: {f['message']}")
    counts = ", ".join(f"{k} {v}" for k, v in report["counts"].items())
    click.echo(f"{outcome.status}: {report['county']} {report['year'] or ''} — {counts}")
    sys.exit(1 if outcome.status == "refused" else 0)


@exchange_cli.command("export")
@click.option("--county", required=True, help="6-digit county code")
@click.option("--year", type=int, default=None, help="the year in the file names (default: this year)")
@click.argument("out", type=click.Path(file_okay=False))
def export_package(county: str, year: int | None, out: str) -> None:
    """Write the county's package (DK in GBK, tables as XLSX, 权属单位代码表, six 汇总表) under OUT."""
    from .export import export_county

    Path(out).mkdir(parents=True, exist_ok=True)
    try:
        root = export_county(db.session, SYSTEM, county, Path(out), year)
    except RegistryError as err:
        db.session.rollback()
        click.echo(f"refused ({err.rule}): {err.detail.format(**err.params)}", err=True)
        for field, messages in (err.errors or {}).items():
            for message in messages:
                click.echo(f"  {field}: {message}", err=True)
        sys.exit(1)
    db.session.rollback()
    click.echo(f"exported {root}")


roster_cli = AppGroup("roster", help="Membership rosters (成员名册) confirmed by an earlier resolution.")


@roster_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--collective", required=True, help="14-digit collective code")
@click.option(
    "--resolution-ref", required=True, help="the earlier resolution that confirmed the members (art. 66)"
)
@click.option("--dry-run", is_flag=True, help="check only; nothing is written")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh")
def import_roster_cmd(path: str, collective: str, resolution_ref: str, dry_run: bool, lang: str) -> None:
    """Households, persons and memberships from a 成员名册 sheet, all or nothing."""
    from .roster import import_roster

    try:
        outcome = import_roster(db.session, SYSTEM, Path(path), collective, resolution_ref, dry_run=dry_run)
    except RegistryError as err:
        db.session.rollback()
        raise click.ClickException(f"{err.rule}: {err.detail.format(**err.params)}") from None
    if outcome.status == "done":
        db.session.commit()
    else:
        db.session.rollback()
    report = outcome.report(lang)
    for f in report["findings"]:
        click.echo(f"{f['severity']:7} {f['check']} {f['source']} {f['key']}: {f['message']}")
    click.echo(f"{outcome.status}: " + ", ".join(f"{k} {v}" for k, v in report["counts"].items() if v))
    sys.exit(1 if outcome.status == "refused" else 0)


COMMANDS = (exchange_cli, roster_cli)
