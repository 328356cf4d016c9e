"""The package writers' bulk paths (the DK .dbf from numpy, the XLSX rows from one template per chunk) against
what a reader makes of the files: GDAL for the .dbf, calamine (our reader) for the XLSX."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pyogrio
import pyogrio.raw
import pytest

from registry.exchange.dbf import write_dbf
from registry.exchange.shapes import decide_encoding
from registry.exchange.xlsx import _CHUNK, iter_rows, write_workbook

SCHEMA = [("DKBM", "str:19"), ("DKMC", "str:8"), ("SCMJ", "float:16.2"), ("BSM", "int:4")]


def _records(path):
    with open(path, "rb") as fh:
        raw = fh.read()
    header_len, record_len = int.from_bytes(raw[8:10], "little"), int.from_bytes(raw[10:12], "little")
    body = raw[header_len:-1]
    assert raw[-1:] == b"\x1a" and len(body) % record_len == 0
    return [body[k : k + record_len] for k in range(0, len(body), record_len)]


def test_ex03_the_dbf_is_gbk_with_byte_29_and_the_template_widths(tmp_path):
    rows = [
        {"DKBM": "4101221000010000001", "DKMC": "东地", "SCMJ": Decimal("1200.5"), "BSM": 1},
        {"DKBM": "4101221000010000002", "DKMC": None, "SCMJ": None, "BSM": 2},
        {"DKBM": "4101221000010000003", "DKMC": "很长的地块名称", "SCMJ": 3.333, "BSM": 12345},
        {"DKBM": "4101221000010000004", "DKMC": "a&b"},
    ]
    path = tmp_path / "DK4101222016.dbf"
    write_dbf(path, SCHEMA, rows)
    assert decide_encoding(path.with_suffix(".shp")) == ("GBK", [])
    records = _records(path)
    assert [r[0:1] for r in records] == [b" "] * 4  # none deleted
    assert records[0][20:28] == "东地".encode("gbk").ljust(8)
    assert records[2][20:28] == "很长的地".encode("gbk")  # cut on a character boundary
    assert records[1][20:28] == b" " * 8 and records[1][28:44] == b"*" * 16  # nulls as GDAL writes them
    assert records[2][44:48] == b"1234"  # wider than its field: cut
    info = pyogrio.read_info(path, encoding="GBK")
    assert list(info["fields"]) == ["DKBM", "DKMC", "SCMJ", "BSM"]
    _, _, _, (dkbm, dkmc, scmj, bsm) = pyogrio.raw.read(path, encoding="GBK", read_geometry=False)
    assert dkmc[0] == "东地" and dkmc[3] == "a&b" and dkbm[3] == "4101221000010000004"
    assert scmj[0] == 1200.5 and scmj[2] == 3.33 and list(bsm[:3]) == [1, 2, 1234]


def test_ex12_a_text_gbk_cannot_hold_raises_in_the_dbf_writer(tmp_path):
    with pytest.raises(UnicodeEncodeError):
        write_dbf(tmp_path / "x.dbf", SCHEMA, [{"DKBM": "1", "DKMC": "東地😀"}])


def test_an_empty_layer_has_a_header_and_no_records(tmp_path):
    write_dbf(tmp_path / "x.dbf", SCHEMA, [])
    assert _records(tmp_path / "x.dbf") == []
    assert pyogrio.read_info(tmp_path / "x.dbf")["features"] == 0


def test_xlsx_rows_read_back_as_written_whatever_the_column_types(tmp_path):
    header = ["CBFBM", "CBFMC", "HTMJ", "CBQXQ", "N", "LZHTBM"]
    rows = [
        [
            f"4101221000010{k:05d}",
            "张三" if k % 3 else "a<b&c>\x01d",
            Decimal("1.50"),
            date(1998, 10, 1),
            k,
            None,
        ]
        for k in range(_CHUNK + 5)  # more than one chunk
    ]
    rows[7][2] = None  # a column with some empty cells
    rows[8][4] = "x"  # and one of mixed types
    rows.append(["short"])  # a row of another width
    path = tmp_path / "t.xlsx"
    write_workbook(path, {"CBF": [header, *rows]})
    got = [values for _, values in iter_rows(path)]
    assert got[0] == header
    assert got[1] == ["410122100001000000", "a<b&c>d", 1.5, "1998-10-01", 0.0, None]
    assert got[2][1] == "张三" and got[8][2] is None and got[9][4] == "x"
    assert got[-1] == ["short"] + [None] * 5
    assert len(got) == len(rows) + 1


def test_ex12_a_text_gbk_cannot_hold_raises_in_the_xlsx_writer(tmp_path):
    with pytest.raises(UnicodeEncodeError):
        write_workbook(tmp_path / "t.xlsx", {"CBF": [["CBFMC"], ["😀"]]})
