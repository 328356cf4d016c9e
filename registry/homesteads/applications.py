"""Homestead applications: filing (HS-01..03, HS-05, HS-06, PAR-01/02) with its publicity (publicity.py),
withdrawal, and the county's decision (HS-04) once the objections (objections.py) are resolved. No Flask
here: the publicity length comes in from the caller's configuration.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..audit.services import record
from ..collectives.services import collective_or_404
from ..errors import Conflict, InvalidInput, NotFound, RuleViolation
from ..codes import next_in_sequence, parse_collective_code, parse_household_code
from ..parcels.geometry import geodesic_area_m2, to_cgcs2000
from ..parcels.services import on_basic_farmland, register_parcel, retire_parcel
from ..people.services import household_or_404
from ..reviews.services import close_review, open_review
from .caps import cap_for
from .eligibility import check_may_apply, lock_household
from .models import HomesteadApplication, HomesteadObjection
from .publicity import publicity_period
from .rights import register_right
from .. import clock

HOMESTEAD_LAND_CLASS = "0702"  # GB/T 21010 农村宅基地
OTHER_COLLECTIVE_LAND = "99"  # NY/T 2539 其他集体土地: a homestead plot is not contract land
REVIEW_KIND = "homestead_application"  # its item in the county's one review queue


def _plot_code(session, collective_code: str) -> str:
    """宗地代码: county + cadastral zone (the township part) + sub-zone (the village part) + JC + plot number.

    The plot sequence belongs to the sub-zone, which all group-level collectives of a village share."""
    subzone = collective_code[:12]
    return f"{subzone}JC{next_in_sequence(session, subzone + 'JC', 'parcel'):05d}"


def file_application(
    session, actor, data: dict, *, publicity_days: int, today: date | None = None
) -> HomesteadApplication:
    today = today or clock.today()
    household_collective, _ = parse_household_code(data["household_code"])
    collective_code = data.get("collective_code") or household_collective
    parse_collective_code(collective_code, "collective_code")
    actor.require_collective(collective_code, "clerk")
    collective_or_404(session, collective_code)
    household = household_or_404(session, data["household_code"])
    lock_household(session, household.code)
    check_may_apply(session, household, collective_code)
    start, ends, evidence = publicity_period(
        data.get("publicity_start"), data.get("publicity_evidence_ref"), publicity_days, today
    )
    geom = to_cgcs2000(data["geometry"], data.get("crs"))
    area = geodesic_area_m2(session, geom)
    cap = cap_for(session, collective_code[:2], data["terrain"], data["on_arable_land"])
    if area > cap.cap_m2:
        raise RuleViolation(
            "The plot has {area} m², more than the cap of {cap} m² for this terrain and land in "
            "province {province}.",
            rule="HS-02",
            params={"area": str(area), "cap": str(cap.cap_m2), "province": collective_code[:2]},
            errors={"geometry": [f"{area} m² > cap {cap.cap_m2} m²"]},
        )
    if on_basic_farmland(session, geom):
        raise RuleViolation(
            "The plot lies on basic farmland; a homestead may not take it.",
            rule="HS-06",
            errors={"geometry": ["on basic farmland"]},
        )
    parcel = register_parcel(
        session,
        actor,
        geom,
        collective_code=collective_code,
        kind="homestead",
        category=OTHER_COLLECTIVE_LAND,
        land_class=HOMESTEAD_LAND_CLASS,
        code=_plot_code(session, collective_code),
    )
    application = HomesteadApplication(
        household_code=household.code,
        collective_code=collective_code,
        parcel_id=parcel.id,
        terrain=data["terrain"],
        on_arable_land=data["on_arable_land"],
        area_m2=area,
        cap_m2=cap.cap_m2,
        building_number=data.get("building_number"),
        publicity_start=start,
        publicity_ends=ends,
        publicity_evidence_ref=evidence,
        status="publicity",
        created_by=actor.username,
    )
    session.add(application)
    session.flush()
    open_review(
        session,
        kind=REVIEW_KIND,
        subject=parcel.code,
        subject_id=application.id,
        collective_code=collective_code,
        publicity_ends=ends,
    )
    record(
        session,
        actor,
        "homestead_application.file",
        "homestead_application",
        application.id,
        after={
            "household_code": household.code,
            "collective_code": collective_code,
            "parcel_code": parcel.code,
            "area_m2": str(area),
            "cap_m2": str(cap.cap_m2),
            "terrain": application.terrain,
            "on_arable_land": application.on_arable_land,
            "publicity_start": start.isoformat(),
            "publicity_ends": ends.isoformat(),
            "publicity_evidence_ref": evidence,
        },
    )
    return application


def get_application(session, actor, application_id: int, *, for_update: bool = False) -> HomesteadApplication:
    application = session.get(HomesteadApplication, application_id, with_for_update=for_update or None)
    if application is None:
        raise NotFound("Homestead application {id} is not known.", params={"id": application_id})
    actor.require_collective(application.collective_code, "clerk", "reviewer")
    return application


def list_applications(session, actor, collective_code: str, status: str | None = None):
    actor.require_collective(collective_code, "clerk", "reviewer")
    stmt = select(HomesteadApplication).where(HomesteadApplication.collective_code == collective_code)
    if status:
        stmt = stmt.where(HomesteadApplication.status == status)
    return stmt.order_by(HomesteadApplication.id)


def open_objections(session, application_id: int) -> list[HomesteadObjection]:
    return session.scalars(
        select(HomesteadObjection)
        .where(HomesteadObjection.application_id == application_id, HomesteadObjection.status == "open")
        .order_by(HomesteadObjection.id)
    ).all()


def refuse_if_decided(application: HomesteadApplication) -> None:
    if application.status != "publicity":
        raise Conflict(
            "Homestead application {id} was decided already ({status}).",
            rule="HS-04",
            params={"id": application.id, "status": application.status},
        )


def _decision_target(session, actor, application_id: int) -> HomesteadApplication:
    application = session.get(HomesteadApplication, application_id, with_for_update=True)
    if application is None:
        raise NotFound("Homestead application {id} is not known.", params={"id": application_id})
    actor.require_county(application.collective_code[:6], "reviewer")
    refuse_if_decided(application)
    return application


def approve_application(
    session, actor, application_id: int, note: str | None = None, today: date | None = None
):
    """HS-04: from the publicity's end date on, with every objection resolved; registers the right."""
    today = today or clock.today()
    application = _decision_target(session, actor, application_id)
    if today < application.publicity_ends:
        raise Conflict(
            "The publicity of application {id} runs until {ends}; approval is possible from that day on.",
            rule="HS-04",
            params={"id": application.id, "ends": application.publicity_ends.isoformat()},
        )
    objections = open_objections(session, application.id)
    if objections:
        raise Conflict(
            "Application {id} has open objections; resolve them before approval.",
            rule="HS-04",
            params={"id": application.id},
            conflicts=[o.id for o in objections],
        )
    lock_household(session, application.household_code)
    # Membership, other applications and house sales may have changed during publicity: check again.
    check_may_apply(
        session,
        household_or_404(session, application.household_code),
        application.collective_code,
        except_application=application.id,
    )
    right, certificate = register_right(session, actor, application, today)
    application.status, application.decided_by, application.right_id = "approved", actor.username, right.id
    application.decided_at, application.decision_note = clock.now(), note
    session.flush()
    close_review(session, actor, REVIEW_KIND, application.id, "approved")
    record(
        session,
        actor,
        "homestead_application.approve",
        "homestead_application",
        application.id,
        after={
            "right_id": right.id,
            "unit_code": right.unit_code,
            "certificate_number": certificate.number,
            "note": note,
        },
    )
    return right, certificate


