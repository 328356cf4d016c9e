"""Exchange pages (admin and the county's reviewer): upload a NY/T 2539 package .zip, follow its check and
import while the worker runs it (the page polls the job's status), read the report by EX check, download it as
XLSX, the import history, and the county's export as a .zip. Clerks import a 成员名册 roster with the same
report. The work is the exchange area's (jobs, roster, history); these views only carry it to the page."""

from __future__ import annotations

import re
import tempfile
import zipfile
from pathlib import Path

from flask import Response, jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from openpyxl.utils.exceptions import InvalidFileException

from ..db import db
from ..errors import InvalidInput, RegistryError
from ..exchange import history, jobs
from ..exchange.roster import import_roster
from ..exchange.routes import upload_dir
from .clerk import bp as clerk
from .core import web
from .forms import FormReader
from .refusals import refuse
from .session import login_required, web_actor, working_collective

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FINISHED = ("done", "refused", "failed")
JOB_STATUS = {
    "queued": _l("Waiting in the queue"),
    "checking": _l("Checking"),
    "importing": _l("Importing"),
    "done": _l("Finished"),
    "refused": _l("Refused"),
    "failed": _l("Failed"),
}
OUTCOME = {
    "done": _l("Imported"),
    "dry_run": _l("Checked only: nothing was written"),
    "refused": _l("Refused: nothing was written"),
    "unchanged": _l("Imported already: nothing changed"),
}

COUNTS = {
    "collectives": _l("Collectives"),
    "households": _l("Households"),
    "persons": _l("Persons"),
    "parcels": _l("Parcels"),
    "contracts": _l("Land contracts"),
    "certificates": _l("Certificates"),
    "transfers": _l("Transfers and leases"),
    "memberships": _l("Memberships"),
}

SOURCES = {"roster": _l("Roster sheet"), "package": _l("Package")}


def _key_text(key: str) -> str:
    """A roster finding's key "row 7" reads as the sheet's row; other keys (DKBM, CBFBM …) are codes."""
    match = re.fullmatch(r"row (\d+)", key or "")
    return gettext("Row %(n)s", n=match.group(1)) if match else key


def _default_county() -> str:
    actor = web_actor()
    return actor.county if actor.role == "reviewer" else session.get("act_county", "")


def _history():
    page = max(request.args.get("page", 1, type=int), 1)
    items, total = history.list_jobs(db.session, web_actor(), page)
    return {"jobs": items, "total": total, "page": page, "job_status": JOB_STATUS, "outcome": OUTCOME}


@web.route("/exchange", methods=["GET", "POST"])
@login_required("reviewer")
def exchange():
    refusal = None
    if request.method == "POST":
        upload = request.files.get("package")
        try:
            if upload is None or not upload.filename:
                raise InvalidInput(
                    "Choose the package .zip to upload.", rule="EX-01", errors={"package": ["required"]}
                )
            job = jobs.enqueue(
                db.session,
                web_actor(),
                upload.filename,
                upload.stream,
                upload_dir(),
                bool(request.form.get("dry_run")),
            )
            db.session.commit()
        except RegistryError as err:
            refusal = refuse(err)
        else:
            return redirect(url_for("web.exchange_job", job_id=job.id))
    return render_template(
        "web/exchange/index.html", refusal=refusal, form=request.form, county=_default_county(), **_history()
    ), (refusal.status if refusal else 200)


@web.get("/exchange/jobs/<int:job_id>")
@login_required("reviewer", "clerk")
def exchange_job(job_id, refusal=None):
    job = jobs.get_job(db.session, web_actor(), job_id)
    severity = request.args.get("severity")
    severity = severity if severity in history.SEVERITIES else None
    return render_template(
        "web/exchange/job.html",
        refusal=refusal,
        can_import=jobs.can_import_checked(job) and web_actor().role in ("admin", "reviewer"),
        job=job,
        finished=job.status in FINISHED,
        severity=severity,
        groups=history.findings_by_check(job.report, severity),
        severity_counts=history.severity_counts(job.report),
        job_status=JOB_STATUS,
        outcome=OUTCOME,
        counts=COUNTS,
        sources=SOURCES,
        key_text=_key_text,
    )


