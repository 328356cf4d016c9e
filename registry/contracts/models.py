"""Contracts, their register and the validity intervals that let any past date be read back (RG-01).

A contract row is the register book (承包经营权登记簿) of one household: code = household code + "J". What the
contract covered on a date lives in intervals (`contract_parcels`, `contract_holders`: valid from the first
day, up to but excluding `valid_to`); why it changed lives in the numbered, append-only register entries.
"""

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
from sqlalchemy.dialects.postgresql import JSONB, ExcludeConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..codelists import CONTRACT_METHOD, LAND_TYPE, zh
from ..db import Base, one_of
from ..parcels.models import Parcel
from ..people.models import Person

LAND_TYPES = tuple(LAND_TYPE)
METHODS = zh(CONTRACT_METHOD, ("110", "200", "300"))  # family contracts (letter J)
OTHER_METHODS = zh(CONTRACT_METHOD, ("120", "121", "122", "123", "129"))  # 其他方式承包 (letter Q)
ENTRY_KINDS = (
    "initial",
    "extension",
    "change",
    "transfer",
    "swap",
    "split",
    "merge",
    "surrender",
    "termination",
    "lease_filed",
    "mortgage_filed",
    "certificate",
)  # certificate: issued/re-issued/… (migration 0008)
LEASE_MODES = ("lease", "subcontract", "equity", "other")
LESSEE_KINDS = ("member", "person", "organisation")


