"""The demo step confirms every demo household member through a resolution, and running it again changes
nothing.

Only the steps up to and including the membership step run, so another area's demo step cannot mask this one.
"""

import json

from sqlalchemy import func, select

from registry.demo import DEMO_STEPS, FIXTURES, _households
from registry.membership.demo import demo_membership
from registry.membership.models import Membership, Resolution


def _run_up_to_membership(session, data):
    for step in DEMO_STEPS[: DEMO_STEPS.index(demo_membership) + 1]:
        step(session, data)
        session.flush()


def test_the_demo_confirms_every_household_member_once(session):
    data = json.loads(FIXTURES.read_text())
    assert DEMO_STEPS.index(demo_membership) > DEMO_STEPS.index(_households)
    people = {m["id_number"] for h in data["households"] for m in h["members"]}
    _run_up_to_membership(session, data)
    active = session.scalar(select(func.count(Membership.id)).where(Membership.status == "active"))
    assert active == len(people)
    resolutions = select(Resolution).where(Resolution.subject == "membership")
    assert len(session.scalars(resolutions).all()) == len({h["collective_code"] for h in data["households"]})
    assert {r.body for r in session.scalars(resolutions)} == {"assembly"}
    assert demo_membership(session, data) == "memberships: 0 confirmed by 0 assembly resolutions"
    assert session.scalar(select(func.count(Membership.id))) == len(people)
