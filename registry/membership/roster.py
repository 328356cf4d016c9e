"""Who is a member, on which date: the queries every area asks, plus the roster-change log (MEM-06)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, or_, select

from ..codes import mask_id_number
from ..collectives.services import collective_or_404
from ..db import advisory_xact_lock, count
from ..errors import InvalidInput
from ..people.services import person_by_id_number
from .models import Membership, RosterChange

ROSTER_STATUSES = ("active", "ended", "all")


def lock_person(session, person_id: int) -> None:
    """MEM-01: every path that starts or ends a membership serializes on the person, across collectives."""
    advisory_xact_lock(session, "membership.person", str(person_id))


def active_membership(session, person_id: int) -> Membership | None:
    """The one active membership of a person (MEM-01), read fresh from the database."""
    return session.scalar(
        select(Membership)
        .where(Membership.person_id == person_id, Membership.status == "active")
        .execution_options(populate_existing=True)
    )


def is_active_member(session, person_id: int, collective_code: str) -> bool:
    m = active_membership(session, person_id)
    return m is not None and m.collective_code == collective_code


def _member_on(as_of: date):
    # ended_on is the first day without membership: MEM-01 ends A on the day B's membership starts.
    return (Membership.since <= as_of) & or_(Membership.ended_on.is_(None), Membership.ended_on > as_of)


def active_member_count(session, collective_code: str, as_of: date | None = None) -> int:
    stmt = select(func.count(Membership.id)).where(Membership.collective_code == collective_code)
    stmt = stmt.where(_member_on(as_of)) if as_of else stmt.where(Membership.status == "active")
    return session.scalar(stmt)


def note_change(
    session, membership: Membership, kind: str, on_date: date, reason: str, resolution_id: int | None = None
) -> RosterChange:
    """Every start and end of a membership is a roster change to be filed (MEM-06)."""
    change = RosterChange(
        collective_code=membership.collective_code,
        membership_id=membership.id,
        kind=kind,
        on_date=on_date,
        reason=reason,
        resolution_id=resolution_id,
    )
    session.add(change)
    return change


def roster(
    session,
    actor,
    collective_code: str,
    *,
    status: str = "active",
    as_of: date | None = None,
    page: int = 1,
    per_page: int = 50,
) -> tuple[list[dict], int]:
    """The member list of a collective, on a date if given; ID numbers masked (SEC-02)."""
    actor.require_collective(collective_code, "clerk", "reviewer")
    collective_or_404(session, collective_code, "code")
    if status not in ROSTER_STATUSES:
        raise InvalidInput(
            "Unknown roster status {status}.",
            params={"status": status},
            errors={"status": [f"one of {', '.join(ROSTER_STATUSES)}"]},
        )
    stmt = select(Membership.id).where(Membership.collective_code == collective_code)
    if as_of is None:
        if status != "all":
            stmt = stmt.where(Membership.status == status)
    elif status == "active":
        stmt = stmt.where(_member_on(as_of))
    elif status == "ended":
        stmt = stmt.where(Membership.ended_on <= as_of)
    else:
        stmt = stmt.where(Membership.since <= as_of)
    total = count(session, stmt)
    # Page over ids first (an index-only scan for the current roster), then load just that page with persons:
    # a deep page then costs about as much as the first.
    page_ids = stmt.order_by(Membership.id).offset((page - 1) * per_page).limit(per_page).scalar_subquery()
    rows = session.scalars(
        select(Membership).where(Membership.id.in_(page_ids)).order_by(Membership.id)
    ).all()
    return [_roster_item(m, as_of) for m in rows], total


def _roster_item(m: Membership, as_of: date | None) -> dict:
    ended = m.ended_on is not None and (as_of is None or m.ended_on <= as_of)
    return {
        "membership_id": m.id,
        "id_number": mask_id_number(m.person.id_number),
        "name": m.person.name,
        "status": "ended" if ended else "active",
        "since": m.since,
        "ended_on": m.ended_on if ended else None,
        "end_reason": m.end_reason if ended else None,
    }


def person_history(session, actor, id_number: str) -> list[Membership]:
    """A person's memberships over time, limited to what the actor's scope may see (SEC-01)."""
    actor.require_role("clerk", "reviewer")
    person = person_by_id_number(session, id_number)
    rows = session.scalars(
        select(Membership).where(Membership.person_id == person.id).order_by(Membership.since, Membership.id)
    ).all()
    return [m for m in rows if actor.in_collective(m.collective_code)]
