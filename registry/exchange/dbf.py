"""The DK layer's .dbf written directly: dBASE III with the template's exact widths (C19, N16.2 …), GBK text
and the language byte 29 = 0x4D. Column by column into one numpy byte matrix: each text column encoded with
one call, each number column formatted with one `%` (fiona's record-by-record writer, then a Python loop per
cell, were the export's slowest parts). Nulls as GDAL writes them: spaces in text, '*' in numbers."""

from __future__ import annotations

import struct
from datetime import date
from itertools import repeat
from pathlib import Path

import numpy as np

LDID_GBK = 0x4D
_SEP = "\x00"  # GBK never yields a zero byte inside a character, so the encoded column splits back exactly


def _spec(kind: str) -> tuple[str, int, int]:
    """fiona's schema type ('str:19', 'int:10', 'float:16.2') → (dBASE type, width, decimals)."""
    name, _, size = kind.partition(":")
    width, _, decimals = size.partition(".")
    return ("C" if name == "str" else "N"), int(width), int(decimals or 0)


def _fit(raw: bytes, width: int) -> bytes:
    """Cut on a character boundary, as GDAL does."""
    return raw[:width].decode("gbk", errors="ignore").encode("gbk") if len(raw) > width else raw


def _text_column(values: list, width: int) -> np.ndarray:
    if not values:
        return np.zeros((0, width), dtype=np.uint8)
    texts = ["" if v is None else v if type(v) is str else str(v) for v in values]
    joined = _SEP.join(texts)
    if joined.count(_SEP) != len(texts) - 1:  # a zero character in a value: encode one by one
        raw = [t.encode("gbk") for t in texts]
    else:
        raw = joined.encode("gbk").split(_SEP.encode())  # UnicodeEncodeError: EX-12
    cells = np.array(raw, dtype=f"S{width}")
    for k in np.flatnonzero(np.fromiter(map(len, raw), dtype=np.int64, count=len(raw)) > width):
        cells[k] = _fit(raw[k], width)
    matrix = cells.view(np.uint8).reshape(len(raw), width).copy()
    matrix[matrix == 0] = 0x20  # numpy pads with zero bytes, dBASE with spaces
    return matrix


def _number_column(values: list, width: int, decimals: int) -> np.ndarray:
    fmt = f"%{width}.{decimals}f" if decimals else f"%{width}d"
    nulls = [k for k, v in enumerate(values) if v is None]
    filled = [0 if v is None else v for v in values] if nulls else values
    text = (fmt * len(filled)) % tuple(filled)
    if len(text) != width * len(filled):  # a value wider than its field: cut as the template's writer did
        text = "".join((fmt % v)[:width] for v in filled)
    matrix = np.frombuffer(text.encode("ascii"), dtype=np.uint8).reshape(len(filled), width).copy()
    matrix[nulls] = ord("*")
    return matrix


def write_dbf(path: Path, schema, records: list[dict]) -> None:
    """`schema`: (name, fiona type) pairs in field order; `records`: dicts by field name."""
    specs = [(name, *_spec(kind)) for name, kind in schema]
    header_len = 32 + 32 * len(specs) + 1
    record_len = 1 + sum(w for _, _, w, _ in specs)
    body = np.full((len(records), record_len), 0x20, dtype=np.uint8)  # byte 0: not deleted
    offset = 1
    for name, kind, width, decimals in specs:
        values = list(map(dict.get, records, repeat(name)))
        body[:, offset : offset + width] = (
            _text_column(values, width) if kind == "C" else _number_column(values, width, decimals)
        )
        offset += width
    today = date.today()
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
        fh.write(body.tobytes())
        fh.write(b"\x1a")
