"""Transfer (转让, LC-07) and swap (互换, LC-08) of contracted parcels between households of one
collective."""

from __future__ import annotations

from datetime import date

from ..audit.services import record
from ..errors import RuleViolation
from . import register as reg
from .certificate_follows import certificate_follows
from .models import LandContract
from .services import (
    contract_for_write,
    holders_summary,
    household_of_issuer,
    load_contract,
    open_contract,
    refuse_barred,
)


def _active_on(session, contract: LandContract, on: date, rule: str, field: str) -> reg.Term:
    term = reg.current_term(session, contract)
    if on > term.end:
        raise RuleViolation(
            "The term of contract {code} ran out on {end}.",
            rule=rule,
            params={"code": contract.code, "end": term.end.isoformat()},
            errors={field: ["the contract's term has run out"]},
        )
    return term


def _move(session, source: LandContract, rows, on: date) -> None:
    """End the parcels in the source contract; a contract left without land ends with its holders."""
    all_rows = reg.open_parcel_rows(session, source)
    reg.close_rows(rows, on, source)
    if len(rows) == len(all_rows):
        reg.close_rows(reg.open_holder_rows(session, source), on, source)


def move_transferred(
    session, actor, contract: LandContract, household, parcel_codes, on: date, document_ref, imported=None
):
    """LC-07's effect once its conditions hold: the parcels leave the transferor's contract and enter the
    transferee's active one, or a new one (method 200) for the rest of the term; both registers say so.
    Returns (the transferee's contract, the transferor's entry, the transferee's entry when it had one)."""
    term = _active_on(session, contract, on, "LC-07", "date")
    rows = reg.pick_open_parcels(session, contract, parcel_codes, "parcel_codes", "LC-07")
    target = refuse_barred(session, household.code, on, "to_household_code")
    parcels = [r.parcel for r in rows]
    _move(session, contract, rows, on)
    extra = {"imported": imported} if imported else {}
    out_entry = reg.append_entry(
        session,
        contract,
        actor,
        "transfer",
        on,
        document_ref=document_ref,
        details={"direction": "out", "to": household.code + "J", "parcels": parcel_codes, **extra},
    )
    in_entry = None
    if target is not None and reg.open_parcel_rows(session, target):
        reg.add_parcels(session, target, parcels, on)
        in_entry = reg.append_entry(
            session,
            target,
            actor,
            "transfer",
            on,
            document_ref=document_ref,
            details={"direction": "in", "from": contract.code, "parcels": parcel_codes},
        )
    else:
        target = open_contract(
            session,
            actor,
            household,
            "200",
            reg.Term(on, term.end, term.land_type),
            parcels,
            on,
            "transfer",
            document_ref=document_ref,
            details={"direction": "in", "from": contract.code, "parcels": parcel_codes},
        )
    session.flush()
    return target, out_entry, in_entry


def transfer_parcels(
    session,
    actor,
    code: str,
    *,
    to_household_code: str,
    parcel_codes: list[str],
    issuer_consent: bool,
    document_ref: str,
    on: date | None,
) -> dict:
    """LC-07: only to another household of the same collective, with the issuer's consent; the transferee gets
    the parcels in a new contract (for the rest of the term) or added to its own active contract."""
    on = reg.change_date(on)
    contract = contract_for_write(session, actor, code)
    if issuer_consent is not True:
        raise RuleViolation(
            "A transfer needs the issuer's consent.",
            rule="LC-07",
            errors={"issuer_consent": ["the issuer must consent"]},
        )
    if to_household_code == contract.household_code:
        raise RuleViolation(
            "A transfer goes to another household.",
            rule="LC-07",
            errors={"to_household_code": ["the transferor's own household"]},
        )
    household = household_of_issuer(
        session, to_household_code, contract.collective_code, "LC-07", "to_household_code"
    )
    before = reg.state_on(session, contract, on)
    target, out_entry, in_entry = move_transferred(
        session, actor, contract, household, parcel_codes, on, document_ref
    )
    after, received = reg.state_on(session, contract, on), reg.state_on(session, target, on)
    record(
        session,
        actor,
        "contract.transfer",
        "land_contract",
        code,
        before=holders_summary(before),
        after={**holders_summary(after), "to": target.code, "parcels": parcel_codes},
    )
    record(
        session, actor, "contract.transfer_in", "land_contract", target.code, after=holders_summary(received)
    )
    certificate_follows(session, actor, contract, out_entry)  # 注销 when every parcel went, else 换发
    if in_entry is not None:
        certificate_follows(session, actor, target, in_entry)
    return {"contract": after, "to_contract": received}


