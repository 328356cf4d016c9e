"""EX-02 … EX-11 on the records read from a package: one function per check, each returning its findings.

EX-01 (layout), EX-03 (encoding) and EX-04 (.prj) are found while the package is opened and read; EX-07
(PAR-01/PAR-02) comes from the parcels area's own bulk service while loading (nothing stays written), and
EX-08's parcel half compares SCMJ with the geodesic areas that service computed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import shapely
from sqlalchemy import any_, select

from ..contracts.models import LandContract
from ..parcels.models import Parcel
from ..people.models import Household, Person
from .fields import (
    CERTIFICATE_HISTORY,
    CODE_LISTS,
    CONTRACT_RIGHT_TRANSFERS,
    DK_MANDATORY,
    HEAD_RELATIONS,
    MANDATORY_FIELDS,
    MANDATORY_TABLES,
)
from .findings import Finding, error, warning
from .parties import method_letter, party_checks
from .persons import array_of, normalise_id


@dataclass
class Data:
    county: str
    tables: dict[str, list[dict]]
    columns: dict[str, list[str]]
    dk: list[dict] = field(default_factory=list)
    geoms: list = field(default_factory=list)
    dk_fields: list[str] = field(default_factory=list)
    central_meridian: float | None = None

    def rows(self, table: str) -> list[dict]:
        return self.tables.get(table, [])


def ex02_mandatory(d: Data) -> list[Finding]:
    out = []
    for table in MANDATORY_TABLES:
        if table not in d.tables:
            out.append(error("EX-02", table, "", "The mandatory table {table} is missing.", table=table))
    for table, names in MANDATORY_FIELDS.items():
        if table not in d.tables:
            continue
        missing = [n for n in names if n not in d.columns.get(table, ())]
        if missing:
            out.append(
                error(
                    "EX-02",
                    table,
                    "",
                    "Table {table} lacks the fields {fields}.",
                    table=table,
                    fields=", ".join(missing),
                )
            )
            continue
        for row in d.tables[table]:
            empty = [n for n in names if row.get(n) is None]
            if empty:
                out.append(
                    error(
                        "EX-02",
                        table,
                        str(row.get(names[0]) or ""),
                        "Empty mandatory fields {fields}.",
                        fields=", ".join(empty),
                    )
                )
    missing = [n for n in DK_MANDATORY if n not in d.dk_fields]
    if missing:
        out.append(error("EX-02", "DK", "", "Layer DK lacks the fields {fields}.", fields=", ".join(missing)))
    return out


def _unique(values, source: str, what: str) -> list[Finding]:
    return [
        error("EX-05", source, v, "{what} {code} occurs {n} times.", what=what, code=v, n=n)
        for v, n in Counter(values).items()
        if n > 1
    ]


def _registered(session, column, codes: list[str], source: str) -> list[Finding]:
    if not codes:
        return []
    taken = set(session.scalars(select(column).where(column == any_(array_of(codes)))))
    return [error("EX-05", source, c, "{code} is registered already.", code=c) for c in sorted(taken)]


def ex05_codes(d: Data, session) -> list[Finding]:
    out = []
    county = d.county
    fbf = [r["FBFBM"] for r in d.rows("FBF") if r.get("FBFBM")]
    for c in fbf:
        if len(c) != 14 or not c.isdigit() or c[:6] != county:
            out.append(
                error(
                    "EX-05",
                    "FBF",
                    c,
                    "FBFBM {code} is not a 14-digit code in county {county}.",
                    code=c,
                    county=county,
                )
            )
    known = set(fbf)
    for r in d.rows("CBF"):
        c = r.get("CBFBM") or ""
        if len(c) != 18 or not c.isdigit() or c[:14] not in known or c[14:] == "0000":
            out.append(
                error("EX-05", "CBF", c, "CBFBM {code} is not an FBFBM of the package and 4 digits.", code=c)
            )
    for r in d.dk:
        c = r.get("DKBM") or ""
        if len(c) != 19 or not c.isdigit() or c[:14] not in known:
            out.append(
                error("EX-05", "DK", c, "DKBM {code} is not an FBFBM of the package and 5 digits.", code=c)
            )
    for table, column in (("CBHT", "CBHTBM"), ("CBJYQZDJB", "CBJYQZBM")):
        for r in d.rows(table):
            c, party = r.get(column) or "", r.get("CBFBM") or ""
            if len(c) != 19 or c[:18] != party or not c[18].isalpha():
                out.append(
                    error(
                        "EX-05",
                        table,
                        c,
                        "{column} {code} is not the CBFBM and a method letter.",
                        column=column,
                        code=c,
                    )
                )
    out += _unique(fbf, "FBF", "FBFBM")
    out += _unique([r.get("CBFBM") for r in d.rows("CBF")], "CBF", "CBFBM")
    out += _unique([r.get("DKBM") for r in d.dk], "DK", "DKBM")
    out += _unique([r.get("CBHTBM") for r in d.rows("CBHT")], "CBHT", "CBHTBM")
    out += _unique([r.get("DKBM") for r in d.rows("CBDKXX")], "CBDKXX", "DKBM")
    out += _unique(
        [r.get("CBJYQZLSH") for r in d.rows("CBJYQZDJB") if r.get("CBJYQZLSH")], "CBJYQZDJB", "CBJYQZLSH"
    )
    out += _unique([r.get("CBJYQZBM") for r in d.rows("CBJYQZ_QZZX")], "CBJYQZ_QZZX", "CBJYQZBM")
    if session is not None:
        out += _registered(
            session, Household.code, [r["CBFBM"] for r in d.rows("CBF") if r.get("CBFBM")], "CBF"
        )
        out += _registered(session, Parcel.code, [r["DKBM"] for r in d.dk if r.get("DKBM")], "DK")
        out += _registered(
            session, LandContract.code, [r["CBHTBM"] for r in d.rows("CBHT") if r.get("CBHTBM")], "CBHT"
        )
    return out


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
    return out + _unique([r.get("LZHTBM") for r in d.rows("LZHT")], "LZHT", "LZHTBM")


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


def ex04_zone(d: Data) -> list[Finding]:
    if d.central_meridian is None or not d.geoms:
        return []
    lon = shapely.get_coordinates(shapely.centroid(np.array(d.geoms, dtype=object)))[:, 0]
    return [
        error(
            "EX-04",
            "DK",
            r.get("DKBM") or "",
            "The parcel lies outside the zone of the .prj (CM {cm}°E).",
            cm=f"{d.central_meridian:g}",
        )
        for r, x in zip(d.dk, lon, strict=True)
        if abs(x - d.central_meridian) > 1.6
    ]


def ex09_persons(d: Data, session) -> list[Finding]:
    out = []
    heads: Counter = Counter()
    numbers = []
    for r in d.rows("CBF_JTCY"):
        raw = r.get("CYZJHM") or ""
        number, converted = normalise_id(raw)
        if number is None:
            out.append(
                error(
                    "EX-09",
                    "CBF_JTCY",
                    r.get("CBFBM") or "",
                    "{name}: {number} is not a valid GB 11643 number.",
                    name=r.get("CYXM") or "",
                    number=raw,
                )
            )
            continue
        if converted:
            out.append(
                warning(
                    "EX-09",
                    "CBF_JTCY",
                    r.get("CBFBM") or "",
                    "{name}: the 15-digit number was converted to {number}.",
                    name=r.get("CYXM") or "",
                    number=number,
                )
            )
        r["CYZJHM"] = number
        numbers.append(number)
        if r.get("YHZGX") in HEAD_RELATIONS:
            heads[r.get("CBFBM")] += 1
    for n, k in Counter(numbers).items():
        if k > 1:
            out.append(
                error(
                    "EX-09", "CBF_JTCY", n[:6] + "********" + n[-4:], "The number is listed {n} times.", n=k
                )
            )
    for r in d.rows("CBF"):
        if r.get("CBFLX") == "1" and heads[r.get("CBFBM")] != 1:
            out.append(
                error(
                    "EX-09",
                    "CBF",
                    r.get("CBFBM") or "",
                    "The household has {n} heads, not one.",
                    n=heads[r.get("CBFBM")],
                )
            )
    if session is not None and numbers:
        taken = session.scalars(
            select(Person.id_number).where(Person.id_number == any_(array_of(numbers)))
        ).all()
        out += [
            error(
                "EX-09",
                "CBF_JTCY",
                n[:6] + "********" + n[-4:],
                "A person with this number is registered already.",
            )
            for n in sorted(taken)
        ]
    return out


def ex10_terms(d: Data) -> list[Finding]:
    from ..contracts.terms import check_term
    from ..errors import RegistryError

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


_LISTED = (
    ("DK", "DKLB"),
    ("DK", "TDLYLX"),
    ("DK", "SYQXZ"),
    ("CBHT", "CBFS"),
    ("CBF_JTCY", "YHZGX"),
    ("CBF_JTCY", "CYXB"),
    ("CBF", "CBFLX"),
)


def ex11_code_lists(d: Data) -> list[Finding]:
    out = []
    for source, column in _LISTED:
        rows = d.dk if source == "DK" else d.rows(source)
        key = {"DK": "DKBM", "CBHT": "CBHTBM"}.get(source, "CBFBM")
        allowed = CODE_LISTS[column]
        for r in rows:
            v = r.get(column)
            if v is not None and v not in allowed:
                out.append(
                    error(
                        "EX-11",
                        source,
                        r.get(key) or "",
                        "{column} {value} is not in the code list.",
                        column=column,
                        value=v,
                    )
                )
    for r in d.rows("CBHT"):
        if r.get("CBFS") in CODE_LISTS["CBFS"] and method_letter(r["CBFS"]) is None:
            out.append(
                error(
                    "EX-11",
                    "CBHT",
                    r.get("CBHTBM") or "",
                    "CBFS {value}: the registry holds family contracts, transfers, swaps and contracts by "
                    "other methods (121, 122, 123, 129) only.",
                    value=r["CBFS"],
                )
            )
    return out


def run_all(d: Data, session) -> list[Finding]:
    """Every record check; the DB-backed halves see what is registered already."""
    return (
        ex02_mandatory(d)
        + ex04_zone(d)
        + ex05_codes(d, session)
        + ex06_references(d)
        + ex06_leases(d)
        + ex08_contract_areas(d)
        + ex09_persons(d, session)
        + ex10_terms(d)
        + ex11_code_lists(d)
        + party_checks(d)
    )
