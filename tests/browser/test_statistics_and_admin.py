"""The reviewer's statistics page (应发尽发 by township and collective, a chart, XLSX per table) and the
administrator's audit log with its filters and the throttled sign-ins, in Chromium."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook

from tests.browser.conftest import shot, sign_in


def test_reviewer_reads_the_county_statistics_and_downloads_them(page, app):
    sign_in(page, "reviewer")
    page.goto("/review/statistics")
    tables = page.locator("table.list")
    assert tables.count() >= 2  # by township, by collective
    assert "东村股份经济合作社" in tables.nth(1).inner_text()
    assert "应发尽发" in page.inner_text("p.lead")  # the chart is drawn once a township has rights
    shot(page, "reviewer-statistics")
    with page.expect_download() as got:
        page.click('a[href$="collectives.xlsx"]')
    book = load_workbook(BytesIO(open(got.value.path(), "rb").read()), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    assert len(rows) >= 2 and any("东村股份经济合作社" in str(c) for r in rows for c in r)


def test_admin_filters_the_audit_log_and_sees_the_sign_ins_sec_05(page, app):
    sign_in(page, "admin")
    page.goto("/admin/audit?actor=admin")
    text = page.inner_text("main")
    assert "admin" in text
    shot(page, "admin-audit-log")
    page.goto("/admin/audit?actor=nobody-such")
    assert (
        "没有符合条件的记录" in page.inner_text("table.list tbody")
        or page.locator("table.list tbody tr").count() == 1
    )
    assert "nobody-such" not in page.inner_text("table.list tbody")
    wrong = app.test_client().post(
        "/api/v1/auth/token", json={"username": "clerk", "password": "wrong-password"}
    )
    assert wrong.status_code == 401
    page.goto("/admin/sign-ins")
    assert "clerk" in page.inner_text("main")  # the failed attempt is listed (SEC-05)
    shot(page, "admin-sign-ins")
