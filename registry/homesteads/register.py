"""The homestead register (登记簿, RG-01): numbered entries, each with the right's state after it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..codes import mask_id_number
from ..errors import InvalidInput
from .certificates import valid_certificate
from .models import HomesteadRegisterEntry, HomesteadRight


def snapshot(session, right: HomesteadRight) -> dict:
    """What the register says about the right after an entry; heirs' ID numbers masked (SEC-02)."""
    cert = valid_certificate(session, right.id)
    person = right.holder_person
    return {
        "status": right.status,
        "household_code": right.household_code,
        "holder_id_number": mask_id_number(person.id_number) if person else None,
        "holder_name": person.name if person else None,
        "collective_code": right.collective_code,
        "parcel_code": right.parcel.code,
        "unit_code": right.unit_code,
        "area_m2": str(right.parcel.area_m2),
        "note": right.note,
        "certificate_number": cert.number if cert else None,
        "ended_on": right.ended_on.isoformat() if right.ended_on else None,
        "end_reason": right.end_reason,
    }


def append_entry(
    session, actor, right: HomesteadRight, kind: str, on: date, reason: str, evidence_ref: str | None = None
) -> HomesteadRegisterEntry:
    # Numbering is safe without a sequence: every writer of a right holds its row lock (or just created it).
    last = session.scalar(
        select(HomesteadRegisterEntry)
        .where(HomesteadRegisterEntry.right_id == right.id)
        .order_by(HomesteadRegisterEntry.entry_no.desc())
        .limit(1)
    )
    if last is not None and on < last.entry_date:
        # Dates follow the numbering, or reading the state on a past date would be ambiguous.
        raise InvalidInput(
            "The entry date {on} is before the register's last entry ({last}).",
            rule="RG-01",
            params={"on": on.isoformat(), "last": last.entry_date.isoformat()},
            errors={"date": ["before the last register entry"]},
        )
    entry = HomesteadRegisterEntry(
        right_id=right.id,
        entry_no=(last.entry_no if last else 0) + 1,
        kind=kind,
        entry_date=on,
        reason=reason,
        evidence_ref=evidence_ref,
        state=snapshot(session, right),
        recorded_by=actor.username,
    )
    session.add(entry)
    session.flush()
    return entry


def entries(session, right_id: int, on: date | None = None) -> list[HomesteadRegisterEntry]:
    stmt = select(HomesteadRegisterEntry).where(HomesteadRegisterEntry.right_id == right_id)
    if on is not None:
        stmt = stmt.where(HomesteadRegisterEntry.entry_date <= on)
    return session.scalars(stmt.order_by(HomesteadRegisterEntry.entry_no)).all()
