"""Redemption of shares by the collective (赎回) is a voluntary paid exit: it is filed and decided only
through
registry/exits (file_exit → review → decide_exit), so the settlement-linkage guard (UR-02) and the flag
(UR-04) apply. Approval cancels the redeemed shares.

Refs: an 18-digit household code redeems that household's whole holding in its own collective; `P` followed by
a citizen ID number redeems that one person's holding (an heir's, or one member's part).
"""

from __future__ import annotations

import re

from sqlalchemy import select

from ..audit.services import record
from ..errors import InvalidInput, NotFound
from ..people.models import Household
from ..people.services import household_or_404, person_by_id_number
from ..exits.handlers import RightInfo
from .models import ShareHolding
from .register import lock_shares, masked_ref, move, new_change

_HOUSEHOLD = re.compile(r"[0-9]{18}")


def _holdings(session, ref: str, lock: bool = False) -> tuple[list[ShareHolding], Household | None]:
    if _HOUSEHOLD.fullmatch(ref):
        household = household_or_404(session, ref, "ref")
        stmt = select(ShareHolding).where(
            ShareHolding.collective_code == household.collective_code, ShareHolding.household_code == ref
        )
    elif ref.startswith("P"):
        household = None
        person = person_by_id_number(session, ref[1:], "ref")
        stmt = select(ShareHolding).where(ShareHolding.person_id == person.id)
    else:
        raise InvalidInput(
            "A share redemption names a household code or P followed by the holder's citizen ID number.",
            errors={"ref": ["household code, or P + citizen ID number"]},
        )
    rows = session.scalars(
        stmt.order_by(ShareHolding.person_id).with_for_update(of=ShareHolding)
        if lock
        else stmt.order_by(ShareHolding.person_id)
    ).all()
    if not rows:
        raise NotFound(
            "No shares are held under {ref}.",
            params={"ref": masked_ref(ref)},
            errors={"ref": ["holds no shares"]},
        )
    if len({r.collective_code for r in rows}) > 1:
        raise InvalidInput(
            "The person holds shares in several collectives; redeem them per household.",
            errors={"ref": ["holdings in several collectives"]},
        )
    return rows, household


def locate(session, ref: str) -> RightInfo:
    rows, household = _holdings(session, ref)
    holders = {r.person_id for r in rows}
    if household is not None:
        # any current member of the household may sign for the household's holding
        holders |= {m.person_id for m in household.members if m.left_on is None}
    return RightInfo(
        collective_code=rows[0].collective_code,
        household_code=rows[0].household_code,
        holder_person_ids=frozenset(holders),
    )


def apply(session, actor, exit_) -> None:
    """On approval: cancel every share still held under the ref, one register entry per holder."""
    lock_shares(session, exit_.collective_code)
    rows, _ = _holdings(session, exit_.ref, lock=True)
    change = new_change(
        session,
        actor,
        exit_.collective_code,
        "redemption",
        document_ref=exit_.statement_ref,
        reason=exit_.reason,
        details={"exit_id": exit_.id, "compensation_fen": exit_.compensation_fen},
    )
    redeemed = 0
    for holding in list(rows):
        redeemed += holding.shares
        move(session, change, holding.person_id, holding.household_code, -holding.shares)
    record(
        session,
        actor,
        "shares.redeem",
        "share_change",
        change.id,
        after={"exit_id": exit_.id, "shares": redeemed, "compensation_fen": exit_.compensation_fen},
    )


class SharesExit:
    """The shares' ExitHandler (exits.handlers), plugged in by shares.plug_in."""

    locate = staticmethod(locate)
    apply = staticmethod(apply)
