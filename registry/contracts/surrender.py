"""Surrender (交回, LC-06) through the one exit path (registry/exits: UR-02 guard, UR-04 flag).

Filing checks the notice and compensation and hands over to `file_exit`; the county's approval calls the
handler below (plugged in by contracts.plug_in), which ends the contract on the effective date, writes the
register entry and bars
the household from new contract land for the rest of the term.
"""

from __future__ import annotations

from datetime import date

from ..audit.services import record
from ..config import Config
from ..dates import not_in_future
from ..errors import Conflict, InvalidInput, RuleViolation
from ..people.models import Household
from ..exits.guard import refuse_settlement_linkage
from ..exits.handlers import RightInfo
from ..exits.services import file_exit
from . import register as reg
from .certificate_follows import certificate_follows
from .services import holders_summary, load_contract, lock_issuer
from .terms import add_months
from .. import clock


def file_surrender(
    session,
    actor,
    code: str,
    *,
    notice_date: date,
    effective_date: date,
    compensation_fen: int,
    statement_ref: str,
    reason: str,
    holder_id_number: str | None,
    notice_months: int,
    linkage_days: int,
    co_holder_statements: list | None = None,
):
    contract = load_contract(session, code)
    actor.require_collective(contract.collective_code, "clerk")
    # UR-02 first, so that a surrender tied to urban settlement is refused and audited whatever else is wrong.
    refuse_settlement_linkage(reason, entity="land_contract", entity_id=code, action="contract.surrender")
    not_in_future(notice_date, clock.today(), "notice_date")
    earliest = add_months(notice_date, notice_months)
    if effective_date < earliest:
        raise RuleViolation(
            "The holder's written notice must come {months} months before the surrender takes effect: with "
            "notice "
            "on {notice} it takes effect on {earliest} at the earliest.",
            rule="LC-06",
            params={
                "months": notice_months,
                "notice": notice_date.isoformat(),
                "earliest": earliest.isoformat(),
            },
            errors={"effective_date": [f"not before {earliest.isoformat()}"]},
        )
    if isinstance(compensation_fen, bool) or not isinstance(compensation_fen, int) or compensation_fen <= 0:
        raise RuleViolation(
            "A surrender is compensated: compensation_fen must be a positive whole number of fen.",
            rule="LC-06",
            errors={"compensation_fen": ["must be > 0 fen"]},
        )
    if not (statement_ref or "").strip():
        raise RuleViolation(
            "The holder's written notice is required.",
            rule="LC-06",
            errors={"statement_ref": ["the holder's written notice is required"]},
        )
    if not reg.open_parcel_rows(session, contract):
        raise RuleViolation(
            "Contract {code} holds no land to surrender.", rule="LC-06", params={"code": code}
        )
    term = reg.current_term(session, contract)
    if effective_date > term.end:
        raise InvalidInput(
            "The term of {code} ends on {end}, before the surrender would take effect.",
            params={"code": code, "end": term.end.isoformat()},
            errors={"effective_date": [f"after the term ends ({term.end.isoformat()})"]},
        )
    return file_exit(
        session,
        actor,
        right="land_contract",
        ref=code,
        holder_id_number=holder_id_number or _default_holder(session, contract),
        compensation_fen=compensation_fen,
        statement_ref=statement_ref,
        reason=reason,
        details={"notice_date": notice_date.isoformat(), "effective_date": effective_date.isoformat()},
        linkage_days=linkage_days,
        co_holder_statements=co_holder_statements,
    )


def _default_holder(session, contract) -> str:
    """The head of the household signs for it when a holder is not named; otherwise the first holder."""
    holders = [r.person for r in reg.open_holder_rows(session, contract)]
    head = session.get(Household, contract.household_code).head_person_id
    return next((p for p in holders if p.id == head), holders[0]).id_number


def _locate(session, ref: str) -> RightInfo:
    contract = load_contract(session, ref, "ref")
    return RightInfo(
        contract.collective_code,
        contract.household_code,
        frozenset(r.person_id for r in reg.open_holder_rows(session, contract)),
    )


def _apply(session, actor, exit_) -> None:
    """The approved surrender: the contract ends on the effective date (an exit filed through /exits without
    one takes effect at the end of the statutory notice from its filing)."""
    contract = load_contract(session, exit_.ref, "ref")
    lock_issuer(session, contract.collective_code)
    details = exit_.details or {}
    effective = (
        date.fromisoformat(details["effective_date"])
        if "effective_date" in details
        else add_months(exit_.filed_on, Config.SURRENDER_NOTICE_MONTHS)
    )
    rows = list(reg.open_parcel_rows(session, contract).values())
    if not rows:
        raise Conflict(
            "Contract {code} holds no land to surrender any more.",
            rule="LC-06",
            params={"code": contract.code},
        )
    term = reg.current_term(session, contract)
    before = reg.state_on(session, contract, clock.today())
    reg.close_rows(rows, effective, contract)
    reg.close_rows(reg.open_holder_rows(session, contract), effective, contract)
    contract.surrender_bar_until = term.end
    entry = reg.append_entry(
        session,
        contract,
        actor,
        "surrender",
        min(clock.today(), effective),
        reason=exit_.reason,
        document_ref=exit_.statement_ref,
        details={
            "exit_id": exit_.id,
            "effective_date": effective.isoformat(),
            "notice_date": details.get("notice_date"),
            "compensation_fen": exit_.compensation_fen,
            "parcels": sorted(r.parcel.code for r in rows),
            "barred_until": term.end.isoformat(),
        },
    )
    record(
        session,
        actor,
        "contract.surrender",
        "land_contract",
        contract.code,
        before=holders_summary(before),
        after={
            "effective_date": effective.isoformat(),
            "barred_until": term.end.isoformat(),
            "exit_id": exit_.id,
        },
    )
    certificate_follows(session, actor, contract, entry, ends=True)  # RG-02: 注销 with the surrender


class LandContractExit:
    """The land contract's ExitHandler (exits.handlers), plugged in by contracts.plug_in."""

    locate = staticmethod(_locate)
    apply = staticmethod(_apply)
