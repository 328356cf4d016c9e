"""Management-right transfers (土地经营权流转, LC-09) and a lessee's re-lease or mortgage (LC-10).

A lease is filed with the issuer and noted in the contract's register; the contract right itself (parcels,
holders, term) is unchanged by it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..audit.services import record
from ..codes import lease_code, mask_id_number, next_in_sequence, parse_id_number
from ..errors import Conflict, InvalidInput, NotFound, RuleViolation
from ..membership.models import Membership
from ..people.models import Person
from . import register as reg
from .models import LandContract, Lease, LeaseMortgage, LeaseParcel
from .services import contract_for_write, load_contract
from .terms import lease_registrable
from .. import clock

# 证件类型 of the lessee (NY/T 2539 code list)
ID_TYPES = {
    "1": "居民身份证",
    "2": "军官证",
    "3": "行政、企事业单位机构代码证或法人代码证",
    "4": "户口簿",
    "5": "护照",
    "9": "其他证件",
}
NON_AGRICULTURAL = "5"


def _lessee(session, lessee: dict, issuer: str) -> dict:
    """Member of the issuer, another person, or an organisation (id_type 3); a citizen ID is checked
    (PER-01)."""
    id_type, number = lessee["id_type"], lessee["id_number"].strip().upper()
    if id_type not in ID_TYPES:
        raise InvalidInput(
            "Unknown ID type {id_type}.",
            params={"id_type": id_type},
            errors={"lessee.id_type": [f"one of {', '.join(ID_TYPES)}"]},
        )
    kind = "organisation" if id_type == "3" else "person"
    if id_type == "1":
        number = parse_id_number(number).number
        is_member = session.scalar(
            select(Membership.id)
            .join(Person, Person.id == Membership.person_id)
            .where(
                Person.id_number == number,
                Membership.collective_code == issuer,
                Membership.status == "active",
            )
        )
        kind = "member" if is_member else "person"
    return {
        "lessee_kind": kind,
        "lessee_name": lessee["name"].strip(),
        "lessee_id_type": id_type,
        "lessee_id_number": number,
    }


def _check_use_and_period(land_use: str, start: date, end: date, limit: date, limit_of: str) -> None:
    """LC-09: agricultural use only; the lease ends no later than what it is carved from."""
    if land_use == NON_AGRICULTURAL:
        raise RuleViolation(
            "A management-right transfer keeps the land in agricultural use; use 5 is refused.",
            rule="LC-09",
            errors={"land_use": ["non-agricultural use is never allowed"]},
        )
    if end <= start:
        raise RuleViolation(
            "The end date must be after the start date.",
            rule="LC-09",
            errors={"end_date": ["must be after start_date"]},
        )
    if end > limit:
        raise RuleViolation(
            "The transfer must end no later than the {of} ({limit}).",
            rule="LC-09",
            params={"of": limit_of, "limit": limit.isoformat()},
            errors={"end_date": [f"after {limit.isoformat()}"]},
        )


def _refuse_overlap(session, parcel_ids: list[int], start: date, end: date, parent_id: int | None) -> None:
    """The same management right is not granted twice for one day (a re-lease is carved from its parent)."""
    parent_filter = Lease.parent_id.is_(None) if parent_id is None else Lease.parent_id == parent_id
    clash = session.scalars(
        select(Lease.code)
        .join(LeaseParcel, LeaseParcel.lease_id == Lease.id)
        .where(
            LeaseParcel.parcel_id.in_(parcel_ids),
            parent_filter,
            Lease.start_date <= end,
            Lease.end_date >= start,
        )
        .distinct()
    ).all()
    if clash:
        raise Conflict(
            "These parcels are already transferred for part of that period ({codes}).",
            rule="LC-09",
            params={"codes": ", ".join(clash)},
            conflicts=list(clash),
        )


def _file(session, actor, contract: LandContract, parcels, values: dict, parent: Lease | None) -> Lease:
    seq = next_in_sequence(session, contract.collective_code, "lease")
    lease = Lease(
        code=lease_code(contract.collective_code, seq),
        contract_id=contract.id,
        collective_code=contract.collective_code,
        parent_id=parent.id if parent else None,
        registrable=lease_registrable(values["start_date"], values["end_date"]),
        filed_on=clock.today(),
        filed_by=actor.username,
        **values,
    )
    session.add(lease)
    session.flush()
    for p in parcels:
        session.add(LeaseParcel(lease_id=lease.id, parcel_id=p.id))
    reg.append_entry(
        session,
        contract,
        actor,
        "lease_filed",
        clock.today(),
        document_ref=values.get("contract_ref"),
        details={
            "lease": lease.code,
            "re_lease_of": parent.code if parent else None,
            "lessee": values["lessee_name"],
            "parcels": sorted(p.code for p in parcels),
            "start_date": values["start_date"].isoformat(),
            "end_date": values["end_date"].isoformat(),
            "registrable": lease.registrable,
        },
    )
    session.flush()
    session.refresh(lease)
    record(
        session,
        actor,
        "lease.file",
        "land_lease",
        lease.code,
        after={
            "contract": contract.code,
            "parent": parent.code if parent else None,
            "lessee": mask_id_number(lease.lessee_id_number),
            "price_fen": lease.price_fen,
            "registrable": lease.registrable,
        },
    )
    return lease


def create_lease(
    session,
    actor,
    code: str,
    *,
    lessee: dict,
    parcel_codes: list[str],
    mode: str,
    start_date: date,
    end_date: date,
    land_use: str,
    price_fen: int,
    contract_ref: str | None,
) -> Lease:
    """LC-09: term within the contract's, agricultural use, price in fen, 18-digit code, registrable ≥ 5
    years."""
    contract = contract_for_write(session, actor, code)
    rows = reg.pick_open_parcels(session, contract, parcel_codes, "parcel_codes", "LC-09")
    term = reg.current_term(session, contract)
    _check_use_and_period(land_use, start_date, end_date, term.end, "contract term")
    if start_date < max(r.valid_from for r in rows):
        raise RuleViolation(
            "The transfer starts before the parcels are held under the contract.",
            rule="LC-09",
            errors={"start_date": ["before the parcels are in the contract"]},
        )
    _refuse_overlap(session, [r.parcel_id for r in rows], start_date, end_date, None)
    values = {
        **_lessee(session, lessee, contract.collective_code),
        "mode": mode,
        "start_date": start_date,
        "end_date": end_date,
        "land_use": land_use,
        "price_fen": price_fen,
        "contract_ref": contract_ref,
    }
    return _file(session, actor, contract, [r.parcel for r in rows], values, None)


def _lease_of(session, contract: LandContract, code: str) -> Lease:
    lease = session.scalar(select(Lease).where(Lease.code == code, Lease.contract_id == contract.id))
    if lease is None:
        raise NotFound(
            "Lease {lease} is not filed under contract {code}.", params={"lease": code, "code": contract.code}
        )
    return lease


def _require_consent(holder_consent_ref: str | None) -> str:
    if not (holder_consent_ref or "").strip():
        raise RuleViolation(
            "A lessee re-leases or mortgages only with the contract holder's written consent.",
            rule="LC-10",
            errors={"holder_consent_ref": ["the holder's written consent is required"]},
        )
    return holder_consent_ref.strip()


def re_lease(
    session,
    actor,
    code: str,
    lease_code_: str,
    *,
    lessee: dict,
    parcel_codes: list[str] | None,
    mode: str,
    start_date: date,
    end_date: date,
    land_use: str,
    price_fen: int,
    holder_consent_ref: str | None,
    contract_ref: str | None,
) -> Lease:
    """LC-10: the lessee passes the right on only with the holder's written consent, filed here."""
    contract = contract_for_write(session, actor, code)
    parent = _lease_of(session, contract, lease_code_)
    consent = _require_consent(holder_consent_ref)
    by_code = {p.code: p for p in parent.parcels}
    outside = [c for c in parcel_codes or [] if c not in by_code]
    if outside:
        raise RuleViolation(
            "Parcels {codes} are not part of lease {lease}.",
            rule="LC-10",
            params={"codes": ", ".join(outside), "lease": parent.code},
            errors={"parcel_codes": [f"not in {parent.code}"]},
        )
    parcels = [by_code[c] for c in parcel_codes] if parcel_codes else list(parent.parcels)
    _check_use_and_period(land_use, start_date, end_date, parent.end_date, "lease it is carved from")
    if start_date < parent.start_date:
        raise RuleViolation(
            "The re-lease starts before lease {lease} does.",
            rule="LC-09",
            params={"lease": parent.code},
            errors={"start_date": ["before the lease starts"]},
        )
    _refuse_overlap(session, [p.id for p in parcels], start_date, end_date, parent.id)
    values = {
        **_lessee(session, lessee, contract.collective_code),
        "mode": mode,
        "start_date": start_date,
        "end_date": end_date,
        "land_use": land_use,
        "price_fen": price_fen,
        "contract_ref": contract_ref,
        "holder_consent_ref": consent,
    }
    return _file(session, actor, contract, parcels, values, parent)


