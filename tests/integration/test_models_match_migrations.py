"""The schema is only built by migrating; the models must describe exactly what the migrations build."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from geoalchemy2 import alembic_helpers

from registry.db import db


def test_models_and_migrations_agree(session):
    conn = session.connection()
    mc = MigrationContext.configure(conn, opts={"include_object": alembic_helpers.include_object})
    diff = compare_metadata(mc, db.metadata)
    assert diff == [], diff