class LandContract(Base):
    __tablename__ = "land_contracts"
    __table_args__ = (
        CheckConstraint(
            "(method IN ('110','200','300') AND code = household_code || 'J') "
            "OR (method IN ('120','121','122','123','129') AND code = household_code || 'Q')",
            name="code_is_household_and_letter",
        ),
        CheckConstraint("collective_code = substr(household_code, 1, 14)", name="issuer_of_household"),
        CheckConstraint(
            "method IN ('110','200','300') OR method IN ('120','121','122','123','129')", name="method_code"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(19), unique=True)
    household_code: Mapped[str] = mapped_column(ForeignKey("households.code"), unique=True)
    collective_code: Mapped[str] = mapped_column(ForeignKey("collectives.code"), index=True)  # the issuer
    method: Mapped[str] = mapped_column(String(3))
    # LC-06: after a surrender the household gets no new contract land up to the end of that term.
    surrender_bar_until: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ContractParcel(Base):
    """A parcel in a contract from `valid_from` up to (excluding) `valid_to`."""

    __tablename__ = "contract_parcels"
    __table_args__ = (
        CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="period_forward"),
        # LC-03 in the database: a parcel is in at most one contract on any day, past or future.
        ExcludeConstraint(
            ("parcel_id", "="),
            (text("daterange(valid_from, valid_to)"), "&&"),
            name="ex_contract_parcels_parcel_period",
            using="gist",
        ),
        # the current contract of a parcel by an index-only look-up (the vector tiles, issue 17)
        Index(
            "ix_contract_parcels_current_parcel",
            "parcel_id",
            postgresql_include=["contract_id"],
            postgresql_where=text("valid_to IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("land_contracts.id"), index=True)
    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcels.id"), index=True)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)

    parcel: Mapped[Parcel] = relationship(lazy="joined")


class ContractHolder(Base):
    """A household member sharing the right (LC-04) from `valid_from` up to (excluding) `valid_to`; for a
    unit's contract the unit itself (`unit_code`, migration 0021), never both."""

    __tablename__ = "contract_holders"
    __table_args__ = (
        CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="period_forward"),
        ExcludeConstraint(
            ("contract_id", "="),
            ("person_id", "="),
            (text("daterange(valid_from, valid_to)"), "&&"),
            name="ex_contract_holders_person_period",
            using="gist",
        ),
        CheckConstraint("num_nonnulls(person_id, unit_code) = 1", name="person_or_unit"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("land_contracts.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    unit_code: Mapped[str | None] = mapped_column(ForeignKey("households.code"))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)

    person: Mapped[Person | None] = relationship(lazy="joined")


class RegisterEntry(Base):
    """登记簿 entry (RG-01): numbered per contract; the database refuses UPDATE, DELETE and TRUNCATE.

    `entry_date` is the day the change took effect in law; `recorded_at` when it was entered. Entries that set
    the term carry it (`term_start`, `term_end`, `land_type`), so the term on any date is read from the
        register.
    """

    __tablename__ = "contract_register"
    __table_args__ = (
        UniqueConstraint("contract_id", "seq", name="uq_contract_register_contract_seq"),
        CheckConstraint("seq >= 1", name="seq_positive"),
        CheckConstraint(
            "kind IN "
            "('initial','extension','change','transfer','swap','split','merge','surrender','termination',"
            "'lease_filed','mortgage_filed','certificate')",
            name="kind_known",
        ),
        CheckConstraint(
            "(term_start IS NULL) = (term_end IS NULL) AND (term_end IS NULL) = (land_type IS NULL)",
            name="term_whole",
        ),
        CheckConstraint(one_of("land_type", LAND_TYPES), name="land_type_known"),
        CheckConstraint("term_end IS NULL OR term_end > term_start", name="term_forward"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("land_contracts.id"))
    seq: Mapped[int] = mapped_column(Integer)
    entry_date: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(Text)
    document_ref: Mapped[str | None] = mapped_column(String(200))
    term_start: Mapped[date | None] = mapped_column(Date)
    term_end: Mapped[date | None] = mapped_column(Date)
    land_type: Mapped[str | None] = mapped_column(String(10))
    details: Mapped[dict | None] = mapped_column(JSONB)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Lease(Base):
    """土地经营权流转合同 (LC-09); a re-lease by the lessee has `parent_id` and the holder's consent
    (LC-10)."""

    __tablename__ = "land_leases"
    __table_args__ = (
        CheckConstraint("code ~ '^[0-9]{18}$'", name="code_18_digits"),
        CheckConstraint("collective_code = substr(code, 1, 14)", name="issuer_from_code"),
        CheckConstraint(one_of("mode", LEASE_MODES), name="mode_known"),
        CheckConstraint(one_of("lessee_kind", LESSEE_KINDS), name="lessee_kind_known"),
        CheckConstraint("land_use IN ('1','2','3','4')", name="agricultural_use"),  # LC-09: never 5
        CheckConstraint("end_date > start_date", name="period_forward"),
        CheckConstraint("price_fen >= 0", name="price_not_negative"),
        CheckConstraint("parent_id IS NULL OR holder_consent_ref IS NOT NULL", name="re_lease_has_consent"),
        Index("ix_land_leases_contract_id", "contract_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(18), unique=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("land_contracts.id"))
    collective_code: Mapped[str] = mapped_column(ForeignKey("collectives.code"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("land_leases.id"))
    lessee_kind: Mapped[str] = mapped_column(String(12))
    lessee_name: Mapped[str] = mapped_column(String(100))
    lessee_id_type: Mapped[str] = mapped_column(String(1))
    lessee_id_number: Mapped[str] = mapped_column(String(40))
    mode: Mapped[str] = mapped_column(String(12))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    land_use: Mapped[str] = mapped_column(String(1))
    price_fen: Mapped[int] = mapped_column(BigInteger)
    registrable: Mapped[bool] = mapped_column(Boolean)
    contract_ref: Mapped[str | None] = mapped_column(String(200))
    holder_consent_ref: Mapped[str | None] = mapped_column(String(200))
    filed_on: Mapped[date] = mapped_column(Date)
    filed_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    contract: Mapped[LandContract] = relationship(lazy="joined")
    parent: Mapped["Lease | None"] = relationship(remote_side=[id], lazy="joined")
    parcels: Mapped[list[Parcel]] = relationship(
        secondary="lease_parcels", lazy="selectin", order_by="Parcel.code"
    )


class LeaseParcel(Base):
    __tablename__ = "lease_parcels"

    lease_id: Mapped[int] = mapped_column(ForeignKey("land_leases.id"), primary_key=True)
    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcels.id"), primary_key=True, index=True)


class LeaseMortgage(Base):
    """A lessee's mortgage of the management right (融资担保), only with the holder's written consent
    (LC-10)."""

    __tablename__ = "lease_mortgages"
    __table_args__ = (
        CheckConstraint("amount_fen > 0", name="amount_positive"),
        CheckConstraint("end_date > start_date", name="period_forward"),
        CheckConstraint("length(holder_consent_ref) > 0", name="holder_consented"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lease_id: Mapped[int] = mapped_column(ForeignKey("land_leases.id"), index=True)
    creditor_name: Mapped[str] = mapped_column(String(100))
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    holder_consent_ref: Mapped[str] = mapped_column(String(200))
    document_ref: Mapped[str | None] = mapped_column(String(200))
    filed_on: Mapped[date] = mapped_column(Date)
    filed_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    lease: Mapped[Lease] = relationship(lazy="joined")
