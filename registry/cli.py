"""Core commands: users, audit verification, the local cluster, the demo county."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from .backup import COMMANDS as BACKUP_COMMANDS
from .db import db

users_cli = AppGroup("users", help="Manage users.")
audit_cli = AppGroup("audit", help="Audit log.")
localdb_cli = AppGroup("localdb", help="The local PostGIS cluster under instance/.")
demo_cli = AppGroup("demo", help="The demo county.")


@users_cli.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice(["admin", "clerk", "reviewer", "police"]), required=True)
@click.option("--scope", default=None, help="14-digit collective code (clerk) or 6-digit county code.")
@click.option(
    "--display-name", default=None, help="What pages and slips show, e.g. the police station's name."
)
def users_create(username: str, role: str, scope: str | None, display_name: str | None) -> None:
    """Create a user; the password is read as one line from standard input."""
    from .audit.services import record
    from .auth.actor import SYSTEM
    from .auth.services import create_user
    from .errors import RegistryError

    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        user = create_user(db.session, username, password, role, scope, display_name)
        record(
            db.session,
            SYSTEM,
            "user.create",
            "user",
            user.id,
            after={
                "username": username,
                "role": role,
                "scope": user.scope,
                "display_name": user.display_name,
            },
        )
        db.session.commit()
    except RegistryError as err:
        db.session.rollback()
        raise click.ClickException(err.detail.format(**err.params)) from None
    click.echo(f"created {role} {username}" + (f" scope {user.scope}" if user.scope else ""))


@users_cli.command("deactivate")
@click.argument("username")
def users_deactivate(username: str) -> None:
    """Deactivate a user: every session and token of theirs ends at once."""
    from .auth.actor import SYSTEM
    from .auth.services import deactivate_user
    from .errors import RegistryError

    try:
        deactivate_user(db.session, SYSTEM, username)
        db.session.commit()
    except RegistryError as err:
        db.session.rollback()
        raise click.ClickException(err.detail.format(**err.params)) from None
    click.echo(f"deactivated {username}; their sessions and tokens have ended")


@audit_cli.command("verify")
def audit_verify() -> None:
    """Verify the hash chain; exit non-zero naming the first bad entry."""
    from .audit.verify import verify_chain

    report = verify_chain(db.session)
    if report.ok:
        click.echo(f"audit chain intact: {report.checked} entries")
        return
    click.echo(f"audit chain BROKEN at entry {report.bad_seq}: {report.reason}", err=True)
    sys.exit(1)


@localdb_cli.command("stop")
def localdb_stop() -> None:
    from .pgcluster import instance_cluster

    instance_cluster(current_app.instance_path).stop()
    click.echo("local cluster stopped")


@localdb_cli.command("url")
def localdb_url() -> None:
    click.echo(current_app.config["SQLALCHEMY_DATABASE_URI"])


@demo_cli.command("load")
def demo_load() -> None:
    """Load the demo county from fixtures/demo (idempotent); skipped for a DATABASE_URL database unless
    DEMO=1."""
    import os

    from .demo import FIRST_ADMIN_HINT, demo_wanted, load_demo

    if not demo_wanted(os.environ):
        click.echo(FIRST_ADMIN_HINT)
        return

    summary = load_demo(db.session)
    db.session.commit()
    for line in summary:
        click.echo(line)


@demo_cli.command("county")
@click.option("--parcels", type=int, required=True)
@click.option("--persons", type=int, required=True)
@click.option("--county", default="410184", help="6-digit county code (no collectives there yet).")
@click.option("--seed", type=int, default=1)
@click.option("--certified-groups", type=int, default=10, help="Groups whose rights get certificates.")
def demo_county(parcels: int, persons: int, county: str, seed: int, certified_groups: int) -> None:
    """Generate a consistent county of this size for benchmarks (registry/countygen)."""
    from .countygen import generate_county

    summary = generate_county(
        db.session, parcels, persons, county=county, seed=seed, certified_groups=certified_groups
    )
    db.session.commit()
    for line in summary.lines():
        click.echo(line)


COMMANDS = (users_cli, audit_cli, localdb_cli, demo_cli, *BACKUP_COMMANDS)
