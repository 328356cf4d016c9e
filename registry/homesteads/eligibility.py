"""Who may hold or apply for a homestead: HS-01 (one household, one homestead), HS-03 (a member of the
owning collective in the household), HS-05 (no new homestead after selling, renting out or giving away a
house).
"""

from __future__ import annotations

from sqlalchemy import select

from ..db import advisory_xact_lock
from ..errors import Conflict, RuleViolation
from ..membership.services import is_active_member
from ..people.models import Household
from ..people.services import current_members
from .models import HomesteadApplication, HomesteadRight, HouseTransfer


def lock_household(session, household_code: str) -> None:
    """Serialize every writer that could give the household a homestead (HS-01), until commit."""
    advisory_xact_lock(session, "homestead-household", household_code)


def check_one_homestead(session, household_code: str, *, except_application: int | None = None) -> None:
    """HS-01: no active right and no other open application for the household."""
    unit = session.scalar(
        select(HomesteadRight.unit_code).where(
            HomesteadRight.household_code == household_code, HomesteadRight.status == "active"
        )
    )
    if unit:
        raise Conflict(
            "Household {household} already holds homestead {unit}: one household, one homestead.",
            rule="HS-01",
            params={"household": household_code, "unit": unit},
            conflicts=[unit],
        )
    stmt = select(HomesteadApplication.id).where(
        HomesteadApplication.household_code == household_code, HomesteadApplication.status == "publicity"
    )
    if except_application is not None:
        stmt = stmt.where(HomesteadApplication.id != except_application)
    open_id = session.scalar(stmt)
    if open_id:
        raise Conflict(
            "Household {household} already has open homestead application {id}: one household, "
            "one homestead.",
            rule="HS-01",
            params={"household": household_code, "id": open_id},
            conflicts=[open_id],
        )


def check_member_in_household(
    session, household: Household, collective_code: str, field: str = "household_code"
) -> None:
    """HS-03: at least one current member of the household is an active member of the owning collective."""
    if not any(is_active_member(session, m.person_id, collective_code) for m in current_members(household)):
        raise RuleViolation(
            "Household {household} includes no active member of collective {collective}, "
            "which owns the land.",
            rule="HS-03",
            params={"household": household.code, "collective": collective_code},
            errors={field: ["no active member of the owning collective"]},
        )


def check_no_house_transferred(session, household_code: str) -> None:
    """HS-05: a household that sold, rented out or gave away its house gets no new homestead."""
    t = session.scalar(
        select(HouseTransfer)
        .where(HouseTransfer.household_code == household_code)
        .order_by(HouseTransfer.transfer_date)
        .limit(1)
    )
    if t is not None:
        raise RuleViolation(
            "Household {household} disposed of its house ({kind}, {date}); it cannot apply for "
            "a homestead again.",
            rule="HS-05",
            params={"household": household_code, "kind": t.kind, "date": t.transfer_date.isoformat()},
            errors={"household_code": ["sold, rented out or gave away its house"]},
        )


def check_may_apply(
    session, household: Household, collective_code: str, *, except_application: int | None = None
) -> None:
    """Every household rule of an application, in the order a clerk can act on them."""
    check_one_homestead(session, household.code, except_application=except_application)
    check_no_house_transferred(session, household.code)
    check_member_in_household(session, household, collective_code)
