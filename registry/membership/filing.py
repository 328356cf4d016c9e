"""备案 (MEM-06): roster changes are filed in batches with the township and the county agricultural bureau.

A batch records both receipts; once written it is immutable (a trigger refuses UPDATE/DELETE), and a change
belongs to at most one batch.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..audit.services import record
from ..collectives.services import collective_or_404
from ..db import paginate
from ..db import advisory_xact_lock
from ..errors import Conflict, InvalidInput, NotFound, RuleViolation
from .models import Filing, RosterChange
from .. import clock


def roster_changes(
    session, actor, collective_code: str, *, filed: bool | None = None, page: int = 1, per_page: int = 50
) -> tuple[list[RosterChange], int]:
    actor.require_collective(collective_code, "clerk", "reviewer")
    collective_or_404(session, collective_code, "code")
    stmt = select(RosterChange).where(RosterChange.collective_code == collective_code)
    if filed is not None:
        stmt = stmt.where(RosterChange.filing_id.isnot(None) if filed else RosterChange.filing_id.is_(None))
    return paginate(session, stmt.order_by(RosterChange.id), page, per_page)


def file_changes(
    session,
    actor,
    collective_code: str,
    township_ref: str,
    county_ref: str,
    filed_on: date | None = None,
    change_ids: list[int] | None = None,
    today: date | None = None,
) -> Filing:
    """File the given unfiled changes (all unfiled ones when none are named) as one immutable batch."""
    actor.require_collective(collective_code, "clerk")
    collective_or_404(session, collective_code, "code")
    today = today or clock.today()
    filed_on = filed_on or today
    errors = {}
    if not (township_ref or "").strip():
        errors["township_ref"] = ["the township's filing receipt"]
    if not (county_ref or "").strip():
        errors["county_ref"] = ["the county agricultural bureau's filing receipt"]
    if filed_on > today:
        errors["filed_on"] = ["not in the future"]
    if errors:
        raise InvalidInput("The filing is incomplete; see errors.", rule="MEM-06", errors=errors)
    advisory_xact_lock(session, "membership.filing", collective_code)
    stmt = select(RosterChange).where(RosterChange.collective_code == collective_code)
    if change_ids is not None:
        stmt = stmt.where(RosterChange.id.in_(change_ids))
    else:
        stmt = stmt.where(RosterChange.filing_id.is_(None))
    changes = session.scalars(stmt.order_by(RosterChange.id).execution_options(populate_existing=True)).all()
    if change_ids is not None:
        _check_named(change_ids, changes)
    if not changes:
        raise RuleViolation("There are no unfiled roster changes to file.", rule="MEM-06")
    filing = Filing(
        collective_code=collective_code,
        township_code=collective_code[:9],
        county_code=collective_code[:6],
        township_ref=township_ref.strip(),
        county_ref=county_ref.strip(),
        filed_on=filed_on,
        change_count=len(changes),
        filed_by=actor.username,
    )
    session.add(filing)
    session.flush()
    for change in changes:
        change.filing_id = filing.id
    session.flush()
    record(
        session,
        actor,
        "membership_filing.file",
        "membership_filing",
        filing.id,
        after={
            "collective_code": collective_code,
            "township_ref": filing.township_ref,
            "county_ref": filing.county_ref,
            "filed_on": filed_on,
            "changes": [c.id for c in changes],
        },
    )
    return filing


def _check_named(change_ids: list[int], changes: list[RosterChange]) -> None:
    found = {c.id for c in changes}
    unknown = [i for i in change_ids if i not in found]
    if unknown:
        raise InvalidInput(
            "Roster changes {ids} are not changes of this collective.",
            params={"ids": ", ".join(map(str, unknown))},
            errors={"change_ids": ["unknown"]},
        )
    filed = [c for c in changes if c.filing_id is not None]
    if filed:
        raise Conflict(
            "Roster change {id} is already in filing batch {batch}; a filed batch is immutable.",
            rule="MEM-06",
            params={"id": filed[0].id, "batch": filed[0].filing_id},
            conflicts=[str(c.id) for c in filed],
        )


def get_filing(session, actor, filing_id: int) -> Filing:
    filing = session.get(Filing, filing_id)
    if filing is None:
        raise NotFound("Filing batch {id} is not registered.", params={"id": filing_id})
    actor.require_collective(filing.collective_code, "clerk", "reviewer")
    return filing


def list_filings(session, actor, collective_code: str, page: int = 1, per_page: int = 50):
    actor.require_collective(collective_code, "clerk", "reviewer")
    collective_or_404(session, collective_code, "code")
    stmt = select(Filing).where(Filing.collective_code == collective_code)
    return paginate(session, stmt.order_by(Filing.id.desc()), page, per_page)
