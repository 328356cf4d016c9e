"""The HTTP side of SEC-01: every /api view declares who may call it; anything undeclared is refused."""

from __future__ import annotations

from functools import wraps

from flask import current_app, g, request

from ..db import db
from ..errors import Forbidden, Unauthorized
from .services import actor_for_token


def current_actor():
    return g.actor


def bearer_token() -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("A bearer token is required.")
    return token.strip()


def _authenticate():
    """The request's actor, looked up once per request (a view calling another guarded one reuses it)."""
    token = bearer_token()
    cached = g.get("_token_actor")
    if cached is not None and cached[0] == token:
        return cached[1]
    actor = actor_for_token(db.session, token)
    g._token_actor = (token, actor)
    return actor


def requires(*roles: str):
    """Authenticate the bearer token and require one of `roles` (admin always passes). Sets g.actor."""

    def decorator(fn):
        @wraps(fn)
        def wrapper(*args, **kwargs):
            actor = _authenticate()
            g.actor = actor
            if actor.role != "admin" and actor.role not in roles:
                raise Forbidden(
                    "The role {role} may not do this.", rule="SEC-01", params={"role": actor.role}
                )
            return fn(*args, **kwargs)

        wrapper._access = roles or ("admin",)
        return wrapper

    return decorator


def public(fn):
    fn._access = ("public",)
    return fn


def deny_undeclared() -> None:
    """before_request: an /api endpoint whose view does not declare access is refused (deny by default)."""
    if not request.path.startswith("/api/") or request.endpoint is None:
        return
    if request.endpoint.startswith("api-docs.") or request.endpoint == "static":
        return
    view = current_app.view_functions.get(request.endpoint)
    cls = getattr(view, "view_class", None)
    fn = getattr(cls, request.method.lower(), None) if cls else view
    if request.method in ("HEAD", "OPTIONS"):
        return
    if not getattr(fn, "_access", None):
        raise Forbidden("This endpoint declares no access and is refused by default.", rule="SEC-01")
