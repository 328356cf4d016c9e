"""Reviewer statistics (/review/statistics): 应发尽发 progress and the register's counts per township and per
collective of the county, as tables and a server-side SVG chart; each table downloadable as XLSX."""

from __future__ import annotations

from io import BytesIO

from flask import Response, abort, render_template
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook

from ..db import db
from ..settlement.statistics import county_statistics
from .review import bp as review
from .session import login_required, web_actor, working_county

COLUMNS = [
    ("members", _l("Members confirmed")),
    ("pending", _l("Applications pending")),
    ("households", _l("Households")),
    ("contracts", _l("Land contracts")),
    ("homesteads", _l("Homesteads")),
    ("flagged_exits", _l("Flagged exits")),
    ("rights", _l("Registered rights")),
    ("certified", _l("Certificates in force")),
]
TABLES = {"townships": _l("By township"), "collectives": _l("By collective")}


@review.get("/statistics")
@login_required("reviewer")
def statistics():
    stats = county_statistics(db.session, web_actor(), working_county())
    return render_template("web/review/statistics.html", stats=stats, columns=COLUMNS, tables=TABLES)


@review.get("/statistics/<table>.xlsx")
@login_required("reviewer")
def statistics_xlsx(table):
    if table not in TABLES:
        abort(404)
    county = working_county()
    stats = county_statistics(db.session, web_actor(), county)
    book = Workbook()
    sheet = book.active
    sheet.title = str(TABLES[table])
    sheet.append(
        [gettext("Code"), gettext("Organisation"), *(str(text) for _, text in COLUMNS), gettext("Rate")]
    )
    for r in [*stats[table], stats["total"]]:
        sheet.append(
            [
                r["code"],
                r["name"] or gettext("County total"),
                *(r[key] for key, _ in COLUMNS),
                round(r["rate"], 4) if r["rate"] is not None else None,
            ]
        )
    out = BytesIO()
    book.save(out)
    return Response(
        out.getvalue(),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="statistics-{county}-{table}.xlsx"'},
    )
