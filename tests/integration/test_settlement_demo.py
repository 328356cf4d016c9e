"""The demo step records one villager's urban settlement, once, and it changes no right (UR-01)."""

import pytest
from sqlalchemy import select

from registry.demo import load_demo
from registry.membership.models import Membership
from registry.settlement.models import HukouEvent
from tests.factories_homesteads import homestead_world

# the demo's homestead step needs the seeded caps, which the table clean-up after each test removes
pytestmark = pytest.mark.usefixtures("homestead_world")
assert homestead_world


def test_the_demo_settlement_is_recorded_once_and_changes_no_right(session):
    lines = load_demo(session)
    assert any(line.startswith("settlement: ") and "already" not in line for line in lines)
    events = session.scalars(select(HukouEvent)).all()
    assert [e.kind for e in events] == ["urban_settlement"]
    settler = events[0].person_id
    assert session.scalar(select(Membership.status).where(Membership.person_id == settler)) == "active"
    assert any("already recorded" in line for line in load_demo(session))
    assert len(session.scalars(select(HukouEvent)).all()) == 1
