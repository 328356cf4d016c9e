"""LZHT 转让 / 互换 (LZFS 200 / 300) of the contract right: the package holds their result (the parcels
a row's LZHTBM names in CBDKXX sit under the receiving contract), so the loader registers those parcels
where they stood before and replays each transfer or swap on its date (HTQDRQ, else LZQXKSRQ) through the
contracts area, in one timeline with the certificates' 补发 / 换发 / 注销 so every register is appended in
date order.

A row the rules make impossible is a warning (EX-06) naming the rule and why; its parcels stay where the
package has them. `plan_transfers` decides from the package alone, before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import text

from .. import clock
from ..certificates.imported import record_certificate_history_imported, record_certificates_imported
from ..contracts.imported_transfers import ImportedTransfer, register_transfer_imported
from ..contracts.models import METHODS
from .fields import CONTRACT_RIGHT_TRANSFERS, TABLES
from .findings import Finding, warning

TRANSFER, SWAP = CONTRACT_RIGHT_TRANSFERS
NOT = "{rule}: not registered as a transfer or swap: "  # every finding of a row left as the package has it


@dataclass
class Plan:
    transfers: list[ImportedTransfer] = field(default_factory=list)
    homes: dict[str, str] = field(default_factory=dict)  # DKBM → the contract that held it before
    created: set[str] = field(default_factory=set)  # contracts a transfer opens (not loaded beforehand)
    findings: list[Finding] = field(default_factory=list)


def _json_safe(row: dict) -> dict:
    return {
        k: v.isoformat() if isinstance(v, date) else str(v) if isinstance(v, Decimal) else v
        for k, v in row.items()
    }


def lzht_row(kept: dict) -> dict:
    """The LZHT row a replayed transfer kept, its values typed as the table's columns."""
    out = {}
    for column, kind in TABLES["LZHT"]:
        v = kept.get(column)
        if v is not None and kind == "D":
            v = date.fromisoformat(v)
        elif v is not None and kind == "N":
            v = Decimal(v)
        out[column] = v
    return out


class _Skip(Exception):
    def __init__(self, rule: str, msgid: str, **params):
        super().__init__(msgid)
        self.rule, self.msgid, self.params = rule, msgid, params


def _registered(d, code: str) -> list[date]:
    """The dates the package registers a contract and issues its certificate (DJSJ, FZRQ)."""
    dates = [r.get("DJSJ") for r in d.rows("CBJYQZDJB") if r.get("CBJYQZBM") == code]
    dates += [r.get("FZRQ") for r in d.rows("CBJYQZ") if r.get("CBJYQZBM") == code]
    return [x for x in dates if x]


def _plan_row(d, r, contracts, parties, parcels_of, claimed) -> tuple[ImportedTransfer, str | None]:
    rule = "LC-07" if r["LZFS"] == TRANSFER else "LC-08"
    a = contracts[r["CBHTBM"]]
    other = parties.get(r["SRFBM"])
    if (
        other is None
        or other.get("CBFLX") != "1"
        or other["CBFBM"][:14] != a["FBFBM"]
        or other is parties.get(a["CBFBM"])
    ):
        raise _Skip(
            rule,
            NOT + "SRFBM {party} is not another household of the issuer.",
            party=r["SRFBM"],
        )
    b = next((c for c in contracts.values() if c["CBFBM"] == r["SRFBM"]), None)
    if a["CBFS"] not in METHODS or (b is not None and b["CBFS"] not in METHODS):
        raise _Skip(
            rule,
            NOT + "only a family contract's right is transferred or swapped.",
        )
    on = r.get("HTQDRQ") or r["LZQXKSRQ"]
    if on > clock.today() or on > a["CBQXZ"]:
        raise _Skip(
            rule,
            NOT + "dated {on}, in the future or after the contract's term.",
            on=on.isoformat(),
        )
    named = [p for p, holder in parcels_of.items() if holder[1] == r["LZHTBM"]]
    into_b = sorted(p for p in named if b is not None and parcels_of[p][0] == b["CBHTBM"])
    into_a = sorted(p for p in named if parcels_of[p][0] == a["CBHTBM"])
    if not into_b or (r["LZFS"] == SWAP and not into_a) or claimed & set(named):
        raise _Skip(
            rule,
            NOT + "CBDKXX does not show its result under the receiving contract.",
        )
    rest = {p for p, holder in parcels_of.items() if holder[0] == b["CBHTBM"]} - set(into_b)
    created = b["CBHTBM"] if r["LZFS"] == TRANSFER and not rest else None
    for code, opened in ((a["CBHTBM"], False), (b["CBHTBM"], created is not None)):
        dates = _registered(d, code)
        if opened and (b["CBFS"] != TRANSFER or any(x < on for x in dates)):
            raise _Skip(
                "RG-01", NOT + "{code} holds only what it received, but was registered before.", code=code
            )
        if not opened and dates and on < max(dates):
            raise _Skip(
                "RG-01",
                NOT + "dated {on}, before {code} was registered ({last}); the contracts hold its result.",
                on=on.isoformat(),
                code=code,
                last=max(dates).isoformat(),
            )
    item = ImportedTransfer(
        r["LZFS"],
        r["LZHTBM"],
        a["CBHTBM"],
        r["SRFBM"],
        into_b,
        into_a if r["LZFS"] == SWAP else [],
        on,
        _json_safe(r),
    )
    return item, created