def reject_application(session, actor, application_id: int, reason: str) -> HomesteadApplication:
    """The plot leaves the current map, so it can be applied for again; its code is never reused."""
    application = _decision_target(session, actor, application_id)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("A rejection needs its reason.", errors={"reason": ["required"]})
    application.status, application.decided_by = "rejected", actor.username
    application.decided_at, application.decision_note = clock.now(), reason
    session.flush()
    close_review(session, actor, REVIEW_KIND, application.id, "rejected")
    retire_parcel(session, actor, application.parcel.code, f"宅基地申请 {application.id} 未获批准：{reason}")
    record(
        session,
        actor,
        "homestead_application.reject",
        "homestead_application",
        application.id,
        after={"reason": reason},
    )
    return application


def withdraw_application(session, actor, application_id: int, statement_ref: str) -> HomesteadApplication:
    """撤回: the household withdraws its application in writing during publicity; the plot leaves the map as
    on a
    rejection, and a withdrawn application is never approved or rejected."""
    application = session.get(HomesteadApplication, application_id, with_for_update=True)
    if application is None:
        raise NotFound("Homestead application {id} is not known.", params={"id": application_id})
    actor.require_collective(application.collective_code, "clerk")
    statement_ref = (statement_ref or "").strip()
    if not statement_ref:
        raise InvalidInput(
            "A withdrawal names the applicant's written request.", errors={"statement_ref": ["required"]}
        )
    refuse_if_decided(application)
    application.status, application.withdrawal_ref, application.decided_by = (
        "withdrawn",
        statement_ref,
        actor.username,
    )
    application.decided_at = clock.now()
    session.flush()
    close_review(session, actor, REVIEW_KIND, application.id, "withdrawn")
    retire_parcel(
        session, actor, application.parcel.code, f"宅基地申请 {application.id} 已撤回：{statement_ref}"
    )
    record(
        session,
        actor,
        "homestead_application.withdraw",
        "homestead_application",
        application.id,
        before={"status": "publicity"},
        after={"status": "withdrawn", "statement_ref": statement_ref},
    )
    return application


def decide_application_item(session, actor, item, decision: str, note: str | None, attest_voluntary) -> None:
    """The review queue's decider for `homestead_application` items (plugged in by homesteads.plug_in): the
    same
    checks as the approve and reject endpoints (HS-04 timing, open objections), since it is the same call."""
    if decision == "approve":
        approve_application(session, actor, item.subject_id, note)
    else:
        reject_application(session, actor, item.subject_id, note or "")
