"""The bureau's settlement-linkage report (UR-04): every flagged exit with its dates, decided or not."""

from __future__ import annotations

from sqlalchemy import select

from .. import clock
from ..codes import mask_id_number
from ..db import paginate
from ..people.models import Person
from ..exits.models import Exit
from ..exits.services import display_ref
from .models import HukouEvent


def settlement_linkage_report(
    session, actor, county: str | None, page: int = 1, per_page: int = 50
) -> tuple[list[dict], int]:
    """Flagged exits of the county (a reviewer's own; admin: any or all), oldest filing first."""
    actor.require_role("reviewer")
    if actor.role != "admin" or county:
        county = county or actor.scope
        actor.require_county(county, "reviewer")
    settler = select(Person.id_number).where(Person.id == HukouEvent.person_id).scalar_subquery()
    holder = select(Person.id_number).where(Person.id == Exit.holder_person_id).scalar_subquery()
    stmt = (
        select(
            Exit,
            HukouEvent.date.label("settlement_date"),
            settler.label("settler_id_number"),
            holder.label("holder_id_number"),
        )
        .join(HukouEvent, HukouEvent.id == Exit.settlement_event_id)
        .where(Exit.linkage_flag.is_(True))
    )
    if county:
        stmt = stmt.where(Exit.collective_code.startswith(county))
    rows, total = paginate(session, stmt.order_by(Exit.filed_on, Exit.id), page, per_page, rows=True)
    return [_row(r) for r in rows], total


def _row(row) -> dict:
    ex = row.Exit
    return {
        "exit_id": ex.id,
        "right": ex.right_kind,
        "ref": display_ref(ex.ref),
        "collective_code": ex.collective_code,
        "household_code": ex.household_code,
        "holder_id_number": mask_id_number(row.holder_id_number),
        "settler_id_number": mask_id_number(row.settler_id_number),
        "settlement_date": row.settlement_date,
        "filed_on": ex.filed_on,
        "days_after_settlement": (ex.filed_on - row.settlement_date).days,
        "status": ex.status,
        "decided_on": clock.local_date(ex.decided_at) if ex.decided_at else None,
        "decided_by": ex.decided_by,
        "attested_voluntary": ex.attested_voluntary,
        "compensation_fen": ex.compensation_fen,
        "reason": ex.reason,
    }


def exit_evidence(session, actor, item) -> dict:
    """What the reviewer decides an exit's review item on: the filing, the holder, and the settlement it
    follows when flagged; ID numbers masked (SEC-02). Empty for other kinds of item."""
    actor.require_county(item.county_code, "reviewer")
    if not item.kind.startswith("exit:"):
        return {}
    ex = session.get(Exit, item.subject_id)
    holder = session.get(Person, ex.holder_person_id)
    event = session.get(HukouEvent, ex.settlement_event_id) if ex.settlement_event_id else None
    settler = session.get(Person, event.person_id) if event else None
    return {
        "exit": ex,
        "holder": holder,
        "holder_id": mask_id_number(holder.id_number),
        "event": event,
        "settler_id": mask_id_number(settler.id_number) if settler else None,
        "days_after": (ex.filed_on - event.date).days if event else None,
    }
