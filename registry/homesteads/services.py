"""Homestead services that other areas use, and the area's hooks into the shared paths.

`plot_in_use` is the guard (plugged in by homesteads.plug_in) that keeps the parcels area from retiring a plot
that carries an open application or an active right.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..audit.services import record
from ..dates import not_in_future
from ..errors import Conflict, InvalidInput
from ..people.services import household_or_404
from .models import TRANSFER_KINDS, HomesteadApplication, HomesteadRight, HouseTransfer
from .rights import household_has_active_homestead
from .. import clock

__all__ = ["household_has_active_homestead", "record_house_transfer", "house_transfers"]


def record_house_transfer(
    session,
    actor,
    household_code: str,
    kind: str,
    transfer_date: date,
    evidence_ref: str,
    counterparty: str | None = None,
) -> HouseTransfer:
    """HS-05: record that the household sold, rented out or gave away its house."""
    household = household_or_404(session, household_code, "code")
    actor.require_collective(household.collective_code, "clerk")
    if kind not in TRANSFER_KINDS:
        raise InvalidInput(
            "Unknown kind {kind}.", params={"kind": kind}, errors={"kind": ["sale, rent or gift"]}
        )
    not_in_future(transfer_date, clock.today(), rule="HS-05")
    evidence_ref = (evidence_ref or "").strip()
    if not evidence_ref:
        raise InvalidInput(
            "evidence_ref is required.",
            params={"field": "evidence_ref"},
            errors={"evidence_ref": ["required"]},
        )
    right_id = session.scalar(
        select(HomesteadRight.id).where(
            HomesteadRight.household_code == household.code, HomesteadRight.status == "active"
        )
    )
    transfer = HouseTransfer(
        household_code=household.code,
        kind=kind,
        transfer_date=transfer_date,
        counterparty=(counterparty or "").strip() or None,
        evidence_ref=evidence_ref,
        right_id=right_id,
        recorded_by=actor.username,
    )
    session.add(transfer)
    session.flush()
    record(
        session,
        actor,
        "house_transfer.record",
        "household",
        household.code,
        after={
            "id": transfer.id,
            "kind": kind,
            "date": transfer_date.isoformat(),
            "evidence_ref": evidence_ref,
            "counterparty": transfer.counterparty,
            "right_id": right_id,
        },
    )
    return transfer


def house_transfers(session, actor, household_code: str) -> list[HouseTransfer]:
    household = household_or_404(session, household_code, "code")
    actor.require_collective(household.collective_code, "clerk", "reviewer")
    return session.scalars(
        select(HouseTransfer)
        .where(HouseTransfer.household_code == household.code)
        .order_by(HouseTransfer.transfer_date, HouseTransfer.id)
    ).all()


def plot_in_use(session, parcel) -> None:
    """A homestead plot leaves the map only after its application is decided and its right has ended."""
    if parcel.kind != "homestead":
        return
    unit = session.scalar(
        select(HomesteadRight.unit_code).where(
            HomesteadRight.parcel_id == parcel.id, HomesteadRight.status == "active"
        )
    )
    if unit:
        raise Conflict(
            "Parcel {code} carries active homestead right {unit}; register its end first.",
            rule="RG-01",
            params={"code": parcel.code, "unit": unit},
            conflicts=[unit],
        )
    open_id = session.scalar(
        select(HomesteadApplication.id).where(
            HomesteadApplication.parcel_id == parcel.id, HomesteadApplication.status == "publicity"
        )
    )
    if open_id:
        raise Conflict(
            "Parcel {code} is the plot of open homestead application {id}.",
            rule="HS-04",
            params={"code": parcel.code, "id": open_id},
            conflicts=[open_id],
        )
