"""What the exchange pages read and keep besides the importer: the import history by scope, a report's
findings as an XLSX sheet, the county's package as .zip bytes, and a roster import kept as a job row (so its
report can be read back and downloaded like a package's)."""

from __future__ import annotations

import shutil
import tempfile
from io import BytesIO
from pathlib import Path

from flask_babel import gettext
from sqlalchemy import func, or_, select, true

from .export import export_county
from .importer import Outcome
from .models import ExchangeJob
from .packwriter import zip_package

SEVERITIES = ("error", "warning")


def _visible(actor):
    """Admin: every job; a reviewer: the county's and their own; anyone else: their own (SEC-01)."""
    if actor.role == "admin":
        return true()
    own = ExchangeJob.username == actor.username
    if actor.role == "reviewer":  # the county's: by the uploader's scope or the package's county
        return or_(
            own, func.substr(ExchangeJob.scope, 1, 6) == actor.county, ExchangeJob.county == actor.county
        )
    return own


def list_jobs(session, actor, page: int = 1, per_page: int = 20) -> tuple[list[ExchangeJob], int]:
    where = _visible(actor)
    total = session.scalar(select(func.count()).select_from(ExchangeJob).where(where))
    jobs = session.scalars(
        select(ExchangeJob)
        .where(where)
        .order_by(ExchangeJob.id.desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return list(jobs), total


def findings_by_check(report: dict | None, severity: str | None = None) -> list[tuple[str, list[dict]]]:
    """The report's findings grouped by EX check in check order, optionally of one severity."""
    groups: dict[str, list[dict]] = {}
    for f in (report or {}).get("findings", []):
        if severity in SEVERITIES and f["severity"] != severity:
            continue
        groups.setdefault(f["check"], []).append(f)
    return sorted(groups.items())


def severity_counts(report: dict | None) -> dict[str, int]:
    out = dict.fromkeys(SEVERITIES, 0)
    for f in (report or {}).get("findings", []):
        out[f["severity"]] = out.get(f["severity"], 0) + 1
    return out


def report_xlsx(job: ExchangeJob, severity: str | None = None) -> bytes:
    """One sheet of findings (check, severity, source, key, message) and one of the counts."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = gettext("Findings")
    sheet.append(
        [gettext("Check"), gettext("Severity"), gettext("Source"), gettext("Key"), gettext("Message")]
    )
    for _, findings in findings_by_check(job.report, severity):
        for f in findings:
            sheet.append(
                [
                    f["check"],
                    gettext("Error") if f["severity"] == "error" else gettext("Warning"),
                    f["source"],
                    f["key"],
                    f["message"],
                ]
            )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDE", (10, 8, 14, 24, 80)):
        sheet.column_dimensions[column].width = width
    counts = book.create_sheet(gettext("Counts"))
    counts.append([gettext("Package"), job.package_name])
    counts.append([gettext("County"), (job.report or {}).get("county")])
    for key, value in ((job.report or {}).get("counts") or {}).items():
        counts.append([key, value])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def export_zip(session, actor, county: str, year: int | None = None) -> bytes:
    """The county's package (EX-12) as the bytes of a .zip, built in a scratch folder that is removed."""
    work = Path(tempfile.mkdtemp(prefix="exchange-export-"))
    try:
        root = export_county(session, actor, county, work, year)
        return zip_package(root, work / "package.zip").read_bytes()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def record_roster(session, actor, outcome: Outcome, filename: str, dry_run: bool) -> ExchangeJob:
    """A roster import's record and report, in the caller's transaction (with the import when it is done)."""
    job = ExchangeJob(
        status="refused" if outcome.status == "refused" else "done",
        progress=1.0,
        dry_run=dry_run,
        username=actor.username,
        role=actor.role,
        scope=actor.scope,
        package_name=(filename or "roster.xlsx")[:255],
        report={**outcome.report(), "kind": "roster"},
    )
    session.add(job)
    session.flush()
    return job
