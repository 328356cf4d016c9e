"""What the pages show of land contracts: the collective's list and count, a household's contract and a
contract's register, each read inside the actor's scope (SEC-01). No Flask here."""

from __future__ import annotations

from sqlalchemy import func, select

from ..db import paginate
from ..people.models import Household, Person
from . import register as reg
from .models import ContractParcel, LandContract
from .services import get_contract, register_page


def contract_count(session, actor, collective_code: str) -> int:
    """How many land contracts the collective has registered."""
    actor.require_collective(collective_code, "clerk", "reviewer")
    return session.scalar(
        select(func.count(LandContract.id)).where(LandContract.collective_code == collective_code)
    )


def contract_list(session, actor, collective_code: str) -> list:
    """(contract, head's or unit's name, open parcels) of every contract of the collective, in code order."""
    actor.require_collective(collective_code, "clerk")
    parcels = (
        select(func.count(ContractParcel.id))
        .where(ContractParcel.contract_id == LandContract.id, ContractParcel.valid_to.is_(None))
        .correlate(LandContract)
        .scalar_subquery()
    )
    return session.execute(
        select(LandContract, func.coalesce(Person.name, Household.name), parcels.label("parcels"))
        .join(Household, Household.code == LandContract.household_code)
        .outerjoin(Person, Person.id == Household.head_person_id)  # a unit has no head: its name
        .where(LandContract.collective_code == collective_code)
        .order_by(LandContract.code)
    ).all()


def household_contract(session, actor, household_code: str) -> tuple[str, reg.ContractState] | None:
    """The household's land contract as it stands today with its code; None without one."""
    code = session.scalar(select(LandContract.code).where(LandContract.household_code == household_code))
    return None if code is None else (code, get_contract(session, actor, code))


def register_entries(session, actor, code: str, limit: int = 500) -> list:
    """The first `limit` entries of the contract's register (登记簿), oldest first."""
    entries, _ = paginate(session, register_page(session, actor, code), 1, limit)
    return entries
