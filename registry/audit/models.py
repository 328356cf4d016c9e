from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, Index, Integer, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class AuditEntry(Base):
    """Append-only and hash-chained per actor (RG-03); the database refuses UPDATE, DELETE and TRUNCATE.
    `seq` orders all entries (a sequence, so gaps from rolled-back writes are normal); `chain_seq` numbers the
    entry inside its chain without gaps, and `prev_hash` is the hash of the chain's entry before it."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("uq_audit_log_chain_seq", "chain", "chain_seq", unique=True),)

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(48), index=True)
    entity_id: Mapped[str] = mapped_column(String(64), index=True)
    outcome: Mapped[str] = mapped_column(String(8))
    rule: Mapped[str | None] = mapped_column(String(8))
    before: Mapped[dict | None] = mapped_column(JSONB)
    after: Mapped[dict | None] = mapped_column(JSONB)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    chain: Mapped[str] = mapped_column(String(64), server_default="")
    chain_seq: Mapped[int] = mapped_column(BigInteger)


class AuditHead(Base):
    """Per chain, the newest entry's chain number and hash: the chain's lock and its anchor. A head at
    (0, genesis) is an empty chain."""

    __tablename__ = "audit_head"

    chain: Mapped[str] = mapped_column(String(64), primary_key=True, server_default="")
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))


class AuditChain(Base):
    """The registry of chains (RG-03): a chain's first entry registers it (a trigger, same transaction). The
    registrations are a hash chain themselves, anchored in AuditChainsAnchor, so removing a whole chain with
        its
    head, or its registration, is detected. The database refuses UPDATE, DELETE and TRUNCATE."""

    __tablename__ = "audit_chains"

    n: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    chain: Mapped[str] = mapped_column(String(64), unique=True)
    first_seq: Mapped[int] = mapped_column(BigInteger)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditChainsAnchor(Base):
    """The newest registration's n and hash (one row, made by the first registration)."""

    __tablename__ = "audit_chains_anchor"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    n: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))
