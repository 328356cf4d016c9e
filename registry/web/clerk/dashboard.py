"""The clerk's start page: the collective at a glance and the work that waits."""
from __future__ import annotations

from flask import render_template
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...db import db
from ...people.models import Household, HouseholdMember
from .. import queries
from ..session import login_required, web_actor, working_collective
from . import COUNTERS, Counter, bp


def _households(session, actor, code):
    return queries.count(session, select(Household.code).where(Household.collective_code == code,
                                                                Household.dissolved_on.is_(None)))


def _people(session, actor, code):
    return queries.count(session, select(HouseholdMember.id).join(Household).where(
        Household.collective_code == code, HouseholdMember.left_on.is_(None)))


OWN_COUNTERS = [
    Counter(_l("Households"), _households, "web.clerk.households"),
    Counter(_l("People in households"), _people, "web.clerk.roster"),
]


@bp.get("/")
@login_required("clerk")
def dashboard():
    actor, code = web_actor(), working_collective()
    collective = queries.collective(db.session, actor, code)
    numbers = [(c, c.count(db.session, actor, code)) for c in COUNTERS]
    waiting = [(c, n) for c, n in numbers if c.attention and n]
    return render_template("web/clerk/dashboard.html", collective=collective, numbers=numbers, waiting=waiting)
