"""The audit log as the pages and the API read it: entries by filter, the trail of what one page shows, and
an entry with ID numbers masked (SEC-02)."""

from __future__ import annotations

from sqlalchemy import and_, or_, select

from ..db import count
from ..security.logfilter import mask_text
from .models import AuditEntry


def list_entries(
    session,
    *,
    entity=None,
    entity_id=None,
    actor=None,
    action=None,
    outcome=None,
    rule=None,
    since=None,
    until=None,
    newest_first=False,
    offset=0,
    limit=50,
):
    """Entries matching every filter given; `since`/`until` are instants (until exclusive)."""
    q = select(AuditEntry)
    if entity:
        q = q.where(AuditEntry.entity == entity)
    if entity_id:
        q = q.where(AuditEntry.entity_id == str(entity_id))
    if actor:
        q = q.where(AuditEntry.actor == actor)
    if action:
        q = q.where(AuditEntry.action == action)
    if outcome:
        q = q.where(AuditEntry.outcome == outcome)
    if rule:
        q = q.where(AuditEntry.rule == rule)
    if since is not None:
        q = q.where(AuditEntry.at >= since)
    if until is not None:
        q = q.where(AuditEntry.at < until)
    total = count(session, q)
    order = AuditEntry.seq.desc() if newest_first else AuditEntry.seq
    items = session.scalars(q.order_by(order).offset(offset).limit(limit)).all()
    return items, total


def trail(session, records, limit: int = 200) -> list[AuditEntry]:
    """The audit trail of what one page shows, newest first: the entries of the given (entity, entity_id)
    pairs (the caller has read those records inside its scope)."""
    pairs = [(entity, str(entity_id)) for entity, entity_id in records if entity_id]
    if not pairs:
        return []
    match = or_(*(and_(AuditEntry.entity == e, AuditEntry.entity_id == i) for e, i in pairs))
    return session.scalars(select(AuditEntry).where(match).order_by(AuditEntry.seq.desc()).limit(limit)).all()


MASKED_FIELDS = ("seq", "at", "actor", "action", "entity", "entity_id", "outcome", "rule")


def masked(entry) -> dict:
    """An entry as a non-administrator may read it: ID numbers in its action and entity id masked (SEC-02)."""
    row = {f: getattr(entry, f) for f in MASKED_FIELDS}
    row["action"], row["entity_id"] = mask_text(entry.action), mask_text(entry.entity_id)
    return row
