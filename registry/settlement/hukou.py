"""Hukou events as police stations and clerks record them (UR-01, UR-03, RS-03, MEM-03, MEM-04).

An urban settlement is a record and nothing more. Its path reads who the person is and which household they
live in (people data: the scope check needs the place, and UR-04 later needs the household), and it never asks
about, checks or changes a membership, contract, homestead, share or dividend (UR-01, UR-03). The API tests
trace the SQL of that path to prove it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..audit.services import record
from ..codes import mask_id_number, parse_collective_code
from ..collectives.services import collective_or_404
from ..dates import not_in_future
from ..errors import InvalidInput
from ..membership.services import application_from_move_in, end_membership_for_death, is_active_member
from ..people.models import HouseholdMember, Person
from ..people.services import person_by_id_number
from .models import HUKOU_KINDS, HukouEvent
from .. import clock


def record_hukou_event(
    session,
    actor,
    id_number: str,
    kind: str,
    on_date: date,
    collective_code: str | None = None,
    *,
    today: date | None = None,
) -> HukouEvent:
    actor.require_role("clerk", "police")
    if kind not in HUKOU_KINDS:
        raise InvalidInput(
            "Unknown hukou event kind {kind}.",
            params={"kind": kind},
            errors={"kind": [f"one of {', '.join(HUKOU_KINDS)}"]},
        )
    not_in_future(on_date, today or clock.today(), rule="RS-04")
    if collective_code is not None:
        collective_code = parse_collective_code(collective_code, "collective_code").code
    person = person_by_id_number(session, id_number)
    _fits_the_person(kind, on_date, person)
    household_code = current_household_code(session, person.id)
    place = collective_code or (household_code[:14] if household_code else None)
    if place is not None:
        _in_scope(session, actor, place)
    elif not (kind == "urban_settlement" and actor.role in ("police", "admin")):
        # UR-03: an urban settlement of a person in no household asks for no collective: the station records
        # it in its own county. Every other event belongs to a collective.
        raise InvalidInput(
            "Name the collective: the person belongs to no household.",
            errors={"collective_code": ["required when the person is in no household"]},
        )
    event = HukouEvent(
        person_id=person.id,
        kind=kind,
        date=on_date,
        collective_code=place,
        household_code=household_code,
        recorded_by=actor.username,
    )
    session.add(event)
    session.flush()
    application = CONSEQUENCES[kind](session, actor, event, person)
    event.application_id = application.id if application is not None else None
    session.flush()
    record(
        session,
        actor,
        f"hukou.{kind}",
        "hukou_event",
        event.id,
        after={
            "id_number": mask_id_number(person.id_number),
            "date": on_date,
            "collective_code": place,
            "household_code": household_code,
            "application_id": event.application_id,
        },
    )
    return event


BIRTH_RECORDED_WITHIN_DAYS = 365  # RS-04: a birth is registered within the year after it


def _fits_the_person(kind: str, on_date: date, person: Person) -> None:
    """RS-04: no event before the person was born; a birth only for a person born then or shortly before."""
    if on_date < person.birth_date:
        raise InvalidInput(
            "The event date is before the person's birth date.",
            rule="RS-04",
            errors={"date": ["before birth"]},
        )
    if kind == "birth" and (on_date - person.birth_date).days > BIRTH_RECORDED_WITHIN_DAYS:
        raise InvalidInput(
            "A birth is recorded for a person born on {date} or in the year before; this person "
            "was born on {born}.",
            rule="RS-04",
            params={"date": on_date.isoformat(), "born": person.birth_date.isoformat()},
            errors={"kind": ["the person was not born recently"]},
        )


def _in_scope(session, actor, place: str) -> None:
    actor.require_collective(place, "clerk", "police")
    collective_or_404(session, place)


def current_household_code(session, person_id: int) -> str | None:
    return session.scalar(
        select(HouseholdMember.household_code).where(
            HouseholdMember.person_id == person_id, HouseholdMember.left_on.is_(None)
        )
    )


def _record_only(session, actor, event: HukouEvent, person: Person):
    """Urban settlement (UR-01, UR-03) and moving out: the event is the whole of it."""


def _death(session, actor, event: HukouEvent, person: Person):
    """MEM-04: death ends the active membership; rights of the household are not touched."""
    end_membership_for_death(session, actor, person.id, event.date)


def _rural_move_in(session, actor, event: HukouEvent, person: Person):
    """RS-03: the move-in asks the collective's assembly; it never makes a member by itself."""
    return application_from_move_in(session, actor, person, event.collective_code)


def _birth(session, actor, event: HukouEvent, person: Person):
    """MEM-03: a child of an active member gets a birth-basis application, which the assembly must confirm."""
    if not any(is_active_member(session, p, event.collective_code) for p in parent_ids(session, person.id)):
        return None
    return application_from_move_in(session, actor, person, event.collective_code, basis="birth")


CONSEQUENCES = {
    "urban_settlement": _record_only,
    "move_out": _record_only,
    "death": _death,
    "rural_move_in": _rural_move_in,
    "birth": _birth,
}


def _generation(relation: str) -> int | None:
    """Generation relative to the head (GB/T 4761): 0 head, spouse, siblings; 1 children and their spouses;
    …"""
    first = relation[0]
    if relation == "02" or first in "17":
        return 0
    if first in "23":
        return 1
    if first == "4":
        return 3 if relation in ("47", "48") else 2
    if first == "5":
        return -1
    if first == "6":
        return -2
    return None


def parent_ids(session, person_id: int) -> list[int]:
    """The child's parents as the household register shows them: the current members one generation up."""
    rows = session.execute(
        select(HouseholdMember.person_id, HouseholdMember.relation, HouseholdMember.household_code).where(
            HouseholdMember.left_on.is_(None),
            HouseholdMember.household_code
            == select(HouseholdMember.household_code)
            .where(HouseholdMember.person_id == person_id, HouseholdMember.left_on.is_(None))
            .scalar_subquery(),
        )
    ).all()
    own = next((_generation(r.relation) for r in rows if r.person_id == person_id), None)
    if own is None:
        return []
    return [r.person_id for r in rows if r.person_id != person_id and _generation(r.relation) == own - 1]
