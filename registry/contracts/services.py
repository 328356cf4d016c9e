"""Family contracts (LC-01..04), reading them on any date, the arable extension (LC-02), the general change of
holders (LC-04) and lawful termination (LC-05). Shared checks for the other contract services live here
too."""

from __future__ import annotations

from datetime import date

from sqlalchemy import exists, or_, select

from ..audit.services import record
from ..codes import mask_id_number, parse_household_code, parse_parcel_code
from ..db import advisory_xact_lock
from ..errors import Conflict, InvalidInput, NotFound, RuleViolation
from ..membership.models import Membership
from ..parcels.models import Parcel
from ..people.models import Household, HouseholdMember
from ..people.services import current_members, household_or_404
from . import register as reg
from .contract_codes import parse_any_contract_code
from .certificate_follows import certificate_follows
from .models import ContractParcel, LandContract
from .terms import add_years, check_term, extended_end
from .. import clock

TERMINATION_REASONS = ("expropriation", "destruction")


def lock_issuer(session, collective_code: str) -> None:
    """Every contract write of one issuer is serialized: register numbers and parcel intervals cannot race."""
    advisory_xact_lock(session, "land_contracts", collective_code)


def load_contract(session, code: str, field: str = "code") -> LandContract:
    parse_any_contract_code(code, field)
    contract = session.scalar(select(LandContract).where(LandContract.code == code))
    if contract is None:
        raise NotFound(
            "Land contract {code} is not registered.",
            params={"code": code},
            errors={field: ["not registered"]} if field != "code" else None,
        )
    return contract


def contract_for_write(session, actor, code: str, *roles: str) -> LandContract:
    contract = load_contract(session, code)
    actor.require_collective(contract.collective_code, *(roles or ("clerk",)))
    lock_issuer(session, contract.collective_code)
    return contract


def holders_summary(state: reg.ContractState) -> dict:
    """What the audit log keeps of a contract: never a full ID number (SEC-02)."""
    return {
        "status": state.status,
        "parcels": [p.code for p in state.parcels],
        "holders": [mask_id_number(p.id_number) for p in state.holders],
        "term": [state.term_start.isoformat(), state.term_end.isoformat()],
    }


def household_of_issuer(session, household_code: str, issuer: str, rule: str, field: str) -> Household:
    """LC-01 (and LC-07, LC-08 for the other party): a household of the issuer with an active member of it."""
    parse_household_code(household_code, field)
    household = household_or_404(session, household_code, field)
    if household.collective_code != issuer or household.dissolved_on is not None:
        raise RuleViolation(
            "Household {household} is not a household of the issuing collective {issuer}.",
            rule=rule,
            params={"household": household_code, "issuer": issuer},
            errors={field: [f"not a household of {issuer}"]},
        )
    has_member = session.scalar(
        select(
            exists().where(
                HouseholdMember.household_code == household_code,
                HouseholdMember.left_on.is_(None),
                Membership.person_id == HouseholdMember.person_id,
                Membership.collective_code == issuer,
                Membership.status == "active",
            )
        )
    )
    if not has_member:
        raise RuleViolation(
            "Household {household} has no active member of collective {issuer}.",
            rule=rule,
            params={"household": household_code, "issuer": issuer},
            errors={field: [f"no active member of {issuer}"]},
        )
    return household


def contract_parcels_of(session, codes: list[str], field: str) -> tuple[str, list[Parcel]]:
    """The named current contract-land parcels and their collective, the issuer (LC-01: one issuer)."""
    for i, code in enumerate(codes):
        parse_parcel_code(code, f"{field}.{i}")
    if len(set(codes)) != len(codes):
        raise InvalidInput("A parcel is named twice.", errors={field: ["a parcel is named twice"]})
    parcels = {p.code: p for p in session.scalars(select(Parcel).where(Parcel.code.in_(codes)))}
    unknown = [c for c in codes if c not in parcels]
    if unknown:
        raise InvalidInput(
            "Parcels {codes} are not registered.",
            params={"codes": ", ".join(unknown)},
            errors={field: [f"not registered: {', '.join(unknown)}"]},
        )
    unfit = [c for c, p in parcels.items() if p.kind != "contract" or p.status != "current"]
    if unfit:
        raise InvalidInput(
            "Parcels {codes} are not current contract land.",
            params={"codes": ", ".join(unfit)},
            errors={field: [f"retired or homestead land: {', '.join(unfit)}"]},
        )
    issuers = {p.collective_code for p in parcels.values()}
    if len(issuers) > 1:
        raise RuleViolation(
            "The parcels belong to more than one collective: {issuers}.",
            rule="LC-01",
            params={"issuers": ", ".join(sorted(issuers))},
            errors={field: ["parcels of one issuing collective only"]},
        )
    return issuers.pop(), [parcels[c] for c in codes]


