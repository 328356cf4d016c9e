"""The review queue (no Flask). An area that needs a county decision opens an item and registers a decider
for its kind in its plug_in; the queue lists items for the reviewer's county and hands each decision to that
decider.

Kinds are `<prefix>:<detail>` (`exit:land_contract`, `exit:shares`, …); the decider is looked up by prefix.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import select

from ..db import paginate
from ..errors import Conflict, InvalidInput, NotFound
from .models import ReviewItem
from .. import clock

REVIEW_STATUSES = ("pending", "approved", "rejected", "withdrawn")
DECISIONS = ("approve", "reject")


class ReviewDecider(Protocol):
    """A plug-in point: the area whose subject waits for review decides it (and closes the item through
    close_review); registered in that area's plug_in."""

    def __call__(
        self, session, actor, item: ReviewItem, decision: str, note: str | None, attest_voluntary: bool | None
    ) -> object: ...


DECIDERS: dict[str, ReviewDecider] = {}  # kind prefix → decider


def register_review_kind(prefix: str, decide: ReviewDecider) -> None:
    DECIDERS[prefix] = decide


def open_review(
    session,
    *,
    kind: str,
    subject: str,
    subject_id: int,
    collective_code: str,
    linkage_flag: bool = False,
    publicity_ends=None,
) -> ReviewItem:
    """Put an item in the queue of the collective's county, in the caller's transaction."""
    assert kind.split(":", 1)[0] in DECIDERS, f"no decider registered for {kind}"
    item = ReviewItem(
        kind=kind,
        subject=subject,
        subject_id=subject_id,
        county_code=collective_code[:6],
        collective_code=collective_code,
        linkage_flag=linkage_flag,
        status="pending",
        publicity_ends=publicity_ends,
    )
    session.add(item)
    session.flush()
    return item


def close_review(session, actor, kind: str, subject_id: int, status: str) -> ReviewItem | None:
    """Mark the item of a decided subject; called by the decider in the same transaction."""
    item = session.scalar(
        select(ReviewItem).where(ReviewItem.kind == kind, ReviewItem.subject_id == subject_id)
    )
    if item is not None:
        item.status, item.decided_at, item.decided_by = status, clock.now(), actor.username
        session.flush()
    return item


def list_reviews(session, actor, *, status: str = "pending", county: str | None = None):
    """A select of the items in the actor's county (a reviewer sees only their own county, SEC-01)."""
    actor.require_role("reviewer")
    if actor.role != "admin":
        if county not in (None, actor.scope):
            actor.require_county(county, "reviewer")
        county = actor.scope
    stmt = select(ReviewItem)
    if county:
        stmt = stmt.where(ReviewItem.county_code == county)
    if status != "all":
        if status not in REVIEW_STATUSES:
            raise InvalidInput(
                "Unknown review status {status}.",
                params={"status": status},
                errors={"status": [f"one of {', '.join(REVIEW_STATUSES)}, all"]},
            )
        stmt = stmt.where(ReviewItem.status == status)
    return stmt.order_by(ReviewItem.created_at, ReviewItem.id)


def decide_review(
    session, actor, review_id: int, decision: str, note: str | None, attest_voluntary: bool | None
) -> ReviewItem:
    item = get_review(session, actor, review_id)
    if decision not in DECISIONS:
        raise InvalidInput("decision is approve or reject.", errors={"decision": ["approve or reject"]})
    if item.status != "pending":
        raise Conflict("Review item {id} was decided already.", params={"id": review_id})
    DECIDERS[item.kind.split(":", 1)[0]](session, actor, item, decision, note, attest_voluntary)
    session.refresh(item)
    return item


def review_page(
    session,
    actor,
    county: str | None,
    *,
    status: str = "pending",
    kind: str = "",
    collective: str = "",
    flagged: bool = False,
    page: int = 1,
    per_page: int = 50,
):
    """One page of the county's queue with the reviewer's filters: (items, total)."""
    stmt = list_reviews(session, actor, status=status, county=county)
    if kind:
        stmt = stmt.where(ReviewItem.kind == kind)
    if collective:
        stmt = stmt.where(ReviewItem.collective_code == collective)
    if flagged:
        stmt = stmt.where(ReviewItem.linkage_flag.is_(True))
    return paginate(session, stmt, page, per_page)


def review_kinds(session, actor, county: str) -> list[str]:
    """The kinds of item the county's queue has ever held, sorted."""
    actor.require_county(county, "reviewer")
    return sorted(session.scalars(select(ReviewItem.kind).where(ReviewItem.county_code == county).distinct()))


def get_review(session, actor, review_id: int) -> ReviewItem:
    item = session.get(ReviewItem, review_id)
    if item is None:
        raise NotFound("Review item {id} is not known.", params={"id": review_id})
    actor.require_county(item.county_code, "reviewer")
    return item
