"""Administration of users (admin role): the list, creating a user with an initial password, deactivating,
resetting the password, changing role and scope. Every write is the auth area's service, audited there."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext

from ..auth.models import ROLES
from ..auth.services import (add_user, deactivate_user, get_user, list_users, reset_password, set_display_name,
                             set_role_scope)
from ..db import db
from ..errors import RegistryError
from .core import web
from .forms import FormReader
from .labels import label
from .refusals import refuse
from .session import login_required, web_actor


def _role_options() -> list[tuple[str, str]]:
    return [(r, label("role", r)) for r in ROLES]


def _role_scope(form: FormReader) -> tuple[str | None, str | None]:
    return form.choice("role", ROLES), form.text("scope", required=False)


@web.route("/admin/users", methods=["GET", "POST"])
@login_required("admin")
def admin_users():
    refusal = None
    if request.method == "POST":
        form = FormReader(request.form)
        try:
            username = form.text("username")
            role, scope = _role_scope(form)
            password = form.text("password")
            display_name = form.text("display_name", required=False)
            form.done()
            add_user(db.session, web_actor(), username, password, role, scope, display_name)
            db.session.commit()
        except RegistryError as err:
            refusal = refuse(err)
        else:
            flash(gettext("User %(name)s created.", name=username))
            return redirect(url_for("web.admin_users"))
    users = list_users(db.session)
    return render_template("web/admin/users.html", users=users, role_options=_role_options(), refusal=refusal,
                           form=request.form), (refusal.status if refusal else 200)


@web.route("/admin/users/<username>", methods=["GET", "POST"])
@login_required("admin")
def admin_user(username):
    user = get_user(db.session, username)
    refusal = None
    if request.method == "POST":
        form = FormReader(request.form)
        action = request.form.get("action")
        try:
            if action == "deactivate":
                form.done()
                deactivate_user(db.session, web_actor(), username)
                done = gettext("User %(name)s deactivated; their sessions and tokens have ended.", name=username)
            elif action == "password":
                password = form.text("password")
                form.done()
                reset_password(db.session, web_actor(), username, password)
                done = gettext("New password set for %(name)s; their sessions and tokens have ended.", name=username)
            elif action == "display_name":
                display_name = form.text("display_name", required=False)
                form.done()
                set_display_name(db.session, web_actor(), username, display_name)
                done = gettext("Display name of %(name)s changed.", name=username)
            else:
                role, scope = _role_scope(form)
                form.done()
                set_role_scope(db.session, web_actor(), username, role, scope)
                done = gettext("Role and scope of %(name)s changed.", name=username)
            db.session.commit()
        except RegistryError as err:
            refusal = refuse(err)
            user = get_user(db.session, username)
        else:
            flash(done)
            return redirect(url_for("web.admin_user", username=username))
    return render_template("web/admin/user.html", user=user, role_options=_role_options(), refusal=refusal, form=request.form), \
        (refusal.status if refusal else 200)