def refuse_parcels_in_other_contracts(session, parcels: list[Parcel], start: date) -> None:
    """LC-03: none of the parcels is in a contract on or after `start` (the exclusion constraint backs
    this)."""
    taken = session.scalars(
        select(Parcel.code)
        .join(ContractParcel, ContractParcel.parcel_id == Parcel.id)
        .where(
            ContractParcel.parcel_id.in_([p.id for p in parcels]),
            or_(ContractParcel.valid_to.is_(None), ContractParcel.valid_to > start),
        )
        .order_by(Parcel.code)
    ).all()
    if taken:
        raise Conflict(
            "Parcels {codes} are already in an active contract.",
            rule="LC-03",
            params={"codes": ", ".join(taken)},
            conflicts=list(taken),
        )


def refuse_barred(session, household_code: str, on: date, field: str) -> LandContract | None:
    """LC-06: after a surrender the household receives no new contract land for the rest of that term."""
    contract = session.scalar(select(LandContract).where(LandContract.household_code == household_code))
    if (
        contract is not None
        and contract.surrender_bar_until is not None
        and on <= contract.surrender_bar_until
    ):
        raise RuleViolation(
            "Household {household} surrendered its contract land and receives no new contract land before "
            "{until}.",
            rule="LC-06",
            params={"household": household_code, "until": contract.surrender_bar_until.isoformat()},
            errors={field: ["surrendered its land in this term"]},
        )
    return contract


def open_contract(
    session,
    actor,
    household: Household,
    method: str,
    term: reg.Term,
    parcels,
    on: date,
    kind: str,
    *,
    reason=None,
    document_ref=None,
    details=None,
) -> LandContract:
    """A new register book for the household, or its ended book opened again with a new term."""
    contract = session.scalar(select(LandContract).where(LandContract.household_code == household.code))
    if contract is None:
        contract = LandContract(
            code=household.code + "J",
            household_code=household.code,
            collective_code=household.collective_code,
            method=method,
        )
        session.add(contract)
        session.flush()
    elif reg.open_parcel_rows(session, contract):
        raise Conflict(
            "Household {household} already holds contract {code}.",
            rule="PER-03",
            params={"household": household.code, "code": contract.code},
            conflicts=[contract.code],
        )
    reg.add_parcels(session, contract, parcels, on)
    reg.add_holders(session, contract, [m.person_id for m in current_members(household)], on)
    reg.append_entry(
        session,
        contract,
        actor,
        kind,
        on,
        reason=reason,
        document_ref=document_ref,
        term=term,
        details=details,
    )
    return contract


def register_contract(
    session,
    actor,
    *,
    household_code: str,
    method: str,
    land_type: str,
    start_date: date,
    end_date: date,
    parcel_codes: list[str],
    document_ref: str | None = None,
) -> reg.ContractState:
    """Register a family contract (method 110) between the issuer and one of its households."""
    issuer, parcels = contract_parcels_of(session, parcel_codes, "parcel_codes")
    actor.require_collective(issuer, "clerk")
    lock_issuer(session, issuer)
    household = household_of_issuer(session, household_code, issuer, "LC-01", "household_code")
    if not current_members(household):
        raise RuleViolation(
            "Household {household} has no members to hold the right.",
            rule="LC-04",
            params={"household": household_code},
            errors={"household_code": ["no members"]},
        )
    check_term(land_type, start_date, end_date)
    refuse_barred(session, household_code, start_date, "household_code")
    refuse_parcels_in_other_contracts(session, parcels, start_date)
    contract = open_contract(
        session,
        actor,
        household,
        method,
        reg.Term(start_date, end_date, land_type),
        parcels,
        start_date,
        "initial",
        document_ref=document_ref,
        details={"method": method, "parcels": parcel_codes},
    )
    state = reg.state_on(session, contract, max(start_date, clock.today()))
    record(session, actor, "contract.register", "land_contract", contract.code, after=holders_summary(state))
    return state


def get_contract(session, actor, code: str, as_of: date | None = None) -> reg.ContractState:
    parse_any_contract_code(code)
    on = as_of or clock.today()
    row = reg.snapshot_row(session, code, on)
    if row is None:
        raise NotFound("Land contract {code} is not registered.", params={"code": code})
    actor.require_collective(row[0].collective_code, "clerk", "reviewer")
    return reg.state_from_row(row, on)


def register_page(session, actor, code: str):
    contract = load_contract(session, code)
    actor.require_collective(contract.collective_code, "clerk", "reviewer")
    return reg.entries(session, contract)


