"""The register (登记簿, RG-01): numbered entries, the validity intervals they open and close, and the
contract as it stood on any date, read back from both."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Date, String, bindparam, cast, func, or_, select, text
from sqlalchemy.dialects.postgresql import aggregate_order_by

from ..dates import not_in_future
from ..errors import NotFound, RuleViolation
from ..parcels.geometry import mu
from ..parcels.models import Parcel
from ..people.models import Person
from .models import ContractHolder, ContractParcel, LandContract, RegisterEntry
from .. import clock

# Entries after which a contract may hold no parcel any more: the reason it ended (LC-05).
ENDING_KINDS = ("transfer", "split", "merge", "surrender", "termination")


@dataclass(frozen=True)
class Term:
    start: date
    end: date
    land_type: str


def current_term(session, contract: LandContract) -> Term:
    e = session.execute(
        select(RegisterEntry.term_start, RegisterEntry.term_end, RegisterEntry.land_type)
        .where(RegisterEntry.contract_id == contract.id, RegisterEntry.term_end.is_not(None))
        .order_by(RegisterEntry.seq.desc())
        .limit(1)
    ).one()
    return Term(*e)


@dataclass(frozen=True)
class HeldParcel:
    id: int
    code: str
    area_m2: Decimal


@dataclass(frozen=True)
class Holder:
    id: int
    id_number: str
    name: str
    sex: str


@dataclass
class ContractState:
    """A contract as it stood on `as_of`: term, parcels and holders from the register and its intervals."""

    contract: LandContract
    as_of: date
    term_start: date
    term_end: date
    land_type: str
    parcels: list[HeldParcel]
    holders: list[Holder]
    end_reason: str | None

    @property
    def status(self) -> str:
        if not self.parcels:
            return "ended"
        return "expired" if self.as_of > self.term_end else "active"

    @property
    def area_m2(self) -> Decimal:
        return sum((p.area_m2 for p in self.parcels), Decimal("0.00"))

    @property
    def area_mu(self) -> Decimal:
        return mu(self.area_m2, 4)


_ON = bindparam("on", type_=Date)


def _covering(model, on=_ON):
    return (model.valid_from <= on) & or_(model.valid_to.is_(None), model.valid_to > on)


def _json_list(*columns, order_by):
    return func.coalesce(
        func.json_agg(aggregate_order_by(func.json_build_array(*columns), order_by)), text("'[]'::json")
    )


def _snapshot():
    """The contract row with its entries up to `on` and the parcels and holders covering `on`, in one
    statement
    built once: a contract read is one round trip however long its history (the bench holds it to ≤ 10
    ms)."""
    entries = (
        select(
            _json_list(
                RegisterEntry.kind,
                RegisterEntry.term_start,
                RegisterEntry.term_end,
                RegisterEntry.land_type,
                order_by=RegisterEntry.seq,
            )
        )
        .where(RegisterEntry.contract_id == LandContract.id, RegisterEntry.entry_date <= _ON)
        .scalar_subquery()
    )
    parcels = (
        select(_json_list(Parcel.id, Parcel.code, cast(Parcel.area_m2, String), order_by=Parcel.code))
        .select_from(Parcel)
        .join(ContractParcel, ContractParcel.parcel_id == Parcel.id)
        .where(ContractParcel.contract_id == LandContract.id, _covering(ContractParcel))
        .scalar_subquery()
    )
    holders = (
        select(_json_list(Person.id, Person.id_number, Person.name, Person.sex, order_by=ContractHolder.id))
        .select_from(Person)
        .join(ContractHolder, ContractHolder.person_id == Person.id)
        .where(ContractHolder.contract_id == LandContract.id, _covering(ContractHolder))
        .scalar_subquery()
    )
    return select(LandContract, entries, parcels, holders)


_BY_ID = _snapshot().where(LandContract.id == bindparam("key"))
_BY_CODE = _snapshot().where(LandContract.code == bindparam("key"))


def state_from_row(row, on: date) -> ContractState:
    contract, entries, parcels, holders = row
    terms = [e for e in entries if e[2] is not None]
    if not terms:
        raise NotFound(
            "Contract {code} had not begun on {date}.",
            params={"code": contract.code, "date": on.isoformat()},
            errors={"as_of": ["before the contract's first entry"]},
        )
    _, start, end, land_type = terms[-1]
    ending = [e[0] for e in entries if e[0] in ENDING_KINDS]
    return ContractState(
        contract,
        on,
        date.fromisoformat(start),
        date.fromisoformat(end),
        land_type,
        [HeldParcel(i, code, Decimal(area)) for i, code, area in parcels],
        [Holder(*h) for h in holders],
        None if parcels else (ending[-1] if ending else None),
    )


def state_on(session, contract: LandContract, on: date) -> ContractState:
    return state_from_row(session.execute(_BY_ID, {"key": contract.id, "on": on}).one(), on)


def snapshot_row(session, code: str, on: date):
    """The raw snapshot of the contract with this code (None when there is none), for `state_from_row`."""
    return session.execute(_BY_CODE, {"key": code, "on": on}).first()


def last_entry_date(session, contract: LandContract) -> date | None:
    return session.scalar(
        select(func.max(RegisterEntry.entry_date)).where(RegisterEntry.contract_id == contract.id)
    )


def change_date(on: date | None, field: str = "date") -> date:
    """A change is registered once it has happened: dated today or earlier (today by default)."""
    today = clock.today()
    if on is not None:
        not_in_future(on, today, field)
    return on or today


def check_not_backdated(session, contract: LandContract, on: date, field: str = "date") -> None:
    """RG-01: history is appended, never rewritten; a change cannot be dated before the register's last
    entry."""
    last = last_entry_date(session, contract)
    if last is not None and on < last:
        raise RuleViolation(
            "The register of {code} already has an entry of {last}; a change cannot be dated {date}.",
            rule="RG-01",
            params={"code": contract.code, "last": last.isoformat(), "date": on.isoformat()},
            errors={field: [f"not before {last.isoformat()}"]},
        )


def append_entry(
    session,
    contract: LandContract,
    actor,
    kind: str,
    on: date,
    *,
    reason: str | None = None,
    document_ref: str | None = None,
    term: Term | None = None,
    details: dict | None = None,
) -> RegisterEntry:
    """Append the next numbered entry. Callers hold the issuer's lock, so max(seq) + 1 cannot race."""
    check_not_backdated(session, contract, on)
    seq = (
        session.scalar(select(func.max(RegisterEntry.seq)).where(RegisterEntry.contract_id == contract.id))
        or 0
    ) + 1
    entry = RegisterEntry(
        contract_id=contract.id,
        seq=seq,
        entry_date=on,
        kind=kind,
        actor=getattr(actor, "username", str(actor)),
        reason=reason,
        document_ref=document_ref,
        term_start=term.start if term else None,
        term_end=term.end if term else None,
        land_type=term.land_type if term else None,
        details=details,
    )
    session.add(entry)
    session.flush()
    return entry


