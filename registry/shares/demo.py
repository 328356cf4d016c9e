"""Demo step: the first demo village with confirmed members quantifies 10 shares per member (static)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from ..auth.actor import SYSTEM
from ..membership.services import active_member_count, adopt_resolution
from .holdings import adopt_share_plan
from .models import SharePlan
from .settings import ShareSettings
from .. import clock

DEMO_SHARES_PER_MEMBER = 10


def demo_shares(session, data, today: date | None = None) -> str:
    """Idempotent: a village that has a plan is left alone; without active members the step is skipped."""
    villages = sorted(c["code"] for c in data["collectives"] if c["level"] == "village")
    done = session.scalar(select(SharePlan).where(SharePlan.collective_code.in_(villages)))
    if done is not None:
        return f"shares: {done.collective_code} quantified already"
    meeting = (today or clock.today()) - timedelta(days=7)
    for code in villages:
        members = active_member_count(session, code, as_of=meeting)
        if not members:
            continue
        resolution = adopt_resolution(
            session,
            SYSTEM,
            code,
            {
                "body": "assembly",
                "subject": "share_plan",
                "notice_date": meeting - timedelta(days=12),
                "meeting_date": meeting,
                "members_total": members,
                "members_with_capacity": members,
                "attended": members,
                "votes_for": members,
                "evidence_ref": "股份量化方案 成员大会会议记录（演示）",
            },
        )
        _, total = adopt_share_plan(
            session, SYSTEM, code, resolution.id, DEMO_SHARES_PER_MEMBER, "static", ShareSettings()
        )
        return f"shares: {code} quantified {total} shares to {members} members"
    return "shares: skipped, no village has active members yet"
