"""Collectives: creation by an admin or a reviewer of the county; reads by anyone in scope."""

from __future__ import annotations

from sqlalchemy import select

from ..audit.services import record
from ..codes import parse_collective_code
from ..errors import Conflict, InvalidInput, NotFound
from .models import Collective


def create_collective(session, actor, code: str, name: str, level: str) -> Collective:
    parsed = parse_collective_code(code)
    actor.require_county(parsed.county, "reviewer")
    if level != parsed.level:
        raise InvalidInput(
            "Code {code} is a {expected}-level code, not {level}.",
            rule="PER-03",
            params={"code": code, "expected": parsed.level, "level": level},
            errors={"level": [f"code structure says {parsed.level}"]},
        )
    if not name.strip():
        raise InvalidInput("The name is empty.", errors={"name": ["empty"]})
    if session.get(Collective, code):
        raise Conflict("Collective {code} exists already.", params={"code": code}, rule="PER-03")
    c = Collective(code=code, name=name.strip(), level=level, county_code=parsed.county)
    session.add(c)
    session.flush()
    record(session, actor, "collective.create", "collective", code, after={"name": c.name, "level": level})
    return c


def collective_or_404(session, code: str, field: str = "collective_code") -> Collective:
    """The registered collective `code`; NotFound naming the field otherwise."""
    collective = session.get(Collective, code)
    if collective is None:
        raise NotFound(
            "Collective {code} is not registered.", params={"code": code}, errors={field: ["not registered"]}
        )
    return collective


def get_collective(session, actor, code: str) -> Collective:
    parse_collective_code(code)
    c = collective_or_404(session, code, "code")
    if not actor.in_collective(code):
        from ..errors import Forbidden

        raise Forbidden("Collective {code} is outside your scope.", rule="SEC-01", params={"code": code})
    return c


def collective_name(session, code: str | None) -> str | None:
    """The registered name of `code`, for the page header; None when not registered."""
    c = session.get(Collective, code) if code else None
    return c.name if c else None


def list_collectives(session, actor, county: str | None = None) -> list[Collective]:
    """The collectives in the actor's scope, in code order: one county's when given (SEC-01)."""
    if county is not None:
        actor.require_county(county, "reviewer")
    else:
        actor.require_role("admin")
    stmt = select(Collective).order_by(Collective.code)
    if county is not None:
        stmt = stmt.where(Collective.county_code == county)
    return session.scalars(stmt).all()


def station_collectives(session, actor, county: str) -> list[Collective]:
    """The collectives of a police station's county in code order, to pick from instead of typing 14 digits
    (SEC-01: the station's own county)."""
    actor.require_county(county, "police")
    return session.scalars(
        select(Collective).where(Collective.county_code == county).order_by(Collective.code)
    ).all()


def find_collective(session, actor, code: str) -> Collective | None:
    actor.require_role("admin")
    return session.get(Collective, code)
