"""Demo step: some households of the demo villages hold registered homesteads (idempotent).

It goes through the real rules (HS-01..06, PAR-01/02, HS-04), so it needs the membership step to have
confirmed members first; a household without an active member is left for a later run.
"""

from __future__ import annotations

from datetime import timedelta

from pyproj import Geod
from sqlalchemy import select

from ..auth.actor import SYSTEM
from ..config import Config
from ..membership.services import is_active_member
from ..people.models import HouseholdMember, Person
from ..people.services import current_members, household_or_404
from .applications import approve_application, file_application
from .models import HomesteadApplication
from .. import clock

# A row of plots in each village's residential core, apart from the contract land of the demo parcels.
VILLAGE_CORES = {"41012210000100": (113.9650, 34.7350), "41012210000200": (113.9750, 34.7350)}
PER_VILLAGE = 4
PLOT_M = (12.0, 10.0)  # 120 m²: under the 河南 plain cap of 134 m²
GAP_M = 3.0
_GEOD = Geod(ellps="GRS80")


def _plot(core: tuple[float, float], index: int) -> dict:
    lon0, lat0 = core
    west = _GEOD.fwd(lon0, lat0, 90, index * (PLOT_M[0] + GAP_M))[0]
    east = _GEOD.fwd(west, lat0, 90, PLOT_M[0])[0]
    north = _GEOD.fwd(west, lat0, 0, PLOT_M[1])[1]
    ring = [[west, lat0], [east, lat0], [east, north], [west, north], [west, lat0]]
    return {"type": "Polygon", "coordinates": [ring]}


def _household_of(session, head_id_number: str) -> str | None:
    return session.scalar(
        select(HouseholdMember.household_code)
        .join(Person)
        .where(Person.id_number == head_id_number, HouseholdMember.left_on.is_(None))
    )


def _has_member(session, household_code: str, collective_code: str) -> bool:
    household = household_or_404(session, household_code)
    return any(is_active_member(session, m.person_id, collective_code) for m in current_members(household))


def demo_homesteads(session, data) -> str:
    made, waiting = 0, 0
    start = clock.today() - timedelta(days=Config.PUBLICITY_DAYS)
    for collective_code, core in VILLAGE_CORES.items():
        households = [h for h in data["households"] if h["collective_code"] == collective_code][:PER_VILLAGE]
        for index, h in enumerate(households):
            code = _household_of(session, h["members"][0]["id_number"])
            if code is None or session.scalar(
                select(HomesteadApplication.id).where(HomesteadApplication.household_code == code).limit(1)
            ):
                continue
            if not _has_member(session, code, collective_code):
                waiting += 1
                continue
            application = file_application(
                session,
                SYSTEM,
                {
                    "household_code": code,
                    "geometry": _plot(core, index),
                    "terrain": "plain",
                    "on_arable_land": False,
                    "publicity_start": start,
                    "publicity_evidence_ref": "演示数据：村务公开栏公示记录",
                },
                publicity_days=Config.PUBLICITY_DAYS,
            )
            approve_application(session, SYSTEM, application.id, "演示数据")
            made += 1
    line = f"homesteads: {made} new"
    return line + (f", {waiting} households wait for confirmed members" if waiting else "")
