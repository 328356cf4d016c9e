"""Household changes (户籍变动): a member joins (birth, marriage, adoption, return, correction) or leaves
(death,
marriage out, moving out, correction), each with its document, in the household's own register and the audit.

A household change never touches membership (the MEM rules decide that). The areas whose rights the household
holds react in the same transaction through `on_household_change`: the land contract's co-holders follow the
household (LC-04). Split and merge live in `household_splits`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from sqlalchemy import func, select

from .. import clock
from ..audit.services import record
from ..codes import mask_id_number, parse_household_code
from ..db import advisory_xact_lock
from ..errors import Conflict, InvalidInput, NotFound, RuleViolation
from .models import JOIN_REASONS, LEAVE_REASONS, Household, HouseholdChange, HouseholdMember, Person
from .relations import HEAD, RELATIONS
from .services import current_members, person_by_id_number


@dataclass
class HouseholdEvent:
    """What changed, for the areas that react: `kind` is members, split, merge or correction."""

    kind: str
    household: Household
    on: date
    evidence_ref: str
    reason: str | None = None
    joined: list[int] = field(default_factory=list)  # person ids
    left: list[int] = field(default_factory=list)
    new_household: Household | None = None  # split: the household the leaving members form
    parcel_codes: list[str] = field(default_factory=list)  # split: the contract parcels it takes
    other: Household | None = None  # merge: the household that joins and dissolves
    corrected: list[int] = field(
        default_factory=list
    )  # correction: persons whose name or number was corrected


_reactions: list[Callable[..., None]] = []


def on_household_change(fn: Callable[..., None]) -> Callable[..., None]:
    """Plug-in point: `fn(session, actor, event)` is called inside every household change's transaction (the
    areas holding household rights register theirs in their plug_in)."""
    if fn not in _reactions:
        _reactions.append(fn)
    return fn


def notify(session, actor, event: HouseholdEvent) -> None:
    for fn in _reactions:
        fn(session, actor, event)


def change_date(on: date | None) -> date:
    """A change is registered once it has happened: dated today or earlier (today by default)."""
    today = clock.today()
    if on is not None and on > today:
        raise InvalidInput(
            "{field} cannot be in the future.", params={"field": "date"}, errors={"date": ["in the future"]}
        )
    return on or today


def evidence(value: object) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise InvalidInput(
            "A household change names its document (evidence_ref).", errors={"evidence_ref": ["required"]}
        )
    return text


def member_relation(value: object, field_name: str) -> str:
    if value not in RELATIONS or value == HEAD:
        raise InvalidInput(
            "Relation {relation} is not a GB/T 4761 code for a member.",
            params={"relation": value},
            errors={field_name: ["unknown GB/T 4761 code"]},
        )
    return value


def household_for_write(session, actor, code: str, field_name: str = "code") -> Household:
    """The household in the clerk's scope (SEC-01), locked against concurrent changes of its collective."""
    collective_code, _ = parse_household_code(code, field_name)
    household = session.get(Household, code)
    if household is None:
        raise NotFound(
            "Household {code} is not registered.",
            params={"code": code},
            errors={field_name: ["not registered"]} if field_name != "code" else None,
        )
    actor.require_collective(collective_code, "clerk")
    advisory_xact_lock(session, "households", collective_code)
    session.refresh(household)
    if household.dissolved_on is not None:
        raise Conflict(
            "Household {code} was dissolved on {date}.",
            rule="PER-03",
            params={"code": code, "date": household.dissolved_on.isoformat()},
        )
    if household.party_type == "3":  # a unit (单位, migration 0021) never has persons
        raise RuleViolation(
            "{code} is a unit (单位): it has no members, and no household change applies to it.",
            rule="PER-03",
            params={"code": code},
            errors={field_name: ["a unit, not a household"]},
        )
    return household


def append_change(
    session,
    actor,
    household: Household,
    kind: str,
    on: date,
    evidence_ref: str,
    *,
    reason: str | None = None,
    person: Person | None = None,
    other: Household | None = None,
    details: dict | None = None,
) -> HouseholdChange:
    """The next numbered entry of the household's register; callers hold the collective's household lock."""
    last = session.execute(
        select(func.max(HouseholdChange.seq), func.max(HouseholdChange.change_date)).where(
            HouseholdChange.household_code == household.code
        )
    ).one()
    if last[1] is not None and on < last[1]:
        raise RuleViolation(
            "The register of {code} already has an entry of {last}; a change cannot be dated {date}.",
            rule="RG-01",
            params={"code": household.code, "last": last[1].isoformat(), "date": on.isoformat()},
            errors={"date": [f"not before {last[1].isoformat()}"]},
        )
    entry = HouseholdChange(
        household_code=household.code,
        seq=(last[0] or 0) + 1,
        kind=kind,
        reason=reason,
        change_date=on,
        person_id=person.id if person else None,
        other_household_code=other.code if other else None,
        evidence_ref=evidence_ref,
        actor=getattr(actor, "username", str(actor)),
        details=details,
    )
    session.add(entry)
    session.flush()
    return entry


def current_member(household: Household, id_number: str, field_name: str) -> HouseholdMember:
    member = next((m for m in current_members(household) if m.person.id_number == id_number), None)
    if member is None:
        raise InvalidInput(
            "{id} is not a current member of household {code}.",
            params={"id": mask_id_number(id_number), "code": household.code},
            errors={field_name: ["not a current member"]},
        )
    return member


