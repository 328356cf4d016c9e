"""Administration of users (admin role): the list, creating a user with an initial password, deactivating,
resetting the password, changing role and scope. Every write is the auth area's service, audited there."""

from __future__ import annotations

from flask import request, url_for
from flask_babel import gettext

from ..auth.models import ROLES
from ..auth.services import (
    add_user,
    deactivate_user,
    get_user,
    list_users,
    reset_password,
    set_display_name,
    set_role_scope,
)
from ..db import db
from .actions import form_page, on_post
from .core import web
from .forms import FormReader
from .labels import label
from .session import login_required, web_actor


def _role_options() -> list[tuple[str, str]]:
    return [(r, label("role", r)) for r in ROLES]


def _role_scope(form: FormReader) -> tuple[str | None, str | None]:
    return form.choice("role", ROLES), form.text("scope", required=False)


@web.route("/admin/users", methods=["GET", "POST"])
@login_required("admin")
def admin_users():
    def create(form) -> str:
        username = form.text("username")
        role, scope = _role_scope(form)
        password = form.text("password")
        display_name = form.text("display_name", required=False)
        form.done()
        add_user(db.session, web_actor(), username, password, role, scope, display_name)
        return gettext("User %(name)s created.", name=username)

    done, refusal = on_post(create, url_for("web.admin_users"))
    return done or form_page(
        "web/admin/users.html",
        refusal,
        users=list_users(db.session, web_actor()),
        role_options=_role_options(),
    )


def _change(username: str, form: FormReader) -> str:
    action = request.form.get("action")
    if action == "deactivate":
        form.done()
        deactivate_user(db.session, web_actor(), username)
        return gettext("User %(name)s deactivated; their sessions and tokens have ended.", name=username)
    if action == "password":
        password = form.text("password")
        form.done()
        reset_password(db.session, web_actor(), username, password)
        return gettext("New password set for %(name)s; their sessions and tokens have ended.", name=username)
    if action == "display_name":
        display_name = form.text("display_name", required=False)
        form.done()
        set_display_name(db.session, web_actor(), username, display_name)
        return gettext("Display name of %(name)s changed.", name=username)
    role, scope = _role_scope(form)
    form.done()
    set_role_scope(db.session, web_actor(), username, role, scope)
    return gettext("Role and scope of %(name)s changed.", name=username)


@web.route("/admin/users/<username>", methods=["GET", "POST"])
@login_required("admin")
def admin_user(username):
    get_user(db.session, web_actor(), username)
    done, refusal = on_post(
        lambda form: _change(username, form), url_for("web.admin_user", username=username)
    )
    return done or form_page(
        "web/admin/user.html",
        refusal,
        user=get_user(db.session, web_actor(), username),
        role_options=_role_options(),
    )
