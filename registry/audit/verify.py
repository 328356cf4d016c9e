"""Verification of the audit log (RG-03): every chain entry by entry, every chain's head, and the registry
of chains up to its anchor."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import select, text

from ..db import keyset
from .models import AuditEntry
from .services import GENESIS, entry_hash


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
