import shutil
import tempfile
from pathlib import Path

from flask import Response, current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from ..api import commit
from ..auth.guard import current_actor, requires
from ..db import db
from . import jobs
from .export import export_county
from .packwriter import zip_package
from .schemas import ExportQuery, ImportFormIn, ImportJobOut, ImportUploadIn

blp = Blueprint(
    "exchange",
    __name__,
    url_prefix="/api/v1/exchange",
    description="确权成果数据交换 (NY/T 2539): package import and export",
)


def upload_dir() -> Path:
    return Path(current_app.config.get("EXCHANGE_UPLOADS") or Path(current_app.instance_path) / "exchange")


@blp.route("/imports")
class Imports(MethodView):
    @requires("reviewer")
    @blp.arguments(ImportUploadIn, location="files")
    @blp.arguments(ImportFormIn, location="form")
    @blp.response(202, ImportJobOut)
    def post(self, files, form):
        """Queue a county package (.zip) for checking and import (EX-01..EX-11); the work runs outside the
        request."""
        upload = files["package"]
        job = jobs.enqueue(
            db.session, current_actor(), upload.filename or "", upload.stream, upload_dir(), form["dry_run"]
        )
        commit()
        return job


@blp.route("/imports/<int:job_id>")
class ImportItem(MethodView):
    @requires("reviewer")
    @blp.response(200, ImportJobOut)
    def get(self, job_id):
        """The import's status, progress and, once it ends, its report."""
        return jobs.get_job(db.session, current_actor(), job_id)


@blp.route("/exports")
class Exports(MethodView):
    @requires("reviewer")
    @blp.arguments(ExportQuery, location="query")
    @blp.response(200, content_type="application/zip")
    def get(self, query):
        """The county's package as a .zip (DK in GBK, tables as XLSX, 权属单位代码表, 汇总表; EX-12)."""
        work = Path(tempfile.mkdtemp(prefix="exchange-export-"))
        try:
            root = export_county(db.session, current_actor(), query["county"], work, query["year"])
            data = zip_package(root, work / "package.zip").read_bytes()
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return Response(
            data,
            mimetype="application/zip",
            headers={"Content-Disposition": f'attachment; filename="{query["county"]}.zip"'},
        )


def start_worker(app) -> None:
    """Start this process's import worker with the first request (not for CLI commands, not in tests)."""
    if not app.config.get("EXCHANGE_WORKER", not app.testing):
        return
    started = []

    @app.before_request
    def _start_exchange_worker():
        if not started:
            started.append(jobs.start_worker(app, db))
