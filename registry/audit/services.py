"""Audit log writes and chain verification (RG-03, UR-05)."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import func, select, text

from .models import AuditEntry
from .. import clock

GENESIS = "0" * 64


def _plain(value):
    """JSON as it will come back from JSONB, so the hash computed now equals the hash recomputed later."""
    return None if value is None else json.loads(json.dumps(value, default=str, ensure_ascii=False))


def entry_hash(seq, at: datetime, actor, action, entity, entity_id, outcome, rule, before, after, prev_hash) -> str:
    payload = json.dumps(
        [seq, at.astimezone(timezone.utc).isoformat(), actor, action, entity, str(entity_id), outcome, rule,
         before, after, prev_hash],
        sort_keys=True, ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def record(session, actor, action: str, entity: str, entity_id, *, before=None, after=None,
           outcome: str = "done", rule: str | None = None) -> AuditEntry:
    """Append one entry in the caller's transaction. The chain lock is held until that transaction ends."""
    # The single head row is both the chain's lock and its anchor: removing the newest entries is detected too.
    last_seq, prev = session.execute(text("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE")).one()
    seq = last_seq + 1
    at = clock.now()
    actor_name = getattr(actor, "username", None) or str(actor)
    before, after = _plain(before), _plain(after)
    entry = AuditEntry(
        seq=seq, at=at, actor=actor_name, action=action, entity=entity, entity_id=str(entity_id),
        outcome=outcome, rule=rule, before=before, after=after, prev_hash=prev,
        hash=entry_hash(seq, at, actor_name, action, entity, entity_id, outcome, rule, before, after, prev),
    )
    session.add(entry)
    session.flush()
    session.execute(text("UPDATE audit_head SET seq = :seq, hash = :hash WHERE id = 1"),
                    {"seq": seq, "hash": entry.hash})
    return entry


@dataclass
class ChainReport:
    ok: bool
    checked: int
    bad_seq: int | None = None
    reason: str | None = None


def verify_chain(session, batch: int = 5000) -> ChainReport:
    expected_prev, expected_seq, checked = GENESIS, 1, 0
    last_seq = 0
    while True:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.seq > last_seq).order_by(AuditEntry.seq).limit(batch)
        ).all()
        if not rows:
            head_seq, head_hash = session.execute(text("SELECT seq, hash FROM audit_head WHERE id = 1")).one()
            if head_seq != expected_seq - 1 or head_hash != expected_prev:
                return ChainReport(False, checked, head_seq, f"entries after {expected_seq - 1} were removed")
            return ChainReport(True, checked)
        for e in rows:
            if e.seq != expected_seq:
                return ChainReport(False, checked, expected_seq, f"entry {expected_seq} is missing")
            if e.prev_hash != expected_prev:
                return ChainReport(False, checked, e.seq, "previous hash does not match")
            recomputed = entry_hash(e.seq, e.at, e.actor, e.action, e.entity, e.entity_id, e.outcome, e.rule,
                                    e.before, e.after, e.prev_hash)
            if recomputed != e.hash:
                return ChainReport(False, checked, e.seq, "content does not match its hash")
            expected_prev, expected_seq, checked = e.hash, e.seq + 1, checked + 1
            last_seq = e.seq
        session.expunge_all()


def list_entries(session, *, entity=None, entity_id=None, offset=0, limit=50):
    q = select(AuditEntry)
    if entity:
        q = q.where(AuditEntry.entity == entity)
    if entity_id:
        q = q.where(AuditEntry.entity_id == str(entity_id))
    total = session.scalar(select(func.count()).select_from(q.subquery()))
    items = session.scalars(q.order_by(AuditEntry.seq).offset(offset).limit(limit)).all()
    return items, total
