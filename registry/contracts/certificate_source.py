"""Land contracts (土地承包经营权) as a certificate source (certificates.rights.CertificateSource): the 农村土
地承包经营权证, number = contract code.

The certificate lists every right holder of the contract (LC-04), read from the contract's register.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from ..certificates.rights import collective_part, parcel_parts, person_part, relations_in, total_area
from ..errors import NotFound
from ..people.models import Household, Person
from . import register as reg
from .models import ContractParcel, LandContract
from .services import lock_issuer


def _find(session, code: str) -> LandContract | None:
    return session.scalar(select(LandContract).where(LandContract.code == code))


def _state(session, contract: LandContract, on: date) -> reg.ContractState:
    """The contract as it stands on `on`, or on its first day when its term begins later."""
    try:
        return reg.state_on(session, contract, on)
    except NotFound:
        first = session.scalar(
            select(func.min(reg.RegisterEntry.entry_date)).where(reg.RegisterEntry.contract_id == contract.id)
        )
        return reg.state_on(session, contract, max(on, first or on))


def _refusal(state: reg.ContractState) -> tuple[str, dict] | None:
    if state.status == "ended":
        return "Right {ref} cannot carry a certificate: the land contract holds no parcel any more.", {}
    if state.status == "expired":
        return "Right {ref} cannot carry a certificate: the contract term ended on {end}.", {
            "end": state.term_end.isoformat()
        }
    return None


def _snapshot(session, contract: LandContract, state: reg.ContractState) -> dict:
    household = session.get(Household, contract.household_code)
    relations = relations_in(session, household.code)
    head = next((p for p in state.holders if p.id == household.head_person_id), None) or session.get(
        Person, household.head_person_id
    )
    parcels = parcel_parts(session, [p.id for p in state.parcels])
    area_m2, area_mu = total_area(parcels)
    return {
        "code": contract.code,
        "household_code": contract.household_code,
        "collective": collective_part(session, contract.collective_code),
        "method": contract.method,
        "land_type": state.land_type,
        "term": {"start": state.term_start.isoformat(), "end": state.term_end.isoformat()},
        "holder": person_part(head, relations.get(head.id)),
        "right_holders": [person_part(p, relations.get(p.id)) for p in state.holders],
        "parcels": parcels,
        "area_m2": area_m2,
        "area_mu": area_mu,
    }


def _note_in_register(session, actor, contract: LandContract, on: date, event: str, reason: str) -> None:
    # The register keeps its entries in date order; a contract whose term begins later gets the certificate
    # entry on its first day rather than before it.
    on = max(on, reg.last_entry_date(session, contract) or on)
    reg.append_entry(session, contract, actor, "certificate", on, reason=reason, details={"event": event})


def _uncertified(session, collective_code: str, certified) -> list[str]:
    held = select(ContractParcel.contract_id).where(ContractParcel.valid_to.is_(None))
    return list(
        session.scalars(
            select(LandContract.code)
            .where(
                LandContract.collective_code == collective_code,
                LandContract.id.in_(held),
                LandContract.id.not_in(certified),
            )
            .order_by(LandContract.code)
        )
    )


class LandContractCertificates:
    """Plugged in by contracts.plug_in as the source of kind "land_contract"."""

    find = staticmethod(_find)
    get = staticmethod(lambda session, contract_id: session.get(LandContract, contract_id))
    ref = staticmethod(lambda contract: contract.code)
    collective_code = staticmethod(lambda contract: contract.collective_code)
    lock = staticmethod(lambda session, contract: lock_issuer(session, contract.collective_code))
    state = staticmethod(_state)
    refusal = staticmethod(_refusal)
    snapshot = staticmethod(_snapshot)
    note_in_register = staticmethod(_note_in_register)
    uncertified = staticmethod(_uncertified)
