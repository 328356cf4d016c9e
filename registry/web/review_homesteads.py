"""The county's homestead approvals (HS-04): applications of the county in publicity with the household head's
name and the plot drawn to scale, approved from the end of publicity on with no open objection, or rejected
with a reason; each application's page shows its household."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext
from ..codes import mask_id_number
from ..db import db
from ..errors import RegistryError
from ..homesteads import applications as homesteads
from ..homesteads.queue import application_detail, county_queue
from .forms import FormReader
from .refusals import refuse
from .review import bp
from .session import login_required, web_actor, working_county
from .. import clock


@bp.route("/homesteads", methods=["GET", "POST"])
@login_required("reviewer")
def homesteads_queue():
    actor, county = web_actor(), working_county()
    refusal, target = None, request.form.get("application_id")
    if request.method == "POST":
        form = FormReader(request.form)
        try:
            application_id = form.integer("application_id")
            decision = form.choice("decision", ("approve", "reject"))
            note = form.text("note", required=False)
            form.done()
            if decision == "approve":
                right, certificate = homesteads.approve_application(db.session, actor, application_id, note)
                message = gettext(
                    "Approved: right %(unit)s registered, certificate %(number)s.",
                    unit=right.unit_code,
                    number=certificate.number,
                )
            else:
                homesteads.reject_application(db.session, actor, application_id, note or "")
                message = gettext("Application %(id)s rejected.", id=application_id)
            db.session.commit()
        except RegistryError as err:
            refusal = refuse(err)
        else:
            flash(message)
            return redirect(url_for("web.review.homesteads_queue"))
    return render_template(
        "web/review/homesteads.html",
        rows=county_queue(db.session, actor, county),
        refusal=refusal,
        target=target,
        today=clock.today(),
    ), (refusal.status if refusal else 200)


@bp.get("/homesteads/<int:application_id>")
@login_required("reviewer")
def homestead_application(application_id):
    """One application for the reviewer: the plot to scale, the publicity, objections and the household."""
    detail = application_detail(db.session, web_actor(), application_id)
    return render_template("web/review/homestead.html", today=clock.today(), mask=mask_id_number, **detail)
