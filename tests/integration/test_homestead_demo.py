"""The demo step registers homesteads for demo households once their members are confirmed, and only once."""

import pytest
from sqlalchemy import select

from registry.demo import load_demo
from registry.homesteads.demo import PER_VILLAGE, VILLAGE_CORES
from registry.homesteads.models import HomesteadRight
from tests.factories_homesteads import homestead_world

pytestmark = pytest.mark.usefixtures("homestead_world")
assert homestead_world


def test_demo_homesteads_are_registered_once(session):
    expected = PER_VILLAGE * len(VILLAGE_CORES)
    assert f"homesteads: {expected} new" in load_demo(session)  # after the membership step confirmed members
    assert "homesteads: 0 new" in load_demo(session)
    rights = session.scalars(select(HomesteadRight).where(HomesteadRight.status == "active")).all()
    assert len(rights) == expected and len({r.household_code for r in rights}) == expected
    assert all(len(r.unit_code) == 28 and r.collective_code in VILLAGE_CORES for r in rights)
