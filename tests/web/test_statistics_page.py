"""Reviewer statistics: counts per collective and township of the reviewer's county only (SEC-01), the 应发尽
发
chart, and each table as XLSX."""

from io import BytesIO

from openpyxl import load_workbook

from registry.db import db
from tests import factories_certificates as rights
from tests.factories import OTHER_VILLAGE, VILLAGE_A, VILLAGE_B, make_family, make_person
from tests.factories_membership import make_application
from tests.web.conftest import text


def _seed(app):
    with app.app_context():
        rights.contract(db.session, VILLAGE_A)  # 3 members, 1 household, 1 contract
        rights.homestead(db.session, VILLAGE_A)  # 3 more members, 1 household, 1 homestead
        make_family(db.session, VILLAGE_B, members=False)  # 1 household, no members
        make_application(db.session, make_person(db.session, "赵六"), VILLAGE_B)
        make_family(db.session, OTHER_VILLAGE)  # another county: never counted here
        db.session.commit()


def _row(page: str, code: str) -> str:
    start = page.index(code)
    return page[start : page.index("</tr>", start)]


def test_sec01_statistics_count_only_the_reviewers_county(app, web):
    _seed(app)
    web.login("reviewer")
    r = web.get("/review/statistics")
    assert r.status_code == 200
    page = text(r)
    a = _row(page, VILLAGE_A)
    cells = [c.split("<")[0] for c in a.split('<td class="num">')[1:]]
    # members, pending, households, contracts, homesteads, flagged exits, rights, certified, rate
    assert cells == ["6", "0", "2", "1", "1", "0", "2", "0", "0.0%"]
    b = [c.split("<")[0] for c in _row(page, VILLAGE_B).split('<td class="num">')[1:]]
    assert b[:3] == ["0", "1", "1"]
    assert OTHER_VILLAGE not in page and "外县" not in page
    assert "<svg" in page and "城关镇集体经济联合总社" in page


def test_sec01_a_clerk_may_not_open_the_statistics(web):
    web.login("clerk")
    assert web.get("/review/statistics").status_code == 403


def test_each_table_downloads_as_xlsx(app, web):
    _seed(app)
    web.login("reviewer")
    r = web.get("/review/statistics/collectives.xlsx")
    assert r.status_code == 200 and r.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(BytesIO(r.data)).active
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True)}
    assert rows[VILLAGE_A][2:5] == (6, 0, 2) and OTHER_VILLAGE not in rows
    townships = load_workbook(BytesIO(web.get("/review/statistics/townships.xlsx").data)).active
    assert [row[2] for row in townships.iter_rows(values_only=True)][1:] == [6, 6]  # the township, the county
    assert web.get("/review/statistics/nothing.xlsx").status_code == 404
