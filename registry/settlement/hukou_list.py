"""The hukou events a station (or clerk) recorded, newest first, with the person they concern — masked
(SEC-02: the family name and the number's region and last four digits only)."""

from __future__ import annotations

from sqlalchemy import select

from ..certificates.labels import mask_name
from ..codes import mask_id_number
from ..people.models import Person
from .models import HukouEvent


def recent_events(session, actor, limit: int = 20) -> list[dict]:
    rows = session.execute(
        select(HukouEvent, Person.name, Person.id_number)
        .join(Person, Person.id == HukouEvent.person_id)
        .where(HukouEvent.recorded_by == actor.username)
        .order_by(HukouEvent.id.desc())
        .limit(limit)
    ).all()
    return [
        {
            "id": e.id,
            "date": e.date,
            "kind": e.kind,
            "collective_code": e.collective_code,
            "name": mask_name(name),
            "id_number": mask_id_number(number),
        }
        for e, name, number in rows
    ]
