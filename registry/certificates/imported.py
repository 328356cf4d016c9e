"""Certificates from an import (a 确权 package): each keeps its printed serial (CBJYQZLSH) and issue date
(FZRQ); a new verification code is drawn, the printed content is the contract as registered, and the
contract's register gets its certificate entry. Set-based; the caller has checked contracts and serials."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, text

from ..audit.services import record
from ..codes import new_verification_code
from ..people.bulk import _copy
from .labels import EVENT_LABELS, KIND_LABELS
from .models import Certificate
from .rights import SOURCES


@dataclass
class ImportedCertificate:
    contract_code: str
    serial: str
    issued_on: date
    authority: str


@dataclass
class ImportedCertificateEvent:
    """补发 / 换发 / 注销 of an imported certificate line (CBJYQZ_QZBF / _QZHF / _QZZX), in date order."""

    contract_code: str
    event: str  # reissued | replaced | cancelled: the status the certificate in force is left with
    on: date
    reason: str
    serial: str | None = None  # the successor's serial (reissued, replaced)


_SUCCESSOR_ORIGINS = {"reissued": "reissue", "replaced": "replacement"}


_MASK = "left({c}, 6) || repeat('*', length({c}) - 10) || right({c}, 4)"
_PERSON = (
    "jsonb_build_object('name', pe.name, 'sex', pe.sex, 'id_number', "
    + _MASK.format(c="pe.id_number")
    + ", 'relation', hm.relation, 'relation_label', NULL)"
)
# A unit (party type 3) holds its right itself: its name and its certificate (a credit code: not personal).
_UNIT = (
    "jsonb_build_object('name', {u}.name, 'id_type', {u}.id_type, 'id_number', {u}.id_number, 'unit', true)"
)
_INSERT = text(f"""
WITH c AS MATERIALIZED (
    SELECT ci.*, lc.id AS contract_id, lc.household_code, lc.collective_code, lc.method, r.term_start,
        r.term_end,
           r.land_type, r.entry_date
    FROM certificate_import ci JOIN land_contracts lc ON lc.code = ci.contract_code
    JOIN contract_register r ON r.contract_id = lc.id AND r.seq = 1
), parcels AS (
    SELECT cp.contract_id,
           jsonb_agg(jsonb_build_object('code', p.code, 'name', p.name, 'area_m2', p.area_m2::text,
               'area_mu', round(p.area_m2 * 0.0015, 2)::text, 'boundaries', p.boundaries,
               'land_class', p.land_class, 'basic_farmland', p.basic_farmland,
               'geometry', ST_AsGeoJSON(p.geom, 9)::jsonb) ORDER BY p.code) AS parcels,
           sum(p.area_m2) AS area
    FROM c JOIN contract_parcels cp ON cp.contract_id = c.contract_id JOIN parcels p ON p.id = cp.parcel_id
    GROUP BY cp.contract_id
), holders AS (
    SELECT ch.contract_id,
           jsonb_agg(CASE WHEN ch.unit_code IS NULL THEN {_PERSON} ELSE {_UNIT.format(u="u")} END
                     ORDER BY ch.id) AS holders
    FROM c JOIN contract_holders ch ON ch.contract_id = c.contract_id
    LEFT JOIN persons pe ON pe.id = ch.person_id
    LEFT JOIN households u ON u.code = ch.unit_code
    LEFT JOIN household_members hm ON hm.person_id = pe.id AND hm.household_code = c.household_code
    GROUP BY ch.contract_id
)
INSERT INTO certificates (number, kind, right_id, right_ref, collective_code, serial, origin, status,
    issued_on,
                          issued_by, verification_code, content)
SELECT c.contract_code, 'land_contract', c.contract_id, c.contract_code, c.collective_code, c.serial, 'issue',
       'issued', c.issued_on, :actor, c.verification_code,
       jsonb_build_object('code', c.contract_code, 'household_code', c.household_code,
           'collective', jsonb_build_object('code', c.collective_code, 'name', co.name), 'method', c.method,
           'land_type', c.land_type, 'term', jsonb_build_object('start', c.term_start, 'end', c.term_end),
           'holder', CASE WHEN h.party_type = '3' THEN {_UNIT.format(u="h")} ELSE {_PERSON} END,
           'right_holders', coalesce(holders.holders, '[]'::jsonb),
           'parcels', coalesce(parcels.parcels, '[]'::jsonb),
           'area_m2', round(coalesce(parcels.area, 0), 2)::text,
           'area_mu', round(coalesce(parcels.area, 0) * 0.0015, 2)::text, 'authority', c.authority)
