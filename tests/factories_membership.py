"""Factories for membership tests: valid assembly figures, pending applications, confirmations through the
rules."""

from __future__ import annotations

from datetime import date, timedelta

from registry.auth.actor import Actor
from registry.membership.models import MembershipApplication
from registry.membership.services import adopt_resolution
from registry import clock

MEETING = clock.today() - timedelta(days=5)
NOTICE = MEETING - timedelta(days=10)


def clerk_of(collective_code: str) -> Actor:
    return Actor(username=f"clerk-{collective_code}", role="clerk", scope=collective_code)


def assembly(members_total: int = 30, **over) -> dict:
    """Figures of a members' assembly that meet every art. 27 threshold exactly at 2/3."""
    data = {
        "body": "assembly",
        "subject": "membership",
        "notice_date": NOTICE,
        "meeting_date": MEETING,
        "members_total": members_total,
        "members_with_capacity": members_total,
        "attended": -(-members_total * 2 // 3),
        "votes_for": -(-members_total * 2 // 3),
        "decisions": [],
    }
    data.update(over)
    return data


def assembly_json(members_total: int = 30, **over) -> dict:
    data = assembly(members_total, **over)
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in data.items()}


def make_application(session, person, collective_code: str, basis: str = "original") -> MembershipApplication:
    a = MembershipApplication(
        collective_code=collective_code, person_id=person.id, basis=basis, status="pending"
    )
    session.add(a)
    session.flush()
    return a


def confirm(session, person, collective_code: str, basis: str = "original", **figures):
    """Confirm one person through a real resolution; returns (resolution, application)."""
    application = make_application(session, person, collective_code, basis)
    resolution = adopt_resolution(
        session,
        clerk_of(collective_code),
        collective_code,
        assembly(decisions=[{"application_id": application.id, "decision": "confirm"}], **figures),
    )
    return resolution, application


def seed(app, build):
    """Run build(session) in its own app context and commit; returns what build returns (plain values
    only)."""
    from registry.db import db

    with app.app_context():
        result = build(db.session)
        db.session.commit()
        db.session.remove()
    return result


def person_numbers(app, n: int = 1, sex: str = "1", collective_code: str | None = None) -> list[str]:
    """n registered persons, active members of `collective_code` when given; their full ID numbers."""
    from tests.factories import make_member, make_person

    def build(session):
        people = [make_person(session, f"成员{i}", sex) for i in range(n)]
        if collective_code:
            for p in people:
                make_member(session, p, collective_code)
        return [p.id_number for p in people]

    return seed(app, build)
