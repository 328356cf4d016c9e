"""Transfers (转让, LC-07) and swaps (互换, LC-08) a 确权 package filed (LZHT, LZFS 200 / 300), registered on
the date the source gives, through the same moves as `transfers`.

What differs from a transfer made here: no active-member check of the other household (the 确权 family list
confirms no membership, MEM-02 — as for the imported contracts themselves), the issuer's consent is the
filed 流转合同 (its code is the entry's document), and the certificates are not made to follow (the package's
certificate tables carry their own 换发 / 注销). What holds: another household (农户) of the same collective,
family contracts on both sides, the parcels held, the term running, the register appended in date order
(RG-01), LC-06.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..audit.services import record
from ..errors import RuleViolation
from ..people.services import household_or_404
from .models import METHODS
from .services import holders_summary, load_contract, lock_issuer
from . import register as reg
from .transfers import move_swapped, move_transferred


@dataclass
class ImportedTransfer:
    kind: str  # 200 转让 | 300 互换
    code: str  # LZHTBM, the filed contract: the entries' document
    contract_code: str  # the transferor's (CBHTBM)
    other_household_code: str  # SRFBM
    parcel_codes: list[str]  # 200: what moves; 300: what the contract gives
    other_parcel_codes: list[str]  # 300: what it receives
    on: date  # HTQDRQ, else LZQXKSRQ
    source_fields: dict  # the LZHT row as filed, for the export


def _refuse(rule: str, message: str, **params):
    raise RuleViolation(message, rule=rule, params=params)


def _family(contract, rule: str) -> None:
    if contract.method not in METHODS:
        _refuse(
            rule,
            "Contract {code} is not a family contract; its right is not transferred.",
            code=contract.code,
        )


def _other_household(session, contract, code: str, rule: str):
    household = household_or_404(session, code, "other_household_code")
    if (
        household.collective_code != contract.collective_code
        or household.party_type != "1"
        or household.dissolved_on is not None
        or household.code == contract.household_code
    ):
        _refuse(
            rule,
            "{household} is not another household of the issuing collective {issuer}.",
            household=code,
            issuer=contract.collective_code,
        )
    return household


def register_transfer_imported(session, actor, item: ImportedTransfer, *, source: dict) -> str:
    """One filed transfer or swap; returns the code of the contract that received the parcels."""
    contract = load_contract(session, item.contract_code)
    actor.require_collective(contract.collective_code, "clerk", "reviewer")
    lock_issuer(session, contract.collective_code)
    on = reg.change_date(item.on)
    rule = "LC-07" if item.kind == "200" else "LC-08"
    _family(contract, rule)
    household = _other_household(session, contract, item.other_household_code, rule)
    imported = {**item.source_fields, "LZHTBM": item.code, "imported_from": source.get("package")}
    if item.kind == "200":
        target, _, _ = move_transferred(
            session, actor, contract, household, item.parcel_codes, on, item.code, imported
        )
    else:
        target = load_contract(session, household.code + "J", "other_contract_code")
        _family(target, rule)
        move_swapped(
            session,
            actor,
            contract,
            target,
            item.parcel_codes,
            item.other_parcel_codes,
            on,
            item.code,
            imported,
        )
    after = holders_summary(reg.state_on(session, contract, on))
    record(
        session,
        actor,
        "contract.transfer_import" if item.kind == "200" else "contract.swap_import",
        "land_contract",
        contract.code,
        after={**after, "to": target.code, "lzht": item.code, **source},
    )
    return target.code
