"""Factories for the settlement tests: homestead rights, past hukou events, and the full-state snapshot that
UR-01 compares. They write through the models directly; the rules under test run through the API."""

from __future__ import annotations

import contextlib
import re
from datetime import date, timedelta

from geoalchemy2.elements import WKBElement
from sqlalchemy import event, select, text

from registry.codes import homestead_unit_code, mask_id_number
from registry.db import db
from registry.homesteads.models import HomesteadRight
from registry.people.models import Household, Person
from registry.settlement.models import HukouEvent
from tests.factories import make_family, make_parcel, square
from registry import clock

# Tables an urban settlement may touch at all (UR-03): who is asking, who the person is, where they live,
# the event itself and its audit entry. Every other table holds or describes a right.
SETTLEMENT_PATH_TABLES = {
    "users",
    "api_tokens",
    "audit_log",
    "audit_head",
    "audit_chains",
    "audit_chains_anchor",
    "persons",
    "households",
    "household_members",
    "collectives",
    "hukou_events",
}
# Bookkeeping that a recorded event changes by design; everything else is "the state of rights" (UR-01).
BOOKKEEPING_TABLES = {
    "audit_log",
    "audit_head",
    "audit_chains",
    "audit_chains_anchor",
    "api_tokens",
    "hukou_events",
    "code_sequences",
}

_plots = iter(range(1, 10_000))


def make_homestead(
    session, household: Household, collective_code: str | None = None, status: str = "active"
) -> HomesteadRight:
    collective_code = collective_code or household.collective_code
    n = next(_plots)
    parcel = make_parcel(session, collective_code, square(0.01 + n * 0.001, 0.05, 0.0002), kind="homestead")
    right = HomesteadRight(
        household_code=household.code,
        collective_code=collective_code,
        parcel_id=parcel.id,
        unit_code=homestead_unit_code(collective_code[:6], 1, 1, n),
        status=status,
        registered_on=date(2010, 1, 1),
        **({"ended_on": date(2020, 1, 1), "end_reason": "exit"} if status == "ended" else {}),
    )
    session.add(right)
    session.flush()
    return right


def settled_family(session, collective_code: str, with_homestead: bool = True):
    """A member household (husband, wife, daughter) of the collective, with an active homestead when asked."""
    household, people = make_family(session, collective_code)
    if with_homestead:
        make_homestead(session, household)
    return household, people


def urban_settlement(session, person: Person, days_ago: int, household_code: str | None = None) -> HukouEvent:
    """An urban settlement recorded `days_ago` days before today (the window of UR-04 counts back from
    filing)."""
    ev = HukouEvent(
        person_id=person.id,
        kind="urban_settlement",
        date=clock.today() - timedelta(days=days_ago),
        collective_code=household_code[:14] if household_code else None,
        household_code=household_code,
        recorded_by="police",
    )
    session.add(ev)
    session.flush()
    return ev


def rights_state(session) -> dict[str, list[tuple]]:
    """Every row of every table except bookkeeping, in a stable order: the state UR-01 says must not
    change."""
    state = {}
    for table in db.metadata.sorted_tables:
        if table.name in BOOKKEEPING_TABLES:
            continue
        rows = session.execute(select(table)).all()
        state[table.name] = sorted(tuple(map(_plain, r)) for r in rows)
    return state


def _plain(value) -> str:
    """A comparable text of a column value (geometries compare by their WKB, not by object identity)."""
    return value.desc if isinstance(value, WKBElement) else repr(value)


@contextlib.contextmanager
def traced_tables(engine):
    """Collect the names of the registry's tables that the SQL run inside the block mentions."""
    names = [t.name for t in db.metadata.sorted_tables]
    pattern = re.compile(r"\b(" + "|".join(sorted(names, key=len, reverse=True)) + r")\b")
    seen: set[str] = set()

    def listener(conn, cursor, statement, parameters, context, executemany):
        seen.update(pattern.findall(statement))

    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", listener)


def masked(person: Person) -> str:
    return mask_id_number(person.id_number)


def execute(app, sql: str, **params):
    with app.app_context():
        rows = db.session.execute(text(sql), params).all()
        db.session.remove()
    return rows
