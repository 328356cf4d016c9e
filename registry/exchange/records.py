"""The records a package's tables make for the areas' import services (pure: from the checked `Data` to
the areas' Imported… records, no database)."""

from __future__ import annotations

from datetime import date


from .. import clock
from ..certificates.imported import (
    ImportedCertificate,
    ImportedCertificateEvent,
)
from ..certificates.regions import issuing_authority
from ..contracts.imported import (
    ImportedContract,
    ImportedLease,
)
from ..people.bulk import (
    ImportedHousehold,
    ImportedMember,
    ImportedUnit,
)
from ..people.relations import HEAD
from .checks import Data
from .fields import CERTIFICATE_HISTORY, CONTRACT_RIGHT_TRANSFERS, HEAD_RELATIONS, LZHT_KEPT, land_class_2017
from .findings import error
from .parties import UNIT
from .persons import normalise_id


def unit_records(d: Data) -> list[ImportedUnit]:
    """CBF rows of units (单位, CBFLX 3): a party with its name and certificate, no person (EX-09 checked)."""
    return [
        ImportedUnit(r["CBFBM"], r["CBFMC"], r["CBFZJLX"], r["CBFZJHM"].strip().upper())
        for r in sorted(d.rows("CBF"), key=lambda x: x["CBFBM"])
        if r.get("CBFLX") == UNIT
    ]


def household_records(d: Data, registered_on: dict[str, date], findings: list) -> list[ImportedHousehold]:
    members: dict[str, list] = {}
    for r in d.rows("CBF_JTCY"):
        members.setdefault(r["CBFBM"], []).append(r)
    out = []
    for r in sorted(d.rows("CBF"), key=lambda x: x["CBFBM"]):
        code, kind = r["CBFBM"], r.get("CBFLX")
        joined = registered_on.get(code) or r.get("CBFDCRQ") or clock.today()
        if kind == "1":
            rows = sorted(members.get(code, []), key=lambda m: m.get("YHZGX") not in HEAD_RELATIONS)
            people = [
                ImportedMember(m["CYZJHM"], m["CYXM"], HEAD if i == 0 else m["YHZGX"])
                for i, m in enumerate(rows)
            ]
        elif kind == "2":
            number, _ = normalise_id(r.get("CBFZJHM") or "")
            if number is None:
                findings.append(
                    error(
                        "EX-09",
                        "CBF",
                        code,
                        "{name}: {number} is not a valid GB 11643 number.",
                        name=r.get("CBFMC") or "",
                        number=r.get("CBFZJHM") or "",
                    )
                )
                continue
            people = [ImportedMember(number, r["CBFMC"], HEAD)]
        else:
            continue  # a unit (CBFLX 3): `_units`
        out.append(ImportedHousehold(code, kind, people, joined))
    return out


def parcel_properties(d: Data) -> list[dict]:
    return [
        {
            "code": r["DKBM"],
            "collective_code": r["DKBM"][:14],
            "kind": "contract",
            "category": r.get("DKLB") or "10",
            "land_class": land_class_2017(r["TDLYLX"]) if r.get("TDLYLX") else None,
            "basic_farmland": r.get("SFJBNT") == "1",
            "name": r.get("DKMC"),
        }
        for r in d.dk
    ]


def highest_sequences(codes, width: int, kind: str) -> list[tuple[str, str, int]]:
    top: dict[str, int] = {}
    for c in codes:
        top[c[:width]] = max(top.get(c[:width], 0), int(c[width:]))
    return [(scope, kind, v) for scope, v in top.items()]


def contract_records(
    d: Data, holders_of: dict[str, list[str]], units: set[str], homes: dict[str, str]
) -> list[ImportedContract]:
    """`homes`: the parcels a replayed transfer or swap moves, under the contract that held them before."""
    djb = {r["CBJYQZBM"]: r for r in d.rows("CBJYQZDJB")}
    parcels: dict[str, list[str]] = {}
    for r in d.rows("CBDKXX"):
        parcels.setdefault(homes.get(r["DKBM"], r["CBHTBM"]), []).append(r["DKBM"])
    out = []
    for r in sorted(d.rows("CBHT"), key=lambda x: x["CBHTBM"]):
        code = r["CBHTBM"]
        entry = djb.get(code, {})
        registered = entry.get("DJSJ") or r.get("QDSJ") or r["CBQXQ"]
        out.append(
            ImportedContract(
                code,
                r["CBFS"],
                "arable",
                r["CBQXQ"],
                r["CBQXZ"],
                registered,
                sorted(parcels.get(code, [])),
                holders_of.get(r["CBFBM"], []),
                entry.get("CBJYQZLSH"),
                r["CBFBM"] if r["CBFBM"] in units else None,
            )
        )
    return out


