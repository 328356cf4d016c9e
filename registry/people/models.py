from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, String, func, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import clock
from ..db import Base


class Person(Base):
    __tablename__ = "persons"
    __table_args__ = (
        CheckConstraint("id_number ~ '^[0-9]{17}[0-9X]$'", name="id_number_format"),
        CheckConstraint("sex IN ('1','2')", name="sex_code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    id_number: Mapped[str] = mapped_column(String(18), unique=True)  # PER-02
    name: Mapped[str] = mapped_column(String(100))
    sex: Mapped[str] = mapped_column(String(1))  # derived from id_number (PER-01)
    birth_date: Mapped[date] = mapped_column(Date)  # derived from id_number (PER-01)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Household(Base):
    """户 / 承包方; code = collective code + 4-digit sequence (承包方编码)."""
    __tablename__ = "households"
    __table_args__ = (
        CheckConstraint("code ~ '^[0-9]{18}$'", name="code_18_digits"),
        CheckConstraint("collective_code = substr(code, 1, 14)", name="collective_from_code"),
    )

    code: Mapped[str] = mapped_column(String(18), primary_key=True)
    collective_code: Mapped[str] = mapped_column(ForeignKey("collectives.code"), index=True)
    head_person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"))
    party_type: Mapped[str] = mapped_column(String(1), default="1")  # 1 农户, 2 个人, 3 单位
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    dissolved_on: Mapped[date | None] = mapped_column(Date)

    members: Mapped[list["HouseholdMember"]] = relationship(
        back_populates="household", order_by="HouseholdMember.id", lazy="selectin"
    )


class HouseholdMember(Base):
    """A person's place in a household over time; a person is in at most one household at a time."""
    __tablename__ = "household_members"
    __table_args__ = (
        Index("uq_household_members_current_person", "person_id", unique=True,
              postgresql_where=text("left_on IS NULL")),
        CheckConstraint("relation ~ '^[0-9]{2}$'", name="relation_code"),
        CheckConstraint("left_on IS NULL OR left_on >= joined_on", name="left_after_joined"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_code: Mapped[str] = mapped_column(ForeignKey("households.code"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    relation: Mapped[str] = mapped_column(String(2))  # GB/T 4761; 02 户主
    joined_on: Mapped[date] = mapped_column(Date, default=clock.today, server_default=func.current_date())
    left_on: Mapped[date | None] = mapped_column(Date)

    household: Mapped[Household] = relationship(back_populates="members")
    person: Mapped[Person] = relationship(lazy="joined")
