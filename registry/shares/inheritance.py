"""SH-03: shares are inheritable. The whole holding of a deceased holder passes to the heirs named in the
succession document; an heir who is not a member receives dividends but gains no vote (votes follow
membership,
one person one vote, never shares). The charter cap (SH-02) limits transfers, not succession."""

from __future__ import annotations

from sqlalchemy import select

from ..audit.services import record
from ..codes import mask_id_number
from ..collectives.services import collective_or_404
from ..errors import InvalidInput, RuleViolation
from ..membership.models import Membership
from ..people.services import person_by_id_number
from .models import ShareChange
from .register import (
    positive_count,
    current_households,
    holding_of,
    lock_shares,
    move,
    new_change,
    refuse_if_redemption_pending,
)


def inherit_shares(
    session, actor, collective_code: str, deceased_id_number: str, heirs: list[dict], document_ref: str
) -> tuple[ShareChange, list[dict]]:
    actor.require_collective(collective_code, "clerk")
    collective_or_404(session, collective_code)
    if not (document_ref or "").strip():
        raise RuleViolation(
            "Succession needs its document (will, notarial certificate or judgment).",
            rule="SH-03",
            errors={"document_ref": ["required"]},
        )
    lock_shares(session, collective_code)
    deceased = person_by_id_number(session, deceased_id_number, "deceased_id_number")
    holding = holding_of(session, collective_code, deceased.id)
    if holding is None:
        raise RuleViolation(
            "The deceased holds no shares in collective {code}.",
            rule="SH-03",
            params={"code": collective_code},
            errors={"deceased_id_number": ["holds no shares"]},
        )
    if session.scalar(
        select(Membership.id).where(Membership.person_id == deceased.id, Membership.status == "active")
    ):
        raise RuleViolation(
            "The holder is still an active member; record the death on the roster first.",
            rule="SH-03",
            errors={"deceased_id_number": ["still an active member"]},
        )
    refuse_if_redemption_pending(session, [holding], "SH-03")
    people = _heirs(session, deceased.id, heirs)
    for i, h in enumerate(heirs):
        positive_count(h.get("shares"), f"heirs.{i}.shares")
    named = sum(h["shares"] for h in heirs)
    if named != holding.shares:
        raise RuleViolation(
            "The whole holding passes to the heirs: they are given {named} shares, the deceased held {held}.",
            rule="SH-03",
            params={"named": named, "held": holding.shares},
            errors={"heirs": [f"shares must sum to {holding.shares}"]},
        )
    homes = current_households(session, [p.id for p in people])
    members = set(
        session.scalars(
            select(Membership.person_id).where(
                Membership.collective_code == collective_code,
                Membership.status == "active",
                Membership.person_id.in_([p.id for p in people]),
            )
        )
    )
    change = new_change(
        session,
        actor,
        collective_code,
        "inheritance",
        document_ref=document_ref.strip(),
        details={"deceased_person_id": deceased.id},
    )
    move(session, change, deceased.id, holding.household_code, -holding.shares)
    result = []
    for person, h in zip(people, heirs):
        entry = move(session, change, person.id, homes.get(person.id), h["shares"])
        result.append(
            {
                "id_number": mask_id_number(person.id_number),
                "name": person.name,
                "household_code": entry.household_code,
                "shares": h["shares"],
                "member": person.id in members,
                "votes": person.id in members,
            }
        )
    record(
        session,
        actor,
        "shares.inherit",
        "share_change",
        change.id,
        after={
            "deceased_person_id": deceased.id,
            "document_ref": change.document_ref,
            "heirs": [[p.id, h["shares"], p.id in members] for p, h in zip(people, heirs)],
        },
    )
    return change, result


def _heirs(session, deceased_id: int, heirs: list[dict]):
    if not heirs:
        raise InvalidInput("Name at least one heir.", rule="SH-03", errors={"heirs": ["at least one heir"]})
    people, seen = [], set()
    for i, h in enumerate(heirs):
        person = person_by_id_number(session, h["id_number"], f"heirs.{i}.id_number")
        if person.id == deceased_id or person.id in seen:
            raise InvalidInput(
                "An heir is listed twice or is the deceased.",
                rule="SH-03",
                errors={f"heirs.{i}.id_number": ["listed twice or the deceased"]},
            )
        seen.add(person.id)
        people.append(person)
    return people
