from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, one_of

HUKOU_KINDS = ("urban_settlement", "rural_move_in", "birth", "death", "move_out")


class HukouEvent(Base):
    """A household-registration event as the police station (or clerk) records it."""

    __tablename__ = "hukou_events"
    __table_args__ = (CheckConstraint(one_of("kind", HUKOU_KINDS), name="kind_known"),)

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


class SettlementConfirmation(Base):
    """A police station's rural-settlement query and the registry's answer (RS-01, RS-02).

    The person asked about and the internal cause are kept for the audit trail; the answer given out is only
    eligible, the rule reasons, the number, the validity date and the verification code (stored hashed).
    """

    __tablename__ = "settlement_confirmations"
    __table_args__ = (
        CheckConstraint(
            "cause IN ('eligible','unknown_person','not_member','no_homestead')", name="cause_known"
        ),
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