def mortgage_lease(
    session,
    actor,
    code: str,
    lease_code_: str,
    *,
    creditor_name: str,
    amount_fen: int,
    start_date: date,
    end_date: date,
    holder_consent_ref: str | None,
    document_ref: str | None,
) -> LeaseMortgage:
    """LC-10: a lessee's mortgage of the management right needs the holder's written consent, filed here."""
    contract = contract_for_write(session, actor, code)
    lease = _lease_of(session, contract, lease_code_)
    consent = _require_consent(holder_consent_ref)
    if end_date <= start_date or start_date < lease.start_date or end_date > lease.end_date:
        raise RuleViolation(
            "The mortgage must lie within lease {lease} ({start} to {end}).",
            rule="LC-10",
            params={
                "lease": lease.code,
                "start": lease.start_date.isoformat(),
                "end": lease.end_date.isoformat(),
            },
            errors={"end_date": ["outside the lease period"]},
        )
    mortgage = LeaseMortgage(
        lease_id=lease.id,
        creditor_name=creditor_name.strip(),
        amount_fen=amount_fen,
        start_date=start_date,
        end_date=end_date,
        holder_consent_ref=consent,
        document_ref=document_ref,
        filed_on=clock.today(),
        filed_by=actor.username,
    )
    session.add(mortgage)
    session.flush()
    reg.append_entry(
        session,
        contract,
        actor,
        "mortgage_filed",
        clock.today(),
        document_ref=document_ref,
        details={
            "lease": lease.code,
            "mortgage_id": mortgage.id,
            "creditor": mortgage.creditor_name,
            "amount_fen": amount_fen,
            "holder_consent_ref": consent,
        },
    )
    record(
        session,
        actor,
        "lease.mortgage",
        "land_lease",
        lease.code,
        after={"mortgage_id": mortgage.id, "creditor": mortgage.creditor_name, "amount_fen": amount_fen},
    )
    return mortgage


def list_leases(session, actor, code: str):
    contract = load_contract(session, code)
    actor.require_collective(contract.collective_code, "clerk", "reviewer")
    return select(Lease).where(Lease.contract_id == contract.id).order_by(Lease.code)
