"""Loading checked records through the areas' services, in dependency order, in the caller's transaction:
FBF → collectives; CBF + CBF_JTCY → households and persons; DK → parcels (the bulk service, PAR-01/02 as
EX-07); CBHT + CBDKXX + CBJYQZDJB → contracts; LZHT → leases; CBJYQZ + CBJYQZDJB → certificates, then their
补发 / 换发 / 注销
(CBJYQZ_QZBF / _QZHF / _QZZX)."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date

from sqlalchemy import text

from .. import clock
from ..certificates.imported import (
    ImportedCertificate,
    ImportedCertificateEvent,
    record_certificates_imported,
)
from ..certificates.regions import issuing_authority
from ..codes import advance_sequence
from ..collectives.bulk import ensure_collectives
from ..contracts.imported import (
    ImportedContract,
    ImportedLease,
    register_contracts_imported,
    register_leases_imported,
)
from ..errors import RegistryError
from ..parcels.bulk import register_parcels_array
from ..parcels.geometry import SRID
from ..people.bulk import (
    ImportedHousehold,
    ImportedMember,
    ImportedUnit,
    register_households_bulk,
    register_units_bulk,
)
from ..people.relations import HEAD
from .checks import Data, ex08_parcel_areas
from .fields import CERTIFICATE_HISTORY, CONTRACT_RIGHT_TRANSFERS, HEAD_RELATIONS, LZHT_KEPT, land_class_2017
from .findings import Finding, error
from .parties import UNIT
from .transfers import plan_transfers, replay
from .persons import normalise_id


class Refused(Exception):
    def __init__(self, findings: list[Finding]):
        super().__init__(f"{len(findings)} findings")
        self.findings = findings


def _units(d: Data) -> list[ImportedUnit]:
    """CBF rows of units (单位, CBFLX 3): a party with its name and certificate, no person (EX-09 checked)."""
    return [
        ImportedUnit(r["CBFBM"], r["CBFMC"], r["CBFZJLX"], r["CBFZJHM"].strip().upper())
        for r in sorted(d.rows("CBF"), key=lambda x: x["CBFBM"])
        if r.get("CBFLX") == UNIT
    ]


def _households(d: Data, registered_on: dict[str, date], findings: list) -> list[ImportedHousehold]:
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


def _properties(d: Data) -> list[dict]:
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


def _parcels(session, actor, d: Data) -> tuple[int, list[Finding]]:
    try:
        result = register_parcels_array(session, actor, _properties(d), d.geoms, SRID)
    except RegistryError as err:
        findings = []
        for name, messages in sorted((err.errors or {}).items()):
            idx = int(name.split(".")[1]) if name.startswith("features.") else None
            key = d.dk[idx]["DKBM"] if idx is not None else ""
            findings += [
                error("EX-07", "DK", key, "{rule}: {why}", rule=err.rule or "PAR-01", why=m) for m in messages
            ]
        raise Refused(
            findings
            or [
                error(
                    "EX-07",
                    "DK",
                    "",
                    "{rule}: {why}",
                    rule=err.rule or "PAR-01",
                    why=err.detail.format(**err.params),
                )
            ]
        ) from None
    advance_sequence(session, _highest((r["DKBM"] for r in d.dk), 14, "parcel"))
    areas = dict(
        session.execute(
            text("SELECT code, area_m2 FROM parcels WHERE code = ANY(:codes)"), {"codes": result.codes}
        ).all()
    )
    return len(result.codes), ex08_parcel_areas(d, areas)


def _highest(codes, width: int, kind: str) -> list[tuple[str, str, int]]:
    top: dict[str, int] = {}
    for c in codes:
        top[c[:width]] = max(top.get(c[:width], 0), int(c[width:]))
    return [(scope, kind, v) for scope, v in top.items()]


def _contracts(
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


def _holders(d: Data, households: list[ImportedHousehold]) -> dict[str, list[str]]:
    flagged: dict[str, list[str]] = {}
    for r in d.rows("CBF_JTCY"):
        if r.get("SFGYR") == "1":
            flagged.setdefault(r["CBFBM"], []).append(r["CYZJHM"])
    return {h.code: flagged.get(h.code) or [m.id_number for m in h.members] for h in households}


def _history(d: Data) -> dict[str, list[tuple[str, date, str]]]:
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


def _certificates(d: Data) -> tuple[list[ImportedCertificate], list[ImportedCertificateEvent]]:
    djb = {r["CBJYQZBM"]: r for r in d.rows("CBJYQZDJB")}
    history = _history(d)
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


def _leases(d: Data) -> list[ImportedLease]:
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


def _analyze(session, *tables: str) -> None:
    """Statistics that include the rows just loaded (ANALYZE sees this transaction's own rows): the next
    statements join these tables, and a plan made for the empty tables they were would be quadratic."""
    session.execute(text("ANALYZE " + ", ".join(tables)))


@contextmanager
def _sampled_statistics(session):
    """The ANALYZEs of a load (its own and the areas' bulk services') on a sample of 3,000 rows instead of
    30,000: row counts and distinct codes are all the plans of the load need, and the full sample cost
    seconds per table at 100,000 parcels. Transaction-local (the caller's savepoint); autovacuum computes the
    full statistics later."""
    previous = session.execute(text("SHOW default_statistics_target")).scalar_one()
    session.execute(text("SELECT set_config('default_statistics_target', '10', true)"))
    yield  # a failed load rolls its savepoint back, and the setting with it
    session.execute(text("SELECT set_config('default_statistics_target', :v, true)"), {"v": previous})


def load(session, actor, d: Data, source: dict, progress=lambda f: None) -> tuple[dict, list[Finding]]:
    """Everything or a Refused with the findings; the caller commits or rolls back."""
    with _sampled_statistics(session):
        return _load(session, actor, d, source, progress)


def _load(session, actor, d: Data, source: dict, progress) -> tuple[dict, list[Finding]]:
    findings: list[Finding] = []
    counts = dict.fromkeys(
        ("collectives", "households", "persons", "parcels", "contracts", "certificates", "transfers"), 0
    )
    counts["collectives"] = ensure_collectives(
        session, actor, [(r["FBFBM"], r["FBFMC"]) for r in d.rows("FBF")], source=source
    )
    progress(0.1)
    registered_on = {r["CBFBM"]: r["DJSJ"] for r in d.rows("CBJYQZDJB") if r.get("DJSJ")}
    households = _households(d, registered_on, findings)
    if any(f.severity == "error" for f in findings):
        raise Refused(findings)
    counts.update(register_households_bulk(session, actor, households, source=source))
    units = _units(d)
    counts["households"] += register_units_bulk(session, actor, units, source=source)
    _analyze(session, "households", "household_members")
    progress(0.3)
    counts["parcels"], area_findings = _parcels(session, actor, d)
    _analyze(session, "parcels")
    findings += area_findings
    progress(0.7)
    skipped = {r["CBFBM"] for r in d.rows("CBF")} - {h.code for h in households} - {u.code for u in units}
    unit_codes = {u.code for u in units}
    plan = plan_transfers(d)  # 转让 / 互换: their parcels are loaded where they stood before, then replayed
    findings += plan.findings
    contracts = [
        c
        for c in _contracts(d, _holders(d, households), unit_codes, plan.homes)
        if c.code[:18] not in skipped and c.code not in plan.created
    ]
    counts["contracts"] = register_contracts_imported(session, actor, contracts, source=source)
    _analyze(session, "land_contracts", "contract_parcels", "contract_holders", "contract_register")
    progress(0.85)
    certs, events = _certificates(d)
    certs = [c for c in certs if c.contract_code[:18] not in skipped]
    first = [c for c in certs if c.contract_code not in plan.created]
    counts["certificates"] = record_certificates_imported(session, actor, first, source=source)
    events = [e for e in events if e.contract_code[:18] not in skipped]
    later = [c for c in certs if c.contract_code in plan.created]
    counts["transfers"] = replay(session, actor, plan, later, events, source=source)
    counts["contracts"] += len(plan.created)
    counts["certificates"] += len(later)
    leases = [x for x in _leases(d) if x.contract_code[:18] not in skipped]
    counts["transfers"] += register_leases_imported(session, actor, leases, source=source)
    filed = [x.code for x in leases] + [t.code for t in plan.transfers]
    advance_sequence(session, _highest(filed, 14, "lease"))
    progress(0.95)
    return counts, findings
