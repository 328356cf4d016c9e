"""分户 and 合户 (NY/T 2539 分户登记 / 合户登记) of households.

A split moves named members out into a new household (code from the collective's sequence) with their new
head; the contract land they take is named parcel by parcel, and the contracts area gives the new household a
contract on exactly those parcels while the old one keeps the rest. A merge moves every member of another
household of the same collective into this one, which dissolves the other. Both are written in the registers
of both households and the audit, and never change a membership.
"""

from __future__ import annotations

from datetime import date

from ..audit.services import record
from ..codes import household_code as make_household_code
from ..codes import mask_id_number, next_in_sequence
from ..errors import InvalidInput, RuleViolation
from .household_changes import (
    HouseholdEvent,
    append_change,
    change_date,
    current_member,
    end_membership_row,
    evidence,
    household_for_write,
    member_relation,
    notify,
)
from .models import Household, HouseholdMember
from .relations import HEAD
from .services import current_members

DEFAULT_RELATION = "80"  # 其他: when the clerk does not give a member's relation to the new head


def _member_items(items: list) -> list[tuple[str, str | None, str]]:
    """(id_number, relation or None, field) from a list of ID numbers or {"id_number", "relation"} objects."""
    out = []
    for i, item in enumerate(items or []):
        if isinstance(item, dict):
            out.append((item.get("id_number"), item.get("relation"), f"members.{i}"))
        else:
            out.append((item, None, f"members.{i}"))
    return out


def _move(session, moves: list[tuple[HouseholdMember, str]], household: Household, on: date) -> None:
    """Members leave their household on `on` and join `household` the same day (one current household
    each)."""
    for member, _ in moves:
        end_membership_row(member, on)
    session.flush()
    for member, relation in moves:
        session.add(
            HouseholdMember(
                household_code=household.code, person_id=member.person_id, relation=relation, joined_on=on
            )
        )
    session.flush()


def split_household(
    session,
    actor,
    code: str,
    *,
    members: list,
    head_id_number: str,
    parcel_codes: list[str],
    on: date | None,
    evidence_ref: str,
    reason: str | None = None,
) -> Household:
    on = change_date(on)
    evidence_ref = evidence(evidence_ref)
    household = household_for_write(session, actor, code)
    listed = [(head_id_number, HEAD, "head_id_number")] + [
        (n, r, f) for n, r, f in _member_items(members) if n != head_id_number
    ]
    moves, seen = [], set()
    for number, relation, field_name in listed:
        if number in seen:
            raise InvalidInput("A person is listed twice.", errors={field_name: ["listed twice"]})
        seen.add(number)
        member = current_member(household, number, field_name)
        if member.person_id == household.head_person_id:
            raise InvalidInput(
                "The head stays with the household being split.",
                errors={field_name: ["the head of the household being split"]},
            )
        rel = (
            HEAD
            if field_name == "head_id_number"
            else member_relation(relation or DEFAULT_RELATION, f"{field_name}.relation")
        )
        moves.append((member, rel))
    if len(set(parcel_codes or [])) != len(parcel_codes or []):
        raise InvalidInput("A parcel is named twice.", errors={"parcel_codes": ["a parcel is named twice"]})
    seq = next_in_sequence(session, household.collective_code, "household")
    new = Household(
        code=make_household_code(household.collective_code, seq),
        collective_code=household.collective_code,
        head_person_id=moves[0][0].person_id,
    )
    session.add(new)
    session.flush()
    _move(session, moves, new, on)
    people = [mask_id_number(m.person.id_number) for m, _ in moves]
    details = {"members": people, "parcels": sorted(parcel_codes or [])}
    append_change(
        session, actor, household, "split_off", on, evidence_ref, reason=reason, other=new, details=details
    )
    append_change(
        session, actor, new, "split_from", on, evidence_ref, reason=reason, other=household, details=details
    )
    record(
        session,
        actor,
        "household.split",
        "household",
        household.code,
        after={"new_household": new.code, **details, "date": on.isoformat(), "evidence_ref": evidence_ref},
    )
    session.refresh(household)
    session.refresh(new)
    notify(
        session,
        actor,
        HouseholdEvent(
            "split",
            household,
            on,
            evidence_ref,
            reason,
            left=[m.person_id for m, _ in moves],
            new_household=new,
            parcel_codes=list(parcel_codes or []),
        ),
    )
    return new


def merge_households(
    session,
    actor,
    code: str,
    *,
    other_household_code: str,
    on: date | None,
    evidence_ref: str,
    members: list | None = None,
    reason: str | None = None,
) -> Household:
    """合户: every member of the other household joins this one (relations to this head as given, else 80)."""
    on = change_date(on)
    evidence_ref = evidence(evidence_ref)
    household = household_for_write(session, actor, code)
    if other_household_code == code:
        raise RuleViolation(
            "A merge joins two households of the same collective.",
            rule="PER-03",
            errors={"other_household_code": ["the same household"]},
        )
    other = household_for_write(session, actor, other_household_code, "other_household_code")
    if other.collective_code != household.collective_code:
        raise RuleViolation(
            "A merge joins two households of the same collective.",
            rule="PER-03",
            errors={"other_household_code": ["not a household of this collective"]},
        )
    moving = current_members(other)
    relations = {}
    for number, relation, field_name in _member_items(members):
        member = current_member(other, number, field_name)
        relations[member.id] = member_relation(relation or DEFAULT_RELATION, f"{field_name}.relation")
    moves = [(m, relations.get(m.id, DEFAULT_RELATION)) for m in moving]
    _move(session, moves, household, on)
    other.dissolved_on = on
    people = [mask_id_number(m.person.id_number) for m in moving]
    append_change(
        session,
        actor,
        household,
        "merged_in",
        on,
        evidence_ref,
        reason=reason,
        other=other,
        details={"members": people},
    )
    append_change(
        session,
        actor,
        other,
        "merged_into",
        on,
        evidence_ref,
        reason=reason,
        other=household,
        details={"members": people},
    )
    record(
        session,
        actor,
        "household.merge",
        "household",
        household.code,
        after={
            "dissolved": other.code,
            "members": people,
            "date": on.isoformat(),
            "evidence_ref": evidence_ref,
        },
    )
    session.flush()
    session.refresh(household)
    session.refresh(other)
    notify(
        session,
        actor,
        HouseholdEvent(
            "merge", household, on, evidence_ref, reason, joined=[m.person_id for m in moving], other=other
        ),
    )
    return household
