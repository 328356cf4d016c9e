"""Read-only views of the register for pages: lists, counts and searches, always inside the actor's scope.

Nothing here decides anything; writing goes through the areas' services. Reads that an area's service
already offers are taken from there.
"""
from __future__ import annotations

from sqlalchemy import and_, func, or_, select

from ..audit.models import AuditEntry
from ..bounds import literal_like
from ..collectives.models import Collective
from ..membership.models import Membership, MembershipApplication
from ..people.models import Household, HouseholdMember, Person

ROSTER_FILTERS = ("all", "active", "ended", "none", "pending")


def collective(session, actor, code: str) -> Collective:
    actor.require_collective(code, "clerk", "reviewer")
    return session.get(Collective, code)


def households(session, actor, collective_code: str, search: str = "", page: int = 1, per_page: int = 50):
    """Households of a collective with their head and current size, newest code last."""
    actor.require_collective(collective_code, "clerk", "reviewer")
    size = (select(func.count(HouseholdMember.id)).where(HouseholdMember.household_code == Household.code,
                                                         HouseholdMember.left_on.is_(None))
            .correlate(Household).scalar_subquery())
    stmt = (select(Household, Person, size.label("size")).join(Person, Person.id == Household.head_person_id)
            .where(Household.collective_code == collective_code))
    if search:
        like = f"%{literal_like(search)}%"
        stmt = stmt.where(or_(Household.code.like(like, escape="\\"), Person.name.like(like, escape="\\"),
                              Person.id_number.like(like, escape="\\")))
    total = session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = session.execute(stmt.order_by(Household.code).offset((page - 1) * per_page).limit(per_page)).all()
    return rows, total


def roster(session, actor, collective_code: str, *, search: str = "", status: str = "all", page: int = 1,
           per_page: int = 50):
    """Everyone in the collective's current households, with their membership of this collective (if any)
    and whether an application waits: the clerk's 成员名册 with search and filters."""
    actor.require_collective(collective_code, "clerk", "reviewer")
    latest = (select(Membership.id).where(Membership.person_id == Person.id,
                                          Membership.collective_code == collective_code)
              .order_by((Membership.status == "active").desc(), Membership.since.desc()).limit(1)
              .correlate(Person).scalar_subquery())
    pending = (select(func.count(MembershipApplication.id))
               .where(MembershipApplication.person_id == Person.id,
                      MembershipApplication.collective_code == collective_code,
                      MembershipApplication.status == "pending").correlate(Person).scalar_subquery())
    stmt = (select(Person, HouseholdMember, Membership, pending.label("pending"))
            .join(HouseholdMember, and_(HouseholdMember.person_id == Person.id, HouseholdMember.left_on.is_(None)))
            .join(Household, Household.code == HouseholdMember.household_code)
            .outerjoin(Membership, Membership.id == latest)
            .where(Household.collective_code == collective_code))
    if search:
        like = f"%{literal_like(search)}%"
        stmt = stmt.where(or_(Person.name.like(like, escape="\\"), Person.id_number.like(like, escape="\\"),
                              HouseholdMember.household_code.like(like, escape="\\")))
    if status == "active":
        stmt = stmt.where(Membership.status == "active")
    elif status == "ended":
        stmt = stmt.where(Membership.status == "ended")
    elif status == "none":
        stmt = stmt.where(Membership.id.is_(None))
    elif status == "pending":
        stmt = stmt.where(pending > 0)
    total = session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = session.execute(stmt.order_by(HouseholdMember.household_code, HouseholdMember.id)
                           .offset((page - 1) * per_page).limit(per_page)).all()
    return rows, total


def memberships_of(session, person_ids) -> dict[int, list[Membership]]:
    out: dict[int, list[Membership]] = {}
    if not person_ids:
        return out
    for m in session.scalars(select(Membership).where(Membership.person_id.in_(person_ids))
                             .order_by(Membership.since)):
        out.setdefault(m.person_id, []).append(m)
    return out


def history(session, records, limit: int = 200) -> list[AuditEntry]:
    """The audit trail of everything a household page shows: the household, its people and its rights,
    given as (entity, entity_id) pairs."""
    pairs = [(entity, str(entity_id)) for entity, entity_id in records if entity_id]
    if not pairs:
        return []
    match = or_(*(and_(AuditEntry.entity == e, AuditEntry.entity_id == i) for e, i in pairs))
    return session.scalars(select(AuditEntry).where(match).order_by(AuditEntry.seq.desc()).limit(limit)).all()


def count(session, stmt) -> int:
    return session.scalar(select(func.count()).select_from(stmt.subquery()))
