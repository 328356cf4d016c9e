"""`keys rotate`: a new signing key for the deployment; every session ends (SEC-04)."""

from __future__ import annotations

import os

import click
from flask import current_app
from flask.cli import AppGroup

from ..db import db

keys_cli = AppGroup("keys", help="The deployment's signing key (SEC-04).")


@keys_cli.command("rotate")
def keys_rotate() -> None:
    """Write a new random key into the instance folder and sign everyone out at once."""
    from ..audit_sink import record
    from ..auth.actor import SYSTEM
    from ..auth.services import end_all_sessions
    from .keys import rotate

    if os.environ.get("SECRET_KEY"):
        raise click.ClickException("SECRET_KEY is set in the environment: change it there and restart.")
    path = rotate(current_app.instance_path)
    users = end_all_sessions(db.session)
    record(db.session, SYSTEM, "keys.rotate", "deployment", "secret_key", after={"sessions_ended_for": users})
    db.session.commit()
    click.echo(
        f"new key written to {path}; every session has ended ({users} users). "
        "Restart the service so that it signs with the new key."
    )


COMMANDS = (keys_cli,)
