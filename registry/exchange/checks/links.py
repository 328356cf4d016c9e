"""EX-06 (references between tables, leases), EX-08 (areas) and EX-10 (terms)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from ..fields import (
    CERTIFICATE_HISTORY,
    CONTRACT_RIGHT_TRANSFERS,
)
from ..findings import Finding, error, warning
from .codes import unique
from .data import Data


def ex06_references(d: Data) -> list[Finding]:
    out = []
    dk = {r.get("DKBM") for r in d.dk}
    cbf = {r.get("CBFBM") for r in d.rows("CBF")}
    cbht = {r.get("CBHTBM") for r in d.rows("CBHT")}
    djb = {r.get("CBJYQZBM") for r in d.rows("CBJYQZDJB")}
    for r in d.rows("CBDKXX"):
        for value, names, what in (
            (r.get("DKBM"), dk, "DK"),
            (r.get("CBFBM"), cbf, "CBF"),
            (r.get("CBHTBM"), cbht, "CBHT"),
        ):
            if value not in names:
                out.append(
                    error(
                        "EX-06",
                        "CBDKXX",
                        r.get("DKBM") or "",
                        "{code} names no row of {target}.",
                        code=value or "",
                        target=what,
                    )
                )
    for table in ("CBF_JTCY", "CBHT", "CBJYQZDJB"):
        for r in d.rows(table):
            if r.get("CBFBM") not in cbf:
                out.append(
                    error(
                        "EX-06",
                        table,
                        r.get("CBFBM") or "",
                        "{code} names no row of {target}.",
                        code=r.get("CBFBM") or "",
                        target="CBF",
                    )
                )
    for r in d.rows("CBJYQZ"):
        c = r.get("CBJYQZBM")
        if c not in djb or c not in cbht:
            out.append(
                error(
                    "EX-06",
                    "CBJYQZ",
                    c or "",
                    "Certificate {code} has no register entry or contract.",
                    code=c or "",
                )
            )
    issued = {r.get("CBJYQZBM") for r in d.rows("CBJYQZ")}
    for table, *_ in CERTIFICATE_HISTORY:
        for r in d.rows(table):
            if r.get("CBJYQZBM") not in issued:
                out.append(
                    error(
                        "EX-06",
                        table,
                        r.get("CBJYQZBM") or "",
                        "{code} names no row of {target}.",
                        code=r.get("CBJYQZBM") or "",
                        target="CBJYQZ",
                    )
                )
    return out


def ex06_leases(d: Data) -> list[Finding]:
    """LZHT leased out of a contract of the package (LC-09): its code the contract's FBFBM and 4 digits,
    unique,
    agricultural use, a period that runs forward and ends within the contract's term."""
    out = []
    contracts = {r.get("CBHTBM"): r for r in d.rows("CBHT")}
    for r in d.rows("LZHT"):
        code, contract = r.get("LZHTBM") or "", contracts.get(r.get("CBHTBM"))
        if contract is None:
            out.append(
                error(
                    "EX-06",
                    "LZHT",
                    code,
                    "{code} names no row of {target}.",
                    code=r.get("CBHTBM") or "",
                    target="CBHT",
                )
            )
            continue
        if r.get("LZFS") in CONTRACT_RIGHT_TRANSFERS:
            continue  # 转让 / 互换: `transfers.plan_transfers`
        if len(code) != 18 or not code.isdigit() or code[:14] != contract.get("FBFBM"):
            out.append(
                error(
                    "EX-05",
                    "LZHT",
                    code,
                    "LZHTBM {code} is not the contract's FBFBM and 4 digits.",
                    code=code,
                )
            )
        if r.get("LZHTDYT") == "5":
            out.append(
                error("EX-11", "LZHT", code, "LC-09: a lease keeps the land in agricultural use (LZHTDYT 5).")
            )
        start, end, term_end = r.get("LZQXKSRQ"), r.get("LZQXJSRQ"), contract.get("CBQXZ")
        if start and end and (end <= start or (term_end and end > term_end)):
            out.append(
                error(
                    "EX-10",
                    "LZHT",
                    code,
                    "LC-09: the lease must run forward and end within the contract's term.",
                )
            )
    return out + unique([r.get("LZHTBM") for r in d.rows("LZHT")], "LZHT", "LZHTBM")


def ex08_parcel_areas(d: Data, areas: dict[str, Decimal]) -> list[Finding]:
    """SCMJ against the geodesic areas the parcels area computed while registering them (PAR-03, in SQL)."""
    out = []
    for r in d.dk:
        s, a = r.get("SCMJ"), areas.get(r.get("DKBM"))
        if s is not None and a is not None and abs(float(s) - float(a)) > max(1.0, 0.01 * float(a)):
            out.append(
                warning(
                    "EX-08",
                    "DK",
                    r.get("DKBM") or "",
                    "SCMJ {scmj} m² differs from the geodesic area {area} m².",
                    scmj=f"{float(s):.2f}",
                    area=f"{float(a):.2f}",
                )
            )
    return out


def ex08_contract_areas(d: Data) -> list[Finding]:
    out = []
    summed: Counter = Counter()
    for r in d.rows("CBDKXX"):
        summed[r.get("CBHTBM")] += r.get("HTMJ") or Decimal(0)
    for r in d.rows("CBHT"):
        total = r.get("HTZMJ")
        if total is not None and abs(total - summed[r.get("CBHTBM")]) > Decimal("1"):
            out.append(
                warning(
                    "EX-08",
                    "CBHT",
                    r.get("CBHTBM") or "",
                    "HTZMJ {total} does not equal the sum of the parcels' HTMJ {sum}.",
                    total=str(total),
                    sum=str(summed[r.get("CBHTBM")]),
                )
            )
    return out


def ex10_terms(d: Data) -> list[Finding]:
    from ...contracts.terms import check_term
    from ...errors import RegistryError

    out = []
    for r in d.rows("CBHT"):
        start, end = r.get("CBQXQ"), r.get("CBQXZ")
        if start is None or end is None:
            continue
        if end.isoformat() == "9999-01-01":
            continue  # 长久不变
        if end <= start:  # a register cannot hold it: refused, not merely reported
            out.append(error("EX-10", "CBHT", r.get("CBHTBM") or "", "The term ends before it starts."))
            continue
        if r.get("CBFS") == "110":
            try:
                check_term("arable", start, end)
            except RegistryError as err:
                out.append(
                    warning(
                        "EX-10",
                        "CBHT",
                        r.get("CBHTBM") or "",
                        "The term does not follow LC-02: {why}",
                        why=err.detail.format(**err.params),
                    )
                )
    return out
