"""Who is signed in on the web: the user id and the user's session version live in the signed Flask session;
each request rebuilds the Actor, and a session whose version is no longer the user's is ended (sign-out,
deactivation and key rotation bump the version server-side)."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from flask import abort, current_app, g, redirect, request, session, url_for

from ..auth.actor import Actor
from ..auth.models import User
from ..auth.services import end_sessions, user_by_id
from ..db import db

HOME_BY_ROLE = {
    "clerk": "web.clerk.dashboard",
    "reviewer": "web.review.queue",
    "police": "web.police.confirm",
    "admin": "web.admin_home",
}


def load_actor() -> None:
    """before_request: g.actor is the signed-in user's Actor, or None; an inactive user is signed out.
    g.user_name is how the top bar names them: the display name when set (a police station's), else the
    user name."""
    g.actor = g.user_name = None
    uid = session.get("uid")
    if uid is None:
        return
    user = user_by_id(db.session, uid)
    if user is None or not user.active or session.get("sv") != user.session_version:
        session.clear()
        return
    g.actor = Actor(username=user.username, role=user.role, scope=user.scope, user_id=user.id)
    g.user_name = user.display_name or user.username


def sign_in(user: User) -> None:
    lang = session.get("lang")
    session.clear()
    session["uid"] = user.id
    session["sv"] = user.session_version
    if lang:
        session["lang"] = lang


def sign_out() -> None:
    """Ends the session here and server-side: the cookie, even replayed, no longer signs anyone in."""
    if g.get("actor") is not None:
        end_sessions(db.session, g.actor.user_id)
        db.session.commit()
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang


def web_actor() -> Actor:
    return g.actor


def safe_next(target: str | None) -> str | None:
    """Only same-site relative paths are followed after login (no open redirect)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def login_required(*roles: str):
    """Redirect to the login page when nobody is signed in; 403 for a role not in `roles` (admin passes)."""

    def decorator(fn):
        @wraps(fn)
        def wrapper(*args, **kwargs):
            actor = g.get("actor")
            if actor is None:
                return redirect(url_for("web.login", next=request.full_path.rstrip("?")))
            if roles and actor.role != "admin" and actor.role not in roles:
                abort(403)
            return fn(*args, **kwargs)

        return wrapper

    return decorator


def home_url(actor: Actor) -> str:
    endpoint = HOME_BY_ROLE.get(actor.role, "web.welcome")
    return url_for(endpoint if endpoint in current_app.view_functions else "web.welcome")


def working_collective() -> str:
    """The collective a clerk acts in; an administrator picks one on the admin page first."""
    actor = g.actor
    if actor.role == "clerk":
        return actor.scope
    code = session.get("act_collective")
    if not code:
        abort(redirect(url_for("web.admin_home")))
    return code


def working_county() -> str:
    actor = g.actor
    if actor.role in ("reviewer", "police"):
        return actor.scope
    county = session.get("act_county")
    if not county:
        abort(redirect(url_for("web.admin_home")))
    return county
