"""A certificate follows its right (RG-02): the registration that changes a contract's holders, parcels or
area
replaces (换发) its certificate in force, one that ends the contract cancels (注销) it, with the registration
as
the reason, written in the contract's register (RG-01) and the audit in the same transaction.
"""

from __future__ import annotations


from .. import clock
from ..certificates import services as certificates
from .models import LandContract, RegisterEntry

ENTRY_LABELS = {
    "change": "权利人变更",
    "transfer": "转让",
    "swap": "互换",
    "split": "分户",
    "merge": "合户",
    "surrender": "交回",
    "termination": "终止",
    "correction": "权利人信息更正",
}


def _reason(contract: LandContract, entry: RegisterEntry | None, what: str | None) -> str:
    if entry is None:
        return f"{contract.code} {ENTRY_LABELS.get(what, what)}"
    text = (
        f"{contract.code} 登记簿第 {entry.seq} 号（{entry.entry_date.isoformat()}）"
        f"{ENTRY_LABELS.get(entry.kind, entry.kind)}"
    )
    return text + (f"：{entry.reason}" if entry.reason else "")


def certificate_follows(
    session,
    actor,
    contract: LandContract,
    entry: RegisterEntry | None,
    *,
    what: str | None = None,
    ends: bool = False,
):
    """换发 after a change (cancelled instead when the change left the contract without land); 注销 when
    `ends`.
    Nothing happens when the contract has no certificate in force. Returns the certificate written, if any."""
    reason, today = _reason(contract, entry, what), clock.today()
    if ends:
        return certificates.cancel_for_right(
            session, actor, "land_contract", contract.id, reason, today, in_register=True
        )
    return certificates.replace_for_right(
        session, actor, "land_contract", contract.id, reason, today, in_register=True
    )
