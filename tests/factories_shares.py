"""Factories for the share tests: villages of member households and assembly resolutions.

Resolutions are written as rows (the membership area owns the endpoint that adopts them); the figures default
to
a lawful art. 27 meeting of the collective's whole roster.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from registry.db import db
from registry.membership.models import Membership, Resolution
from registry.settlement.models import HukouEvent
from tests.factories import VILLAGE_A, make_household, make_member, make_person
from registry import clock


def make_resolution(
    session,
    collective_code: str,
    subject: str = "share_plan",
    *,
    body: str = "assembly",
    meeting_date: date | None = None,
    notice_days: int = 12,
    members_total: int | None = None,
    attended: int | None = None,
    votes_for: int | None = None,
    adopted: bool = True,
) -> Resolution:
    meeting_date = meeting_date or clock.today() - timedelta(days=1)
    roster = session.scalar(
        select(func.count(Membership.id)).where(
            Membership.collective_code == collective_code, Membership.status == "active"
        )
    )
    total = members_total if members_total is not None else max(roster, 1)
    r = Resolution(
        collective_code=collective_code,
        body=body,
        subject=subject,
        notice_date=meeting_date - timedelta(days=notice_days),
        meeting_date=meeting_date,
        members_total=total,
        members_with_capacity=total,
        attended=attended if attended is not None else total,
        votes_for=votes_for if votes_for is not None else total,
        adopted=adopted,
        created_by="clerk",
    )
    session.add(r)
    session.flush()
    return r


def make_member_households(session, collective_code: str, sizes: list[int], members: bool = True):
    """One household per entry of `sizes`, with that many persons, all active members when `members`."""
    result = []
    for size in sizes:
        people = [make_person(session, f"成员{i}", "1" if i % 2 else "2") for i in range(size)]
        household = make_household(session, collective_code, people[0], [(p, "20") for p in people[1:]])
        if members:
            for p in people:
                make_member(session, p, collective_code)
        result.append((household, people))
    return result


def end_by_death(session, person, collective_code: str, on: date | None = None) -> None:
    m = session.scalar(
        select(Membership).where(
            Membership.person_id == person.id,
            Membership.collective_code == collective_code,
            Membership.status == "active",
        )
    )
    m.status, m.ended_on, m.end_reason = "ended", on or clock.today(), "death"
    m.end_evidence_ref = "死亡证明 2026-001"
    session.flush()


def record_urban_settlement(session, person, household_code: str, on: date | None = None) -> HukouEvent:
    event = HukouEvent(
        person_id=person.id,
        kind="urban_settlement",
        date=on or clock.today(),
        household_code=household_code,
        recorded_by="police",
    )
    session.add(event)
    session.flush()
    return event


def build(app, fn):
    """Run `fn(session)` in the app and commit; returns its result (plain values survive the session)."""
    with app.app_context():
        result = fn(db.session)
        db.session.commit()
        db.session.remove()
    return result


def adopt_via_api(
    api,
    collective_code: str,
    subject: str = "share_plan",
    members_total: int = 1,
    meeting_date: date | None = None,
    **over,
) -> int:
    """An assembly resolution through the membership endpoint, meeting every art. 27 threshold."""
    meeting_date = meeting_date or clock.today() - timedelta(days=1)
    body = {
        "body": "assembly",
        "subject": subject,
        "notice_date": (meeting_date - timedelta(days=10)).isoformat(),
        "meeting_date": meeting_date.isoformat(),
        "members_total": members_total,
        "members_with_capacity": members_total,
        "attended": members_total,
        "votes_for": members_total,
        **over,
    }
    r = api.post(f"/api/v1/collectives/{collective_code}/resolutions", body)
    assert r.status_code == 201, r.get_json()
    return r.get_json()["id"]


def quantified_village(
    app, api, sizes, shares_per_member: int = 10, management: str = "static", collective_code: str = VILLAGE_A
):
    """Member households of the given sizes with shares quantified through the API.
    Returns [(household_code, [id_number, ...]), ...] in household order."""

    def make(session):
        return [
            (h.code, [p.id_number for p in people])
            for h, people in make_member_households(session, collective_code, list(sizes))
        ]

    households = build(app, make)
    resolution = adopt_via_api(api, collective_code, members_total=sum(sizes))
    r = api.post(
        f"/api/v1/collectives/{collective_code}/share-plans",
        {"resolution_id": resolution, "shares_per_member": shares_per_member, "management": management},
    )
    assert r.status_code == 201, r.get_json()
    return households
