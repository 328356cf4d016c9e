"""The land contract follows its household (LC-04): the reaction to every household change of the people area.

A member who joins or leaves becomes or stops being a co-holder (一般变更, entry `change`); a split (分户)
gives
the new household a contract (for the rest of the term) on exactly the parcels named, the old contract keeps
the rest; a merge (合户) brings the other household's parcels and holders into this contract (or opens one for
this household on them). Nothing is lost: intervals end on the day of the change, so reading either contract
on an earlier date still shows it as it was. Everything is written in the household change's transaction.
"""

from __future__ import annotations

from sqlalchemy import select

from ..audit.services import record
from ..codes import mask_id_number
from ..errors import InvalidInput
from ..people.household_changes import HouseholdEvent
from ..people.models import Household, Person
from . import register as reg
from .certificate_follows import certificate_follows
from .models import LandContract
from .services import holders_summary, household_of_issuer, lock_issuer, open_contract, refuse_barred


def _contract_of(session, household: Household) -> LandContract | None:
    return session.scalar(select(LandContract).where(LandContract.household_code == household.code))


def _holding(session, contract: LandContract | None) -> bool:
    return contract is not None and bool(reg.open_parcel_rows(session, contract))


def _masked(session, person_ids) -> list[str]:
    return sorted(mask_id_number(session.get(Person, pid).id_number) for pid in person_ids)


def holders_follow(session, actor, contract: LandContract, event: HouseholdEvent) -> bool:
    """The holders become the household's current members again; False when nothing changed."""
    members = {m.person_id for m in event.household.members if m.left_on is None}
    rows = reg.open_holder_rows(session, contract)
    leaving = [r for r in rows if r.person_id not in members]
    joining = sorted(members - {r.person_id for r in rows})
    if not leaving and not joining:
        return False
    before = reg.state_on(session, contract, event.on)
    reg.close_rows(leaving, event.on, contract)
    reg.add_holders(session, contract, joining, event.on)
    entry = reg.append_entry(
        session,
        contract,
        actor,
        "change",
        event.on,
        reason=event.reason,
        document_ref=event.evidence_ref,
        details={
            "household_change": event.kind,
            "holders_left": _masked(session, [r.person_id for r in leaving]),
            "holders_joined": _masked(session, joining),
        },
    )
    session.flush()
    record(
        session,
        actor,
        "contract.holders",
        "land_contract",
        contract.code,
        before=holders_summary(before),
        after=holders_summary(reg.state_on(session, contract, event.on)),
    )
    certificate_follows(session, actor, contract, entry)
    return True


def _split(session, actor, contract: LandContract | None, event: HouseholdEvent) -> None:
    if not _holding(session, contract):
        if event.parcel_codes:
            raise InvalidInput(
                "Household {code} holds no contract land to divide.",
                params={"code": event.household.code},
                errors={"parcel_codes": ["the household holds no contract land"]},
            )
        return
    held = reg.open_parcel_rows(session, contract)
    rows = (
        reg.pick_open_parcels(session, contract, event.parcel_codes, "parcel_codes", None)
        if event.parcel_codes
        else []
    )
    term = reg.current_term(session, contract)
    before = reg.state_on(session, contract, event.on)
    moving = set(event.left)
    reg.close_rows(
        [r for r in reg.open_holder_rows(session, contract) if r.person_id in moving], event.on, contract
    )
    reg.close_rows(rows, event.on, contract)
    if len(rows) == len(held):
        reg.close_rows(reg.open_holder_rows(session, contract), event.on, contract)
    new_code = None
    parcels = sorted(r.parcel.code for r in rows)
    if rows:
        new = event.new_household
        household_of_issuer(session, new.code, contract.collective_code, "LC-01", "members")
        opened = open_contract(
            session,
            actor,
            new,
            "110",
            reg.Term(event.on, term.end, term.land_type),
            [r.parcel for r in rows],
            event.on,
            "split",
            reason=event.reason,
            document_ref=event.evidence_ref,
            details={"from": contract.code, "parcels": parcels},
        )
        new_code = opened.code
        session.flush()
        record(
            session,
            actor,
            "contract.split_in",
            "land_contract",
            new_code,
            after=holders_summary(reg.state_on(session, opened, event.on)),
        )
    entry = reg.append_entry(
        session,
        contract,
        actor,
        "split",
        event.on,
        reason=event.reason,
        document_ref=event.evidence_ref,
        details={
            "new_household": event.new_household.code,
            "new_contract": new_code,
            "parcels": parcels,
            "holders_left": _masked(session, moving),
        },
    )
    session.flush()
    record(
        session,
        actor,
        "contract.split",
        "land_contract",
        contract.code,
        before=holders_summary(before),
        after={**holders_summary(reg.state_on(session, contract, event.on)), "new_contract": new_code},
    )
    certificate_follows(session, actor, contract, entry)


