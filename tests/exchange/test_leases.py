"""LZHT (流转合同) → a lease of the management right (LC-09) under its imported contract, read back over the
API
and written back by the export as the same row; a lease past the contract's term refuses the import
(EX-10)."""

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


def _with_lease():
    county = synthetic_county(households=4, parcels_each=2)
    contract, lessee = county.tables["CBHT"][0], county.tables["CBF"][2]
    code = contract["FBFBM"] + "0001"
    parcel = next(r for r in county.tables["CBDKXX"] if r["CBHTBM"] == contract["CBHTBM"])
    parcel["LZHTBM"] = code
    county.tables["LZHT"] = [
        {
            "CBHTBM": contract["CBHTBM"],
            "LZHTBM": code,
            "CBFBM": contract["CBFBM"],
            "SRFBM": lessee["CBFBM"],
            "LZFS": "900",
            "LZQX": "2018-03-01至2026-02-28",
            "LZQXKSRQ": date(2018, 3, 1),
            "LZQXJSRQ": date(2026, 2, 28),
            "LZMJ": parcel["HTMJ"],
            "LZDKS": 1,
            "LZQTDYT": "1",
            "LZHTDYT": "1",
            "LZJGSM": "每亩每年800元",
            "HTQDRQ": date(2018, 2, 20),
        }
    ]
    return county, county.tables["LZHT"][0], parcel["DKBM"], lessee


def _lzht(root):
    wb = load_workbook(next((root / "权属数据").glob("??????????.xlsx")), read_only=True)
    try:
        rows = [list(r) for r in wb["LZHT"].iter_rows(values_only=True)]
        dkxx = [list(r) for r in wb["CBDKXX"].iter_rows(values_only=True)]
    finally:
        wb.close()
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]], [
        dict(zip(dkxx[0], r, strict=True)) for r in dkxx[1:]
    ]


def test_a_transfer_contract_imports_as_a_lease_and_exports_back(app, world, api, tmp_path):
    """LC-09: the LZHT row becomes a lease of the named parcel, lessee the CBF that SRFBM names."""
    county, row, parcel, lessee = _with_lease()
    package = county.write(tmp_path / "in")
    outcome = import_package(app, package)
    assert outcome.status == "done", outcome.report("en")["findings"]
    assert outcome.counts["transfers"] == 1
    items = api.get(f"/api/v1/land-contracts/{row['CBHTBM']}/leases", "reviewer").get_json()["items"]
    assert len(items) == 1
    lease = items[0]
    assert lease["code"] == row["LZHTBM"] and lease["parcel_codes"] == [parcel]
    assert lease["lessee"]["name"] == lessee["CBFMC"]
    assert (lease["start_date"], lease["end_date"], lease["land_use"]) == ("2018-03-01", "2026-02-28", "1")
    assert lease["registrable"] is True and lease["filed_on"] == "2018-02-20"
    register = api.get(f"/api/v1/land-contracts/{row['CBHTBM']}/register", "reviewer").get_json()["items"]
    assert register[-1]["kind"] == "lease_filed"
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)).all()
        assert actions.count("lease.import") == 1
        out = export_county(db.session, SYSTEM, COUNTY, tmp_path / "out", year=2016)
        db.session.rollback()
    (written,), written_dkxx = _lzht(package)
    (exported,), exported_dkxx = _lzht(out)
    for column in (
        "CBHTBM",
        "LZHTBM",
        "CBFBM",
        "SRFBM",
        "LZFS",
        "LZQX",
        "LZQXKSRQ",
        "LZQXJSRQ",
        "LZMJ",
        "LZDKS",
        "LZQTDYT",
        "LZHTDYT",
        "LZJGSM",
        "HTQDRQ",
    ):
        assert exported[column] == written[column], column
    assert {r["DKBM"]: r["LZHTBM"] for r in exported_dkxx} == {r["DKBM"]: r["LZHTBM"] for r in written_dkxx}


def test_a_lease_past_the_contract_term_is_refused(app, world, tmp_path):
    """EX-10 (LC-09): a lease ending after its contract's term refuses the import; nothing is written."""
    county, row, _, _ = _with_lease()
    row["LZQXJSRQ"] = date(2030, 1, 1)
    outcome = import_package(app, county.write(tmp_path))
    assert outcome.status == "refused" and "EX-10" in checks_of(outcome)
    assert nothing_written(app)
