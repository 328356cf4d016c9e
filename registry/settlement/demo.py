"""Demo step: one villager of the demo county has settled in town, and keeps every right (UR-01)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from ..auth.actor import SYSTEM
from ..people.models import Person
from .hukou import record_hukou_event
from .models import HukouEvent
from .. import clock


def demo_settlement(session, data) -> str:
    household = data["households"][0]
    child = next(m for m in household["members"] if m["relation"].startswith("2"))
    person = session.scalar(select(Person).where(Person.id_number == child["id_number"]))
    recorded = session.scalar(
        select(HukouEvent.id).where(HukouEvent.person_id == person.id, HukouEvent.kind == "urban_settlement")
    )
    if recorded is None:
        # 60 days ago: an exit the household files now is flagged for the reviewer (UR-04)
        record_hukou_event(
            session,
            SYSTEM,
            child["id_number"],
            "urban_settlement",
            clock.today() - timedelta(days=60),
            household["collective_code"],
        )
    return (
        f"settlement: {child['name']} settled in town{' (already recorded)' if recorded else ''}; rights "
        f"unchanged"
    )
