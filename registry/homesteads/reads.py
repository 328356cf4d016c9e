"""What the pages show of homesteads: the collective's applications, those whose publicity ends soon, a
household's right and pending applications, an application's objections; inside the actor's scope (SEC-01)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..db import count, paginate
from .applications import get_application, list_applications
from .models import HomesteadApplication, HomesteadObjection, HomesteadRight


def application_page(session, actor, collective_code: str, page: int = 1, per_page: int = 500):
    """(applications in filing order, total)."""
    return paginate(session, list_applications(session, actor, collective_code), page, per_page)


def publicity_ending_count(session, actor, collective_code: str, by: date) -> int:
    """Applications in publicity whose publicity ends by `by` (or has ended): they wait for the county."""
    stmt = list_applications(session, actor, collective_code, "publicity")
    return count(session, stmt.where(HomesteadApplication.publicity_ends <= by))


def household_homestead(
    session, actor, household
) -> tuple[HomesteadRight | None, list[HomesteadApplication]]:
    """The household's active right and its applications in publicity."""
    actor.require_collective(household.collective_code, "clerk", "reviewer")
    right = session.scalar(
        select(HomesteadRight).where(
            HomesteadRight.household_code == household.code, HomesteadRight.status == "active"
        )
    )
    pending = session.scalars(
        select(HomesteadApplication).where(
            HomesteadApplication.household_code == household.code, HomesteadApplication.status == "publicity"
        )
    ).all()
    return right, pending


def objections_of(session, actor, application_id: int) -> list[HomesteadObjection]:
    """Every objection to the application, open or resolved, in filing order."""
    get_application(session, actor, application_id)
    return session.scalars(
        select(HomesteadObjection)
        .where(HomesteadObjection.application_id == application_id)
        .order_by(HomesteadObjection.id)
    ).all()
