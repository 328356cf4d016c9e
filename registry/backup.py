"""Backups: `backup create FILE` (pg_dump custom format) and `backup restore FILE` into an empty database.

The dump is made with the Debian pg_dump of the server's own major version (/usr/lib/postgresql/<major>/bin),
so a dump of a PostgreSQL 15 server is never written by an older or newer client. A restore goes only into a
database without tables of its own (refused otherwise: nothing is overwritten) and runs as one transaction,
so a failed restore leaves the database empty again.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import text
from sqlalchemy.engine import make_url

from .db import db

DEBIAN_PG = Path("/usr/lib/postgresql")

backup_cli = AppGroup("backup", help="Back up the database and restore it into an empty one.")

# Tables of the database's own (not those an extension such as PostGIS brings along).
_OWN_TABLES = text("""
    SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg_toast%'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                      AND d.deptype = 'e')""")


class BackupError(click.ClickException):
    pass


def server_major(session) -> int:
    return int(session.scalar(text("SHOW server_version_num"))) // 10000


def client_binary(name: str, major: int) -> Path:
    path = DEBIAN_PG / str(major) / "bin" / name
    if not path.exists():
        raise BackupError(
            f"{path} is missing: install postgresql-client-{major} (the server is PostgreSQL {major})"
        )
    return path


def libpq_env(url: str) -> dict[str, str]:
    """The connection of a SQLAlchemy URL as libpq environment variables (no password on a command line)."""
    u = make_url(url)
    env = dict(os.environ)
    host = u.query.get("host") or u.host
    for key, value in (
        ("PGHOST", host),
        ("PGPORT", u.port),
        ("PGUSER", u.username),
        ("PGPASSWORD", u.password),
        ("PGDATABASE", u.database),
    ):
        if value:
            env[key] = str(value)
    return env


def own_table_count(session) -> int:
    return session.scalar(_OWN_TABLES)


def create_backup(url: str, major: int, target: Path) -> None:
    tmp = target.with_name(target.name + ".partial")
    res = subprocess.run(
        [str(client_binary("pg_dump", major)), "--format=custom", "--no-owner", "--file", str(tmp)],
        env=libpq_env(url),
        capture_output=True,
        text=True,
    )
    if res.returncode != 0:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"pg_dump failed: {res.stderr.strip()}")
    os.replace(tmp, target)  # a half-written dump never carries the final name


def restore_backup(url: str, major: int, source: Path) -> None:
    res = subprocess.run(
        [
            str(client_binary("pg_restore", major)),
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            make_url(url).database,
            str(source),
        ],
        env=libpq_env(url),
        capture_output=True,
        text=True,
    )
    if res.returncode != 0:
        raise BackupError(f"pg_restore failed (nothing was restored): {res.stderr.strip()}")


def _url() -> str:
    return current_app.config["SQLALCHEMY_DATABASE_URI"]


@backup_cli.command("create")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup_create(file: Path) -> None:
    """Write the whole database to FILE (pg_dump custom format)."""
    major = server_major(db.session)
    db.session.remove()
    create_backup(_url(), major, file)
    click.echo(f"backup written: {file} ({file.stat().st_size} bytes, PostgreSQL {major})")


@backup_cli.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def backup_restore(file: Path) -> None:
    """Restore FILE into the configured database, which must be empty (no tables of its own)."""
    major = server_major(db.session)
    tables = own_table_count(db.session)
    db.session.remove()
    if tables:
        raise BackupError(f"the database is not empty ({tables} tables): restore only into an empty database")
    db.engine.dispose()
    restore_backup(_url(), major, file)
    click.echo(f"restored {file}; run `audit verify` to check the audit chain")


COMMANDS = (backup_cli,)
