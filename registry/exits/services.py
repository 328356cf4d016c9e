"""The one exit path for every right (自愿有偿退出): guard, linkage flag, review item, and the approval.

Each right's area plugs in an `ExitHandler` (handlers.py). Nothing here reads or changes a person's rights
because of an urban settlement; it only flags exits filed soon after one (UR-04).
"""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from ..audit.services import record
from ..codes import mask_id_number
from ..errors import Conflict, InvalidInput, NotFound, RuleViolation
from ..people.services import person_by_id_number
from ..reviews.services import close_review, open_review
from .co_holders import check_co_holder_statements
from .guard import refuse_settlement_linkage
from .handlers import HANDLERS, settlement_events
from .models import Exit
from .. import clock


def display_ref(ref: str) -> str:
    """SEC-02: a share ref may be P + a citizen ID number; queues and reports show it masked."""
    return "P" + mask_id_number(ref[1:]) if re.fullmatch(r"P[0-9]{17}[0-9X]", ref) else ref


def file_exit(
    session,
    actor,
    *,
    right: str,
    ref: str,
    holder_id_number: str,
    compensation_fen: int,
    statement_ref: str,
    reason: str,
    condition: str | None = None,
    details: dict | None = None,
    filed_on: date | None = None,
    linkage_days: int = 180,
    co_holder_statements: list | None = None,
) -> Exit:
    actor.require_role("clerk")
    action = f"exit.file:{right}"
    refuse_settlement_linkage(
        reason,
        condition,
        *(str(v) for v in (details or {}).values() if isinstance(v, str)),
        entity="exit",
        entity_id=f"{right}:{ref}",
        action=action,
    )
    if right not in HANDLERS:
        raise InvalidInput("Unknown right {right}.", params={"right": right}, errors={"right": ["unknown"]})
    if not isinstance(compensation_fen, int) or isinstance(compensation_fen, bool) or compensation_fen <= 0:
        raise RuleViolation(
            "A voluntary exit is compensated: compensation_fen must be a positive whole number of fen.",
            rule="UR-02",
            errors={"compensation_fen": ["must be > 0 fen"]},
        )
    if not (statement_ref or "").strip():
        raise RuleViolation(
            "The holder's own written statement is required.",
            rule="UR-02",
            errors={"statement_ref": ["the holder's written statement is required"]},
        )
    info = HANDLERS[right].locate(session, ref)
    actor.require_collective(info.collective_code, "clerk")
    holder = person_by_id_number(session, holder_id_number, "holder_id_number")
    if holder.id not in info.holder_person_ids:
        raise InvalidInput(
            "The person named is not a holder of {ref}.",
            params={"ref": ref},
            errors={"holder_id_number": ["not a holder of this right"]},
        )
    statements = check_co_holder_statements(
        session, right, info, holder, co_holder_statements, filed_on or clock.today()
    )
    if statements is not None:
        details = {**(details or {}), "co_holder_statements": statements}
    pending = session.scalar(
        select(Exit.id).where(Exit.right_kind == right, Exit.ref == ref, Exit.status == "pending_review")
    )
    if pending:
        raise Conflict(
            "An exit of {ref} is already waiting for review.", params={"ref": ref}, conflicts=[pending]
        )
    filed_on = filed_on or clock.today()
    event_id = settlement_events().latest_urban_settlement(
        session, info.household_code, info.holder_person_ids, filed_on, linkage_days
    )
    ex = Exit(
        right_kind=right,
        ref=ref,
        collective_code=info.collective_code,
        household_code=info.household_code,
        holder_person_id=holder.id,
        compensation_fen=compensation_fen,
        statement_ref=statement_ref.strip(),
        reason=reason,
        details=details,
        filed_on=filed_on,
        linkage_flag=event_id is not None,
        settlement_event_id=event_id,
        filed_by=actor.username,
    )
    session.add(ex)
    session.flush()
    open_review(
        session,
        kind=f"exit:{right}",
        subject=display_ref(ref),
        subject_id=ex.id,
        collective_code=info.collective_code,
        linkage_flag=ex.linkage_flag,
    )
    record(
        session,
        actor,
        action,
        "exit",
        ex.id,
        after={
            "right": right,
            "ref": ref,
            "compensation_fen": compensation_fen,
            "linkage_flag": ex.linkage_flag,
            "reason": reason,
        },
    )
    return ex


def decide_exit(
    session, actor, exit_id: int, decision: str, note: str | None, attest_voluntary: bool | None
) -> Exit:
    """A reviewer of the county approves or rejects; a flagged exit needs the explicit attestation (UR-04)."""
    ex = session.get(Exit, exit_id, with_for_update=True)
    if ex is None:
        raise NotFound("Exit {id} is not known.", params={"id": exit_id})
    actor.require_county(ex.collective_code[:6], "reviewer")
    if ex.status != "pending_review":
        raise Conflict("Exit {id} was decided already.", params={"id": exit_id})
    if decision not in ("approve", "reject"):
        raise InvalidInput("decision is approve or reject.", errors={"decision": ["approve or reject"]})
    if decision == "approve" and ex.linkage_flag and attest_voluntary is not True:
        raise RuleViolation(
            "This exit was filed soon after the household's urban settlement; approve it only with the "
            "explicit "
            "attestation that it is voluntary and not a condition of settlement.",
            rule="UR-04",
            errors={"attest_voluntary": ["required for a flagged exit"]},
        )
    ex.status = "approved" if decision == "approve" else "rejected"
    ex.attested_voluntary = bool(attest_voluntary)
    ex.decided_by, ex.decided_at, ex.decision_note = actor.username, clock.now(), note
    session.flush()
    close_review(session, actor, f"exit:{ex.right_kind}", ex.id, ex.status)
    if ex.status == "approved":
        HANDLERS[ex.right_kind].apply(session, actor, ex)
    record(
        session,
        actor,
        f"exit.{ex.status}",
        "exit",
        ex.id,
        after={
            "decision": decision,
            "attest_voluntary": ex.attested_voluntary,
            "note": note,
            "linkage_flag": ex.linkage_flag,
        },
    )
    return ex


def decide_exit_item(session, actor, item, decision, note, attest_voluntary) -> None:
    """The review queue's decider for `exit:*` items (plugged in by exits.plug_in)."""
    decide_exit(session, actor, item.subject_id, decision, note, attest_voluntary)


def recent_exits(session, actor, collective_code: str, limit: int = 100) -> list[Exit]:
    """The collective's exits, newest first."""
    actor.require_collective(collective_code, "clerk")
    return session.scalars(
        select(Exit).where(Exit.collective_code == collective_code).order_by(Exit.id.desc()).limit(limit)
    ).all()
