"""Users, passwords (argon2) and bearer tokens stored as SHA-256 digests with an expiry (SEC-03); revoking
tokens and ending sessions server-side. Signing in (with its throttle, SEC-05) is in signin.py."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from sqlalchemy import delete, select, text, update

from ..audit_sink import record
from ..errors import Conflict, InvalidInput, NotFound, Unauthorized
from .actor import Actor
from .models import ROLES, ApiToken, User
from .. import clock

_hasher = PasswordHasher()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_user(
    session, username: str, password: str, role: str, scope: str | None, display_name: str | None = None
) -> User:
    scope = _checked_scope(role, scope)
    if not password:
        raise InvalidInput("The password is empty.", errors={"password": ["empty"]})
    if session.scalar(select(User).where(User.username == username)):
        raise Conflict("User {username} exists already.", params={"username": username})
    user = User(
        username=username,
        password_hash=_hasher.hash(password),
        role=role,
        scope=scope,
        display_name=_checked_display_name(display_name),
    )
    session.add(user)
    session.flush()
    return user


def _checked_display_name(display_name: str | None) -> str | None:
    text = (display_name or "").strip()
    if len(text) > 100:
        raise InvalidInput(
            "The display name is longer than {n} characters.",
            params={"n": 100},
            errors={"display_name": ["at most 100 characters"]},
        )
    return text or None


def display_names(session, usernames) -> dict[str, str]:
    """username → what pages show for the user: the display name, else the user name."""
    names = set(usernames)
    rows = (
        session.execute(select(User.username, User.display_name).where(User.username.in_(names))).all()
        if names
        else []
    )
    return {**{n: n for n in names}, **{u: d for u, d in rows if d}}


def _checked_scope(role: str, scope: str | None) -> str | None:
    """The scope a user of this role holds (SEC-01): a collective for a clerk, a county for a reviewer or
    police
    station, none for an administrator."""
    if role not in ROLES:
        raise InvalidInput("Unknown role {role}.", params={"role": role}, errors={"role": ["unknown role"]})
    if role == "clerk" and not (scope and len(scope) == 14 and scope.isdigit()):
        raise InvalidInput(
            "A clerk's scope is a 14-digit collective code.",
            rule="SEC-01",
            errors={"scope": ["14-digit collective code required"]},
        )
    if role in ("reviewer", "police") and not (scope and len(scope) == 6 and scope.isdigit()):
        raise InvalidInput(
            "A reviewer's or police station's scope is a 6-digit county code.",
            rule="SEC-01",
            errors={"scope": ["6-digit county code required"]},
        )
    return None if role == "admin" else scope


def issue_token(session, user: User, ttl: timedelta) -> tuple[str, datetime]:
    token = secrets.token_urlsafe(32)
    expires = clock.now() + ttl
    session.add(ApiToken(user_id=user.id, token_hash=_digest(token), expires_at=expires))
    session.flush()
    return token, expires


# Every authenticated API request runs this: plain SQL (no ORM compilation per request), the columns it needs.
_TOKEN_SQL = text(
    "SELECT u.username, u.role, u.scope, u.id, t.expires_at FROM api_tokens t "
    "JOIN users u ON u.id = t.user_id WHERE t.token_hash = :digest AND u.active"
)


def actor_for_token(session, token: str) -> Actor:
    """SEC-03: the actor of an unexpired token of an active user, in one SELECT of the four columns it
    needs."""
    row = session.execute(_TOKEN_SQL, {"digest": _digest(token)}).first()
    if row is None:
        raise Unauthorized("The token is unknown.")
    username, role, scope, user_id, expires_at = row
    if expires_at <= clock.now():
        raise Unauthorized("The token has expired.")
    return Actor(username=username, role=role, scope=scope, user_id=user_id)


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
    record(
        session,
        actor,
        "user.deactivate",
        "user",
        user.id,
        after={"username": username, "tokens_revoked": tokens},
    )
    session.refresh(user)
    return user


def _user(session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound("There is no user {username}.", params={"username": username})
    return user


def add_user(
    session,
    actor: Actor,
    username: str,
    password: str,
    role: str,
    scope: str | None,
    display_name: str | None = None,
) -> User:
    """An administrator creates a user with an initial password; audited (the password is not)."""
    actor.require_role("admin")
    if not username:
        raise InvalidInput("The user name is empty.", errors={"username": ["empty"]})
    user = create_user(session, username, password, role, scope, display_name)
    record(
        session,
        actor,
        "user.create",
        "user",
        user.id,
        after={
            "username": username,
            "role": user.role,
            "scope": user.scope,
            "display_name": user.display_name,
        },
    )
    return user


def set_display_name(session, actor: Actor, username: str, display_name: str | None) -> User:
    """An administrator changes what pages and slips show for the user (a station's name); audited."""
    actor.require_role("admin")
    user = _user(session, username)
    before = {"display_name": user.display_name}
    user.display_name = _checked_display_name(display_name)
    session.flush()
    record(
        session,
        actor,
        "user.display_name",
        "user",
        user.id,
        before=before,
        after={"display_name": user.display_name},
    )
    return user


def reset_password(session, actor: Actor, username: str, password: str) -> User:
    """An administrator sets a new password: the user's sessions and tokens end, the record stays."""
    actor.require_role("admin")
    if not password:
        raise InvalidInput("The password is empty.", errors={"password": ["empty"]})
    user = _user(session, username)
    user.password_hash = _hasher.hash(password)
    session.flush()
    end_sessions(session, user.id)
    tokens = session.execute(delete(ApiToken).where(ApiToken.user_id == user.id)).rowcount
    record(
        session,
        actor,
        "user.password_reset",
        "user",
        user.id,
        after={"username": username, "tokens_revoked": tokens},
    )
    return user


def set_role_scope(session, actor: Actor, username: str, role: str, scope: str | None) -> User:
    """An administrator changes a user's role and scope (SEC-01): their sessions and tokens end, so nothing
    signed in keeps the old rights."""
    actor.require_role("admin")
    user = _user(session, username)
    scope = _checked_scope(role, scope)
    before = {"role": user.role, "scope": user.scope}
    user.role, user.scope = role, scope
    session.flush()
    end_sessions(session, user.id)
    session.execute(delete(ApiToken).where(ApiToken.user_id == user.id))
    record(
        session,
        actor,
        "user.role_scope",
        "user",
        user.id,
        before=before,
        after={"role": role, "scope": scope},
    )
    session.refresh(user)
    return user


def user_by_id(session, user_id: int) -> User | None:
    """The user a signed web session names (the session's own check; no actor yet)."""
    return session.get(User, user_id)


def list_users(session, actor: Actor) -> list[User]:
    actor.require_role("admin")
    return session.scalars(select(User).order_by(User.username)).all()


def get_user(session, actor: Actor, username: str) -> User:
    actor.require_role("admin")
    return _user(session, username)
