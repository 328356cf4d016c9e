"""The clerk's start page: the collective at a glance and the work that waits."""

from __future__ import annotations

from flask import render_template
from flask_babel import lazy_gettext as _l

from ...collectives.services import get_collective
from ...db import db
from ...people.reads import household_count, people_count
from ..session import login_required, web_actor, working_collective
from . import COUNTERS, Counter, bp

OWN_COUNTERS = [
    Counter(_l("Households"), household_count, "web.clerk.households"),
    Counter(_l("People in households"), people_count, "web.clerk.roster"),
]


@bp.get("/")
@login_required("clerk")
def dashboard():
    actor, code = web_actor(), working_collective()
    collective = get_collective(db.session, actor, code)
    numbers = [(c, c.count(db.session, actor, code)) for c in COUNTERS]
    waiting = [(c, n) for c, n in numbers if c.attention and n]
    return render_template(
        "web/clerk/dashboard.html", collective=collective, numbers=numbers, waiting=waiting
    )
