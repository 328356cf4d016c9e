"""Shared steps of the exchange tests: run an import, and prove that nothing was written."""

from __future__ import annotations

from sqlalchemy import text

from registry.auth.actor import SYSTEM
from registry.db import db
from registry.exchange.importer import run_import, save_done

WRITTEN = (
    "persons",
    "households",
    "household_members",
    "parcels",
    "land_contracts",
    "contract_register",
    "certificates",
    "exchange_jobs",
)


def import_package(app, path, **kw):
    with app.app_context():
        outcome = run_import(db.session, SYSTEM, path, **kw)
        if outcome.status == "done":
            save_done(db.session, SYSTEM, outcome)
            db.session.commit()
        else:
            db.session.rollback()
        db.session.remove()
    return outcome


def counts(app) -> dict:
    with app.app_context():
        with db.engine.connect() as conn:
            return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in WRITTEN}


def nothing_written(app) -> bool:
    return not any(counts(app).values())


def checks_of(outcome, severity="error") -> set[str]:
    return {f.check for f in outcome.findings if f.severity == severity}
