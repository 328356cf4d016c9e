"""Factories for membership tests: valid assembly figures, pending applications, confirmations through the rules."""
from __future__ import annotations

from datetime import date, timedelta

from registry.auth.actor import Actor
from registry.membership.models import MembershipApplication
from registry.membership.services import adopt_resolution

MEETING = date.today() - timedelta(days=5)
NOTICE = MEETING - timedelta(days=10)


def clerk_of(collective_code: str) -> Actor:
    return Actor(username=f"clerk-{collective_code}", role="clerk", scope=collective_code)


def assembly(members_total: int = 30, **over) -> dict:
    """Figures of a members' assembly that meet every art. 27 threshold exactly at 2/3."""
    data = {"body": "assembly", "subject": "membership", "notice_date": NOTICE, "meeting_date": MEETING,
            "members_total": members_total, "members_with_capacity": members_total,
            "attended": -(-members_total * 2 // 3), "votes_for": -(-members_total * 2 // 3), "decisions": []}
    data.update(over)
    return data


def assembly_json(members_total: int = 30, **over) -> dict:
    data = assembly(members_total, **over)
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in data.items()}


def make_application(session, person, collective_code: str, basis: str = "original") -> MembershipApplication:
    a = MembershipApplication(collective_code=collective_code, person_id=person.id, basis=basis, status="pending")
    session.add(a)
    session.flush()
    return a


def confirm(session, person, collective_code: str, basis: str = "original", **figures):
    """Confirm one person through a real resolution; returns (resolution, application)."""
    application = make_application(session, person, collective_code, basis)
    resolution = adopt_resolution(session, clerk_of(collective_code), collective_code,
                                  assembly(decisions=[{"application_id": application.id, "decision": "confirm"}],
                                           **figures))
    return resolution, application
