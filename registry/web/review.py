"""Reviewer pages (county): the queue with filters, an item with its evidence, linkage flag and attestation,
and the settlement-linkage report (UR-04)."""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext

from ..collectives.services import get_collective, list_collectives
from ..db import db
from ..reviews.services import REVIEW_STATUSES, decide_review, get_review, review_kinds, review_page
from ..settlement.reports import exit_evidence, settlement_linkage_report
from .actions import form_page, on_post
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
    items, total = review_page(
        db.session,
        actor,
        county,
        status=status,
        kind=kind,
        collective=collective,
        flagged=flagged,
        page=page,
        per_page=PER_PAGE,
    )
    return render_template(
        "web/review/queue.html",
        items=items,
        total=total,
        page=page,
        status=status,
        kind=kind,
        kinds=review_kinds(db.session, actor, county),
        flagged=flagged,
        collective=collective,
        collectives=list_collectives(db.session, actor, county),
        statuses=(*REVIEW_STATUSES, "all"),
        per_page=PER_PAGE,
    )


@bp.route("/items/<int:review_id>", methods=["GET", "POST"])
@login_required("reviewer")
def item(review_id):
    """One item with what the reviewer decides on; ID numbers masked (SEC-02)."""
    actor = web_actor()
    get_review(db.session, actor, review_id)

    def decide(form) -> str:
        decision = form.choice("decision", ("approve", "reject"))
        note = form.text("note", required=False)
        form.done()
        decide_review(db.session, actor, review_id, decision, note, form.flag("attest_voluntary"))
        return gettext("Review item %(id)s decided.", id=review_id)

    done, refusal = on_post(decide, url_for("web.review.item", review_id=review_id))
    if done:
        return done
    entry = get_review(db.session, actor, review_id)
    return form_page(
        "web/review/item.html",
        refusal,
        item=entry,
        collective=get_collective(db.session, actor, entry.collective_code),
        **exit_evidence(db.session, actor, entry),
    )


@bp.get("/linkage")
@login_required("reviewer")
def linkage_report():
    actor, county = web_actor(), working_county()
    page = max(request.args.get("page", 1, type=int), 1)
    rows, total = settlement_linkage_report(db.session, actor, county, page, PER_PAGE)
    return render_template("web/review/linkage.html", rows=rows, total=total, page=page, per_page=PER_PAGE)
