"""Registered rights to print certificates of: a family's land contract (through the contracts service)
and a homestead right (written directly, as its approval would leave it), in village A of the test county."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date

from shapely.geometry import Polygon

from registry.auth.actor import SYSTEM, Actor
from registry.codes import next_in_sequence
from registry.contracts.services import register_contract
from registry.contracts.terms import last_day
from registry.homesteads.models import HomesteadRight
from tests.factories import COUNTY, ORIGIN, VILLAGE_A, make_family, make_parcel, square
from registry import clock

START = date(2020, 1, 1)
_row = itertools.count(10)
REVIEWER = Actor("reviewer", "reviewer", COUNTY)
CLERK = Actor("clerk", "clerk", VILLAGE_A)


@dataclass
class Right:
    kind: str
    ref: str
    household_code: str
    names: list[str]  # every right holder
    parcel_codes: list[str]
    areas_m2: list[str]


def contract(session, collective_code: str = VILLAGE_A, n_parcels: int = 2) -> Right:
    """A family (husband, wife, daughter) holding `n_parcels` squares (45 m × 55 m) for 30 years."""
    household, people = make_family(session, collective_code)
    row = next(_row)
    parcels = [
        make_parcel(session, collective_code, square(i * 0.0006, row * 0.0008), name=f"{row}号田{i + 1}")
        for i in range(n_parcels)
    ]
    register_contract(
        session,
        SYSTEM,
        household_code=household.code,
        method="110",
        land_type="arable",
        start_date=START,
        end_date=last_day(START, 30),
        parcel_codes=[p.code for p in parcels],
    )
    session.flush()
    return Right(
        "land_contract",
        household.code + "J",
        household.code,
        [p.name for p in people],
        [p.code for p in parcels],
        [f"{p.area_m2:.2f}" for p in parcels],
    )


def homestead(session, collective_code: str = VILLAGE_A) -> Right:
    """An active homestead right on a plot of about 12 m × 11 m, one side bent, as approval registers it."""
    household, people = make_family(session, collective_code)
    row = next(_row)
    x, y = ORIGIN[0] + 0.05 + row * 0.0003, ORIGIN[1] + 0.05
    plot = Polygon([(x, y), (x + 0.00013, y), (x + 0.00014, y + 0.0001), (x - 0.00001, y + 0.00009)])
    seq = next_in_sequence(session, collective_code[:12], "homestead_plot")
    parcel = make_parcel(
        session, collective_code, plot, kind="homestead", code=f"{collective_code[:12]}JC{seq:05d}"
    )
    right = HomesteadRight(
        household_code=household.code,
        collective_code=collective_code,
        parcel_id=parcel.id,
        unit_code=parcel.code + "W00000000",
        status="active",
        registered_on=clock.today(),
    )
    session.add(right)
    session.flush()
    return Right(
        "homestead",
        right.unit_code,
        household.code,
        [p.name for p in people],
        [parcel.code],
        [f"{parcel.area_m2:.2f}"],
    )
