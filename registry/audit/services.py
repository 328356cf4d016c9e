"""Audit log writes (RG-03, UR-05); verification is in verify.py, the reads in reads.py."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import text

from .models import AuditEntry
from .. import clock

GENESIS = "0" * 64


def _plain(value):
    """JSON as it will come back from JSONB, so the hash computed now equals the hash recomputed later."""
    return None if value is None else json.loads(json.dumps(value, default=str, ensure_ascii=False))


def entry_hash(
    seq, at: datetime, actor, action, entity, entity_id, outcome, rule, before, after, prev_hash
) -> str:
    payload = json.dumps(
        [
            seq,
            at.astimezone(timezone.utc).isoformat(),
            actor,
            action,
            entity,
            str(entity_id),
            outcome,
            rule,
            before,
            after,
            prev_hash,
        ],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode()).hexdigest()


# Creates the chain's head on its first entry, else locks it; and draws the entry's global number. A write
# path
# may run it as a CTE of a statement it makes anyway (HEAD_CTE), then append with APPEND_CTES in its last one.
HEAD_CTE = (
    "INSERT INTO audit_head (chain, seq, hash) VALUES (:audit_chain, 0, :audit_genesis) "
    "ON CONFLICT (chain) DO UPDATE SET seq = audit_head.seq "
    "RETURNING seq AS chain_seq, hash AS prev_hash, nextval('audit_log_seq') AS seq"
)
APPEND_CTES = (
    "audit_e AS (INSERT INTO audit_log (seq, chain, chain_seq, at, actor, action, entity, entity_id, "
    "outcome, "
    "rule, before, after, prev_hash, hash) VALUES (:audit_seq, :audit_chain, :audit_chain_seq, :audit_at, "
    ":audit_chain, :audit_action, :audit_entity, :audit_entity_id, :audit_outcome, :audit_rule, "
    "CAST(:audit_before AS jsonb), CAST(:audit_after AS jsonb), :audit_prev_hash, :audit_hash)), "
    "audit_h AS (UPDATE audit_head SET seq = :audit_chain_seq, hash = :audit_hash WHERE chain = :audit_chain)"
)
_LOCK_HEAD = text(HEAD_CTE)
_APPEND = text(f"WITH {APPEND_CTES} SELECT 1")


@dataclass(frozen=True)
class ChainHead:
    """The actor's chain as locked for this transaction: its newest entry and the next global number."""

    chain: str
    chain_seq: int
    prev_hash: str
    seq: int


def _name(actor) -> str:
    return getattr(actor, "username", None) or str(actor)


def head_params(actor) -> dict:
    return {"audit_chain": _name(actor), "audit_genesis": GENESIS}


def lock_head(session, actor) -> ChainHead:
    chain_seq, prev, seq = session.execute(_LOCK_HEAD, head_params(actor)).one()
    return ChainHead(_name(actor), chain_seq, prev, seq)


def _json(value) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def prepare_entry(
    head: ChainHead,
    action: str,
    entity: str,
    entity_id,
    *,
    before=None,
    after=None,
    outcome: str = "done",
    rule: str | None = None,
) -> tuple[AuditEntry, dict]:
    """The next entry of the locked chain and the parameters of APPEND_CTES that store it."""
    at = clock.now()
    before, after = _plain(before), _plain(after)
    chain_seq, name = head.chain_seq + 1, head.chain
    entry = AuditEntry(
        seq=head.seq,
        chain=name,
        chain_seq=chain_seq,
        at=at,
        actor=name,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        outcome=outcome,
        rule=rule,
        before=before,
        after=after,
        prev_hash=head.prev_hash,
        hash=entry_hash(
            head.seq, at, name, action, entity, entity_id, outcome, rule, before, after, head.prev_hash
        ),
    )
    params = {
        "audit_seq": head.seq,
        "audit_chain": name,
        "audit_chain_seq": chain_seq,
        "audit_at": at,
        "audit_action": action,
        "audit_entity": entity,
        "audit_entity_id": entry.entity_id,
        "audit_outcome": outcome,
        "audit_rule": rule,
        "audit_before": _json(before),
        "audit_after": _json(after),
        "audit_prev_hash": head.prev_hash,
        "audit_hash": entry.hash,
    }
    return entry, params


def record(
    session,
    actor,
    action: str,
    entity: str,
    entity_id,
    *,
    before=None,
    after=None,
    outcome: str = "done",
    rule: str | None = None,
) -> AuditEntry:
    """Append one entry to the actor's chain in the caller's transaction: two round trips. The chain's head
    row
    is locked until that transaction ends, so only writes of the same actor queue behind each other.
    Pending ORM changes are flushed first, as before: the entry follows what it records."""
    if session.new or session.dirty or session.deleted:
        session.flush()
    entry, params = prepare_entry(
        lock_head(session, actor),
        action,
        entity,
        entity_id,
        before=before,
        after=after,
        outcome=outcome,
        rule=rule,
    )
    session.execute(_APPEND, params)
    return entry
