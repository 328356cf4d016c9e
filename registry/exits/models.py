"""The exit of a right (自愿有偿退出): one table for every kind of right (UR-02, UR-04)."""

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
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, one_of

EXIT_RIGHTS = ("land_contract", "homestead", "shares")


class Exit(Base):
    """A voluntary paid exit (自愿有偿退出) of one right, filed through the one guard (UR-02, UR-04)."""

    __tablename__ = "exits"
    __table_args__ = (
        CheckConstraint(one_of("right_kind", EXIT_RIGHTS), name="right_known"),
        CheckConstraint("status IN ('pending_review','approved','rejected')", name="status_known"),
        CheckConstraint("compensation_fen > 0", name="compensated"),
        CheckConstraint(
            "NOT (status = 'approved' AND linkage_flag AND NOT coalesce(attested_voluntary, false))",
            name="flagged_needs_attestation",
        ),
        CheckConstraint("(status = 'pending_review') = (decided_at IS NULL)", name="decided_has_time"),
        CheckConstraint("linkage_flag = (settlement_event_id IS NOT NULL)", name="flag_names_event"),
        # one open exit per right, also when two clerks file at the same moment
        Index(
            "uq_exits_pending_right",
            "right_kind",
            "ref",
            unique=True,
            postgresql_where=text("status = 'pending_review'"),
        ),
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
