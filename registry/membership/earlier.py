"""Members confirmed earlier (art. 66 农村集体经济组织法): those the 集体产权制度改革 already confirmed need
no
new confirmation; their memberships are recorded citing that earlier resolution. MEM-01 still holds: a person
active in any collective is refused, never moved."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..audit.services import record
from ..collectives.services import collective_or_404
from ..errors import Conflict, InvalidInput
from .models import Membership
from .roster import lock_person, note_change


def record_earlier_confirmations(
    session, actor, collective_code: str, person_ids: list[int], resolution_ref: str, on: date
) -> list[Membership]:
    actor.require_collective(collective_code, "clerk", "reviewer")
    collective_or_404(session, collective_code)
    ref = (resolution_ref or "").strip()
    if not ref:
        raise InvalidInput(
            "The earlier resolution that confirmed these members is required.",
            rule="MEM-02",
            errors={"resolution_ref": ["required"]},
        )
    for pid in sorted(person_ids):
        lock_person(session, pid)
    active = session.execute(
        select(Membership.person_id, Membership.collective_code).where(
            Membership.person_id.in_(person_ids), Membership.status == "active"
        )
    ).all()
    if active:
        raise Conflict(
            "{n} of these persons are active members already.",
            rule="MEM-01",
            params={"n": len(active)},
            conflicts=sorted({c for _, c in active}),
        )
    made = []
    for pid in person_ids:
        m = Membership(
            person_id=pid,
            collective_code=collective_code,
            status="active",
            since=on,
            basis_text=f"农村集体经济组织法第六十六条：{ref}",
        )
        session.add(m)
        made.append(m)
    session.flush()
    for m in made:
        note_change(session, m, "joined", on, "original")
    record(
        session,
        actor,
        "membership.import",
        "collective",
        collective_code,
        after={"count": len(made), "resolution_ref": ref, "since": on},
    )
    return made
