"""Signing in (API token and web alike): the throttle against password guessing, equal timing for known and
unknown names, and the audit entry of every sign-in, failure and throttled attempt (SEC-05). No Flask here.

The caller commits after a refusal too (the failure row and its audit entry are the point of the refusal).
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select

from .. import clock
from ..audit_sink import record
from ..db import advisory_xact_lock
from ..errors import TooManyRequests, Unauthorized
from .actor import Actor
from .models import SignInFailure, User
from .services import _hasher

MAX_FAILURES = 10
WINDOW = timedelta(minutes=15)

# An unknown (or deactivated) name is checked against this hash, so it costs as long as a known one.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class Throttled(TooManyRequests):
    """429 with the seconds until the oldest failure in the window expires (the edge sends Retry-After)."""

    def __init__(self, retry_after: int, **kw):
        super().__init__(
            "Too many failed sign-ins for this name or address; try again in {minutes} minutes.",
            rule="SEC-05",
            params={"minutes": max(1, -(-retry_after // 60))},
            **kw,
        )
        self.retry_after = retry_after


def _name(username: str) -> str:
    return (username or "")[:64]


def _retry_after(session, username: str, address: str, now: datetime) -> int | None:
    """Seconds to wait when the name or the address has MAX_FAILURES failures in the window, else None."""
    since = now - WINDOW
    waits = []
    for column, value in ((SignInFailure.username, username), (SignInFailure.address, address)):
        times = session.scalars(
            select(SignInFailure.at)
            .where(column == value, SignInFailure.at > since)
            .order_by(SignInFailure.at.desc())
            .limit(MAX_FAILURES)
        ).all()
        if len(times) >= MAX_FAILURES:
            waits.append(int((times[-1] + WINDOW - now).total_seconds()) + 1)
    return max(waits) if waits else None


def sign_in(session, username: str, password: str, address: str, via: str) -> User:
    """The user whose name and password these are, or Unauthorized (401) / Throttled (429, SEC-05).

    While the name or the address is throttled even the right password waits: nothing is verified.
    """
    name = _name(username)
    advisory_xact_lock(session, "auth.sign_in", name)  # parallel guesses at one name are counted one by one
    now = clock.now()
    wait = _retry_after(session, name, address, now)
    if wait is not None:
        record(
            session,
            "anonymous",
            "auth.sign_in_throttled",
            "user",
            name or "-",
            after={"address": address, "via": via, "retry_after": wait},
            outcome="refused",
            rule="SEC-05",
        )
        raise Throttled(wait)
    user = session.scalar(select(User).where(User.username == username, User.active.is_(True)))
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password or "")
        if user is None:
            raise VerificationError
    except (VerificationError, InvalidHashError):
        session.execute(
            delete(SignInFailure).where(SignInFailure.at <= now - WINDOW)
        )  # they count for nothing
        session.add(SignInFailure(username=name, address=address, at=now))
        record(
            session,
            "anonymous",
            "auth.sign_in_failed",
            "user",
            name or "-",
            after={"address": address, "via": via},
            outcome="refused",
            rule="SEC-05",
        )
        session.flush()
        raise Unauthorized("Wrong user name or password.") from None
    session.execute(delete(SignInFailure).where(SignInFailure.username == name))
    record(
        session,
        Actor(user.username, user.role, user.scope, user.id),
        "auth.sign_in",
        "user",
        user.id,
        after={"address": address, "via": via},
    )
    return user


def failures_in_window(session, now: datetime | None = None) -> list[dict]:
    """Per user name and per client address, the failed sign-ins still in the throttle's window (SEC-05):
    how many, the last one, and whether the name or address is throttled now."""
    now = now or clock.now()
    out = []
    for kind, column in (("username", SignInFailure.username), ("address", SignInFailure.address)):
        rows = session.execute(
            select(column, func.count(), func.max(SignInFailure.at))
            .where(SignInFailure.at > now - WINDOW)
            .group_by(column)
            .order_by(func.count().desc(), column)
        ).all()
        out += [
            {"kind": kind, "value": value, "failures": n, "last_at": last, "throttled": n >= MAX_FAILURES}
            for value, n, last in rows
        ]
    return out
