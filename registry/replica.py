"""Read-only work on a PostgreSQL streaming replica (optional: DATABASE_REPLICA_URL).

Use `read_session()` (a context manager) or `on_replica(fn, *args)` for work that only reads: public
certificate and confirmation verification, OGC items and tiles, reports, certificate PDFs. Both give the
primary's own session instead whenever the replica could be wrong or unreachable:
  - no replica is configured;
  - the request writes (any method but GET/HEAD/OPTIONS) or the primary session has written (flushed) in it:
    every read inside a writing request stays on the primary;
  - the replica cannot be reached: it is then left alone for RETRY_AFTER_S seconds (fallback, no error).
`on_replica(..., primary_if=(NotFound,))` also retries on the primary when the replica found nothing: a row
written a moment ago may not have been replayed yet, and a user's own write is visible to them at once.
"""

from __future__ import annotations

import time
from contextlib import contextmanager

from flask import current_app, has_request_context, request
from sqlalchemy import create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from .db import db

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
RETRY_AFTER_S = 5.0


class Replica:
    def __init__(self, url: str):
        self.engine = create_engine(url)  # idle connections pinged (db.py)
        self.down_until = 0.0

    def available(self) -> bool:
        return time.monotonic() >= self.down_until

    def mark_down(self) -> None:
        self.down_until = time.monotonic() + RETRY_AFTER_S


def init_replica(app) -> None:
    url = app.config.get("DATABASE_REPLICA_URL")
    if url:
        app.extensions["registry_replica"] = Replica(url)


@event.listens_for(Session, "after_flush")
def _note_write(session, _context) -> None:
    session.info["wrote"] = True  # the session lives for one request (removed at teardown)


def _primary_needed() -> bool:
    if has_request_context() and request.method not in READ_METHODS:
        return True
    s = db.session
    return bool(s.new or s.dirty or s.deleted or s.info.get("wrote"))


def _replica() -> Replica | None:
    replica = current_app.extensions.get("registry_replica")
    if replica is None or not replica.available() or _primary_needed():
        return None
    return replica


@contextmanager
def read_session():
    """A session for reads only: on the replica when it may serve them, else the primary's session."""
    replica = _replica()
    if replica is None:
        yield db.session
        return
    try:
        conn = replica.engine.connect()
    except OperationalError:
        replica.mark_down()
        yield db.session
        return
    session = Session(bind=conn)
    try:
        yield session
    finally:
        session.close()
        conn.close()


def on_replica(fn, *args, primary_if: tuple[type[Exception], ...] = (), **kwargs):
    """fn(session, *args, **kwargs) on the replica; on the primary if the replica fails on the way, or raises
    one of `primary_if` (e.g. NotFound for what may not have been replayed yet)."""
    replica = _replica()
    if replica is not None:
        try:
            with read_session() as session:
                return fn(session, *args, **kwargs)
        except OperationalError:  # the replica went away on the way (query errors are other classes)
            replica.mark_down()
        except primary_if:
            pass
    return fn(db.session, *args, **kwargs)
