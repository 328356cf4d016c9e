"""Persons (PER-01, PER-02) and households with codes from the collective's sequence (PER-03)."""

from __future__ import annotations

from sqlalchemy import select, text

from ..audit.services import record
from ..codes import household_code, next_in_sequence, parse_household_code, parse_id_number
from ..collectives.services import collective_or_404
from ..errors import Conflict, Forbidden, InvalidInput, NotFound
from .models import Household, HouseholdMember, Person
from .relations import HEAD, RELATIONS, relation_fits_sex


def register_person(session, actor, id_number: str, name: str) -> Person:
    actor.require_role("clerk", "reviewer")
    parsed = parse_id_number(id_number)
    name = (name or "").strip()
    if not name:
        raise InvalidInput("The name is empty.", errors={"name": ["empty"]})
    if session.scalar(select(Person.id).where(Person.id_number == parsed.number)):
        raise Conflict(
            "A person with citizen ID number {id} exists already.",
            rule="PER-02",
            params={"id": parsed.number[:6] + "********" + parsed.number[-4:]},
        )
    person = Person(id_number=parsed.number, name=name, sex=parsed.sex, birth_date=parsed.birth_date)
    session.add(person)
    session.flush()
    record(session, actor, "person.register", "person", person.id_number, after={"name": name})
    return person


def person_by_id_number(session, id_number: str, field: str = "id_number") -> Person:
    parsed = parse_id_number(id_number)
    person = session.scalar(select(Person).where(Person.id_number == parsed.number))
    if person is None:
        raise NotFound(
            "No person with citizen ID number {id} is registered.",
            params={"id": parsed.number[:6] + "********" + parsed.number[-4:]},
            errors={field: ["not registered"]},
        )
    return person


# A person is within reach of a collective through a household there (now or before), a membership or an
# application to it; the pattern is the clerk's collective code, or the reviewer's county code and '%'.
_PERSON_IN_SCOPE = text("""
    SELECT 1 FROM household_members hm JOIN households h ON h.code = hm.household_code
     WHERE hm.person_id = :person AND h.collective_code LIKE :scope
    UNION ALL SELECT 1 FROM memberships WHERE person_id = :person AND collective_code LIKE :scope
    UNION ALL SELECT 1 FROM membership_applications WHERE person_id = :person AND collective_code LIKE :scope
    LIMIT 1""")


def get_person(session, actor, id_number: str) -> Person:
    """SEC-01 for person reads, as for households: a clerk reads the persons of their collective, a reviewer
    those of their county, an administrator everyone."""
    actor.require_role("clerk", "reviewer")
    person = person_by_id_number(session, id_number)
    if actor.role == "admin":
        return person
    scope = actor.scope if actor.role == "clerk" else f"{actor.scope}%"
    if session.execute(_PERSON_IN_SCOPE, {"person": person.id, "scope": scope}).first() is None:
        raise Forbidden(
            "The person is outside your scope.",
            rule="SEC-01",
            entity="person",
            action="person.read",
            entity_id=person.id_number[:6] + "********" + person.id_number[-4:],
        )
    return person


def create_household(
    session, actor, collective_code: str, head_id_number: str, members: list[dict] | None = None
) -> Household:
    actor.require_collective(collective_code, "clerk")
    collective_or_404(session, collective_code)
    head = person_by_id_number(session, head_id_number, "head_id_number")
    entries: list[tuple[Person, str]] = [(head, HEAD)]
    seen = {head.id}
    for i, m in enumerate(members or []):
        person = person_by_id_number(session, m["id_number"], f"members.{i}.id_number")
        relation = m.get("relation") or ""
        if person.id == head.id:
            if relation not in ("", HEAD):
                raise InvalidInput(
                    "The head of household has relation 02.",
                    errors={f"members.{i}.relation": ["the head is 02"]},
                )
            continue
        if relation not in RELATIONS or relation == HEAD:
            raise InvalidInput(
                "Relation {relation} is not a GB/T 4761 code for a member.",
                params={"relation": relation},
                errors={f"members.{i}.relation": ["unknown GB/T 4761 code"]},
            )
        if not relation_fits_sex(relation, person.sex):
            raise InvalidInput(
                "Relation {relation} ({label}) does not fit the sex in the citizen ID number.",
                rule="PER-05",
                params={"relation": relation, "label": RELATIONS[relation]},
                errors={f"members.{i}.relation": ["does not fit the sex in the ID number"]},
            )
        if person.id in seen:
            raise InvalidInput(
                "A person is listed twice.", errors={f"members.{i}.id_number": ["listed twice"]}
            )
        seen.add(person.id)
        entries.append((person, relation))
    current = session.scalars(
        select(HouseholdMember).where(HouseholdMember.person_id.in_(seen), HouseholdMember.left_on.is_(None))
    ).all()
    if current:
        raise Conflict(
            "{n} of these persons already belong to a current household.",
            rule="PER-02",
            params={"n": len(current)},
            conflicts=sorted({c.household_code for c in current}),
        )
    seq = next_in_sequence(session, collective_code, "household")
    household = Household(
        code=household_code(collective_code, seq), collective_code=collective_code, head_person_id=head.id
    )
    session.add(household)
    session.flush()
    for person, relation in entries:
        session.add(HouseholdMember(household_code=household.code, person_id=person.id, relation=relation))
    session.flush()
    session.refresh(household)
    record(
        session,
        actor,
        "household.create",
        "household",
        household.code,
        after={"members": [[p.id_number, r] for p, r in entries]},
    )
    return household


def household_or_404(session, code: str, field: str = "household_code") -> Household:
    """The registered household `code`; NotFound naming the field otherwise."""
    household = session.get(Household, code)
    if household is None:
        raise NotFound(
            "Household {code} is not registered.", params={"code": code}, errors={field: ["not registered"]}
        )
    return household


def get_household(session, actor, code: str) -> Household:
    collective_code, _ = parse_household_code(code, "code")
    household = household_or_404(session, code, "code")
    actor.require_collective(collective_code, "clerk", "reviewer")
    return household


def current_members(household: Household) -> list[HouseholdMember]:
    return [m for m in household.members if m.left_on is None]
