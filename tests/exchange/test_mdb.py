"""The MDB reader (mdbtools) against a real JET4 file, and the documented 9999-01-01 fallback (EX-10)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from registry.exchange.tables import normalise, read_mdb, read_tables, recover_lost_dates

MEZA = Path(__file__).resolve().parent.parent / "fixtures" / "exchange" / "meza_test.mdb"


def test_a_jet4_file_reads_every_row_with_four_digit_years_and_quoted_text():
    rows, columns, findings = read_mdb(MEZA)
    table = rows["MERCHANT_TAYLORS"]
    assert len(table) == 20 and columns["MERCHANT_TAYLORS"][:3] == ["Id No", "Surname", "Forenames"]
    abbott = next(r for r in table if r["Id No"] == "22")
    assert abbott["Surname"] == "Abbott" and abbott["Freedom"].startswith("1911-11-07")
    # dates mdbtools cannot print (before 1900 in this file) are no date, not a wrong one; nothing is reported
    # outside a term end
    assert next(r for r in table if r["Id No"] == "1")["Freedom"] is None and findings == []
    assert read_tables(MEZA)[0].keys() == rows.keys()


def test_the_lost_9999_term_end_is_read_as_indefinite_and_reported():
    row = {
        "CBHTBM": "410122100001000001J",
        "CBQXQ": "1998-10-01",
        "CBQXZ": "1900-01-00 00:00:00",
        "QDSJ": "1900-01-00 00:00:00",
    }
    findings = recover_lost_dates("CBHT", row)
    assert [(f.check, f.severity, f.key) for f in findings] == [("EX-10", "warning", "410122100001000001J")]
    values = normalise("CBHT", row)
    assert (
        values["CBQXZ"] == date(9999, 1, 1)
        and values["QDSJ"] is None
        and values["CBQXQ"] == date(1998, 10, 1)
    )
