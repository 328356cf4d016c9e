"""What the pages show of persons and households: lists, counts and the household's corrections, each read
inside the actor's scope (SEC-01) and with ID numbers masked where the rules say (SEC-02). No Flask here."""

from __future__ import annotations

from sqlalchemy import func, or_, select

from ..bounds import literal_like
from ..codes import mask_id_number
from ..db import count, paginate
from .corrections import corrections_of
from .models import Household, HouseholdMember, Person
from .services import current_members


def household_list(session, actor, collective_code: str, search: str = "", page: int = 1, per_page: int = 50):
    """Households of a collective with their head and current size, in code order: (rows, total)."""
    actor.require_collective(collective_code, "clerk", "reviewer")
    size = (
        select(func.count(HouseholdMember.id))
        .where(HouseholdMember.household_code == Household.code, HouseholdMember.left_on.is_(None))
        .correlate(Household)
        .scalar_subquery()
    )
    stmt = (
        select(Household, Person, size.label("size"))
        .join(Person, Person.id == Household.head_person_id)
        .where(Household.collective_code == collective_code)
    )
    if search:
        like = f"%{literal_like(search)}%"
        stmt = stmt.where(
            or_(
                Household.code.like(like, escape="\\"),
                Person.name.like(like, escape="\\"),
                Person.id_number.like(like, escape="\\"),
            )
        )
    return paginate(session, stmt.order_by(Household.code), page, per_page, rows=True)


def open_households(session, actor, collective_code: str) -> list[tuple[str, str]]:
    """(code, head's name) of every household of the collective not dissolved, in code order."""
    actor.require_collective(collective_code, "clerk", "reviewer")
    return [
        tuple(r)
        for r in session.execute(
            select(Household.code, Person.name)
            .join(Person, Person.id == Household.head_person_id)
            .where(Household.collective_code == collective_code, Household.dissolved_on.is_(None))
            .order_by(Household.code)
        )
    ]


def household_count(session, actor, collective_code: str) -> int:
    actor.require_collective(collective_code, "clerk", "reviewer")
    return count(
        session,
        select(Household.code).where(
            Household.collective_code == collective_code, Household.dissolved_on.is_(None)
        ),
    )


def people_count(session, actor, collective_code: str) -> int:
    """People in the collective's households today."""
    actor.require_collective(collective_code, "clerk", "reviewer")
    return count(
        session,
        select(HouseholdMember.id)
        .join(Household)
        .where(Household.collective_code == collective_code, HouseholdMember.left_on.is_(None)),
    )


def household_corrections(session, actor, household: Household) -> list[dict]:
    """The corrections of the household's current members; old and new ID numbers masked (SEC-02)."""
    actor.require_collective(household.collective_code, "clerk", "reviewer")
    fixes = []
    for m in current_members(household):
        for c in corrections_of(session, m.person):
            old, new = (
                (c.old_value, c.new_value)
                if c.field == "name"
                else (mask_id_number(c.old_value), mask_id_number(c.new_value))
            )
            fixes.append(
                {
                    "person": m.person.name,
                    "field": c.field,
                    "old": old,
                    "new": new,
                    "evidence_ref": c.evidence_ref,
                    "on": c.corrected_on,
                    "actor": c.actor,
                }
            )
    return fixes
