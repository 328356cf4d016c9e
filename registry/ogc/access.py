"""Who is asking: a bearer token, HTTP Basic (what desktop GIS clients can send) or the web session's user —
the same users and scopes as the API (SEC-01). Police stations see no collection."""

from __future__ import annotations

import base64
import binascii
import hashlib
import threading
import time

from flask import g, request, session

from ..auth.actor import Actor
from ..auth.models import User
from ..auth.services import actor_for_token, actor_for_user
from ..auth.signin import sign_in
from ..db import db
from ..errors import Forbidden, RegistryError, Unauthorized

READERS = ("clerk", "reviewer")
# GIS clients send Basic on every request (a GDAL copy is hundreds of pages) and argon2 costs ~0.1-0.5 s a
# check:
# a login verified in the last minute is remembered by the SHA-256 of the header value (never the password),
# and the user is re-read each time, so deactivation still acts at once.
BASIC_TTL_SECONDS = 60
_BASIC_MAX = 1024
_verified: dict[str, tuple[int, str, int, float]] = {}
_lock = threading.Lock()


def _remembered(digest: str) -> User | None:
    with _lock:
        hit = _verified.get(digest)
    if hit is None or hit[3] < time.monotonic():
        return None
    user = db.session.get(User, hit[0])
    # a new password or a revocation moves the session version: the remembered check ends with it
    fresh = user is not None and user.active and user.username == hit[1] and user.session_version == hit[2]
    return user if fresh else None


def _remember(digest: str, user: User) -> None:
    with _lock:
        if len(_verified) >= _BASIC_MAX:
            _verified.clear()
        _verified[digest] = (
            user.id,
            user.username,
            user.session_version,
            time.monotonic() + BASIC_TTL_SECONDS,
        )


def basic_actor(header_value: str) -> Actor:
    """The Actor of an `Authorization: Basic …` value, checked by the auth area's password check."""
    digest = hashlib.sha256(header_value.strip().encode()).hexdigest()
    user = _remembered(digest)
    if user is not None:
        return actor_for_user(user)
    try:
        decoded = base64.b64decode(header_value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise Unauthorized("The Basic credentials are not valid base64 user:password.") from None
    username, sep, password = decoded.partition(":")
    if not sep:
        raise Unauthorized("The Basic credentials are not valid base64 user:password.")
    try:  # the throttled, audited sign-in of the auth area (SEC-05); its entries are kept either way
        user = sign_in(db.session, username, password, request.remote_addr or "-", "ogc-basic")
    except RegistryError:
        db.session.commit()
        raise
    db.session.commit()
    _remember(digest, user)
    return actor_for_user(user)


def _session_actor() -> Actor | None:
    """The web session's user, on the same terms as the web: active, and the session not ended since."""
    uid = session.get("uid")
    user = db.session.get(User, uid) if uid is not None else None
    if user is None or not user.active or session.get("sv") != user.session_version:
        return None
    return actor_for_user(user)


def request_actor() -> Actor:
    """Authenticate the request; raises Unauthorized (401, with a Basic challenge) when nobody is known."""
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        actor = actor_for_token(db.session, value.strip())
    elif scheme.lower() == "basic":
        actor = basic_actor(value)
    else:
        actor = _session_actor()
        if actor is None:
            raise Unauthorized("Sign in: a bearer token or HTTP Basic is required.")
    g.actor = actor
    return actor


def reader() -> Actor:
    """A clerk, reviewer or administrator; police and others get 403 (SEC-01)."""
    actor = request_actor()
    if actor.role != "admin" and actor.role not in READERS:
        raise Forbidden("The role {role} may not do this.", rule="SEC-01", params={"role": actor.role})
    return actor
