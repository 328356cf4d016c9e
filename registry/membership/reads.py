"""What the pages show of membership: the clerk's 成员名册 over everyone in the collective's households, the
memberships on a household page, recent resolutions, a membership to end; each inside the actor's scope
(SEC-01). No Flask here."""

from __future__ import annotations

from sqlalchemy import and_, func, or_, select

from ..bounds import literal_like
from ..db import paginate
from ..errors import NotFound
from ..people.models import Household, HouseholdMember, Person
from ..people.services import current_members
from .models import Membership, MembershipApplication, Resolution

ROSTER_FILTERS = ("all", "active", "ended", "none", "pending")


def household_roster(
    session,
    actor,
    collective_code: str,
    *,
    search: str = "",
    status: str = "all",
    page: int = 1,
    per_page: int = 50,
):
    """Everyone in the collective's current households, with their membership of this collective (if any) and
    whether an application waits: (rows of (Person, HouseholdMember, Membership, pending), total)."""
    actor.require_collective(collective_code, "clerk", "reviewer")
    latest = (
        select(Membership.id)
        .where(Membership.person_id == Person.id, Membership.collective_code == collective_code)
        .order_by((Membership.status == "active").desc(), Membership.since.desc())
        .limit(1)
        .correlate(Person)
        .scalar_subquery()
    )
    pending = (
        select(func.count(MembershipApplication.id))
        .where(
            MembershipApplication.person_id == Person.id,
            MembershipApplication.collective_code == collective_code,
            MembershipApplication.status == "pending",
        )
        .correlate(Person)
        .scalar_subquery()
    )
    stmt = (
        select(Person, HouseholdMember, Membership, pending.label("pending"))
        .join(
            HouseholdMember, and_(HouseholdMember.person_id == Person.id, HouseholdMember.left_on.is_(None))
        )
        .join(Household, Household.code == HouseholdMember.household_code)
        .outerjoin(Membership, Membership.id == latest)
        .where(Household.collective_code == collective_code)
    )
    if search:
        like = f"%{literal_like(search)}%"
        stmt = stmt.where(
            or_(
                Person.name.like(like, escape="\\"),
                Person.id_number.like(like, escape="\\"),
                HouseholdMember.household_code.like(like, escape="\\"),
            )
        )
    if status == "active":
        stmt = stmt.where(Membership.status == "active")
    elif status == "ended":
        stmt = stmt.where(Membership.status == "ended")
    elif status == "none":
        stmt = stmt.where(Membership.id.is_(None))
    elif status == "pending":
        stmt = stmt.where(pending > 0)
    return paginate(
        session, stmt.order_by(HouseholdMember.household_code, HouseholdMember.id), page, per_page, rows=True
    )


def household_memberships(session, actor, household: Household) -> dict[int, list[Membership]]:
    """Person id → every membership (any collective, oldest first) of the household's current members."""
    actor.require_collective(household.collective_code, "clerk", "reviewer")
    person_ids = [m.person_id for m in current_members(household)]
    out: dict[int, list[Membership]] = {}
    if person_ids:
        for m in session.scalars(
            select(Membership).where(Membership.person_id.in_(person_ids)).order_by(Membership.since)
        ):
            out.setdefault(m.person_id, []).append(m)
    return out


def memberships_by_id(session, actor, collective_code: str, ids) -> dict[int, Membership]:
    actor.require_collective(collective_code, "clerk", "reviewer")
    return {
        m.id: m
        for m in session.scalars(
            select(Membership).where(
                Membership.id.in_(list(ids)), Membership.collective_code == collective_code
            )
        )
    }


def membership_or_404(session, actor, membership_id: int) -> Membership:
    m = session.get(Membership, membership_id)
    if m is None:
        raise NotFound("Membership {id} is not registered.", params={"id": membership_id})
    actor.require_collective(m.collective_code, "clerk")
    return m


def resolutions(
    session, actor, collective_code: str, subject: str | None = None, limit: int | None = None
) -> list[Resolution]:
    """The collective's assembly resolutions, newest first (of one subject when given)."""
    actor.require_collective(collective_code, "clerk", "reviewer")
    stmt = select(Resolution).where(Resolution.collective_code == collective_code)
    if subject is not None:
        stmt = stmt.where(Resolution.subject == subject)
    return session.scalars(stmt.order_by(Resolution.id.desc()).limit(limit)).all()
