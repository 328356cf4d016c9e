"""Exchange jobs: an upload waiting, being checked or imported, and its report (the worker claims them)."""

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, DateTime, Float, Index, Integer, String, Text, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, one_of

STATUSES = ("queued", "checking", "importing", "done", "refused", "failed")


class ExchangeJob(Base):
    __tablename__ = "exchange_jobs"
    __table_args__ = (
        CheckConstraint(one_of("status", STATUSES), name="status_known"),
        CheckConstraint("progress >= 0 AND progress <= 1", name="progress_fraction"),
        Index("ix_exchange_jobs_queued", "id", postgresql_where=text("status = 'queued'")),
        # A package is imported once: its SHA-256 among the done, real imports.
        Index(
            "uq_exchange_jobs_imported_sha256",
            "sha256",
            unique=True,
            postgresql_where=text("status = 'done' AND NOT dry_run"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(10), default="queued")
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    dry_run: Mapped[bool] = mapped_column(Boolean, default=False)
    username: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    scope: Mapped[str | None] = mapped_column(String(14))
    package_name: Mapped[str] = mapped_column(String(255))
    upload_path: Mapped[str | None] = mapped_column(Text)
    upload_sha256: Mapped[str | None] = mapped_column(String(64))  # of the stored .zip (0021)
    county: Mapped[str | None] = mapped_column(String(6))  # the package's county: its reviewer sees the job
    sha256: Mapped[str | None] = mapped_column(String(64))
    report: Mapped[dict | None] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
