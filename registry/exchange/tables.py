"""The 权属 tables as plain rows: from the MDB (mdbtools) or an XLSX with one sheet per table (openpyxl)."""

from __future__ import annotations

import csv
import io
import subprocess
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .fields import TABLES
from .findings import Finding, warning
from .xlsx import excel_date, iter_rows

# mdbtools prints year 9999 as this (upstream bug, exchange.md); in a term end it means 长久不变
MDB_LOST_DATE = "1900-01-00"
TERM_END_COLUMNS = {("CBHT", "CBQXZ"), ("CBJYQZDJB", "CBQXZ")}


def _text(v):
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    s = str(v).strip()
    return s or None


def _date(v):
    if v is None or v == "":
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, float):  # a spreadsheet date cell: days since 1899-12-30
        return excel_date(v)
    return date.fromisoformat(str(v).strip()[:10])


def _decimal(v):
    if v is None or v == "":
        return None
    try:
        return Decimal(str(v).strip())
    except InvalidOperation:
        return None


def _int(v):
    if v is None or v == "":
        return None
    return int(Decimal(str(v).strip()))


CONVERT = {"T": _text, "D": _date, "N": _decimal, "I": _int}
KINDS = {t: dict(cols) for t, cols in TABLES.items()}


MEMO_LIMIT = 4096  # distinct texts remembered per column: codes, dates, names that repeat are converted once


def _converters(table: str, header: list) -> list:
    """(name, converter, memo) per column; the memo maps a text cell to its converted value, so a value that
    repeats (a 发包方 code, a date, 承包方式) is converted once and held once."""
    kinds = KINDS.get(table, {})
    return [(h, CONVERT[kinds.get(h, "T")], {}) for h in header]


def _convert(converters: list, values) -> dict:
    out = {}
    for (k, fn, memo), v in zip(converters, values, strict=False):
        if k is None:
            continue
        if v is None:
            out[k] = None
            continue
        text = type(v) is str  # only texts: 1 == 1.0 == True as keys, but not as values
        if text and v in memo:
            out[k] = memo[v]
            continue
        try:
            value = fn(v)
        except (ValueError, TypeError):
            value = None  # an unreadable value is reported by the check that needs it
        if text and len(memo) < MEMO_LIMIT:
            memo[v] = value
        out[k] = value
    return out


def normalise(table: str, row: dict) -> dict:
    return _convert(_converters(table, list(row)), row.values())


def read_xlsx(path: Path) -> tuple[dict[str, list[dict]], dict[str, list[str]]]:
    """One sheet per table, named as the table, the header in the first row."""
    out, columns, converters, current = {}, {}, [], None
    for sheet, values in iter_rows(path):
        table = sheet.strip().upper()
        if table != current:
            current, header = table, [_text(h) for h in values]
            columns[table] = [h for h in header if h]
            converters = _converters(table, header)
            out[table] = rows = []
            continue
        if any(v is not None for v in values):
            rows.append(_convert(converters, values))
    return out, columns


def _mdb(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True).stdout.decode("utf-8", errors="replace")


def recover_lost_dates(table: str, row: dict) -> list[Finding]:
    """mdbtools' out-of-range marker: in a term end it is 9999-01-01 (reported), elsewhere no date."""
    findings = []
    for col, v in row.items():
        if v and v.startswith(MDB_LOST_DATE):
            if (table, col) in TERM_END_COLUMNS:
                row[col] = "9999-01-01"
                findings.append(
                    warning(
                        "EX-10",
                        table,
                        row.get("CBHTBM") or row.get("CBJYQZBM") or "",
                        "{column} read as 9999-01-01 (长久不变): mdbtools cannot print that date.",
                        column=col,
                    )
                )
            else:
                row[col] = None
    return findings


def read_mdb(path: Path) -> tuple[dict[str, list[dict]], dict[str, list[str]], list[Finding]]:
    """Every table through mdb-export, with four-digit years; the 9999-01-01 loss is reported."""
    findings: list[Finding] = []
    out, columns = {}, {}
    for table in [t for t in _mdb("mdb-tables", "-1", str(path)).splitlines() if t.strip()]:
        raw = _mdb("mdb-export", "-D", "%Y-%m-%d", "-T", "%Y-%m-%d %H:%M:%S", str(path), table)
        name = table.strip().upper()
        rows = []
        reader = csv.DictReader(io.StringIO(raw))
        columns[name] = list(reader.fieldnames or [])
        converters = _converters(name, columns[name])
        for r in reader:
            findings += recover_lost_dates(name, r)
            rows.append(_convert(converters, r.values()))
        out[name] = rows
    return out, columns, findings


def read_tables(path: Path) -> tuple[dict[str, list[dict]], dict[str, list[str]], list[Finding]]:
    if path.suffix.lower() == ".mdb":
        return read_mdb(path)
    return (*read_xlsx(path), [])
