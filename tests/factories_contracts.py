"""Contracts for tests: a family (head, wife, daughter: all members) with parcels, contracted through the
service
with the SYSTEM actor, so that tests of transfers, leases and the rest start from a lawful contract.

Each helper commits in its own app context and returns plain codes, so tests can go on through the API."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date

from registry.auth.actor import SYSTEM
from registry.contracts.services import register_contract
from registry.contracts.terms import last_day
from tests.factories import VILLAGE_A, committed, make_family, make_parcel, square
from registry import clock

_slot = itertools.count()
# Contracts of the tests began 20 years ago on 1 January and run 30 years, whatever year the suite runs in.
START = date(clock.today().year - 20, 1, 1)
END = last_day(START, 30)


def parcel_codes_in(session, collective_code: str = VILLAGE_A, n: int = 2) -> list[str]:
    """Non-overlapping squares (about 45 m × 55 m each), one row per call."""
    row = next(_slot)
    return [make_parcel(session, collective_code, square(i * 0.001, row * 0.001)).code for i in range(n)]


@dataclass
class Family:
    household_code: str
    id_numbers: list[str]  # head, wife, daughter

    @property
    def contract_code(self) -> str:
        return self.household_code + "J"


def family(app, collective_code: str = VILLAGE_A, members: bool = True) -> Family:
    def build(session):
        household, people = make_family(session, collective_code, members=members)
        return Family(household.code, [p.id_number for p in people])

    return committed(app, build)


def parcels(app, collective_code: str = VILLAGE_A, n: int = 2) -> list[str]:
    return committed(app, lambda s: parcel_codes_in(s, collective_code, n))


@dataclass
class Contracted(Family):
    parcel_codes: list[str]


def contracted_family(
    app,
    collective_code: str = VILLAGE_A,
    *,
    n_parcels: int = 2,
    start: date = START,
    years: int = 30,
    land_type: str = "arable",
) -> Contracted:
    def build(session):
        household, people = make_family(session, collective_code)
        codes = parcel_codes_in(session, collective_code, n_parcels)
        register_contract(
            session,
            SYSTEM,
            household_code=household.code,
            method="110",
            land_type=land_type,
            start_date=start,
            end_date=last_day(start, years),
            parcel_codes=codes,
        )
        return Contracted(household.code, [p.id_number for p in people], codes)

    return committed(app, build)


def contract_body(
    household_code: str,
    parcel_codes: list[str],
    *,
    start: date = START,
    years: int = 30,
    land_type: str = "arable",
) -> dict:
    return {
        "household_code": household_code,
        "method": "110",
        "land_type": land_type,
        "start_date": start.isoformat(),
        "end_date": last_day(start, years).isoformat(),
        "parcel_codes": parcel_codes,
    }
