"""Writing a package: DK in GBK with the template's widths (fiona), byte 29 = 0x4D and no .cpg, the county's
Gauss-Krüger .prj; the 权属 tables as XLSX in MDB column order; 权属单位代码表; the six 汇总表."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import fiona
import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import mapping

from ..parcels.geometry import SRID
from .fields import DK_SCHEMA, TABLES
from .findings import Finding, error
from .xlsx import write_workbook

LDID_GBK = 0x4D


def gk_srid(longitude: float) -> int:
    """The CGCS2000 3° Gauss-Krüger zone (CM variant, EPSG 4534–4554) whose central meridian is nearest."""
    return 4534 + round(longitude / 3) - 25


def gbk_findings(source: str, key_field: str, rows) -> list[Finding]:
    """EX-12: every text must be representable in GBK (the libraries drop what is not, silently)."""
    out = []
    for r in rows:
        for name, value in r.items():
            if isinstance(value, str):
                try:
                    value.encode("gbk")
                except UnicodeEncodeError:
                    out.append(error("EX-12", source, str(r.get(key_field) or ""),
                                     "{field} {value} cannot be written in GBK.", field=name, value=value))
    return out


def write_dk(path: Path, records: list[dict], geoms: list, srid: int) -> None:
    """DK<county><year>.shp: fiona with the template widths in cp936, then byte 29 = 0x4D and no .cpg."""
    to_gk = Transformer.from_crs(SRID, srid, always_xy=True)
    array = shapely.transform(np.array(geoms, dtype=object),
                              lambda xy: np.column_stack(to_gk.transform(xy[:, 0], xy[:, 1])))
    array = shapely.orient_polygons(array, exterior_cw=True)  # the shapefile convention
    schema = {"geometry": "Polygon", "properties": dict(DK_SCHEMA)}
    with fiona.open(path, "w", driver="ESRI Shapefile", schema=schema, crs=f"EPSG:{srid}",
                    encoding="cp936") as dst:
        dst.writerecords({"geometry": mapping(g),
                          "properties": {k: _plain(r.get(k)) for k, _ in DK_SCHEMA}}
                         for r, g in zip(records, array, strict=True))
    with open(path.with_suffix(".dbf"), "r+b") as fh:
        fh.seek(29)
        fh.write(bytes([LDID_GBK]))
    path.with_suffix(".cpg").unlink(missing_ok=True)


def _plain(v):
    return float(v) if isinstance(v, Decimal) else v


def write_tables(path: Path, tables: dict[str, list[dict]]) -> None:
    """One sheet per table, named as the table, columns in the MDB's order."""
    def rows(name, columns):
        yield [c for c, _ in columns]
        for r in tables.get(name, []):
            yield [_cell(r.get(c), kind) for c, kind in columns]
    write_workbook(path, {name: rows(name, columns) for name, columns in TABLES.items()})


def _cell(v, kind: str):
    if v is None:
        return None
    if kind == "D" and isinstance(v, date):
        return v.isoformat()  # text: a spreadsheet date cannot hold 9999-01-01 everywhere
    return v


def write_sheet(path: Path, title: str, header: list[str], rows: list[list]) -> None:
    write_workbook(path, {title: [header, *rows]})
