"""The 成员名册: everyone in the collective's households, searchable and filtered by membership state."""

from __future__ import annotations

from flask import render_template, request

from ...db import db
from ...membership.reads import ROSTER_FILTERS, household_roster
from ..session import login_required, web_actor, working_collective
from . import bp


@bp.get("/roster")
@login_required("clerk")
def roster():
    actor, code = web_actor(), working_collective()
    search = request.args.get("q", "").strip()
    status = request.args.get("status", "all")
    if status not in ROSTER_FILTERS:
        status = "all"
    page = max(request.args.get("page", 1, type=int), 1)
    rows, total = household_roster(db.session, actor, code, search=search, status=status, page=page)
    return render_template(
        "web/clerk/roster.html",
        rows=rows,
        total=total,
        page=page,
        search=search,
        status=status,
        filters=ROSTER_FILTERS,
        collective_code=code,
    )
