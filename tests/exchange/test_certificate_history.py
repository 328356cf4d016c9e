"""Certificate history (CBJYQZ_QZBF 补发 / _QZHF 换发 / _QZZX 注销, RG-02): imported into the certificates'
status and replaced_by, read back over the API, written back by the export as the same rows; a history row
naming no certificate refuses the import (EX-06) with nothing written."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
from sqlalchemy import select

from registry.audit.models import AuditEntry
from registry.auth.actor import SYSTEM
from registry.db import db
from registry.exchange.export import export_county
from tests.exchange.helpers import checks_of, import_package, nothing_written
from tests.factories import COUNTY
from tests.factories_exchange import synthetic_county

HISTORY = ("CBJYQZ_QZBF", "CBJYQZ_QZHF", "CBJYQZ_QZZX")


def _with_history():
    county = synthetic_county(households=4, parcels_each=1)
    codes = [r["CBJYQZBM"] for r in county.tables["CBJYQZ"]]
    county.tables["CBJYQZ_QZBF"] = [{"CBJYQZBM": codes[0], "QZBFYY": "遗失", "BFRQ": date(2019, 3, 5)}]
    county.tables["CBJYQZ_QZHF"] = [{"CBJYQZBM": codes[1], "QZHFYY": "污损", "HFRQ": date(2020, 4, 6)}]
    county.tables["CBJYQZ_QZZX"] = [{"CBJYQZBM": codes[2], "ZXYY": "错发", "ZXRQ": date(2021, 5, 7)}]
    return county, codes


def _serial(county, code):
    return county.row("CBJYQZDJB", "CBJYQZBM", code)["CBJYQZLSH"]


def _history_sheets(root):
    wb = load_workbook(next((root / "权属数据").glob("??????????.xlsx")), read_only=True)
    try:
        return {t: sorted(list(r) for r in wb[t].iter_rows(values_only=True)) for t in (*HISTORY, "CBJYQZ")}
    finally:
        wb.close()


def test_reissue_replacement_and_cancellation_import_read_back_and_export(app, world, api, tmp_path):
    """RG-02: 补发 and 换发 leave the old certificate reissued / replaced naming its successor; 注销
    cancels."""
    county, codes = _with_history()
    package = county.write(tmp_path / "in")
    outcome = import_package(app, package)
    assert outcome.status == "done", outcome.report("en")["findings"]

    reissued = api.get(f"/api/v1/certificates/{codes[0]}", "reviewer").get_json()
    assert reissued["status"] == "issued" and reissued["origin"] == "reissue"
    assert reissued["serial"] == _serial(county, codes[0]) and reissued["issued_on"] == "2019-03-05"
    first = api.get(f"/api/v1/certificates/{codes[0]}/history", "reviewer").get_json()["items"][0]
    assert first["status"] == "reissued" and first["replaced_by"] == reissued["serial"]
    assert first["issued_on"] == "2016-08-15"
    old = api.get(f"/api/v1/certificates/{codes[1]}?serial={_serial(county, codes[1])}（原证1）", "reviewer")
    assert old.get_json()["status"] == "replaced"
    assert old.get_json()["replaced_by"] == _serial(county, codes[1])
    cancelled = api.get(f"/api/v1/certificates/{codes[2]}", "reviewer").get_json()
    assert cancelled["status"] == "cancelled" and not cancelled.get("replaced_by")
    untouched = api.get(f"/api/v1/certificates/{codes[3]}", "reviewer").get_json()
    assert untouched["status"] == "issued" and untouched["origin"] == "issue"
    register = api.get(f"/api/v1/land-contracts/{codes[2]}/register", "reviewer").get_json()["items"]
    assert register[-1]["date"] == "2021-05-07" and "注销" in register[-1]["reason"]
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)).all()
        assert actions.count("certificate.history_import") == 1

        out = export_county(db.session, SYSTEM, COUNTY, tmp_path / "out", year=2016)
        db.session.rollback()
    written, exported = _history_sheets(package), _history_sheets(out)
    assert written == exported
    assert [len(written[t]) for t in HISTORY] == [2, 2, 2]


def test_a_history_row_naming_no_certificate_is_refused(app, world, tmp_path):
    """EX-06: a 补发 of a certificate the package does not hold refuses the import; nothing is written."""
    county, _ = _with_history()
    county.tables["CBJYQZ_QZBF"][0]["CBJYQZBM"] = "410122100001009999J"
    outcome = import_package(app, county.write(tmp_path))
    assert outcome.status == "refused" and "EX-06" in checks_of(outcome)
    assert any(f.source == "CBJYQZ_QZBF" for f in outcome.findings)
    assert nothing_written(app)