def entries(session, contract: LandContract):
    return select(RegisterEntry).where(RegisterEntry.contract_id == contract.id).order_by(RegisterEntry.seq)


# --- intervals --------------------------------------------------------------------------------------------


def open_parcel_rows(session, contract: LandContract) -> dict[str, ContractParcel]:
    """The parcels the contract holds now and until further change, by parcel code."""
    rows = session.scalars(
        select(ContractParcel).where(
            ContractParcel.contract_id == contract.id, ContractParcel.valid_to.is_(None)
        )
    ).all()
    return {r.parcel.code: r for r in rows}


def open_holder_rows(session, contract: LandContract) -> list[ContractHolder]:
    return list(
        session.scalars(
            select(ContractHolder)
            .where(ContractHolder.contract_id == contract.id, ContractHolder.valid_to.is_(None))
            .order_by(ContractHolder.id)
        )
    )


def add_parcels(session, contract: LandContract, parcels, on: date) -> None:
    for p in parcels:
        session.add(ContractParcel(contract_id=contract.id, parcel_id=p.id, valid_from=on))


def add_holders(session, contract: LandContract, person_ids, on: date) -> None:
    for pid in person_ids:
        session.add(ContractHolder(contract_id=contract.id, person_id=pid, valid_from=on))


def close_rows(rows, on: date, contract: LandContract) -> None:
    """End intervals on `on` (the first day without). A change on the day an interval opened leaves it empty:
    the register still tells that it was made, and no day shows the parcel in both contracts."""
    for r in rows:
        if on < r.valid_from:
            raise RuleViolation(
                "History is not rewritten: a change to {code} cannot be dated before {since}.",
                rule="RG-01",
                params={"code": contract.code, "since": r.valid_from.isoformat()},
                errors={"date": [f"not before {r.valid_from.isoformat()}"]},
            )
        r.valid_to = on


def pick_open_parcels(
    session, contract: LandContract, codes: list[str], field: str, rule: str | None
) -> list[ContractParcel]:
    """The open intervals of the named parcels; 422 under the operation's rule naming every parcel not
    held."""
    held = open_parcel_rows(session, contract)
    missing = [c for c in codes if c not in held]
    if missing:
        raise RuleViolation(
            "Parcels {codes} are not held under contract {code}.",
            rule=rule,
            params={"codes": ", ".join(missing), "code": contract.code},
            errors={field: [f"not in {contract.code}: {', '.join(missing)}"]},
            conflicts=missing,
        )
    if len(set(codes)) != len(codes):
        raise RuleViolation(
            "A parcel is named twice.", rule=rule, errors={field: ["a parcel is named twice"]}
        )
    return [held[c] for c in codes]
