"""Membership applications (成员资格申请): by a clerk, or from a hukou event (RS-03). Never a membership."""

from __future__ import annotations


from sqlalchemy import select

from ..db import paginate
from .. import clock
from ..audit.services import record
from ..collectives.services import collective_or_404
from ..errors import Conflict, InvalidInput, NotFound
from ..people.models import Person
from ..people.services import person_by_id_number
from .models import APPLICATION_BASES, MembershipApplication
from .roster import active_membership

SOURCES = ("clerk", "hukou_event")


def pending_application(session, person_id: int, collective_code: str) -> MembershipApplication | None:
    return session.scalar(
        select(MembershipApplication).where(
            MembershipApplication.person_id == person_id,
            MembershipApplication.collective_code == collective_code,
            MembershipApplication.status == "pending",
        )
    )


def submit_application(
    session,
    actor,
    collective_code: str,
    id_number: str,
    basis: str,
    evidence_ref: str | None = None,
    source: str = "clerk",
) -> MembershipApplication:
    """A pending application for the assembly; only a resolution confirms it (MEM-02)."""
    actor.require_collective(collective_code, "clerk")
    collective_or_404(session, collective_code)
    person = person_by_id_number(session, id_number)
    current = active_membership(session, person.id)
    if current is not None and current.collective_code == collective_code:
        raise Conflict(
            "The person is already an active member of collective {code}.",
            rule="MEM-01",
            params={"code": collective_code},
            errors={"id_number": ["already an active member"]},
        )
    existing = pending_application(session, person.id, collective_code)
    if existing is not None:
        raise Conflict(
            "The person already has pending application {id} in this collective.",
            rule="MEM-02",
            params={"id": existing.id},
            conflicts=[str(existing.id)],
        )
    return _create(session, actor, collective_code, person, basis, evidence_ref, source)


def application_from_move_in(
    session, actor, person: Person, collective_code: str, basis: str = "other"
) -> MembershipApplication | None:
    """RS-03: a recorded rural move-in (or birth, basis "birth") asks the assembly; it never makes a member.

    Idempotent: an open application is returned as it is. Returns None when the person is already an active
    member of that collective, since there is nothing left for the assembly to decide.
    """
    actor.require_collective(collective_code, "clerk", "police")
    collective_or_404(session, collective_code)
    current = active_membership(session, person.id)
    if current is not None and current.collective_code == collective_code:
        return None
    existing = pending_application(session, person.id, collective_code)
    if existing is not None:
        return existing
    return _create(session, actor, collective_code, person, basis, None, "hukou_event")


def _create(session, actor, collective_code, person, basis, evidence_ref, source) -> MembershipApplication:
    if basis not in APPLICATION_BASES:
        raise InvalidInput(
            "Unknown application basis {basis}.",
            params={"basis": basis},
            errors={"basis": [f"one of {', '.join(APPLICATION_BASES)}"]},
        )
    if source not in SOURCES:
        raise InvalidInput(
            "Unknown application source {source}.",
            params={"source": source},
            errors={"source": [f"one of {', '.join(SOURCES)}"]},
        )
    application = MembershipApplication(
        collective_code=collective_code,
        person_id=person.id,
        basis=basis,
        evidence_ref=evidence_ref,
        source=source,
        status="pending",
    )
    session.add(application)
    session.flush()
    record(
        session,
        actor,
        "membership_application.submit",
        "membership_application",
        application.id,
        after={
            "collective_code": collective_code,
            "id_number": person.id_number,
            "basis": basis,
            "source": source,
            "evidence_ref": evidence_ref,
        },
    )
    return application


def list_applications(
    session, actor, collective_code: str, status: str | None = None, page: int = 1, per_page: int = 50
) -> tuple[list[MembershipApplication], int]:
    actor.require_collective(collective_code, "clerk", "reviewer")
    collective_or_404(session, collective_code, "code")
    stmt = select(MembershipApplication).where(MembershipApplication.collective_code == collective_code)
    if status:
        stmt = stmt.where(MembershipApplication.status == status)
    return paginate(session, stmt.order_by(MembershipApplication.id), page, per_page)


def withdraw_application(session, actor, application_id: int, statement_ref: str) -> MembershipApplication:
    """撤回: the applicant withdraws a pending application in writing; a withdrawn one is never decided."""
    application = session.scalar(
        select(MembershipApplication)
        .where(MembershipApplication.id == application_id)
        .with_for_update(of=MembershipApplication)
    )
    if application is None:
        raise NotFound("Membership application {id} is not known.", params={"id": application_id})
    actor.require_collective(application.collective_code, "clerk")
    statement_ref = (statement_ref or "").strip()
    if not statement_ref:
        raise InvalidInput(
            "A withdrawal names the applicant's written request.", errors={"statement_ref": ["required"]}
        )
    if application.status != "pending":
        raise Conflict(
            "Application {id} has already been decided.",
            rule="MEM-02",
            params={"id": application.id},
            conflicts=[str(application.id)],
        )
    application.status, application.withdrawal_ref = "withdrawn", statement_ref
    application.withdrawn_at = clock.now()
    session.flush()
    record(
        session,
        actor,
        "membership_application.withdraw",
        "membership_application",
        application.id,
        before={"status": "pending"},
        after={"status": "withdrawn", "statement_ref": statement_ref},
    )
    return application
