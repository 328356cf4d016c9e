"""Reviewer pages (county): the queue with filters, an item with its evidence, linkage flag and attestation,
and the settlement-linkage report (UR-04)."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from sqlalchemy import select

from ..api import paginate
from ..codes import mask_id_number
from ..collectives.models import Collective
from ..db import db
from ..errors import NotFound, RegistryError
from ..exits.models import Exit
from ..people.models import Person
from ..reviews.models import ReviewItem
from ..reviews.services import REVIEW_STATUSES, decide_review, list_reviews
from ..settlement.models import HukouEvent
from ..settlement.reports import settlement_linkage_report
from .forms import FormReader
from .refusals import refuse
from .session import login_required, web_actor, working_county

bp = Blueprint("review", __name__, url_prefix="/review")
PER_PAGE = 50


@bp.get("/")
@login_required("reviewer")
def queue():
    actor, county = web_actor(), working_county()
    status = request.args.get("status", "pending")
    if status not in (*REVIEW_STATUSES, "all"):
        status = "pending"
    kind, collective = request.args.get("kind", ""), request.args.get("collective", "")
    flagged = request.args.get("flagged") == "1"
    page = max(request.args.get("page", 1, type=int), 1)
    stmt = list_reviews(db.session, actor, status=status, county=county)
    if kind:
        stmt = stmt.where(ReviewItem.kind == kind)
    if collective:
        stmt = stmt.where(ReviewItem.collective_code == collective)
    if flagged:
        stmt = stmt.where(ReviewItem.linkage_flag.is_(True))
    items, total = paginate(stmt, page, PER_PAGE)
    kinds = db.session.scalars(select(ReviewItem.kind).where(ReviewItem.county_code == county).distinct()).all()
    collectives = db.session.scalars(select(Collective).where(Collective.county_code == county)
                                     .order_by(Collective.code)).all()
    return render_template("web/review/queue.html", items=items, total=total, page=page, status=status,
                           kind=kind, kinds=sorted(kinds), flagged=flagged, collective=collective,
                           collectives=collectives, statuses=(*REVIEW_STATUSES, "all"), per_page=PER_PAGE)


def _evidence(item: ReviewItem) -> dict:
    """What the reviewer decides on: for an exit, the filing, the holder's statement, and the settlement it
    follows when flagged. ID numbers are masked (SEC-02)."""
    if not item.kind.startswith("exit:"):
        return {}
    ex = db.session.get(Exit, item.subject_id)
    holder = db.session.get(Person, ex.holder_person_id)
    event = db.session.get(HukouEvent, ex.settlement_event_id) if ex.settlement_event_id else None
    settler = db.session.get(Person, event.person_id) if event else None
    return {"exit": ex, "holder": holder, "holder_id": mask_id_number(holder.id_number), "event": event,
            "settler_id": mask_id_number(settler.id_number) if settler else None,
            "days_after": (ex.filed_on - event.date).days if event else None}


@bp.route("/items/<int:review_id>", methods=["GET", "POST"])
@login_required("reviewer")
def item(review_id):
    actor = web_actor()
    entry = db.session.get(ReviewItem, review_id)
    if entry is None:
        raise NotFound("Review item {id} is not known.", params={"id": review_id})
    actor.require_county(entry.county_code, "reviewer")
    refusal = None
    if request.method == "POST":
        form = FormReader(request.form)
        try:
            decision = form.choice("decision", ("approve", "reject"))
            note = form.text("note", required=False)
            form.done()
            decide_review(db.session, actor, review_id, decision, note, form.flag("attest_voluntary"))
            db.session.commit()
        except RegistryError as err:
            refusal = refuse(err)
            entry = db.session.get(ReviewItem, review_id)
        else:
            flash(gettext("Review item %(id)s decided.", id=review_id))
            return redirect(url_for("web.review.item", review_id=review_id))
    return render_template("web/review/item.html", item=entry, refusal=refusal, form=request.form,
                           collective=db.session.get(Collective, entry.collective_code), **_evidence(entry)), \
        (refusal.status if refusal else 200)


@bp.get("/linkage")
@login_required("reviewer")
def linkage_report():
    actor, county = web_actor(), working_county()
    page = max(request.args.get("page", 1, type=int), 1)
    rows, total = settlement_linkage_report(db.session, actor, county, page, PER_PAGE)
    return render_template("web/review/linkage.html", rows=rows, total=total, page=page, per_page=PER_PAGE)
