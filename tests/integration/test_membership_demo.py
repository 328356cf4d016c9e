"""The demo step confirms every demo household member through a resolution, and running it again changes nothing."""
import json

from sqlalchemy import func, select

from registry.demo import FIXTURES, load_demo
from registry.membership.models import Membership, Resolution


def test_the_demo_confirms_every_household_member_once(session):
    data = json.loads(FIXTURES.read_text())
    people = {m["id_number"] for h in data["households"] for m in h["members"]}
    load_demo(session)
    active = session.scalar(select(func.count(Membership.id)).where(Membership.status == "active"))
    assert active == len(people)
    assert session.scalar(select(func.count(Resolution.id)).where(Resolution.subject == "membership")) == len(
        {h["collective_code"] for h in data["households"]})
    load_demo(session)
    assert session.scalar(select(func.count(Membership.id))) == len(people)
    assert set(session.scalars(select(Resolution.body).where(Resolution.subject == "membership"))) == {"assembly"}
