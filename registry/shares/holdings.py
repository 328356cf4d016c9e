"""Quantification by an adopted plan (SH-01) and dynamic adjustment; transfers (SH-02) are in transfers.py,
inheritance (SH-03) in inheritance.py. Every act is one register change with its audit entry."""

from __future__ import annotations


from sqlalchemy import func, select

from ..audit.services import record
from ..codes import mask_id_number
from ..collectives.services import collective_or_404
from ..errors import Conflict, InvalidInput, RuleViolation
from ..membership.models import Membership
from ..people.models import Person
from .models import MANAGEMENT, ShareChange, ShareHolding, SharePlan, ShareRegisterEntry
from .register import (
    positive_count,
    active_members_at_home,
    add_new_holdings,
    holding_of,
    lock_shares,
    move,
    new_change,
)
from .resolutions import adopted_resolution
from .settings import ShareSettings


def adopt_share_plan(
    session,
    actor,
    collective_code: str,
    resolution_id: int,
    shares_per_member: int,
    management: str,
    settings: ShareSettings,
) -> tuple[SharePlan, int]:
    """SH-01: quantify `shares_per_member` to every active member, recorded under the member's household."""
    actor.require_collective(collective_code, "clerk")
    collective_or_404(session, collective_code)
    positive_count(shares_per_member, "shares_per_member")
    if management not in MANAGEMENT:
        raise InvalidInput("management is static or dynamic.", errors={"management": ["static or dynamic"]})
    lock_shares(session, collective_code)
    plan = session.scalar(select(SharePlan).where(SharePlan.collective_code == collective_code))
    if plan is not None:
        raise Conflict(
            "Collective {code} has quantified its shares already (plan {id}).",
            rule="SH-01",
            params={"code": collective_code, "id": plan.id},
            conflicts=[str(plan.id)],
        )
    resolution = adopted_resolution(
        session, collective_code, resolution_id, "share_plan", rule="SH-01", notice_days=settings.notice_days
    )
    homes = active_members_at_home(session, collective_code)
    if not homes:
        raise RuleViolation(
            "Collective {code} has no active members to quantify shares to.",
            rule="SH-01",
            params={"code": collective_code},
        )
    _refuse_homeless(session, homes)
    plan = SharePlan(
        collective_code=collective_code,
        resolution_id=resolution.id,
        shares_per_member=shares_per_member,
        management=management,
        adopted_on=resolution.meeting_date,
        created_by=actor.username,
    )
    session.add(plan)
    session.flush()
    change = new_change(
        session,
        actor,
        collective_code,
        "quantification",
        resolution.meeting_date,
        plan_id=plan.id,
        document_ref=f"resolution {resolution.id}",
    )
    add_new_holdings(session, change, [(p, homes[p], shares_per_member) for p in sorted(homes)])
    total = shares_per_member * len(homes)
    record(
        session,
        actor,
        "share_plan.adopt",
        "share_plan",
        plan.id,
        after={
            "collective_code": collective_code,
            "resolution_id": resolution.id,
            "management": management,
            "shares_per_member": shares_per_member,
            "members": len(homes),
            "households": len(set(homes.values())),
            "total_shares": total,
            "change_id": change.id,
        },
    )
    return plan, total


def _refuse_homeless(session, homes: dict[int, str | None]) -> None:
    """Shares are recorded per household: every person receiving an allotment must be in one."""
    homeless = sorted(p for p, h in homes.items() if h is None)
    if homeless:
        numbers = session.scalars(select(Person.id_number).where(Person.id.in_(homeless))).all()
        raise RuleViolation(
            "{n} members belong to no household; shares are recorded per household.",
            rule="SH-01",
            params={"n": len(homeless)},
            conflicts=sorted(mask_id_number(n) for n in numbers),
        )


def adjust_holdings(session, actor, collective_code: str, document_ref: str | None) -> dict:
    """Dynamic management only: new members receive their allotment, the deceased's allotment is withdrawn."""
    actor.require_collective(collective_code, "clerk")
    collective_or_404(session, collective_code)
    lock_shares(session, collective_code)
    plan = session.scalar(select(SharePlan).where(SharePlan.collective_code == collective_code))
    if plan is None:
        raise RuleViolation(
            "Collective {code} has no share plan.", rule="SH-01", params={"code": collective_code}
        )
    if plan.management != "dynamic":
        raise RuleViolation(
            "Under static management a household's shares do not change with births and deaths.",
            rule="SH-01",
            errors={"management": ["the plan is static"]},
        )
    allotted = {
        p: int(n)
        for p, n in session.execute(
            select(ShareRegisterEntry.person_id, func.sum(ShareRegisterEntry.delta))
            .join(ShareChange, ShareChange.id == ShareRegisterEntry.change_id)
            .where(
                ShareRegisterEntry.collective_code == collective_code,
                ShareChange.kind.in_(("quantification", "adjustment")),
            )
            .group_by(ShareRegisterEntry.person_id)
        )
    }
    homes = {
        p: h for p, h in active_members_at_home(session, collective_code).items() if allotted.get(p, 0) <= 0
    }
    newcomers = sorted(homes)
    deceased = sorted(
        set(
            session.scalars(
                select(Membership.person_id).where(
                    Membership.collective_code == collective_code, Membership.end_reason == "death"
                )
            )
        )
        & {p for p, n in allotted.items() if n > 0}
    )
    _refuse_homeless(session, homes)
    change = new_change(
        session, actor, collective_code, "adjustment", plan_id=plan.id, document_ref=document_ref
    )
    for person_id in newcomers:
        move(session, change, person_id, homes[person_id], plan.shares_per_member)
    withdrawn = 0
    for person_id in deceased:
        holding = holding_of(session, collective_code, person_id)
        take = min(allotted[person_id], holding.shares) if holding else 0
        if take:
            move(session, change, person_id, holding.household_code, -take)
            withdrawn += take
    result = {
        "id": change.id,
        "added_members": len(newcomers),
        "added_shares": len(newcomers) * plan.shares_per_member,
        "withdrawn_shares": withdrawn,
        "total_shares": total_shares(session, collective_code),
    }
    record(session, actor, "shares.adjust", "share_change", change.id, after=result)
    return result


def total_shares(session, collective_code: str) -> int:
    # SUM over BIGINT is NUMERIC in PostgreSQL: back to int for exact Fraction arithmetic
    return int(
        session.scalar(
            select(func.coalesce(func.sum(ShareHolding.shares), 0)).where(
                ShareHolding.collective_code == collective_code
            )
        )
    )
