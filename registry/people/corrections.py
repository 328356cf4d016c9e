"""更正: a person's misspelt name or wrong ID number corrected on a document; the old value is kept.

The correction is a row of `person_corrections` (append-only) beside the audit entry, in one transaction.
A new ID number is checked like any other (PER-01) and must not be another person's (PER-02); sex and birth
date follow it. The clerk of the person's current household corrects (the county for a person in none).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..audit.services import record
from ..codes import mask_id_number, parse_id_number
from ..db import advisory_xact_lock
from ..errors import Conflict, InvalidInput
from .household_changes import HouseholdEvent, change_date, evidence, notify
from .models import Household, HouseholdMember, Person, PersonCorrection
from .services import person_by_id_number


def _current_household(session, person: Person) -> str | None:
    return session.scalar(
        select(HouseholdMember.household_code).where(
            HouseholdMember.person_id == person.id, HouseholdMember.left_on.is_(None)
        )
    )


def correct_person(
    session,
    actor,
    id_number: str,
    *,
    name: str | None = None,
    new_id_number: str | None = None,
    evidence_ref: str,
    on: date | None = None,
) -> Person:
    on = change_date(on)
    evidence_ref = evidence(evidence_ref)
    person = person_by_id_number(session, id_number)
    household_code = _current_household(session, person)
    if household_code is None:  # a person in no household: the county (or admin) corrects
        actor.require_role("reviewer")
    else:
        actor.require_collective(household_code[:14], "clerk", "reviewer")
    advisory_xact_lock(session, "persons", person.id_number)
    changes: list[tuple[str, str, str]] = []
    if name is not None:
        name = name.strip()
        if not name:
            raise InvalidInput("The name is empty.", errors={"name": ["empty"]})
        if name != person.name:
            changes.append(("name", person.name, name))
    if new_id_number is not None:
        parsed = parse_id_number(new_id_number)
        if parsed.number != person.id_number:
            taken = session.scalar(select(Person.id).where(Person.id_number == parsed.number))
            if taken is not None:
                raise Conflict(
                    "A person with citizen ID number {id} exists already.",
                    rule="PER-02",
                    params={"id": mask_id_number(parsed.number)},
                )
            changes.append(("id_number", person.id_number, parsed.number))
    if not changes:
        raise InvalidInput(
            "A correction changes the name or the ID number.",
            errors={"name": ["nothing to correct"], "id_number": ["nothing to correct"]},
        )
    before = {"name": person.name, "id_number": mask_id_number(person.id_number)}
    for field, old, new in changes:
        session.add(
            PersonCorrection(
                person_id=person.id,
                field=field,
                old_value=old,
                new_value=new,
                evidence_ref=evidence_ref,
                corrected_on=on,
                actor=actor.username,
            )
        )
        if field == "name":
            person.name = new
        else:
            parsed = parse_id_number(new)
            person.id_number, person.sex, person.birth_date = parsed.number, parsed.sex, parsed.birth_date
    session.flush()
    record(
        session,
        actor,
        "person.correct",
        "person",
        person.id_number,
        before=before,
        after={
            "name": person.name,
            "id_number": mask_id_number(person.id_number),
            "evidence_ref": evidence_ref,
            "fields": [c[0] for c in changes],
        },
    )
    if household_code is not None:  # the rights the household holds print the corrected name (RG-02)
        notify(
            session,
            actor,
            HouseholdEvent(
                "correction", session.get(Household, household_code), on, evidence_ref, corrected=[person.id]
            ),
        )
    return person


def corrections_of(session, person: Person) -> list[PersonCorrection]:
    return list(
        session.scalars(
            select(PersonCorrection)
            .where(PersonCorrection.person_id == person.id)
            .order_by(PersonCorrection.id)
        )
    )
