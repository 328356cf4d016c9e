"""Share plans, holdings with their append-only register, distributions, allocations and the payment ledger.

Shares are whole numbers; money is integer fen (BigInteger); the reserve ratio is an exact NUMERIC.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, one_of
from ..people.models import Person

MANAGEMENT = ("static", "dynamic")
CHANGE_KINDS = ("quantification", "adjustment", "transfer", "inheritance", "redemption")
DISTRIBUTION_STATUSES = ("inspection", "approved", "superseded")
PAYMENT_STATUSES = ("unpaid", "paid", "returned")


class SharePlan(Base):
    """量化方案: one per collective, adopted by an assembly resolution (SH-01)."""

    __tablename__ = "share_plans"
    __table_args__ = (
        CheckConstraint("shares_per_member > 0", name="positive_allotment"),
        CheckConstraint(one_of("management", MANAGEMENT), name="management_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    collective_code: Mapped[str] = mapped_column(ForeignKey("collectives.code"), unique=True)
    resolution_id: Mapped[int] = mapped_column(ForeignKey("resolutions.id"), unique=True)
    shares_per_member: Mapped[int] = mapped_column(Integer)
    management: Mapped[str] = mapped_column(String(8))
    adopted_on: Mapped[date] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ShareHolding(Base):
    """The current holding of one person in one collective, recorded under a household (SH-01).

    `household_code` is the household the shares are recorded under; it is NULL only for an heir who lives in
    no household (SH-03). Rows are kept in step with the register and removed when they reach zero.
    """

    __tablename__ = "share_holdings"
    __table_args__ = (
        UniqueConstraint("collective_code", "person_id"),
        CheckConstraint("shares > 0", name="positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    collective_code: Mapped[str] = mapped_column(ForeignKey("collectives.code"))
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    household_code: Mapped[str | None] = mapped_column(ForeignKey("households.code"), index=True)
    shares: Mapped[int] = mapped_column(BigInteger)

    person: Mapped[Person] = relationship(lazy="joined")


class ShareChange(Base):
    """One act on the share register (quantification, adjustment, transfer, inheritance, redemption)."""

    __tablename__ = "share_changes"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('quantification','adjustment','transfer','inheritance','redemption')", name="kind_known"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    collective_code: Mapped[str] = mapped_column(ForeignKey("collectives.code"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    on_date: Mapped[date] = mapped_column(Date)
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("share_plans.id"))
    document_ref: Mapped[str | None] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    # e.g. the exit id of a redemption (exits live in a later migration, so no foreign key)
    details: Mapped[dict | None] = mapped_column(JSONB)
    actor: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ShareRegisterEntry(Base):
    """登记簿 entry (RG-01): one person's holding moved by `delta`; numbered by id, never updated or deleted
    (a trigger of migration 0006 refuses both)."""

    __tablename__ = "share_register"
    __table_args__ = (
        CheckConstraint("delta <> 0", name="moves_shares"),
        CheckConstraint("balance_after >= 0", name="balance_not_negative"),
        Index("ix_share_register_collective_date", "collective_code", "on_date", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    change_id: Mapped[int] = mapped_column(ForeignKey("share_changes.id"), index=True)
    collective_code: Mapped[str] = mapped_column(ForeignKey("collectives.code"))
    on_date: Mapped[date] = mapped_column(Date)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    household_code: Mapped[str | None] = mapped_column(ForeignKey("households.code"), index=True)
    delta: Mapped[int] = mapped_column(BigInteger)
    balance_after: Mapped[int] = mapped_column(BigInteger)

    change: Mapped[ShareChange] = relationship(lazy="joined")
    person: Mapped[Person] = relationship(lazy="joined")


class Distribution(Base):
    """收益分配方案 for one year: reserve first, the rest by shares (SH-04), inspected before approval
    (SH-05)."""

    __tablename__ = "distributions"
    __table_args__ = (
        CheckConstraint("net_income_fen > 0", name="positive_income"),
        CheckConstraint("reserve_fen >= 0 AND distributable_fen >= 0", name="amounts_not_negative"),
        CheckConstraint(
            "reserve_fen + distributable_fen = net_income_fen", name="reserve_plus_rest_is_income"
        ),
        CheckConstraint("reserve_ratio >= 0 AND reserve_ratio <= 1", name="ratio_in_range"),
        CheckConstraint("total_shares > 0", name="has_shares"),
        CheckConstraint("inspection_ends > inspection_start", name="inspection_has_length"),
        CheckConstraint(one_of("status", DISTRIBUTION_STATUSES), name="status_known"),
        CheckConstraint(
            "(status = 'approved') = (approval_resolution_id IS NOT NULL AND approved_on IS NOT NULL)",
            name="approved_by_resolution",
        ),
        CheckConstraint(
            "approved_on IS NULL OR approved_on >= inspection_ends", name="approved_after_inspection"
        ),
        Index(
            "uq_distributions_open_year",
            "collective_code",
            "year",
            unique=True,
            postgresql_where=text("status IN ('inspection','approved')"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    collective_code: Mapped[str] = mapped_column(ForeignKey("collectives.code"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    net_income_fen: Mapped[int] = mapped_column(BigInteger)
    reserve_ratio: Mapped[Decimal] = mapped_column(Numeric)
    reserve_fen: Mapped[int] = mapped_column(BigInteger)
    distributable_fen: Mapped[int] = mapped_column(BigInteger)
    total_shares: Mapped[int] = mapped_column(BigInteger)
    inspection_start: Mapped[date] = mapped_column(Date)
    inspection_ends: Mapped[date] = mapped_column(Date)
    inspection_evidence_ref: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(12), default="inspection")
    approval_resolution_id: Mapped[int | None] = mapped_column(ForeignKey("resolutions.id"), unique=True)
    approved_on: Mapped[date | None] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Allocation(Base):
    """One payee's part of a distribution: a household, or an heir who lives in no household (SH-03)."""

    __tablename__ = "distribution_allocations"
    __table_args__ = (
        CheckConstraint("(household_code IS NULL) <> (person_id IS NULL)", name="one_payee"),
        CheckConstraint("shares > 0 AND amount_fen >= 0", name="amounts_not_negative"),
        CheckConstraint(one_of("payment_status", PAYMENT_STATUSES), name="payment_status_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    distribution_id: Mapped[int] = mapped_column(ForeignKey("distributions.id"), index=True)
    household_code: Mapped[str | None] = mapped_column(ForeignKey("households.code"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"))
    shares: Mapped[int] = mapped_column(BigInteger)
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    payment_status: Mapped[str] = mapped_column(String(8), default="unpaid")

    person: Mapped[Person | None] = relationship(lazy="joined")


class DividendPayment(Base):
    """Payment ledger entry of an allocation (paid or returned); append-only (trigger of migration 0006)."""

    __tablename__ = "dividend_payments"
    __table_args__ = (
        CheckConstraint("status IN ('paid','returned')", name="status_known"),
        CheckConstraint("amount_fen >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    allocation_id: Mapped[int] = mapped_column(ForeignKey("distribution_allocations.id"), index=True)
    status: Mapped[str] = mapped_column(String(8))
    on_date: Mapped[date] = mapped_column(Date)
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    payment_ref: Mapped[str] = mapped_column(String(200))
    recorded_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
