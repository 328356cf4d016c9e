"""The assembly resolution a share plan or a distribution rests on: this collective, the right subject,
adopted
by the members' assembly with the art. 27 thresholds (MEM-02), compared in whole numbers."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, or_, select

from ..errors import RuleViolation
from ..membership.models import Membership, Resolution


def adopted_resolution(
    session, collective_code: str, resolution_id: int, subject: str, *, rule: str, notice_days: int
) -> Resolution:
    """The resolution, or a refusal under `rule` naming what is wrong with it."""
    resolution = session.get(Resolution, resolution_id)
    if resolution is None or resolution.collective_code != collective_code:
        raise RuleViolation(
            "Resolution {id} is not a resolution of collective {code}.",
            rule=rule,
            params={"id": resolution_id, "code": collective_code},
            errors={"resolution_id": ["no resolution of this collective"]},
        )
    problems = {}
    if resolution.subject != subject:
        problems["subject"] = f"the subject must be {subject}"
    if resolution.body != "assembly" or not resolution.adopted:
        problems["body"] = "adopted by the members' assembly"
    if resolution.meeting_date - resolution.notice_date < timedelta(days=notice_days):
        problems["notice_date"] = f"noticed at least {notice_days} days before the meeting"
    if 3 * resolution.attended < 2 * resolution.members_with_capacity:
        problems["attended"] = "attended by at least 2/3 of the members with full capacity"
    if 3 * resolution.votes_for < 2 * resolution.members_total:
        problems["votes_for"] = "approved by at least 2/3 of all members"
    on_roster = _members_on(session, collective_code, resolution.meeting_date)
    if resolution.members_total < on_roster:
        problems["members_total"] = f"counts all {on_roster} members on the roster that day"
    if problems:
        raise RuleViolation(
            "Resolution {id} does not carry this decision: {fields}.",
            rule=rule,
            params={"id": resolution_id, "fields": sorted(problems)},
            errors={"resolution_id": [f"{k}: {v}" for k, v in sorted(problems.items())]},
        )
    return resolution


def _members_on(session, collective_code: str, day) -> int:
    # ended_on is the first day without membership (MEM-01 ends A on the day B's membership starts)
    return session.scalar(
        select(func.count(Membership.id)).where(
            Membership.collective_code == collective_code,
            Membership.since <= day,
            or_(Membership.ended_on.is_(None), Membership.ended_on > day),
        )
    )
