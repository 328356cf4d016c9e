"""Who holds a parcel today, for the parcel search of the parcels area: the contract and its household
head."""

from __future__ import annotations

from sqlalchemy import Select, func, select

from ..people.models import Household, Person
from .models import ContractParcel, LandContract


def parcel_holders() -> Select:
    return (
        select(
            ContractParcel.parcel_id,
            LandContract.code.label("contract_code"),
            func.coalesce(Person.name, Household.name).label("holder_name"),
        )
        .join(LandContract, LandContract.id == ContractParcel.contract_id)
        .join(Household, Household.code == LandContract.household_code)
        .outerjoin(Person, Person.id == Household.head_person_id)  # a unit has no head: its name
        .where(ContractParcel.valid_to.is_(None))
    )
