from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, String, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, one_of
from ..people.models import Person

APPLICATION_BASES = ("original", "birth", "marriage", "adoption", "policy_migration", "other")
END_REASONS = (
    "death",
    "nationality_lost",
    "acquired_other",
    "civil_servant",
    "voluntary_exit",
    "other_legal",
)
# MEM-04: the reasons whose ending must cite a document (death certificate, appointment, written application
# …)
REASONS_NEEDING_EVIDENCE = ("death", "nationality_lost", "civil_servant", "voluntary_exit")
ROSTER_CHANGE_KINDS = ("joined", "ended")
FORBIDDEN_END_REASONS = (
    "study",
    "military_service",
    "migrant_work",
    "business",
    "marriage",
    "divorce",
    "widowhood",
    "imprisonment",
    "urban_settlement",
)


class Resolution(Base):
    """决议 of a members' assembly or representatives' assembly; art. 27 figures are kept as given."""

    __tablename__ = "resolutions"
    __table_args__ = (
        CheckConstraint("body IN ('assembly','representatives')", name="body_known"),
        CheckConstraint(
            "subject IN ('membership','share_plan','distribution','other')", name="subject_known"
        ),
        CheckConstraint("attended <= members_total AND votes_for <= members_total", name="counts_fit"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    collective_code: Mapped[str] = mapped_column(ForeignKey("collectives.code"), index=True)
    body: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(String(16))
    notice_date: Mapped[date] = mapped_column(Date)
    meeting_date: Mapped[date] = mapped_column(Date)
    members_total: Mapped[int] = mapped_column(Integer)
    members_with_capacity: Mapped[int] = mapped_column(Integer)
    attended: Mapped[int] = mapped_column(Integer)
    votes_for: Mapped[int] = mapped_column(Integer)
    adopted: Mapped[bool] = mapped_column(default=True)
    evidence_ref: Mapped[str | None] = mapped_column(String(200))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class MembershipApplication(Base):
    __tablename__ = "membership_applications"
    __table_args__ = (
        CheckConstraint(
            "basis IN ('original','birth','marriage','adoption','policy_migration','other')",
            name="basis_known",
        ),
        CheckConstraint("status IN ('pending','confirmed','rejected','withdrawn')", name="status_known"),
        CheckConstraint(
            "(status IN ('pending','withdrawn')) = (resolution_id IS NULL)", name="decided_by_resolution"
        ),
        CheckConstraint(
            "(status = 'withdrawn') = (withdrawal_ref IS NOT NULL AND withdrawn_at IS NOT NULL)",
            name="withdrawn_has_statement",
        ),
        Index(
            "uq_membership_applications_pending",
            "person_id",
            "collective_code",
            unique=True,
            postgresql_where=text("status = 'pending'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    collective_code: Mapped[str] = mapped_column(ForeignKey("collectives.code"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    basis: Mapped[str] = mapped_column(String(20))
    evidence_ref: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(16), default="clerk")  # clerk | hukou_event
    status: Mapped[str] = mapped_column(String(10), default="pending")
    resolution_id: Mapped[int | None] = mapped_column(ForeignKey("resolutions.id"))
    withdrawal_ref: Mapped[str | None] = mapped_column(String(200))  # the applicant's written request
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    person: Mapped[Person] = relationship(lazy="joined")


class Membership(Base):
    """成员身份 in one collective. One active membership per person across all collectives (MEM-01)."""

    __tablename__ = "memberships"
    __table_args__ = (
        Index(
            "uq_memberships_active_person",
            "person_id",
            unique=True,
            postgresql_where=text("status = 'active'"),
        ),
        CheckConstraint("status IN ('active','ended')", name="status_known"),
        CheckConstraint(
            "(status = 'active' AND ended_on IS NULL AND end_reason IS NULL) OR "
            "(status = 'ended' AND ended_on IS NOT NULL AND end_reason IS NOT NULL)",
            name="ended_has_reason",
        ),
        CheckConstraint(
            "end_reason IS NULL OR end_reason IN "
            "('death','nationality_lost','acquired_other','civil_servant','voluntary_exit','other_legal')",
            name="end_reason_lawful",
        ),
        CheckConstraint(
            "end_reason IS DISTINCT FROM 'other_legal' OR basis_text IS NOT NULL",
            name="other_legal_has_basis",
        ),
        CheckConstraint("ended_on IS NULL OR ended_on >= since", name="ends_after_start"),
        CheckConstraint(
            "end_reason IS NULL OR end_reason NOT IN "
            "('death','nationality_lost','civil_servant','voluntary_exit') OR end_evidence_ref IS NOT NULL",
            name="ending_has_evidence",
        ),
        CheckConstraint(
            "end_reason IS DISTINCT FROM 'voluntary_exit' OR end_consent_ref IS NOT NULL",
            name="exit_has_consent",
        ),
        CheckConstraint(
            "end_reason IS DISTINCT FROM 'acquired_other' OR end_resolution_id IS NOT NULL",
            name="acquired_other_by_resolution",
        ),
        Index("ix_memberships_collective_status", "collective_code", "status", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    collective_code: Mapped[str] = mapped_column(ForeignKey("collectives.code"), index=True)
    status: Mapped[str] = mapped_column(String(8), default="active")
    since: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(String(20))
    basis_text: Mapped[str | None] = mapped_column(Text)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("membership_applications.id"))
    resolution_id: Mapped[int | None] = mapped_column(ForeignKey("resolutions.id"))
    end_evidence_ref: Mapped[str | None] = mapped_column(String(200))
    end_consent_ref: Mapped[str | None] = mapped_column(String(200))
    # acquired_other: the other collective's confirming resolution (MEM-01)
    end_resolution_id: Mapped[int | None] = mapped_column(ForeignKey("resolutions.id"))

    person: Mapped[Person] = relationship(lazy="joined")


class Filing(Base):
    """备案 batch (MEM-06): roster changes filed with the township and the county agricultural department.

    Immutable once written: a database trigger refuses UPDATE and DELETE (migration 0002).
    """

    __tablename__ = "membership_filings"
    __table_args__ = (
        CheckConstraint("township_code = substr(collective_code, 1, 9)", name="township_from_code"),
        CheckConstraint("county_code = substr(collective_code, 1, 6)", name="county_from_code"),
        CheckConstraint("change_count > 0", name="not_empty"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    collective_code: Mapped[str] = mapped_column(ForeignKey("collectives.code"), index=True)
    township_code: Mapped[str] = mapped_column(String(9))
    county_code: Mapped[str] = mapped_column(String(6))
    township_ref: Mapped[str] = mapped_column(String(100))  # receipt number of the township's filing
    county_ref: Mapped[str] = mapped_column(String(100))  # receipt number of the county bureau's filing
    filed_on: Mapped[date] = mapped_column(Date)
    change_count: Mapped[int] = mapped_column(Integer)
    filed_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    changes: Mapped[list["RosterChange"]] = relationship(viewonly=True, order_by="RosterChange.id")


class RosterChange(Base):
    """One change of a collective's roster, waiting for (or part of) a filing batch (MEM-06).

    Append-only; the only update a trigger allows is attaching an unfiled change to a batch.
    """

    __tablename__ = "roster_changes"
    __table_args__ = (
        CheckConstraint(one_of("kind", ROSTER_CHANGE_KINDS), name="kind_known"),
        Index(
            "ix_roster_changes_unfiled", "collective_code", "id", postgresql_where=text("filing_id IS NULL")
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    collective_code: Mapped[str] = mapped_column(ForeignKey("collectives.code"), index=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    on_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(20))  # application basis when joined, end reason when ended
    resolution_id: Mapped[int | None] = mapped_column(ForeignKey("resolutions.id"))
    filing_id: Mapped[int | None] = mapped_column(ForeignKey("membership_filings.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    membership: Mapped[Membership] = relationship(lazy="joined")
