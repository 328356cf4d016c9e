"""Reading the share register: holdings per household (now or on a past date, RG-01), per person, the
entries."""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, func, select

from ..codes import mask_id_number
from ..collectives.services import collective_or_404
from ..db import paginate
from ..membership.models import Membership
from ..people.models import Person
from .models import Distribution, ShareHolding, SharePlan, ShareRegisterEntry


def _read_scope(session, actor, collective_code: str) -> None:
    actor.require_collective(collective_code, "clerk", "reviewer")
    collective_or_404(session, collective_code)


def _payee_units(session, collective_code: str, as_of: date | None = None):
    """(household_code, person_id, shares) per payee: a household, or an heir recorded under none (SH-03)."""
    if as_of is None:
        src = select(
            ShareHolding.household_code, ShareHolding.person_id, ShareHolding.shares.label("shares")
        ).where(ShareHolding.collective_code == collective_code)
    else:
        e = ShareRegisterEntry
        src = (
            select(e.household_code, e.person_id, func.sum(e.delta).label("shares"))
            .where(e.collective_code == collective_code, e.on_date <= as_of)
            .group_by(e.household_code, e.person_id)
        )
    sub = src.subquery()
    person = case((sub.c.household_code.is_(None), sub.c.person_id)).label("person_id")
    shares = func.sum(sub.c.shares)
    return (
        select(sub.c.household_code, person, shares.label("shares"))
        .group_by(sub.c.household_code, person)
        .having(shares > 0)
    )


def list_holdings(
    session, actor, collective_code: str, *, as_of: date | None = None, page: int = 1, per_page: int = 50
) -> dict:
    _read_scope(session, actor, collective_code)
    units = _payee_units(session, collective_code, as_of).subquery()
    total, total_shares = session.execute(
        select(func.count(), func.coalesce(func.sum(units.c.shares), 0)).select_from(units)
    ).one()
    rows = session.execute(
        select(units)
        .order_by(units.c.household_code.asc().nulls_last(), units.c.person_id)
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    numbers = _id_numbers(session, [r.person_id for r in rows if r.person_id is not None])
    items = [
        {
            "household_code": r.household_code,
            "holder_id_number": mask_id_number(numbers.get(r.person_id)),
            "shares": int(r.shares),
        }
        for r in rows
    ]
    return {"items": items, "total": total, "total_shares": int(total_shares), "as_of": as_of}


def _id_numbers(session, person_ids) -> dict[int, str]:
    if not person_ids:
        return {}
    return dict(session.execute(select(Person.id, Person.id_number).where(Person.id.in_(person_ids))).all())


def list_holders(
    session,
    actor,
    collective_code: str,
    *,
    household_code: str | None = None,
    page: int = 1,
    per_page: int = 50,
) -> dict:
    """Per person: the shares, and whether the holder is a member and so votes (SH-03: heirs may not)."""
    _read_scope(session, actor, collective_code)
    stmt = select(ShareHolding).where(ShareHolding.collective_code == collective_code)
    if household_code:
        stmt = stmt.where(ShareHolding.household_code == household_code)
    rows, total = paginate(
        session,
        stmt.order_by(ShareHolding.household_code.asc().nulls_last(), ShareHolding.person_id),
        page,
        per_page,
    )
    members = set(
        session.scalars(
            select(Membership.person_id).where(
                Membership.collective_code == collective_code,
                Membership.status == "active",
                Membership.person_id.in_([h.person_id for h in rows]),
            )
        )
    )
    items = [
        {
            "id_number": mask_id_number(h.person.id_number),
            "name": h.person.name,
            "household_code": h.household_code,
            "shares": h.shares,
            "member": h.person_id in members,
            "votes": h.person_id in members,
        }
        for h in rows
    ]
    return {"items": items, "total": total}


def list_register(
    session,
    actor,
    collective_code: str,
    *,
    household_code: str | None = None,
    page: int = 1,
    per_page: int = 50,
) -> dict:
    """RG-01: the entries in order, each with its act, date, who recorded it and why."""
    _read_scope(session, actor, collective_code)
    e = ShareRegisterEntry
    stmt = select(e).where(e.collective_code == collective_code)
    if household_code:
        stmt = stmt.where(e.household_code == household_code)
    rows, total = paginate(session, stmt.order_by(e.id), page, per_page)
    items = [
        {
            "seq": r.id,
            "date": r.on_date,
            "kind": r.change.kind,
            "change_id": r.change_id,
            "household_code": r.household_code,
            "id_number": mask_id_number(r.person.id_number),
            "delta": r.delta,
            "balance_after": r.balance_after,
            "actor": r.change.actor,
            "document_ref": r.change.document_ref,
            "reason": r.change.reason,
        }
        for r in rows
    ]
    return {"items": items, "total": total}


def share_plan(session, actor, collective_code: str) -> SharePlan | None:
    actor.require_collective(collective_code, "clerk", "reviewer")
    return session.scalar(select(SharePlan).where(SharePlan.collective_code == collective_code))


def list_distributions(session, actor, collective_code: str) -> list[Distribution]:
    """The collective's distribution plans, newest year first."""
    actor.require_collective(collective_code, "clerk", "reviewer")
    return session.scalars(
        select(Distribution)
        .where(Distribution.collective_code == collective_code)
        .order_by(Distribution.year.desc(), Distribution.id.desc())
    ).all()


def in_inspection_count(session, actor, collective_code: str) -> int:
    """Distribution plans open for inspection (SH-05)."""
    actor.require_collective(collective_code, "clerk", "reviewer")
    return session.scalar(
        select(func.count(Distribution.id)).where(
            Distribution.collective_code == collective_code, Distribution.status == "inspection"
        )
    )
