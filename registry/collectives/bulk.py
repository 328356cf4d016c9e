"""Collectives from an import (the 发包方 of a 确权 package): the missing ones are created, one audit
entry."""

from __future__ import annotations

from sqlalchemy import select

from ..audit.services import record
from ..codes import parse_collective_code
from .models import Collective


def ensure_collectives(session, actor, rows: list[tuple[str, str]], *, source: dict) -> int:
    """(code, name) pairs; the collectives not registered yet are created (level from the code)."""
    codes = [c for c, _ in rows]
    for code in sorted({c[:6] for c in codes}):
        actor.require_county(code, "reviewer")
    known = set(session.scalars(select(Collective.code).where(Collective.code.in_(codes))))
    new = [(c, n) for c, n in rows if c not in known]
    for code, name in new:
        parsed = parse_collective_code(code)
        session.add(Collective(code=code, name=name.strip(), level=parsed.level, county_code=parsed.county))
    session.flush()
    if new:
        record(
            session,
            actor,
            "collective.import",
            "collective_batch",
            f"{new[0][0]}…{new[-1][0]}",
            after={"count": len(new), **source},
        )
    return len(new)