def end_membership_row(member: HouseholdMember, on: date) -> None:
    """The member's place in the household ends on `on` (the first day without)."""
    if on < member.joined_on:
        raise InvalidInput(
            "{date} is before a member joined the household ({joined}).",
            params={"date": on.isoformat(), "joined": member.joined_on.isoformat()},
            errors={"date": [f"not before {member.joined_on.isoformat()}"]},
        )
    member.left_on = on


def add_member(
    session,
    actor,
    code: str,
    *,
    id_number: str,
    relation: str,
    reason: str,
    on: date | None,
    evidence_ref: str,
) -> HouseholdMember:
    """入户: birth, marriage, adoption, return, or the correction of a member left out."""
    on = change_date(on)
    evidence_ref = evidence(evidence_ref)
    if reason not in JOIN_REASONS:
        raise InvalidInput(
            "Unknown reason {reason}.",
            params={"reason": reason},
            errors={"reason": [f"one of {', '.join(JOIN_REASONS)}"]},
        )
    household = household_for_write(session, actor, code)
    relation = member_relation(relation, "relation")
    person = person_by_id_number(session, id_number)
    if person.birth_date > on:
        raise InvalidInput(
            "{date} is before the person's birth.",
            params={"date": on.isoformat()},
            errors={"date": ["before the person's birth"]},
        )
    elsewhere = session.scalar(
        select(HouseholdMember.household_code).where(
            HouseholdMember.person_id == person.id, HouseholdMember.left_on.is_(None)
        )
    )
    if elsewhere is not None:
        raise Conflict(
            "{id} already belongs to household {code}; they leave it first.",
            rule="PER-02",
            params={"id": mask_id_number(person.id_number), "code": elsewhere},
            conflicts=[elsewhere],
        )
    member = HouseholdMember(
        household_code=household.code, person_id=person.id, relation=relation, joined_on=on
    )
    session.add(member)
    session.flush()
    append_change(
        session,
        actor,
        household,
        "member_added",
        on,
        evidence_ref,
        reason=reason,
        person=person,
        details={"relation": relation},
    )
    record(
        session,
        actor,
        "household.member_add",
        "household",
        household.code,
        after={
            "member": mask_id_number(person.id_number),
            "relation": relation,
            "reason": reason,
            "date": on.isoformat(),
            "evidence_ref": evidence_ref,
        },
    )
    session.refresh(household)
    notify(session, actor, HouseholdEvent("members", household, on, evidence_ref, reason, joined=[person.id]))
    return member


def remove_member(
    session,
    actor,
    code: str,
    id_number: str,
    *,
    reason: str,
    on: date | None,
    evidence_ref: str,
    new_head_id_number: str | None = None,
) -> Household:
    """出户: death, marriage out, moving out, or the correction of a member listed in error. The head leaves
    only with a new head named from the members who stay."""
    on = change_date(on)
    evidence_ref = evidence(evidence_ref)
    if reason not in LEAVE_REASONS:
        raise InvalidInput(
            "Unknown reason {reason}.",
            params={"reason": reason},
            errors={"reason": [f"one of {', '.join(LEAVE_REASONS)}"]},
        )
    household = household_for_write(session, actor, code)
    member = current_member(household, id_number, "id_number")
    staying = [m for m in current_members(household) if m.id != member.id]
    if not staying:
        raise Conflict(
            "{id} is the last member of household {code}; a household is not left empty.",
            rule="LC-04",
            params={"id": mask_id_number(id_number), "code": household.code},
        )
    end_membership_row(member, on)
    details = {}
    if member.person_id == household.head_person_id:
        if not new_head_id_number:
            raise InvalidInput(
                "The head leaves the household: name the new head among the members who stay.",
                errors={"new_head_id_number": ["required when the head leaves"]},
            )
        head = current_member(household, new_head_id_number, "new_head_id_number")
        if head.id == member.id:
            raise InvalidInput(
                "The new head is a member who stays.",
                errors={"new_head_id_number": ["the member who leaves"]},
            )
        end_membership_row(head, on)
        session.flush()
        session.add(
            HouseholdMember(
                household_code=household.code, person_id=head.person_id, relation=HEAD, joined_on=on
            )
        )
        household.head_person_id = head.person_id
        details["new_head"] = mask_id_number(head.person.id_number)
    session.flush()
    append_change(
        session,
        actor,
        household,
        "member_left",
        on,
        evidence_ref,
        reason=reason,
        person=member.person,
        details=details or None,
    )
    record(
        session,
        actor,
        "household.member_leave",
        "household",
        household.code,
        after={
            "member": mask_id_number(id_number),
            "reason": reason,
            "date": on.isoformat(),
            "evidence_ref": evidence_ref,
            **details,
        },
    )
    session.refresh(household)
    notify(
        session,
        actor,
        HouseholdEvent("members", household, on, evidence_ref, reason, left=[member.person_id]),
    )
    return household


def history(session, actor, code: str) -> list[HouseholdChange]:
    """The household's register, oldest first."""
    collective_code, _ = parse_household_code(code, "code")
    if session.get(Household, code) is None:
        raise NotFound("Household {code} is not registered.", params={"code": code})
    actor.require_collective(collective_code, "clerk", "reviewer")
    return list(
        session.scalars(
            select(HouseholdChange)
            .where(HouseholdChange.household_code == code)
            .order_by(HouseholdChange.seq)
        )
    )
