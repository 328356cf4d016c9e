"""Writing a package: DK in GBK with the template's widths (our .dbf writer), byte 29 = 0x4D and no .cpg, the
county's
Gauss-Krüger .prj; the 权属 tables as XLSX in MDB column order; 权属单位代码表; the six 汇总表."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyogrio.raw
import shapely
from pyproj import Transformer

from ..parcels.geometry import SRID
from .dbf import write_dbf
from .fields import DK_SCHEMA, TABLES
from .findings import Finding, error
from .xlsx import write_workbook


def gk_srid(longitude: float) -> int:
    """The CGCS2000 3° Gauss-Krüger zone (CM variant, EPSG 4534–4554) whose central meridian is nearest."""
    return 4534 + round(longitude / 3) - 25


def gbk_findings(source: str, key_field: str, rows) -> list[Finding]:
    """EX-12: the records with a text GBK cannot hold (the libraries would drop it silently), each named."""
    out = []
    for r in rows:
        for name, value in r.items():
            if isinstance(value, str):
                try:
                    value.encode("gbk")
                except UnicodeEncodeError:
                    out.append(
                        error(
                            "EX-12",
                            source,
                            str(r.get(key_field) or ""),
                            "{field} {value} cannot be written in GBK.",
                            field=name,
                            value=value,
                        )
                    )
    return out


def write_dk(path: Path, records: list[dict], geoms: list, srid: int) -> None:
    """DK<county><year>.shp (see `write_layer`)."""
    write_layer(path, DK_SCHEMA, records, geoms, srid)


def write_layer(path: Path, schema, records: list[dict], geoms: list, srid: int) -> None:
    """A polygon layer of the package: geometries through pyogrio in the Gauss-Krüger `srid`, the .dbf with
    the
    template widths in GBK and byte 29 = 0x4D by `write_dbf`, no .cpg."""
    to_gk = Transformer.from_crs(SRID, srid, always_xy=True)
    array = shapely.transform(
        np.array(geoms, dtype=object), lambda xy: np.column_stack(to_gk.transform(xy[:, 0], xy[:, 1]))
    )
    array = shapely.orient_polygons(array, exterior_cw=True)  # the shapefile convention
    pyogrio.raw.write(
        path,
        shapely.to_wkb(array),
        [],
        [],
        driver="ESRI Shapefile",
        geometry_type="MultiPolygon",
        crs=f"EPSG:{srid}",
    )
    write_dbf(path.with_suffix(".dbf"), schema, records)
    path.with_suffix(".cpg").unlink(missing_ok=True)


def write_tables(path: Path, tables: dict[str, list[dict]]) -> None:
    """One sheet per table, named as the table, columns in the MDB's order (dates as ISO text)."""

    def rows(name, columns):
        names = [c for c, _ in columns]
        yield names
        for r in tables.get(name, []):
            yield list(map(r.get, names))

    write_workbook(path, {name: rows(name, columns) for name, columns in TABLES.items()})


def write_sheet(path: Path, title: str, header: list[str], rows: list[list]) -> None:
    write_workbook(path, {title: [header, *rows]})
