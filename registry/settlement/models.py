from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base

HUKOU_KINDS = ("urban_settlement", "rural_move_in", "birth", "death", "move_out")
EXIT_RIGHTS = ("land_contract", "homestead", "shares")


class HukouEvent(Base):
    """A household-registration event as the police station (or clerk) records it."""
    __tablename__ = "hukou_events"
    __table_args__ = (
        CheckConstraint("kind IN ('urban_settlement','rural_move_in','birth','death','move_out')", name="kind_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    date: Mapped[date] = mapped_column(Date)
    collective_code: Mapped[str | None] = mapped_column(ForeignKey("collectives.code"))
    household_code: Mapped[str | None] = mapped_column(ForeignKey("households.code"), index=True)
    # RS-03 / MEM-03: the pending membership application a move-in or a birth created, if any
    application_id: Mapped[int | None] = mapped_column(ForeignKey("membership_applications.id"))
    recorded_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Exit(Base):
    """A voluntary paid exit (自愿有偿退出) of one right, filed through the one guard (UR-02, UR-04)."""
    __tablename__ = "exits"
    __table_args__ = (
        CheckConstraint("right_kind IN ('land_contract','homestead','shares')", name="right_known"),
        CheckConstraint("status IN ('pending_review','approved','rejected')", name="status_known"),
        CheckConstraint("compensation_fen > 0", name="compensated"),
        CheckConstraint("NOT (status = 'approved' AND linkage_flag AND NOT coalesce(attested_voluntary, false))",
                        name="flagged_needs_attestation"),
        CheckConstraint("(status = 'pending_review') = (decided_at IS NULL)", name="decided_has_time"),
        CheckConstraint("linkage_flag = (settlement_event_id IS NOT NULL)", name="flag_names_event"),
        # one open exit per right, also when two clerks file at the same moment
        Index("uq_exits_pending_right", "right_kind", "ref", unique=True,
              postgresql_where=text("status = 'pending_review'")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    right_kind: Mapped[str] = mapped_column(String(16))
    ref: Mapped[str] = mapped_column(String(32), index=True)
    collective_code: Mapped[str] = mapped_column(ForeignKey("collectives.code"), index=True)
    household_code: Mapped[str | None] = mapped_column(ForeignKey("households.code"), index=True)
    holder_person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"))
    compensation_fen: Mapped[int] = mapped_column(BigInteger)
    statement_ref: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    details: Mapped[dict | None] = mapped_column(JSONB)
    filed_on: Mapped[date] = mapped_column(Date)
    linkage_flag: Mapped[bool] = mapped_column(Boolean, default=False)
    settlement_event_id: Mapped[int | None] = mapped_column(ForeignKey("hukou_events.id"))
    status: Mapped[str] = mapped_column(String(16), default="pending_review")
    attested_voluntary: Mapped[bool | None] = mapped_column(Boolean)
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decision_note: Mapped[str | None] = mapped_column(Text)
    filed_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ReviewItem(Base):
    """The reviewers' queue: one item per thing that needs a county decision (exits now, other kinds later)."""
    __tablename__ = "review_items"
    __table_args__ = (
        CheckConstraint("status IN ('pending','approved','rejected')", name="status_known"),
        CheckConstraint("(status = 'pending') = (decided_at IS NULL)", name="decided_has_time"),
        UniqueConstraint("kind", "subject_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # exit:land_contract, exit:homestead, exit:shares, …
    subject: Mapped[str] = mapped_column(String(64))  # what it is about (a right's code, an exit id)
    subject_id: Mapped[int] = mapped_column(Integer)
    county_code: Mapped[str] = mapped_column(String(6), index=True)
    collective_code: Mapped[str] = mapped_column(ForeignKey("collectives.code"))
    linkage_flag: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[str | None] = mapped_column(String(64))


class SettlementConfirmation(Base):
    """A police station's rural-settlement query and the registry's answer (RS-01, RS-02).

    The person asked about and the internal cause are kept for the audit trail; the answer given out is only
    eligible, the rule reasons, the number, the validity date and the verification code (stored hashed).
    """
    __tablename__ = "settlement_confirmations"
    __table_args__ = (
        CheckConstraint("cause IN ('eligible','unknown_person','not_member','no_homestead')", name="cause_known"),
        CheckConstraint("eligible = (cause = 'eligible')", name="eligible_matches_cause"),
        CheckConstraint("valid_until >= issued_on", name="valid_after_issue"),
        CheckConstraint("id_number ~ '^[0-9]{17}[0-9X]$'", name="id_number_format"),
        # the per-station rate limit counts this station's recent queries
        Index("ix_settlement_confirmations_station_created", "station", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(24), unique=True)
    station: Mapped[str] = mapped_column(String(64))
    station_county: Mapped[str | None] = mapped_column(String(6))
    id_number: Mapped[str] = mapped_column(String(18))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"))
    collective_code: Mapped[str] = mapped_column(ForeignKey("collectives.code"))
    eligible: Mapped[bool] = mapped_column(Boolean)
    reasons: Mapped[list] = mapped_column(JSONB)
    cause: Mapped[str] = mapped_column(String(16))
    code_hash: Mapped[str] = mapped_column(String(64))
    issued_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
