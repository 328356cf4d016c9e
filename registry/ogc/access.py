"""Who is asking: a bearer token, HTTP Basic (what desktop GIS clients can send) or the web session's user —
the same users and scopes as the API (SEC-01). Police stations see no collection."""
from __future__ import annotations

import base64
import binascii

from flask import g, request, session

from ..auth.actor import Actor
from ..auth.models import User
from ..auth.services import actor_for_token, actor_for_user, authenticate
from ..db import db
from ..errors import Forbidden, Unauthorized

READERS = ("clerk", "reviewer")


def basic_actor(header_value: str) -> Actor:
    """The Actor of an `Authorization: Basic …` value, checked by the auth area's password check."""
    try:
        decoded = base64.b64decode(header_value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise Unauthorized("The Basic credentials are not valid base64 user:password.") from None
    username, sep, password = decoded.partition(":")
    if not sep:
        raise Unauthorized("The Basic credentials are not valid base64 user:password.")
    return actor_for_user(authenticate(db.session, username, password))


def _session_actor() -> Actor | None:
    uid = session.get("uid")
    user = db.session.get(User, uid) if uid is not None else None
    return actor_for_user(user) if user is not None and user.active else None


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
