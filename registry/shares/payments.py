"""The payment ledger of an approved distribution: each payee's allocation is unpaid, paid or returned (a bank
transfer that came back), and every payment or return is an append-only ledger entry."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from ..audit.services import record
from ..db import paginate
from ..errors import Conflict, InvalidInput, NotFound
from ..people.services import person_by_id_number
from .distributions import allocation_item, load_distribution
from .models import Allocation, DividendPayment
from .. import clock

# status after the entry → statuses it may follow
TRANSITIONS = {"paid": ("unpaid", "returned"), "returned": ("paid",)}


def _payment_view(a: Allocation, entries: list[DividendPayment]) -> dict:
    return {
        "allocation_id": a.id,
        **allocation_item(a),
        "entries": [
            {
                "status": e.status,
                "date": e.on_date,
                "amount_fen": e.amount_fen,
                "payment_ref": e.payment_ref,
                "recorded_by": e.recorded_by,
            }
            for e in entries
        ],
    }


def list_payments(
    session,
    actor,
    distribution_id: int,
    *,
    status: str | None = None,
    household_code: str | None = None,
    page: int = 1,
    per_page: int = 50,
) -> dict:
    d = load_distribution(session, distribution_id)
    actor.require_collective(d.collective_code, "clerk", "reviewer")
    stmt = select(Allocation).where(Allocation.distribution_id == d.id)
    if status:
        stmt = stmt.where(Allocation.payment_status == status)
    if household_code:
        stmt = stmt.where(Allocation.household_code == household_code)
    rows, total = paginate(
        session,
        stmt.order_by(Allocation.household_code.asc().nulls_last(), Allocation.person_id),
        page,
        per_page,
    )
    entries: dict[int, list] = {}
    for e in session.scalars(
        select(DividendPayment)
        .where(DividendPayment.allocation_id.in_([a.id for a in rows]))
        .order_by(DividendPayment.id)
    ):
        entries.setdefault(e.allocation_id, []).append(e)
    paid = session.scalar(
        select(func.coalesce(func.sum(Allocation.amount_fen), 0)).where(
            Allocation.distribution_id == d.id, Allocation.payment_status == "paid"
        )
    )
    return {
        "items": [_payment_view(a, entries.get(a.id, [])) for a in rows],
        "total": total,
        "distributable_fen": d.distributable_fen,
        "paid_fen": int(paid),
    }


def record_payment(session, actor, distribution_id: int, data: dict, today: date | None = None) -> dict:
    d = load_distribution(session, distribution_id)
    actor.require_collective(d.collective_code, "clerk")
    if d.status != "approved":
        raise Conflict(
            "Dividends are paid only after the assembly approved the plan (distribution {id} is {status}).",
            rule="SH-05",
            params={"id": d.id, "status": d.status},
        )
    on = data.get("date") or today or clock.today()
    if on < d.approved_on:
        raise InvalidInput(
            "A payment cannot be dated before the approval ({approved}).",
            params={"approved": d.approved_on.isoformat()},
            errors={"date": ["before the approval"]},
        )
    reference = (data.get("payment_ref") or "").strip()
    if not reference:
        raise InvalidInput(
            "A payment names its bank voucher or receipt.", errors={"payment_ref": ["required"]}
        )
    allocation = _allocation(session, d.id, data)
    wanted = data["status"]
    if allocation.payment_status not in TRANSITIONS[wanted]:
        raise Conflict(
            "The payment is {current}; it cannot become {wanted}.",
            rule="SH-04",
            params={"current": allocation.payment_status, "wanted": wanted},
        )
    before = allocation.payment_status
    allocation.payment_status = wanted
    session.add(
        DividendPayment(
            allocation_id=allocation.id,
            status=wanted,
            on_date=on,
            amount_fen=allocation.amount_fen,
            payment_ref=reference,
            recorded_by=actor.username,
        )
    )
    session.flush()
    record(
        session,
        actor,
        f"dividend.{wanted}",
        "distribution_allocation",
        allocation.id,
        before={"payment_status": before},
        after={
            "payment_status": wanted,
            "date": on,
            "amount_fen": allocation.amount_fen,
            "payment_ref": reference,
        },
    )
    entries = session.scalars(
        select(DividendPayment)
        .where(DividendPayment.allocation_id == allocation.id)
        .order_by(DividendPayment.id)
    ).all()
    return _payment_view(allocation, entries)


def _allocation(session, distribution_id: int, data: dict) -> Allocation:
    stmt = select(Allocation).where(Allocation.distribution_id == distribution_id)
    if data.get("household_code"):
        stmt, field = stmt.where(Allocation.household_code == data["household_code"]), "household_code"
    elif data.get("holder_id_number"):
        person = person_by_id_number(session, data["holder_id_number"], "holder_id_number")
        stmt, field = stmt.where(Allocation.person_id == person.id), "holder_id_number"
    else:
        raise InvalidInput(
            "Name the payee: household_code, or holder_id_number for an heir without a household.",
            errors={"household_code": ["household_code or holder_id_number"]},
        )
    allocation = session.scalar(stmt.with_for_update(of=Allocation))
    if allocation is None:
        raise NotFound(
            "The distribution has no allocation for this payee.", errors={field: ["no allocation"]}
        )
    return allocation
