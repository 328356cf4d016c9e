"""The share register's moving parts: the per-collective writer lock, holdings kept in step with the
append-only
register (RG-01), and the lookups of members and households that every share act needs."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..codes import mask_id_number
from ..db import advisory_xact_lock
from ..errors import Conflict, InvalidInput, RuleViolation
from ..exits.models import Exit
from ..membership.models import Membership
from ..people.models import Household, HouseholdMember
from ..people.services import household_or_404
from .models import ShareChange, ShareHolding, ShareRegisterEntry
from .. import clock


def positive_count(value, field: str) -> int:
    """SH-06: a number of shares is a positive whole number, whichever door it came in by (API, page, CLI)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInput(
            "A number of shares must be a positive whole number.",
            rule="SH-06",
            errors={field: ["a positive whole number"]},
        )
    return value


def lock_shares(session, collective_code: str) -> None:
    """Every write to a collective's shares is serialized: the cap (SH-02) is measured against all shares."""
    advisory_xact_lock(session, "shares", collective_code)


def active_members_at_home(session, collective_code: str) -> dict[int, str | None]:
    """Every active member → the household the member currently belongs to (None for none), in one join."""
    rows = session.execute(
        select(Membership.person_id, HouseholdMember.household_code)
        .outerjoin(
            HouseholdMember,
            (HouseholdMember.person_id == Membership.person_id) & HouseholdMember.left_on.is_(None),
        )
        .where(Membership.collective_code == collective_code, Membership.status == "active")
    )
    return dict(rows.all())


def current_households(session, person_ids) -> dict[int, str]:
    """person id → the household the person currently belongs to."""
    rows = session.execute(
        select(HouseholdMember.person_id, HouseholdMember.household_code).where(
            HouseholdMember.person_id.in_(list(person_ids)), HouseholdMember.left_on.is_(None)
        )
    )
    return dict(rows.all())


def member_household(session, collective_code: str, code: str, field: str) -> Household:
    """SH-02: shares move only between households of this collective that have an active member of it."""
    household = household_or_404(session, code, field)
    current = [m.person_id for m in household.members if m.left_on is None]
    has_member = session.scalar(
        select(Membership.id)
        .where(
            Membership.collective_code == collective_code,
            Membership.status == "active",
            Membership.person_id.in_(current),
        )
        .limit(1)
    )
    if household.collective_code != collective_code or has_member is None:
        raise RuleViolation(
            "Household {code} is not a member household of collective {collective}; shares move "
            "only between member households of the same collective.",
            rule="SH-02",
            params={"code": code, "collective": collective_code},
            errors={field: ["not a member household of this collective"]},
        )
    return household


def holding_of(session, collective_code: str, person_id: int) -> ShareHolding | None:
    return session.scalar(
        select(ShareHolding)
        .where(ShareHolding.collective_code == collective_code, ShareHolding.person_id == person_id)
        .with_for_update(of=ShareHolding)
    )


def new_change(
    session, actor, collective_code: str, kind: str, on_date: date | None = None, **fields
) -> ShareChange:
    change = ShareChange(
        collective_code=collective_code,
        kind=kind,
        on_date=on_date or clock.today(),
        actor=actor.username,
        **fields,
    )
    session.add(change)
    session.flush()
    return change


def move(
    session, change: ShareChange, person_id: int, household_code: str | None, delta: int
) -> ShareRegisterEntry:
    """Change one person's holding by `delta` and append the register entry. A holding keeps the household it
    was first recorded under (static management: the household, not the person's later moves, holds it)."""
    holding = holding_of(session, change.collective_code, person_id)
    if holding is None:
        holding = ShareHolding(
            collective_code=change.collective_code,
            person_id=person_id,
            household_code=household_code,
            shares=0,
        )
        session.add(holding)
    balance = holding.shares + delta
    if balance < 0:
        raise InvalidInput("The holding would fall below zero.", errors={"shares": ["more than is held"]})
    entry = ShareRegisterEntry(
        change_id=change.id,
        collective_code=change.collective_code,
        on_date=change.on_date,
        person_id=person_id,
        household_code=holding.household_code,
        delta=delta,
        balance_after=balance,
    )
    session.add(entry)
    if balance == 0:
        session.delete(holding)
    else:
        holding.shares = balance
    session.flush()
    return entry


def copy_rows(session, table: str, columns: tuple[str, ...], rows) -> None:
    """Bulk insert with COPY on the transaction's own connection: a township quantifies hundreds of thousands
    of holdings and a distribution stores one allocation per household; constraints and triggers still
    apply."""
    cursor = session.connection().connection.driver_connection.cursor()
    with cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def add_new_holdings(session, change: ShareChange, allotments: list[tuple[int, str | None, int]]) -> None:
    """Bulk form of `move` for persons who hold nothing yet in the collective (quantification)."""
    code = change.collective_code
    copy_rows(
        session,
        "share_holdings",
        ("collective_code", "person_id", "household_code", "shares"),
        ((code, p, h, s) for p, h, s in allotments),
    )
    copy_rows(
        session,
        "share_register",
        ("change_id", "collective_code", "on_date", "person_id", "household_code", "delta", "balance_after"),
        ((change.id, code, change.on_date, p, h, s, s) for p, h, s in allotments),
    )


def redemption_refs(holding: ShareHolding) -> list[str]:
    """The exit refs that cover a holding: its household's, and the holder's own (see redemption.py)."""
    refs = ["P" + holding.person.id_number]
    if holding.household_code:
        refs.append(holding.household_code)
    return refs


def refuse_if_redemption_pending(session, holdings, rule: str) -> None:
    """A holding that waits for a redemption decision cannot move: the reviewer decides on what was filed."""
    refs = {r for h in holdings for r in redemption_refs(h)}
    pending = session.scalar(
        select(Exit)
        .where(Exit.right_kind == "shares", Exit.ref.in_(refs), Exit.status == "pending_review")
        .limit(1)
    )
    if pending is not None:
        raise Conflict(
            "A redemption of these shares ({ref}) is waiting for review; they cannot move meanwhile.",
            rule=rule,
            params={"ref": masked_ref(pending.ref)},
            conflicts=[str(pending.id)],
        )


def masked_ref(ref: str) -> str:
    """SEC-02: a P-ref carries a citizen ID number; messages show it masked."""
    return "P" + mask_id_number(ref[1:]) if ref.startswith("P") else ref
