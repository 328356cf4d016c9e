"""Ending a membership: only the lawful causes of art. 16-17 (MEM-04), never those of art. 18 (MEM-05).

Nothing here looks at sex or marital status (MEM-07): marriage is refused as a cause for everyone, and the
member who marries out stays a member until another collective confirms them (MEM-01).
"""

from __future__ import annotations

from datetime import date

from ..audit.services import record
from ..dates import not_in_future
from ..errors import Conflict, InvalidInput, NotFound, RuleViolation
from .models import END_REASONS, FORBIDDEN_END_REASONS, REASONS_NEEDING_EVIDENCE, Membership
from .roster import active_membership, lock_person, note_change
from .. import clock


def end_membership(
    session,
    actor,
    membership_id: int,
    reason: str,
    on_date: date,
    basis_text: str | None = None,
    *,
    evidence_ref: str | None = None,
    consent_ref: str | None = None,
    contract_civil_servant: bool | None = None,
    today: date | None = None,
) -> Membership:
    """End one active membership for a MEM-04 cause with its evidence; MEM-05 causes are refused and
    audited."""
    membership = session.get(Membership, membership_id)
    if membership is None:
        raise NotFound("Membership {id} is not registered.", params={"id": membership_id})
    actor.require_collective(membership.collective_code, "clerk")
    check_end_reason(
        reason,
        membership_id,
        basis_text=basis_text,
        evidence_ref=evidence_ref,
        consent_ref=consent_ref,
        contract_civil_servant=contract_civil_servant,
    )
    lock_person(session, membership.person_id)
    session.refresh(membership)
    if membership.status != "active":
        raise Conflict("Membership {id} has already ended.", rule="MEM-04", params={"id": membership_id})
    _check_date(membership, on_date, today or clock.today())
    return _close(
        session,
        actor,
        membership,
        reason,
        on_date,
        basis_text=basis_text,
        evidence_ref=evidence_ref,
        consent_ref=consent_ref,
    )


def check_end_reason(
    reason: str,
    membership_id=None,
    *,
    basis_text=None,
    evidence_ref=None,
    consent_ref=None,
    contract_civil_servant=None,
) -> None:
    if reason in FORBIDDEN_END_REASONS:
        raise RuleViolation(
            "{reason} never ends a membership (art. 18).",
            rule="MEM-05",
            params={"reason": reason},
            errors={"reason": ["not a cause for losing membership (art. 18)"]},
            audit_refusal=True,
            entity="membership",
            entity_id=str(membership_id),
            action="membership.end",
        )
    if reason not in END_REASONS:
        raise RuleViolation(
            "{reason} is not a lawful cause for ending a membership.",
            rule="MEM-04",
            params={"reason": reason},
            errors={"reason": [f"one of {', '.join(r for r in END_REASONS if r != 'acquired_other')}"]},
        )
    if reason == "acquired_other":
        raise RuleViolation(
            "A membership ends with acquired_other only when another collective confirms the person.",
            rule="MEM-04",
            errors={"reason": ["set only by a confirming resolution"]},
        )
    errors = {}
    if reason in REASONS_NEEDING_EVIDENCE and not (evidence_ref or "").strip():
        errors["evidence_ref"] = [f"{reason} needs its document"]
    if reason == "voluntary_exit" and not (consent_ref or "").strip():
        errors["consent_ref"] = ["a voluntary exit needs the collective's consent (art. 16)"]
    if reason == "civil_servant" and contract_civil_servant is not False:
        errors["contract_civil_servant"] = ["a contract civil servant keeps membership; state false"]
    if reason == "other_legal" and not (basis_text or "").strip():
        errors["basis_text"] = ["the legal or charter basis, as text"]
    if errors:
        raise RuleViolation(
            "The ending for {reason} lacks what art. 16-17 require; see errors.",
            rule="MEM-04",
            params={"reason": reason},
            errors=errors,
        )


def _check_date(membership: Membership, on_date: date, today: date) -> None:
    not_in_future(on_date, today)
    if on_date < membership.since:
        raise InvalidInput(
            "The end date is before the membership began ({since}).",
            params={"since": membership.since.isoformat()},
            errors={"date": ["before since"]},
        )


def end_membership_for_death(session, actor, person_id: int, on_date: date) -> Membership | None:
    """A recorded death ends the person's active membership, if any (art. 17(1)); the hukou event is the
    evidence."""
    actor.require_role("clerk", "police")
    lock_person(session, person_id)
    membership = active_membership(session, person_id)
    if membership is None:
        return None
    if on_date < membership.since:
        raise InvalidInput(
            "The end date is before the membership began ({since}).",
            params={"since": membership.since.isoformat()},
            errors={"date": ["before since"]},
        )
    return _close(session, actor, membership, "death", on_date, evidence_ref=f"hukou death event {on_date}")


def _close(
    session,
    actor,
    membership: Membership,
    reason: str,
    on_date: date,
    *,
    basis_text=None,
    evidence_ref=None,
    consent_ref=None,
) -> Membership:
    membership.status, membership.ended_on, membership.end_reason = "ended", on_date, reason
    membership.basis_text, membership.end_evidence_ref, membership.end_consent_ref = (
        basis_text,
        evidence_ref,
        consent_ref,
    )
    session.flush()
    note_change(session, membership, "ended", on_date, reason)
    record(
        session,
        actor,
        "membership.end",
        "membership",
        membership.id,
        before={"status": "active"},
        after={
            "end_reason": reason,
            "ended_on": on_date,
            "basis_text": basis_text,
            "evidence_ref": evidence_ref,
            "consent_ref": consent_ref,
        },
    )
    return membership
