"""UR-06: a household's right (land contract, homestead) leaves the household only with the household.

An exit or surrender of such a right carries the written statement of every other adult co-holder (the head's
filing then carries the others' written consent); one member's statement never gives up the others' share.
Memberships are untouched by any of this (MEM-05, UR-01).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..codes import mask_id_number, parse_id_number
from ..errors import InvalidInput, NotFound, RuleViolation
from ..people.models import Person
from .handlers import HANDLERS, RightInfo

HOUSEHOLD_RIGHTS = ("land_contract", "homestead")
ADULT_AGE = 18


def _adult(person: Person, on: date) -> bool:
    years = (
        on.year
        - person.birth_date.year
        - ((on.month, on.day) < (person.birth_date.month, person.birth_date.day))
    )
    return years >= ADULT_AGE


def check_co_holder_statements(
    session, right: str, info: RightInfo, holder: Person, statements: list | None, on: date
) -> list[dict] | None:
    """The statements as kept with the exit (ID numbers masked), or 422 UR-06 naming whose statement is
    missing."""
    if right not in HOUSEHOLD_RIGHTS or info.household_code is None:
        return None
    co_holders = {
        p.id: p for p in session.scalars(select(Person).where(Person.id.in_(info.holder_person_ids)))
    }
    given: dict[int, str] = {}
    for i, item in enumerate(statements or []):
        field = f"co_holder_statements.{i}"
        number = item.get("id_number") if isinstance(item, dict) else None
        ref = (item.get("statement_ref") or "").strip() if isinstance(item, dict) else ""
        person = (
            next((p for p in co_holders.values() if p.id_number == parse_id_number(number).number), None)
            if isinstance(number, str) and number
            else None
        )
        if person is None or person.id == holder.id:
            raise InvalidInput(
                "Statement {n} does not name another co-holder of the right.",
                params={"n": i + 1},
                errors={f"{field}.id_number": ["not another co-holder of this right"]},
            )
        if not ref:
            raise InvalidInput(
                "Statement {n} names no written statement.",
                params={"n": i + 1},
                errors={f"{field}.statement_ref": ["required"]},
            )
        given[person.id] = ref
    missing = sorted(
        mask_id_number(p.id_number)
        for p in co_holders.values()
        if p.id != holder.id and _adult(p, on) and p.id not in given
    )
    if missing:
        raise RuleViolation(
            "The right belongs to the household: the written statement of every other adult co-holder is "
            "required "
            "({missing}).",
            rule="UR-06",
            params={"missing": ", ".join(missing)},
            errors={"co_holder_statements": [f"missing the written statement of {', '.join(missing)}"]},
        )
    return [
        {"id_number": mask_id_number(co_holders[pid].id_number), "statement_ref": ref}
        for pid, ref in given.items()
    ]


def adult_co_holders(session, actor, right: str, ref: str, on: date) -> list[Person]:
    """The adult holders of a household's right, by name, whose statements an exit of it carries (the holder
    who files among them); empty for rights that are not a household's or a ref not (yet) known."""
    if right not in HOUSEHOLD_RIGHTS or right not in HANDLERS or not ref:
        return []
    try:
        info = HANDLERS[right].locate(session, ref)
    except (NotFound, InvalidInput):
        return []
    if info.household_code is None:
        return []
    actor.require_collective(info.collective_code, "clerk")
    return [
        p
        for p in session.scalars(
            select(Person).where(Person.id.in_(info.holder_person_ids)).order_by(Person.birth_date, Person.id)
        )
        if _adult(p, on)
    ]


def co_holders_shown(session, actor, right: str, ref: str, on: date) -> list[tuple[Person, str]]:
    """The adult co-holders as a form lists them: each with the ID number masked (SEC-02)."""
    return [(p, mask_id_number(p.id_number)) for p in adult_co_holders(session, actor, right, ref, on)]
