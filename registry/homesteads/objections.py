"""Objections to a homestead application in publicity (HS-04): filed before the county decides, resolved by
the collective; an open objection holds up the approval (applications.approve_application)."""

from __future__ import annotations

from ..audit.services import record
from ..errors import Conflict, InvalidInput, NotFound
from .applications import get_application, refuse_if_decided
from .models import HomesteadObjection
from .. import clock


def file_objection(session, actor, application_id: int, text: str) -> HomesteadObjection:
    """An objection is heard whenever it comes before the decision, also after the period's last day."""
    application = get_application(session, actor, application_id, for_update=True)
    refuse_if_decided(application)
    text = (text or "").strip()
    if not text:
        raise InvalidInput("The objection text is empty.", errors={"text": ["empty"]})
    objection = HomesteadObjection(
        application_id=application.id, text=text, status="open", filed_by=actor.username
    )
    session.add(objection)
    session.flush()
    record(
        session,
        actor,
        "homestead_objection.file",
        "homestead_objection",
        objection.id,
        after={"application_id": application.id, "text": text},
    )
    return objection


def resolve_objection(session, actor, objection_id: int, resolution: str) -> HomesteadObjection:
    objection = session.get(HomesteadObjection, objection_id, with_for_update=True)
    if objection is None:
        raise NotFound("Objection {id} is not known.", params={"id": objection_id})
    get_application(session, actor, objection.application_id)
    if objection.status != "open":
        raise Conflict("Objection {id} was resolved already.", params={"id": objection_id})
    resolution = (resolution or "").strip()
    if not resolution:
        raise InvalidInput("The resolution text is empty.", errors={"resolution": ["empty"]})
    objection.status, objection.resolution = "resolved", resolution
    objection.resolved_by, objection.resolved_at = actor.username, clock.now()
    session.flush()
    record(
        session,
        actor,
        "homestead_objection.resolve",
        "homestead_objection",
        objection.id,
        after={"application_id": objection.application_id, "resolution": resolution},
    )
    return objection
