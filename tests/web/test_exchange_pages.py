"""Exchange pages: a reviewer uploads a county package (EX-01), the worker runs it, the job page shows the
report grouped by EX check with a severity filter and an XLSX download; the history and the export; scopes
per SEC-01. Clerks import a 成员名册 roster (art. 66) with the same report."""

from __future__ import annotations

import io
import re
import zipfile

from openpyxl import load_workbook

from registry.db import db
from registry.exchange import jobs
from registry.exchange.packwriter import zip_package
from tests.exchange.test_roster import _roster
from tests.factories_exchange import id_number, synthetic_county
from tests.web.conftest import text


def package_zip(tmp_path, county=None) -> bytes:
    root = (county or synthetic_county()).write(tmp_path / "pkg")
    return zip_package(root, tmp_path / "county.zip", gbk_names=True).read_bytes()


def upload(web, data, dry_run=True):
    form = {"package": (io.BytesIO(data), "410122中牟县.zip")}
    if dry_run:
        form["dry_run"] = "1"
    return web.post("/exchange", form, content_type="multipart/form-data")


def _job_id(response) -> int:
    assert response.status_code == 302, text(response)
    return int(re.search(r"/exchange/jobs/(\d+)", response.headers["Location"]).group(1))


def test_a_dry_run_upload_is_queued_then_reported_ex_01(web, app, tmp_path):
    app.config["EXCHANGE_UPLOADS"] = str(tmp_path / "uploads")
    web.login("reviewer")
    job_id = _job_id(upload(web, package_zip(tmp_path)))
    status = web.get(f"/exchange/jobs/{job_id}/status").get_json()
    assert status["status"] == "queued" and status["finished"] is False
    page = text(web.get(f"/exchange/jobs/{job_id}"))
    assert 'id="job-progress"' in page and "exchange-job.js" in page and 'id="findings"' not in page
    assert jobs.work_once(app, db) == "done"
    status = web.get(f"/exchange/jobs/{job_id}/status").get_json()
    assert status["finished"] and status["progress"] == 1
    page = text(web.get(f"/exchange/jobs/{job_id}"))
    assert "仅检查" in page and 'id="report-counts"' in page and ">8<" in page  # 8 parcels checked
    assert "410122中牟县.zip" in text(web.get("/exchange"))  # the history lists it


def test_a_refused_package_shows_findings_by_check_filtered_and_as_xlsx_ex_11(web, app, tmp_path):
    app.config["EXCHANGE_UPLOADS"] = str(tmp_path / "uploads")
    bad = synthetic_county()
    bad.dk[0]["DKLB"] = "77"
    web.login("reviewer")
    job_id = _job_id(upload(web, package_zip(tmp_path, bad), dry_run=False))
    assert jobs.work_once(app, db) == "refused"
    page = text(web.get(f"/exchange/jobs/{job_id}"))
    assert 'data-check="EX-11"' in page and "未写入" in page
    errors_only = text(web.get(f"/exchange/jobs/{job_id}?severity=error"))
    assert "sev-warning" not in errors_only and "sev-error" in errors_only
    r = web.get(f"/exchange/jobs/{job_id}/report.xlsx")
    assert r.status_code == 200 and r.mimetype.endswith("spreadsheetml.sheet")
    rows = list(load_workbook(io.BytesIO(r.data)).worksheets[0].iter_rows(values_only=True))
    assert rows[0][0] == "检查项" and any(row[0] == "EX-11" and row[1] == "错误" for row in rows[1:])


def test_the_upload_is_for_the_county_s_reviewer_and_admin_only_sec_01(web, app, tmp_path):
    app.config["EXCHANGE_UPLOADS"] = str(tmp_path / "uploads")
    data = package_zip(tmp_path)
    web.login("reviewer_other")
    r = upload(web, data)
    assert r.status_code == 403 and "SEC-01" in text(r)
    web.login("clerk")
    assert web.get("/exchange").status_code == 403
    web.login("reviewer")
    job_id = _job_id(upload(web, data))
    web.login("reviewer_other")
    assert web.get(f"/exchange/jobs/{job_id}").status_code == 403
    assert web.get(f"/exchange/jobs/{job_id}/status").status_code == 403
    assert "410122中牟县.zip" not in text(web.get("/exchange"))  # nor in the other county's history
    web.login("admin")
    assert web.get(f"/exchange/jobs/{job_id}").status_code == 200
    assert "410122中牟县.zip" in text(web.get("/exchange"))  # the administrator's history holds every job
    assert _job_id(upload(web, data)) > job_id


def test_not_a_zip_is_refused_at_its_field_ex_01(web, app, tmp_path):
    app.config["EXCHANGE_UPLOADS"] = str(tmp_path / "uploads")
    web.login("reviewer")
    r = upload(web, b"not a zip")
    assert r.status_code == 422 and "EX-01" in text(r) and 'id="f-package"' in text(r)
    r = web.post("/exchange", {}, content_type="multipart/form-data")
    assert r.status_code == 422 and "EX-01" in text(r)


def test_the_county_exports_as_a_zip_ex_12(web, app, tmp_path):
    from tests.exchange.helpers import import_package

    assert import_package(app, synthetic_county().write(tmp_path / "in")).status == "done"
    web.login("reviewer")
    r = web.get("/exchange/export.zip?county=410122&year=2016")
    assert r.status_code == 200 and r.mimetype == "application/zip"
    assert "410122中牟县/矢量数据/DK4101222016.shp" in zipfile.ZipFile(io.BytesIO(r.data)).namelist()
    web.login("reviewer_other")
    assert web.get("/exchange/export.zip?county=410122").status_code == 403
    assert web.get("/exchange/export.zip?county=41").status_code == 422


def _roster_file(tmp_path):
    return _roster(
        tmp_path / "r.xlsx",
        [
            [("王大山", "户主", id_number(1)), ("李秀英", "妻子", id_number(2, "2"))],
            [("赵四", "户主", id_number(3))],
        ],
    )


def _post_roster(web, path, dry_run):
    form = {
        "roster": (io.BytesIO(path.read_bytes()), "东村名册.xlsx"),
        "resolution_ref": "东村2019年成员大会决议第3号",
    }
    if dry_run:
        form["dry_run"] = "1"
    return web.post("/clerk/roster/import", form, content_type="multipart/form-data")


def test_a_clerk_checks_then_imports_a_roster_with_its_report(web, app, tmp_path):
    path = _roster_file(tmp_path)
    web.login("clerk")
    assert "roster-form" in text(web.get("/clerk/roster/import"))
    checked = _job_id(_post_roster(web, path, dry_run=True))
    page = text(web.get(f"/exchange/jobs/{checked}"))
    assert "仅检查" in page and 'id="report-counts"' in page
    assert "王大山" not in text(web.get("/clerk/roster"))  # the dry run wrote nothing
    done = _job_id(_post_roster(web, path, dry_run=False))
    assert "已导入" in text(web.get(f"/exchange/jobs/{done}"))
    assert "王大山" in text(web.get("/clerk/roster"))
    assert web.get(f"/exchange/jobs/{done}/report.xlsx").status_code == 200
    web.login("clerk_b")
    assert web.get(f"/exchange/jobs/{done}").status_code == 403  # another collective's clerk (SEC-01)


def test_a_roster_that_is_no_workbook_is_refused_ex_01(web, tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"plain text")
    web.login("clerk")
    r = _post_roster(web, bad, dry_run=True)
    assert r.status_code == 422 and "EX-01" in text(r) and 'id="f-roster"' in text(r)
