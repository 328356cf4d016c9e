"""Registry for rural collective property rights: the Flask application factory."""

from __future__ import annotations

import importlib
import logging
import os
from pathlib import Path

from flask import Flask, request, session
from flask_babel import Babel
from flask_migrate import Migrate

from . import clock
from . import security
from .api import Api, register_error_handlers
from .auth.guard import deny_undeclared
from .config import Config
from .db import db
from .replica import init_replica

MIGRATIONS_DIR = str(Path(__file__).parent / "migrations")  # the symlink to ../migrations, a copy in a wheel
PACKAGE_DIR = Path(__file__).resolve().parent


def _translation_dirs() -> list[Path]:
    """registry/translations plus each area's own registry/<area>/translations (Flask-Babel merges them)."""
    return sorted(
        p.parent.parent.parent for p in PACKAGE_DIR.glob("**/translations/*/LC_MESSAGES/messages.po")
    )


migrate = Migrate()
babel = Babel()


def select_locale() -> str:
    lang = request.args.get("lang") or session.get("lang")
    if lang in ("zh", "zh_CN", "zh_Hans_CN"):
        return "zh_Hans_CN"
    if lang == "en":
        return "en"
    return "zh_Hans_CN"  # Chinese unless English was chosen; the browser's Accept-Language is not followed


def _compile_translations() -> None:
    """Compile .po → .mo when missing or stale, so a fresh checkout needs no extra build step."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in PACKAGE_DIR.glob("**/translations/*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as fh:
            catalog = read_po(fh)
        tmp = mo.with_suffix(f".mo.{os.getpid()}")
        with tmp.open("wb") as fh:
            write_mo(fh, catalog)
        tmp.replace(mo)


def _database_url(app: Flask) -> str:
    if app.config.get("SQLALCHEMY_DATABASE_URI"):
        return app.config["SQLALCHEMY_DATABASE_URI"]
    from .pgcluster import instance_cluster

    cluster = instance_cluster(app.instance_path)
    cluster.start()
    return cluster.url()


# The areas, lowest first (ARCHITECTURE.md): an area imports only areas before it; a plug-in point is
# owned by the lower area. create_app loads every area's models, then calls each area's plug_in(app) in order.
AREAS = (
    "auth",
    "audit",
    "security",
    "basemap",
    "collectives",
    "people",
    "membership",
    "parcels",
    "reviews",
    "exits",
    "certificates",
    "contracts",
    "homesteads",
    "shares",
    "settlement",
    "exchange",
    "ogc",
    "catalogue",
    "web",
)


def _plug_in_areas(app: Flask) -> None:
    for area in AREAS:
        if (PACKAGE_DIR / area / "models.py").exists():
            importlib.import_module(f"{__name__}.{area}.models")
    for area in AREAS:
        importlib.import_module(f"{__name__}.{area}").plug_in(app)


def create_app(config: type | dict | None = None) -> Flask:
    app = Flask(__name__, instance_path=os.environ.get("REGISTRY_INSTANCE", None))
    app.config.from_object(Config)
    if isinstance(config, dict):
        app.config.update(config)
    elif config is not None:
        app.config.from_object(config)
    app.json.ensure_ascii = False
    logging.basicConfig(level=logging.INFO)
    clock.set_zone(app.config["TIME_ZONE"])
    security.install(app)  # SEC-04 key, headers and cookie flags, ID numbers masked in logs

    app.config["SQLALCHEMY_DATABASE_URI"] = _database_url(app)
    db.init_app(app)
    init_replica(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR)
    _compile_translations()
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(str(d) for d in _translation_dirs())
    babel.init_app(app, locale_selector=select_locale)

    Api(app, spec_kwargs={"info": {"description": "农村集体产权登记服务 API"}})
    _plug_in_areas(app)
    register_error_handlers(app)
    app.before_request(deny_undeclared)

    from .cli import COMMANDS

    for command in COMMANDS:
        app.cli.add_command(command)
    return app
