"""Users, passwords (argon2) and bearer tokens stored as SHA-256 digests with an expiry (SEC-03); revoking
tokens and ending sessions server-side. Signing in (with its throttle, SEC-05) is in signin.py."""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from sqlalchemy import delete, select, update

from ..audit_sink import record
from ..errors import Conflict, InvalidInput, NotFound, Unauthorized
from .actor import Actor
from .models import ROLES, ApiToken, User
from .. import clock

_hasher = PasswordHasher()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_user(session, username: str, password: str, role: str, scope: str | None) -> User:
    if role not in ROLES:
        raise InvalidInput("Unknown role {role}.", params={"role": role}, errors={"role": ["unknown role"]})
    if role == "clerk" and not (scope and len(scope) == 14 and scope.isdigit()):
        raise InvalidInput("A clerk's scope is a 14-digit collective code.", rule="SEC-01",
                           errors={"scope": ["14-digit collective code required"]})
    if role in ("reviewer", "police") and not (scope and len(scope) == 6 and scope.isdigit()):
        raise InvalidInput("A reviewer's or police station's scope is a 6-digit county code.", rule="SEC-01",
                           errors={"scope": ["6-digit county code required"]})
    if role == "admin":
        scope = None
    if not password:
        raise InvalidInput("The password is empty.", errors={"password": ["empty"]})
    if session.scalar(select(User).where(User.username == username)):
        raise Conflict("User {username} exists already.", params={"username": username})
    user = User(username=username, password_hash=_hasher.hash(password), role=role, scope=scope)
    session.add(user)
    session.flush()
    return user


def issue_token(session, user: User, ttl: timedelta) -> tuple[str, datetime]:
    token = secrets.token_urlsafe(32)
    expires = clock.now() + ttl
    session.add(ApiToken(user_id=user.id, token_hash=_digest(token), expires_at=expires))
    session.flush()
    return token, expires


def actor_for_token(session, token: str) -> Actor:
    row = session.execute(
        select(User, ApiToken).join(ApiToken, ApiToken.user_id == User.id)
        .where(ApiToken.token_hash == _digest(token), User.active.is_(True))
    ).first()
    if row is None:
        raise Unauthorized("The token is unknown.")
    user, tok = row
    if tok.expires_at <= clock.now():
        raise Unauthorized("The token has expired.")
    return actor_for_user(user)


def actor_for_user(user: User) -> Actor:
    return Actor(username=user.username, role=user.role, scope=user.scope, user_id=user.id)


def revoke_token(session, actor: Actor, token: str) -> None:
    """The presented token stops working at once (sign-out of an API client)."""
    session.execute(delete(ApiToken).where(ApiToken.token_hash == _digest(token)))
    record(session, actor, "auth.token_revoke", "user", actor.user_id)


def end_sessions(session, user_id: int) -> None:
    """Every web session of the user ends: the session version they carry no longer matches."""
    session.execute(update(User).where(User.id == user_id).values(session_version=User.session_version + 1))


def end_all_sessions(session) -> int:
    """Key rotation: every web session of every user ends, in every worker, before any restart."""
    return session.execute(update(User).values(session_version=User.session_version + 1)).rowcount


def deactivate_user(session, actor: Actor, username: str) -> User:
    """An administrator deactivates a user: their sessions and tokens end at once; the record stays."""
    actor.require_role("admin")
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound("There is no user {username}.", params={"username": username})
    user.active = False
    session.flush()
    end_sessions(session, user.id)
    tokens = session.execute(delete(ApiToken).where(ApiToken.user_id == user.id)).rowcount
    record(session, actor, "user.deactivate", "user", user.id, after={"username": username, "tokens_revoked": tokens})
    session.refresh(user)
    return user
