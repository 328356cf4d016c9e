"""A clean dry run's package imports without a second upload ("导入此数据包", its stored .zip handed to an
import job after its SHA-256 is found unchanged, EX-01); the county's reviewer sees the import jobs an
administrator uploaded (SEC-01). Every refusal leaves nothing written and queues nothing."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text as sql

from registry.db import db
from registry.exchange import jobs
from registry.exchange.models import ExchangeJob
from tests.exchange.helpers import counts
from tests.factories_exchange import synthetic_county
from tests.web.conftest import text
from tests.web.test_exchange_pages import _job_id, package_zip, upload

BUTTON = "导入此数据包"


def _dry_run_by_admin(web, app, tmp_path, county=None) -> int:
    app.config["EXCHANGE_UPLOADS"] = str(tmp_path / "uploads")
    web.login("admin")
    job_id = _job_id(upload(web, package_zip(tmp_path, county), dry_run=True))
    jobs.work_once(app, db)
    return job_id


def _jobs(app) -> list[tuple]:
    with app.app_context():
        rows = db.session.execute(sql("SELECT id, dry_run, status FROM exchange_jobs ORDER BY id")).all()
        db.session.remove()
    return [tuple(r) for r in rows]


def test_the_county_reviewer_sees_an_admins_job_and_imports_the_checked_package(web, app, api, tmp_path):
    """SEC-01 allowed (the county's reviewer) and EX-01 allowed (the stored package unchanged)."""
    job_id = _dry_run_by_admin(web, app, tmp_path)
    web.login("reviewer")
    assert "410122中牟县.zip" in text(web.get("/exchange"))  # the history lists the admin's upload
    page = text(web.get(f"/exchange/jobs/{job_id}"))
    assert BUTTON in page and 'id="import-checked"' in page
    assert api.get(f"/api/v1/exchange/imports/{job_id}", "reviewer").status_code == 200
    assert counts(app)["parcels"] == 0  # the dry run wrote nothing
    new_id = _job_id(web.post(f"/exchange/jobs/{job_id}/import"))
    assert _jobs(app) == [(job_id, True, "done"), (new_id, False, "queued")]
    assert jobs.work_once(app, db) == "done"
    assert counts(app)["parcels"] == 8 and counts(app)["land_contracts"] == 4
    assert not list((tmp_path / "uploads").iterdir())  # the package went with its import
    assert BUTTON not in text(web.get(f"/exchange/jobs/{job_id}"))
    again = web.post(f"/exchange/jobs/{job_id}/import")  # the package was handed over: no second import
    assert again.status_code == 409 and "EX-01" in text(again)
    assert len(_jobs(app)) == 2


def test_another_countys_reviewer_sees_no_such_job_sec_01(web, app, api, tmp_path):
    job_id = _dry_run_by_admin(web, app, tmp_path)
    web.login("reviewer_other")
    assert web.get(f"/exchange/jobs/{job_id}").status_code == 403
    assert web.post(f"/exchange/jobs/{job_id}/import").status_code == 403
    assert "410122中牟县.zip" not in text(web.get("/exchange"))
    assert api.get(f"/api/v1/exchange/imports/{job_id}", "reviewer_other").status_code == 403
    assert len(_jobs(app)) == 1 and counts(app)["parcels"] == 0


def test_a_changed_stored_package_is_refused_ex_01(web, app, tmp_path):
    """EX-01: the stored .zip no longer has the SHA-256 of its check; no import is queued, nothing written."""
    job_id = _dry_run_by_admin(web, app, tmp_path)
    with app.app_context():
        path = Path(db.session.get(ExchangeJob, job_id).upload_path)
        db.session.remove()
    with open(path, "ab") as fh:
        fh.write(b"\0")
    r = web.post(f"/exchange/jobs/{job_id}/import")
    assert r.status_code == 409 and "SHA-256" in text(r) and "EX-01" in text(r)
    assert len(_jobs(app)) == 1 and counts(app)["parcels"] == 0


def test_a_dry_run_with_errors_offers_no_import_ex_01(web, app, tmp_path):
    bad = synthetic_county()
    bad.dk[0]["DKLB"] = "77"  # EX-11
    job_id = _dry_run_by_admin(web, app, tmp_path, bad)
    assert BUTTON not in text(web.get(f"/exchange/jobs/{job_id}"))
    r = web.post(f"/exchange/jobs/{job_id}/import")
    assert r.status_code == 409 and "EX-01" in text(r)
    assert len(_jobs(app)) == 1 and counts(app)["parcels"] == 0
    assert not list((tmp_path / "uploads").iterdir())  # a refused package is not kept


def test_a_package_changed_after_it_was_queued_fails_its_import_ex_01(web, app, api, tmp_path):
    """EX-01: the worker checks the SHA-256 again before it imports; the job fails and nothing is written."""
    job_id = _dry_run_by_admin(web, app, tmp_path)
    new_id = _job_id(web.post(f"/exchange/jobs/{job_id}/import"))
    with app.app_context():
        path = Path(db.session.get(ExchangeJob, new_id).upload_path)
        db.session.remove()
    with open(path, "ab") as fh:
        fh.write(b"\0")
    assert jobs.work_once(app, db) == "failed"
    body = api.get(f"/api/v1/exchange/imports/{new_id}", "reviewer").get_json()
    assert body["status"] == "failed" and "SHA-256" in body["report"]["detail"]
    assert counts(app)["parcels"] == 0 and counts(app)["households"] == 0