def extend_contract(
    session,
    actor,
    code: str,
    *,
    on: date | None,
    window_years: int,
    document_ref: str | None,
    reason: str | None,
) -> reg.ContractState:
    """LC-02: an arable contract gets 30 more years when its term runs out (no earlier than
    `window_years`)."""
    on = reg.change_date(on)
    contract = contract_for_write(session, actor, code)
    if not reg.open_parcel_rows(session, contract):
        raise RuleViolation(
            "Contract {code} has ended and cannot be extended.", rule="LC-02", params={"code": code}
        )
    term = reg.current_term(session, contract)
    new_end = extended_end(term.land_type, term.end)
    if on < add_years(term.end, -window_years):
        raise RuleViolation(
            "The term of {code} ends on {end}; it is extended only from {from_date} on.",
            rule="LC-02",
            params={
                "code": code,
                "end": term.end.isoformat(),
                "from_date": add_years(term.end, -window_years).isoformat(),
            },
            errors={"date": ["too early to extend"]},
        )
    before = reg.state_on(session, contract, on)
    reg.append_entry(
        session,
        contract,
        actor,
        "extension",
        on,
        reason=reason,
        document_ref=document_ref,
        term=reg.Term(term.start, new_end, term.land_type),
        details={"previous_end": term.end.isoformat()},
    )
    state = reg.state_on(session, contract, on)
    record(
        session,
        actor,
        "contract.extend",
        "land_contract",
        code,
        before=holders_summary(before),
        after=holders_summary(state),
    )
    return state


def update_holders(
    session, actor, code: str, *, on: date | None, reason: str | None, document_ref: str | None
) -> reg.ContractState:
    """General change (一般变更, LC-04): the holders become the household's current members again."""
    on = reg.change_date(on)
    contract = contract_for_write(session, actor, code)
    if not reg.open_parcel_rows(session, contract):
        raise RuleViolation(
            "Contract {code} has ended; its holders are not changed.", rule="LC-04", params={"code": code}
        )
    household = session.get(Household, contract.household_code)
    members = {m.person_id for m in current_members(household)}
    rows = reg.open_holder_rows(session, contract)
    leaving = [r for r in rows if r.person_id not in members]
    joining = sorted(members - {r.person_id for r in rows})
    if not leaving and not joining:
        raise Conflict(
            "The holders of {code} already list every current household member.",
            rule="LC-04",
            params={"code": code},
        )
    before = reg.state_on(session, contract, on)
    reg.close_rows(leaving, on, contract)
    reg.add_holders(session, contract, joining, on)
    entry = reg.append_entry(
        session,
        contract,
        actor,
        "change",
        on,
        reason=reason,
        document_ref=document_ref,
        details={"holders_left": [r.person_id for r in leaving], "holders_joined": joining},
    )
    session.flush()
    state = reg.state_on(session, contract, on)
    record(
        session,
        actor,
        "contract.holders",
        "land_contract",
        code,
        before=holders_summary(before),
        after=holders_summary(state),
    )
    certificate_follows(session, actor, contract, entry)
    return state


def terminate_contract(
    session,
    actor,
    code: str,
    *,
    reason: str,
    on: date | None,
    document_ref: str | None,
    parcel_codes: list[str] | None,
) -> reg.ContractState:
    """LC-05: the issuer never takes land back; only expropriation (with the act) or destruction ends it."""
    contract = load_contract(session, code)
    actor.require_collective(contract.collective_code, "clerk", "reviewer")
    if reason not in TERMINATION_REASONS:
        raise RuleViolation(
            "During the term the land is not taken back: a contract ends only by surrender, transfer, "
            "expropriation "
            "or destruction of the land, never for {reason}.",
            rule="LC-05",
            params={"reason": reason},
            errors={"reason": ["only expropriation or destruction"]},
            audit_refusal=True,
            entity="land_contract",
            entity_id=code,
            action="contract.terminate",
        )
    if reason == "expropriation" and not (document_ref or "").strip():
        raise RuleViolation(
            "An expropriation names the act that expropriates the land.",
            rule="LC-05",
            errors={"document_ref": ["the expropriation act's reference is required"]},
        )
    on = reg.change_date(on)
    lock_issuer(session, contract.collective_code)
    held = reg.open_parcel_rows(session, contract)
    if not held:
        raise RuleViolation("Contract {code} has ended already.", rule="LC-05", params={"code": code})
    rows = (
        reg.pick_open_parcels(session, contract, parcel_codes, "parcel_codes", "LC-05")
        if parcel_codes
        else list(held.values())
    )
    before = reg.state_on(session, contract, on)
    reg.close_rows(rows, on, contract)
    if len(rows) == len(held):
        reg.close_rows(reg.open_holder_rows(session, contract), on, contract)
    entry = reg.append_entry(
        session,
        contract,
        actor,
        "termination",
        on,
        reason=reason,
        document_ref=document_ref,
        details={"parcels": sorted(r.parcel.code for r in rows)},
    )
    session.flush()
    state = reg.state_on(session, contract, on)
    record(
        session,
        actor,
        "contract.terminate",
        "land_contract",
        code,
        before=holders_summary(before),
        after=holders_summary(state),
    )
    certificate_follows(session, actor, contract, entry)  # 注销 when it ended, 换发 when land is left
    return state
