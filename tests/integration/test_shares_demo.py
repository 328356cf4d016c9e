"""The shares demo step: skipped without members, quantifies one village once, idempotent."""

import json

from sqlalchemy import func, select

from registry import demo
from registry.membership.demo import demo_membership
from registry.shares.demo import demo_shares
from registry.shares.models import ShareHolding, SharePlan


def test_the_demo_step_quantifies_one_village_once_after_membership(session):
    data = json.loads(demo.FIXTURES.read_text())
    demo._collectives(session, data)
    demo._households(session, data)
    assert demo_shares(session, data).startswith("shares: skipped")
    demo_membership(session, data)
    line = demo_shares(session, data)
    plan = session.scalar(select(SharePlan))
    assert plan is not None and plan.collective_code in line
    total = session.scalar(select(func.sum(ShareHolding.shares)))
    assert f"quantified {total} shares" in line and total % 10 == 0
    assert "already" in demo_shares(session, data)
    assert session.scalar(select(func.count(SharePlan.id))) == 1
    assert demo_shares in demo.DEMO_STEPS
