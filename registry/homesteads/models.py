from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, String, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class HomesteadRight(Base):
    """宅基地使用权, registered on approval of an application; one active right per household (HS-01)."""
    __tablename__ = "homestead_rights"
    __table_args__ = (
        Index("uq_homestead_rights_active_household", "household_code", unique=True,
              postgresql_where=text("status = 'active'")),
        CheckConstraint("status IN ('active','ended')", name="status_known"),
        CheckConstraint("unit_code ~ '^[0-9]{12}JC[0-9]{5}(F[0-9]{8}|W00000000)$'", name="unit_code_format"),
        CheckConstraint("(status = 'ended') = (ended_on IS NOT NULL)", name="ended_has_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_code: Mapped[str] = mapped_column(ForeignKey("households.code"), index=True)
    collective_code: Mapped[str] = mapped_column(ForeignKey("collectives.code"), index=True)
    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcels.id"))
    unit_code: Mapped[str] = mapped_column(String(28), unique=True)
    status: Mapped[str] = mapped_column(String(8), default="active")
    registered_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)  # HS-07 heir note
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
