"""Users, passwords (argon2) and bearer tokens stored as SHA-256 digests with an expiry (SEC-03)."""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from ..errors import Conflict, InvalidInput, Unauthorized
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


def authenticate(session, username: str, password: str) -> User:
    user = session.scalar(select(User).where(User.username == username, User.active.is_(True)))
    try:
        if user is None:
            raise VerificationError
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        raise Unauthorized("Wrong user name or password.") from None
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
