"""HTTP for the web UI: upload → 202 queued, the worker runs it outside the request with progress visible
while it runs, the status and report read back; a crash mid-import leaves nothing written and the job failed
on the next start; the export as a .zip; access admin and reviewer of the county only (SEC-01)."""

from __future__ import annotations

import io
import time
import zipfile

from sqlalchemy import text

from registry.db import db
from registry.exchange import importer, jobs
from registry.exchange.packwriter import zip_package
from tests.exchange.helpers import counts
from tests.factories_exchange import synthetic_county


def _zip(tmp_path, county=None):
    root = (county or synthetic_county()).write(tmp_path / "pkg")
    return zip_package(root, tmp_path / "county.zip", gbk_names=True).read_bytes()


def _upload(api, data, as_="reviewer", dry_run=False):
    return api.post(
        "/api/v1/exchange/imports",
        as_=as_,
        content_type="multipart/form-data",
        data={"package": (io.BytesIO(data), "410122中牟县.zip"), "dry_run": "true" if dry_run else "false"},
    )


def test_an_upload_is_queued_run_by_the_worker_and_reported(app, api, tmp_path, monkeypatch):
    app.config["EXCHANGE_UPLOADS"] = str(tmp_path / "uploads")
    resp = _upload(api, _zip(tmp_path))
    assert resp.status_code == 202, resp.get_json()
    job = resp.get_json()
    assert job["status"] == "queued" and job["progress"] == 0
    seen = []
    real = importer.load

    def load_and_look(session, actor, data, source, progress):
        def watching(fraction):
            progress(fraction)
            with db.engine.connect() as reader:  # another client, while the import's transaction is open
                seen.append(
                    tuple(
                        reader.execute(
                            text("SELECT status, progress FROM exchange_jobs WHERE id = :id"),
                            {"id": job["id"]},
                        ).one()
                    )
                )

        return real(session, actor, data, source, watching)

    monkeypatch.setattr(importer, "load", load_and_look)
    monkeypatch.setattr(jobs._Progress, "__call__", _unthrottled)
    assert jobs.work_once(app, db) == "done"
    assert any(s == "importing" and 0 < p < 1 for s, p in seen), seen
    assert len({p for _, p in seen}) > 2  # the progress moves while the import runs
    body = api.get(f"/api/v1/exchange/imports/{job['id']}", "reviewer").get_json()
    assert body["status"] == "done" and body["progress"] == 1
    assert body["report"]["counts"]["parcels"] == 8 and body["report"]["county"] == "410122"
    assert not list((tmp_path / "uploads").iterdir())


def _unthrottled(self, stage, fraction):
    self.stage = None  # every step is written, not one each half second
    return _ORIGINAL_CALL(self, stage, fraction)


_ORIGINAL_CALL = jobs._Progress.__call__


def test_a_refused_package_ends_refused_with_its_findings(app, api, tmp_path):
    app.config["EXCHANGE_UPLOADS"] = str(tmp_path / "uploads")
    bad = synthetic_county()
    bad.dk[0]["DKLB"] = "77"
    job = _upload(api, _zip(tmp_path, bad)).get_json()
    assert jobs.work_once(app, db) == "refused"
    body = api.get(f"/api/v1/exchange/imports/{job['id']}", "reviewer").get_json()
    assert body["status"] == "refused" and {f["check"] for f in body["report"]["findings"]} >= {"EX-11"}
    assert counts(app)["parcels"] == 0


def test_a_crash_mid_import_leaves_nothing_and_the_next_start_marks_it_failed(app, api, tmp_path):
    app.config["EXCHANGE_UPLOADS"] = str(tmp_path / "uploads")
    job = _upload(api, _zip(tmp_path)).get_json()
    with app.app_context():
        assert jobs.claim(db) == job["id"]
        # the process dies mid-import: its transaction had written parcels but never committed
        conn = db.engine.connect()
        pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
        conn.exec_driver_sql("SELECT pg_advisory_lock(hashtext('exchange_jobs'), %s)", (job["id"],))
        conn.exec_driver_sql(
            "INSERT INTO collectives (code, name, level, county_code) "
            "VALUES ('41012210000300', '半途村', 'village', '410122')"
        )
        conn.invalidate()  # connection lost: PostgreSQL rolls back and releases the lock
        with (
            db.engine.connect() as watch
        ):  # once the dead backend has gone (ended for sure, as a crash would)
            watch.exec_driver_sql("SELECT pg_terminate_backend(%s)", (pid,))
            deadline = time.monotonic() + 30
            while watch.exec_driver_sql(
                "SELECT count(*) FROM pg_stat_activity WHERE pid = %s", (pid,)
            ).scalar_one():
                assert time.monotonic() < deadline, "the crashed import's backend never ended"
                time.sleep(0.05)
        assert jobs.recover_jobs(db) == [job["id"]]
        db.session.remove()
    body = api.get(f"/api/v1/exchange/imports/{job['id']}", "reviewer").get_json()
    assert body["status"] == "failed" and body["report"]["error"] == "interrupted"
    assert counts(app) == {**dict.fromkeys(counts(app), 0), "exchange_jobs": 1}  # only the job's own row
    assert api.get("/api/v1/collectives/41012210000300", "reviewer").status_code == 404


def test_a_running_job_is_not_marked_failed_by_another_process_starting(app, api, tmp_path):
    app.config["EXCHANGE_UPLOADS"] = str(tmp_path / "uploads")
    job = _upload(api, _zip(tmp_path)).get_json()
    with app.app_context():
        jobs.claim(db)
        with db.engine.connect() as holder:
            holder.exec_driver_sql("SELECT pg_advisory_lock(hashtext('exchange_jobs'), %s)", (job["id"],))
            assert jobs.recover_jobs(db) == []


def test_only_the_county_s_reviewer_or_an_admin_may_upload(app, api, tmp_path):
    app.config["EXCHANGE_UPLOADS"] = str(tmp_path / "uploads")
    data = _zip(tmp_path)
    assert _upload(api, data, "clerk").status_code == 403
    assert _upload(api, data, "reviewer_other").status_code == 403
    assert _upload(api, data, "admin").status_code == 202
    assert _upload(api, b"not a zip").status_code == 422


def test_the_export_is_a_zip_of_the_county_package(app, api, tmp_path):
    from tests.exchange.helpers import import_package

    assert import_package(app, synthetic_county().write(tmp_path / "in")).status == "done"
    resp = api.get("/api/v1/exchange/exports?county=410122&year=2016", "reviewer")
    assert resp.status_code == 200 and resp.mimetype == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(resp.data)).namelist()
    assert (
        "410122中牟县/矢量数据/DK4101222016.shp" in names and "410122中牟县/权属数据/4101222016.xlsx" in names
    )
    assert api.get("/api/v1/exchange/exports?county=410122", "reviewer_other").status_code == 403
    assert api.get("/api/v1/exchange/exports?county=410122", "clerk").status_code == 403
