"""Voluntary paid exits (自愿有偿退出) filed on the holder's behalf, with the holder's written statement."""

from __future__ import annotations

from flask import request, url_for
from flask_babel import gettext

from ...db import db
from ...errors import RegistryError
from ...exits.models import EXIT_RIGHTS
from ...exits.services import file_exit, recent_exits
from ...settings import rule_settings
from ..actions import Done, form_page, on_post
from ..labels import options
from ..refusals import refuse
from ..session import login_required, web_actor, working_collective
from . import bp
from .statements import co_holder_rows, rename_errors, statements


@bp.route("/exits", methods=["GET", "POST"])
@login_required("clerk")
def exits():
    actor, code = web_actor(), working_collective()
    refusal = None
    source = request.form if request.method == "POST" else request.args
    try:
        rows = co_holder_rows(db.session, actor, source.get("right"), source.get("ref"), request.form)
    except RegistryError as err:
        rows, refusal = [], refuse(err)
    if request.method == "POST" and refusal is None and not request.form.get("lookup"):
        sent, origin = statements(rows, request.form.get("holder_id_number"))

        def file(form) -> Done:
            data = {
                "right": form.choice("right", EXIT_RIGHTS),
                "ref": form.text("ref"),
                "holder_id_number": form.text("holder_id_number"),
                "compensation_fen": form.yuan_to_fen("compensation_fen"),
                "statement_ref": form.text("statement_ref", required=False) or "",
                "reason": form.text("reason", required=False) or "",
            }
            form.done()
            ex = file_exit(
                db.session,
                actor,
                **data,
                co_holder_statements=sent,
                linkage_days=rule_settings().settlement_linkage_days,
            )
            return Done(
                gettext("Exit %(id)s filed; it waits for the county's review.", id=ex.id)
                + (
                    " " + gettext("It is flagged: filed soon after an urban settlement (UR-04).")
                    if ex.linkage_flag
                    else ""
                ),
                category="warn" if ex.linkage_flag else "message",
            )

        done, refusal = on_post(
            file, url_for("web.clerk.exits"), on_refusal=lambda refusal: rename_errors(refusal, origin)
        )
        if done:
            return done
    return form_page(
        "web/clerk/exits.html",
        refusal,
        filed=recent_exits(db.session, actor, code),
        rights=options("right"),
        prefill=request.args,
        rows=rows,
    )