def _merge(session, actor, contract: LandContract | None, event: HouseholdEvent) -> None:
    other = _contract_of(session, event.other)
    other_rows = list(reg.open_parcel_rows(session, other).values()) if other is not None else []
    parcels = [r.parcel for r in other_rows]
    codes = sorted(p.code for p in parcels)
    if other_rows:
        before = reg.state_on(session, other, event.on)
        reg.close_rows(other_rows, event.on, other)
        reg.close_rows(reg.open_holder_rows(session, other), event.on, other)
        entry = reg.append_entry(
            session,
            other,
            actor,
            "merge",
            event.on,
            reason=event.reason,
            document_ref=event.evidence_ref,
            details={"into_household": event.household.code, "parcels": codes},
        )
        session.flush()
        record(
            session,
            actor,
            "contract.merge_out",
            "land_contract",
            other.code,
            before=holders_summary(before),
            after=holders_summary(reg.state_on(session, other, event.on)),
        )
        certificate_follows(session, actor, other, entry, ends=True)
    if _holding(session, contract):
        before = reg.state_on(session, contract, event.on)
        reg.add_parcels(session, contract, parcels, event.on)
        reg.add_holders(session, contract, event.joined, event.on)
        entry = reg.append_entry(
            session,
            contract,
            actor,
            "merge",
            event.on,
            reason=event.reason,
            document_ref=event.evidence_ref,
            details={
                "from_household": event.other.code,
                "parcels": codes,
                "holders_joined": _masked(session, event.joined),
            },
        )
    elif other_rows:
        refuse_barred(session, event.household.code, event.on, "code")
        term = reg.current_term(session, other)
        before = None
        contract = open_contract(
            session,
            actor,
            event.household,
            "110",
            reg.Term(event.on, term.end, term.land_type),
            parcels,
            event.on,
            "merge",
            reason=event.reason,
            document_ref=event.evidence_ref,
            details={"from_household": event.other.code, "parcels": codes},
        )
    else:
        return
    session.flush()
    record(
        session,
        actor,
        "contract.merge",
        "land_contract",
        contract.code,
        before=holders_summary(before) if before else None,
        after=holders_summary(reg.state_on(session, contract, event.on)),
    )
    if before is not None:
        certificate_follows(session, actor, contract, entry)


def _corrected(session, actor, contract: LandContract, event: HouseholdEvent) -> None:
    """A holder's name or ID number was corrected: the certificate printed with it is replaced."""
    if {r.person_id for r in reg.open_holder_rows(session, contract)} & set(event.corrected):
        certificate_follows(session, actor, contract, None, what="correction")


def follow_household(session, actor, event: HouseholdEvent) -> None:
    """The reaction to every household change (plugged in by contracts.plug_in)."""
    lock_issuer(session, event.household.collective_code)
    contract = _contract_of(session, event.household)
    if event.kind == "members":
        if _holding(session, contract):
            holders_follow(session, actor, contract, event)
    elif event.kind == "split":
        _split(session, actor, contract, event)
    elif event.kind == "merge":
        _merge(session, actor, contract, event)
    elif event.kind == "correction" and _holding(session, contract):
        _corrected(session, actor, contract, event)
