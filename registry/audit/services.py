"""Audit log writes and chain verification (RG-03, UR-05)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import and_, or_, select, text

from ..db import count, keyset
from ..security.logfilter import mask_text
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


@dataclass
class ChainReport:
    ok: bool
    checked: int
    bad_seq: int | None = None
    reason: str | None = None


def verify_chain(session, batch: int = 5000) -> ChainReport:
    """Walk every entry in global order, each against the entry before it in its own chain, then every chain's
    head against its newest entry, then the registry of chains: an edited, removed or reordered entry, removed
    newest entries, or a whole chain removed with its head, fail.
    A missing entry is reported by the number it would follow (the chain's previous entry's seq + 1)."""
    tails: dict[str, tuple[int, str, int]] = {}  # chain → (chain_seq, hash, seq) of its newest entry so far
    last_seq, checked = 0, 0
    while True:
        rows = keyset(session, select(AuditEntry), AuditEntry.seq, last_seq, batch)
        if not rows:
            break
        for e in rows:
            chain_seq, prev, prev_seq = tails.get(e.chain, (0, GENESIS, 0))
            if e.chain_seq != chain_seq + 1:
                return ChainReport(
                    False,
                    checked,
                    prev_seq + 1,
                    f"an entry of chain {e.chain!r} after {chain_seq} is missing or moved",
                )
            if e.prev_hash != prev:
                return ChainReport(False, checked, e.seq, "previous hash does not match")
            recomputed = entry_hash(
                e.seq,
                e.at,
                e.actor,
                e.action,
                e.entity,
                e.entity_id,
                e.outcome,
                e.rule,
                e.before,
                e.after,
                e.prev_hash,
            )
            if recomputed != e.hash:
                return ChainReport(False, checked, e.seq, "content does not match its hash")
            tails[e.chain] = (e.chain_seq, e.hash, e.seq)
            checked, last_seq = checked + 1, e.seq
        session.expunge_all()
    heads = dict((c, (s, h)) for c, s, h in session.execute(text("SELECT chain, seq, hash FROM audit_head")))
    for chain in sorted(set(heads) | set(tails)):
        chain_seq, tail_hash, tail_seq = tails.get(chain, (0, GENESIS, 0))
        if heads.get(chain, (0, GENESIS)) != (chain_seq, tail_hash):
            return ChainReport(
                False, checked, tail_seq + 1, f"entries of chain {chain!r} after {chain_seq} were removed"
            )
    return _verify_registry(session, tails, checked)


def registration_hash(n: int, chain: str, first_seq: int, prev_hash: str) -> str:
    """The link of the registry of chains, as the trigger of migration 0018 computes it in SQL."""
    return hashlib.sha256(f"{n}|{chain}|{first_seq}|{prev_hash}".encode()).hexdigest()


def _verify_registry(session, tails: dict, checked: int) -> ChainReport:
    """Every chain present is registered, every registered chain is present from its first entry, and the
    registrations link up to the anchor: a chain removed with all its entries and its head is found."""
    first_seqs = dict(session.execute(text("SELECT chain, seq FROM audit_log WHERE chain_seq = 1")).all())
    tip_n, tip = 0, GENESIS
    registered: set[str] = set()
    for n, chain, first_seq, prev_hash, link in session.execute(
        text("SELECT n, chain, first_seq, prev_hash, hash FROM audit_chains ORDER BY n")
    ):
        if n != tip_n + 1 or prev_hash != tip or registration_hash(n, chain, first_seq, prev_hash) != link:
            return ChainReport(False, checked, first_seq, f"the registry of chains is broken at {n}")
        if first_seqs.get(chain) != first_seq:
            return ChainReport(
                False,
                checked,
                first_seq,
                f"chain {chain!r}, registered as number {n}, was removed or replaced",
            )
        tip_n, tip = n, link
        registered.add(chain)
    anchor = session.execute(text("SELECT n, hash FROM audit_chains_anchor")).first()
    if tuple(anchor or (0, GENESIS)) != (tip_n, tip):
        return ChainReport(False, checked, None, f"registrations of chains after {tip_n} were removed")
    unregistered = sorted(set(tails) - registered)
    if unregistered:
        return ChainReport(
            False, checked, first_seqs.get(unregistered[0]), f"chain {unregistered[0]!r} is not registered"
        )
    return ChainReport(True, checked)


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
