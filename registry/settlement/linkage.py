"""The settlement area's plug-in to the exit path (exits.handlers.SettlementEvents): the UR-04 linkage flag
looks up recorded urban settlements here."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import or_, select

from ..people.models import HouseholdMember
from .models import HukouEvent


def settlement_event_within(
    session, household_code: str | None, person_ids, filed_on: date, days: int
) -> int | None:
    """UR-04: the latest urban settlement of anyone in the household in the `days` before filing.

    "Anyone in the household" counts everyone who was ever in it, and every event recorded while the person
    lived there, so that moving a settler out of the household first does not hide the linkage.
    """
    if household_code is None and not person_ids:
        return None
    member_ids = set(person_ids)
    same_household = []
    if household_code:
        member_ids |= set(
            session.scalars(
                select(HouseholdMember.person_id).where(HouseholdMember.household_code == household_code)
            )
        )
        same_household.append(HukouEvent.household_code == household_code)
    return session.scalar(
        select(HukouEvent.id)
        .where(
            HukouEvent.kind == "urban_settlement",
            or_(HukouEvent.person_id.in_(member_ids), *same_household),
            HukouEvent.date <= filed_on,
            HukouEvent.date >= filed_on - timedelta(days=days),
        )
        .order_by(HukouEvent.date.desc())
        .limit(1)
    )


class HukouSettlementEvents:
    """Urban settlements as the police stations record them (hukou_events)."""

    latest_urban_settlement = staticmethod(settlement_event_within)
