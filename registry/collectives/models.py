from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, String, func
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class Collective(Base):
    """农村集体经济组织 at township, village or group level; code is the 14-digit 发包方编码."""

    __tablename__ = "collectives"
    __table_args__ = (
        CheckConstraint("code ~ '^[0-9]{14}$'", name="code_14_digits"),
        CheckConstraint("level IN ('township','village','group')", name="level_known"),
        CheckConstraint("county_code = substr(code, 1, 6)", name="county_from_code"),
    )

    code: Mapped[str] = mapped_column(String(14), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(10))
    county_code: Mapped[str] = mapped_column(String(6), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
