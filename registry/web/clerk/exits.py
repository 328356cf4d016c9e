"""Voluntary paid exits (自愿有偿退出) filed on the holder's behalf, with the holder's written statement."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext
from sqlalchemy import select

from ...db import db
from ...errors import RegistryError
from ...exits.models import EXIT_RIGHTS, Exit
from ...exits.services import file_exit
from ...settings import rule_settings
from ..forms import FormReader
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
        form = FormReader(request.form)
        sent, origin = statements(rows, request.form.get("holder_id_number"))
        try:
            data = {"right": form.choice("right", EXIT_RIGHTS), "ref": form.text("ref"),
                    "holder_id_number": form.text("holder_id_number"),
                    "compensation_fen": form.yuan_to_fen("compensation_fen"),
                    "statement_ref": form.text("statement_ref", required=False) or "",
                    "reason": form.text("reason", required=False) or ""}
            form.done()
            ex = file_exit(db.session, actor, **data, co_holder_statements=sent,
                           linkage_days=rule_settings().settlement_linkage_days)
            db.session.commit()
        except RegistryError as err:
            refusal = refuse(err)
            rename_errors(refusal, origin)
        else:
            flash(gettext("Exit %(id)s filed; it waits for the county's review.", id=ex.id)
                  + (" " + gettext("It is flagged: filed soon after an urban settlement (UR-04).")
                     if ex.linkage_flag else ""), "warn" if ex.linkage_flag else "message")
            return redirect(url_for("web.clerk.exits"))
    actor.require_collective(code, "clerk")
    filed = db.session.scalars(select(Exit).where(Exit.collective_code == code).order_by(Exit.id.desc())
                               .limit(100)).all()
    return render_template("web/clerk/exits.html", refusal=refusal, form=request.form, filed=filed,
                           rights=options("right"), prefill=request.args, rows=rows), \
        (refusal.status if refusal else 200)