def move_swapped(
    session, actor, contract, other, parcel_codes, other_parcel_codes, on: date, document_ref, imported=None
) -> list:
    """LC-08's effect once its conditions hold: the two contracts exchange the parcels, both registers say so
    (the first one with what the source filed, `imported`). Returns [(contract, its entry)] for both."""
    _active_on(session, contract, on, "LC-08", "date")
    _active_on(session, other, on, "LC-08", "other_contract_code")
    rows = reg.pick_open_parcels(session, contract, parcel_codes, "parcel_codes", "LC-08")
    other_rows = reg.pick_open_parcels(session, other, other_parcel_codes, "other_parcel_codes", "LC-08")
    reg.close_rows(rows, on, contract)
    reg.close_rows(other_rows, on, other)
    reg.add_parcels(session, other, [r.parcel for r in rows], on)
    reg.add_parcels(session, contract, [r.parcel for r in other_rows], on)
    entries = [
        (
            book,
            reg.append_entry(
                session,
                book,
                actor,
                "swap",
                on,
                document_ref=document_ref,
                details={
                    "with": partner.code,
                    "gave": given,
                    "received": received,
                    "filed_with_issuer": on.isoformat(),
                    **({"imported": imported} if imported and book is contract else {}),
                },
            ),
        )
        for book, partner, given, received in (
            (contract, other, parcel_codes, other_parcel_codes),
            (other, contract, other_parcel_codes, parcel_codes),
        )
    ]
    session.flush()
    return entries


def swap_parcels(
    session,
    actor,
    code: str,
    *,
    other_contract_code: str,
    parcel_codes: list[str],
    other_parcel_codes: list[str],
    document_ref: str | None,
    on: date | None,
) -> dict:
    """LC-08: two households of the same collective exchange parcels; recording it here files it with the
    issuer."""
    on = reg.change_date(on)
    contract = contract_for_write(session, actor, code)
    other = load_contract(session, other_contract_code, "other_contract_code")
    if other.id == contract.id:
        raise RuleViolation(
            "A swap is between two households.",
            rule="LC-08",
            errors={"other_contract_code": ["the same contract"]},
        )
    if other.collective_code != contract.collective_code:
        raise RuleViolation(
            "A swap is between households of the same collective; {other} is of {issuer}.",
            rule="LC-08",
            params={"other": other.code, "issuer": other.collective_code},
            errors={"other_contract_code": ["another collective's contract"]},
        )
    household_of_issuer(
        session, other.household_code, contract.collective_code, "LC-08", "other_contract_code"
    )
    before = {
        code: holders_summary(reg.state_on(session, contract, on)),
        other.code: holders_summary(reg.state_on(session, other, on)),
    }
    entries = move_swapped(
        session, actor, contract, other, parcel_codes, other_parcel_codes, on, document_ref
    )
    after, other_after = reg.state_on(session, contract, on), reg.state_on(session, other, on)
    record(
        session,
        actor,
        "contract.swap",
        "land_contract",
        code,
        before=before,
        after={code: holders_summary(after), other.code: holders_summary(other_after)},
    )
    for book, entry in entries:
        certificate_follows(session, actor, book, entry)
    return {"contract": after, "other_contract": other_after}