FROM c JOIN collectives co ON co.code = c.collective_code LEFT JOIN parcels ON parcels.contract_id =
    c.contract_id
LEFT JOIN holders ON holders.contract_id = c.contract_id
LEFT JOIN households h ON h.code = c.household_code LEFT JOIN persons pe ON pe.id = h.head_person_id
LEFT JOIN household_members hm ON hm.person_id = pe.id AND hm.household_code = h.code
ORDER BY c.contract_code
""")
_REGISTER = text("""
INSERT INTO contract_register (contract_id, seq, entry_date, kind, actor, reason, details)
SELECT lc.id, 2, greatest(ci.issued_on, r.entry_date), 'certificate', :actor, :label || ' ' || ci.serial,
       jsonb_build_object('event', 'issued')
FROM certificate_import ci JOIN land_contracts lc ON lc.code = ci.contract_code
JOIN contract_register r ON r.contract_id = lc.id AND r.seq = 1
""")


def record_certificates_imported(session, actor, certs: list[ImportedCertificate], *, source: dict) -> int:
    """The certificates in force of freshly imported contracts (register entry 2 of each)."""
    for county in sorted({c.contract_code[:6] for c in certs}):
        actor.require_county(county, "reviewer")
    session.execute(text("DROP TABLE IF EXISTS pg_temp.certificate_import"))
    session.execute(
        text(
            "CREATE TEMP TABLE certificate_import (contract_code varchar(19), serial varchar(80), "
            "issued_on date, authority text, verification_code varchar(16)) ON COMMIT DROP"
        )
    )
    _copy(
        session,
        "certificate_import",
        ("contract_code", "serial", "issued_on", "authority", "verification_code"),
        ((c.contract_code, c.serial, c.issued_on, c.authority, new_verification_code()) for c in certs),
    )
    session.execute(text("ANALYZE certificate_import"))
    count = session.execute(_INSERT, {"actor": actor.username}).rowcount
    session.execute(
        _REGISTER, {"actor": actor.username, "label": EVENT_LABELS["issued"] + KIND_LABELS["land_contract"]}
    )
    if certs:
        record(
            session,
            actor,
            "certificate.import",
            "certificate_batch",
            f"{certs[0].serial}…{certs[-1].serial}",
            after={"count": count, **source},
        )
    return count


def record_certificate_history_imported(
    session, actor, events: list[ImportedCertificateEvent], *, source: dict
) -> int:
    """The history of freshly imported certificates, event by event (rare: a few per thousand): the one in
    force
    is voided with the event's date and reason; a 补发 or 换发 prints its successor (same snapshot, the
    package's
    serial, a new verification code) naming it in `replaces_id`; each event is an entry in the contract's
    register (RG-01). One audit entry for the batch."""
    for event in events:
        old = session.scalar(
            select(Certificate).where(
                Certificate.number == event.contract_code, Certificate.status == "issued"
            )
        )
        old.status, old.voided_on, old.void_reason, old.voided_by = (
            event.event,
            event.on,
            event.reason,
            actor.username,
        )
        session.flush()  # out of force before the successor enters it (one in force per right)
        cert = old
        if event.event in _SUCCESSOR_ORIGINS:
            cert = Certificate(
                number=old.number,
                kind=old.kind,
                right_id=old.right_id,
                right_ref=old.right_ref,
                collective_code=old.collective_code,
                serial=event.serial,
                origin=_SUCCESSOR_ORIGINS[event.event],
                origin_reason=event.reason,
                status="issued",
                issued_on=event.on,
                issued_by=actor.username,
                verification_code=new_verification_code(),
                content=dict(old.content),
                replaces_id=old.id,
            )
            session.add(cert)
            session.flush()
        source_of = SOURCES[old.kind]
        source_of.note_in_register(
            session,
            actor,
            source_of.get(session, old.right_id),
            event.on,
            event.event,
            f"{EVENT_LABELS[event.event]}{KIND_LABELS[old.kind]} {cert.serial}：{event.reason}",
        )
    if events:
        record(
            session,
            actor,
            "certificate.history_import",
            "certificate_batch",
            f"{events[0].contract_code}…{events[-1].contract_code}",
            after={"count": len(events), **source},
        )
    return len(events)
