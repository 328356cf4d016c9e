"""Household split (分户) and merge (合户) with the contract land they carry.

A split moves named members out into new households, each with a new contract (for the rest of the term) on
the parcels it takes; a merge moves the members and land of one household into another's contract. Nothing
is lost: the old register keeps every entry and its intervals end on the day of the change, so reading
either contract on an earlier date still shows it as it was.
"""
from __future__ import annotations

from datetime import date

from ..audit.services import record
from ..codes import household_code as make_household_code
from ..codes import mask_id_number, next_in_sequence
from ..errors import InvalidInput, RuleViolation
from ..people.models import Household, HouseholdMember
from ..people.relations import HEAD, RELATIONS, relation_fits_sex
from ..people.services import current_members
from . import register as reg
from .services import contract_for_write, holders_summary, household_of_issuer, load_contract, open_contract


def _relation(value: str, field: str) -> str:
    if value not in RELATIONS or value == HEAD:
        raise InvalidInput("Relation {relation} is not a GB/T 4761 code for a member.", params={"relation": value},
                           errors={field: ["unknown GB/T 4761 code"]})
    return value


def _move_members(session, moves: list[tuple[HouseholdMember, str]], household: Household, on: date) -> None:
    """Members leave their household on `on` and join `household` the same day (one current household each)."""
    for member, _ in moves:
        if on < member.joined_on:
            raise InvalidInput("{date} is before a member joined the household ({joined}).",
                               params={"date": on.isoformat(), "joined": member.joined_on.isoformat()},
                               errors={"date": [f"not before {member.joined_on.isoformat()}"]})
        member.left_on = on
    session.flush()
    for member, relation in moves:
        if not relation_fits_sex(relation, member.person.sex):
            raise InvalidInput("Relation {relation} ({label}) does not fit the sex in the citizen ID number.",
                               rule="PER-05", params={"relation": relation, "label": RELATIONS.get(relation, "")},
                               errors={"relation": ["does not fit the sex in the ID number"]})
        session.add(HouseholdMember(household_code=household.code, person_id=member.person_id, relation=relation,
                                    joined_on=on))
    session.flush()


def split_household(session, actor, code: str, *, parts: list[dict], on: date | None, document_ref: str,
                    reason: str | None) -> dict:
    on = reg.change_date(on)
    contract = contract_for_write(session, actor, code)
    household = session.get(Household, contract.household_code)
    present = {m.person.id_number: m for m in current_members(household)}
    term = reg.current_term(session, contract)
    held = reg.open_parcel_rows(session, contract)
    moved_people, moved_parcels, plans = set(), set(), []
    for i, part in enumerate(parts):
        listed = [(part["head_id_number"], HEAD, f"parts.{i}.head_id_number")] + [
            (m["id_number"], _relation(m["relation"], f"parts.{i}.members.{j}.relation"), f"parts.{i}.members.{j}")
            for j, m in enumerate(part.get("members", []))]
        moves = []
        for number, relation, field in listed:
            member = present.get(number)
            if member is None or number in moved_people:
                raise InvalidInput("A person moved in a split must be a current member of {household}, named once.",
                                   params={"household": household.code}, errors={field: ["not a current member"]})
            if member.person_id == household.head_person_id:
                raise InvalidInput("The head stays with the household being split.",
                                   errors={field: ["the head of the household being split"]})
            moved_people.add(number)
            moves.append((member, relation))
        if moved_parcels & set(part["parcel_codes"]):
            raise InvalidInput("A parcel goes to one new household only.",
                               errors={f"parts.{i}.parcel_codes": ["named in another part"]})
        moved_parcels |= set(part["parcel_codes"])
        plans.append((moves, reg.pick_open_parcels(session, contract, part["parcel_codes"],
                                                   f"parts.{i}.parcel_codes", None)))
    before = reg.state_on(session, contract, on)
    new_codes = []
    for moves, rows in plans:
        seq = next_in_sequence(session, household.collective_code, "household")
        new = Household(code=make_household_code(household.collective_code, seq),
                        collective_code=household.collective_code, head_person_id=moves[0][0].person_id)
        session.add(new)
        session.flush()
        _move_members(session, moves, new, on)
        household_of_issuer(session, new.code, contract.collective_code, "LC-01", "parts")
        moving_ids = {m.person_id for m, _ in moves}
        reg.close_rows([r for r in reg.open_holder_rows(session, contract) if r.person_id in moving_ids], on, contract)
        reg.close_rows(rows, on, contract)
        session.refresh(new)
        opened = open_contract(session, actor, new, "110", reg.Term(on, term.end, term.land_type),
                               [r.parcel for r in rows], on, "split", reason=reason, document_ref=document_ref,
                               details={"from": code, "parcels": sorted(r.parcel.code for r in rows)})
        new_codes.append(opened.code)
        record(session, actor, "household.split", "household", new.code,
               after={"from": household.code, "members": [mask_id_number(m.person.id_number) for m, _ in moves]})
    if len(moved_parcels) == len(held):
        reg.close_rows(reg.open_holder_rows(session, contract), on, contract)
    reg.append_entry(session, contract, actor, "split", on, reason=reason, document_ref=document_ref,
                     details={"new_contracts": new_codes, "parcels": sorted(moved_parcels),
                              "holders_left": sorted(mask_id_number(n) for n in moved_people)})
    session.flush()
    after = reg.state_on(session, contract, on)
    record(session, actor, "contract.split", "land_contract", code, before=holders_summary(before),
           after={**holders_summary(after), "new_contracts": new_codes})
    return {"contract": after, "new_contracts": [reg.state_on(session, load_contract(session, c), on)
                                                 for c in new_codes]}


