"""Homestead rights: first registration with the 28-character unit code, reads, ending a right, and the exit
handler that the one exit path (exits/services.py, UR-02/UR-04) calls on approval.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, text

from ..certificates.models import Certificate
from ..codes import homestead_unit_code, parse_household_code
from ..errors import Conflict, NotFound
from ..parcels.services import retire_parcel
from ..people.services import current_members, household_or_404
from ..exits.handlers import RightInfo
from .certificates import cancel_certificate, issue_certificate
from .models import HomesteadApplication, HomesteadRight
from .register import append_entry, entries
from .. import clock


def unit_code_for(plot_code: str, building_number: str | None) -> str:
    """不动产单元代码 = 宗地代码 + F + building/unit number with a house, W00000000 without (GB/T 37346)."""
    return homestead_unit_code(
        plot_code[:6], int(plot_code[6:9]), int(plot_code[9:12]), int(plot_code[14:19]), building_number
    )


def register_right(
    session, actor, application: HomesteadApplication, on: date
) -> tuple[HomesteadRight, Certificate]:
    right = HomesteadRight(
        household_code=application.household_code,
        collective_code=application.collective_code,
        parcel_id=application.parcel_id,
        status="active",
        registered_on=on,
        unit_code=unit_code_for(application.parcel.code, application.building_number),
    )
    session.add(right)
    session.flush()
    certificate = issue_certificate(session, actor, right, on)
    append_entry(
        session,
        actor,
        right,
        "first",
        on,
        f"首次登记：宅基地申请 {application.id} 经公示（{application.publicity_start:%Y-%m-%d} 至 "
        f"{application.publicity_ends:%Y-%m-%d}）无未决异议，审批通过",
    )
    return right, certificate


def get_right(session, actor, right_id: int, *, for_update: bool = False) -> HomesteadRight:
    right = session.get(HomesteadRight, right_id, with_for_update=for_update or None)
    if right is None:
        raise NotFound("Homestead right {id} is not known.", params={"id": right_id})
    actor.require_collective(right.collective_code, "clerk", "reviewer")
    return right


def read_register(session, actor, right_id: int, on: date | None) -> dict:
    """The register of a right; with `on`, the entries up to that date and the right's state then (RG-01)."""
    get_right(session, actor, right_id)
    found = entries(session, right_id, on)
    return {"right_id": right_id, "on": on, "state": found[-1].state if found else None, "entries": found}


def active_right(session, right_id: int, actor, *, roles=("reviewer",)) -> HomesteadRight:
    """A right to register a change on: locked, active, and in the actor's county."""
    right = session.get(HomesteadRight, right_id, with_for_update=True)
    if right is None:
        raise NotFound("Homestead right {id} is not known.", params={"id": right_id})
    actor.require_county(right.collective_code[:6], *roles)
    if right.status != "active":
        raise Conflict(
            "Homestead right {id} has ended ({reason}).",
            rule="RG-01",
            params={"id": right.id, "reason": right.end_reason},
        )
    return right


def household_right(session, actor, household_code: str) -> HomesteadRight:
    """The household's active right, or 404."""
    collective_code, _ = parse_household_code(household_code, "code")
    actor.require_collective(collective_code, "clerk", "reviewer")
    household_or_404(session, household_code, "code")
    right = session.scalar(
        select(HomesteadRight).where(
            HomesteadRight.household_code == household_code, HomesteadRight.status == "active"
        )
    )
    if right is None:
        raise NotFound("Household {code} holds no active homestead right.", params={"code": household_code})
    return right


def active_homestead_sql(household: str, collective: str) -> str:
    """RS-01's homestead test as an SQL boolean over two SQL operands (bind parameters or column expressions),
    for an area that asks it inside a statement of its own (the police confirmation, one round trip)."""
    return (
        f"EXISTS (SELECT 1 FROM homestead_rights h WHERE h.household_code = {household} "
        f"AND h.collective_code = {collective} AND h.status = 'active')"
    )


_HAS_ACTIVE_HOMESTEAD = text("SELECT " + active_homestead_sql(":household", ":collective"))


def household_has_active_homestead(session, household_code: str, collective_code: str) -> bool:
    """RS-01: does the household hold an active homestead right on land of this collective?"""
    return session.execute(
        _HAS_ACTIVE_HOMESTEAD, {"household": household_code, "collective": collective_code}
    ).scalar_one()


def end_right(
    session,
    actor,
    right: HomesteadRight,
    *,
    end_reason: str,
    entry_kind: str,
    on: date,
    reason: str,
    evidence_ref: str | None,
) -> HomesteadRight:
    """End the right, cancel its certificate, note it in the register, and free the plot on the map."""
    right.status, right.ended_on, right.end_reason = "ended", on, end_reason
    session.flush()
    cancel_certificate(session, actor, right.id, on, reason)
    append_entry(session, actor, right, entry_kind, on, reason, evidence_ref)
    retire_parcel(session, actor, right.parcel.code, reason)
    return right


# --- the exit path ------------------------------------------------------------------------------------------


def _right_by_ref(session, ref: str) -> HomesteadRight | None:
    """An exit names the right by its unit code, or by its id."""
    ref = (ref or "").strip()
    if ref.isdigit() and len(ref) < 12:
        return session.get(HomesteadRight, int(ref))
    return session.scalar(select(HomesteadRight).where(HomesteadRight.unit_code == ref))


def locate_for_exit(session, ref: str) -> RightInfo:
    right = _right_by_ref(session, ref)
    if right is None:
        raise NotFound(
            "No homestead right {ref}.", params={"ref": ref}, errors={"ref": ["unknown homestead right"]}
        )
    if right.status != "active":
        raise Conflict("Homestead right {ref} has ended already.", params={"ref": ref})
    if right.household_code is None:
        return RightInfo(right.collective_code, None, frozenset({right.holder_person_id}))
    household = household_or_404(session, right.household_code)
    return RightInfo(
        right.collective_code, household.code, frozenset(m.person_id for m in current_members(household))
    )


def apply_exit(session, actor, exit) -> None:
    right = _right_by_ref(session, exit.ref)
    session.refresh(right, with_for_update=True)
    if right.status != "active":
        raise Conflict("Homestead right {ref} has ended already.", params={"ref": exit.ref})
    end_right(
        session,
        actor,
        right,
        end_reason="exit",
        entry_kind="exit",
        on=clock.today(),
        reason=f"自愿有偿退出（退出申请 {exit.id}，补偿 {exit.compensation_fen} 分）",
        evidence_ref=exit.statement_ref,
    )


class HomesteadExit:
    """The homestead right's ExitHandler (exits.handlers), plugged in by homesteads.plug_in."""

    locate = staticmethod(locate_for_exit)
    apply = staticmethod(apply_exit)
