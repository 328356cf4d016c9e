"""Distributions (SH-04): the reserve is withheld first and rounded up to whole fen, the rest divided by
shares
with the largest-remainder method; the plan is open for inspection before an assembly approves it (SH-05)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import BigInteger, cast, func, select

from ..audit.services import record
from ..codes import mask_id_number
from ..collectives.services import collective_or_404
from ..errors import Conflict, InvalidInput, NotFound, RuleViolation
from ..people.models import Person
from .allocation import allocate, reserve_fen
from .models import Allocation, Distribution, ShareHolding
from .register import copy_rows, lock_shares
from .resolutions import adopted_resolution
from .settings import ShareSettings
from .. import clock


FIRST_YEAR = 1949  # SH-07: no collective distributed income before


def create_distribution(
    session, actor, collective_code: str, data: dict, settings: ShareSettings, today: date | None = None
) -> dict:
    actor.require_collective(collective_code, "clerk")
    collective_or_404(session, collective_code)
    today = today or clock.today()
    ratio_decimal: Decimal = data["reserve_ratio"]
    ratio = Fraction(ratio_decimal)
    if not 0 <= ratio <= 1:
        raise InvalidInput(
            "reserve_ratio is a ratio between 0 and 1 (0.3 for 30 %).",
            errors={"reserve_ratio": ["between 0 and 1"]},
        )
    if ratio * 100 < settings.reserve_min_percent:
        minimum = settings.reserve_min_percent / 100
        raise RuleViolation(
            "The reserve ratio {ratio} is below the charter minimum {minimum}.",
            rule="SH-04",
            params={
                "ratio": str(ratio_decimal),
                "minimum": str(Decimal(minimum.numerator) / minimum.denominator),
            },
            errors={"reserve_ratio": ["below the charter minimum"]},
        )
    year = data.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= today.year:
        raise InvalidInput(
            "The distribution year {year} is not between {first} and this year.",
            rule="SH-07",
            params={"year": year, "first": FIRST_YEAR},
            errors={"year": [f"from {FIRST_YEAR} to this year"]},
        )
    start = data.get("inspection_start") or today
    if start > today:
        raise InvalidInput(
            "An inspection cannot start in the future ({date}).",
            rule="SH-07",
            params={"date": start.isoformat()},
            errors={"inspection_start": ["not after today"]},
        )
    evidence = (data.get("inspection_evidence_ref") or "").strip() or None
    if start < today and evidence is None:
        raise RuleViolation(
            "An inspection that began before today was held on paper: give its evidence.",
            rule="SH-05",
            errors={"inspection_evidence_ref": ["required for a past inspection_start"]},
        )
    lock_shares(session, collective_code)
    previous = session.scalar(
        select(Distribution)
        .where(
            Distribution.collective_code == collective_code,
            Distribution.year == data["year"],
            Distribution.status.in_(("inspection", "approved")),
        )
        .with_for_update()
    )
    if previous is not None and previous.status == "approved":
        raise Conflict(
            "The distribution for {year} was approved already.",
            rule="SH-04",
            params={"year": data["year"]},
            conflicts=[str(previous.id)],
        )
    units = payees(session, collective_code)
    if not units:
        raise RuleViolation(
            "Collective {code} has no shares to distribute by.",
            rule="SH-04",
            params={"code": collective_code},
        )
    net = data["net_income_fen"]
    reserve = reserve_fen(net, ratio)
    amounts = allocate(net - reserve, {key: s for key, _, _, s in units})
    if previous is not None:  # a corrected plan replaces the one under inspection and is inspected anew
        previous.status = "superseded"
        session.flush()
    d = Distribution(
        collective_code=collective_code,
        year=data["year"],
        net_income_fen=net,
        reserve_ratio=ratio_decimal,
        reserve_fen=reserve,
        distributable_fen=net - reserve,
        total_shares=sum(s for *_, s in units),
        inspection_start=start,
        inspection_ends=start + timedelta(days=settings.inspection_days),
        inspection_evidence_ref=evidence,
        status="inspection",
        created_by=actor.username,
    )
    session.add(d)
    session.flush()
    copy_rows(
        session,
        "distribution_allocations",
        ("distribution_id", "household_code", "person_id", "shares", "amount_fen", "payment_status"),
        ((d.id, h, p, s, amounts[key], "unpaid") for key, h, p, s in units),
    )
    record(
        session,
        actor,
        "distribution.create",
        "distribution",
        d.id,
        after={
            "collective_code": collective_code,
            "year": d.year,
            "net_income_fen": net,
            "reserve_ratio": str(ratio_decimal),
            "reserve_fen": reserve,
            "distributable_fen": d.distributable_fen,
            "payees": len(units),
            "total_shares": d.total_shares,
            "superseded": previous.id if previous is not None else None,
        },
    )
    allocations = [
        {
            "household_code": h,
            "holder_id_number": mask_id_number(key[2]) or None,
            "shares": s,
            "amount_fen": amounts[key],
            "payment_status": "unpaid",
        }
        for key, h, p, s in units
    ]
    return _view(d, allocations)


def payees(session, collective_code: str) -> list[tuple[tuple, str | None, int | None, int]]:
    """(key, household_code, person_id, shares) per payee, in key order. The key is the deterministic
    tie-break
    of the largest-remainder method: households by code first, then heirs recorded under no household (SH-03)
    by ID number. Two plain queries in key order, summed as BIGINT: this runs over 100,000 households."""
    households = session.execute(
        select(ShareHolding.household_code, cast(func.sum(ShareHolding.shares), BigInteger))
        .where(ShareHolding.collective_code == collective_code, ShareHolding.household_code.is_not(None))
        .group_by(ShareHolding.household_code)
        .order_by(ShareHolding.household_code)
    )
    heirs = session.execute(
        select(Person.id_number, ShareHolding.person_id, ShareHolding.shares)
        .join(Person, Person.id == ShareHolding.person_id)
        .where(ShareHolding.collective_code == collective_code, ShareHolding.household_code.is_(None))
        .order_by(Person.id_number)
    )
    return [((False, h, ""), h, None, s) for h, s in households] + [
        ((True, "", n), None, p, s) for n, p, s in heirs
    ]


def _view(d: Distribution, allocations: list[dict] | None) -> dict:
    view = {
        k: getattr(d, k)
        for k in (
            "id",
            "collective_code",
            "year",
            "status",
            "net_income_fen",
            "reserve_fen",
            "distributable_fen",
            "total_shares",
            "inspection_start",
            "inspection_ends",
            "inspection_evidence_ref",
            "approval_resolution_id",
            "approved_on",
        )
    }
    view["reserve_ratio"] = str(d.reserve_ratio)
    if allocations is not None:
        view["allocations"] = allocations
    return view


def load_distribution(session, distribution_id: int, lock: bool = False) -> Distribution:
    d = session.get(Distribution, distribution_id, with_for_update=lock)
    if d is None:
        raise NotFound("Distribution {id} is not known.", params={"id": distribution_id})
    return d


def get_distribution(session, actor, distribution_id: int) -> dict:
    d = load_distribution(session, distribution_id)
    actor.require_collective(d.collective_code, "clerk", "reviewer")
    rows = session.scalars(
        select(Allocation)
        .where(Allocation.distribution_id == d.id)
        .order_by(Allocation.household_code.asc().nulls_last(), Allocation.person_id)
    ).all()
    return _view(d, [allocation_item(a) for a in rows])


def allocation_item(a: Allocation) -> dict:
    return {
        "household_code": a.household_code,
        "holder_id_number": mask_id_number(a.person.id_number) if a.person else None,
        "shares": a.shares,
        "amount_fen": a.amount_fen,
        "payment_status": a.payment_status,
    }


def approve_distribution(
    session,
    actor,
    distribution_id: int,
    resolution_id: int,
    settings: ShareSettings,
    today: date | None = None,
) -> dict:
    """SH-05: only from the end of the inspection on, by an assembly that met after the inspection ended."""
    d = load_distribution(session, distribution_id, lock=True)
    actor.require_collective(d.collective_code, "clerk")
    today = today or clock.today()
    if d.status != "inspection":
        raise Conflict(
            "Distribution {id} is {status}; only a plan under inspection can be approved.",
            rule="SH-05",
            params={"id": d.id, "status": d.status},
        )
    if today < d.inspection_ends:
        raise Conflict(
            "The plan is open for inspection until {ends}; it can be approved from that day on.",
            rule="SH-05",
            params={"ends": d.inspection_ends.isoformat()},
        )
    resolution = adopted_resolution(
        session,
        d.collective_code,
        resolution_id,
        "distribution",
        rule="MEM-02",
        notice_days=settings.notice_days,
    )
    if resolution.meeting_date < d.inspection_ends:
        raise Conflict(
            "The assembly met on {meeting}, before the inspection ended on {ends}.",
            rule="SH-05",
            params={"meeting": resolution.meeting_date.isoformat(), "ends": d.inspection_ends.isoformat()},
            errors={"resolution_id": ["the meeting was held during the inspection"]},
        )
    used = session.scalar(select(Distribution.id).where(Distribution.approval_resolution_id == resolution.id))
    if used is not None:
        raise Conflict(
            "Resolution {id} approved distribution {other} already.",
            rule="MEM-02",
            params={"id": resolution.id, "other": used},
            conflicts=[str(used)],
        )
    d.status, d.approval_resolution_id, d.approved_on = "approved", resolution.id, today
    session.flush()
    record(
        session,
        actor,
        "distribution.approve",
        "distribution",
        d.id,
        after={"resolution_id": resolution.id, "approved_on": today},
    )
    return _view(d, None)
