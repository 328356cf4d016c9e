"""Security wiring for the application factory: the deployment's signing key (SEC-04), response headers and
cookie flags, the trusted proxy, and ID numbers masked in every log record (SEC-02)."""

from __future__ import annotations

from .headers import install_headers
from .keys import load_or_create
from .logfilter import install_log_filter


def install(app) -> None:
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_or_create(app.instance_path)
    install_headers(app)
    install_log_filter()


def plug_in(app) -> None:
    """Called by create_app in the order of registry.AREAS: the `keys rotate` command."""
    from .cli import COMMANDS

    for command in COMMANDS:
        app.cli.add_command(command)
