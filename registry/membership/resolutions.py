"""Assembly resolutions (art. 27, 28) and the confirmations they decide (MEM-01, MEM-02, MEM-03).

Thresholds are compared as exact fractions: 2/3 of 31 members is 20⅔, so 20 votes fail and 21 pass.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from sqlalchemy import select

from ..audit.services import record
from ..collectives.services import collective_or_404
from ..errors import Conflict, InvalidInput, RuleViolation
from .models import Membership, MembershipApplication, Resolution
from .roster import active_member_count, active_membership, lock_person, note_change
from .. import clock

BODIES = ("assembly", "representatives")
SUBJECTS = ("membership", "share_plan", "distribution", "other")
DECISIONS = ("confirm", "reject")
COUNTS = ("members_total", "members_with_capacity", "attended", "votes_for")
TWO_THIRDS = Fraction(2, 3)


def adopt_resolution(
    session, actor, collective_code: str, data: dict, *, notice_days: int = 10, today: date | None = None
) -> Resolution:
    """Record an adopted resolution; for membership, confirm or reject its applications in this
    transaction."""
    actor.require_collective(collective_code, "clerk")
    collective_or_404(session, collective_code, "code")
    _check_shape(data, today or clock.today())
    check_thresholds(data, notice_days)
    decisions = data.get("decisions") or []
    if data["subject"] == "membership":
        if not decisions:
            raise InvalidInput(
                "A membership resolution decides at least one application.",
                errors={"decisions": ["at least one application"]},
            )
        _check_roster_size(session, collective_code, data)
    elif decisions:
        raise InvalidInput(
            "Only a membership resolution decides applications.",
            errors={"decisions": ["only for subject membership"]},
        )
    applications = sorted(
        _decided_applications(session, collective_code, decisions), key=lambda ad: ad[0].person_id
    )
    # Persons are locked in id order (no deadlock between resolutions sharing persons) and before the first
    # audit entry, whose chain lock every writer takes: person locks always come first, as in end_membership.
    for application, _ in applications:
        lock_person(session, application.person_id)
    resolution = Resolution(
        collective_code=collective_code,
        body=data["body"],
        subject=data["subject"],
        notice_date=data["notice_date"],
        meeting_date=data["meeting_date"],
        evidence_ref=data.get("evidence_ref"),
        adopted=True,
        created_by=actor.username,
        **{k: data[k] for k in COUNTS},
    )
    session.add(resolution)
    session.flush()
    record(
        session,
        actor,
        "resolution.adopt",
        "resolution",
        resolution.id,
        after={
            "collective_code": collective_code,
            **{
                k: data.get(k)
                for k in ("body", "subject", "notice_date", "meeting_date", *COUNTS, "evidence_ref")
            },
            "decisions": [[a.id, d] for a, d in applications],
        },
    )
    for application, decision in applications:
        if decision == "confirm":
            _confirm(session, actor, resolution, application)
        else:
            application.status, application.resolution_id = "rejected", resolution.id
            session.flush()
            record(
                session,
                actor,
                "membership_application.reject",
                "membership_application",
                application.id,
                after={"resolution_id": resolution.id},
            )
    return resolution


def _check_shape(data: dict, today: date) -> None:
    errors = {}
    if data.get("body") not in BODIES:
        errors["body"] = [f"one of {', '.join(BODIES)}"]
    if data.get("subject") not in SUBJECTS:
        errors["subject"] = [f"one of {', '.join(SUBJECTS)}"]
    for key in ("notice_date", "meeting_date"):
        if not isinstance(data.get(key), date):
            errors[key] = ["a date is required"]
    for key in COUNTS:
        value = data.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            errors[key] = ["a whole number ≥ 0 is required"]
    if errors:
        raise InvalidInput("The resolution is incomplete; see errors.", errors=errors)
    if data["members_total"] < 1 or data["members_with_capacity"] < 1:
        errors["members_with_capacity" if data["members_total"] >= 1 else "members_total"] = ["at least 1"]
    if data["members_with_capacity"] > data["members_total"]:
        errors["members_with_capacity"] = ["not more than members_total"]
    if data["attended"] > data["members_total"]:
        errors["attended"] = ["not more than members_total"]
    if data["votes_for"] > data["attended"]:
        errors["votes_for"] = ["one person one vote: not more than attended"]
    if data["notice_date"] > data["meeting_date"]:
        errors["notice_date"] = ["not after meeting_date"]
    if data["meeting_date"] > today:
        errors["meeting_date"] = ["a resolution records a meeting that has been held"]
    if errors:
        raise InvalidInput(
            "The figures of the resolution do not fit together; see errors.", rule="MEM-02", errors=errors
        )


def check_thresholds(data: dict, notice_days: int) -> None:
    """MEM-02 (art. 27, 28): notice, quorum of members with capacity, approval by all members, the body."""
    errors = {}
    if data["meeting_date"] - data["notice_date"] < timedelta(days=notice_days):
        errors["notice_date"] = [f"notice at least {notice_days} days before the meeting"]
    if Fraction(data["attended"], data["members_with_capacity"]) < TWO_THIRDS:
        errors["attended"] = ["at least 2/3 of the members with full capacity"]
    if Fraction(data["votes_for"], data["members_total"]) < TWO_THIRDS:
        errors["votes_for"] = ["at least 2/3 of all members"]
    if data["subject"] == "membership" and data["body"] != "assembly":
        errors["body"] = ["only the members' assembly confirms members (art. 28)"]
    if errors:
        raise RuleViolation(
            "The resolution does not meet the thresholds of art. 27: {fields}.",
            rule="MEM-02",
            params={"fields": sorted(errors)},
            errors=errors,
        )


def _check_roster_size(session, collective_code: str, data: dict) -> None:
    """2/3 of ALL members: the assembly cannot count fewer members than the roster holds on the day."""
    on_roster = active_member_count(session, collective_code, as_of=data["meeting_date"])
    if data["members_total"] < on_roster:
        raise RuleViolation(
            "The assembly counted {total} members, but the roster has {roster} on {date}.",
            rule="MEM-02",
            params={
                "total": data["members_total"],
                "roster": on_roster,
                "date": data["meeting_date"].isoformat(),
            },
            errors={"members_total": [f"at least {on_roster}, the members on the roster"]},
        )


def _decided_applications(session, collective_code: str, decisions: list[dict]):
    if not decisions:
        return []
    ids = [d.get("application_id") for d in decisions]
    found = {
        a.id: a
        for a in session.scalars(
            select(MembershipApplication)
            .where(MembershipApplication.id.in_([i for i in ids if isinstance(i, int)]))
            .with_for_update(of=MembershipApplication)
            .execution_options(populate_existing=True)
        )
    }
    errors, result = {}, []
    for i, d in enumerate(decisions):
        application = found.get(d.get("application_id"))
        if application is None or application.collective_code != collective_code:
            errors[f"decisions.{i}.application_id"] = ["no application of this collective"]
        elif ids.count(application.id) > 1:
            errors[f"decisions.{i}.application_id"] = ["listed twice"]
        elif d.get("decision") not in DECISIONS:
            errors[f"decisions.{i}.decision"] = [f"one of {', '.join(DECISIONS)}"]
        else:
            result.append((application, d["decision"]))
    if errors:
        raise InvalidInput("Some decisions do not name a pending application; see errors.", errors=errors)
    decided = [a for a, _ in result if a.status != "pending"]
    if decided:
        raise Conflict(
            "Application {id} has already been decided.",
            rule="MEM-02",
            params={"id": decided[0].id},
            conflicts=[str(a.id) for a in decided],
        )
    births = [i for i, (a, d) in enumerate(result) if d == "reject" and a.basis == "birth"]
    if births:
        raise RuleViolation(
            "A child born to a member shall be confirmed; the application cannot be rejected.",
            rule="MEM-03",
            errors={f"decisions.{i}.decision": ["basis birth: confirm"] for i in births},
        )
    return result


def _confirm(session, actor, resolution: Resolution, application: MembershipApplication) -> Membership:
    """MEM-01: confirming someone active elsewhere ends that membership on this meeting day, never earlier."""
    on = resolution.meeting_date
    current = active_membership(session, application.person_id)
    if current is not None and current.collective_code == resolution.collective_code:
        raise Conflict(
            "Application {id}: the person is already an active member here.",
            rule="MEM-01",
            params={"id": application.id},
            conflicts=[str(current.id)],
        )
    if current is not None:
        if on < current.since:
            raise Conflict(
                "Application {id}: the meeting is before the person's current membership began.",
                rule="MEM-01",
                params={"id": application.id},
                conflicts=[current.collective_code],
            )
        before = {"status": current.status, "collective_code": current.collective_code}
        current.status, current.ended_on, current.end_reason = "ended", on, "acquired_other"
        current.end_resolution_id = resolution.id
        session.flush()
        note_change(session, current, "ended", on, "acquired_other", resolution.id)
        record(
            session,
            actor,
            "membership.end",
            "membership",
            current.id,
            before=before,
            after={
                "end_reason": "acquired_other",
                "ended_on": on,
                "by_resolution": resolution.id,
                "new_collective": resolution.collective_code,
            },
        )
    membership = Membership(
        person_id=application.person_id,
        collective_code=resolution.collective_code,
        status="active",
        since=on,
        application_id=application.id,
        resolution_id=resolution.id,
    )
    session.add(membership)
    application.status, application.resolution_id = "confirmed", resolution.id
    session.flush()
    note_change(session, membership, "joined", on, application.basis, resolution.id)
    record(
        session,
        actor,
        "membership.confirm",
        "membership",
        membership.id,
        after={
            "collective_code": resolution.collective_code,
            "person_id": application.person_id,
            "since": on,
            "application_id": application.id,
            "resolution_id": resolution.id,
        },
    )
    return membership
