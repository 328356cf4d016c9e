from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import clock
from ..codelists import SEX
from ..db import Base, one_of


class Person(Base):
    __tablename__ = "persons"
    __table_args__ = (
        CheckConstraint("id_number ~ '^[0-9]{17}[0-9X]$'", name="id_number_format"),
        CheckConstraint(one_of("sex", tuple(SEX)), name="sex_code"),
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
        CheckConstraint("party_type IN ('1','2','3')", name="party_type_code"),
        # a unit (单位, migration 0021) has no head and no members, a name and a certificate, 9001-9999
        CheckConstraint("(party_type = '3') = (head_person_id IS NULL)", name="unit_has_no_head"),
        CheckConstraint(
            "party_type <> '3' OR (name IS NOT NULL AND id_type IS NOT NULL AND id_number IS NOT NULL)",
            name="unit_named",
        ),
        CheckConstraint("party_type <> '3' OR substr(code, 15, 4) >= '9001'", name="unit_sequence"),
    )

    code: Mapped[str] = mapped_column(String(18), primary_key=True)
    collective_code: Mapped[str] = mapped_column(ForeignKey("collectives.code"), index=True)
    head_person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"))  # None for a unit
    party_type: Mapped[str] = mapped_column(String(1), default="1")  # 1 农户, 2 个人, 3 单位
    name: Mapped[str | None] = mapped_column(String(100))  # a unit's name (CBFMC)
    id_type: Mapped[str | None] = mapped_column(String(1))  # a unit's certificate type (CBFZJLX)
    id_number: Mapped[str | None] = mapped_column(String(40))  # its number, e.g. the GB 32100 code
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    dissolved_on: Mapped[date | None] = mapped_column(Date)

    members: Mapped[list["HouseholdMember"]] = relationship(
        back_populates="household", order_by="HouseholdMember.id", lazy="selectin"
    )


class HouseholdMember(Base):
    """A person's place in a household over time; a person is in at most one household at a time."""

    __tablename__ = "household_members"
    __table_args__ = (
        Index(
            "uq_household_members_current_person",
            "person_id",
            unique=True,
            postgresql_where=text("left_on IS NULL"),
        ),
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


CHANGE_KINDS = ("member_added", "member_left", "split_off", "split_from", "merged_in", "merged_into")
JOIN_REASONS = ("birth", "marriage", "adoption", "return", "correction")
LEAVE_REASONS = ("death", "marriage_out", "moved_out", "correction")


class HouseholdChange(Base):
    """户籍变动登记: the household's own register, numbered per household; the database refuses UPDATE/DELETE.

    A split writes `split_off` in the old household and `split_from` in the new one; a merge `merged_in` in
    the household that stays and `merged_into` in the one that dissolves (`other_household_code` names the
    partner). Membership (MEM rules) is never changed by any of these.
    """

    __tablename__ = "household_changes"
    __table_args__ = (
        UniqueConstraint("household_code", "seq", name="uq_household_changes_household_seq"),
        CheckConstraint("seq >= 1", name="seq_positive"),
        CheckConstraint(
            "kind IN ('member_added','member_left','split_off','split_from','merged_in','merged_into')",
            name="kind_known",
        ),
        CheckConstraint("length(evidence_ref) > 0", name="has_evidence"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    household_code: Mapped[str] = mapped_column(ForeignKey("households.code"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(16))
    change_date: Mapped[date] = mapped_column(Date)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"))
    other_household_code: Mapped[str | None] = mapped_column(ForeignKey("households.code"))
    evidence_ref: Mapped[str] = mapped_column(String(200))
    actor: Mapped[str] = mapped_column(String(64))
    details: Mapped[dict | None] = mapped_column(JSONB)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    person: Mapped[Person | None] = relationship(lazy="joined")


class PersonCorrection(Base):
    """更正: a person's name or ID number as it was before a correction, with the document that proves it."""

    __tablename__ = "person_corrections"
    __table_args__ = (
        CheckConstraint("field IN ('name','id_number')", name="field_known"),
        CheckConstraint("length(evidence_ref) > 0", name="has_evidence"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    field: Mapped[str] = mapped_column(String(10))
    old_value: Mapped[str] = mapped_column(String(100))
    new_value: Mapped[str] = mapped_column(String(100))
    evidence_ref: Mapped[str] = mapped_column(String(200))
    corrected_on: Mapped[date] = mapped_column(Date)
    actor: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
