"""The DK layer's .dbf written directly: dBASE III with the template's exact widths (C19, N16.2 …), GBK text
and the language byte 29 = 0x4D, one column at a time (fiona's record-by-record writer was the export's
slowest part). Nulls as GDAL writes them: spaces in text, '*' in numbers."""

from __future__ import annotations

import struct
from datetime import date
from pathlib import Path

LDID_GBK = 0x4D


def _spec(kind: str) -> tuple[str, int, int]:
    """fiona's schema type ('str:19', 'int:10', 'float:16.2') → (dBASE type, width, decimals)."""
    name, _, size = kind.partition(":")
    width, _, decimals = size.partition(".")
    return ("C" if name == "str" else "N"), int(width), int(decimals or 0)


def _text_column(values, width: int) -> list[bytes]:
    out = []
    for v in values:
        raw = b"" if v is None else str(v).encode("gbk")
        if len(raw) > width:  # cut on a character boundary, as GDAL does
            raw = raw[:width].decode("gbk", errors="ignore").encode("gbk")
        out.append(raw.ljust(width))
    return out


def _number_column(values, width: int, decimals: int) -> list[bytes]:
    null = b"*" * width
    fmt = f"{{:>{width}.{decimals}f}}" if decimals else f"{{:>{width}d}}"
    return [
        null if v is None else fmt.format(float(v) if decimals else int(v)).encode()[:width] for v in values
    ]


def write_dbf(path: Path, schema, records: list[dict]) -> None:
    """`schema`: (name, fiona type) pairs in field order; `records`: dicts by field name."""
    specs = [(name, *_spec(kind)) for name, kind in schema]
    columns = []
    for name, kind, width, decimals in specs:
        values = [r.get(name) for r in records]
        columns.append(
            _text_column(values, width) if kind == "C" else _number_column(values, width, decimals)
        )
    today = date.today()
    header_len = 32 + 32 * len(specs) + 1
    record_len = 1 + sum(w for _, _, w, _ in specs)
    with open(path, "wb") as fh:
        fh.write(
            struct.pack(
                "<BBBBIHH17sB2s",
                0x03,
                today.year - 1900,
                today.month,
                today.day,
                len(records),
                header_len,
                record_len,
                b"",
                LDID_GBK,
                b"",
            )
        )
        for name, kind, width, decimals in specs:
            fh.write(
                struct.pack("<11sc4sBB14s", name.encode("ascii"), kind.encode(), b"", width, decimals, b"")
            )
        fh.write(b"\r")
        buf = []
        for cells in zip(*columns, strict=True):
            buf.append(b" " + b"".join(cells))
            if len(buf) >= 10_000:
                fh.write(b"".join(buf))
                buf.clear()
        fh.write(b"".join(buf) + b"\x1a")
