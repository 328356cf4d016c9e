"""Declarative base with a fixed constraint naming convention, the session, and transaction helpers."""

import time

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData, event, func, select, text
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.pool import Pool

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)

# A pooled connection is pinged before use only when it sat idle this long: one that is in steady use was
# just seen alive, and a ping on every checkout (SQLAlchemy's pool_pre_ping) is one more round trip per
# request. A connection that died under a busy pool (PostgreSQL restarted) fails its request with the 503 of
# `errors.py`, and SQLAlchemy then replaces every connection of the pool opened before the failure.
PING_AFTER_IDLE_S = 1.0


@event.listens_for(Pool, "checkin")
def _note_idle(_dbapi_connection, record) -> None:
    record.info["idle_since"] = time.monotonic()


@event.listens_for(Pool, "checkout")
def _ping_if_idle(dbapi_connection, record, _proxy) -> None:
    idle_since = record.info.get("idle_since")
    if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_S:
        return
    try:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("SELECT 1")
        finally:
            cursor.close()
    except Exception as exc:  # the driver's own error: the pool retries with a new connection
        raise DisconnectionError(str(exc)) from exc


def advisory_xact_lock(session, namespace: str, key: str = "") -> None:
    """Serialize writers on (namespace, key) until the transaction ends."""
    session.execute(
        text("SELECT pg_advisory_xact_lock(hashtext(:ns), hashtext(:key))"), {"ns": namespace, "key": key}
    )


def one_of(column: str, values: tuple[str, ...]) -> str:
    """The CHECK text for a code list, from the same tuple the services and schemas use (the text the
    migrations wrote: `col IN ('a','b')`)."""
    assert all("'" not in v for v in values)
    return f"{column} IN ({','.join(repr(v) for v in values)})"


def count(session, stmt) -> int:
    """The number of rows a select returns (its ORDER BY dropped)."""
    return session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))


def paginate(session, stmt, page: int = 1, per_page: int = 50, *, rows: bool = False):
    """One page of a select, by offset, with the total: (items, total). `rows=True` keeps whole rows (a select
    of several entities or columns); otherwise the first column of each. The select brings its own order."""
    page = max(page, 1)
    total = count(session, stmt)
    paged = stmt.offset((page - 1) * per_page).limit(per_page)
    items = (session.execute(paged) if rows else session.scalars(paged)).all()
    return items, total


def keyset(session, stmt, key, after=None, limit: int = 50) -> list:
    """One page of a long list by keyset: the rows whose `key` (a unique, ordered column) is after `after`,
    in key order, without counting or skipping the rows before (audit log, register exports)."""
    if after is not None:
        stmt = stmt.where(key > after)
    return session.scalars(stmt.order_by(key).limit(limit)).all()