@web.post("/exchange/jobs/<int:job_id>/import")
@login_required("reviewer")
def exchange_job_import(job_id):
    """The import ("导入此数据包") of a clean dry run's stored package, queued without a second upload."""
    try:
        job = jobs.import_checked(db.session, web_actor(), job_id)
        db.session.commit()
    except RegistryError as err:
        refusal = refuse(err)
        return exchange_job(job_id, refusal=refusal), refusal.status
    return redirect(url_for("web.exchange_job", job_id=job.id))


@web.get("/exchange/jobs/<int:job_id>/status")
@login_required("reviewer", "clerk")
def exchange_job_status(job_id):
    """What the page's progress bar polls: the job's status and progress, as the API's job resource."""
    job = jobs.get_job(db.session, web_actor(), job_id)
    return jsonify(
        {
            "id": job.id,
            "status": job.status,
            "progress": job.progress,
            "label": str(JOB_STATUS.get(job.status, job.status)),
            "finished": job.status in FINISHED,
        }
    )


@web.get("/exchange/jobs/<int:job_id>/report.xlsx")
@login_required("reviewer", "clerk")
def exchange_job_xlsx(job_id):
    job = jobs.get_job(db.session, web_actor(), job_id)
    severity = request.args.get("severity")
    data = history.report_xlsx(job, severity if severity in history.SEVERITIES else None)
    return Response(
        data,
        mimetype=XLSX,
        headers={"Content-Disposition": f'attachment; filename="exchange-report-{job.id}.xlsx"'},
    )


@web.get("/exchange/export.zip")
@login_required("reviewer")
def exchange_export():
    form = FormReader(request.args)
    county, year = form.text("county"), form.integer("year", required=False)
    form.done()
    if county is None or len(county) != 6 or not county.isdigit():
        raise InvalidInput("A 6-digit county code is needed.", errors={"county": ["6-digit county code"]})
    data = history.export_zip(db.session, web_actor(), county, year)
    return Response(
        data,
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{county}.zip"'},
    )


@clerk.route("/roster/import", methods=["GET", "POST"])
@login_required("clerk")
def roster_import():
    """A 成员名册 sheet → households, persons and memberships confirmed by an earlier resolution (art. 66)."""
    actor, code = web_actor(), working_collective()
    refusal = None
    if request.method == "POST":
        form = FormReader(request.form)
        upload = request.files.get("roster")
        try:
            resolution_ref = form.text("resolution_ref")
            if upload is None or not upload.filename:
                form.errors.setdefault("roster", []).append("required")
            form.done()
            dry_run = bool(request.form.get("dry_run"))
            with tempfile.TemporaryDirectory(prefix="roster-") as work:
                path = Path(work) / "roster.xlsx"
                upload.save(path)
                outcome = _read_roster(actor, path, code, resolution_ref, dry_run)
            if outcome.status != "done":
                db.session.rollback()
            job = history.record_roster(db.session, actor, outcome, upload.filename, dry_run)
            db.session.commit()
        except RegistryError as err:
            db.session.rollback()
            refusal = refuse(err)
        else:
            return redirect(url_for("web.exchange_job", job_id=job.id))
    return render_template(
        "web/exchange/roster.html", refusal=refusal, form=request.form, collective_code=code, **_history()
    ), (refusal.status if refusal else 200)


def _read_roster(actor, path, code, resolution_ref, dry_run):
    try:
        return import_roster(db.session, actor, path, code, resolution_ref, dry_run=dry_run)
    except (
        OSError,
        KeyError,
        ValueError,
        zipfile.BadZipFile,
        InvalidFileException,
    ) as err:  # not an XLSX at all
        raise InvalidInput(
            "The file is not an XLSX workbook.", rule="EX-01", errors={"roster": ["an .xlsx file"]}
        ) from err
