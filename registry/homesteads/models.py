from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
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
from ..parcels.models import Parcel
from ..people.models import Person

if TYPE_CHECKING:
    from ..certificates.models import Certificate

TERRAINS = ("plain", "hill", "mountain")
CAP_LAND = ("any", "arable", "other")
TRANSFER_KINDS = ("sale", "rent", "gift")
END_REASONS = ("exit", "destroyed", "expropriated", "other_legal")
# HS-07: the note the register must carry when a non-member heir holds the homestead with the house.
HEIR_NOTE = "该权利人为本农民集体经济组织原成员住宅的合法继承人"


class HomesteadCap(Base):
    """HS-02 area cap (m²) per province and terrain; province 00 is the default for provinces not listed.

    `land` separates provinces whose cap depends on the kind of land taken (浙江: arable / other) from those
    where it does not (`any`).
    """

    __tablename__ = "homestead_caps"
    __table_args__ = (
        CheckConstraint("province_code ~ '^[0-9]{2}$'", name="province_2_digits"),
        CheckConstraint(one_of("terrain", TERRAINS), name="terrain_known"),
        CheckConstraint(one_of("land", CAP_LAND), name="land_known"),
        CheckConstraint("cap_m2 > 0", name="cap_positive"),
    )

    province_code: Mapped[str] = mapped_column(String(2), primary_key=True)
    terrain: Mapped[str] = mapped_column(String(8), primary_key=True)
    land: Mapped[str] = mapped_column(String(6), primary_key=True)
    cap_m2: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    source: Mapped[str | None] = mapped_column(Text)
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class HomesteadApplication(Base):
    """A household's application for a homestead; its plot is a current parcel from filing on (PAR-02)."""

    __tablename__ = "homestead_applications"
    __table_args__ = (
        Index(
            "uq_homestead_applications_open_household",
            "household_code",
            unique=True,
            postgresql_where=text("status = 'publicity'"),
        ),
        CheckConstraint("status IN ('publicity','approved','rejected','withdrawn')", name="status_known"),
        CheckConstraint(
            "(status = 'withdrawn') = (withdrawal_ref IS NOT NULL)", name="withdrawn_has_statement"
        ),
        CheckConstraint(one_of("terrain", TERRAINS), name="terrain_known"),
        CheckConstraint("publicity_ends > publicity_start", name="publicity_has_length"),
        CheckConstraint("(status = 'approved') = (right_id IS NOT NULL)", name="approved_has_right"),
        CheckConstraint("(status = 'publicity') = (decided_at IS NULL)", name="decided_has_time"),
        CheckConstraint(
            "building_number IS NULL OR building_number ~ '^[0-9]{8}$'", name="building_8_digits"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_code: Mapped[str] = mapped_column(ForeignKey("households.code"), index=True)
    collective_code: Mapped[str] = mapped_column(ForeignKey("collectives.code"), index=True)
    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcels.id"))
    terrain: Mapped[str] = mapped_column(String(8))
    on_arable_land: Mapped[bool] = mapped_column(Boolean)
    area_m2: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    cap_m2: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    building_number: Mapped[str | None] = mapped_column(String(8))
    publicity_start: Mapped[date] = mapped_column(Date)
    publicity_ends: Mapped[date] = mapped_column(Date)
    publicity_evidence_ref: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(10), default="publicity")
    right_id: Mapped[int | None] = mapped_column(ForeignKey("homestead_rights.id"))
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decision_note: Mapped[str | None] = mapped_column(Text)
    withdrawal_ref: Mapped[str | None] = mapped_column(String(200))  # the applicant's written request
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    parcel: Mapped[Parcel] = relationship(lazy="joined", innerjoin=True)
    objections: Mapped[list["HomesteadObjection"]] = relationship(
        order_by="HomesteadObjection.id", lazy="selectin", viewonly=True
    )


class HomesteadObjection(Base):
    """异议 raised during publicity; approval waits until every objection is resolved (HS-04)."""

    __tablename__ = "homestead_objections"
    __table_args__ = (
        CheckConstraint("status IN ('open','resolved')", name="status_known"),
        CheckConstraint(
            "(status = 'resolved') = (resolution IS NOT NULL AND resolved_at IS NOT NULL)",
            name="resolved_has_resolution",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("homestead_applications.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(8), default="open")
    filed_by: Mapped[str] = mapped_column(String(64))
    filed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    resolution: Mapped[str | None] = mapped_column(Text)
    resolved_by: Mapped[str | None] = mapped_column(String(64))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class HouseTransfer(Base):
    """A household sold, rented out or gave away its house: it cannot apply for a homestead again (HS-05)."""

    __tablename__ = "homestead_house_transfers"
    __table_args__ = (CheckConstraint(one_of("kind", TRANSFER_KINDS), name="kind_known"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_code: Mapped[str] = mapped_column(ForeignKey("households.code"), index=True)
    kind: Mapped[str] = mapped_column(String(4))
    transfer_date: Mapped[date] = mapped_column(Date)
    counterparty: Mapped[str | None] = mapped_column(String(200))
    evidence_ref: Mapped[str] = mapped_column(String(200))
    right_id: Mapped[int | None] = mapped_column(ForeignKey("homestead_rights.id"))
    recorded_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class HomesteadRight(Base):
    """宅基地使用权, registered on approval of an application; one active right per household (HS-01).

    A household holds it; only a non-member heir (HS-07) holds it as a person, and then only with the house
    (a unit code with F) and with the mandated note — the database refuses anything else.
    """

    __tablename__ = "homestead_rights"
    __table_args__ = (
        Index(
            "uq_homestead_rights_active_household",
            "household_code",
            unique=True,
            postgresql_where=text("status = 'active'"),
        ),
        CheckConstraint("status IN ('active','ended')", name="status_known"),
        CheckConstraint("unit_code ~ '^[0-9]{12}JC[0-9]{5}(F[0-9]{8}|W00000000)$'", name="unit_code_format"),
        CheckConstraint("(status = 'ended') = (ended_on IS NOT NULL)", name="ended_has_date"),
        CheckConstraint("(status = 'ended') = (end_reason IS NOT NULL)", name="ended_has_reason"),
        CheckConstraint(
            "end_reason IS NULL OR end_reason IN ('exit','destroyed','expropriated','other_legal')",
            name="end_reason_known",
        ),
        CheckConstraint("(household_code IS NULL) <> (holder_person_id IS NULL)", name="one_holder"),
        CheckConstraint(
            f"holder_person_id IS NULL OR (substr(unit_code, 20, 1) = 'F' AND note = '{HEIR_NOTE}')",
            name="heir_holds_with_house",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_code: Mapped[str | None] = mapped_column(ForeignKey("households.code"), index=True)
    holder_person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    collective_code: Mapped[str] = mapped_column(ForeignKey("collectives.code"), index=True)
    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcels.id"))
    unit_code: Mapped[str] = mapped_column(String(28), unique=True)
    status: Mapped[str] = mapped_column(String(8), default="active")
    registered_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)  # HS-07 heir note
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    parcel: Mapped[Parcel] = relationship(lazy="joined", innerjoin=True)
    holder_person: Mapped[Person | None] = relationship(lazy="selectin")
    # Kept by the certificates area (one table for every kind of certificate, RG-02).
    certificates: Mapped[list["Certificate"]] = relationship(
        "Certificate",
        primaryjoin="and_(HomesteadRight.id == foreign(Certificate.right_id), "
        "Certificate.kind == 'homestead')",
        order_by="Certificate.id",
        lazy="selectin",
        viewonly=True,
    )


class HomesteadRegisterEntry(Base):
    """登记簿 entry (RG-01): numbered per right, dated, who and why, with the right's state after it.

    The database refuses UPDATE and DELETE, so the state of a right on any past date can be read back.
    """

    __tablename__ = "homestead_register_entries"
    __table_args__ = (
        UniqueConstraint("right_id", "entry_no", name="uq_homestead_register_entries_right_entry"),
        CheckConstraint(
            "kind IN ('first','change','inheritance','cancellation','exit','certificate')", name="kind_known"
        ),  # certificate: 补发/换发/注销 from the certificates area (0008)
        CheckConstraint("entry_no > 0", name="entry_no_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    right_id: Mapped[int] = mapped_column(ForeignKey("homestead_rights.id"), index=True)
    entry_no: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(12))
    entry_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    evidence_ref: Mapped[str | None] = mapped_column(String(200))
    state: Mapped[dict] = mapped_column(JSONB)
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
