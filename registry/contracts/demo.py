"""Demo step: each demo household with a confirmed member gets a second-round family contract (1998-2027, so
the 30-year extension can be shown) on two of its village's free contract parcels."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..auth.actor import SYSTEM
from ..errors import RuleViolation
from ..parcels.models import Parcel
from ..people.models import Household
from .models import ContractParcel, LandContract
from .services import household_of_issuer, register_contract
from .terms import last_day

DEMO_START = date(1998, 1, 1)
PARCELS_PER_HOUSEHOLD = 2


def demo_contracts(session, data) -> str:
    """Idempotent: households with a contract and parcels in one are left alone; the rest stay free on the
    map."""
    villages = sorted({h["collective_code"] for h in data["households"]})
    made = 0
    for village in villages:
        free = list(
            session.scalars(
                select(Parcel.code)
                .where(
                    Parcel.collective_code == village,
                    Parcel.kind == "contract",
                    Parcel.status == "current",
                    Parcel.id.not_in(select(ContractParcel.parcel_id)),
                )
                .order_by(Parcel.code)
            )
        )
        households = session.scalars(
            select(Household.code)
            .where(
                Household.collective_code == village,
                Household.dissolved_on.is_(None),
                Household.code.not_in(select(LandContract.household_code)),
            )
            .order_by(Household.code)
        ).all()
        for code in households:
            if len(free) < PARCELS_PER_HOUSEHOLD:
                break
            try:
                household_of_issuer(session, code, village, "LC-01", "household_code")
            except RuleViolation:
                continue  # no confirmed member yet: nothing to contract to (LC-01)
            plots, free = free[:PARCELS_PER_HOUSEHOLD], free[PARCELS_PER_HOUSEHOLD:]
            register_contract(
                session,
                SYSTEM,
                household_code=code,
                method="110",
                land_type="arable",
                start_date=DEMO_START,
                end_date=last_day(DEMO_START, 30),
                parcel_codes=plots,
                document_ref="第二轮土地承包合同（演示）",
            )
            made += 1
    total = session.query(LandContract).count()
    return f"land contracts: {made} new, {total} in all"