def holders_by_contract(d: Data, households: list[ImportedHousehold]) -> dict[str, list[str]]:
    flagged: dict[str, list[str]] = {}
    for r in d.rows("CBF_JTCY"):
        if r.get("SFGYR") == "1":
            flagged.setdefault(r["CBFBM"], []).append(r["CYZJHM"])
    return {h.code: flagged.get(h.code) or [m.id_number for m in h.members] for h in households}


def certificate_history(d: Data) -> dict[str, list[tuple[str, date, str]]]:
    """Per certificate line: its 补发 / 换发 / 注销 as (status, date, reason), in date order, 注销 last."""
    out: dict[str, list] = {}
    for table, reason, on, status in CERTIFICATE_HISTORY:
        for r in d.rows(table):
            out.setdefault(r["CBJYQZBM"], []).append((status, r[on], r[reason]))
    for events in out.values():
        events.sort(key=lambda e: (e[0] == "cancelled", e[1]))
    return out


def predecessor_serial(serial: str, k: int) -> str:
    """The package carries the serial of the last certificate printed (CBJYQZDJB.CBJYQZLSH) only; the ones a
    补发 or 换发 took the place of are named after it by their place in the line: …第000001号（原证1）."""
    return f"{serial}（原证{k}）"


def certificate_records(d: Data) -> tuple[list[ImportedCertificate], list[ImportedCertificateEvent]]:
    djb = {r["CBJYQZBM"]: r for r in d.rows("CBJYQZDJB")}
    history = certificate_history(d)
    certs, events = [], []
    for r in sorted(d.rows("CBJYQZ"), key=lambda x: x["CBJYQZBM"]):
        code = r["CBJYQZBM"]
        serial = djb.get(code, {}).get("CBJYQZLSH") or code
        line = history.get(code, [])
        printings = sum(status != "cancelled" for status, _, _ in line)
        serials = [predecessor_serial(serial, k + 1) for k in range(printings)] + [serial]
        certs.append(
            ImportedCertificate(
                code, serials[0], r["FZRQ"], r.get("FZJG") or issuing_authority("land_contract", d.county)
            )
        )
        k = 0
        for status, on, reason in line:
            if status != "cancelled":
                k += 1
            events.append(
                ImportedCertificateEvent(
                    code, status, on, reason, serials[k] if status != "cancelled" else None
                )
            )
    return certs, events


def lease_records(d: Data) -> list[ImportedLease]:
    """LZHT rows that lease the management right out (not 转让 / 互换 of the contract right itself): the
    parcels
    CBDKXX names with the LZHTBM, else all of the contract's; the lessee the CBF that SRFBM names, else SRFBM
    itself as the lessee's code (证件类型 9)."""
    parties = {r["CBFBM"]: r for r in d.rows("CBF")}
    named: dict[str, list[str]] = {}
    held: dict[str, list[str]] = {}
    for r in d.rows("CBDKXX"):
        held.setdefault(r["CBHTBM"], []).append(r["DKBM"])
        if r.get("LZHTBM"):
            named.setdefault(r["LZHTBM"], []).append(r["DKBM"])
    out = []
    for r in sorted(d.rows("LZHT"), key=lambda x: x["LZHTBM"]):
        if r.get("LZFS") in CONTRACT_RIGHT_TRANSFERS:
            continue
        party = parties.get(r["SRFBM"])
        if party is not None:
            name, id_type, number = (
                party["CBFMC"],
                party.get("CBFZJLX") or "1",
                party.get("CBFZJHM") or r["SRFBM"],
            )
        else:
            name, id_type, number = r["SRFBM"], "9", r["SRFBM"]
        out.append(
            ImportedLease(
                r["LZHTBM"],
                r["CBHTBM"],
                sorted(named.get(r["LZHTBM"]) or held.get(r["CBHTBM"], [])),
                name,
                id_type,
                number,
                "other",
                r["LZQXKSRQ"],
                r["LZQXJSRQ"],
                r.get("LZHTDYT") or "1",
                r.get("HTQDRQ") or r["LZQXKSRQ"],
                {k: r.get(k) for k in LZHT_KEPT},
            )
        )
    return out
