"""The rights a certificate can be issued from (RG-02), seen the same way whatever their kind.

A plug-in point owned here: the area that owns each kind of right (contracts, homesteads) brings a
`CertificateSource` in its `certificate_source.py` and registers it in its `plug_in(app)`. `find` looks a
right up by its code and `get` by its row id
(both kinds of right have an integer `id`), `ref` gives its code as printed, `lock` takes the lock that
every writer of that right takes (so a certificate never races a change of the right), `state` reads the
right as it stands on a date, `refusal` says from that state why it cannot carry a certificate (None: it
can), `snapshot` gives what is printed, `note_in_register` writes the certificate event into the right's own
register (RG-01), and `uncertified` lists a collective's registered rights with no certificate in force.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import func, select

from ..codes import mask_id_number
from ..collectives.models import Collective
from ..parcels.geometry import mu
from ..parcels.models import Parcel
from ..people.models import HouseholdMember, Person
from ..people.relations import RELATIONS


class CertificateSource(Protocol):
    def find(self, session, right_ref: str) -> Any:
        """The right's row, or None."""

    def get(self, session, right_id: int) -> Any:
        """The right's row, or None."""

    def ref(self, right) -> str:
        """Its code: contract code / homestead unit code."""

    def collective_code(self, right) -> str:
        """The collective whose scope it is in."""

    def lock(self, session, right) -> None:
        """Held to the end of the transaction."""

    def state(self, session, right, on: date) -> Any:
        """The right as it stands on that date."""

    def refusal(self, state) -> tuple[str, dict] | None:
        """None, or why the right cannot carry a certificate: (English message id, its params)."""

    def snapshot(self, session, right, state) -> dict:
        """What is printed."""

    def note_in_register(self, session, actor, right, on: date, event: str, reason: str) -> None:
        """Write the certificate event into the right's own register (RG-01)."""

    def uncertified(self, session, collective_code: str, certified) -> list[str]:
        """The refs of the collective's registered rights whose id is not in `certified`."""


SOURCES: dict[str, CertificateSource] = {}


def register_source(kind: str, source: CertificateSource) -> None:
    SOURCES[kind] = source


# --- helpers shared by the sources -------------------------------------------------------------------------


def collective_part(session, code: str) -> dict:
    collective = session.get(Collective, code)
    return {"code": code, "name": collective.name if collective else code}


def person_part(person: Person, relation: str | None = None) -> dict:
    """One right holder as printed: name, sex, relation to the head, ID number masked (SEC-02)."""
    return {
        "name": person.name,
        "sex": person.sex,
        "id_number": mask_id_number(person.id_number),
        "relation": relation,
        "relation_label": RELATIONS.get(relation) if relation else None,
    }


def relations_in(session, household_code: str | None) -> dict[int, str]:
    """person id → relation to the head, for the household's current members."""
    if household_code is None:
        return {}
    rows = session.execute(
        select(HouseholdMember.person_id, HouseholdMember.relation).where(
            HouseholdMember.household_code == household_code, HouseholdMember.left_on.is_(None)
        )
    ).all()
    return dict(rows)


def parcel_parts(session, parcel_ids: list[int]) -> list[dict]:
    """The parcel table and the map's shapes: code, name, areas, 四至, land class, basic farmland, GeoJSON."""
    if not parcel_ids:
        return []
    rows = session.execute(
        select(Parcel, func.ST_AsGeoJSON(Parcel.geom, 9).label("geojson"))
        .where(Parcel.id.in_(parcel_ids))
        .order_by(Parcel.code)
    ).all()
    return [
        {
            "code": p.code,
            "name": p.name,
            "area_m2": f"{p.area_m2:.2f}",
            "area_mu": f"{mu(p.area_m2):.2f}",
            "boundaries": p.boundaries,
            "land_class": p.land_class,
            "basic_farmland": bool(p.basic_farmland),
            "geometry": json.loads(geojson),
        }
        for p, geojson in rows
    ]


def total_area(parcels: list[dict]) -> tuple[str, str]:
    m2 = sum((Decimal(p["area_m2"]) for p in parcels), Decimal("0.00"))
    return f"{m2:.2f}", f"{mu(m2):.2f}"
