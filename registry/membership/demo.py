"""Demo step: every demo household member becomes an original member through an assembly resolution."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from ..auth.actor import SYSTEM
from ..people.models import Person
from .applications import pending_application, submit_application
from .resolutions import adopt_resolution
from .roster import active_member_count, active_membership
from .. import clock


def demo_membership(session, data, today: date | None = None) -> str:
    """Idempotent: persons already active anywhere are left alone; only the others are confirmed."""
    meeting = (today or clock.today()) - timedelta(days=14)
    by_collective: dict[str, list[str]] = {}
    for h in data["households"]:
        by_collective.setdefault(h["collective_code"], []).extend(m["id_number"] for m in h["members"])
    confirmed = resolutions = 0
    for code, numbers in sorted(by_collective.items()):
        applications = []
        for person in session.scalars(select(Person).where(Person.id_number.in_(numbers))):
            if active_membership(session, person.id) is not None:
                continue
            application = pending_application(session, person.id, code) or submit_application(
                session, SYSTEM, code, person.id_number, "original", "首次成员身份确认登记表"
            )
            applications.append(application)
        if not applications:
            continue
        total = active_member_count(session, code, as_of=meeting) + len(applications)
        adopt_resolution(
            session,
            SYSTEM,
            code,
            {
                "body": "assembly",
                "subject": "membership",
                "notice_date": meeting - timedelta(days=12),
                "meeting_date": meeting,
                "members_total": total,
                "members_with_capacity": total,
                "attended": total,
                "votes_for": total,
                "evidence_ref": "成员大会会议记录（演示）",
                "decisions": [{"application_id": a.id, "decision": "confirm"} for a in applications],
            },
        )
        confirmed += len(applications)
        resolutions += 1
    return f"memberships: {confirmed} confirmed by {resolutions} assembly resolutions"
