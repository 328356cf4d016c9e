"""Homestead rights (宅基地使用权) as a certificate source (certificates.rights.CertificateSource): the
不动产权证书 with the 28-character unit code."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..certificates.rights import collective_part, parcel_parts, person_part, relations_in, total_area
from ..people.models import Household, Person
from .models import HomesteadRight
from .register import append_entry


def _find(session, unit_code: str) -> HomesteadRight | None:
    return session.scalar(select(HomesteadRight).where(HomesteadRight.unit_code == unit_code))


def _lock(session, right: HomesteadRight) -> None:
    session.execute(select(HomesteadRight.id).where(HomesteadRight.id == right.id).with_for_update())


def _refusal(right: HomesteadRight) -> tuple[str, dict] | None:
    if right.status != "active":
        return "Right {ref} cannot carry a certificate: the homestead right ended on {ended}.", {
            "ended": right.ended_on.isoformat()
        }
    return None


def _holders(session, right: HomesteadRight) -> tuple[Person, list[dict]]:
    """The household head and every current member (共有人); a non-member heir (HS-07) holds alone."""
    if right.household_code is None:
        heir = session.get(Person, right.holder_person_id)
        return heir, [person_part(heir)]
    household = session.get(Household, right.household_code)
    relations = relations_in(session, household.code)
    members = session.scalars(select(Person).where(Person.id.in_(relations)).order_by(Person.id)).all()
    head = session.get(Person, household.head_person_id)
    ordered = sorted(members, key=lambda p: (p.id != head.id, p.id))
    return head, [person_part(p, relations.get(p.id)) for p in ordered]


def _snapshot(session, right: HomesteadRight, state: HomesteadRight) -> dict:
    head, holders = _holders(session, right)
    parcels = parcel_parts(session, [right.parcel_id])
    area_m2, area_mu = total_area(parcels)
    return {
        "unit_code": right.unit_code,
        "household_code": right.household_code,
        "collective": collective_part(session, right.collective_code),
        "holder": person_part(head),
        "right_holders": holders,
        "parcels": parcels,
        "area_m2": area_m2,
        "area_mu": area_mu,
        "registered_on": right.registered_on.isoformat(),
        "note": right.note,
    }


def _note_in_register(session, actor, right: HomesteadRight, on: date, event: str, reason: str) -> None:
    append_entry(session, actor, right, "certificate", on, reason)


def _uncertified(session, collective_code: str, certified) -> list[str]:
    return list(
        session.scalars(
            select(HomesteadRight.unit_code)
            .where(
                HomesteadRight.collective_code == collective_code,
                HomesteadRight.status == "active",
                HomesteadRight.id.not_in(certified),
            )
            .order_by(HomesteadRight.unit_code)
        )
    )


class HomesteadCertificates:
    """Plugged in by homesteads.plug_in as the source of kind "homestead"."""

    find = staticmethod(_find)
    get = staticmethod(lambda session, right_id: session.get(HomesteadRight, right_id))
    ref = staticmethod(lambda right: right.unit_code)
    collective_code = staticmethod(lambda right: right.collective_code)
    lock = staticmethod(_lock)
    state = staticmethod(lambda session, right, on: right)
    refusal = staticmethod(_refusal)
    snapshot = staticmethod(_snapshot)
    note_in_register = staticmethod(_note_in_register)
    uncertified = staticmethod(_uncertified)
