from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, String, Text, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, one_of

KINDS = ("land_contract", "homestead")
ORIGINS = ("issue", "reissue", "replacement")  # 颁发, 补发, 换发
STATUSES = ("issued", "reissued", "replaced", "cancelled")


class Certificate(Base):
    """One printed certificate of a registered right (RG-02).

    `number` names the right's certificate line (the contract code or the homestead unit code); every
    certificate printed for it (first issue, 补发, 换发) is a row of its own with its own serial and
    verification code. `right_id` is the right's row in its own area's table (the printed code of a homestead
    changes when a house is built on it; the row does not). Only one row per right is in force (`issued`);
    a row that a 补发 or 换发 took the place of is `reissued` / `replaced`, and its successor names it in
    `replaces_id` (the successor points back, so every row is written once and then only voided);
    `cancelled` is 注销. `content` is the snapshot printed on it, so the PDF of an issued certificate never
    changes when the right later does.
    """

    __tablename__ = "certificates"
    __table_args__ = (
        Index(
            "uq_certificates_in_force_right",
            "kind",
            "right_id",
            unique=True,
            postgresql_where=text("status = 'issued'"),
        ),
        CheckConstraint(one_of("kind", KINDS), name="kind_known"),
        CheckConstraint(one_of("origin", ORIGINS), name="origin_known"),
        CheckConstraint(one_of("status", STATUSES), name="status_known"),
        CheckConstraint("(status = 'issued') = (voided_on IS NULL)", name="void_has_date"),
        CheckConstraint("(status = 'issued') = (void_reason IS NULL)", name="void_has_reason"),
        CheckConstraint("(origin = 'issue') = (replaces_id IS NULL)", name="successor_names_predecessor"),
        CheckConstraint("(origin = 'issue') = (origin_reason IS NULL)", name="reissue_has_reason"),
        CheckConstraint("verification_code ~ '^[0-9A-Z]{8,16}$'", name="verification_code_format"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    right_id: Mapped[int] = mapped_column(Integer)
    right_ref: Mapped[str] = mapped_column(String(32), index=True)
    collective_code: Mapped[str] = mapped_column(ForeignKey("collectives.code"), index=True)
    serial: Mapped[str] = mapped_column(String(80), unique=True)
    origin: Mapped[str] = mapped_column(String(12), default="issue")
    origin_reason: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="issued")
    issued_on: Mapped[date] = mapped_column(Date)
    issued_by: Mapped[str] = mapped_column(String(64))
    # Kept readable: the certificate is re-printed with its QR code; checks compare in constant time.
    verification_code: Mapped[str] = mapped_column(String(16))
    content: Mapped[dict] = mapped_column(JSONB)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"), unique=True)
    voided_on: Mapped[date | None] = mapped_column(Date)
    void_reason: Mapped[str | None] = mapped_column(Text)
    voided_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    # The certificate printed in this one's place (补发 or 换发), read through the successor's `replaces_id`.
    successor: Mapped["Certificate | None"] = relationship(
        foreign_keys=[replaces_id], uselist=False, viewonly=True, lazy="select"
    )

    @property
    def replaced_by(self) -> str | None:
        """The serial of the certificate that took this one's place, if any."""
        return self.successor.serial if self.successor is not None else None

    @property
    def replaced_by_number(self) -> str | None:
        """The successor's number: the same line, or a homestead's new unit code after a change of its
        house."""
        return self.successor.number if self.successor is not None else None
