"""Exchange in the browser: a county reviewer uploads a NY/T 2539 package, watches the progress bar follow the
worker's import, and reads the report by EX check (EX-01…EX-11), filtered and as XLSX; the history lists it.
A clerk checks a 成员名册 roster and reads the same report (art. 66)."""

from __future__ import annotations

import threading
import time

from registry.db import db
from registry.exchange import importer, jobs
from tests.browser.conftest import shot, sign_in
from tests.exchange.test_roster import _roster
from tests.factories_exchange import id_number, synthetic_county
from tests.web.test_exchange_pages import package_zip


def _slow_worker(app, monkeypatch):
    """Run the queued job in a thread, with each loading step held a moment so the page sees it move."""
    real = importer.load

    def slow_load(session, actor, data, source, progress):
        def step(fraction):
            progress(fraction)
            time.sleep(0.6)

        return real(session, actor, data, source, step)

    monkeypatch.setattr(importer, "load", slow_load)
    original = jobs._Progress.__call__

    def unthrottled(self, stage, fraction):
        self.stage = None
        return original(self, stage, fraction)

    monkeypatch.setattr(jobs._Progress, "__call__", unthrottled)
    thread = threading.Thread(target=lambda: jobs.work_once(app, db))
    thread.start()
    return thread


def test_reviewer_uploads_a_package_watches_its_progress_and_reads_the_report(
    page, app, tmp_path, monkeypatch
):
    app.config["EXCHANGE_UPLOADS"] = str(tmp_path / "uploads")
    path = tmp_path / "410122中牟县.zip"
    path.write_bytes(package_zip(tmp_path))
    sign_in(page, "reviewer")
    page.click('nav.sidenav a:has-text("数据交换")')
    assert page.is_checked("input[name=dry_run]")  # a first upload only checks
    page.uncheck("input[name=dry_run]")
    page.set_input_files("#i-package", str(path))
    page.click('button:has-text("上传并检查")')
    page.wait_for_url("**/exchange/jobs/*")
    assert "排队等待" in page.inner_text("#job-status")
    shot(page, "exchange-queued")
    worker = _slow_worker(app, monkeypatch)
    seen = set()
    deadline = time.monotonic() + 30
    while not page.locator("#findings").count() and time.monotonic() < deadline:
        try:
            seen.add(page.inner_text("#job-percent", timeout=500))
            if "导入" in page.inner_text("#job-status", timeout=500) and "importing" not in seen:
                seen.add("importing")
                shot(page, "exchange-progress")
        except Exception:  # noqa: BLE001 - the page reloads itself when the job ends
            pass
        time.sleep(0.2)
    worker.join(timeout=30)
    page.locator("#findings").wait_for()
    assert "importing" in seen and any(p not in ("0%", "100%") for p in seen if p.endswith("%")), seen
    assert "已导入" in page.inner_text("#report-summary")
    assert page.inner_text("#report-counts th >> nth=3") == "地块"
    assert page.inner_text("#report-counts td >> nth=3").strip() == "8"  # the package's eight parcels
    shot(page, "exchange-report")
    with page.expect_download() as download:
        page.click("#report-xlsx")
    assert download.value.suggested_filename.endswith(".xlsx")
    page.click('a:has-text("数据交换")')
    assert "410122中牟县.zip" in page.inner_text("#history")
    shot(page, "exchange-upload-and-history")


def test_reviewer_reads_a_refused_report_by_check_and_filters_errors_ex_11(page, app, tmp_path):
    app.config["EXCHANGE_UPLOADS"] = str(tmp_path / "uploads")
    bad = synthetic_county()
    bad.dk[0]["DKLB"] = "77"
    bad.dk[1]["DKMC"] = ""
    path = tmp_path / "410122中牟县.zip"
    path.write_bytes(package_zip(tmp_path, bad))
    sign_in(page, "reviewer")
    page.goto("/exchange")
    page.set_input_files("#i-package", str(path))
    page.click('button:has-text("上传并检查")')
    page.wait_for_url("**/exchange/jobs/*")
    assert jobs.work_once(app, db) == "refused"
    page.locator("#findings").wait_for()  # the page polls, sees the end and reloads with the report
    assert "未写入" in page.inner_text("#report-summary")
    assert page.locator('table[data-check="EX-11"]').count() == 1
    shot(page, "exchange-refused")
    page.click('#findings nav a:has-text("错误")')
    page.wait_for_load_state("networkidle")
    assert page.locator(".sev-warning").count() == 0 and page.locator(".sev-error").count() >= 1
    shot(page, "exchange-refused-errors")


def test_clerk_checks_a_roster_and_reads_the_report(page, app, tmp_path):
    path = _roster(
        tmp_path / "东村名册.xlsx",
        [
            [("王大山", "户主", id_number(1)), ("李秀英", "妻子", id_number(2, "2"))],
            [("赵四", "户主", id_number(3)), ("赵小四", "外甥", "41012219800101001X")],
        ],
    )  # 外甥: not in the code list
    sign_in(page, "clerk")
    page.click('nav.sidenav a:has-text("名册导入")')
    page.set_input_files("#i-roster", str(path))
    page.fill("#i-resolution_ref", "东村2019年成员大会决议第3号")
    page.click('button:has-text("上传并检查")')
    page.locator("#findings").wait_for()
    assert page.locator('table[data-check="EX-11"]').count() == 1 and "外甥" in page.inner_text("#findings")
    assert "未写入" in page.inner_text("#report-summary")
    shot(page, "roster-report")
