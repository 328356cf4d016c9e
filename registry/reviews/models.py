"""The reviewers' queue as a table: one item per subject that waits for a county decision."""

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class ReviewItem(Base):
    """The reviewers' queue: one item per thing that needs a county decision (exits now, other kinds
    later)."""

    __tablename__ = "review_items"
    __table_args__ = (
        CheckConstraint("status IN ('pending','approved','rejected','withdrawn')", name="status_known"),
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
    publicity_ends: Mapped[date | None] = mapped_column(
        Date
    )  # a homestead application: decidable from this day
    status: Mapped[str] = mapped_column(String(10), default="pending")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[str | None] = mapped_column(String(64))
