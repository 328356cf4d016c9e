"""Contracts from an import (a 确权 package; family contracts, and a unit's or a person's by other
methods): the register as the source recorded it, dated from the
source (登记时间), not today; set-based. The caller has checked the codes, parcels and holders; LC-03 is held
by the exclusion constraint of `contract_parcels` all the same.

No LC-01 membership check here: the 确权 contracts were concluded and registered before this registry, and
the 确权 family list confirms no membership (MEM-02) — the contract records the right as it was registered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, text

from ..audit.services import record
from ..parcels.models import Parcel
from ..people.bulk import _copy
from . import register as reg
from .models import LandContract, Lease, LeaseParcel
from .terms import lease_registrable


@dataclass
class ImportedContract:
    code: str  # party code + J (family) or Q (other methods)
    method: str  # 110 / 200 / 300, or 120x
    land_type: str
    term_start: date
    term_end: date
    registered_on: date  # CBJYQZDJB.DJSJ: the register's first entry
    parcel_codes: list[str]
    holder_id_numbers: list[str]
    document_ref: str | None = None
    unit_code: str | None = None  # a unit's contract: the unit holds the right itself (no persons)


@dataclass
class ImportedLease:
    """A 流转合同 (LZHT) of an imported contract: the management right leased out (LC-09), as the source
    filed it."""

    code: str  # LZHTBM, 18 digits
    contract_code: str
    parcel_codes: list[str]
    lessee_name: str
    lessee_id_type: str
    lessee_id_number: str
    mode: str
    start_date: date
    end_date: date
    land_use: str
    signed_on: date  # HTQDRQ: the lease is filed as of then
    source_fields: dict  # what the registry has no column for (SRFBM, LZFS, LZQX, LZJGSM …), for the export


def register_leases_imported(session, actor, leases: list[ImportedLease], *, source: dict) -> int:
    """Leases of freshly imported contracts, one by one (a few per hundred contracts), each noted in its
    contract's register (in date order: never before the register's last entry); one audit entry for all.
    The caller has checked codes, parcels, use and periods (LC-09); the table's CHECKs hold them all the same.
    The price is not in the package as a number (LZJGSM is text): price_fen 0, the text kept."""
    for item in leases:
        contract = session.scalar(select(LandContract).where(LandContract.code == item.contract_code))
        parcels = session.scalars(
            select(Parcel).where(Parcel.code.in_(item.parcel_codes)).order_by(Parcel.code)
        ).all()
        lease = Lease(
            code=item.code,
            contract_id=contract.id,
            collective_code=contract.collective_code,
            lessee_kind="organisation" if item.lessee_id_type == "3" else "person",
            lessee_name=item.lessee_name,
            lessee_id_type=item.lessee_id_type,
            lessee_id_number=item.lessee_id_number,
            mode=item.mode,
            start_date=item.start_date,
            end_date=item.end_date,
            land_use=item.land_use,
            price_fen=0,
            registrable=lease_registrable(item.start_date, item.end_date),
            filed_on=item.signed_on,
            filed_by=actor.username,
        )
        session.add(lease)
        session.flush()
        session.add_all([LeaseParcel(lease_id=lease.id, parcel_id=p.id) for p in parcels])
        on = max(item.signed_on, reg.last_entry_date(session, contract) or item.signed_on)
        reg.append_entry(
            session,
            contract,
            actor,
            "lease_filed",
            on,
            details={
                "lease": lease.code,
                "re_lease_of": None,
                "lessee": item.lessee_name,
                "parcels": [p.code for p in parcels],
                "start_date": item.start_date.isoformat(),
                "end_date": item.end_date.isoformat(),
                "registrable": lease.registrable,
                "imported": item.source_fields,
            },
        )
    if leases:
        record(
            session,
            actor,
            "lease.import",
            "land_lease_batch",
            f"{leases[0].code}…{leases[-1].code}",
            after={"count": len(leases), **source},
        )
    return len(leases)


def register_contracts_imported(session, actor, contracts: list[ImportedContract], *, source: dict) -> int:
    """Contracts, their parcel and holder intervals and their initial register entries, in five statements."""
    for county in sorted({c.code[:6] for c in contracts}):
        actor.require_county(county, "reviewer")
    session.execute(text("DROP TABLE IF EXISTS pg_temp.contract_import, pg_temp.contract_part_import"))
    session.execute(
        text(
            "CREATE TEMP TABLE contract_import (code varchar(19), method varchar(3), land_type varchar(10), "
            "term_start date, term_end date, registered_on date, document_ref varchar(200)) ON COMMIT DROP"
        )
    )
    session.execute(
        text(
            "CREATE TEMP TABLE contract_part_import (code varchar(19), kind char(1), ref varchar(19)) "
            "ON COMMIT DROP"
        )
    )
    _copy(
        session,
        "contract_import",
        ("code", "method", "land_type", "term_start", "term_end", "registered_on", "document_ref"),
        (
            (c.code, c.method, c.land_type, c.term_start, c.term_end, c.registered_on, c.document_ref)
            for c in contracts
        ),
    )
    _copy(
        session,
        "contract_part_import",
        ("code", "kind", "ref"),
        (
            (c.code, kind, ref)
            for c in contracts
            for kind, refs in (
                ("p", c.parcel_codes),
                ("h", c.holder_id_numbers),
                ("u", [c.unit_code] if c.unit_code else []),
            )
            for ref in refs
        ),
    )
    session.execute(text("ANALYZE contract_import; ANALYZE contract_part_import"))
    count = session.execute(
        text(
            "INSERT INTO land_contracts (code, household_code, collective_code, method) "
            "SELECT code, substr(code, 1, 18), substr(code, 1, 14), method FROM contract_import ORDER BY code"
        )
    ).rowcount
    session.execute(
        text(
            "INSERT INTO contract_parcels (contract_id, parcel_id, valid_from) "
            "SELECT lc.id, p.id, ci.registered_on FROM contract_part_import x JOIN contract_import ci ON "
            "ci.code = x.code "
            "JOIN land_contracts lc ON lc.code = x.code JOIN parcels p ON p.code = x.ref WHERE x.kind = 'p'"
        )
    )
    session.execute(
        text(
            "INSERT INTO contract_holders (contract_id, person_id, valid_from) "
            "SELECT lc.id, pe.id, ci.registered_on FROM contract_part_import x JOIN contract_import ci ON "
            "ci.code = x.code "
            "JOIN land_contracts lc ON lc.code = x.code JOIN persons pe ON pe.id_number = x.ref WHERE x.kind "
            "= 'h'"
        )
    )
    session.execute(
        text(
            "INSERT INTO contract_holders (contract_id, unit_code, valid_from) "
            "SELECT lc.id, x.ref, ci.registered_on FROM contract_part_import x "
            "JOIN contract_import ci ON ci.code = x.code JOIN land_contracts lc ON lc.code = x.code "
            "WHERE x.kind = 'u'"
        )
    )
    session.execute(
        text(
            "INSERT INTO contract_register (contract_id, seq, entry_date, kind, actor, reason, document_ref, "
            "term_start, "
            "term_end, land_type, details) "
            "SELECT lc.id, 1, ci.registered_on, 'initial', :actor, :reason, ci.document_ref, ci.term_start, "
            "ci.term_end, "
            "ci.land_type, jsonb_build_object('method', ci.method, 'imported_from', CAST(:package AS text), "
            "'parcels', "
            "x.parcels) "
            "FROM contract_import ci JOIN land_contracts lc ON lc.code = ci.code "
            "LEFT JOIN (SELECT code, jsonb_agg(ref ORDER BY ref) AS parcels FROM contract_part_import WHERE "
            "kind = 'p' "
            "GROUP BY code) x ON x.code = ci.code"
        ),
        {"actor": actor.username, "reason": "确权登记成果导入", "package": source.get("package")},
    )
    if contracts:
        record(
            session,
            actor,
            "contract.import",
            "land_contract_batch",
            f"{contracts[0].code}…{contracts[-1].code}",
            after={"count": count, **source},
        )
    return count
