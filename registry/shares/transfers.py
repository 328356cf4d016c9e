"""Transfers of shares between member households of one collective, within the charter cap (SH-02): one
register change with its audit entry."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from ..audit.services import record
from ..collectives.services import collective_or_404
from ..errors import InvalidInput, RuleViolation
from ..people.models import Household, Person
from ..people.services import person_by_id_number
from .holdings import total_shares
from .models import ShareChange, ShareHolding
from .register import (
    holding_of,
    lock_shares,
    member_household,
    move,
    new_change,
    positive_count,
    refuse_if_redemption_pending,
)
from .settings import ShareSettings


def transfer_shares(session, actor, collective_code: str, data: dict, settings: ShareSettings) -> ShareChange:
    """SH-02: between member households of this collective; the receiving person stays within the cap."""
    actor.require_collective(collective_code, "clerk")
    collective_or_404(session, collective_code)
    shares = positive_count(data.get("shares"), "shares")
    if data["from_household_code"] == data["to_household_code"]:
        raise RuleViolation(
            "A transfer goes to another household.",
            rule="SH-02",
            errors={"to_household_code": ["the same household as from_household_code"]},
        )
    lock_shares(session, collective_code)
    source = member_household(session, collective_code, data["from_household_code"], "from_household_code")
    target = member_household(session, collective_code, data["to_household_code"], "to_household_code")
    recipient = _recipient(session, target, data.get("to_id_number"))
    givers = _givers(session, collective_code, source, data.get("from_id_number"))
    refuse_if_redemption_pending(session, givers, "SH-02")
    available = sum(h.shares for h in givers)
    if available < shares:
        raise RuleViolation(
            "Household {code} holds {held} shares; {shares} cannot be transferred.",
            rule="SH-02",
            params={"code": source.code, "held": available, "shares": shares},
            errors={"shares": [f"at most {available}"]},
        )
    current = holding_of(session, collective_code, recipient.id)
    if current is not None and current.household_code != target.code:
        raise InvalidInput(
            "The recipient's shares are recorded under household {code}.",
            params={"code": current.household_code},
            errors={"to_id_number": ["another household"]},
        )
    total = total_shares(session, collective_code)
    after = (current.shares if current else 0) + shares
    if after * 100 > settings.cap_percent * total:
        cap = settings.cap_percent * total / 100
        raise RuleViolation(
            "No person may hold more than {percent}% of all shares ({cap} of {total}); the "
            "recipient would hold {after}.",
            rule="SH-02",
            params={
                "percent": _plain(settings.cap_percent),
                "cap": cap.numerator // cap.denominator,
                "total": total,
                "after": after,
            },
            errors={"shares": ["the recipient would exceed the charter cap"]},
        )
    change = new_change(
        session,
        actor,
        collective_code,
        "transfer",
        document_ref=data.get("document_ref"),
        details={
            "from_household_code": source.code,
            "to_household_code": target.code,
            "shares": shares,
            "price_fen": data.get("price_fen"),
        },
    )
    left = shares
    for holding in givers:
        take = min(left, holding.shares)
        move(session, change, holding.person_id, holding.household_code, -take)
        left -= take
        if not left:
            break
    move(session, change, recipient.id, target.code, shares)
    record(session, actor, "shares.transfer", "share_change", change.id, after=change.details)
    return change


def _plain(value) -> str:
    """A Fraction as a short decimal for messages (3 → "3", 5/2 → "2.5")."""
    return format((Decimal(value.numerator) / value.denominator).normalize(), "f")


def _recipient(session, target: Household, id_number: str | None) -> Person:
    current = {m.person_id: m.person for m in target.members if m.left_on is None}
    if id_number is None:
        return current.get(target.head_person_id) or current[min(current)]
    person = person_by_id_number(session, id_number, "to_id_number")
    if person.id not in current:
        raise InvalidInput(
            "The recipient is not a current member of household {code}.",
            params={"code": target.code},
            errors={"to_id_number": ["not in the receiving household"]},
        )
    return person


def _givers(session, collective_code: str, source: Household, id_number: str | None) -> list[ShareHolding]:
    """The holdings the shares leave from: the named person's, else the head's first, then by person."""
    holdings = session.scalars(
        select(ShareHolding)
        .where(ShareHolding.collective_code == collective_code, ShareHolding.household_code == source.code)
        .order_by(ShareHolding.person_id)
        .with_for_update(of=ShareHolding)
    ).all()
    if id_number is not None:
        person = person_by_id_number(session, id_number, "from_id_number")
        holdings = [h for h in holdings if h.person_id == person.id]
        if not holdings:
            raise InvalidInput(
                "The person named holds no shares in household {code}.",
                params={"code": source.code},
                errors={"from_id_number": ["holds no shares in this household"]},
            )
    return sorted(holdings, key=lambda h: (h.person_id != source.head_person_id, h.person_id))