def plan_transfers(d) -> Plan:
    plan = Plan()
    contracts = {r["CBHTBM"]: r for r in d.rows("CBHT")}
    parties = {r["CBFBM"]: r for r in d.rows("CBF")}
    parcels_of = {r["DKBM"]: (r["CBHTBM"], r.get("LZHTBM")) for r in d.rows("CBDKXX")}
    rows = [r for r in d.rows("LZHT") if r.get("LZFS") in CONTRACT_RIGHT_TRANSFERS]
    claimed: set[str] = set()
    involved: set[str] = set()
    for r in sorted(rows, key=lambda x: (x.get("HTQDRQ") or x["LZQXKSRQ"], x["LZHTBM"])):
        try:
            item, created = _plan_row(d, r, contracts, parties, parcels_of, claimed)
            if created in involved or r["CBHTBM"] in plan.created:
                raise _Skip(
                    "LC-07",
                    NOT + "a contract a transfer opens takes part in no other transfer of the package.",
                )
        except _Skip as skip:
            plan.findings.append(
                warning("EX-06", "LZHT", r["LZHTBM"], skip.msgid, rule=skip.rule, **skip.params)
            )
            continue
        plan.transfers.append(item)
        claimed |= set(item.parcel_codes) | set(item.other_parcel_codes)
        involved |= {item.contract_code, item.other_household_code + "J"}
        if created:
            plan.created.add(created)
        plan.homes.update(dict.fromkeys(item.parcel_codes, item.contract_code))
        plan.homes.update(dict.fromkeys(item.other_parcel_codes, item.other_household_code + "J"))
    return plan


def replay(session, actor, plan: Plan, later_certs: list, events: list, *, source: dict) -> int:
    """The transfers, the certificates of the contracts they open and every certificate event, in date order
    (same day: the transfer, then the issue, then the event). Returns how many transfers were registered."""
    timeline = sorted(
        [(t.on, 0, i, t) for i, t in enumerate(plan.transfers)]
        + [(c.issued_on, 1, i, c) for i, c in enumerate(later_certs)]
        + [(e.on, 2, i, e) for i, e in enumerate(events)],
        key=lambda x: x[:3],
    )
    batch: list = []
    kind = None

    def flush():
        if batch and kind == 1:
            record_certificates_imported(session, actor, batch, source=source)
        elif batch and kind == 2:
            record_certificate_history_imported(session, actor, batch, source=source)
        batch.clear()

    for _, k, _, item in timeline:
        if k != kind:
            flush()
            kind = k
        if k == 0:
            register_transfer_imported(session, actor, item, source=source)
        else:
            batch.append(item)
    flush()
    return len(plan.transfers)


_FILED = """
SELECT r.details->'imported', coalesce(r.details->'parcels', r.details->'gave'), r.details->'received'
FROM contract_register r JOIN land_contracts lc ON lc.id = r.contract_id
WHERE lc.collective_code LIKE :county || '%' AND r.kind IN ('transfer', 'swap') AND r.details ? 'imported'
ORDER BY r.details->'imported'->>'LZHTBM'"""


def filed_transfers(session, county: str) -> tuple[list[dict], dict[str, str]]:
    """For the export: the LZHT rows of the registered transfers and swaps that came from a package, as
    filed, and each parcel they moved → its LZHTBM (CBDKXX)."""
    rows, moved = [], {}
    for kept, parcels, received in session.execute(text(_FILED), {"county": county}):
        rows.append(lzht_row(kept))
        moved.update(dict.fromkeys([*(parcels or []), *(received or [])], kept["LZHTBM"]))
    return rows, moved
