"""Loading checked records through the areas' services, in dependency order, in the caller's transaction:
FBF → collectives; CBF + CBF_JTCY → households and persons; DK → parcels (the bulk service, PAR-01/02 as
EX-07); CBHT + CBDKXX + CBJYQZDJB → contracts; LZHT → leases; CBJYQZ + CBJYQZDJB → certificates, then their
补发 / 换发 / 注销
(CBJYQZ_QZBF / _QZHF / _QZZX)."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import text

from ..certificates.imported import (
    record_certificates_imported,
)
from ..codes import advance_sequence
from ..collectives.bulk import ensure_collectives
from ..contracts.imported import (
    register_contracts_imported,
    register_leases_imported,
)
from ..errors import RegistryError
from ..parcels.bulk import register_parcels_array
from ..parcels.geometry import SRID
from ..people.bulk import (
    register_households_bulk,
    register_units_bulk,
)
from .checks import Data, ex08_parcel_areas
from .findings import Finding, error
from .transfers import plan_transfers, replay
from .records import (
    unit_records,
    household_records,
    parcel_properties,
    highest_sequences,
    contract_records,
    holders_by_contract,
    certificate_records,
    lease_records,
)


class Refused(Exception):
    def __init__(self, findings: list[Finding]):
        super().__init__(f"{len(findings)} findings")
        self.findings = findings


def _parcels(session, actor, d: Data) -> tuple[int, list[Finding]]:
    try:
        result = register_parcels_array(session, actor, parcel_properties(d), d.geoms, SRID)
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
    advance_sequence(session, highest_sequences((r["DKBM"] for r in d.dk), 14, "parcel"))
    areas = dict(
        session.execute(
            text("SELECT code, area_m2 FROM parcels WHERE code = ANY(:codes)"), {"codes": result.codes}
        ).all()
    )
    return len(result.codes), ex08_parcel_areas(d, areas)


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
    households = household_records(d, registered_on, findings)
    if any(f.severity == "error" for f in findings):
        raise Refused(findings)
    counts.update(register_households_bulk(session, actor, households, source=source))
    units = unit_records(d)
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
        for c in contract_records(d, holders_by_contract(d, households), unit_codes, plan.homes)
        if c.code[:18] not in skipped and c.code not in plan.created
    ]
    counts["contracts"] = register_contracts_imported(session, actor, contracts, source=source)
    _analyze(session, "land_contracts", "contract_parcels", "contract_holders", "contract_register")
    progress(0.85)
    certs, events = certificate_records(d)
    certs = [c for c in certs if c.contract_code[:18] not in skipped]
    first = [c for c in certs if c.contract_code not in plan.created]
    counts["certificates"] = record_certificates_imported(session, actor, first, source=source)
    events = [e for e in events if e.contract_code[:18] not in skipped]
    later = [c for c in certs if c.contract_code in plan.created]
    counts["transfers"] = replay(session, actor, plan, later, events, source=source)
    counts["contracts"] += len(plan.created)
    counts["certificates"] += len(later)
    leases = [x for x in lease_records(d) if x.contract_code[:18] not in skipped]
    counts["transfers"] += register_leases_imported(session, actor, leases, source=source)
    filed = [x.code for x in leases] + [t.code for t in plan.transfers]
    advance_sequence(session, highest_sequences(filed, 14, "lease"))
    progress(0.95)
    return counts, findings