def merge_households(session, actor, code: str, *, other_contract_code: str, members: list[dict],
                     on: date | None, document_ref: str, reason: str | None) -> reg.ContractState:
    """合户: the other household's members and parcels join this contract; the other household dissolves."""
    on = reg.change_date(on)
    contract = contract_for_write(session, actor, code)
    other = load_contract(session, other_contract_code, "other_contract_code")
    if other.id == contract.id or other.collective_code != contract.collective_code:
        raise RuleViolation("A merge joins two households of the same collective.", rule="LC-01",
                            errors={"other_contract_code": ["not another household of this collective"]})
    other_rows = list(reg.open_parcel_rows(session, other).values())
    if not other_rows or not reg.open_parcel_rows(session, contract):
        raise RuleViolation("Both contracts must hold land to be merged.", rule="LC-03",
                            errors={"other_contract_code": ["a contract without land"]})
    household = session.get(Household, contract.household_code)
    absorbed = session.get(Household, other.household_code)
    relations = {m["id_number"]: _relation(m["relation"], f"members.{i}.relation") for i, m in enumerate(members)}
    moving = current_members(absorbed)
    unnamed = [mask_id_number(m.person.id_number) for m in moving if m.person.id_number not in relations]
    if unnamed or len(relations) != len(moving):
        raise InvalidInput("Name every member of the joining household once, with their relation to the head.",
                           errors={"members": [f"missing or not of the joining household: {', '.join(unnamed)}"]})
    before = {code: holders_summary(reg.state_on(session, contract, on)),
              other.code: holders_summary(reg.state_on(session, other, on))}
    _move_members(session, [(m, relations[m.person.id_number]) for m in moving], household, on)
    absorbed.dissolved_on = on
    parcels = [r.parcel for r in other_rows]
    reg.close_rows(other_rows, on, other)
    reg.close_rows(reg.open_holder_rows(session, other), on, other)
    reg.append_entry(session, other, actor, "merge", on, reason=reason, document_ref=document_ref,
                     details={"into": code, "parcels": sorted(p.code for p in parcels)})
    reg.add_parcels(session, contract, parcels, on)
    reg.add_holders(session, contract, [m.person_id for m in moving], on)
    reg.append_entry(session, contract, actor, "merge", on, reason=reason, document_ref=document_ref,
                     details={"from": other.code, "parcels": sorted(p.code for p in parcels)})
    session.flush()
    after = reg.state_on(session, contract, on)
    record(session, actor, "contract.merge", "land_contract", code, before=before,
           after={code: holders_summary(after), "dissolved": absorbed.code})
    return after
